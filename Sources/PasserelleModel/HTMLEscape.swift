/// Escaping for the HTML that Swift writes itself (charts, indicator blocks, the Markdown stage's table regions);
/// templates escape with Mustache. Safe in text and in quoted attributes.
public enum HTMLEscape {
    public static func text(_ text: String) -> String {
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
