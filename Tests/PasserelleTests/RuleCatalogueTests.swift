import Foundation
import Testing
import HostileInputs

/// Every diagnostic has a stable rule code, and every code is explained in `docs/regles.md` (and nothing more is).
@Suite("Rule catalogue")
struct RuleCatalogueTests {
    static let root = BadInputCase.repositoryRoot

    /// The `## code` headings of docs/regles.md.
    static func documentedRules() throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent("docs/regles.md"), encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)).trimmingCharacters(in: .whitespaces) }
    }

    /// Every `.swift` file under Sources/, by path relative to the repository, with its text.
    static func sources() throws -> [(path: String, text: String)] {
        let base = root.appendingPathComponent("Sources")
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var files: [(String, String)] = []
        for case let path as String in enumerator where path.hasSuffix(".swift") {
            files.append(("Sources/" + path, try String(contentsOf: base.appendingPathComponent(path), encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// The rule codes written in the code: the first argument of `.error(` / `.warning(` (diagnostics and collectors),
    /// of `Diagnostic(.error, ` and of `FormulaError(` when it is a string literal, and every `rule: "…"` /
    /// `largeRule: "…"` / `rule: String = "…"` argument or default.
    static func rules(in text: String) -> [String] {
        let patterns = [
            #"\.(?:error|warning)\(\s*"([^"\\]*)""#,
            #"Diagnostic\(\s*\.(?:error|warning),\s*"([^"\\]*)""#,
            #"FormulaError\(\s*"([^"\\]*)""#,
            #"report\(\s*"([a-z0-9-]+)""#,
            #"[rR]ule:\s*(?:String\s*=\s*)?"([^"\\]*)""#,
        ]
        var found: [String] = []
        for pattern in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            let range = NSRange(text.startIndex..., in: text)
            for match in regex.matches(in: text, range: range) {
                if let captured = Range(match.range(at: 1), in: text) { found.append(String(text[captured])) }
            }
        }
        return found
    }

    static func isKebabCase(_ code: String) -> Bool {
        code.range(of: #"^[a-z][a-z0-9]*(-[a-z0-9]+)+$"#, options: .regularExpression) != nil
    }

    @Test("no diagnostic of the corpus has the rule \"unclassified\"")
    func noUnclassifiedInCorpus() throws {
        var unclassified: Set<String> = []
        for badCase in BadInputCase.all {
            let lines = try badCase.expected() + (try badCase.expected(language: .en) ?? [])
            if lines.contains(where: { $0.contains("[unclassified]") }) { unclassified.insert(badCase.name) }
        }
        #expect(unclassified == [])
    }

    @Test("every rule code used in Sources is kebab-case and has a heading in docs/regles.md")
    func everyRuleDocumented() throws {
        let documented = Set(try Self.documentedRules())
        var used: [String: String] = [:]
        for (path, text) in try Self.sources() {
            for rule in Self.rules(in: text) { used[rule] = used[rule] ?? path }
        }
        #expect(used.count >= 90, "the scan found \(used.count) rule codes: does the pattern still match how the code is written?")
        for (rule, path) in used.sorted(by: { $0.key < $1.key }) {
            #expect(Self.isKebabCase(rule), "\(rule) (\(path)) is not kebab-case")
            #expect(documented.contains(rule), "\(rule) (\(path)) has no '## \(rule)' heading in docs/regles.md")
        }
    }

    @Test("every heading of docs/regles.md is a rule code used in Sources, once")
    func noStaleEntry() throws {
        let headings = try Self.documentedRules()
        #expect(headings.count == Set(headings).count, "a heading is written twice")
        var used: Set<String> = []
        for (_, text) in try Self.sources() {
            used.formUnion(Self.rules(in: text))
        }
        for heading in headings {
            #expect(used.contains(heading), "docs/regles.md explains '\(heading)', which no diagnostic uses")
        }
    }

    @Test("the scan reads the rule of each way a diagnostic is written")
    func scanPatterns() {
        let text = """
            collector.error("key-unknown", pair.keyLocation, text)
            c.warning(
                "budget-period-missing", node.location, text)
            .error(node.location, "not a rule")
            Diagnostic(.error, "file-empty", file: f, text)
            throw FormulaError("formula-syntax", offset: 0, text)
            check(theme, among: ids, what: .theme, rule: "ref-unknown-theme")
            read(path, largeRule: "media-too-large")
            rule: String = "file-too-large"
            """
        #expect(Self.rules(in: text).sorted() == ["budget-period-missing", "file-empty", "file-too-large", "formula-syntax",
                                                  "key-unknown", "media-too-large", "ref-unknown-theme"])
        #expect(Self.isKebabCase("ref-unknown-theme"))
        #expect(!Self.isKebabCase("unclassified"))
        #expect(!Self.isKebabCase("Key-Unknown"))
    }
}
