/// Numbers as diagnostics write them: in the message's own words, whatever the site's language ("48 500 €", "95 %", "12.5").
public enum PlainNumber {
    /// A count: "11", or "12.5" when it is not whole.
    public static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Whole euros, thousands spaced: "48 500 €".
    public static func euros(_ value: Double) -> String {
        grouped(Int(value.rounded())) + " €"
    }

    /// A fraction as a percentage with at most one decimal: "95 %", "21.7 %".
    public static func percent(_ fraction: Double) -> String {
        let value = (fraction * 1000).rounded() / 10
        let text = value == value.rounded() ? String(Int(value)) : String(value)
        return text + " %"
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(" ") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}
