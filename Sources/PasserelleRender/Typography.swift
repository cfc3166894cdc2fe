/// French as it is printed, applied to a finished page: the spaces that must not break a line.
///
/// Rules chosen (Imprimerie nationale, *Lexique des règles typographiques*; the narrow space as current French
/// printing uses it before the short signs):
/// - before `;`, `!` and `?`: a narrow no-break space (U+202F);
/// - before `:`: a word-wide no-break space (U+00A0);
/// - inside « »: a word-wide no-break space (U+00A0) after « and before ».
///
/// A plain space (or line break) already there is replaced; when the writer left none, one is added only if the sign
/// follows a word and is followed by a space, the end of the text or closing punctuation, so `14:30`, `https://…`
/// and `page?id=3` written in text are kept. Tags and their attributes, comments, and the contents of `<code>`,
/// `<pre>`, `<kbd>`, `<samp>`, `<script>` and `<style>` are copied as they are. One pass over the bytes, linear in
/// the page's size, and idempotent (a page already typeset comes out the same).
public enum Typography {
    public static func french(_ html: String) -> String {
        String(decoding: french(Array(html.utf8)), as: UTF8.self)
    }

    public static func french(_ input: [UInt8]) -> [UInt8] {
        var state = Typesetter(input: input)
        state.run()
        return state.out
    }
}

/// The state of one pass: where we are in the input, what has been written, what came just before.
private struct Typesetter {
    /// What the last text character was, across inline tags.
    enum Previous { case word, space, sign }

    let input: [UInt8]
    var out: [UInt8] = []
    var index = 0
    /// Where the current run of text (since the last tag) starts in `out`: spaces are only replaced inside it.
    var runStart = 0
    /// `previous` when the current run started.
    var runPrevious = Previous.space
    var previous = Previous.space
    /// How many `<code>`, `<pre>`, `<kbd>`, `<samp>` are open.
    var verbatim = 0

    static let narrow: [UInt8] = [0xE2, 0x80, 0xAF]
    static let noBreak: [UInt8] = [0xC2, 0xA0]
    static let verbatimTags: Set<String> = ["code", "pre", "kbd", "samp"]
    static let rawTextTags: Set<String> = ["script", "style"]
    /// Tags inside a line of text: the character before them still counts as the previous one.
    static let inlineTags: Set<String> = ["a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "mark", "q",
                                          "s", "small", "span", "strong", "sub", "sup", "time", "u"]

    init(input: [UInt8]) {
        self.input = input
        out.reserveCapacity(input.count + input.count / 64)
    }

