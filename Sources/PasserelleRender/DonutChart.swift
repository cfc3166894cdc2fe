import Foundation

/// A ring cut into the shares of a whole, largest part first, with a legend giving each part's label and share.
/// Each part has its own colour and hatching (Palette), repeated beside its label in the legend; the fill follows
/// the order the parts are given in (funder types in their usual order), so a type looks the same in every chart.
struct DonutChart {
    struct Part {
        var label: String
        var value: Double
        var text: String
        var share: String
    }

    var id: String
    var title: String
    var description: String
    var parts: [Part]

    static let legendX = 172.0

    var svg: String {
        let fills = parts.indices
        let order = ChartText.byValue(Array(zip(parts, fills)), value: { $0.0.value }, label: { $0.0.label })
        let parts = order.map(\.0)
        let fill = { (position: Int) in Palette.fill(chart: id, order[position].1) }
        let total = parts.reduce(0) { $0 + max($1.value, 0) }
        let legendHeight = Double(parts.count) * 24 + 8
        let height = max(164, legendHeight)
        var out = SVGFrame.open(id: id, width: 400, height: height, title: title, description: description)
        out += Palette.definitions(chart: id, count: parts.count)
        let center = 80.0
        let outer = 76.0
        let inner = 44.0
        var angle = -Double.pi / 2
        for (index, part) in parts.enumerated() where total > 0 && part.value > 0 {
            let sweep = part.value / total * 2 * Double.pi
            let fill = fill(index)
            if sweep >= 2 * Double.pi - 1e-9 {
                // A single part: a full ring (an arc cannot start and end at the same point).
                out += "<path d=\"M \(f(center - outer)) \(f(center)) A \(f(outer)) \(f(outer)) 0 1 0 \(f(center + outer)) \(f(center)) "
                    + "A \(f(outer)) \(f(outer)) 0 1 0 \(f(center - outer)) \(f(center)) Z M \(f(center - inner)) \(f(center)) "
                    + "A \(f(inner)) \(f(inner)) 0 1 1 \(f(center + inner)) \(f(center)) A \(f(inner)) \(f(inner)) 0 1 1 \(f(center - inner)) \(f(center)) Z\" "
                    + "fill=\"\(fill)\" fill-rule=\"evenodd\" stroke=\"\(Palette.outline)\" stroke-width=\"1.5\"/>\n"
            } else {
                let end = angle + sweep
                let large = sweep > Double.pi ? 1 : 0
                out += "<path d=\"M \(f(center + outer * cos(angle))) \(f(center + outer * sin(angle))) "
                    + "A \(f(outer)) \(f(outer)) 0 \(large) 1 \(f(center + outer * cos(end))) \(f(center + outer * sin(end))) "
                    + "L \(f(center + inner * cos(end))) \(f(center + inner * sin(end))) "
                    + "A \(f(inner)) \(f(inner)) 0 \(large) 0 \(f(center + inner * cos(angle))) \(f(center + inner * sin(angle))) Z\" "
                    + "fill=\"\(fill)\" stroke=\"\(Palette.outline)\" stroke-width=\"1.5\"/>\n"
                angle = end
            }
        }
        for (index, part) in parts.enumerated() {
            let y = 8.0 + Double(index) * 24
            let room = 400 - (Self.legendX + 20) - ChartText.width(" " + part.share)
            out += "<rect x=\"\(f(Self.legendX))\" y=\"\(f(y))\" width=\"14\" height=\"14\" fill=\"\(fill(index))\" "
                + "stroke=\"\(Palette.outline)\" stroke-width=\"1\"/>\n"
            out += "<text x=\"\(f(Self.legendX + 20))\" y=\"\(f(y + 12))\" class=\"chart-label\">"
                + "\(HTML.escape(ChartText.fit(part.label, room))) \(HTML.escape(part.share))</text>\n"
        }
        return out + "</svg>"
    }

    private func f(_ value: Double) -> String {
        Formatter.machine(value, decimals: 2)
    }
}

/// Bars cut into parts (funding by funder type, per group), largest total first, with a legend of the parts. Each
/// part has its own colour and hatching (Palette), the same in the legend.
struct StackedChart {
    struct Bar {
        var label: String
        var segments: [Double]
        var text: String
    }

    var id: String
    var title: String
    var description: String
    var legend: [String]
    var bars: [Bar]

    static let width = 400.0

    var svg: String {
        let bars = ChartText.byValue(bars, value: { $0.segments.reduce(0) { $0 + max($1, 0) } }, label: \.label)
        let legendRows = Double(legend.count) * 22
        let height = Double(bars.count) * 46 + legendRows + 12
        let maximum = bars.map { $0.segments.reduce(0) { $0 + max($1, 0) } }.max() ?? 0
        let valueSpace = (bars.map { ChartText.width($0.text, bold: true) }.max() ?? 0) + BarChart.gap + 2
        let plot = max(Self.width - valueSpace, Self.width / 4)
        var out = SVGFrame.open(id: id, width: Int(Self.width), height: height, title: title, description: description)
        out += Palette.definitions(chart: id, count: legend.count)
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * 46
            out += "<text x=\"0\" y=\"\(f(y + 15))\" class=\"chart-label\">\(HTML.escape(ChartText.fit(bar.label, Self.width)))</text>\n"
            var x = 0.0
            for (segment, value) in bar.segments.enumerated() where value > 0 && maximum > 0 {
                let width = value / maximum * plot
                out += "<rect x=\"\(f(x))\" y=\"\(f(y + 21))\" width=\"\(f(width))\" height=\"18\" fill=\"\(Palette.fill(chart: id, segment))\" "
                    + "stroke=\"\(Palette.outline)\" stroke-width=\"1\"/>\n"
                x += width
            }
            out += "<text x=\"\(f(x + BarChart.gap))\" y=\"\(f(y + 35))\" class=\"chart-value\">\(HTML.escape(bar.text))</text>\n"
        }
        let top = Double(bars.count) * 46 + 6
        for (index, label) in legend.enumerated() {
            let y = top + Double(index) * 22
            out += "<rect x=\"0\" y=\"\(f(y))\" width=\"14\" height=\"14\" fill=\"\(Palette.fill(chart: id, index))\" "
                + "stroke=\"\(Palette.outline)\" stroke-width=\"1\"/>\n"
            out += "<text x=\"20\" y=\"\(f(y + 12))\" class=\"chart-label\">\(HTML.escape(ChartText.fit(label, Self.width - 20)))</text>\n"
        }
        return out + "</svg>"
    }

    private func f(_ value: Double) -> String {
        Formatter.machine(value, decimals: 2)
    }
}
