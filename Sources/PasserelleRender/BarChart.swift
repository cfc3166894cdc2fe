import PasserelleModel

/// A horizontal bar chart as inline SVG: one bar per group, its value written at the bar's end.
///
/// Readable in print and on a phone (it scales to the width, text stays in proportion), described by
/// `<title>` and `<desc>` for screen readers, and always shown beside a table of the same numbers.
struct BarChart {
    struct Bar {
        var label: String
        var value: Double
        var text: String
    }

    var id: String
    var title: String
    var description: String
    var bars: [Bar]

    static let width = 400.0
    static let rowHeight = 46.0
    static let barHeight = 18.0
    static let valueSpace = 96.0

    /// Each group on two lines: its label, then its bar with the value at its end. The drawing is narrow, so
    /// its text stays readable when a phone shrinks it to the screen's width.
    var svg: String {
        let height = Double(bars.count) * Self.rowHeight + 4
        let maximum = bars.map(\.value).max() ?? 0
        let plot = Self.width - Self.valueSpace
        var out = SVGFrame.open(id: id, width: Int(Self.width), height: height, title: title, description: description)
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * Self.rowHeight
            let length = maximum > 0 ? max(bar.value / maximum * plot, bar.value > 0 ? 2 : 0) : 0
            out += """
            <text x="0" y="\(format(y + 15))" class="chart-label">\(HTML.escape(short(bar.label)))</text>
            <rect x="0" y="\(format(y + 21))" width="\(format(length))" height="\(Int(Self.barHeight))" class="chart-bar"/>
            <text x="\(format(length + 6))" y="\(format(y + 35))" class="chart-value">\(HTML.escape(bar.text))</text>

            """
        }
        return out + "</svg>"
    }

    /// Long labels are shortened in the chart only; the table beside it has them in full.
    private func short(_ label: String) -> String {
        label.count > 44 ? String(label.prefix(43)) + "…" : label
    }

    private func format(_ value: Double) -> String {
        Formatter.machine(value, decimals: 1)
    }
}
