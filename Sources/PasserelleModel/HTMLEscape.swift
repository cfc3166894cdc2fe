/// Escaping for the HTML that Swift writes itself (charts, indicator blocks, the Markdown stage's table regions);
/// templates escape with Mustache. Safe in text and in quoted attributes.
public enum HTMLEscape {
    /// `&`, `<`, `>`, `"` and `'` as entities; a control character other than tab, line feed and carriage return (which
    /// HTML does not allow) as U+FFFD.
    public static func text(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.properties.generalCategory == .control {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
