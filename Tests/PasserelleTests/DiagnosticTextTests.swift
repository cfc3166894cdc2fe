import Testing
@testable import PasserelleContent
import PasserelleModel

/// The French and English texts of diagnostics, their hints quoting the author's line, and their structured fixes.
@Suite("Diagnostics: bilingual texts, hints and fixes")
struct DiagnosticTextTests {
    let file = "Content/projects/cap-ondaine.md"
    let head = "---\nkind: project\ntitle: \"Coopérative d'activités\"\n"

    @Test("Suggestions.hint names the close word in French and in English")
    func suggestionHint() {
        let hint = Suggestions.hint(for: "people_acompanied", in: ["people_accompanied", "exits"],
                                    listName: Bilingual(fr: "mesures déclarées", en: "metrics"))
        #expect(hint == Bilingual(fr: "vouliez-vous dire «\u{A0}people_accompanied\u{A0}»\u{A0}?", en: "did you mean 'people_accompanied'?"))
    }

    @Test("Suggestions.hint lists what is allowed when nothing is close, and says when the list is empty")
    func suggestionList() {
        let names = Bilingual(fr: "valeurs possibles", en: "valid values")
        #expect(Suggestions.hint(for: "zzz", in: ["ongoing", "idea"], listName: names)
                == Bilingual(fr: "valeurs possibles\u{A0}: idea, ongoing", en: "valid values: idea, ongoing"))
        #expect(Suggestions.hint(for: "zzz", in: [], listName: names)
                == Bilingual(fr: "la liste des valeurs possibles est vide", en: "no valid values is declared"))
    }

    @Test("a misspelt key with one close key: the hint gives the corrected line and the fix replaces the key")
    func keyTypoFix() throws {
        let (_, diagnostics) = ContentTestSupport.decode(head + "budjet: 97000\n---\n")
        let diagnostic = try #require(diagnostics.contentOnly)
        #expect(diagnostic.rule == "key-unknown")
        #expect(diagnostic.message == "clé inconnue «\u{A0}budjet\u{A0}» dans la fiche projet")
        #expect(diagnostic.message(.en) == "unknown key 'budjet' in a project")
        #expect(diagnostic.hint == "vouliez-vous dire «\u{A0}budget\u{A0}»\u{A0}? écrivez\u{A0}: budget: 97000")
        #expect(diagnostic.hint(.en) == "did you mean 'budget'? write: budget: 97000")
        #expect(diagnostic.end == SourceLocation(line: 4, column: 7))
        #expect(diagnostic.fix == Fix(start: SourceLocation(line: 4, column: 1), end: SourceLocation(line: 4, column: 7),
                                      replacement: "budget"))
    }

    @Test("an unknown key with no close key lists the allowed keys and has no fix")
    func keyWithoutFix() throws {
        let (_, diagnostics) = ContentTestSupport.decode("---\nkind: page\ntitle: T\nzzz: 1\n---\n", file: "Content/pages/p.md", id: "p")
        let diagnostic = try #require(diagnostics.contentOnly)
        #expect(diagnostic.hint == "clés possibles\u{A0}: aliases, date, draft, glossary, id, kind, section, source, summary, themes, title, updated, weight")
        #expect(diagnostic.fix == nil)
    }

    @Test("a misspelt value of a list of values: the fix replaces the value, the hint quotes the corrected line")
    func enumTypoFix() throws {
        let (_, diagnostics) = ContentTestSupport.decode(head + "status: ongoign\n---\n")
        let diagnostic = try #require(diagnostics.contentOnly)
        #expect(diagnostic.rule == "value-not-allowed")
        #expect(diagnostic.message == "«\u{A0}ongoign\u{A0}» n’est pas une valeur possible pour «\u{A0}status\u{A0}»")
        #expect(diagnostic.hint == "vouliez-vous dire «\u{A0}ongoing\u{A0}»\u{A0}? écrivez\u{A0}: status: ongoing")
        #expect(diagnostic.fix == Fix(start: SourceLocation(line: 4, column: 9), end: SourceLocation(line: 4, column: 16),
                                      replacement: "ongoing"))
    }

    @Test("an unclosed quote: the hint gives the line with its closing quote, the fix inserts it at the end of the value")
    func unclosedQuoteFix() throws {
        let (_, diagnostics) = ContentTestSupport.decode("---\nkind: project\ntitle: \"Atelier partagé\nsummary: x\n---\n")
        let diagnostic = try #require(diagnostics.contentOnly)
        #expect(diagnostic.rule == "yaml-unclosed-quote")
        #expect(diagnostic.location == SourceLocation(line: 3, column: 8))
        #expect(diagnostic.hint == "finissez la valeur par le même guillemet qu’au début\u{A0}; écrivez\u{A0}: title: \"Atelier partagé\"")
        #expect(diagnostic.fix == Fix(start: SourceLocation(line: 3, column: 24), end: SourceLocation(line: 3, column: 24),
                                      replacement: "\""))
    }

    @Test("a date written day/month/year: the hint gives the same day as year-month-day")
    func frenchDate() throws {
        let (_, diagnostics) = ContentTestSupport.decode(head + "date: 14/02/2023\n---\n")
        let diagnostic = try #require(diagnostics.contentOnly)
        #expect(diagnostic.rule == "date-invalid")
        #expect(diagnostic.hint == "écrivez la date sous la forme année-mois-jour\u{A0}: date: 2023-02-14")
        #expect(diagnostic.hint(.en) == "write dates as year-month-day: date: 2023-02-14")
    }

    @Test("a day that does not exist gets no converted date, only the form to follow")
    func impossibleDate() throws {
        let (_, diagnostics) = ContentTestSupport.decode(head + "date: 30/02/2023\n---\n")
        let diagnostic = try #require(diagnostics.contentOnly)
        #expect(diagnostic.hint == "le 30 février 2023 n’existe pas\u{A0}: février 2023 n’a que 28 jours\u{A0}; vérifiez le jour dans le document source, puis écrivez date: 2023-02- suivi du jour sur deux chiffres")
    }

    @Test("the headline and hint print in French by default and in English when asked")
    func printed() throws {
        let (_, diagnostics) = ContentTestSupport.decode(head + "budjet: 97000\n---\n")
        let diagnostic = try #require(diagnostics.contentOnly)
        #expect(diagnostic.description == "\(file):4:1: erreur: clé inconnue «\u{A0}budjet\u{A0}» dans la fiche projet [key-unknown]\n"
                + "    conseil : vouliez-vous dire «\u{A0}budget\u{A0}»\u{A0}? écrivez\u{A0}: budget: 97000")
        #expect(diagnostic.description(.en) == "\(file):4:1: error: unknown key 'budjet' in a project [key-unknown]\n"
                + "    hint: did you mean 'budget'? write: budget: 97000")
    }

    @Test("French figures in funding messages: no-break spaces, decimal comma, French horizons")
    func frenchFigures() {
        var totals = HorizonTotals()
        totals.add(8_000, .oneOff, inKind: true)
        totals.add(6_800, .annual)
        #expect(PlainNumber.eurosFr(48_500) == "48\u{A0}500\u{A0}€")
        #expect(PlainNumber.percentFr(0.217) == "21,7\u{A0}%")
        #expect(PlainNumber.horizonFr(.years(3)) == "sur 3 ans")
        #expect(PlainNumber.breakdownFr(totals) == "8\u{A0}000\u{A0}€ ponctuel, dont 8\u{A0}000\u{A0}€ en nature, + 6\u{A0}800\u{A0}€ par an")
    }
}
