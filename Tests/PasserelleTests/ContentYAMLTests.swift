import Foundation
import Testing
@testable import PasserelleContent
import PasserelleModel

@Suite("Content: YAML front matter")
struct ContentYAMLTests {
    let file = "Content/projects/cap-ondaine.md"
    /// Lines 1–3 of every record below; the line under test is line 4.
    let head = "---\nkind: project\ntitle: \"Coopérative d'activités\"\n"

    @Test("an unclosed quote is a YAML syntax error at the quote that opens it")
    func unclosedQuotePosition() throws {
        let (record, diagnostics) = ContentTestSupport.decode(head + "subtitle: \"Cap Ondaine\nstatus: ongoing\n---\n")
        #expect(record == nil)
        let diagnostic = try #require(diagnostics.contentOnly)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == file)
        #expect(diagnostic.location == PasserelleModel.SourceLocation(line: 4, column: 11))
        #expect(diagnostic.message == "YAML syntax error: the quote opened here is not closed")
    }

    @Test("an unclosed quote gets the hint about quotes")
    func unclosedQuoteHint() throws {
        let (_, diagnostics) = ContentTestSupport.decode(head + "subtitle: \"Cap Ondaine\n---\n")
        #expect(diagnostics.contentOnly?.hint == "end the value with the same quote it starts with, e.g. title: \"Atelier partagé\"")
    }