    mutating func run() {
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "<"), index + 1 < input.count, Self.opensMarkup(input[index + 1]) {
                markup()
                continue
            }
            if verbatim > 0 {
                out.append(byte)
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "&"): entity()
            case UInt8(ascii: ";"), UInt8(ascii: "!"), UInt8(ascii: "?"): sign(byte, space: Self.narrow)
            case UInt8(ascii: ":"): sign(byte, space: Self.noBreak)
            case 0x20, 0x09, 0x0A, 0x0D:
                out.append(byte)
                previous = .space
                index += 1
            case 0xC2 where next(1) == 0xAB: openingQuote()
            case 0xC2 where next(1) == 0xBB: closingQuote()
            case 0xC2 where next(1) == 0xA0:
                out += Self.noBreak
                previous = .space
                index += 2
            case 0xE2 where next(1) == 0x80 && next(2) == 0xAF:
                out += Self.narrow
                previous = .space
                index += 3
            default:
                out.append(byte)
                index += 1
                previous = Self.isWord(byte) ? .word : .sign
            }
        }
    }

    private func next(_ offset: Int) -> UInt8? {
        index + offset < input.count ? input[index + offset] : nil
    }

    private static func opensMarkup(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: "!") || (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// Letters, digits, any non-ASCII character, and closing brackets or quotes: what a sign can follow directly.
    private static func isWord(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x80...0xFF:
            return true
        default:
            return false
        }
    }

    /// What may follow a sign for a missing space to be added: a space, the end, a tag, closing punctuation.
    private func endsPhrase(at position: Int) -> Bool {
        guard position < input.count else { return true }
        switch input[position] {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "<"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: ","),
             UInt8(ascii: "."), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "&"), 0xC2, 0xE2:
            return true
        default:
            return false
        }
    }

    /// Removes the spaces that end the current run of text; true if there were some after a word.
    private mutating func dropTrailingSpaces() -> Bool {
        var end = out.count
        while end > runStart {
            if [0x20, 0x09, 0x0A, 0x0D].contains(out[end - 1]) {
                end -= 1
            } else if end - 2 >= runStart, out[end - 2] == 0xC2, out[end - 1] == 0xA0 {
                end -= 2
            } else if end - 3 >= runStart, out[end - 3] == 0xE2, out[end - 2] == 0x80, out[end - 1] == 0xAF {
                end -= 3
            } else {
                break
            }
        }
        guard end < out.count, end > runStart || runPrevious == .word else { return false }
        out.removeSubrange(end...)
        return true
    }

    private mutating func sign(_ byte: UInt8, space: [UInt8]) {
        if dropTrailingSpaces() || (previous == .word && endsPhrase(at: index + 1)) {
            out += space
        }
        out.append(byte)
        previous = .sign
        index += 1
    }

    private mutating func openingQuote() {
        out += [0xC2, 0xAB]
        index += 2
        while index < input.count {
            if [0x20, 0x09, 0x0A, 0x0D].contains(input[index]) {
                index += 1
            } else if input[index] == 0xC2, next(1) == 0xA0 {
                index += 2
            } else if input[index] == 0xE2, next(1) == 0x80, next(2) == 0xAF {
                index += 3
            } else {
                break
            }
        }
        out += Self.noBreak
        previous = .space
    }

    private mutating func closingQuote() {
        if !dropTrailingSpaces() && previous != .word {
            // "« »" with nothing between, or a quote at the start of a block: keep what was written.
            out += [0xC2, 0xBB]
        } else {
            out += Self.noBreak + [0xC2, 0xBB]
        }
        previous = .word
        index += 2
    }

    /// `&amp;`, `&#160;`…: copied whole, never split; a no-break space written as an entity counts as a space.
    private mutating func entity() {
        var end = index + 1
        while end < input.count, end - index <= 10, Self.isEntityByte(input[end]) { end += 1 }
        guard end < input.count, input[end] == UInt8(ascii: ";"), end > index + 1 else {
            out.append(input[index])
            previous = .sign
            index += 1
            return
        }
        let name = String(decoding: input[(index + 1)..<end], as: UTF8.self).lowercased()
        out += input[index...end]
        previous = ["nbsp", "#160", "#xa0", "#8239", "#x202f"].contains(name) ? .space : .word
        index = end + 1
    }

    private static func isEntityByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "#") || isWord(byte) && byte < 0x80 && byte != UInt8(ascii: ")") && byte != UInt8(ascii: "]")
            && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'")
    }

    /// A tag, a comment or a doctype, copied as it is; opens or closes a verbatim element.
    private mutating func markup() {
        if starts(with: "<!--", at: index) {
            let end = find("-->", from: index + 4).map { $0 + 3 } ?? input.count
            out += input[index..<end]
            index = end
            startRun()
            return
        }
        let end = tagEnd(from: index + 1)
        let (name, closing) = tagName(from: index + 1)
        let selfClosing = end >= 2 && input[end - 2] == UInt8(ascii: "/")
        out += input[index..<end]
        index = end
        if !Self.inlineTags.contains(name) { previous = .space }
        startRun()
        if Self.rawTextTags.contains(name) && !closing && !selfClosing {
            let close = find("</" + name, from: index, caseInsensitive: true) ?? input.count
            out += input[index..<close]
            index = close
        } else if Self.verbatimTags.contains(name) && !selfClosing {
            verbatim = closing ? max(verbatim - 1, 0) : verbatim + 1
        }
    }

    private mutating func startRun() {
        runStart = out.count
        runPrevious = previous
    }

    /// The index just after the `>` closing a tag, quoted attribute values skipped.
    private func tagEnd(from start: Int) -> Int {
        var position = start
        var afterEquals = false
        while position < input.count {
            let byte = input[position]
            if byte == UInt8(ascii: ">") { return position + 1 }
            if afterEquals, byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                var close = position + 1
                while close < input.count, input[close] != byte { close += 1 }
                position = close + 1
                afterEquals = false
                continue
            }
            if byte == UInt8(ascii: "=") {
                afterEquals = true
            } else if byte != 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D {
                afterEquals = false
            }
            position += 1
        }
        return input.count
    }

    private func tagName(from start: Int) -> (String, Bool) {
        var position = start
        let closing = position < input.count && input[position] == UInt8(ascii: "/")
        if closing { position += 1 }
        var name: [UInt8] = []
        while position < input.count, name.count < 16 {
            let byte = input[position] | 0x20
            guard (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (input[position] >= UInt8(ascii: "0") && input[position] <= UInt8(ascii: "9")) else { break }
            name.append(input[position] >= UInt8(ascii: "A") && input[position] <= UInt8(ascii: "Z") ? byte : input[position])
            position += 1
        }
        return (String(decoding: name, as: UTF8.self), closing)
    }

    private func starts(with text: String, at position: Int, caseInsensitive: Bool = false) -> Bool {
        let bytes = Array(text.utf8)
        guard position + bytes.count <= input.count else { return false }
        for (offset, byte) in bytes.enumerated() {
            let found = input[position + offset]
            if caseInsensitive ? (found | 0x20) != (byte | 0x20) : found != byte { return false }
        }
        return true
    }

    private func find(_ text: String, from start: Int, caseInsensitive: Bool = false) -> Int? {
        guard let first = text.utf8.first else { return nil }
        var position = start
        while position < input.count {
            if (caseInsensitive ? (input[position] | 0x20) == (first | 0x20) : input[position] == first),
               starts(with: text, at: position, caseInsensitive: caseInsensitive) {
                return position
            }
            position += 1
        }
        return nil
    }
}
