import Foundation
import Testing
import PasserelleBuild
import PasserelleModel

/// One folder of `Tests/Fixtures/bad/`: a tiny site where exactly one thing is wrong, and the exact diagnostics it must give.
///
/// A case folder holds `Content/` (the site), optionally `Templates/` (only the theme files the case changes: they are laid
/// over a copy of the default theme), `expected.txt` (one `severity file:line:column [rule] message` line per diagnostic, in
/// French, each followed by its hint as `  conseil : …` when it has one, in the tool's order, files relative to the case
/// folder), optionally `expected.en.txt` (the same in English, hints as `  hint: …`) and optionally `generate.txt` (inputs that cannot be committed: `big PATH MEGABYTES`,
/// `symlink PATH TARGET`, `remove PATH`).
struct BadInputCase: Sendable, CustomTestStringConvertible {
    var name: String

    var testDescription: String { name }

    /// The package root (Tests/PasserelleTests/BadInputCorpusTests.swift → ../../..).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures/bad`.
    static let corpus: URL = repositoryRoot.appendingPathComponent("Tests/Fixtures/bad")

    /// Every case folder on disk, sorted: adding a folder adds a case.
    static let all: [BadInputCase] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.sorted().filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: corpus.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.map(BadInputCase.init(name:))
    }()

    var folder: URL { Self.corpus.appendingPathComponent(name) }

    /// The lines of `expected.txt`, without empty lines.
    func expected() throws -> [String] {
        let text = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// The lines of `expected.en.txt` (the same diagnostics in English), nil when the case has none.
    func expected(language: Language) throws -> [String]? {
        let file = folder.appendingPathComponent("expected.\(language.rawValue).txt")
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let text = try String(contentsOf: file, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// Runs the instructions of `generate.txt` inside `directory` (a copy of the case).
    func generate(in directory: URL) throws {
        let file = folder.appendingPathComponent("generate.txt")
        guard FileManager.default.fileExists(atPath: file.path) else { return }
        let text = try String(contentsOf: file, encoding: .utf8)
        for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty && !line.hasPrefix("#") {
            let words = line.split(separator: " ").map(String.init)
            switch (words.first, words.count) {
            case ("big", 3):
                guard let megabytes = Int(words[2]) else { throw GenerateError.badLine(String(line)) }
                try Self.writeBig(directory.appendingPathComponent(words[1]), bytes: megabytes * 1_048_576)
            case ("remove", 2):
                try FileManager.default.removeItem(at: directory.appendingPathComponent(words[1]))
            case ("symlink", 3):
                let link = directory.appendingPathComponent(words[1])
                try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: words[2])
            default:
                throw GenerateError.badLine(String(line))
            }
        }
    }

    enum GenerateError: Error { case badLine(String) }

    /// A record of exactly `bytes` bytes: a valid front matter, then filler text, written in chunks.
    static func writeBig(_ url: URL, bytes: Int) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let head = Array("---\nkind: project\ntitle: \"Un très gros fichier\"\n---\n\n".utf8)
        let filler = Array("Texte collé depuis un document : coopérative, insertion, accompagnement, territoire.\n".utf8)
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: head)
        var remaining = bytes - head.count
        var chunk: [UInt8] = []
        while chunk.count < 1_048_576 { chunk += filler }
        while remaining > 0 {
            let slice = chunk.prefix(remaining)
            try handle.write(contentsOf: slice)
            remaining -= slice.count
        }
    }
}

@Suite("Bad-input corpus")
struct BadInputCorpusTests {
    @Test("bad input gives its exact diagnostic", .serialized, arguments: BadInputCase.all)
    func badInput(_ badCase: BadInputCase) async throws {
        let expected = try badCase.expected()
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("passerelle-bad-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let directory = temporary.appendingPathComponent(badCase.name)
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: badCase.folder, to: directory)
        // The default theme, with the case's own template files laid over it.
        let templates = directory.appendingPathComponent("Templates")
        let overlay = directory.appendingPathComponent("Templates-case")
        if FileManager.default.fileExists(atPath: templates.path) { try FileManager.default.moveItem(at: templates, to: overlay) }
        try FileManager.default.copyItem(at: BadInputCase.repositoryRoot.appendingPathComponent("Templates"), to: templates)
        if FileManager.default.fileExists(atPath: overlay.path), let files = FileManager.default.enumerator(atPath: overlay.path) {
            for case let path as String in files {
                var isDirectory: ObjCBool = false
                let source = overlay.appendingPathComponent(path)
                guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                let target = templates.appendingPathComponent(path)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: source, to: target)
            }
            try FileManager.default.removeItem(at: overlay)
        }
        try badCase.generate(in: directory)

        let content = directory.appendingPathComponent("Content")
        let output = directory.appendingPathComponent("Output")

        let clock = ContinuousClock()
        let start = clock.now
        let report = await Pipeline.build(BuildOptions(content: content.path, templates: templates.path, output: output.path))
        let elapsed = clock.now - start

