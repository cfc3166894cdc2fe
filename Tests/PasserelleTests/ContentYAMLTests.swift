import Foundation
import Testing
@testable import PasserelleContent
import PasserelleModel

@Suite("Content: YAML front matter")
struct ContentYAMLTests {
    @Test("a rewritten line is shown without its indentation and its trailing comment; a # in quotes or glued to text stays")
    func lineShownAsHint() {
        #expect("  type: private # à choisir, obligatoire".shownAsHint == "type: private")
        #expect("title: \"Le #1 des ateliers\" # note".shownAsHint == "title: \"Le #1 des ateliers\"")
        #expect("title: L'atelier n°#2".shownAsHint == "title: L'atelier n°#2")
        #expect("- {funder: region, share: '10 #'}   # part".shownAsHint == "- {funder: region, share: '10 #'}")
    }

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
        #expect(diagnostic.message == "le guillemet ouvert ici n’est pas fermé")
        #expect(diagnostic.rule == "yaml-unclosed-quote")
    }

    @Test("an unclosed quote gets the hint about quotes")
    func unclosedQuoteHint() throws {
        let (_, diagnostics) = ContentTestSupport.decode(head + "subtitle: \"Cap Ondaine\n---\n")
        #expect(diagnostics.contentOnly?.hint == "finissez la valeur par le même guillemet qu’au début\u{A0}; écrivez\u{A0}: subtitle: \"Cap Ondaine\"")
    }

    @Test("an unquoted value containing ': ' is an error at the second colon, in file coordinates")
    func colonInValue() {
        let (record, diagnostics) = ContentTestSupport.decode(head + "summary: Bilan: 40 entrepreneurs\n---\n")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("yaml-colon-in-value", file, 4, 15, "les deux-points de cette valeur se lisent comme une nouvelle clé\u{A0}: la valeur ne peut pas être lue",
                                              hint: "mettez la valeur entre guillemets\u{A0}: summary: \"Bilan: 40 entrepreneurs\"")])
    }

    @Test("YAML error columns count characters, not UTF-8 bytes")
    func columnsCountCharacters() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "summary: Café: x\n---\n")
        #expect(diagnostics.map(\.location) == [PasserelleModel.SourceLocation(line: 4, column: 14)])
    }

    @Test("a key indented differently from its neighbours is an error with the indentation hint")
    func badIndentation() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "territory:\n    name: Ondaine\n  level: commune\n---\n")
        #expect(diagnostics.said == [.contentError("yaml-syntax", file, 6, 3, "erreur de syntaxe YAML\u{A0}: clé attendue à cette position (indentation décalée\u{A0}?) (dans le bloc commencé ligne 2)",
                                              hint: "vérifiez l’indentation\u{A0}: les clés d’un même bloc commencent à la même colonne")])
    }

    @Test("a tab in the indentation of a continued line is found before the parser, with the line rewritten")
    func tabAfterSpaces() {
        let (record, diagnostics) = ContentTestSupport.decode(head + "territory:\n  name: Ondaine\n\tlevel: commune\n---\n")
        #expect(record == nil)
        #expect(diagnostics == [.error("yaml-tab", file, PasserelleModel.SourceLocation(line: 6, column: 1),
                                       Bilingual(fr: "une tabulation sert de retrait\u{00A0}: YAML n’accepte que des espaces",
                                                 en: "a tab is used for indentation: YAML accepts only spaces"),
                                       hint: Bilingual(fr: "remplacez la tabulation par 2 espaces, alignées sur les clés du même bloc\u{00A0}: level: commune",
                                                       en: "replace the tab with 2 spaces, lined up with the keys of the same block: level: commune"),
                                       end: PasserelleModel.SourceLocation(line: 6, column: 2),
                                       fix: .line(6, current: "\tlevel: commune", replacement: "  level: commune"))])
    }

    @Test("a tab indenting a nested key gets the tab hint, not the hint about @ and %")
    func tabIndentingKey() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "territory:\n\tname: Ondaine\n---\n")
        #expect(diagnostics.map(\.rule) == ["yaml-tab"])
        #expect(diagnostics.first?.fix == .line(5, current: "\tname: Ondaine", replacement: "  name: Ondaine"))
    }

    @Test("a value starting with @ gets the hint to quote it")
    func atSign() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "subtitle: @scop\n---\n")
        #expect(diagnostics.said == [.contentError("yaml-syntax", file, 4, 11, "erreur de syntaxe YAML\u{A0}: caractère qui ne peut pas commencer une valeur (à partir de la ligne 4)",
                                              hint: "mettez entre guillemets les valeurs qui commencent par @, ` ou %, par exemple note: \"@SCOP\"")])
    }

    @Test("a key written twice is an error at the second occurrence")
    func duplicateKey() {
        let (record, diagnostics) = ContentTestSupport.decode(head + "title: \"Autre titre\"\n---\n")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("yaml-duplicate-key", file, 4, 1, "la clé «\u{A0}title\u{A0}» est écrite deux fois dans le même bloc",
                                              hint: "chaque clé ne s’écrit qu’une fois\u{A0}: gardez une ligne et supprimez l’autre")])
    }

    @Test("a list used as a key ([a]: 1) is a diagnostic, not a crash")
    func listAsKey() {
        let (record, diagnostics) = ContentTestSupport.decode(head + "[a]: 1\n---\n")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("yaml-key-not-text", file, 4, 1, "une clé est un simple mot suivi de deux-points, comme title:",
                                              hint: "une clé ne peut pas commencer par des crochets [ ] ou des accolades { }\u{A0}; écrivez par exemple title: \"…\"")])
    }

    @Test("a mapping used as a key inside a nested mapping is a diagnostic at the key")
    func mappingAsNestedKey() {
        let (record, diagnostics) = ContentTestSupport.decode(head + "territory:\n  name: Ondaine\n  {a: 1}: 2\n---\n")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("yaml-key-not-text", file, 6, 3, "une clé est un simple mot suivi de deux-points, comme title:",
                                              hint: "une clé ne peut pas commencer par des crochets [ ] ou des accolades { }\u{A0}; écrivez par exemple title: \"…\"")])
    }

    @Test("an alias without its anchor is an error naming it, with the line written with the value quoted")
    func undefinedAlias() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "subtitle: *cap\n---\n")
        #expect(diagnostics.said == [.contentError("yaml-alias-unknown", file, 4, 11, "alias YAML inconnu\u{A0}: «\u{A0}*cap\u{A0}»",
                                              hint: "un «\u{A0}*nom\u{A0}» renvoie à un «\u{A0}&nom\u{A0}» défini avant lui\u{A0}; si l’étoile fait partie du texte, écrivez\u{A0}: subtitle: \"*cap\"")])
        #expect(diagnostics.first?.end == PasserelleModel.SourceLocation(line: 4, column: 15))
    }

    // The time limit is a watchdog (an expansion of 10⁹ values would never end), not a speed goal.
    @Test("a billion-laughs alias bomb (9 levels of 10) is refused with the 'expands to more than' message", .timeLimit(.minutes(1)))
    func aliasBomb() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            let tens = Array(repeating: "*\(previous)", count: 10).joined(separator: ", ")
            yaml += "\(name): &\(name) [\(tens)]\n"
            previous = name
        }
        let result = ContentTestSupport.decode(head + yaml + "---\n")
        #expect(result.record == nil)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.severity == .error)
        #expect(result.diagnostics.first?.file == file)
        #expect(result.diagnostics.first?.message == "l’en-tête se déploie en plus de 100000 valeurs")
        #expect(result.diagnostics.first?.hint == "cela vient en général d’alias YAML («\u{A0}*nom\u{A0}») répétés de nombreuses fois\u{A0}; écrivez les valeurs en entier")
    }

    @Test("front matter nested more than 32 levels deep is refused at the first value too deep")
    func tooDeep() {
        let nested = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        let (record, diagnostics) = ContentTestSupport.decode(head + "subtitle: \(nested)\n---\n")
        #expect(record == nil)
        // The root mapping is level 0, the first '[' (column 11) level 1, so level 33 is the 33rd '[' at column 43.
        #expect(diagnostics.said == [.contentError("yaml-too-large", file, 4, 43, "l’en-tête est imbriqué sur plus de 32 niveaux",
                                              hint: "aucune fiche n’a besoin d’autant de niveaux\u{A0}; vérifiez l’indentation")])
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
        #expect(diagnostics.said == [.contentError("kind-missing", file, 2, 1, "la clé «\u{A0}kind\u{A0}» manque\u{A0}: elle dit de quelle sorte de fiche il s’agit",
                                              hint: "ajoutez une ligne «\u{A0}kind: project\u{A0}» (sortes possibles\u{A0}: project, initiative, article, page, organisation, term, dashboard)")])
    }

    @Test("a front matter that is a list, not key: value lines, is refused")
    func frontMatterIsAList() {
        let (record, diagnostics) = ContentTestSupport.decode("---\n- kind: project\n---\n")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("front-matter-not-mapping", file, 2, 1, "l’en-tête de la fiche doit être fait de lignes «\u{A0}clé: valeur\u{A0}», et non une liste",
                                              hint: "commencez l’en-tête par les lignes «\u{A0}kind: project\u{A0}» et «\u{A0}title: \"…\"\u{A0}»")])
    }
}
