import Testing
@testable import PasserelleContent

@Suite("Content: numbers as people type them")
struct ContentNumberParserTests {
    @Test("amounts written the French way are read", arguments: [
        ("97000", 97000.0), ("97 000", 97000), ("97 000 €", 97000), ("97000 EUR", 97000), ("97000 euros", 97000),
        ("97\u{202F}000\u{00A0}€", 97000), ("1 234,5", 1234.5), ("74.5", 74.5), ("74,5", 74.5), ("0.500", 0.5), ("1234.567", 1234.567),
    ])
    func readsAmounts(text: String, value: Double) {
        #expect(NumberParser.amount(text) == .success(value))
    }

    @Test("a separator followed by three digits is ambiguous and never guessed", arguments: ["74.000", "74,000", "1.250", "1,200 M€"])
    func ambiguous(text: String) {
        #expect(NumberParser.amount(text) == .failure(.ambiguous))
    }

    @Test("negative amounts are refused, with the ASCII or the Unicode minus", arguments: ["-5", "−5", "-1 000 €"])
    func negative(text: String) {
        #expect(NumberParser.amount(text) == .failure(.negative))
    }

    @Test("YAML's special numbers are refused as not finite", arguments: [".nan", ".inf", "-.inf", "NaN"])
    func notFinite(text: String) {
        #expect(NumberParser.amount(text) == .failure(.notFinite))
    }

    @Test("text that is not a number is refused", arguments: ["", "quatre", "12abc", "1e5", "12,", ",5", "1.2.3", "12.34,5", "1.234.56",
                                                             "1,2,3.4", "1.23,4", "1 234.567,5", "50 m€", "97000 d’euros", "M€", "€"])
    func notANumber(text: String) {
        #expect(NumberParser.amount(text) == .failure(.notANumber))
    }

    @Test("a share needs a % sign and is returned as a fraction")
    func shares() {
        #expect(NumberParser.share("15%") == .success(0.15))
        #expect(NumberParser.share("15 %") == .success(0.15))
        #expect(NumberParser.share("15") == nil)
    }

    // MARK: French forms (issue 8)

    @Test("French forms with a single reading are accepted and normalised", arguments: [
        ("1.234,56", 1234.56), ("74.000,00 €", 74000), ("74 000,50 €", 74000.5), ("1.234.567", 1_234_567), ("1,234,567", 1_234_567),
        ("1.234.567,89", 1_234_567.89), ("1,234.56", 1234.56), ("1\u{00A0}234", 1234), ("1\u{202F}234", 1234), ("12 345,67 EUR", 12345.67),
        ("1,2 M€", 1_200_000), ("1,2M€", 1_200_000), ("50 k€", 50000), ("50 K€", 50000), ("50k€", 50000), ("2 Md€", 2_000_000_000),
        ("1,5 million d’euros", 1_500_000), ("3 millions €", 3_000_000), ("3 millions d'euros", 3_000_000), ("50 mille €", 50000),
        ("1,2 M EUR", 1_200_000), ("0,5 milliard €", 500_000_000),
    ])
    func frenchForms(text: String, value: Double) {
        #expect(NumberParser.amount(text) == .success(value))
    }

    @Test("normalised values are exact: the Double of the digits as written, with no floating noise")
    func exactValues() {
        #expect(NumberParser.amount("0,1") == .success(0.1))
        #expect(NumberParser.amount("0,29 M€") == .success(290_000))
        #expect(NumberParser.amount("0,07 M€") == .success(70_000))
        #expect(NumberParser.amount("1.234,56") == .success(1234.56))
        #expect(NumberParser.share("14,5 %") == .success(0.145))
        #expect(NumberParser.share("0,1 %") == .success(0.001))
        #expect(NumberParser.share("7 %") == .success(0.07))
    }

