import PasserelleModel

/// A horizontal bar chart as inline SVG: one bar per group, largest first, its value written at the bar's end.
///
/// Readable in print and on a phone (it scales to the width, text stays in proportion), described by
/// `<title>` and `<desc>` for screen readers, and always shown beside a table of the same numbers. The bars leave
/// room for the widest value, so "12 345 678 €" is never cut at the edge.
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
    /// Space between a bar's end and its value.
    static let gap = 6.0

    /// Each group on two lines: its label, then its bar with the value at its end. The drawing is narrow, so
    /// its text stays readable when a phone shrinks it to the screen's width.
    var svg: String {
        let sorted = ChartText.byValue(bars, value: \.value, label: \.label)
        let height = Double(sorted.count) * Self.rowHeight + 4
        let maximum = sorted.map(\.value).max() ?? 0
        let valueSpace = (sorted.map { ChartText.width($0.text, bold: true) }.max() ?? 0) + Self.gap + 2
        let plot = max(Self.width - valueSpace, Self.width / 4)
        var out = SVGFrame.open(id: id, width: Int(Self.width), height: height, title: title, description: description)
        for (index, bar) in sorted.enumerated() {
            let y = Double(index) * Self.rowHeight
            let length = maximum > 0 ? max(bar.value / maximum * plot, bar.value > 0 ? 2 : 0) : 0
            out += """
            <text x="0" y="\(format(y + 15))" class="chart-label">\(HTML.escape(ChartText.fit(bar.label, Self.width)))</text>
            <rect x="0" y="\(format(y + 21))" width="\(format(length))" height="\(Int(Self.barHeight))" class="chart-bar"/>
            <text x="\(format(length + Self.gap))" y="\(format(y + 35))" class="chart-value">\(HTML.escape(bar.text))</text>

            """
        }
        return out + "</svg>"
    }

    private func format(_ value: Double) -> String {
        Formatter.machine(value, decimals: 1)
    }
}
