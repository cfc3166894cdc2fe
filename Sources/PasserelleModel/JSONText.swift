import Foundation

/// A JSON value with its object keys in a chosen order and its numbers already written as machine text, so a
/// table's JSON says exactly the digits its CSV says. Writing it cannot fail: there is no fallback to hide.
public indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// A number as written by `PlainNumber.machine` (dot decimal, no grouping, no exponent).
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Keys in the order given (a table's column order).
    case object([(String, JSONValue)])
}

/// JSON as every Passerelle file and report writes it: pretty (two spaces), slashes unescaped.
public enum JSONText {
    /// `value` as pretty-printed JSON text ending with a line break. With `inlineStrings`, an array of strings that fits
    /// in that many characters (with its indentation) is written on one line (`"enum": ["a", "b"]`, as schemas are read).
    public static func write(_ value: JSONValue, inlineStrings width: Int = 0) -> String {
        var out = ""
        write(value, indent: 0, inline: width, into: &out)
        return out + "\n"
    }

    private static func write(_ value: JSONValue, indent: Int, inline width: Int, into out: inout String) {
        let inner = String(repeating: "  ", count: indent + 1)
        let outer = String(repeating: "  ", count: indent)
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let text): out += text.isEmpty ? "null" : text
        case .string(let text): out += quoted(text)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            if width > 0 {
                let strings = items.compactMap { item -> String? in
                    if case .string(let text) = item { return quoted(text) }
                    return nil
                }
                let line = "[" + strings.joined(separator: ", ") + "]"
                if strings.count == items.count, line.count + inner.count <= width {
                    out += line
                    return
                }
            }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += inner
                write(item, indent: indent + 1, inline: width, into: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += outer + "]"
        case .object(let pairs):
            guard !pairs.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, pair) in pairs.enumerated() {
                out += inner + quoted(pair.0) + ": "
                write(pair.1, indent: indent + 1, inline: width, into: &out)
                out += index == pairs.count - 1 ? "\n" : ",\n"
            }
            out += outer + "}"
        }
    }

    /// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped, and the invisible ones too
    /// (line and paragraph separators, format characters such as bidirectional overrides), so a reader sees them.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.properties.generalCategory == .format {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// An `Encodable` report (the command line's diagnostics) as pretty JSON with sorted keys; `fallback` when encoding
    /// fails. Open data never goes through it: tables are written with `write`, which cannot fail.
    public static func encode<T: Encodable>(_ value: T, fallback: String = "{}") -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return fallback + "\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
