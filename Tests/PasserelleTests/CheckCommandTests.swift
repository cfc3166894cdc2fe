import Foundation
import Testing
@testable import PasserelleBuild
@testable import PasserelleContent
import PasserelleModel
import PasserelleRender

/// `passerelle check FILE`, `check -` and the theme's checks, run as an editor runs them: the real executable.
@Suite("passerelle check: one file, standard input, the theme, the editor's files", .serialized)
struct CheckCommandTests {
    /// A copy of the example site (content and theme) in a fresh folder.
    static func site() throws -> URL {
        let directory = BuildSupport.makeTempDirectory("passerelle-check")
        try ProcessTests.exampleSite(in: directory)
        return directory
    }

    /// Runs the tool in `directory` with `input` on its standard input; messages in the site's language (French).
    static func run(_ arguments: [String], in directory: URL, input: String? = nil) throws -> (status: Int32, output: String, errors: String) {
        guard let tool = ProcessTests.executable else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(["LC_ALL": "C.UTF-8"]) { $1 }
        let output = Pipe()
        let errors = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        try process.run()
        try standardInput.fileHandleForWriting.write(contentsOf: Data((input ?? "").utf8))
        try standardInput.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    static func diagnostics(_ json: String) throws -> [[String: Any]] {
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(report["diagnostics"] as? [[String: Any]])
    }

    static let card = "Content/projects/cap-ondaine.md"

    /// The card with `budget:` misspelt `budjet:` (line 19).
    static func misspeltCard(_ directory: URL) throws -> String {
        let text = try String(contentsOf: directory.appendingPathComponent(card), encoding: .utf8)
        let misspelt = text.replacingOccurrences(of: "\nbudget:\n", with: "\nbudjet:\n")
        #expect(misspelt != text)
        return misspelt
    }

    /// What the same analysis finds in the test's own process, for the fields whose words another change may reword.
    static func expected(_ directory: URL, overrides: [String: String] = [:]) async -> [Diagnostic] {
        let content = directory.appendingPathComponent("Content").path
        return await Pipeline.analyse(content: content, overrides: overrides).diagnostics.map { diagnostic in
            var shown = diagnostic
            shown.file = diagnostic.file.replacingOccurrences(of: content, with: "Content")
            return shown
        }
    }

    static func matches(_ entry: [String: Any], _ diagnostic: Diagnostic) -> Bool {
        let start = entry["start"] as? [String: Int]
        let end = entry["end"] as? [String: Int]
        return entry["file"] as? String == diagnostic.file && entry["rule"] as? String == diagnostic.rule
            && entry["message"] as? String == diagnostic.message(.fr) && entry["hint"] as? String == diagnostic.hint(.fr)
            && entry["severity"] as? String == diagnostic.severity.rawValue
            && entry["line"] as? Int == diagnostic.location.line && entry["column"] as? Int == diagnostic.location.column
            && start == ["line": diagnostic.location.line, "column": diagnostic.location.column]
            && end == diagnostic.end.map { ["line": $0.line, "column": $0.column] }
    }

    @Test("check FILE prints only that file's diagnostics, in JSON with rule, start, end, message and hint")
    func oneFile() async throws {
        let directory = try Self.site()
        defer { BuildSupport.cleanUp(directory) }
        try Self.misspeltCard(directory).write(to: directory.appendingPathComponent(Self.card), atomically: true, encoding: .utf8)
        let organisation = directory.appendingPathComponent("Content/organisations/etat.md")
        let text = try String(contentsOf: organisation, encoding: .utf8)
        try text.replacingOccurrences(of: "\ntype:", with: "\ntyp: x\ntype:").write(to: organisation, atomically: true, encoding: .utf8)

        let whole = try Self.run(["check", "--format", "json"], in: directory)
        #expect(Set(try Self.diagnostics(whole.output).compactMap { $0["file"] as? String })
                == [Self.card, "Content/organisations/etat.md"])

        let result = try Self.run(["check", Self.card, "--format", "json"], in: directory)
        #expect(result.status == 1)
        let entries = try Self.diagnostics(result.output)
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry["file"] as? String == Self.card)
        #expect(entry["line"] as? Int == 19)
        #expect(entry["column"] as? Int == 1)
        #expect(entry["start"] as? [String: Int] == ["line": 19, "column": 1])
        let expected = await Self.expected(directory).filter { $0.file == Self.card }
        #expect(expected.count == 1)
        #expect(expected.first.map { Self.matches(entry, $0) } == true)
    }

    @Test("check - checks the unsaved text given on standard input, as the file --path names")
    func standardInput() async throws {
        let directory = try Self.site()
        defer { BuildSupport.cleanUp(directory) }
        let unsaved = try Self.misspeltCard(directory)
        #expect(try Self.run(["check", Self.card], in: directory).output == "Aucun problème dans Content/projects/cap-ondaine.md.\n")

        let result = try Self.run(["check", "-", "--path", "projects/cap-ondaine.md", "--format", "json"], in: directory, input: unsaved)
        #expect(result.status == 1)
        let entries = try Self.diagnostics(result.output)
        let expected = await Self.expected(directory, overrides: ["projects/cap-ondaine.md": unsaved]).filter { $0.file == Self.card }
        #expect(entries.count == 1 && expected.count == 1)
        #expect(zip(entries, expected).allSatisfy { Self.matches($0, $1) })
        #expect(entries.first?["line"] as? Int == 19)

        // The path as the editor knows it, from the site's folder, says the same.
        let same = try Self.run(["check", "-", "--path", Self.card, "--format", "json"], in: directory, input: unsaved)
        #expect(same.output == result.output)
        // The file on disk was not touched.
        #expect(try Self.run(["check", Self.card], in: directory).status == 0)
    }

    @Test("check - without --path is a new record, checked against the site's themes even as a draft")
    func newRecord() throws {
        let directory = try Self.site()
        defer { BuildSupport.cleanUp(directory) }
        let text = "---\nkind: project\ntitle: \"Nouvelle fiche\"\nthemes: [insertio]\ndraft: true\n---\n\nTexte.\n"
        let result = try Self.run(["check", "-", "--format", "json"], in: directory, input: text)
        #expect(result.status == 1)
        let entries = try Self.diagnostics(result.output)
        #expect(entries.count == 1)
        #expect(entries.first?["file"] as? String == "Content/nouveau.md")
        #expect(entries.first?["start"] as? [String: Int] == ["line": 4, "column": 10])
        #expect(entries.first?["severity"] as? String == "error")
    }

    @Test("check FILE also prints a diagnostic of another file that names it (the other record of a duplicated id)")
    func duplicateNamesTheFile() throws {
        let directory = try Self.site()
        defer { BuildSupport.cleanUp(directory) }
        // A page on disk takes the id `a-copie` with an id: line; the checked record takes it from its file name. The
        // clash is reported at the page's id: line (the one that made it), naming the checked file.
        let page = directory.appendingPathComponent("Content/pages/apropos.md")
        try "---\nkind: page\ntitle: \"À propos\"\nid: a-copie\n---\n".write(to: page, atomically: true, encoding: .utf8)
        let text = "---\nkind: project\ntitle: \"Copie\"\n---\n"
        let result = try Self.run(["check", "-", "--path", "projects/a-copie.md", "--format", "json"], in: directory, input: text)
        #expect(result.status == 1)
        let entries = try Self.diagnostics(result.output)
        #expect(entries.map { $0["file"] as? String } == ["Content/pages/apropos.md"])
        #expect((entries.first?["message"] as? String)?.contains("Content/projects/a-copie.md") == true)
    }

    @Test("a file outside the content folder is refused with exit status 64, in French")
    func outside() throws {
        let directory = try Self.site()
        defer { BuildSupport.cleanUp(directory) }
        let result = try Self.run(["check", "/etc/hostname"], in: directory)
        #expect(result.status == 64)
        #expect(result.output == "")
        #expect(result.errors == "Erreur\u{A0}: «\u{A0}/etc/hostname\u{A0}» n’est pas dans le dossier de contenu «\u{A0}Content\u{A0}»\n")
        let missing = try Self.run(["check", "Content/projects/absente.md"], in: directory)
        #expect(missing.status == 64)
        #expect(missing.errors == "Erreur\u{A0}: fichier introuvable\u{A0}: «\u{A0}Content/projects/absente.md\u{A0}»\n")
    }

    @Test("check runs the theme's checks: a label missing from Templates/i18n/fr.yml is an error")
    func themeChecked() throws {
        let directory = try Self.site()
        defer { BuildSupport.cleanUp(directory) }
        #expect(try Self.run(["check"], in: directory).status == 0)
        let labels = directory.appendingPathComponent("Templates/i18n/fr.yml")
        let lines = try String(contentsOf: labels, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let kept = lines.filter { !$0.hasPrefix(Labels.required[0] + ":") }
        #expect(kept.count == lines.count - 1)
        try kept.joined(separator: "\n").write(to: labels, atomically: true, encoding: .utf8)
        let result = try Self.run(["check", "--format", "json"], in: directory)
        #expect(result.status == 1)
        #expect(try Self.diagnostics(result.output).compactMap { $0["file"] as? String } == ["Templates/i18n/fr.yml"])
        // --templates names another theme folder; a content folder without a theme beside it is checked alone.
        let other = try Self.run(["check", "--templates", "Nowhere"], in: directory)
        #expect(other.status == 1)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("Templates"))
        #expect(try Self.run(["check"], in: directory).status == 0)
    }

    @Test("check finds what only rendering finds, as build does: an old address taken by a page of the site")
    func renderedChecks() throws {
        let directory = try Self.site()
        defer { BuildSupport.cleanUp(directory) }
        let card = directory.appendingPathComponent(Self.card)
        let text = try String(contentsOf: card, encoding: .utf8)
        try text.replacingOccurrences(of: "\ntitle: ", with: "\naliases: [\"fiches/\"]\ntitle: ")
            .write(to: card, atomically: true, encoding: .utf8)
        let result = try Self.run(["check"], in: directory)
        #expect(result.status == 1)
        #expect(result.output == """
            Content/projects/cap-ondaine.md:3:11: erreur: l’ancienne adresse «\u{A0}fiches/\u{A0}» remplacerait «\u{A0}fiches/index.html\u{A0}», un fichier du site [alias-collision]
                conseil : supprimez cette ancienne adresse\u{A0}: une page du site a déjà cette adresse
            1 erreur, 0 avertissement

            """)
        // Nothing is written: no output folder appears.
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("Output").path))
    }

    // MARK: The files of docs/vscode/

    static func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: BuildSupport.root.appendingPathComponent(path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("the problem matcher of docs/vscode/tasks.json reads a real line of check: file, line, column, message, rule")
    func problemMatcher() throws {
        let tasks = try #require(try Self.json("docs/vscode/tasks.json")["tasks"] as? [[String: Any]])
        let check = try #require(tasks.first { ($0["args"] as? [String])?.first == "check" })
        let matchers = try #require(check["problemMatcher"] as? [[String: Any]])
        func pattern(_ severity: String) throws -> NSRegularExpression {
            let matcher = try #require(matchers.first { $0["severity"] as? String == severity })
            let regexp = try #require((matcher["pattern"] as? [String: Any])?["regexp"] as? String)
            return try NSRegularExpression(pattern: regexp)
        }
        let directory = try Self.site()
        defer { BuildSupport.cleanUp(directory) }
        // An error (a misspelt key) and a warning (a web address without https://) in the card.
        let text = try Self.misspeltCard(directory).replacingOccurrences(of: "\nsubtitle:", with: "\nlinks: [{label: \"Site\", url: \"www.example.org\"}]\nsubtitle:")
        try text.write(to: directory.appendingPathComponent(Self.card), atomically: true, encoding: .utf8)
        let printed = try Self.run(["check"], in: directory).output.split(separator: "\n").map(String.init)
        let entries = try Self.diagnostics(try Self.run(["check", "--format", "json"], in: directory).output)
        let error = try #require(entries.first { $0["severity"] as? String == "error" })
        let warning = try #require(entries.first { $0["severity"] as? String == "warning" })
        for (entry, severity, other) in [(error, "error", "warning"), (warning, "warning", "error")] {
            let line = try #require(printed.first { $0.hasPrefix("\(Self.card):\(entry["line"] as? Int ?? 0):") })
            let range = NSRange(line.startIndex..., in: line)
            let match = try #require(try pattern(severity).firstMatch(in: line, range: range))
            func group(_ index: Int) -> String? { Range(match.range(at: index), in: line).map { String(line[$0]) } }
            #expect(group(1) == Self.card)
            #expect(group(2) == String(entry["line"] as? Int ?? 0))
            #expect(group(3) == String(entry["column"] as? Int ?? 0))
            #expect(group(4) == entry["message"] as? String)
            #expect(group(5) == entry["rule"] as? String)
            #expect(try pattern(other).firstMatch(in: line, range: range) == nil)
        }
        // The hint line is not a problem of its own.
        let hint = try #require(printed.first { $0.hasPrefix("    conseil") })
        #expect(try pattern("error").firstMatch(in: hint, range: NSRange(hint.startIndex..., in: hint)) == nil)
    }

    @Test("docs/vscode/frontmatter.json: one content type per kind, with only keys the decoder accepts, and the example's themes")
    func frontMatterConfiguration() async throws {
        let configuration = try Self.json("docs/vscode/frontmatter.json")
        let types = try #require(configuration["frontMatter.taxonomy.contentTypes"] as? [[String: Any]])
        #expect(types.compactMap { $0["name"] as? String } == RecordKind.allCases.map(\.rawValue))
        for type in types {
            let kind = try #require(RecordKind(rawValue: type["name"] as? String ?? ""))
            let names = (type["fields"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            let allowed = RecordDecoder.commonKeys + (RecordDecoder.keysByKind[kind] ?? [])
            #expect(names.filter { !allowed.contains($0) } == [], "\(kind)")
        }
        let folders = try #require(configuration["frontMatter.content.pageFolders"] as? [[String: Any]])
        #expect(folders.compactMap { ($0["contentTypes"] as? [String])?.first } == RecordKind.allCases.map(\.rawValue))
        let loaded = await ContentLoader.load(contentDirectory: BuildSupport.content)
        let taxonomy = try #require((configuration["frontMatter.taxonomy.customTaxonomy"] as? [[String: Any]])?.first)
        #expect(taxonomy["options"] as? [String] == loaded.config.themes.map(\.id))
        let project = try #require(types.first)
        let carrier = try #require((project["fields"] as? [[String: Any]])?.first { $0["name"] as? String == "carrier" })
        #expect(carrier["choices"] as? [String] == RecordSchema.Context(loaded).organisations.map(\.id))
    }

    @Test("docs/vscode/settings.json maps site.yml and indicators.yml to files passerelle schema writes")
    func yamlSchemas() async throws {
        let mapping = try #require(try Self.json("docs/vscode/settings.json")["yaml.schemas"] as? [String: String])
        let written = Set(await SchemaTests.exampleFiles().map { "./Schemas/" + $0.name })
        #expect(mapping == ["./Schemas/site.schema.json": "Content/site.yml", "./Schemas/indicators.schema.json": "Content/indicators.yml"])
        #expect(Set(mapping.keys).isSubset(of: written))
    }

    @Test("passerelle schema writes the same bytes twice, and only its own files")
    func schemaCommand() throws {
        let directory = try Self.site()
        defer { BuildSupport.cleanUp(directory) }
        let schemas = directory.appendingPathComponent("Schemas")
        try FileManager.default.createDirectory(at: schemas, withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: schemas.appendingPathComponent("notes.txt"))
        let first = try Self.run(["schema"], in: directory)
        #expect(first.status == 0)
        #expect(first.output == "9 schémas écrits dans Schemas/\u{A0}: project.schema.json, initiative.schema.json, article.schema.json, "
                + "page.schema.json, organisation.schema.json, term.schema.json, dashboard.schema.json, site.schema.json, indicators.schema.json.\n")
        let before = BuildSupport.snapshot(schemas)
        #expect(try Self.run(["schema"], in: directory).status == 0)
        #expect(BuildSupport.snapshot(schemas) == before)
        #expect(before.keys.sorted().first == "article.schema.json")
        #expect(before["notes.txt"] == Data("mine\n".utf8))
        #expect(before.count == 10)
    }
}
