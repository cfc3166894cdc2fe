import Foundation
import Testing
@testable import PasserelleBuild
import PasserelleModel

/// A failing build leaves Output/ as it was; a good one replaces it in one step; nothing is written outside it.
@Suite("Build safety")
struct BuildSafetyTests {
    static let sentinel = "sentinel.txt"
    static let sentinelBytes = Data("written by a person, not by passerelle\n".utf8)

    /// Adds `line` to the front matter of Cap Ondaine in a content copy (after its `kind:` line).
    static func addToCapOndaine(_ content: URL, _ line: String) throws {
        let file = content.appendingPathComponent("projects/cap-ondaine.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "kind: project\n", with: "kind: project\n\(line)\n").utf8).write(to: file)
    }

    @Test("a build with errors leaves the previous output byte for byte, sentinel included")
    func failedBuildKeepsOutput() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-build")
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Output")
        let first = await BuildSupport.build(output: output)
        #expect(first.succeeded, "\(first.diagnostics)")
        try Self.sentinelBytes.write(to: output.appendingPathComponent(Self.sentinel))
        let before = BuildSupport.snapshot(output)
        #expect(before.count > 10)

        let content = try BuildSupport.copyContent(into: directory)
        try Self.addToCapOndaine(content, "colour: red")
        let second = await BuildSupport.build(content: content.path, output: output)

        #expect(!second.succeeded)
        #expect(second.diagnostics.errors.map(\.message) == ["clé inconnue «\u{A0}colour\u{A0}» dans la fiche projet"])
        #expect(second.filesWritten == 0)
        let after = BuildSupport.snapshot(output)
        #expect(after[Self.sentinel] == Self.sentinelBytes)
        #expect(after == before)
    }

