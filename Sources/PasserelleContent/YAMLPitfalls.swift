import Foundation
import PasserelleModel

/// The mistakes people make typing YAML by hand, found on the raw text before the parser sees it, each reported at
/// its own line and column with the line rewritten (in the hint and as a `Fix.line`):
///
/// - `yaml-curly-quotes`: a value between Word's “ ” or ‘ ’, which YAML does not take as quotes (an error when the
///   value then cannot be read, `title: “Bilan : 40”`; a warning when it would be published with the marks);
/// - `yaml-apostrophe-in-single-quotes`: `title: 'L'atelier'`, the apostrophe closes the value;
/// - `yaml-inner-quotes`: `title: "Le "Tiers-lieu""`, the inner quote closes the value;
/// - `yaml-text-after-quote`: `title: "Atelier" partagé`;
/// - `yaml-missing-space`: `amount:97000`, read as one word (libyaml reports it on the next line);
/// - `yaml-tab`: a tab in the indentation;
/// - `yaml-word-bullet`: `• item`, `– item` pasted from a word processor instead of `- item`;
/// - `yaml-decimal-comma`: `{funder: region, share: 14,5 %}`, where the comma splits the number into two keys;
/// - `yaml-lone-quote` (a warning): a plain value ending with a quote that opens nothing (`title: Atelier"`), which
///   would be published.
///
/// The scan reads each line once, keeping only what it needs to know of the lines before (inside a block scalar, a
/// multi-line quoted value or flow collection, or a plain value continued): linear time, and it never traps.
/// It is conservative: what it cannot tell for sure, it leaves to the parser.
public enum YAMLPitfalls {
    /// The pitfalls of `text`, whose first line is line `firstLine` of `file`.
    public static func scan(_ text: String, file: String, firstLine: Int = 1) -> [Diagnostic] {
        var scanner = Scanner(file: file)
        var number = firstLine
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            scanner.line(Array(line.unicodeScalars), number: number)
            number += 1
        }
        return scanner.diagnostics
    }

    static let bullets: Set<Unicode.Scalar> = ["•", "–", "—", "·", "◦", "▪", "●", "‣", "⁃", "○", "■", "►", "\u{F0B7}"]
    static let openingCurly: Set<Unicode.Scalar> = ["“", "”", "„", "‘", "’", "‚"]
    static let closingCurly: Set<Unicode.Scalar> = ["”", "“", "’", "‘", "‟"]
    static let schemes: Set<String> = ["http", "https", "mailto", "tel", "ftp", "ftps", "sftp", "file", "urn", "data", "sms"]

    static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
    static func isLetter(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars))
    }

    /// The value between quotes YAML reads back as `inner`: double quotes unless it holds `"` or `\`.
    static func quoted(_ inner: String) -> String {
        if !inner.contains("\"") && !inner.contains("\\") { return "\"" + inner + "\"" }
        return "'" + inner.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The same, single quotes first: for a value that holds double quotes.
    static func singleQuoted(_ inner: String) -> String {
        if !inner.contains("'") { return "'" + inner + "'" }
        return quoted(inner)
    }

    /// Where a quoted value opened at `open` closes on this line, or nil.
    static func closing(_ s: [Unicode.Scalar], from open: Int) -> Int? {
        let quote = s[open]
        var cursor = open + 1
        while cursor < s.count {
            if quote == "\"" && s[cursor] == "\\" { cursor += 2; continue }
            if s[cursor] == quote {
                if quote == "'" && cursor + 1 < s.count && s[cursor + 1] == "'" { cursor += 2; continue }
                return cursor
            }
            cursor += 1
        }
        return nil
    }

    /// Where a comment (` #`) starts at or after `from`, else the end of the line.
    /// Lines of `[…]` or `{…}` longer than this are not scanned for pitfalls (the scan of one is quadratic at worst).
    static let maxFlowLine = 2_000

    static func commentStart(_ s: [Unicode.Scalar], from: Int) -> Int {
        var index = max(from, 1)
        while index < s.count {
            if s[index] == "#" && (s[index - 1] == " " || s[index - 1] == "\t") { return index }
            index += 1
        }
        return s.count
    }

    /// `end`, moved back over trailing spaces.
    static func trimmedEnd(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start, s[end - 1] == " " || s[end - 1] == "\t" { end -= 1 }
        return end
    }

    struct Scanner {
        let file: String
        var diagnostics: [Diagnostic] = []
        /// Inside a block scalar (`|`, `>`): lines indented more than this are its text.
        var blockIndent: Int?
        /// Inside a quoted value that goes on over lines: the quote that will close it.
        var openQuote: Unicode.Scalar?
        /// Inside a flow collection that goes on over lines: lines indented more than this belong to it.
        var flowIndent: Int?
        /// A plain value that may go on over the next lines, indented more than `indent`.
        var plain: (indent: Int, bullet: Bool)?
        /// The indentation of the last line with content, and whether it opened a block (`key:` alone).
        var last: (indent: Int, opens: Bool) = (0, false)

        init(file: String) { self.file = file }

        mutating func report(_ rule: String, _ line: Int, _ column: Int, end: Int? = nil, _ text: Bilingual, hint: Bilingual,
                             fix: Fix?, warning: Bool = false) {
            let location = SourceLocation(line: line, column: column)
            let endLocation = end.map { SourceLocation(line: line, column: $0) }
            diagnostics.append(warning
                ? .warning(rule, file, location, text, hint: hint, end: endLocation, fix: fix)
                : .error(rule, file, location, text, hint: hint, end: endLocation, fix: fix))
        }

        /// The line with `replacements` (ranges of scalar indexes, not overlapping) applied.
        static func rewritten(_ s: [Unicode.Scalar], _ replacements: [(Range<Int>, String)]) -> String {
            var out = String.UnicodeScalarView()
            var cursor = 0
            for (range, text) in replacements.sorted(by: { $0.0.lowerBound < $1.0.lowerBound }) where range.lowerBound >= cursor {
                out.append(contentsOf: s[cursor..<range.lowerBound])
                out.append(contentsOf: text.unicodeScalars)
                cursor = range.upperBound
            }
            out.append(contentsOf: s[min(cursor, s.count)...])
            return String(out)
        }

        /// The corrected line as a hint shows it: without its indentation.
        static func shown(_ line: String) -> String { String(line.drop { $0 == " " }) }

        static func indentation(_ s: [Unicode.Scalar]) -> Int {
            var count = 0
            while count < s.count, s[count] == " " { count += 1 }
            return count
        }

        static func isBlank(_ s: [Unicode.Scalar]) -> Bool { s.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }

        mutating func line(_ s: [Unicode.Scalar], number: Int) {
            let original = string(s[...])
            if let block = blockIndent {
                if Self.isBlank(s) || Self.indentation(s) > block { return }
                blockIndent = nil
            }
            if let quote = openQuote {
                var index = 0
                while index < s.count {
                    if quote == "\"" && s[index] == "\\" { index += 2; continue }
                    if s[index] == quote {
                        if quote == "'" && index + 1 < s.count && s[index + 1] == "'" { index += 2; continue }
                        openQuote = nil
                        break
                    }
                    index += 1
                }
                return
            }
            if let flow = flowIndent {
                if Self.isBlank(s) || Self.indentation(s) > flow { return }
                flowIndent = nil
            }
            // Indentation, tabs included.
            var start = 0
            var tab: Int?
            while start < s.count, s[start] == " " || s[start] == "\t" {
                if s[start] == "\t" && tab == nil { tab = start }
                start += 1
            }
            guard start < s.count, s[start] != "#", s[start] != "\r" else { return }
            if string(s[start...]) == "---" || string(s[start...]) == "..." { return }
            var indent = start
            if let tab {
                indent = last.opens ? last.indent + 2 : last.indent
                let corrected = String(repeating: " ", count: indent) + string(s[start...])
                let spaces = indent == 0
                    ? Bilingual(fr: "supprimez la tabulation", en: "remove the tab")
                    : Bilingual(fr: "remplacez la tabulation par \(indent) espace\(indent > 1 ? "s" : "")",
                                en: "replace the tab with \(indent) space\(indent > 1 ? "s" : "")")
                report("yaml-tab", number, tab + 1, end: start + 1,
                       Bilingual(fr: AuthorHints.typo("une tabulation sert de retrait : YAML n’accepte que des espaces"),
                                 en: "a tab is used for indentation: YAML accepts only spaces"),
                       hint: Bilingual(fr: spaces.fr + AuthorHints.typo(", alignées sur les clés du même bloc : ") + Self.shown(corrected),
                                       en: spaces.en + ", lined up with the keys of the same block: " + Self.shown(corrected)),
                       fix: .line(number, current: original, replacement: corrected))
            }
            // A plain value written over several lines: this line is its text.
            let bullet = YAMLPitfalls.bullets.contains(s[start]) && (start + 1 == s.count || s[start + 1] == " ")
            if let plain, indent > plain.indent {
                if bullet && plain.bullet { wordBullet(s, start, indent, number, original) }
                return
            }
            plain = nil
            defer { last = (indent, lastOpens) }
            lastOpens = false
            if bullet {
                wordBullet(s, start, indent, number, original)
                plain = (indent, true)
                return
            }
            // `- ` list items, possibly nested on one line.
            var position = start
            var nodeIndent = indent
            while position < s.count, s[position] == "-", position + 1 == s.count || s[position + 1] == " " {
                nodeIndent = position - start + indent
                position += 1
                while position < s.count, s[position] == " " { position += 1 }
            }
            guard position < s.count else { lastOpens = true; return }
            if missingSpace(s, position, number, original) { return }
            // `key: value` or a value alone.
            var valueStart = position
            if let colon = keyEnd(s, from: position) {
                nodeIndent = position - start + indent
                valueStart = colon + 1
                while valueStart < s.count, s[valueStart] == " " || s[valueStart] == "\t" { valueStart += 1 }
                if valueStart == s.count || s[valueStart] == "#" { lastOpens = true; return }
                if colonInValue(s, valueStart, nodeIndent: nodeIndent, number, original) { return }
            }
            value(s, valueStart, nodeIndent: nodeIndent, number, original)
        }

        var lastOpens = false

        /// `subtitle: Communauté de communes : Caux` — a plain value holding « : », which YAML reads as a second key
        /// (libyaml: "mapping values are not allowed here"): the value is rewritten between quotes. Only for values
        /// starting with a letter, a digit, « or (, so YAML's own signs (`&`, `*`, `!`, `%`, `@`…) are left to the parser.
        mutating func colonInValue(_ s: [Unicode.Scalar], _ v: Int, nodeIndent: Int, _ number: Int, _ original: String) -> Bool {
            let first = s[v]
            guard YAMLPitfalls.isLetter(first) || YAMLPitfalls.isDigit(first) || first == "«" || first == "(" else { return false }
            let end = YAMLPitfalls.trimmedEnd(s, v, YAMLPitfalls.commentStart(s, from: v))
            guard let colon = (v..<end).first(where: { s[$0] == ":" && ($0 + 1 == end || s[$0 + 1] == " " || s[$0 + 1] == "\t") })
            else { return false }
            let corrected = Self.rewritten(s, [(v..<end, YAMLPitfalls.quoted(string(s[v..<end])))])
            report("yaml-colon-in-value", number, colon + 1, end: colon + 2,
                   Bilingual(fr: AuthorHints.typo("les deux-points de cette valeur se lisent comme une nouvelle clé : la valeur ne peut pas être lue"),
                             en: "the colon in this value reads as a new key: the value cannot be read"),
                   hint: Bilingual(fr: AuthorHints.typo("mettez la valeur entre guillemets : ") + Self.shown(corrected),
                                   en: "put the value between quotes: " + Self.shown(corrected)),
                   fix: .line(number, current: original, replacement: corrected))
            plain = (nodeIndent, false)
            return true
        }

        /// Where the colon of a `key:` starting at `from` is, or nil when the line holds a value only.
        func keyEnd(_ s: [Unicode.Scalar], from: Int) -> Int? {
            if s[from] == "\"" || s[from] == "'" {
                guard let close = YAMLPitfalls.closing(s, from: from) else { return nil }
                var after = close + 1
                while after < s.count, s[after] == " " { after += 1 }
                guard after < s.count, s[after] == ":", after + 1 == s.count || s[after + 1] == " " else { return nil }
                return after
            }
            if s[from] == "[" || s[from] == "{" || YAMLPitfalls.openingCurly.contains(s[from]) { return nil }
            var index = from
            while index < s.count {
                if s[index] == "#" && index > from && s[index - 1] == " " { return nil }
                if s[index] == ":" && (index + 1 == s.count || s[index + 1] == " " || s[index + 1] == "\t") { return index }
                index += 1
            }
            return nil
        }

        mutating func wordBullet(_ s: [Unicode.Scalar], _ start: Int, _ indent: Int, _ number: Int, _ original: String) {
            var rest = start + 1
            while rest < s.count, s[rest] == " " { rest += 1 }
            let corrected = String(repeating: " ", count: indent) + "- " + string(s[rest...])
            let mark = string(s[start...start])
            report("yaml-word-bullet", number, start + 1, end: start + 2,
                   Bilingual(fr: AuthorHints.q(mark) + AuthorHints.typo(" est une puce de traitement de texte : une liste YAML s’écrit avec un tiret"),
                             en: "'\(mark)' is a word-processor bullet: a YAML list uses a hyphen"),
                   hint: Bilingual(fr: AuthorHints.typo("commencez la ligne par un tiret et une espace : ") + Self.shown(corrected),
                                   en: "start the line with a hyphen and a space: " + Self.shown(corrected)),
                   fix: .line(number, current: original, replacement: corrected))
        }

        /// `amount:97000`: a lowercase key, a colon, then its value with no space between. True when reported.
        mutating func missingSpace(_ s: [Unicode.Scalar], _ start: Int, _ number: Int, _ original: String) -> Bool {
            guard let colon = Self.unspacedColon(s, start, s.count) else { return false }
            let corrected = string(s[...colon]) + " " + string(s[(colon + 1)...])
            let key = string(s[start..<colon])
            report("yaml-missing-space", number, colon + 1, end: colon + 2,
                   Bilingual(fr: AuthorHints.typo("il manque une espace après les deux-points de « \(key): »"),
                             en: "a space is missing after the colon of '\(key):'"),
                   hint: Bilingual(fr: "écrivez " + Self.shown(corrected), en: "write " + Self.shown(corrected)),
                   fix: .line(number, current: original, replacement: corrected))
            return true
        }

        /// The colon of `word:value` at `start` (a lowercase key, no space after the colon, not a web address).
        static func unspacedColon(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Int? {
            var index = start
            guard index < end, ("a"..."z").contains(s[index]) || s[index] == "_" else { return nil }
            while index < end, ("a"..."z").contains(s[index]) || ("0"..."9").contains(s[index]) || s[index] == "_" { index += 1 }
            guard index + 1 < end, s[index] == ":" else { return nil }
            let next = s[index + 1]
            guard next != " ", next != "\t", next != "/", next != ":", next != "\r",
                  !YAMLPitfalls.schemes.contains(string(s[start..<index])) else { return nil }
            return index
        }

        /// The value that starts at `v`.
        mutating func value(_ s: [Unicode.Scalar], _ v: Int, nodeIndent: Int, _ number: Int, _ original: String) {
            let first = s[v]
            if first == "|" || first == ">" {
                var index = v + 1
                while index < s.count, "0123456789+-".unicodeScalars.contains(s[index]) { index += 1 }
                while index < s.count, s[index] == " " { index += 1 }
                if index == s.count || s[index] == "#" { blockIndent = nodeIndent }
                return
            }
            if first == "\"" || first == "'" {
                quotedValue(s, v, number, original)
                return
            }
            if first == "[" || first == "{" {
                // Its search for closing quotes is quadratic in the worst case: a line longer than a person writes in
                // braces is left to the parser's own message.
                if s.count <= YAMLPitfalls.maxFlowLine { flowValue(s, v, nodeIndent: nodeIndent, number, original) }
                return
            }
            let end = YAMLPitfalls.trimmedEnd(s, v, YAMLPitfalls.commentStart(s, from: v))
            if YAMLPitfalls.openingCurly.contains(first), end - v >= 2, YAMLPitfalls.closingCurly.contains(s[end - 1]) {
                let inner = string(s[(v + 1)..<(end - 1)])
                let corrected = Self.rewritten(s, [(v..<end, YAMLPitfalls.quoted(inner))])
                let marks = string(s[v...v]) + " " + string(s[(end - 1)..<end])
                // With ": " or " #" inside, the value cannot be read at all: an error. Otherwise it is read, quote marks
                // included, and would be published so: a warning (the page is still built).
                let breaks = inner.contains(": ") || inner.contains(" #") || inner.hasSuffix(":")
                let consequence = breaks
                    ? (fr: "YAML ne les prend pas pour des guillemets et ne peut pas lire la valeur", en: "YAML does not take them as quotes and cannot read the value")
                    : (fr: "YAML ne les prend pas pour des guillemets, qui seraient publiés avec elle", en: "YAML does not take them as quotes, so they would be published with it")
                report("yaml-curly-quotes", number, v + 1, end: end + 1,
                       Bilingual(fr: AuthorHints.typo("la valeur est entre guillemets typographiques (") + marks
                                    + AuthorHints.typo(", ceux de Word) : " + consequence.fr),
                                 en: "the value is between typographic quotes (\(marks), Word's): " + consequence.en),
                       hint: Bilingual(fr: AuthorHints.typo("écrivez-la entre guillemets droits : ") + Self.shown(corrected),
                                       en: "write it between straight quotes: " + Self.shown(corrected)),
                       fix: .line(number, current: original, replacement: corrected), warning: !breaks)
                return
            }
            plain = (nodeIndent, false)
            // `label: Atelier #2`: « # » after a space starts a comment, so « #2 » would silently disappear. A comment
            // written as comments are (`# text`, with a space) is left alone; « #2 », « #ESS » are text cut off.
            let comment = YAMLPitfalls.commentStart(s, from: v)
            if end > v, comment + 1 < s.count, s[comment + 1] != " ", s[comment + 1] != "#", s[comment + 1] != "\t" {
                let whole = YAMLPitfalls.trimmedEnd(s, v, s.count)
                let lost = string(s[comment..<whole])
                hashInValue(s, v..<whole, number, original, end: whole + 1, at: comment,
                            lost: Bilingual(fr: "«\u{A0}\(lost)\u{A0}» ne serait pas publié", en: "'\(lost)' would not be published"),
                            hint: Bilingual(fr: "si c’est du texte, mettez la valeur entre guillemets", en: "if it is text, put the value between quotes"),
                            warning: true)
            }
            guard end > v else { return }
            let last = s[end - 1]
            let doubleQuotes = s[v..<end].filter { $0 == "\"" }.count
            let lone = (last == "\"" && doubleQuotes % 2 == 1) || (last == "'" && end - v >= 2 && YAMLPitfalls.isLetter(s[end - 2]))
            guard lone else { return }
            let inner = string(s[v..<(end - 1)])
            let corrected = Self.rewritten(s, [(v..<end, YAMLPitfalls.quoted(inner))])
            let mark = string(s[(end - 1)..<end])
            report("yaml-lone-quote", number, end, end: end + 1,
                   Bilingual(fr: AuthorHints.typo("la valeur finit par un guillemet seul (\(mark)), qui serait publié"),
                             en: "the value ends with a lone quote (\(mark)), which would be published"),
                   hint: Bilingual(fr: AuthorHints.typo("s’il manque le guillemet ouvrant, écrivez ") + Self.shown(corrected),
                                   en: "if the opening quote is missing, write " + Self.shown(corrected)),
                   fix: .line(number, current: original, replacement: corrected), warning: true)
        }

        /// A value that starts with a straight quote: text after its closing quote is a mistake.
        /// `'L'atelier'`: the apostrophe at `close` (0-based) closes the single-quoted value `inner` early; `corrected` is
        /// the line with the value between double quotes. The same report in a block and in a flow (`{…}`, `[…]`).
        mutating func apostropheInSingleQuotes(_ number: Int, close: Int, inner: String, corrected: String, _ original: String) {
            report("yaml-apostrophe-in-single-quotes", number, close + 1, end: close + 2,
                   Bilingual(fr: AuthorHints.typo("l’apostrophe de ") + AuthorHints.q(inner)
                                + AuthorHints.typo(" ferme la valeur ouverte par le guillemet simple"),
                             en: "the apostrophe in '\(inner)' closes the value opened by the single quote"),
                   hint: Bilingual(fr: AuthorHints.typo("entourez la valeur de guillemets doubles : ") + Self.shown(corrected),
                                   en: "put the value between double quotes: " + Self.shown(corrected)),
                   fix: .line(number, current: original, replacement: corrected))
        }

        mutating func quotedValue(_ s: [Unicode.Scalar], _ v: Int, _ number: Int, _ original: String) {
            guard let close = YAMLPitfalls.closing(s, from: v) else {
                openQuote = s[v]
                return
            }
            var after = close + 1
            while after < s.count, s[after] == " " || s[after] == "\t" { after += 1 }
            if after == s.count || (s[after] == "#" && after > close + 1) { return }
            let end = YAMLPitfalls.trimmedEnd(s, v, YAMLPitfalls.commentStart(s, from: close + 1))
            let quote = s[v]
            if quote == "'", close > v + 1, close + 1 < s.count, YAMLPitfalls.isLetter(s[close - 1]), YAMLPitfalls.isLetter(s[close + 1]) {
                let innerEnd = s[end - 1] == "'" && end - 1 > close ? end - 1 : end
                let inner = string(s[(v + 1)..<innerEnd])
                apostropheInSingleQuotes(number, close: close, inner: inner,
                                         corrected: Self.rewritten(s, [(v..<end, YAMLPitfalls.quoted(inner))]), original)
            } else if quote == "\"", s[end - 1] == "\"", end - 1 > close {
                let inner = string(s[(v + 1)..<(end - 1)])
                let corrected = Self.rewritten(s, [(v..<end, YAMLPitfalls.singleQuoted(inner))])
                report("yaml-inner-quotes", number, close + 1, end: close + 2,
                       Bilingual(fr: AuthorHints.typo("un guillemet double à l’intérieur de la valeur la ferme avant sa fin"),
                                 en: "a double quote inside the value closes it before its end"),
                       hint: Bilingual(fr: AuthorHints.typo("entourez la valeur de guillemets simples, qui gardent les guillemets doubles à l’intérieur : ")
                                        + Self.shown(corrected),
                                       en: "put the value between single quotes, which keep the double quotes inside: " + Self.shown(corrected)),
                       fix: .line(number, current: original, replacement: corrected))
            } else {
                let whole = string(s[v..<end])
                let corrected = Self.rewritten(s, [(v..<end, quote == "'" ? YAMLPitfalls.quoted(whole) : YAMLPitfalls.singleQuoted(whole))])
                let extra = string(s[after..<end])
                report("yaml-text-after-quote", number, after + 1, end: end + 1,
                       Bilingual(fr: AuthorHints.typo("du texte suit le guillemet qui ferme la valeur : ") + AuthorHints.q(extra),
                                 en: "text follows the quote that closes the value: '\(extra)'"),
                       hint: Bilingual(fr: AuthorHints.typo("mettez toute la valeur entre guillemets : ") + Self.shown(corrected),
                                       en: "put the whole value between quotes: " + Self.shown(corrected)),
                       fix: .line(number, current: original, replacement: corrected))
            }
        }

        /// One segment of a flow mapping level: its start, and where its value starts when it has `key: `.
        struct Level {
            var open: Unicode.Scalar
            var segment: Int
            var valueStart: Int?
            /// The previous segment's value, when it ends with a digit: a comma after it may be a decimal comma.
            var numeric: Int?
        }

        /// `{label: Atelier #2, url: …}`: « # » after a space starts a comment, so the rest of the line (the closing
        /// brace included) is lost. Reported when a `,`, `}` or `]` follows on the line, which shows the value went on;
        /// the value, up to that sign, is rewritten between quotes.
        mutating func hashInFlow(_ s: [Unicode.Scalar], at hash: Int, _ level: Level?, _ number: Int, _ original: String) {
            guard let level, let delimiter = (hash..<s.count).first(where: { [",", "}", "]"].contains(s[$0]) }) else { return }
            var from = level.valueStart ?? level.segment
            while from < hash, s[from] == " " { from += 1 }
            guard from < hash, s[from] != "\"", s[from] != "'", s[from] != "[", s[from] != "{" else { return }
            hashInValue(s, from..<YAMLPitfalls.trimmedEnd(s, from, delimiter), number, original, end: hash + 2, at: hash,
                        lost: Bilingual(fr: "la fin de la ligne serait ignorée", en: "the rest of the line would be ignored"),
                        hint: Bilingual(fr: "mettez la valeur entre guillemets", en: "put the value between quotes"), warning: false)
        }

        /// A « # » at `hash` that would cut the value `value` short: reported with the line where the value is quoted.
        mutating func hashInValue(_ s: [Unicode.Scalar], _ value: Range<Int>, _ number: Int, _ original: String, end: Int, at hash: Int,
                                  lost: Bilingual, hint: Bilingual, warning: Bool) {
            let written = string(s[value])
            let corrected = Self.rewritten(s, [(value, YAMLPitfalls.quoted(written))])
            report("yaml-hash-in-value", number, hash + 1, end: end,
                   Bilingual(fr: AuthorHints.typo("dans « \(written) », le « # » précédé d’une espace commence un commentaire : ") + lost.fr,
                             en: "in '\(written)', a '#' after a space starts a comment: " + lost.en),
                   hint: Bilingual(fr: hint.fr + AuthorHints.typo(" : ") + Self.shown(corrected), en: hint.en + ": " + Self.shown(corrected)),
                   fix: .line(number, current: original, replacement: corrected), warning: warning)
        }

        /// `[…]` and `{…}` on one line: decimal commas and missing spaces inside braces, apostrophes in single quotes.
        mutating func flowValue(_ s: [Unicode.Scalar], _ v: Int, nodeIndent: Int, _ number: Int, _ original: String) {
            var levels: [Level] = []
            var commas: [(Range<Int>, String)] = []
            var spaces: [(Range<Int>, String)] = []
            var index = v
            var tokenStart = true
            func endSegment(_ level: inout Level, at end: Int) {
                var from = level.segment
                while from < end, s[from] == " " { from += 1 }
                let to = YAMLPitfalls.trimmedEnd(s, from, end)
                if level.open == "{", level.valueStart == nil, from < to {
                    if let numeric = level.numeric, YAMLPitfalls.isDigit(s[from]) {
                        commas.append((numeric..<to, YAMLPitfalls.quoted(string(s[numeric..<to]))))
                        level.numeric = nil
                        level.segment = end + 1
                        return
                    }
                    if let colon = Self.unspacedColon(s, from, to) { spaces.append((colon + 1..<colon + 1, " ")) }
                }
                if level.open == "{", let value = level.valueStart, value < to, YAMLPitfalls.isDigit(s[to - 1]) {
                    level.numeric = value
                } else {
                    level.numeric = nil
                }
                level.segment = end + 1
                level.valueStart = nil
            }
            scanning: while index < s.count {
                let c = s[index]
                if (c == "\"" || c == "'") && tokenStart {
                    guard let close = YAMLPitfalls.closing(s, from: index) else { break scanning }
                    if c == "'", close + 1 < s.count, close > index + 1, YAMLPitfalls.isLetter(s[close - 1]), YAMLPitfalls.isLetter(s[close + 1]) {
                        // `{note: 'L'atelier'}`: the real end is the next quote before , } or ].
                        var end = close + 1
                        while end < s.count {
                            if s[end] == "'" {
                                var after = end + 1
                                while after < s.count, s[after] == " " { after += 1 }
                                if after == s.count || [",", "}", "]"].contains(s[after]) { break }
                            }
                            end += 1
                        }
                        if end < s.count {
                            let inner = string(s[(index + 1)..<end])
                            apostropheInSingleQuotes(number, close: close, inner: inner,
                                                     corrected: Self.rewritten(s, [(index..<(end + 1), YAMLPitfalls.quoted(inner))]), original)
                            return
                        }
                    }
                    index = close + 1
                    tokenStart = false
                    continue
                }
                switch c {
                case "[", "{":
                    levels.append(Level(open: c, segment: index + 1))
                    tokenStart = true
                case "]", "}":
                    guard var level = levels.popLast() else { break scanning }
                    endSegment(&level, at: index)
                    tokenStart = false
                    if levels.isEmpty { break scanning }
                case ",":
                    if var level = levels.popLast() {
                        endSegment(&level, at: index)
                        levels.append(level)
                    }
                    tokenStart = true
                case ":" where index + 1 == s.count || s[index + 1] == " " || s[index + 1] == "," || s[index + 1] == "}":
                    if var level = levels.popLast() {
                        if level.valueStart == nil {
                            var value = index + 1
                            while value < s.count, s[value] == " " { value += 1 }
                            level.valueStart = value
                        }
                        levels.append(level)
                    }
                    tokenStart = true
                case "#" where index > v && s[index - 1] == " ":
                    hashInFlow(s, at: index, levels.last, number, original)
                    break scanning
                case " ", "\t":
                    break
                default:
                    tokenStart = false
                }
                index += 1
            }
            if !levels.isEmpty { flowIndent = nodeIndent }
            if let first = commas.first {
                var corrected = Self.rewritten(s, commas)
                let written = string(s[first.0])
                // `share: 0,145` between braces: quoted, it would still lack its % sign (trial2). The line is given with
                // the sign; below one, the number may be a fraction (0,145 for 14,5 %), which is never multiplied here.
                var key = ""
                var before = first.0.lowerBound - 1
                while before >= 0, s[before] == " " { before -= 1 }
                if before > 0, s[before] == ":" {
                    var start = before
                    while start > 0, ("a"..."z").contains(s[start - 1]) || s[start - 1] == "_" { start -= 1 }
                    key = string(s[start..<before])
                }
                var hint = Bilingual(fr: AuthorHints.typo("mettez le nombre entre guillemets : ") + Self.shown(corrected),
                                     en: "put the number between quotes: " + Self.shown(corrected))
                var certain = true
                if key == "share", commas.count == 1, !written.contains("%"),
                   let quoted = corrected.range(of: "\"" + written + "\"") {
                    corrected.replaceSubrange(quoted, with: "\"" + written + " %\"")
                    let english = written.replacingOccurrences(of: ",", with: ".")
                    let below = Double(english).map { $0 <= 1 } ?? true
                    // Below one, the percent reading is one of two: the hint names both, no fix is applied for the author.
                    certain = !below
                    hint = below
                        ? Bilingual(fr: AuthorHints.typo("une part s’écrit en pour cent, entre guillemets avec le signe % : s’il s’agit de \(written) %, écrivez ") + Self.shown(corrected)
                                        + AuthorHints.typo(" ; s’il s’agit d’une fraction du budget, multipliez-la par cent"),
                                    en: "a share is written in percent, in quotes with the % sign: if you mean \(english) %, write " + Self.shown(corrected)
                                        + "; if it is a fraction of the budget, multiply it by a hundred")
                        : Bilingual(fr: AuthorHints.typo("une part s’écrit entre guillemets avec le signe % : ") + Self.shown(corrected),
                                    en: "a share is written in quotes with the % sign: " + Self.shown(corrected))
                }
                report("yaml-decimal-comma", number, first.0.lowerBound + 1, end: first.0.upperBound + 1,
                       Bilingual(fr: AuthorHints.typo("entre accolades, la virgule de ") + AuthorHints.q(written)
                                    + AuthorHints.typo(" sépare deux clés : le nombre serait coupé en deux"),
                                 en: "between braces, the comma in '\(written)' separates two keys: the number would be cut in two"),
                       hint: hint,
                       fix: certain ? .line(number, current: original, replacement: corrected) : nil)
            }
            if let first = spaces.first {
                let corrected = Self.rewritten(s, spaces)
                var keyStart = first.0.lowerBound - 1
                while keyStart > 0, ("a"..."z").contains(s[keyStart - 1]) || ("0"..."9").contains(s[keyStart - 1]) || s[keyStart - 1] == "_" {
                    keyStart -= 1
                }
                let key = string(s[keyStart..<(first.0.lowerBound - 1)])
                report("yaml-missing-space", number, first.0.lowerBound, end: first.0.lowerBound + 1,
                       Bilingual(fr: AuthorHints.typo("il manque une espace après les deux-points de « \(key): »"),
                                 en: "a space is missing after the colon of '\(key):'"),
                       hint: Bilingual(fr: "écrivez " + Self.shown(corrected), en: "write " + Self.shown(corrected)),
                       fix: .line(number, current: original, replacement: corrected))
            }
        }
    }
}
