import Foundation
import Testing
@testable import PasserelleContent
import PasserelleModel

/// The YAML mistakes people make by hand, found before the parser: each at its line and column, with the line
/// rewritten in the hint and as a fix. Messages are compared with their no-break spaces (U+00A0) written out.
@Suite("YAML pitfalls")
struct YAMLPitfallTests {
    static let file = "Content/projects/atelier.md"
    static let nb = "\u{00A0}"

    /// The pitfalls of the front matter `yaml` (starting on line 2 of the file, as after a `---`).
    static func scan(_ yaml: String) -> [Diagnostic] {
        YAMLPitfalls.scan(yaml, file: file, firstLine: 2)
    }

    /// `rule line:column-line:column`, the French message, hint and the line the fix writes, then the English ones.
    static func summary(_ d: Diagnostic) -> [String] {
        let end = d.end.map { "-\($0)" } ?? ""
        return ["\(d.severity.rawValue) \(d.rule) \(d.location)\(end)", d.message(.fr), d.hint(.fr) ?? "", d.fix?.replacement ?? "",
                d.message(.en), d.hint(.en) ?? ""]
    }

    @Test("a line in braces longer than 2 000 characters is left to the parser (the scan of one is quadratic at worst)")
    func longFlowLine() {
        let short = "budget: {amount: 1,2 M€, label: \"Atelier\"}\n"
        #expect(Self.scan(short).map(\.rule) == ["yaml-decimal-comma"])
        let long = "budget: {amount: 1,2 M€, label: \"" + String(repeating: "Atelier ", count: 300) + "\"}\n"
        #expect(long.unicodeScalars.count > YAMLPitfalls.maxFlowLine)
        #expect(Self.scan(long) == [])
    }

