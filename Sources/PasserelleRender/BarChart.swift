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

    static let width = 640.0
    static let labelWidth = 230.0
    static let barHeight = 26.0
    static let gap = 10.0

    var svg: String {
        let height = Double(bars.count) * (Self.barHeight + Self.gap) + Self.gap
        let maximum = bars.map(\.value).max() ?? 0
        let plot = Self.width - Self.labelWidth - 110
        var out = """
        <svg class="chart" viewBox="0 0 \(Int(Self.width)) \(Int(height))" role="img" aria-labelledby="\(id)-title \(id)-desc" \
        xmlns="http://www.w3.org/2000/svg">
        <title id="\(id)-title">\(HTML.escape(title))</title>
        <desc id="\(id)-desc">\(HTML.escape(description))</desc>

        """
        for (index, bar) in bars.enumerated() {
            let y = Self.gap + Double(index) * (Self.barHeight + Self.gap)
            let length = maximum > 0 ? max(bar.value / maximum * plot, bar.value > 0 ? 2 : 0) : 0
            let textY = y + Self.barHeight / 2 + 5
            out += """
            <text x="\(Int(Self.labelWidth - 8))" y="\(format(textY))" text-anchor="end" class="chart-label">\(HTML.escape(short(bar.label)))</text>
            <rect x="\(Int(Self.labelWidth))" y="\(format(y))" width="\(format(length))" height="\(Int(Self.barHeight))" class="chart-bar"/>
            <text x="\(format(Self.labelWidth + length + 6))" y="\(format(textY))" class="chart-value">\(HTML.escape(bar.text))</text>

            """
        }
        return out + "</svg>"
    }

    /// Long labels are shortened in the chart only; the table beside it has them in full.
    private func short(_ label: String) -> String {
        label.count > 26 ? String(label.prefix(25)) + "…" : label
    }

    private func format(_ value: Double) -> String {
        Formatter.machine(value, decimals: 1)
    }
}
