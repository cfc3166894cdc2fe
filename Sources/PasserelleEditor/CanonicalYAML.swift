import PasserelleContent
import PasserelleModel

/// How the form editor writes YAML: plain scalars unless quoting is needed, lists in block style.
public enum CanonicalYAML {
    /// Words YAML 1.1 or 1.2 reads as something other than text when written plain.
    static let keywords: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"]

    /// Whether a text must be quoted to be read back as the same text: in a block (`key: value` on its line), or
    /// inside a flow collection (`{a: value}`), where `,[]{}` also end a plain scalar.
    public static func needsQuotes(_ text: String, flow: Bool = false) -> Bool {
        guard let first = text.first, let last = text.last else { return true }
        if first == " " || last == " " || first == "\t" || last == "\t" { return true }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) { return true }
        if first.isNumber || first == "+" || first == "." { return true }
        if keywords.contains(text.lowercased()) { return true }
        if text.contains(": ") || text.contains(" #") || last == ":" { return true }
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
                || scalar.value == 0xFEFF { return true }
            if flow && "[]{},".unicodeScalars.contains(scalar) { return true }
        }
        return false
    }

    /// A text as a YAML scalar: plain when that reads back the same, else double-quoted with escapes.
    public static func scalar(_ text: String) -> String {
        needsQuotes(text) ? quoted(text) : text
    }

    /// A double-quoted YAML scalar.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar.value == 0x2028
                    || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A node written on one line in flow style (`{total: 11, parts: {a: 6}}`), for values the form shows as text.
    public static func flow(_ node: YAMLNode) -> String {
        switch node.value {
        case .scalar(let text, let plain):
            if plain && (node.isNull || Double(text) != nil || !needsQuotes(text, flow: true)) { return text }
            return quoted(text)
        case .sequence(let items):
            return "[" + items.map(flow).joined(separator: ", ") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { (needsQuotes($0.key, flow: true) ? quoted($0.key) : $0.key) + ": " + flow($0.value) }.joined(separator: ", ") + "}"
        }
    }
}

/// A record's text taken apart so that it can be written again: the front matter's top-level keys with their
/// original lines (and the comment lines before each), and the body exactly as it was.
public struct RecordSource: Sendable {
    public struct Block: Sendable {
        public var key: String
        /// The comment and blank lines written just before the key.
        public var leading: [String]
        /// The key's own lines, as written.
        public var lines: [String]
        public var node: YAMLNode
    }

    public var blocks: [Block]
    /// Comment lines after the last key.
    public var trailing: [String]
    /// Everything after the closing `---` line, byte for byte.
    public var body: String
    public var root: YAMLNode
    /// The line end of the file (`"\r\n"` for a file written with Windows line ends, else `"\n"`), taken from its
    /// first line: the front matter is written again with it, so that a CRLF file stays CRLF.
    public var lineEnding: String = "\n"

    public func block(_ key: String) -> Block? { blocks.first { $0.key == key } }
    public func node(_ key: String) -> YAMLNode? { block(key)?.node }

