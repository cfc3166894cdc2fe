/// Escaping for the HTML that Swift writes itself (charts and indicator blocks); templates escape with Mustache.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// The opening of every chart's SVG: scalable, an image for assistive technologies, named and described.
enum SVGFrame {
    static func open(id: String, width: Int, height: Double, title: String, description: String) -> String {
        """
        <svg class="chart" viewBox="0 0 \(width) \(Int(height))" role="img" aria-labelledby="\(id)-title \(id)-desc" \
        xmlns="http://www.w3.org/2000/svg">
        <title id="\(id)-title">\(HTML.escape(title))</title>
        <desc id="\(id)-desc">\(HTML.escape(description))</desc>

        """
    }
}
