import Foundation
import Testing
import PasserelleBuild
import PasserelleModel
import HostileInputs

extension BadInputCase: CustomTestStringConvertible {
    public var testDescription: String { name }
}

@Suite("Bad-input corpus")
struct BadInputCorpusTests {
    // No time limit: with every suite started at once on a loaded 2-core machine, the first case once took more than a
    // minute. The time of each case is a figure of the benchmark (`passerelle-bench`), run on its own.
    @Test("bad input gives its exact diagnostic", .serialized, arguments: BadInputCase.all)
    func badInput(_ badCase: BadInputCase) async throws {
        let expected = try badCase.expected()
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("passerelle-bad-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let prepared = try badCase.prepare(in: temporary)
        let directory = prepared.directory
        let output = prepared.output
        let report = await Pipeline.build(BuildOptions(content: prepared.content.path, templates: prepared.templates.path,
                                                       output: output.path))

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
