import Foundation
import Testing
@testable import PasserelleContent
import PasserelleModel

/// The Markdown mistakes found by the second trial (`BodyPitfalls`, `media-name-with-space`) and the hints built from
/// the author's own value (`DateHints`, the currency of a sum, an address copied with its name).
@Suite("Trial 2: body pitfalls and hints from the author's value")
struct Trial2BodyPitfallTests {
    static let head = "---\nkind: page\ntitle: \"Page\"\n---\n"

    static func rules(_ body: String) -> [String] {
        ContentTestSupport.decode(head + body, file: "Content/pages/p.md", id: "p").diagnostics.map(\.rule)
    }

    @Test("a heading without its space is a warning at its line, and the fix inserts the space after the hashes")
    func headingWithoutSpace() throws {
        let (_, diagnostics) = ContentTestSupport.decode(Self.head + "\n##Démarche\n", file: "Content/pages/p.md", id: "p")
        let diagnostic = try #require(diagnostics.contentOnly)
        #expect(diagnostic.said == Said.contentWarning("markdown-heading-without-space", "Content/pages/p.md", 6, 1,
                                                 "«\u{A0}##Démarche\u{A0}» n’est pas un titre\u{A0}: sans espace après «\u{A0}##\u{A0}», la ligne serait publiée telle quelle, dièses compris",
                                                 hint: "écrivez\u{A0}: ## Démarche"))
        #expect(diagnostic.fix == Fix(start: SourceLocation(line: 6, column: 3), end: SourceLocation(line: 6, column: 3), replacement: " "))
    }

    @Test("hashtags, headings with their space, and code blocks give nothing")
    func noFalseHeading() {
        #expect(Self.rules("\n#ESS\n\n## Démarche\n\n```\n##code\nA\tB\nC\tD\n[x](www.example.org)\n```\n\n    ##indented\n") == [])
    }

    @Test("a link to a file name or to a page of the site is not taken for a web address")
    func linksThatAreNotHosts() {
        #expect(Self.rules("\n[bilan](bilan.pdf), [fiche](/fiches/cap-ondaine/), [doc](media/a.pdf), [x](https://example.org)\n") == [])
        #expect(Self.rules("\n[le site](example.org/page)\n") == ["markdown-link-without-scheme"])
    }

    @Test("one line with a tab is not a table; two are")
    func tabRows() {
        #expect(Self.rules("\nA\tB\n") == [])
        #expect(Self.rules("\nA\tB\nC\tD\n") == ["markdown-tab-table"])
    }

    @Test("a date hint never invents a day: a month in words gets the author's year and month, the day left to write")
    func monthInWords() {
        #expect(DateHints.hint("14 février 2023", key: "date")?.fr == "écrivez la date en chiffres, sous la forme année-mois-jour\u{A0}: date: 2023-02-14")
        #expect(DateHints.hint("2023-02-29", key: "date")?.fr.hasPrefix("le 29 février 2023 n’existe pas\u{A0}: février 2023 n’a que 28 jours") == true)
        #expect(DateHints.hint("2024-02-30", key: "date")?.fr.hasPrefix("le 30 février 2024 n’existe pas\u{A0}: février 2024 n’a que 29 jours") == true)
        #expect(DateHints.hint("2023-13-13", key: "date") == nil)
        #expect(DateHints.hint("bientôt", key: "date") == nil)
    }

    @Test("a sum in another currency is named, with no converted figure; euros and counts with words are not")
    func currencies() {
        #expect(AuthorHints.foreignCurrency("30 000 $") == "$")
        #expect(AuthorHints.foreignCurrency("USD 30000") == "USD")
        #expect(AuthorHints.foreignCurrency("30000 francs suisses") == "francs suisses")
        #expect(AuthorHints.foreignCurrency("30000 €") == nil)
        #expect(AuthorHints.foreignCurrency("12 personnes") == nil)
        #expect(AuthorHints.foreignCurrency("CHF") == nil)
    }

    @Test("an address copied with its name or with mailto: gives back the address alone")
    func addressAlone() {
        #expect(CardDecoder.addressAlone("Marie Dupont <m.dupont@example.org>") == "m.dupont@example.org")
        #expect(CardDecoder.addressAlone("mailto:m.dupont@example.org") == "m.dupont@example.org")
        #expect(CardDecoder.addressAlone("m.dupont@example.org") == nil)
        #expect(CardDecoder.addressAlone("Marie <m.dupont@>") == nil)
    }
}