    @Test("a failed build leaves no temporary folder beside the output")
    func failedBuildLeavesNoTemp() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-build")
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Output")
        _ = await BuildSupport.build(output: output)
        let content = try BuildSupport.copyContent(into: directory)
        try Self.addToCapOndaine(content, "colour: red")
        _ = await BuildSupport.build(content: content.path, output: output)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["Content", "Output"])
    }

    @Test("a successful rebuild replaces the folder: the sentinel is gone, no .passerelle-tmp-* is left")
    func rebuildReplaces() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-build")
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Output")
        let first = await BuildSupport.build(output: output)
        #expect(first.succeeded)
        try Self.sentinelBytes.write(to: output.appendingPathComponent(Self.sentinel))

        let second = await BuildSupport.build(output: output)
        #expect(second.succeeded, "\(second.diagnostics)")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(Self.sentinel).path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("fiches/cap-ondaine/index.html").path))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(names == ["Output"])
    }

    @Test("a build removes temporary folders left by a killed build")
    func staleTempRemoved() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-build")
        defer { BuildSupport.cleanUp(directory) }
        let stale = directory.appendingPathComponent(".passerelle-tmp-Output-99999")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: stale.appendingPathComponent("index.html"))
        let report = await BuildSupport.build(output: directory.appendingPathComponent("Output"))
        #expect(report.succeeded)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["Output"])
    }

    @Test("filesWritten counts the files of the output folder")
    func filesWrittenCount() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-build")
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Output")
        let report = await BuildSupport.build(output: output)
        #expect(report.filesWritten == BuildSupport.snapshot(output).count)
    }

    @Test("an output folder equal to the content folder is refused and nothing is touched")
    func outputIsContent() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-build")
        defer { BuildSupport.cleanUp(directory) }
        let content = try BuildSupport.copyContent(into: directory)
        let before = BuildSupport.snapshot(content)
        let report = await Pipeline.build(BuildOptions(content: content.path, templates: BuildSupport.templates, output: content.path))
        #expect(report.diagnostics.said == [Said.error("output-inside-sources", content.path, .start,
            "le dossier de sortie «\u{A0}\(content.path)\u{A0}» contient «\u{A0}\(content.path)\u{A0}»\u{A0}: la construction l’effacerait",
            hint: "choisissez un dossier de sortie hors du contenu et des modèles, par exemple --output Output")])
        #expect(BuildSupport.snapshot(content) == before)
    }

    @Test("an output folder containing the content folder is refused and nothing is touched")
    func outputContainsContent() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-build")
        defer { BuildSupport.cleanUp(directory) }
        let content = try BuildSupport.copyContent(into: directory)
        let before = BuildSupport.snapshot(directory)
        let report = await Pipeline.build(BuildOptions(content: content.path, templates: BuildSupport.templates, output: directory.path))
        #expect(report.diagnostics.map(\.message) == ["le dossier de sortie «\u{A0}\(directory.path)\u{A0}» contient «\u{A0}\(content.path)\u{A0}»\u{A0}: la construction l’effacerait"])
        #expect(BuildSupport.snapshot(directory) == before)
    }

    @Test("an output folder written with a trailing slash or .. that is the content folder is refused")
    func outputIsContentSpeltDifferently() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-build")
        defer { BuildSupport.cleanUp(directory) }
        let content = try BuildSupport.copyContent(into: directory)
        let before = BuildSupport.snapshot(content)
        for output in [content.path + "/", content.path + "/projects/..", directory.path + "/./Content"] {
            let report = await Pipeline.build(BuildOptions(content: content.path, templates: BuildSupport.templates, output: output))
            #expect(!report.succeeded, "output \(output) was accepted")
            #expect(report.filesWritten == 0)
        }
        #expect(BuildSupport.snapshot(content) == before)
    }

    @Test("an output folder reached through a symbolic link to the content's parent is refused")
    func outputThroughSymlink() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-build")
        defer { BuildSupport.cleanUp(directory) }
        let site = directory.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        let content = try BuildSupport.copyContent(into: site)
        let link = directory.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: site)
        let before = BuildSupport.snapshot(site)
        let report = await Pipeline.build(BuildOptions(content: content.path, templates: BuildSupport.templates, output: link.path))
        #expect(!report.succeeded)
        #expect(BuildSupport.snapshot(site) == before)
    }

    @Test("an output folder equal to the templates folder is refused")
    func outputIsTemplates() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-build")
        defer { BuildSupport.cleanUp(directory) }
        let templates = directory.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: BuildSupport.templates), to: templates)
        let before = BuildSupport.snapshot(templates)
        let report = await Pipeline.build(BuildOptions(content: BuildSupport.content, templates: templates.path, output: templates.path))
        #expect(report.diagnostics.map(\.message) == ["le dossier de sortie «\u{A0}\(templates.path)\u{A0}» contient «\u{A0}\(templates.path)\u{A0}»\u{A0}: la construction l’effacerait"])
        #expect(BuildSupport.snapshot(templates) == before)
    }

    @Test("an output path that is a file is an error and the file is left as it was")
    func outputIsAFile() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-build")
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Output")
        try Self.sentinelBytes.write(to: output)
        let report = await BuildSupport.build(output: output)
        #expect(report.diagnostics.map(\.message) == ["le site n’a pas pu être écrit\u{A0}: '\(output.path)' exists and is not a folder"])
        #expect(report.filesWritten == 0)
        #expect(FileManager.default.contents(atPath: output.path) == Self.sentinelBytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["Output"])
    }

    @Test("an output folder that is a symbolic link gets the new site in the folder it points to")
    func outputIsASymlink() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-build")
        defer { BuildSupport.cleanUp(directory) }
        let target = directory.appendingPathComponent("www")
        // A folder an earlier build wrote (a folder of documents would be refused: see OutputOwnershipTests).
        #expect(await BuildSupport.build(output: target).succeeded)
        try Self.sentinelBytes.write(to: target.appendingPathComponent(Self.sentinel))
        let output = directory.appendingPathComponent("Output")
        try FileManager.default.createSymbolicLink(at: output, withDestinationURL: target)
        let report = await BuildSupport.build(output: output)
        #expect(report.succeeded)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: output.path)) == target.path)
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("fiches/cap-ondaine/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent(Self.sentinel).path))
    }

    // MARK: OutputWriter.resolve

    static let root = URL(fileURLWithPath: "/tmp/passerelle-resolve-root")

    @Test("resolve refuses paths that are not plain relative paths", arguments: [
        "../x", "/abs", "a//b", "a/./b", "a/../../b", "", "a/", "./a", "..", "a/\u{0}b",
    ])
    func resolveRefuses(_ path: String) {
        let writer = OutputWriter(output: Self.root.path)
        #expect(throws: OutputWriter.Failure.self) { try writer.resolve(path, in: Self.root) }
    }

    @Test("resolve places a relative path inside the root")
    func resolveAccepts() throws {
        let writer = OutputWriter(output: Self.root.path)
        #expect(try writer.resolve("fiches/cap-ondaine/index.html", in: Self.root).path
                == "/tmp/passerelle-resolve-root/fiches/cap-ondaine/index.html")
        #expect(try writer.resolve(".well-known/x", in: Self.root).path == "/tmp/passerelle-resolve-root/.well-known/x")
    }

    @Test("an unsafe path's failure names the path")
    func unsafePathMessage() {
        #expect(OutputWriter.Failure.unsafePath("../x").description == "refused to write '../x': it is not inside the output folder")
    }
}
