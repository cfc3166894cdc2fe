import Foundation
import PasserelleModel

/// Numbers, amounts, percentages and dates as a reader of the site's language expects them.
///
/// French: U+202F (narrow no-break space) between thousands, U+00A0 before "€" and "%", decimal comma:
/// "97 000 €", "21,7 %". English: "€97,000", "21.7%". Written by hand so output never depends on the
/// machine's locale data.
public struct Formatter: Sendable {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }

    static let thinSpace = "\u{202F}"
    static let noBreakSpace = "\u{00A0}"

    /// A whole number of euros: "97 000 €".
    public func euros(_ value: Double) -> String {
        let number = grouped(value, decimals: 0)
        switch language {
        case .fr: return number + Self.noBreakSpace + "€"
        case .en: return value < 0 ? "-€" + String(number.dropFirst()) : "€" + number
        }
    }

    /// A fraction as a percentage with at most one decimal: 0.783 → "78,3 %", 0.9 → "90 %".
    public func percent(_ fraction: Double) -> String {
        let number = grouped(fraction * 100, decimals: 1)
        switch language {
        case .fr: return number + Self.noBreakSpace + "%"
        case .en: return number + "%"
        }
    }

    /// A count or quantity with at most `decimals` decimals: "6 500", "12,5".
    public func number(_ value: Double, decimals: Int = 1) -> String {
        grouped(value, decimals: decimals)
    }

    /// A computed value that rests on an approximate input: "≈ 70 %", the sign bound to the figure by a no-break space.
    public func approximately(_ text: String) -> String {
        "≈" + Self.noBreakSpace + text
    }

    /// A value in its unit: euros, percentages, or a plain quantity.
    public func value(_ value: Double, unit: MeasureUnit) -> String {
        switch unit {
        case .EUR: return euros(value)
        case .percent: return percent(value)
        default: return number(value)
        }
    }

    /// "10 janvier 2014" / "10 January 2014".
    public func date(_ day: Day) -> String {
        let monthsFR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        let monthsEN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let index = min(max(day.month - 1, 0), 11)
        switch language {
        case .fr: return "\(day.day == 1 ? "1er" : String(day.day)) \(monthsFR[index]) \(day.year)"
        case .en: return "\(day.day) \(monthsEN[index]) \(day.year)"
        }
    }

    /// Rounds half away from zero to `decimals`, drops trailing zeros, groups thousands.
    func grouped(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        let scale = pow10(decimals)
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let negative = value < 0 && scaled != 0
        // Past 2^53 a Double has no fraction left: its whole digits, grouped, never an exponent.
        let whole = scaled < 9e15
        let integerDigits = whole ? String(Int(scaled) / Int(scale)) : String(format: "%.0f", abs(value).rounded())
        var fraction = whole ? Int(scaled) % Int(scale) : 0
        var fractionDigits = decimals
        while fractionDigits > 0 && fraction % 10 == 0 {
            fraction /= 10
            fractionDigits -= 1
        }
        let separator = language == .fr ? Self.thinSpace : ","
        let decimalMark = language == .fr ? "," : "."
        let digits = integerDigits
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += separator }
            out.append(digit)
        }
        if fractionDigits > 0 {
            let text = String(fraction)
            out += decimalMark + String(repeating: "0", count: fractionDigits - text.count) + text
        }
        return (negative ? "-" : "") + out
    }

    private func pow10(_ n: Int) -> Double {
        (0..<n).reduce(1.0) { value, _ in value * 10 }
    }

    /// Plain machine numbers for attributes and exports: dot decimal, no grouping ("10952.38", "0.217").
    /// Four decimals, as the open data writes them, so a page and its data files agree to the digit.
    public static func machine(_ value: Double, decimals: Int = 4) -> String {
        PlainNumber.machine(value, decimals: decimals)
    }
}