    /// Nil when the text has no front matter or its YAML cannot be read (the editor then refuses to rewrite it).
    /// Lines end at LF; the CR of a CRLF is not part of a front matter line (Swift's `String` sees `\r\n` as one
    /// character, so lines are cut on the bytes).
    public static func parse(_ text: String) -> RecordSource? {
        let utf8 = Array(text.utf8)
        // Each line's bytes without its LF, and whether the LF had a CR before it.
        var lines: [String] = []
        var crlf: [Bool] = []
        var lineStart = 0
        for index in utf8.indices where utf8[index] == UInt8(ascii: "\n") {
            let hasCR = index > lineStart && utf8[index - 1] == UInt8(ascii: "\r")
            lines.append(String(decoding: utf8[lineStart..<(hasCR ? index - 1 : index)], as: UTF8.self))
            crlf.append(hasCR)
            lineStart = index + 1
        }
        lines.append(String(decoding: utf8[lineStart...], as: UTF8.self))
        guard let first = lines.first, isFence(first) else { return nil }
        guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0]) }) else { return nil }
        let yamlLines = Array(lines[1..<close])
        // The body: every byte after the closing fence's line break.
        var offset = 0
        for index in 0...close { offset += lines[index].utf8.count + (index < crlf.count && crlf[index] ? 2 : 1) }
        let body = offset <= utf8.count ? String(decoding: utf8[offset...], as: UTF8.self) : ""
        let (node, diagnostics) = YAMLReader().read(yamlLines.joined(separator: "\n"), file: "record", firstLine: 2)
        guard let node, let pairs = node.pairs, !diagnostics.hasErrors else { return nil }
        // File line of each top-level key; YAML line index = file line - 2.
        var blocks: [Block] = []
        var starts = pairs.map { $0.keyLocation.line - 2 }
        starts.append(yamlLines.count)
        var leadingStart = 0
        for (index, pair) in pairs.enumerated() {
            let start = starts[index]
            var end = starts[index + 1]
            // Comment and blank lines at the end of this block belong to the next key (or to the trailer).
            while end > start + 1, isCommentOrBlank(yamlLines[end - 1]) { end -= 1 }
            let leading = Array(yamlLines[max(0, min(leadingStart, start))..<max(0, start)])
            blocks.append(Block(key: pair.key, leading: leading, lines: Array(yamlLines[start..<end]), node: pair.value))
            leadingStart = end
        }
        let trailing = leadingStart < yamlLines.count ? Array(yamlLines[leadingStart...]) : []
        return RecordSource(blocks: blocks, trailing: trailing, body: body, root: node, lineEnding: crlf.first == true ? "\r\n" : "\n")
    }

    static func isFence(_ line: String) -> Bool {
        var trimmed = Substring(line)
        while trimmed.last == " " || trimmed.last == "\r" { trimmed.removeLast() }
        return trimmed == "---"
    }

    static func isCommentOrBlank(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return trimmed.isEmpty || trimmed.first == "#"
    }
}

/// One key of a list item (a budget, funding or results line): its YAML value, the form field it comes from and,
/// for a key whose value is a list (`funders:`), the list's items.
struct ListEntry {
    var key: String
    var yaml: String
    var field: String
    var items: [String] = []
    var itemsField = ""

    init(_ key: String, _ yaml: String, _ field: String, items: [String] = [], itemsField: String = "") {
        (self.key, self.yaml, self.field, self.items, self.itemsField) = (key, yaml, field, items, itemsField)
    }
}

/// Writes front matter line by line, remembering which form field each line comes from.
struct FrontMatterWriter {
    var lines: [String] = []
    /// File line (1-based, the opening `---` is line 1) → form field id.
    var fields: [Int: String] = [:]

    var nextLine: Int { lines.count + 2 }

    mutating func add(_ line: String, field: String? = nil) {
        if let field { fields[nextLine] = field }
        lines.append(line)
    }

    mutating func add(raw: [String], field: String? = nil) {
        for line in raw { add(line, field: field) }
    }

    /// `key:` then one list item per row (`rows` keeps each row's index in the form): its entries, the first after
    /// `  - `, the others under it, each line remembered as the field `<key>.<index>.<entry's field>`. Nothing is
    /// written when there is no row.
    mutating func list<Row>(_ key: String, _ rows: [(offset: Int, element: Row)], entries: (Row) -> [ListEntry]) {
        guard !rows.isEmpty else { return }
        add(key + ":", field: key)
        for (index, row) in rows {
            let prefix = "\(key).\(index)."
            for (position, entry) in entries(row).enumerated() {
                add((position == 0 ? "  - " : "    ") + entry.key + (entry.yaml.isEmpty ? ":" : ": " + entry.yaml), field: prefix + entry.field)
                for item in entry.items { add("      - " + item, field: prefix + entry.itemsField) }
            }
        }
    }

    /// The front matter's lines, each ended by `lineEnding`, then the body as it is.
    func text(body: String, lineEnding: String = "\n") -> String {
        "---" + lineEnding + lines.map { $0 + lineEnding }.joined() + "---" + lineEnding + body
    }
}
