/// Reads amounts and shares as people type them in French documents, refusing what is ambiguous.
public enum NumberParser {
    public enum Failure: Error, Equatable, Sendable {
        /// "74.000": a thousands separator or a decimal point? Never guessed.
        case ambiguous
        case notANumber
        case negative
        case notFinite
        /// Over `maxValue`: no real amount or count is that large, and larger numbers lose digits.
        case tooLarge
    }

    /// The largest amount or count a record may give (10^15): above it a number is certainly a typo, and beyond
    /// 2^53 a Double no longer holds every whole number, so digits would be lost silently.
    public static let maxValue = 1e15

    /// `97000`, `97 000`, `97 000 €`, `97000 EUR`, `1 234,5`, `74.5` are amounts; `74.000` is ambiguous.
    public static func amount(_ raw: String) -> Result<Double, Failure> {
        var text = raw.trimmingCharacters(in: " ")
        for suffix in ["€", "EUR", "euros", "euro"] where text.hasSuffix(suffix) {
            text = String(text.dropLast(suffix.count)).trimmingCharacters(in: " ")
            break
        }
        return number(text)
    }

    /// A plain decimal number with optional spaces between thousands (U+0020, U+00A0, U+202F).
    public static func number(_ raw: String) -> Result<Double, Failure> {
        var text = raw.trimmingCharacters(in: " ")
        let lowered = text.lowercased()
        if ["nan", ".nan", "inf", ".inf", "-.inf", "+.inf", "infinity", "-infinity"].contains(lowered) {
            return .failure(.notFinite)
        }
        var negative = false
        if text.hasPrefix("-") || text.hasPrefix("−") {
            negative = true
            text.removeFirst()
        } else if text.hasPrefix("+") {
            text.removeFirst()
        }
        text.removeAll { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else {
            return .failure(.notANumber)
        }
        let separators = text.filter { $0 == "." || $0 == "," }
        if separators.count > 1 { return .failure(.ambiguous) }
        if let separator = separators.first {
            let parts = text.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return .failure(.notANumber) }
            // One separator followed by exactly three digits reads as thousands in French and decimals in English.
            if parts[1].count == 3, parts[0].count <= 3, parts[0] != "0" { return .failure(.ambiguous) }
            text = parts[0] + "." + parts[1]
        }
        guard let value = Double(text), value.isFinite else { return .failure(.notFinite) }
        if negative && value != 0 { return .failure(.negative) }
        if value > maxValue { return .failure(.tooLarge) }
        return .success(value)
    }

    /// How to write an ambiguous number unambiguously: both readings, spelled out.
    public static func ambiguityHint(_ raw: String) -> String {
        let text = raw.trimmingCharacters(in: " ")
        let digits = text.filter { $0.isASCII && $0.isNumber }
        let separators = text.filter { $0 == "." || $0 == "," }
        guard separators.count == 1, let separator = separators.first else {
            return "write \(digits) without separators (a decimal uses one comma, e.g. 74,5)"
        }
        let parts = text.split(separator: separator)
        var decimals = String(parts.last ?? "")
        while decimals.hasSuffix("0") { decimals.removeLast() }
        let decimal = String(parts.first ?? "") + (decimals.isEmpty ? "" : "," + decimals)
        return "write \(digits) (without a separator) for the whole number, or \(decimal) for the decimal one"
    }

    /// `15%`, `15 %`, `21,7 %` as a fraction (0.15). Nil when the text is not a percentage.
    public static func share(_ raw: String) -> Result<Double, Failure>? {
        let text = raw.trimmingCharacters(in: " ")
        guard text.hasSuffix("%") else { return nil }
        return number(String(text.dropLast())).map { $0 / 100 }
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set || s.first == "\u{00A0}" || s.first == "\u{202F}" { s.removeFirst() }
        while s.last == set || s.last == "\u{00A0}" || s.last == "\u{202F}" { s.removeLast() }
        return String(s)
    }
}
