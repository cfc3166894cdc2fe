import PasserelleModel

/// Limits on a record's Markdown text that keep every build fast, whatever the text. No real text comes near them.
///
/// cmark-gfm 0.29.0.gfm.6 (Debian bookworm's) has the block parser of libcmark 0.29/0.30: time quadratic in the
/// nesting of quotes and lists, and in the brackets of one paragraph when images open them. Its extensions add
/// more (measured: README, "Fuzzing"; Debian carries none of the 2023 upstream fixes):
/// - a table row is split into cells in time quadratic in its cells (a linked list walked to its end per cell);
/// - each line that could be a table's delimiter row (`|---|`) makes it re-read the whole paragraph above as a
///   header row, and each cell start there walks back to the previous `|`: quadratic in that paragraph, and
///   again for each such line;
/// - a table pads every short row to the header's width: the HTML grows with columns × rows, whatever the input;
/// - a web address drops its unbalanced closing parentheses one at a time, re-counting the whole address each time;
/// - an e-mail address is looked for at each `@`, re-reading the rest of its line each time (up to 1000 times);
/// - typographic quotes (`CMARK_OPT_SMART`) are quadratic in the `"` and `'` of one paragraph in some shapes (a stray
///   quote then 32 000 apostrophes: 131 KB in 3.2 s; `'&` repeated to 64 KB: 4.2 s in the fuzz build), measured on
///   Debian's 0.29.0.gfm.6.
public enum BodyLimits {
    /// Quotes and lists opened at the start of one line.
    public static let maxNesting = 32
    /// `[` in one paragraph (a block of lines without a blank one).
    public static let maxBrackets = 2_000
    /// Unescaped `|` in one line: a table has at most 65 columns.
    public static let maxPipes = 64
    /// Cells of the text's tables (columns × rows, short rows counted full).
    public static let maxTableCells = 100_000
    /// Work of reading the text above each possible table delimiter row as a header, over the whole text (in units of
    /// the cost model of `check`: about 10 ns each, so 0.1 s).
    public static let maxTableHeaderWork = 10_000_000
    /// `)` in a web address (a run of characters without space or `<` holding `www.` or `://`).
    public static let maxAddressParentheses = 64
    /// `@` in one line.
    public static let maxAtSigns = 32
    /// `"` and `'` in one paragraph (a French paragraph of 500 apostrophes is some 12 KB long; at this limit a text
    /// made only of such paragraphs renders at under 1 s per MB, the fuzz target's bound).
    public static let maxQuotes = 500