    @Test("a multiplier without euros is refused: a count is written in full", arguments: ["50 k", "1,2 M", "3 millions", "50 mille", "2 Md"])
    func multiplierWithoutEuro(text: String) {
        #expect(NumberParser.amount(text) == .failure(.multiplierWithoutEuro))
    }

    @Test("a share takes no multiplier and no euro sign", arguments: ["5 k%", "5 €%"])
    func shareWithoutUnits(text: String) {
        #expect(NumberParser.share(text) == .failure(.notANumber))
    }

    @Test("the readings of a text: one, both for an ambiguous one, with its multiplier, in percent for a share")
    func readings() {
        #expect(NumberParser.readings("74.000") == [74000, 74])
        #expect(NumberParser.readings("74,000") == [74000, 74])
        #expect(NumberParser.readings("74.000,00 €") == [74000])
        #expect(NumberParser.readings("1,200 M€") == [1_200_000_000, 1_200_000])
        #expect(NumberParser.readings("50 k") == [50000])
        #expect(NumberParser.readings("14,5 %") == [14.5])
        #expect(NumberParser.readings("-5") == [5])
        #expect(NumberParser.readings("quatre") == [])
    }

    @Test("the hint of an ambiguous number names both readings, the whole one in words, each with the author's key")
    func ambiguityHint() throws {
        let hint = try #require(NumberParser.ambiguityHint("74.000", key: "amount"))
        #expect(hint.fr == "s’il s’agit de soixante-quatorze mille, écrivez amount: 74000\u{00A0}; s’il s’agit de 74, écrivez amount: 74")
        #expect(hint.en == "if you mean seventy-four thousand, write amount: 74000; if you mean 74, write amount: 74")
        let comma = try #require(NumberParser.ambiguityHint("1,250 €", key: "value"))
        #expect(comma.fr == "s’il s’agit de mille deux cent cinquante, écrivez value: 1250\u{00A0}; s’il s’agit de 1,25, écrivez value: 1,25")
        let million = try #require(NumberParser.ambiguityHint("1,200 M€", key: "amount"))
        #expect(million.fr == "s’il s’agit d’un milliard deux cents millions, écrivez amount: 1200000000\u{00A0}; "
                + "s’il s’agit de 1\u{202F}200\u{202F}000, écrivez amount: 1200000")
        #expect(million.en == "if you mean one billion two hundred million, write amount: 1200000000; if you mean 1,200,000, write amount: 1200000")
        let share = try #require(NumberParser.ambiguityHint("14.500 %", key: "share", percent: true))
        #expect(share.fr == "s’il s’agit de quatorze mille cinq cents\u{00A0}%, écrivez share: 14500\u{00A0}%\u{00A0}; "
                + "s’il s’agit de 14,5\u{00A0}%, écrivez share: 14,5\u{00A0}%")
        #expect(NumberParser.ambiguityHint("74 000", key: "amount") == nil)
    }

    @Test("the hint of a multiplier without euros gives the figure in full, same value")
    func multiplierHint() throws {
        let hint = try #require(NumberParser.multiplierHint("1,2 M", key: "insertion_jobs"))
        #expect(hint.fr == "s’il s’agit d’un million deux cent mille, écrivez insertion_jobs: 1200000")
        #expect(hint.en == "if you mean one million two hundred thousand, write insertion_jobs: 1200000")
    }

    @Test("whole numbers in French words follow the agreement of cent and vingt", arguments: [
        (21, "vingt et un"), (71, "soixante et onze"), (72, "soixante-douze"), (80, "quatre-vingts"), (81, "quatre-vingt-un"),
        (91, "quatre-vingt-onze"), (200, "deux cents"), (201, "deux cent un"), (1001, "mille un"), (80_000, "quatre-vingt mille"),
        (200_000, "deux cent mille"), (2_000_000, "deux millions"), (300_000_000, "trois cents millions"), (74_000, "soixante-quatorze mille"),
    ] as [(Int64, String)])
    func frenchWords(number: Int64, words: String) {
        #expect(NumberWords.french(number) == words)
    }
}
