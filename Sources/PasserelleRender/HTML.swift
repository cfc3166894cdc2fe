import PasserelleModel

/// Escaping for the HTML that Swift writes itself: the model's one rule (`HTMLEscape`).
enum HTML {
    static func escape(_ text: String) -> String { HTMLEscape.text(text) }
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
