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

    @Test("a separator followed by three digits is ambiguous and never guessed", arguments: ["74.000", "74,000", "1.250", "1.234.567"])
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

    @Test("text that is not a number is refused", arguments: ["", "quatre", "12abc", "1e5", "12,", ",5"])
    func notANumber(text: String) {
        #expect(NumberParser.amount(text) == .failure(.notANumber))
    }

    @Test("a share needs a % sign and is returned as a fraction")
    func shares() {
        #expect(NumberParser.share("15%") == .success(0.15))
        #expect(NumberParser.share("15 %") == .success(0.15))
        #expect(NumberParser.share("15") == nil)
    }
}