    @Test("curly quotes used as quotes are an error at the value, rewritten with straight quotes")
    func curlyQuotes() throws {
        let diagnostics = Self.scan("kind: project\ntitle: “Bilan : 40 entrepreneurs”\n")
        let d = try #require(diagnostics.contentOnly)
        #expect(Self.summary(d) == [
            "error yaml-curly-quotes 3:8-3:34",
            "la valeur est entre guillemets typographiques (“ ”, ceux de Word)\(Self.nb): YAML ne les prend pas pour des guillemets et ne peut pas lire la valeur",
            "écrivez-la entre guillemets droits\(Self.nb): title: \"Bilan : 40 entrepreneurs\"",
            "title: \"Bilan : 40 entrepreneurs\"",
            "the value is between typographic quotes (“ ”, Word's): YAML does not take them as quotes and cannot read the value",
            "write it between straight quotes: title: \"Bilan : 40 entrepreneurs\"",
        ])
        #expect(d.fix == Fix.line(3, current: "title: “Bilan : 40 entrepreneurs”", replacement: "title: \"Bilan : 40 entrepreneurs\""))
    }

    @Test("curly quotes around a value that can still be read are a warning; the apostrophes inside are kept")
    func singleCurlyQuotes() throws {
        let d = try #require(Self.scan("subtitle: ‘L’atelier’\n").contentOnly)
        #expect(d.rule == "yaml-curly-quotes")
        #expect(d.severity == .warning)
        #expect(d.message(.fr) == "la valeur est entre guillemets typographiques (‘ ’, ceux de Word)\(Self.nb): YAML ne les prend pas pour des guillemets, qui seraient publiés avec elle")
        #expect(d.fix?.replacement == "subtitle: \"L’atelier\"")
    }

    @Test("curly quotes inside a properly quoted value, or starting a text that goes on, are text: no diagnostic")
    func curlyQuotesInsideText() {
        #expect(Self.scan("title: \"Le “Tiers-lieu” de Firminy\"\nsubtitle: “Le tiers-lieu” de Firminy\nsummary: L’atelier d’Ondaine\n") == [])
    }

    @Test("an apostrophe inside single quotes is an error at the apostrophe, rewritten with double quotes")
    func apostropheInSingleQuotes() throws {
        let d = try #require(Self.scan("kind: project\ntitle: 'L'atelier'\n").contentOnly)
        #expect(Self.summary(d) == [
            "error yaml-apostrophe-in-single-quotes 3:10-3:11",
            "l’apostrophe de «\(Self.nb)L'atelier\(Self.nb)» ferme la valeur ouverte par le guillemet simple",
            "entourez la valeur de guillemets doubles\(Self.nb): title: \"L'atelier\"",
            "title: \"L'atelier\"",
            "the apostrophe in 'L'atelier' closes the value opened by the single quote",
            "put the value between double quotes: title: \"L'atelier\"",
        ])
    }

    @Test("an apostrophe inside single quotes in braces is found too, and only that value is rewritten")
    func apostropheInFlow() throws {
        let d = try #require(Self.scan("funding:\n  - {funder: region, note: 'l'appel d'offres', share: 10%}\n").contentOnly)
        #expect(d.rule == "yaml-apostrophe-in-single-quotes")
        #expect(d.location == SourceLocation(line: 3, column: 30))
        #expect(d.fix == Fix.line(3, current: "  - {funder: region, note: 'l'appel d'offres', share: 10%}",
                                  replacement: "  - {funder: region, note: \"l'appel d'offres\", share: 10%}"))
    }

    @Test("doubled apostrophes in single quotes are correct YAML: no diagnostic")
    func doubledApostrophes() {
        #expect(Self.scan("title: 'L''atelier'\nnote: {label: 'L''atelier'}\n") == [])
    }

    @Test("inner double quotes are an error at the quote that closes the value, rewritten with single quotes")
    func innerQuotes() throws {
        let d = try #require(Self.scan("kind: project\ntitle: \"Le \"Tiers-lieu\"\"\n").contentOnly)
        #expect(Self.summary(d) == [
            "error yaml-inner-quotes 3:12-3:13",
            "un guillemet double à l’intérieur de la valeur la ferme avant sa fin",
            "entourez la valeur de guillemets simples, qui gardent les guillemets doubles à l’intérieur\(Self.nb): title: 'Le \"Tiers-lieu\"'",
            "title: 'Le \"Tiers-lieu\"'",
            "a double quote inside the value closes it before its end",
            "put the value between single quotes, which keep the double quotes inside: title: 'Le \"Tiers-lieu\"'",
        ])
    }

    @Test("inner quotes with an apostrophe too are rewritten with the apostrophe doubled")
    func innerQuotesAndApostrophe() throws {
        let d = try #require(Self.scan("title: \"L'atelier \"Tiers-lieu\"\"\n").contentOnly)
        #expect(d.fix?.replacement == "title: 'L''atelier \"Tiers-lieu\"'")
    }

    @Test("text after a closing quote is an error at the text, the whole value quoted in the rewritten line")
    func textAfterQuote() throws {
        let d = try #require(Self.scan("kind: project\ntitle: \"Atelier\" partagé # commentaire\n").contentOnly)
        #expect(Self.summary(d) == [
            "error yaml-text-after-quote 3:18-3:25",
            "du texte suit le guillemet qui ferme la valeur\(Self.nb): «\(Self.nb)partagé\(Self.nb)»",
            "mettez toute la valeur entre guillemets\(Self.nb): title: '\"Atelier\" partagé' # commentaire",
            "title: '\"Atelier\" partagé' # commentaire",
            "text follows the quote that closes the value: 'partagé'",
            "put the whole value between quotes: title: '\"Atelier\" partagé' # commentaire",
        ])
    }

    @Test("a comment after a closing quote is fine")
    func commentAfterQuote() {
        #expect(Self.scan("title: \"Atelier\" # le nom court\nsubtitle: 'Atelier'\t# tab\n") == [])
    }

    @Test("a missing space after a colon is an error on its own line, not the next one")
    func missingSpace() throws {
        let d = try #require(Self.scan("kind: project\nbudget:\n  amount:97000\n  period: annual\n").contentOnly)
        #expect(Self.summary(d) == [
            "error yaml-missing-space 4:9-4:10",
            "il manque une espace après les deux-points de «\(Self.nb)amount:\(Self.nb)»",
            "écrivez amount: 97000",
            "  amount: 97000",
            "a space is missing after the colon of 'amount:'",
            "write amount: 97000",
        ])
    }

    @Test("a missing space after a colon inside braces is found too")
    func missingSpaceInFlow() throws {
        let d = try #require(Self.scan("funding:\n  - {funder:region, share: 10%}\n").contentOnly)
        #expect(d.rule == "yaml-missing-space")
        #expect(d.location == SourceLocation(line: 3, column: 12))
        #expect(d.fix?.replacement == "  - {funder: region, share: 10%}")
    }

    @Test("web addresses, times and colons inside values are not missing spaces")
    func colonsThatAreFine() {
        let yaml = """
        url: https://www.example.org/a:b
        note: rendez-vous à 10:30
        contacts:
          - 10:30
          - mailto:contact@example.org
          - https://example.org
        summary: Une coopérative
          note:ceci est la suite du texte
        links: [{label: "A", url: https://a.org}]
        """
        #expect(Self.scan(yaml) == [])
    }

    @Test("a tab in the indentation is an error at the tab, the line rewritten with the spaces of its block")
    func tab() throws {
        let diagnostics = Self.scan("kind: project\nterritory:\n\tname: \"Loire\"\n\tlevel: department\n")
        #expect(diagnostics.count == 2)
        let d = try #require(diagnostics.first)
        #expect(Self.summary(d) == [
            "error yaml-tab 4:1-4:2",
            "une tabulation sert de retrait\(Self.nb): YAML n’accepte que des espaces",
            "remplacez la tabulation par 2 espaces, alignées sur les clés du même bloc\(Self.nb): name: \"Loire\"",
            "  name: \"Loire\"",
            "a tab is used for indentation: YAML accepts only spaces",
            "replace the tab with 2 spaces, lined up with the keys of the same block: name: \"Loire\"",
        ])
        #expect(diagnostics.last?.fix?.replacement == "  level: department")
    }

    @Test("a tab after spaces, under a key with a value, takes the indentation of the key before it")
    func tabAfterSibling() throws {
        let d = try #require(Self.scan("territory:\n  name: Ondaine\n\tlevel: commune\n").contentOnly)
        #expect(d.fix?.replacement == "  level: commune")
    }

    @Test("Word bullets are errors at the bullet, each line rewritten with a hyphen")
    func wordBullets() throws {
        let diagnostics = Self.scan("audiences:\n• jeunes\n  – seniors\n")
        #expect(diagnostics.map(\.rule) == ["yaml-word-bullet", "yaml-word-bullet"])
        let d = try #require(diagnostics.first)
        #expect(Self.summary(d) == [
            "error yaml-word-bullet 3:1-3:2",
            "«\(Self.nb)•\(Self.nb)» est une puce de traitement de texte\(Self.nb): une liste YAML s’écrit avec un tiret",
            "commencez la ligne par un tiret et une espace\(Self.nb): - jeunes",
            "- jeunes",
            "'•' is a word-processor bullet: a YAML list uses a hyphen",
            "start the line with a hyphen and a space: - jeunes",
        ])
        #expect(diagnostics.last?.fix == Fix.line(4, current: "  – seniors", replacement: "  - seniors"))
    }

    @Test("a dash inside a text that goes on over lines is text")
    func dashInsideText() {
        #expect(Self.scan("summary: Une coopérative\n  – et un tiers-lieu\n") == [])
    }

    @Test("a decimal comma in braces is an error at the number, quoted in the rewritten line")
    func decimalComma() throws {
        let d = try #require(Self.scan("funding:\n  - {funder: region, share: 14,5 %}\n").contentOnly)
        #expect(Self.summary(d) == [
            "error yaml-decimal-comma 3:29-3:35",
            "entre accolades, la virgule de «\(Self.nb)14,5 %\(Self.nb)» sépare deux clés\(Self.nb): le nombre serait coupé en deux",
            "mettez le nombre entre guillemets\(Self.nb): - {funder: region, share: \"14,5 %\"}",
            "  - {funder: region, share: \"14,5 %\"}",
            "between braces, the comma in '14,5 %' separates two keys: the number would be cut in two",
            "put the number between quotes: - {funder: region, share: \"14,5 %\"}",
        ])
    }

    @Test("two decimal commas on one line are one diagnostic whose line quotes both")
    func twoDecimalCommas() throws {
        let d = try #require(Self.scan("budget: {amount: 1.234,56 €, share: 2,5 %}\n").contentOnly)
        #expect(d.fix?.replacement == "budget: {amount: \"1.234,56 €\", share: \"2,5 %\"}")
    }

    @Test("commas between values and keys in braces, and in lists, are fine")
    func commasThatAreFine() {
        #expect(Self.scan("a: {min: 20, max: 25}\nb: [14,5]\nc: {label: \"14,5 %\", x: 1}\nd: {fr: \"A, B\", en: 'C, D'}\n") == [])
    }

    @Test("a value ending with a lone quote is a warning, rewritten with the opening quote")
    func loneQuote() throws {
        let d = try #require(Self.scan("kind: project\ntitle: Atelier partagé\"\n").contentOnly)
        #expect(Self.summary(d) == [
            "warning yaml-lone-quote 3:23-3:24",
            "la valeur finit par un guillemet seul (\"), qui serait publié",
            "s’il manque le guillemet ouvrant, écrivez title: \"Atelier partagé\"",
            "title: \"Atelier partagé\"",
            "the value ends with a lone quote (\"), which would be published",
            "if the opening quote is missing, write title: \"Atelier partagé\"",
        ])
    }

    @Test("quotes in pairs inside a plain value are text")
    func pairedQuotesInPlainText() {
        #expect(Self.scan("title: Atelier \"Le Tiers\"\nsubtitle: L'atelier d'Ondaine\n") == [])
    }

    @Test("block scalars are text: nothing in them is a pitfall")
    func blockScalars() {
        let yaml = "summary: |\n  amount:97000\n  • une puce\n  \tun retrait\n  'L'atelier'\nnote: >-\n  “citation”\ntitle: T\n"
        #expect(Self.scan(yaml) == [])
    }

    @Test("a quoted value over several lines is text until its closing quote")
    func multiLineQuoted() {
        #expect(Self.scan("summary: \"Une coopérative\n  amount:97000 • x\"\ntitle: T\n") == [])
    }

    /// `text` with `fix` applied (a fix replaces a range of one line).
    static func applying(_ fix: Fix, to text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        let index = fix.start.line - 1
        guard fix.start.line == fix.end.line, index >= 0, index < lines.count else { return text }
        let scalars = Array(lines[index].unicodeScalars)
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[..<(fix.start.column - 1)])
        out.append(contentsOf: fix.replacement.unicodeScalars)
        out.append(contentsOf: scalars[(fix.end.column - 1)...])
        lines[index] = String(out)
        return lines.joined(separator: "\n")
    }

    @Test("applying each fix gives a record that reads without that diagnostic", arguments: [
        "title: “Bilan : 40 entrepreneurs”", "title: 'L'atelier'", "title: \"Le \"Tiers-lieu\"\"", "title: \"Atelier\" partagé",
        "budget:\n  amount:74000\n  period: annual", "territory:\n\tname: Loire", "audiences:\n• jeunes",
        "funding:\n  - {funder: region, share: 14,5 %}", "title: Atelier\"", "themes: insertion, cooperatives",
        "funding:\n  - {funder: [region, etat], share: 100%}", "results:\n  - year: 2010-2012\n    people_accompanied: 4",
        "funding:\n  - {funder: etat, share: 40}",
        "subtitle: Communauté de communes : Caux vallée de Seine", "links:\n  - {label: Atelier #2, url: \"https://example.org\"}",
    ])
    func fixesApply(yaml: String) throws {
        var text = "---\nkind: project\n" + (yaml.hasPrefix("title") ? "" : "title: T\n") + yaml + "\n---\n"
        let (_, before) = ContentLoader.decodeRecord(text: text, file: Self.file, defaultID: "atelier")
        let fixed = before.filter { $0.fix != nil }
        try #require(!fixed.isEmpty)
        for diagnostic in fixed.reversed() {
            text = Self.applying(try #require(diagnostic.fix), to: text)
        }
        let (record, after) = ContentLoader.decodeRecord(text: text, file: Self.file, defaultID: "atelier")
        #expect(record != nil, "\(text)")
        #expect(after.filter { diagnostic in fixed.contains { $0.rule == diagnostic.rule } } == [], "\(text)")
    }

    @Test("the example site's front matter and settings have no pitfall")
    func exampleSite() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var checked = 0
        for folder in ["Content", "Templates/i18n"] {
            let base = root.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
            for path in files where path.hasSuffix(".md") || path.hasSuffix(".yml") {
                let text = try String(contentsOf: base.appendingPathComponent(path), encoding: .utf8)
                let yaml: String
                if path.hasSuffix(".md"), case .success(let front) = FrontMatterSplitter.split(text, file: path) {
                    yaml = front.yaml
                } else {
                    yaml = text
                }
                #expect(YAMLPitfalls.scan(yaml, file: path) == [], "\(path)")
                checked += 1
            }
        }
        #expect(checked > 20)
    }

    @Test("the reader returns the pitfall errors instead of the parser's words, and parses when there are only warnings")
    func readerHook() throws {
        let (node, diagnostics) = YAMLReader().read("title: 'L'atelier'\nkind: project\n", file: Self.file, firstLine: 2)
        #expect(node == nil)
        #expect(diagnostics.map(\.rule) == ["yaml-apostrophe-in-single-quotes"])
        let (parsed, warnings) = YAMLReader().read("title: Atelier\"\nkind: project\n", file: Self.file, firstLine: 2)
        #expect(parsed?["title"]?.scalar == "Atelier\"")
        #expect(warnings.map(\.rule) == ["yaml-lone-quote"])
    }

    @Test("the scan never traps, whatever the bytes")
    func randomInput() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab: -\"'{}[],#|>•–“”‘’\t\n 0123456789%€.:").map(String.init)
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...80, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "" }.joined()
            _ = YAMLPitfalls.scan(text, file: Self.file)
            _ = YAMLReader().read(text, file: Self.file)
        }
    }
}
