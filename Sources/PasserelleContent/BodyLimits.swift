import PasserelleModel

/// Limits on a record's Markdown text that keep every build fast, whatever the text: libcmark 0.30.2 (Debian
/// bookworm's) takes time quadratic in the nesting of quotes and lists, and in the brackets of one paragraph
/// when images open them. No real text comes near these limits.
public enum BodyLimits {
    /// Quotes and lists opened at the start of one line.
    public static let maxNesting = 32
    /// `[` in one paragraph (a block of lines without a blank one).
    public static let maxBrackets = 2_000

    /// Reports each line nested too deep and each paragraph with too many brackets, at its line in the file.
    /// One pass over the text's bytes.
    public static func check(_ body: String, firstLine: Int, collector: DiagnosticCollector) {
        var bytes = Array(body.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var brackets = 0
        var paragraphStart = 0
        var reported = false
        var index = 0
        var start = 0
        for position in bytes.indices where bytes[position] == UInt8(ascii: "\n") {
            let line = bytes[start..<position]
            start = position + 1
            defer { index += 1 }
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) {
                brackets = 0
                reported = false
                continue
            }
            if brackets == 0 { paragraphStart = index }
            let depth = nesting(line)
            if depth > maxNesting {
                collector.error(SourceLocation(line: firstLine + index, column: 1),
                                "this line of the text is nested \(depth) levels deep (quotes and lists), over the limit of \(maxNesting)",
                                hint: "remove the extra '>' or list markers at the start of the line")
            }
            for byte in line where byte == UInt8(ascii: "[") { brackets += 1 }
            if brackets > maxBrackets && !reported {
                reported = true
                collector.error(SourceLocation(line: firstLine + paragraphStart, column: 1),
                                "this paragraph holds more than \(maxBrackets) '[' brackets",
                                hint: "split it with blank lines, or write the brackets as \\[ when they are not links")
            }
        }
    }

    /// How many block quotes and list items a line opens: `> > - 1. text` is 4.
    static func nesting(_ line: ArraySlice<UInt8>) -> Int {
        var i = line.startIndex
        var depth = 0
        let end = line.endIndex
        func isSpace(_ at: Int) -> Bool { line[at] == UInt8(ascii: " ") || line[at] == UInt8(ascii: "\t") }
        while i < end {
            var spaces = 0
            while i < end && isSpace(i) && spaces < 4 { i += 1; spaces += 1 }
            guard i < end else { break }
            let c = line[i]
            if c == UInt8(ascii: ">") {
                i += 1
            } else if c == UInt8(ascii: "-") || c == UInt8(ascii: "*") || c == UInt8(ascii: "+") {
                guard i + 1 == end || isSpace(i + 1) else { break }
                i += 1
            } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                var j = i
                while j < end && j - i < 9 && line[j] >= UInt8(ascii: "0") && line[j] <= UInt8(ascii: "9") { j += 1 }
                guard j < end, line[j] == UInt8(ascii: ".") || line[j] == UInt8(ascii: ")"),
                      j + 1 == end || line[j + 1] == UInt8(ascii: " ") else { break }
                i = j + 1
            } else {
                break
            }
            depth += 1
        }
        return depth
    }
}
