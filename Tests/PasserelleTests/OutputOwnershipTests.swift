import Foundation
import Testing
@testable import PasserelleBuild
import PasserelleModel

/// Helpers of the output-folder tests (this file and ConcurrentBuildTests), in their own namespace.
enum OutputTestSupport {
    /// `Tests/Fixtures/output`: two small sites with distinct pages (alpha-* and beta-* plus a glossary).
    static let fixtures = BuildSupport.root.appendingPathComponent("Tests/Fixtures/output")
    static var siteA: String { fixtures.appendingPathComponent("site-a/Content").path }
    static var siteB: String { fixtures.appendingPathComponent("site-b/Content").path }

    static let documents: [String: Data] = [
        "budget.pdf": Data("%PDF-1.4 not really a PDF, but somebody's document\n".utf8),
        "photos/été 2023.jpg": Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46]),
        "notes.txt": Data("à garder\n".utf8),
    ]

    /// A folder of somebody's documents: 3 files in 2 levels.
    @discardableResult
    static func makeDocuments(at folder: URL) throws -> [String: Data] {
        for (path, data) in documents {
            let file = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: file)
        }
        return documents
    }

    static func build(_ content: String = siteB, output: String, force: Bool = false) async -> BuildReport {
        await Pipeline.build(BuildOptions(content: content, templates: BuildSupport.templates, output: output, forceOutput: force))
    }

    /// Runs the built `passerelle` in `directory`; standard output and error together.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws
        -> (status: Int32, output: String) {
        try ProcessTests.run(arguments, in: directory, environment: environment)
    }

    /// `passerelle build --quiet` of site B (absolute paths), writing into `output`.
    static func buildArguments(_ output: String, _ extra: [String] = [], content: String = siteB) -> [String] {
        ["build", "--quiet", "--content", content, "--templates", BuildSupport.templates, "--output", output] + extra
    }

    /// What `build --quiet` prints when the output folder is refused.
    static func refusedOutput(_ output: String, _ message: String, _ hint: String) -> String {
        "\(output):1:1: erreur: \(message) [output-refused]\n    conseil : \(hint)\n1 erreur, 0 avertissement\nConstruction arrêtée : \(output)/ n’a pas été modifié.\n"
    }

    static let foreignHint = "choisissez un dossier nouveau ou vide, par exemple --output Output\u{A0}; ou ajoutez --force pour remplacer ce dossier, "
        + "ce qui efface tout ce qu’il contient"
    static let protectedHint = "écrivez le site dans un dossier à lui, par exemple --output Output (--force ne s’applique pas à ce dossier)"

    /// A fresh empty folder, its path without links (messages show resolved paths); remove it with BuildSupport.cleanUp.
    static func makeDirectory(_ label: String = "passerelle-ownership") -> URL {
        URL(fileURLWithPath: realPath(BuildSupport.makeTempDirectory(label)))
    }

    static func realPath(_ url: URL) -> String {
        guard let resolved = realpath(url.path, nil) else { return url.path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// A build writes only into a folder that is new, empty or Passerelle's; `/`, the home and working folders never.
@Suite("Output folder ownership")
struct OutputOwnershipTests {
    typealias Support = OutputTestSupport

    // MARK: Foreign folders

    @Test("a folder of documents is refused with its file count and first file, and is left byte for byte")
    func foreignFolderRefused() async throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        let documents = directory.appendingPathComponent("Documents")
        try Support.makeDocuments(at: documents)
        let report = await Support.build(output: documents.path)
        #expect(report.diagnostics.said == [Said.error("output-refused", documents.path, .start,
            "le dossier de sortie «\u{A0}\(documents.path)\u{A0}» n’est pas vide et n’a pas été écrit par Passerelle\u{A0}: il contient 3 fichiers, par exemple «\u{A0}budget.pdf\u{A0}»",
            hint: Support.foreignHint)])
        #expect(report.filesWritten == 0)
        #expect(BuildSupport.snapshot(documents) == Support.documents)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["Documents"])
    }

    @Test("the refusal counts files at every level, or folders when there is no file", arguments: [
        (["notes.txt"], [String](), "il contient 1 fichier, «\u{A0}notes.txt\u{A0}»"),
        (["b/deep/x.txt", "a.txt"], [], "il contient 2 fichiers, par exemple «\u{A0}a.txt\u{A0}»"),
        (["z/inner/y.txt"], [], "il contient 1 fichier, «\u{A0}z/inner/y.txt\u{A0}»"),
        ([], ["photos"], "il contient 1 dossier, «\u{A0}photos\u{A0}»"),
        ([], ["b", "a/c"], "il contient 3 dossiers, par exemple «\u{A0}a\u{A0}»"),
        ([".DS_Store", ".hidden"], [], "il contient 1 fichier, «\u{A0}.hidden\u{A0}»"),
    ])
    func refusalCounts(files: [String], folders: [String], holds: String) async throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        for folder in folders {
            try FileManager.default.createDirectory(at: output.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in files {
            let url = output.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        let report = await Support.build(output: output.path)
        #expect(report.diagnostics.map(\.message)
                == ["le dossier de sortie «\u{A0}\(output.path)\u{A0}» n’est pas vide et n’a pas été écrit par Passerelle\u{A0}: \(holds)"])
    }

    @Test("an empty folder, or one holding only .DS_Store, is written")
    func emptyFolderAccepted() async throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        let empty = directory.appendingPathComponent("Empty")
        let finder = directory.appendingPathComponent("Finder")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: finder, withIntermediateDirectories: true)
        try Data([0, 0, 0, 1]).write(to: finder.appendingPathComponent(".DS_Store"))
        for output in [empty, finder] {
            let report = await Support.build(output: output.path)
            #expect(report.succeeded, "\(report.diagnostics)")
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("pages/beta-1/index.html").path))
        }
    }

    @Test("every build writes the same marker, counted in filesWritten; a folder with it is replaced as a whole")
    func markedFolderReplaced() async throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Out")
        let first = await Support.build(Support.siteA, output: output.path)
        #expect(first.succeeded)
        let marker = output.appendingPathComponent(".passerelle-output")
        #expect(FileManager.default.contents(atPath: marker.path) == Data(OutputWriter.marker.utf8))
        #expect(OutputWriter.marker.hasPrefix("passerelle-output 1\nThis folder is written by Passerelle"))
        #expect(first.filesWritten == BuildSupport.snapshot(output).count)
        let afterFirst = BuildSupport.snapshot(output)
        try Data("added by hand".utf8).write(to: output.appendingPathComponent("by-hand.txt"))

        let second = await Support.build(Support.siteB, output: output.path)
        #expect(second.succeeded, "\(second.diagnostics)")
        let files = BuildSupport.snapshot(output)
        #expect(files["by-hand.txt"] == nil)
        #expect(files["pages/alpha-1/index.html"] == nil)
        #expect(files["pages/beta-1/index.html"] != nil)
        #expect(files[".passerelle-output"] == afterFirst[".passerelle-output"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["Out"])
    }

    @Test("a marker that is a link, or has other content, is not Passerelle's: the folder is refused")
    func fakeMarkerRefused() async throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        let linked = directory.appendingPathComponent("Linked")
        try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
        let real = directory.appendingPathComponent("real-marker")
        try Data(OutputWriter.marker.utf8).write(to: real)
        try FileManager.default.createSymbolicLink(at: linked.appendingPathComponent(".passerelle-output"), withDestinationURL: real)
        let other = directory.appendingPathComponent("Other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("my own notes\n".utf8).write(to: other.appendingPathComponent(".passerelle-output"))
        for output in [linked, other] {
            let before = BuildSupport.snapshot(output)
            let report = await Support.build(output: output.path)
            #expect(report.diagnostics.map(\.message)
                    == ["le dossier de sortie «\u{A0}\(output.path)\u{A0}» n’est pas vide et n’a pas été écrit par Passerelle\u{A0}: il contient 1 fichier, «\u{A0}.passerelle-output\u{A0}»"])
            #expect(BuildSupport.snapshot(output) == before)
        }
    }

    @Test("force replaces a folder Passerelle did not write")
    func forceReplacesForeignFolder() async throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        let documents = directory.appendingPathComponent("Documents")
        try Support.makeDocuments(at: documents)
        let report = await Support.build(output: documents.path, force: true)
        #expect(report.succeeded, "\(report.diagnostics)")
        let files = BuildSupport.snapshot(documents)
        #expect(files["budget.pdf"] == nil)
        #expect(files["pages/beta-1/index.html"] != nil)
        #expect(files[".passerelle-output"] == Data(OutputWriter.marker.utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["Documents"])
    }

    @Test("a link to a folder of documents is checked where it points: refused, documents and link kept")
    func linkToDocumentsRefused() async throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        let documents = directory.appendingPathComponent("Documents")
        try Support.makeDocuments(at: documents)
        let link = directory.appendingPathComponent("Out")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: documents)
        let report = await Support.build(output: link.path)
        #expect(report.diagnostics.map(\.message) == [
            "le dossier de sortie «\u{A0}\(link.path)\u{A0}» (qui mène à «\u{A0}\(documents.path)\u{A0}») n’est pas vide et n’a pas été écrit par Passerelle\u{A0}: "
                + "il contient 3 fichiers, par exemple «\u{A0}budget.pdf\u{A0}»",
        ])
        #expect(BuildSupport.snapshot(documents) == Support.documents)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) == documents.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["Documents", "Out"])
    }

    @Test("a link to a folder a build wrote, or to an empty one, gets the site where it points; the link is kept")
    func linkToMarkedFolderWritten() async throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        let www = directory.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: www, withIntermediateDirectories: true)
        let link = directory.appendingPathComponent("Out")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: www)
        for content in [Support.siteA, Support.siteB] {
            let report = await Support.build(content, output: link.path)
            #expect(report.succeeded, "\(report.diagnostics)")
        }
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) == www.path)
        #expect(FileManager.default.fileExists(atPath: www.appendingPathComponent("pages/beta-1/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: www.appendingPathComponent("pages/alpha-1/index.html").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["Out", "www"])
    }

    @Test("the write itself refuses a foreign folder (the check is made again under the lock)")
    func writeRefusesForeignFolder() async throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        let documents = directory.appendingPathComponent("Documents")
        try Support.makeDocuments(at: documents)
        let writer = OutputWriter(output: documents.path)
        await #expect(throws: OutputWriter.Failure.self) {
            try await writer.write([RenderedFile(path: "index.html", contents: Array("<p>x</p>".utf8))])
        }
        #expect(BuildSupport.snapshot(documents) == Support.documents)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["Documents"])
    }

    // MARK: Folders never replaced

    @Test("the root, the home folder, the working folder and the folders containing them are refused, even with force")
    func protectedFolders() throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        let home = directory.appendingPathComponent("home/ada")
        let work = directory.appendingPathComponent("work/site")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let surroundings = OutputWriter.Surroundings(home: home.path, workingDirectory: work.path)
        let cases: [(String, String)] = [
            ("/", "le dossier de sortie «\u{A0}/\u{A0}» est la racine du système de fichiers\u{A0}: Passerelle ne le remplace jamais"),
            (home.path, "le dossier de sortie «\u{A0}\(home.path)\u{A0}» est votre dossier personnel\u{A0}: Passerelle ne le remplace jamais"),
            (home.path + "/", "le dossier de sortie «\u{A0}\(home.path)/\u{A0}» est votre dossier personnel\u{A0}: Passerelle ne le remplace jamais"),
            (directory.appendingPathComponent("home").path,
             "le dossier de sortie «\u{A0}\(directory.path)/home\u{A0}» contient votre dossier personnel\u{A0}: Passerelle ne le remplace jamais"),
            (work.path, "le dossier de sortie «\u{A0}\(work.path)\u{A0}» est le dossier de travail\u{A0}: Passerelle ne le remplace jamais"),
            (work.path + "/../site", "le dossier de sortie «\u{A0}\(work.path)/../site\u{A0}» est le dossier de travail\u{A0}: Passerelle ne le remplace jamais"),
            (directory.appendingPathComponent("work").path,
             "le dossier de sortie «\u{A0}\(directory.path)/work\u{A0}» contient le dossier de travail «\u{A0}\(work.path)\u{A0}»\u{A0}: Passerelle ne le remplace jamais"),
        ]
        for force in [false, true] {
            for (output, message) in cases {
                let writer = OutputWriter(output: output, force: force, surroundings: surroundings)
                #expect(writer.checkProtected().map { [$0.message.fr, $0.hint.fr] } == [message, Support.protectedHint],
                        "output \(output)")
            }
            let empty = OutputWriter(output: "", force: force, surroundings: surroundings)
            #expect(empty.checkProtected().map { [$0.message.fr, $0.hint.fr] } == [
                "le chemin de sortie est vide\u{A0}: la construction remplacerait le dossier de travail",
                "indiquez le dossier où écrire le site, par exemple --output Output"])
            // A folder beside them, or inside them, is not protected.
            for output in [work.appendingPathComponent("Output").path, home.appendingPathComponent("www").path,
                           directory.appendingPathComponent("work/site-preview").path] {
                #expect(OutputWriter(output: output, force: force, surroundings: surroundings).checkProtected() == nil)
            }
        }
    }

    @Test("a link to the home folder is refused as the home folder")
    func linkToHomeRefused() throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        let home = directory.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let link = directory.appendingPathComponent("Out")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: home)
        let writer = OutputWriter(output: link.path, force: true,
                                  surroundings: .init(home: home.path, workingDirectory: directory.path + "/elsewhere"))
        #expect(writer.checkProtected()?.message.fr
                == "le dossier de sortie «\u{A0}\(link.path)\u{A0}» (qui mène à «\u{A0}\(home.path)\u{A0}») est votre dossier personnel\u{A0}: Passerelle ne le remplace jamais")
    }

    @Test("an empty output path is refused before anything is read (it would be the working folder)")
    func emptyPathInProcess() async {
        let report = await Support.build(output: "", force: true)
        #expect(report.diagnostics.said == [Said.error("output-refused", "", .start, "le chemin de sortie est vide\u{A0}: la construction remplacerait le dossier de travail",
                                              hint: "indiquez le dossier où écrire le site, par exemple --output Output")])
        #expect(report.steps.isEmpty)
    }

    // MARK: The command

    @Test("build into a folder of documents: exit 1, the exact message, documents byte for byte")
    func commandRefusesForeignFolder() throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        try Support.makeDocuments(at: directory.appendingPathComponent("Documents"))
        let result = try Support.run(Support.buildArguments("Documents"), in: directory)
        #expect(result.status == 1)
        #expect(result.output == Support.refusedOutput("Documents",
            "le dossier de sortie «\u{A0}Documents\u{A0}» n’est pas vide et n’a pas été écrit par Passerelle\u{A0}: il contient 3 fichiers, par exemple «\u{A0}budget.pdf\u{A0}»",
            Support.foreignHint))
        #expect(BuildSupport.snapshot(directory.appendingPathComponent("Documents")) == Support.documents)
    }

    @Test("build --force into a folder of documents: exit 0, the site replaces them")
    func commandForceReplaces() throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        try Support.makeDocuments(at: directory.appendingPathComponent("Documents"))
        let result = try Support.run(Support.buildArguments("Documents", ["--force"]), in: directory)
        #expect(result.status == 0)
        #expect(result.output == "")
        let files = BuildSupport.snapshot(directory.appendingPathComponent("Documents"))
        #expect(files["budget.pdf"] == nil && files["pages/beta-1/index.html"] != nil)
        // Now Passerelle's: the next build needs no --force.
        #expect(try Support.run(Support.buildArguments("Documents", content: Support.siteA), in: directory).status == 0)
    }

    @Test("build through a link to a folder of documents: exit 1, documents byte for byte, link kept")
    func commandRefusesLinkToDocuments() throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        let documents = directory.appendingPathComponent("Documents")
        try Support.makeDocuments(at: documents)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("Output").path, withDestinationPath: "Documents")
        let result = try Support.run(Support.buildArguments("Output"), in: directory)
        #expect(result.status == 1)
        let real = Support.realPath(documents)
        #expect(result.output == Support.refusedOutput("Output",
            "le dossier de sortie «\u{A0}Output\u{A0}» (qui mène à «\u{A0}\(real)\u{A0}») n’est pas vide et n’a pas été écrit par Passerelle\u{A0}: "
                + "il contient 3 fichiers, par exemple «\u{A0}budget.pdf\u{A0}»",
            Support.foreignHint))
        #expect(BuildSupport.snapshot(documents) == Support.documents)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: directory.appendingPathComponent("Output").path)) == "Documents")
    }

    @Test("build into the working folder is refused, with or without --force", arguments: [[String](), ["--force"]])
    func commandRefusesWorkingFolder(_ extra: [String]) throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        try Support.makeDocuments(at: directory)
        for output in [".", "./", Support.realPath(directory)] {
            let result = try Support.run(Support.buildArguments(output, extra), in: directory)
            #expect(result.status == 1)
            #expect(result.output == Support.refusedOutput(output,
                "le dossier de sortie «\u{A0}\(output)\u{A0}» est le dossier de travail\u{A0}: Passerelle ne le remplace jamais", Support.protectedHint))
        }
        #expect(BuildSupport.snapshot(directory) == Support.documents)
    }

    @Test("build into a folder that contains the working folder is refused, even with --force")
    func commandRefusesParentOfWorkingFolder() throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        let work = directory.appendingPathComponent("site/sub")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let result = try Support.run(Support.buildArguments("..", ["--force"]), in: work)
        #expect(result.status == 1)
        #expect(result.output == Support.refusedOutput("..",
            "le dossier de sortie «\u{A0}..\u{A0}» contient le dossier de travail «\u{A0}\(Support.realPath(work))\u{A0}»\u{A0}: Passerelle ne le remplace jamais",
            Support.protectedHint))
        #expect(FileManager.default.fileExists(atPath: work.path))
    }

    @Test("build into $HOME is refused, even with --force; the home folder is left byte for byte")
    func commandRefusesHome() throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        let home = directory.appendingPathComponent("home")
        try Support.makeDocuments(at: home)
        let work = directory.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        for output in [home.path, "../home"] {
            let result = try Support.run(Support.buildArguments(output, ["--force"]), in: work, environment: ["HOME": home.path])
            #expect(result.status == 1)
            #expect(result.output == Support.refusedOutput(output,
                "le dossier de sortie «\u{A0}\(output)\u{A0}» est votre dossier personnel\u{A0}: Passerelle ne le remplace jamais", Support.protectedHint))
        }
        #expect(BuildSupport.snapshot(home) == Support.documents)
    }

    @Test("build into / is refused, even with --force")
    func commandRefusesRoot() throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        // A content folder that does not exist: were the refusal ever missing, the build would stop at reading it.
        let missing = directory.appendingPathComponent("Missing").path
        let result = try Support.run(Support.buildArguments("/", ["--force"], content: missing), in: directory)
        #expect(result.status == 1)
        #expect(result.output == Support.refusedOutput("/",
            "le dossier de sortie «\u{A0}/\u{A0}» est la racine du système de fichiers\u{A0}: Passerelle ne le remplace jamais", Support.protectedHint))
    }

    @Test("build with an empty output path is refused, even with --force")
    func commandRefusesEmptyPath() throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        try Support.makeDocuments(at: directory)
        let result = try Support.run(Support.buildArguments("", ["--force"]), in: directory)
        #expect(result.status == 1)
        #expect(result.output == Support.refusedOutput("", "le chemin de sortie est vide\u{A0}: la construction remplacerait le dossier de travail",
                                                       "indiquez le dossier où écrire le site, par exemple --output Output"))
        #expect(BuildSupport.snapshot(directory) == Support.documents)
    }

    @Test("build --help and serve --help explain --force and the folders it never replaces", arguments: ["build", "serve"])
    func helpExplainsForce(_ command: String) throws {
        let directory = Support.makeDirectory()
        defer { BuildSupport.cleanUp(directory) }
        let help = try Support.run([command, "--help"], in: directory).output
        let flat = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("--force Replace the output folder even if Passerelle did not write it: everything in it is deleted. "
                              + "Never for /, your home folder or the working folder."))
        #expect(flat.contains(".passerelle-output"))
    }
}
