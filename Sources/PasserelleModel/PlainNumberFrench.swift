/// The French words of `PlainNumber`, for the French text of diagnostics: « 48 500 € », « 21,7 % », « par an ».
/// Spaces are no-break spaces (U+00A0), as French typography sets them in figures.
extension PlainNumber {
    /// « 48 500 € ».
    public static func eurosFr(_ value: Double) -> String {
        euros(value).replacingOccurrences(of: " ", with: "\u{A0}")
    }

    /// « 95 % », « 21,7 % ».
    public static func percentFr(_ fraction: Double) -> String {
        percent(fraction).replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: " ", with: "\u{A0}")
    }

    /// « par an », « sur 3 ans », « ponctuel »…
    public static func horizonFr(_ horizon: Horizon) -> String {
        switch horizon {
        case .annual: return "par an"
        case .years(let n): return "sur \(n) ans"
        case .oneOff: return "ponctuel"
        case .unstated: return "sans période"
        case .notBrokenDown: return "non ventilé"
        }
    }

    /// « 8 000 € ponctuel, dont 3 000 € en nature, + 6 800 € par an » (money.md §3).
    public static func breakdownFr(_ totals: HorizonTotals) -> String {
        var parts: [String] = []
        if let oneOff = totals.oneOff {
            parts.append(eurosFr(oneOff) + " ponctuel" + (totals.oneOffInKind.map { ", dont \(eurosFr($0)) en nature" } ?? ""))
        }
        for years in totals.multiYear.keys.sorted() { parts.append(eurosFr(totals.multiYear[years] ?? 0) + " sur \(years) ans") }
        if let annual = totals.annual { parts.append(eurosFr(annual) + " par an") }
        if let notBrokenDown = totals.notBrokenDown { parts.append(eurosFr(notBrokenDown) + " non ventilé") }
        if let unstated = totals.unstated { parts.append(eurosFr(unstated) + " sans période") }
        return parts.enumerated().map { $0.offset < parts.count - 1 && totals.oneOffInKind != nil && $0.offset == 0 ? $0.element + "," : $0.element }
            .joined(separator: " + ")
    }
}