        // Paths in diagnostics (and in messages such as "also used by …") are shown relative to the case folder.
        var prefixes = [directory.path + "/", BadInputCase.repositoryRoot.path + "/"]
        if let real = realpath(directory.path, nil) {
            prefixes.insert(String(cString: real) + "/", at: 0)
            free(real)
        }
        func relative(_ text: String) -> String {
            var text = text
            for prefix in prefixes { text = text.replacingOccurrences(of: prefix, with: "") }
            return text
        }
        // One line per diagnostic, `severity file:line:column [rule] message`, then its hint on a line of its own
        // (`  conseil : …` / `  hint: …`), in French in expected.txt and in English in expected.en.txt when there is one.
        func lines(_ language: Language) -> [String] {
            report.diagnostics.flatMap { diagnostic in
                ["\(diagnostic.severity.rawValue) \(relative(diagnostic.file)):\(diagnostic.location.line):\(diagnostic.location.column) "
                    + "[\(diagnostic.rule)] " + relative(diagnostic.message(language))]
                    + (diagnostic.hint(language).map { [(language == .en ? "  hint: " : "  conseil : ") + relative($0)] } ?? [])
            }
        }
        let actual = lines(.fr)
        // PASSERELLE_BLESS_CORPUS=1 rewrites expected.txt (and expected.en.txt where it exists) from what the tool says:
        // for a change of wording, to be read line by line in `git diff` before it is committed.
        if ProcessInfo.processInfo.environment["PASSERELLE_BLESS_CORPUS"] == "1" {
            try (actual.joined(separator: "\n") + "\n").write(to: badCase.folder.appendingPathComponent("expected.txt"),
                                                              atomically: true, encoding: .utf8)
            if try badCase.expected(language: .en) != nil {
                try (lines(.en).joined(separator: "\n") + "\n").write(to: badCase.folder.appendingPathComponent("expected.en.txt"),
                                                                      atomically: true, encoding: .utf8)
            }
            return
        }
        #expect(actual == expected, "\n--- expected\n\(expected.joined(separator: "\n"))\n--- actual\n\(actual.joined(separator: "\n"))")
        if let english = try badCase.expected(language: .en) {
            let actualEnglish = lines(.en)
            #expect(actualEnglish == english,
                    "\n--- expected.en\n\(english.joined(separator: "\n"))\n--- actual\n\(actualEnglish.joined(separator: "\n"))")
        }

        let outputExists = FileManager.default.fileExists(atPath: output.path)
        let hasErrors = report.diagnostics.hasErrors
        let filesWritten = report.filesWritten
        if hasErrors {
            #expect(!outputExists, "a build with errors wrote Output/")
            #expect(filesWritten == 0)
        }
        if !expected.contains(where: { $0.hasPrefix("error ") }) {
            #expect(!hasErrors, "this case must build")
            let home = FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path)
            #expect(home, "this case must write Output/index.html")
        }
        // Wall-clock time on a shared machine: a case over the limit is timed again (up to three more times, after a
        // pause), and the fastest run counts, so busy neighbour tests cannot fail it, while a case that is really slow
        // (quadratic, or hanging) still does.
        var fastest = elapsed
        for attempt in 1...3 where fastest >= .seconds(2) {
            try? await Task.sleep(for: .milliseconds(500 * attempt))
            let again = directory.appendingPathComponent("Output-again-\(attempt)")
            let retry = clock.now
            _ = await Pipeline.build(BuildOptions(content: content.path, templates: templates.path, output: again.path))
            fastest = min(fastest, clock.now - retry)
        }
        #expect(fastest < .seconds(2), "the case took \(fastest)")

        if badCase.name.contains("script") {
            let pages = Self.htmlPages(output)
            #expect(!pages.isEmpty, "the case must build pages to check")
            for (path, html) in pages {
                #expect(!html.contains("<script>alert"), "\(path) contains a live <script>")
                #expect(!Self.hasJavaScriptLink(html), "\(path) contains a javascript: link")
            }
            if badCase.name.contains("escaped") {
                #expect(pages.contains { $0.1.contains("&lt;script&gt;") }, "no page shows the escaped &lt;script&gt;")
            }
        }
    }

    @Test("the corpus has at least 50 cases")
    func corpusSize() {
        print("bad-input corpus: \(BadInputCase.all.count) cases")
        #expect(BadInputCase.all.count >= 50)
    }

    /// True when an `href` or `src` attribute would run script: `javascript:`, in any case, after leading spaces.
    static func hasJavaScriptLink(_ html: String) -> Bool {
        let lowered = html.lowercased()
        for attribute in ["href=", "src="] {
            var rest = lowered[...]
            while let found = rest.range(of: attribute) {
                var value = rest[found.upperBound...]
                if let quote = value.first, quote == "\"" || quote == "'" { value = value.dropFirst() }
                let trimmed = value.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
                if trimmed.hasPrefix("javascript:") { return true }
                rest = rest[found.upperBound...]
            }
        }
        return false
    }

    /// Every `.html` file under `output`, by relative path, with its text.
    static func htmlPages(_ output: URL) -> [(String, String)] {
        guard let enumerator = FileManager.default.enumerator(atPath: output.path) else { return [] }
        var pages: [(String, String)] = []
        for case let path as String in enumerator where path.hasSuffix(".html") {
            if let data = FileManager.default.contents(atPath: output.appendingPathComponent(path).path) {
                pages.append((path, String(decoding: data, as: UTF8.self)))
            }
        }
        return pages.sorted { $0.0 < $1.0 }
    }
}