    /// Reports each line nested too deep, each paragraph with too many brackets, and the first place each other
    /// limit is passed, at its line in the file. One pass over the text's bytes.
    public static func check(_ body: String, firstLine: Int, collector: DiagnosticCollector) {
        var bytes = Array(body.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var brackets = 0
        var paragraphStart = 0
        var reported = false
        var quotes = 0
        var quotesStart: Int?
        var quotesReported = false
        var index = 0
        var start = 0
        var table = TableWork()
        var reportedOnce = Set<String>()
        func once(_ kind: String, _ line: Int, _ message: Bilingual, hint: Bilingual) {
            guard reportedOnce.insert(kind).inserted else { return }
            collector.error("body-too-complex", SourceLocation(line: firstLine + line, column: 1), message, hint: hint)
        }
        for position in bytes.indices where bytes[position] == UInt8(ascii: "\n") {
            let lineStart = start
            let line = bytes[start..<position]
            start = position + 1
            defer { index += 1 }
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) {
                brackets = 0
                reported = false
                quotes = 0
                quotesStart = nil
                quotesReported = false
                table.blankLine(at: start)
                continue
            }
            if brackets == 0 { paragraphStart = index }
            let depth = nesting(line)
            if depth > maxNesting {
                collector.error("body-too-complex", SourceLocation(line: firstLine + index, column: 1),
                                Bilingual(fr: "cette ligne du texte est imbriquée sur \(depth) niveaux (citations et listes), plus que la limite de \(maxNesting)",
                                          en: "this line of the text is nested \(depth) levels deep (quotes and lists), over the limit of \(maxNesting)"),
                                hint: Bilingual(fr: "supprimez les «\u{A0}>\u{A0}» ou marques de liste en trop au début de la ligne",
                                                en: "remove the extra '>' or list markers at the start of the line"))
            }
            let counts = LineCounts(line)
            brackets += counts.brackets
            if quotesStart == nil { quotesStart = index }
            quotes += counts.quotes
            if quotes > maxQuotes && !quotesReported {
                quotesReported = true
                collector.error("body-too-complex", SourceLocation(line: firstLine + (quotesStart ?? index), column: 1),
                                Bilingual(fr: "ce paragraphe contient plus de \(maxQuotes) guillemets droits et apostrophes (\" et ')",
                                          en: "this paragraph holds more than \(maxQuotes) quotation marks and apostrophes (\" and ')"),
                                hint: Bilingual(fr: "coupez-le par des lignes vides, ou écrivez les apostrophes ’",
                                                en: "split it with blank lines, or write the apostrophes as ’"))
            }
            if brackets > maxBrackets && !reported {
                reported = true
                collector.error("body-too-complex", SourceLocation(line: firstLine + paragraphStart, column: 1),
                                Bilingual(fr: "ce paragraphe contient plus de \(maxBrackets) crochets «\u{A0}[\u{A0}»",
                                          en: "this paragraph holds more than \(maxBrackets) '[' brackets"),
                                hint: Bilingual(fr: "coupez-le par des lignes vides, ou écrivez \\[ les crochets qui ne sont pas des liens",
                                                en: "split it with blank lines, or write the brackets as \\[ when they are not links"))
            }
            if counts.pipes > maxPipes {
                once("pipes", index,
                     Bilingual(fr: "cette ligne contient \(counts.pipes) «\u{A0}|\u{A0}», plus que la limite de \(maxPipes) (un tableau a au plus \(maxPipes + 1) colonnes)",
                               en: "this line holds \(counts.pipes) '|', over the limit of \(maxPipes) (a table has at most \(maxPipes + 1) columns)"),
                     hint: Bilingual(fr: "coupez le tableau, ou écrivez \\| les «\u{A0}|\u{A0}» qui ne séparent pas des cellules",
                                     en: "split the table, or write the '|' as \\| when it does not separate cells"))
            }
            if counts.atSigns > maxAtSigns {
                once("at", index,
                     Bilingual(fr: "cette ligne contient \(counts.atSigns) «\u{A0}@\u{A0}», plus que la limite de \(maxAtSigns)",
                               en: "this line holds \(counts.atSigns) '@', over the limit of \(maxAtSigns)"),
                     hint: Bilingual(fr: "mettez les adresses électroniques sur des lignes séparées", en: "put the e-mail addresses on separate lines"))
            }
            if counts.addressParentheses > maxAddressParentheses {
                once("parentheses", index,
                     Bilingual(fr: "une adresse web de cette ligne contient \(counts.addressParentheses) «\u{A0})\u{A0}», plus que la limite de \(maxAddressParentheses)",
                               en: "a web address on this line holds \(counts.addressParentheses) ')', over the limit of \(maxAddressParentheses)"),
                     hint: Bilingual(fr: "écrivez l’adresse entre < et >, ou mettez des espaces entre les parenthèses",
                                     en: "write the address between < and >, or put spaces between the parentheses"))
            }
            table.line(line, lineStart: lineStart, pipes: counts.pipes, lastPipe: counts.lastPipe)
            if table.headerWork > maxTableHeaderWork {
                once("header", index,
                     Bilingual(fr: "le texte au-dessus de cette ligne de séparation de tableau («\u{A0}|---|\u{A0}») est trop long pour un en-tête de tableau",
                               en: "the text above this table delimiter row ('|---|') is too long to read as a table header"),
                     hint: Bilingual(fr: "laissez une ligne vide entre un paragraphe et la ligne d’en-tête du tableau",
                                     en: "leave a blank line between a paragraph and the table's header row"))
            }
            if table.cells > maxTableCells {
                once("cells", index,
                     Bilingual(fr: "les tableaux de ce texte contiennent plus de \(maxTableCells) cellules (colonnes × lignes)",
                               en: "the tables of this text hold more than \(maxTableCells) cells (columns × rows)"),
                     hint: Bilingual(fr: "publiez ces données dans un fichier du dossier media/ et faites un lien vers lui",
                                     en: "publish such data as a file under media/ and link to it"))
            }
        }
    }

