import Foundation

/// A ring cut into the shares of a whole, with a legend giving each part's label, value and share.
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

    var svg: String {
        let total = parts.reduce(0) { $0 + max($1.value, 0) }
        let legendHeight = Double(parts.count) * 24 + 8
        let height = max(164, legendHeight)
        var out = SVGFrame.open(id: id, width: 400, height: height, title: title, description: description)
        let center = 80.0
        let outer = 76.0
        let inner = 44.0
        var angle = -Double.pi / 2
        for (index, part) in parts.enumerated() where total > 0 && part.value > 0 {
            let sweep = part.value / total * 2 * Double.pi
            let colour = Palette.colour(index)
            if sweep >= 2 * Double.pi - 1e-9 {
                // A single part: a full ring (an arc cannot start and end at the same point).
                out += "<circle cx=\"\(f(center))\" cy=\"\(f(center))\" r=\"\(f((outer + inner) / 2))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(f(outer - inner))\"/>\n"
            } else {
                let end = angle + sweep
                let large = sweep > Double.pi ? 1 : 0
                out += "<path d=\"M \(f(center + outer * cos(angle))) \(f(center + outer * sin(angle))) "
                    + "A \(f(outer)) \(f(outer)) 0 \(large) 1 \(f(center + outer * cos(end))) \(f(center + outer * sin(end))) "
                    + "L \(f(center + inner * cos(end))) \(f(center + inner * sin(end))) "
                    + "A \(f(inner)) \(f(inner)) 0 \(large) 0 \(f(center + inner * cos(angle))) \(f(center + inner * sin(angle))) Z\" "
                    + "fill=\"\(colour)\" stroke=\"#ffffff\" stroke-width=\"2\"/>\n"
                angle = end
            }
        }
        for (index, part) in parts.enumerated() {
            let y = 8.0 + Double(index) * 24
            out += "<rect x=\"172\" y=\"\(f(y))\" width=\"14\" height=\"14\" fill=\"\(Palette.colour(index))\"/>\n"
            out += "<text x=\"192\" y=\"\(f(y + 12))\" class=\"chart-label\">\(HTML.escape(short(part.label))) \(HTML.escape(part.share))</text>\n"
        }
        return out + "</svg>"
    }

    private func short(_ label: String) -> String {
        label.count > 16 ? String(label.prefix(15)) + "…" : label
    }

    private func f(_ value: Double) -> String {
        Formatter.machine(value, decimals: 2)
    }
}

/// Bars cut into parts (funding by funder type, per group), with a legend of the parts.
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

    var svg: String {
        let legendRows = Double(legend.count) * 22
        let height = Double(bars.count) * 46 + legendRows + 12
        let maximum = bars.map { $0.segments.reduce(0, +) }.max() ?? 0
        let plot = 400.0 - 96
        var out = SVGFrame.open(id: id, width: 400, height: height, title: title, description: description)
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * 46
            out += "<text x=\"0\" y=\"\(f(y + 15))\" class=\"chart-label\">\(HTML.escape(bar.label))</text>\n"
            var x = 0.0
            for (segment, value) in bar.segments.enumerated() where value > 0 && maximum > 0 {
                let width = value / maximum * plot
                out += "<rect x=\"\(f(x))\" y=\"\(f(y + 21))\" width=\"\(f(width))\" height=\"18\" fill=\"\(Palette.colour(segment))\" stroke=\"#ffffff\" stroke-width=\"1\"/>\n"
                x += width
            }
            out += "<text x=\"\(f(x + 6))\" y=\"\(f(y + 35))\" class=\"chart-value\">\(HTML.escape(bar.text))</text>\n"
        }
        let top = Double(bars.count) * 46 + 6
        for (index, label) in legend.enumerated() {
            let y = top + Double(index) * 22
            out += "<rect x=\"0\" y=\"\(f(y))\" width=\"14\" height=\"14\" fill=\"\(Palette.colour(index))\"/>\n"
            out += "<text x=\"20\" y=\"\(f(y + 12))\" class=\"chart-label\">\(HTML.escape(label))</text>\n"
        }
        return out + "</svg>"
    }

    private func f(_ value: Double) -> String {
        Formatter.machine(value, decimals: 2)
    }
}
