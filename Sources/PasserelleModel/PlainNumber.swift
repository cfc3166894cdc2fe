import Foundation

/// Numbers as diagnostics write them: in the message's own words, whatever the site's language ("48 500 €", "95 %", "12.5").
public enum PlainNumber {
    /// A count: "11", or "12.5" when it is not whole.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        return value == value.rounded() ? String(format: "%.0f", value) : String(value)
    }

    /// Whole euros, thousands spaced: "48 500 €".
    public static func euros(_ value: Double) -> String {
        guard value.isFinite else { return number(value) + " €" }
        return grouped(String(format: "%.0f", value.rounded())) + " €"
    }

    /// A fraction as a percentage with at most one decimal: "95 %", "21.7 %".
    public static func percent(_ fraction: Double) -> String {
        let value = (fraction * 1000).rounded() / 10
        let text = value == value.rounded() ? String(Int(value)) : String(value)
        return text + " %"
    }

    /// "-1234567" → "-1 234 567": total over any digits, so no amount can trap it.
    static func grouped(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let digits = Array(negative ? text.dropFirst() : Substring(text))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(" ") }
            out.append(digit)
        }
        return (negative ? "-" : "") + out
    }

    /// How an amount relates to time, in a diagnostic's words: "per year", "over 3 years", "one-off"…
    public static func horizon(_ horizon: Horizon) -> String {
        switch horizon {
        case .annual: return "per year"
        case .years(let n): return "over \(n) years"
        case .oneOff: return "one-off"
        case .unstated: return "without a period"
        case .notBrokenDown: return "not broken down"
        }
    }

    /// "8 000 € one-off, of which 3 000 € in kind, + 6 800 € per year" (money.md §3).
    public static func breakdown(_ totals: HorizonTotals) -> String {
        var parts: [String] = []
        if let oneOff = totals.oneOff {
            parts.append(euros(oneOff) + " one-off" + (totals.oneOffInKind.map { ", of which \(euros($0)) in kind" } ?? ""))
        }
        for years in totals.multiYear.keys.sorted() { parts.append(euros(totals.multiYear[years] ?? 0) + " over \(years) years") }
        if let annual = totals.annual { parts.append(euros(annual) + " per year") }
        if let notBrokenDown = totals.notBrokenDown { parts.append(euros(notBrokenDown) + " not broken down") }
        if let unstated = totals.unstated { parts.append(euros(unstated) + " without a period") }
        // "…, of which 3 000 € in kind, + 6 800 € per year": the clause closes before the next part.
        return parts.enumerated().map { $0.offset < parts.count - 1 && totals.oneOffInKind != nil && $0.offset == 0 ? $0.element + "," : $0.element }
            .joined(separator: " + ")
    }

    /// A machine number for exports and `<data value>`: dot decimal, no grouping, no exponent; "" when not finite.
    public static func machine(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "" }
        let scale = (0..<decimals).reduce(1.0) { v, _ in v * 10 }
        let scaled = value * scale
        let rounded = scaled.isFinite ? scaled.rounded(.toNearestOrAwayFromZero) / scale : value
        if rounded == rounded.rounded() { return String(format: "%.0f", rounded) }
        var text = String(format: "%.\(decimals)f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