    /// What one pass over a line counts.
    struct LineCounts {
        var brackets = 0
        /// `"` and `'`.
        var quotes = 0
        /// `|` not escaped by a backslash.
        var pipes = 0
        /// The offset (in the text) of the line's last unescaped `|`.
        var lastPipe: Int?
        var atSigns = 0
        /// The most `)` in one run of characters without space or `<` that holds `www.` or `://`.
        var addressParentheses = 0

        init(_ line: ArraySlice<UInt8>) {
            var runParentheses = 0
            var runIsAddress = false
            var previous: UInt8 = 0
            // The last four bytes, lowercased, to spot `www.` and `://`.
            var tail: UInt32 = 0
            for i in line.indices {
                let byte = line[i]
                switch byte {
                case UInt8(ascii: "["): brackets += 1
                case UInt8(ascii: "\""), UInt8(ascii: "'"): quotes += 1
                case UInt8(ascii: "|") where previous != UInt8(ascii: "\\"): pipes += 1; lastPipe = i
                case UInt8(ascii: "@"): atSigns += 1
                case UInt8(ascii: ")"): runParentheses += 1
                default: break
                }
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "<") {
                    if runIsAddress { addressParentheses = max(addressParentheses, runParentheses) }
                    runParentheses = 0
                    runIsAddress = false
                    tail = 0
                } else {
                    let lower = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
                    tail = (tail << 8) | UInt32(lower)
                    if tail == 0x7777_772E || tail & 0x00FF_FFFF == 0x003A_2F2F { runIsAddress = true }   // "www." or "://"
                }
                previous = byte
            }
            if runIsAddress { addressParentheses = max(addressParentheses, runParentheses) }
        }
    }

    /// A bound on cmark-gfm's table work, line by line, over a block of lines without a blank one (a paragraph or
    /// more: a bound from above).
    struct TableWork {
        /// The header work and cells of the whole text so far.
        var headerWork = 0
        var cells = 0
        /// Reading the block so far as a header row: for each line, the walk back from its start to the previous `|`
        /// (or the block's start), its bytes, and 20 per cell (each cell is allocated and copied).
        private var blockWork = 0
        private var blockStart = 0
        private var lastPipe: Int?
        private var linesInBlock = 0
        /// The columns of the table the block holds (0: none yet).
        private var columns = 0

        mutating func blankLine(at next: Int) {
            blockWork = 0
            blockStart = next
            lastPipe = nil
            linesInBlock = 0
            columns = 0
        }

        mutating func line(_ line: ArraySlice<UInt8>, lineStart: Int, pipes: Int, lastPipe pipe: Int?) {
            if linesInBlock > 0, let delimiterCells = Self.delimiterCells(line) {
                // cmark-gfm tries the lines above as a header row (a table row is never tried, but this cannot tell).
                headerWork += blockWork
                if columns == 0 {
                    columns = delimiterCells
                    cells += 2 * columns
                } else {
                    cells += columns
                }
            } else if columns > 0 {
                cells += columns
            }
            blockWork += lineStart - (lastPipe.map { $0 + 1 } ?? blockStart) + line.count + 20 * (pipes + 1)
            if let pipe { lastPipe = pipe }
            linesInBlock += 1
        }

        /// The cells of a line that may be a table's delimiter row (`| --- | :-: |`, after any `>` and indentation): only
        /// `|`, `-`, `:` and spaces, with a `-` and a `|` or `:`. Nil for any other line.
        static func delimiterCells(_ line: ArraySlice<UInt8>) -> Int? {
            var i = line.startIndex
            while i < line.endIndex, line[i] == UInt8(ascii: " ") || line[i] == UInt8(ascii: "\t") || line[i] == UInt8(ascii: ">") { i += 1 }
            var pipes = 0, dashes = 0, colons = 0
            var first: UInt8 = 0, last: UInt8 = 0
            for byte in line[i...] {
                switch byte {
                case UInt8(ascii: "|"): pipes += 1
                case UInt8(ascii: "-"): dashes += 1
                case UInt8(ascii: ":"): colons += 1
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): continue
                default: return nil
                }
                if first == 0 { first = byte }
                last = byte
            }
            guard dashes > 0, pipes + colons > 0 else { return nil }
            let edges = (first == UInt8(ascii: "|") ? 1 : 0) + (last == UInt8(ascii: "|") && pipes > 1 ? 1 : 0)
            return max(1, pipes + 1 - edges)
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