    @Test("an unquoted value containing ': ' is an error at the second colon, in file coordinates")
    func colonInValue() {
        let (record, diagnostics) = ContentTestSupport.decode(head + "summary: Bilan: 40 entrepreneurs\n---\n")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("?", file, 4, 15, "YAML syntax error: mapping values are not allowed in this context",
                                              hint: "a value that contains ': ' must be quoted, e.g. title: \"Bilan : 40 entrepreneurs\"")])
    }

    @Test("YAML error columns count characters, not UTF-8 bytes")
    func columnsCountCharacters() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "summary: Café: x\n---\n")
        #expect(diagnostics.map(\.location) == [PasserelleModel.SourceLocation(line: 4, column: 14)])
    }

    @Test("a key indented differently from its neighbours is an error with the indentation hint")
    func badIndentation() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "territory:\n    name: Ondaine\n  level: commune\n---\n")
        #expect(diagnostics.said == [.contentError("?", file, 6, 3, "YAML syntax error: did not find expected key (while parsing a block mapping at line 2)",
                                              hint: "check the indentation: keys of one block must start in the same column")])
    }

    @Test("a tab in the indentation of a continued line gets the tab hint")
    func tabAfterSpaces() {
        let (record, diagnostics) = ContentTestSupport.decode(head + "territory:\n  name: Ondaine\n\tlevel: commune\n---\n")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("?", file, 6, 1, "YAML syntax error: found a tab character that violates indentation (while scanning a plain scalar at line 5)",
                                              hint: "YAML does not allow tab characters for indentation: indent with spaces")])
    }

    @Test("a tab indenting a nested key gets the tab hint, not the hint about @ and %")
    func tabIndentingKey() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "territory:\n\tname: Ondaine\n---\n")
        #expect(diagnostics.said == [.contentError("?", file, 5, 1, "YAML syntax error: found character that cannot start any token (while scanning for the next token at line 5)",
                                              hint: "YAML does not allow tab characters for indentation: indent with spaces")])
    }

    @Test("a value starting with @ gets the hint to quote it")
    func atSign() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "subtitle: @scop\n---\n")
        #expect(diagnostics.said == [.contentError("?", file, 4, 11, "YAML syntax error: found character that cannot start any token (while scanning for the next token at line 4)",
                                              hint: "quote values that start with @, ` or %, e.g. note: \"@SCOP\"")])
    }

    @Test("a key written twice is an error at the second occurrence")
    func duplicateKey() {
        let (record, diagnostics) = ContentTestSupport.decode(head + "title: \"Autre titre\"\n---\n")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("?", file, 4, 1, "duplicate key 'title' in the same mapping",
                                              hint: "each key may appear once; keep one line and remove the other")])
    }

    @Test("a list used as a key ([a]: 1) is a diagnostic, not a crash")
    func listAsKey() {
        let (record, diagnostics) = ContentTestSupport.decode(head + "[a]: 1\n---\n")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("?", file, 4, 1, "a key must be a plain word followed by a colon, such as title:",
                                              hint: "brackets [ ] or braces { } cannot start a key; write e.g. title: \"…\"")])
    }

    @Test("a mapping used as a key inside a nested mapping is a diagnostic at the key")
    func mappingAsNestedKey() {
        let (record, diagnostics) = ContentTestSupport.decode(head + "territory:\n  name: Ondaine\n  {a: 1}: 2\n---\n")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("?", file, 6, 3, "a key must be a plain word followed by a colon, such as title:",
                                              hint: "brackets [ ] or braces { } cannot start a key; write e.g. title: \"…\"")])
    }

    @Test("an alias without its anchor is an error with the hint about * and &")
    func undefinedAlias() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "subtitle: *cap\n---\n")
        #expect(diagnostics.said == [.contentError("?", file, 4, 11, "YAML syntax error: found undefined alias",
                                              hint: "a '*name' needs a '&name' defined before it; to write a literal '*', quote the value")])
    }

    @Test("a billion-laughs alias bomb (9 levels of 10) is refused quickly with the 'expands to more than' message")
    func aliasBomb() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            let tens = Array(repeating: "*\(previous)", count: 10).joined(separator: ", ")
            yaml += "\(name): &\(name) [\(tens)]\n"
            previous = name
        }
        let clock = ContinuousClock()
        var result: (record: Record?, diagnostics: [Diagnostic]) = (nil, [])
        let elapsed = clock.measure {
            result = ContentTestSupport.decode(head + yaml + "---\n")
        }
        #expect(elapsed < .seconds(2))
        #expect(result.record == nil)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.severity == .error)
        #expect(result.diagnostics.first?.file == file)
        #expect(result.diagnostics.first?.message == "front matter expands to more than 100000 values")
        #expect(result.diagnostics.first?.hint == "this usually comes from YAML aliases (*name) repeated many times; write the values out")
    }

    @Test("front matter nested more than 32 levels deep is refused at the first value too deep")
    func tooDeep() {
        let nested = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        let (record, diagnostics) = ContentTestSupport.decode(head + "subtitle: \(nested)\n---\n")
        #expect(record == nil)
        // The root mapping is level 0, the first '[' (column 11) level 1, so level 33 is the 33rd '[' at column 43.
        #expect(diagnostics.said == [.contentError("?", file, 4, 43, "front matter is nested more than 32 levels deep",
                                              hint: "no record needs this depth; check the indentation")])
    }

    @Test("exactly 32 levels of nesting are accepted by the YAML reader")
    func thirtyTwoLevels() {
        let nested = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        let (node, diagnostics) = YAMLReader().read("x: \(nested)", file: file, firstLine: 2)
        #expect(diagnostics == [])
        #expect(node != nil)
    }

    @Test("YAMLReader reports values at their position in the whole file")
    func readerPositions() throws {
        let (node, diagnostics) = YAMLReader().read("kind: project\ntitle: \"Cap\"", file: file, firstLine: 2)
        #expect(diagnostics == [])
        let pairs = try #require(node?.pairs)
        #expect(pairs.map(\.key) == ["kind", "title"])
        #expect(pairs.map(\.keyLocation) == [PasserelleModel.SourceLocation(line: 2, column: 1), PasserelleModel.SourceLocation(line: 3, column: 1)])
        #expect(pairs[1].value.location == PasserelleModel.SourceLocation(line: 3, column: 8))
        #expect(pairs[1].value.scalar == "Cap")
    }

    @Test("an empty front matter reads as an empty mapping, so the missing kind is reported")
    func emptyFrontMatter() {
        let (record, diagnostics) = ContentTestSupport.decode("---\n---\nTexte\n")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("?", file, 2, 1, "missing required key 'kind'",
                                              hint: "add a line such as kind: project (kinds: project, initiative, article, page, organisation, term, dashboard)")])
    }

    @Test("a front matter that is a list, not key: value lines, is refused")
    func frontMatterIsAList() {
        let (record, diagnostics) = ContentTestSupport.decode("---\n- kind: project\n---\n")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("?", file, 2, 1, "the front matter must be key: value lines, found a list",
                                              hint: "start with kind: project and title: \"...\"")])
    }
}
