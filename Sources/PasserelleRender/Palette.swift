import Foundation
import PasserelleModel

/// Fills for the parts of a chart, told apart without colour vision: the Okabe–Ito palette (distinct for readers
/// with any of the common colour-vision deficiencies), each colour with its own hatching, and a dark outline so every
/// part stands out 3:1 from white and from its neighbours (WCAG 1.4.11) whatever its colour. The legend repeats the
/// same fill beside each label; the table beside the chart has every number.
enum Palette {
    /// Okabe & Ito, "Color Universal Design" (2008), in an order where neighbours differ most in lightness.
    static let colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442"]
    /// Whether a colour is dark, so its hatching is drawn in white rather than black.
    private static let dark: Set<String> = ["#0072B2", "#009E73", "#D55E00", "#000000"]
    /// The outline of every part: the page's ink, 16:1 against white.
    static let outline = "#1b1f24"

    static func colour(_ index: Int) -> String {
        colours[index % colours.count]
    }

    /// The hatching of the `index`-th part: none for the first, then lines, dots, grids… After eight parts the
    /// colours repeat, so the hatching shifts to keep each pair (colour, hatching) its own.
    static func motif(_ index: Int) -> Int {
        (index + index / colours.count * 3) % 8
    }

    /// The id of the `index`-th part's fill in chart `chart` (ids are unique in the page: one chart, one prefix).
    static func fillID(chart: String, _ index: Int) -> String {
        "\(chart)-motif-\(index)"
    }

    /// `url(#…)` of the part's fill, for a `fill` attribute.
    static func fill(chart: String, _ index: Int) -> String {
        "url(#\(fillID(chart: chart, index)))"
    }

    /// The `<defs>` with one pattern per part: its colour, hatched.
    static func definitions(chart: String, count: Int) -> String {
        guard count > 0 else { return "" }
        var out = "<defs>\n"
        for index in 0..<count {
            let colour = colour(index)
            let ink = dark.contains(colour) ? "#ffffff" : "#000000"
            out += "<pattern id=\"\(fillID(chart: chart, index))\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\">"
                + "<rect width=\"8\" height=\"8\" fill=\"\(colour)\"/>"
                + hatching(motif(index), ink: ink) + "</pattern>\n"
        }
        return out + "</defs>\n"
    }

    private static func hatching(_ motif: Int, ink: String) -> String {
        let line = "stroke=\"\(ink)\" stroke-width=\"1.5\""
        switch motif {
        case 1: return "<path d=\"M-2 2 L2 -2 M0 8 L8 0 M6 10 L10 6\" \(line)/>"
        case 2: return "<circle cx=\"4\" cy=\"4\" r=\"1.6\" fill=\"\(ink)\"/>"
        case 3: return "<path d=\"M0 4 H8\" \(line)/>"
        case 4: return "<path d=\"M-2 6 L2 10 M0 0 L8 8 M6 -2 L10 2\" \(line)/>"
        case 5: return "<path d=\"M0 4 H8 M4 0 V8\" \(line)/>"
        case 6: return "<path d=\"M4 0 V8\" \(line)/>"
        case 7: return "<path d=\"M0 0 L8 8 M8 0 L0 8\" \(line)/>"
        default: return ""
        }
    }
}

/// How wide a chart's text is drawn, estimated without fonts (the build never measures): generous widths of
/// DejaVu Sans, the widest of the usual system fonts, so a label or an amount is never cut at the chart's edge.
enum ChartText {
    /// The text's width in the chart's units at `size`.
    static func width(_ text: String, size: Double = 15, bold: Bool = false) -> Double {
        var ems = 0.0
        for character in text {
            switch character {
            case " ", "\u{00A0}": ems += 0.32
            case "\u{202F}", "\u{2009}": ems += 0.2
            case "i", "l", "j", "'", "’", ".", ",", ":", ";", "!", "|", "(", ")": ems += 0.34
            case "m", "w", "M", "W", "…", "%", "€", "—": ems += 1.0
            default: ems += character.isUppercase ? 0.78 : 0.64
            }
        }
        return ems * size * (bold ? 1.1 : 1)
    }

    /// The text shortened with "…" to fit `available` (the table beside the chart has it in full).
    static func fit(_ text: String, _ available: Double, size: Double = 15, bold: Bool = false) -> String {
        guard width(text, size: size, bold: bold) > available else { return text }
        var kept = ""
        for character in text {
            if width(kept + String(character) + "…", size: size, bold: bold) > available { break }
            kept.append(character)
        }
        return kept.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// Bars in the order a reader compares them: largest first, equal values in French order of their labels.
    static func byValue<Item>(_ items: [Item], value: (Item) -> Double, label: (Item) -> String) -> [Item] {
        items.map { (item: $0, value: value($0), key: Collation.key(label($0))) }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map(\.item)
    }
}
