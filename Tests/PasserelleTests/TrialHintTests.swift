import Testing
@testable import PasserelleContent
import PasserelleModel

/// Hints found wanting when a union's staff member wrote two cards (issue 8, trial branch): each quotes the author's
/// own value and never changes its magnitude.
@Suite("Trial hints: the author's own value")
struct TrialHintTests {
    @Test("the decimal reading of 1.234 is written so it is read one way: 1,2340 (French), 1.2340 (English)")
    func ambiguousThreeDecimals() throws {
        let hint = try #require(NumberParser.ambiguityHint("1.234", key: "jobs_created"))
        #expect(hint.fr == "s’il s’agit de mille deux cent trente-quatre, écrivez jobs_created: 1234\u{A0}; s’il s’agit de 1,234, écrivez jobs_created: 1,2340")
        #expect(hint.en == "if you mean one thousand two hundred thirty-four, write jobs_created: 1234; if you mean 1.234, write jobs_created: 1.2340")
        #expect(try NumberParser.amount("1,2340").get() == 1.234)
    }

    @Test("the decimal reading of 74.000 stays 74 (no zero added)")
    func ambiguousRoundThousands() throws {
        let hint = try #require(NumberParser.ambiguityHint("74.000", key: "amount"))
        #expect(hint.en == "if you mean seventy-four thousand, write amount: 74000; if you mean 74, write amount: 74")
    }

    @Test("a whole number typed with the letter O or in words is given back in figures", arguments: [
        ("2O06", 2006), ("2o1O", 2010), ("trois", 3), ("Douze", 12),
    ])
    func intTypos(text: String, figure: Int) {
        #expect(MappingReader.intTypos(text) == figure)
    }

    @Test("a word that is no number gets no figure", arguments: ["beaucoup", "O", "2006-2009", ""])
    func intTyposNone(text: String) {
        #expect(MappingReader.intTypos(text) == nil)
    }

    @Test("French pick-list words find their value only among the list's values")
    func frenchValues() {
        #expect(FrenchValues.value(for: "En cours", in: ["idea", "ongoing", "completed", "stopped"]) == "ongoing")
        #expect(FrenchValues.value(for: "financeur", in: ["carrier", "funder", "other"]) == "funder")
        #expect(FrenchValues.value(for: "financeur", in: ["annual", "one_off", "total"]) == nil)
    }

    @Test("euros are recognised in a count's value, and only euros", arguments: [
        ("50 k€", true), ("1 200 000 €", true), ("300 EUR", true), ("3 millions d’euros", true), ("12 euros", true),
        ("50", false), ("12 personnes", false), ("Europe", false),
    ])
    func namesEuros(text: String, euros: Bool) {
        #expect(MetricUnits.namesEuros(text) == euros)
    }

    @Test("an e-mail address needs one @, a name and a domain with a dot", arguments: [
        ("m.leroy@cauxseine.fr", true), ("m.leroy@", false), ("@cauxseine.fr", false), ("m.leroy@cauxseine", false),
        ("a@b@c.fr", false), ("m leroy@cauxseine.fr", false), ("m.leroy@cauxseine.fr.", false),
    ])
    func email(address: String, plausible: Bool) {
        #expect(CardDecoder.plausibleEmail(address) == plausible)
    }

    @Test("a value in euros on a {total, parts} count is reported at the part")
    func euroInParts() {
        let text = "---\nkind: project\ntitle: T\nresults:\n  - year: 2010\n    jobs_created: {total: 3, parts: {a: 2 k€, b: 1}}\n---\n"
        let dictionary = MetricDictionary(metrics: [MetricDefinition(id: "jobs_created", label: LocalizedText("Emplois"), unit: .jobs)])
        let (_, diagnostics) = ContentLoader.decodeRecord(text: text, file: "Content/projects/t.md", defaultID: "t", dictionary: dictionary)
        let found = diagnostics.filter { $0.rule == "metric-unit-euro" }
        #expect(found.map(\.location) == [SourceLocation(line: 6, column: 41)])
        #expect(found.first?.hint == "si c’est bien un nombre, écrivez-le en entier, sans «\u{A0}€\u{A0}»\u{A0}: jobs_created: 2000\u{A0}; si c’est une somme, elle va dans une mesure en euros ou dans budget:")
    }

    @Test("a count written with words gets the author's figure in the right form", arguments: [
        ("12 personnes", "écrivez le nombre seul, sans «\u{A0}personnes\u{A0}»\u{A0}: people_accompanied: 12 (l’unité vient de indicators.yml)"),
        ("une trentaine", "pour une valeur approchée comme «\u{A0}une trentaine\u{A0}», écrivez\u{A0}: people_accompanied: {value: 30, approx: true}"),
        ("environ 45", "pour une valeur approchée comme «\u{A0}environ 45\u{A0}», écrivez\u{A0}: people_accompanied: {value: 45, approx: true}"),
        ("30 à 40", "pour une fourchette comme «\u{A0}30 à 40\u{A0}», écrivez\u{A0}: people_accompanied: {min: 30, max: 40}"),
    ])
    func wordedNumber(text: String, hint: String) {
        #expect(AuthorHints.wordedNumber(text, key: "people_accompanied")?.fr == hint)
    }

    @Test("no figure is guessed from two years, a reversed range or plain words", arguments: ["2010-2012", "40-30", "beaucoup", "97 000 € par an"])
    func wordedNumberNone(text: String) {
        #expect(AuthorHints.wordedNumber(text, key: "people_accompanied") == nil)
    }
}
