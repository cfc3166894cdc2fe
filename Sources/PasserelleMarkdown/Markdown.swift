import CCmark
import Foundation
import PasserelleModel

/// A glossary word to link on its first occurrence in a body.
public struct GlossaryLink: Sendable, Hashable {
    /// The spellings that link (the term and its aliases).
    public var words: [String]
    public var url: String
    /// Shown as the link's title: the term's full name or definition start.
    public var title: String

    public init(words: [String], url: String, title: String) {
        self.words = words
        self.url = url
        self.title = title
    }
}

public struct MarkdownOptions: Sendable {
    /// Emit raw HTML and `javascript:` links as written. Off unless the site opts in.
    public var unsafeHTML: Bool
    public var glossary: [GlossaryLink]
    /// Added to every heading level (at most 6): a body shown under a page's own `<h2>` starts at `<h3>`.
    public var headingOffset: Int
    /// Replace each ```indicator block by `Markdown.placeholder(n)` in its own paragraph, for the caller to fill.
    public var indicatorPlaceholders: Bool

    public init(unsafeHTML: Bool = false, glossary: [GlossaryLink] = [], headingOffset: Int = 0, indicatorPlaceholders: Bool = false) {
        self.unsafeHTML = unsafeHTML
        self.glossary = glossary
        self.headingOffset = headingOffset
        self.indicatorPlaceholders = indicatorPlaceholders
    }
}

public struct Heading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var id: String
}

public struct RenderedMarkdown: Sendable {
    public var html: String
    public var headings: [Heading]
    /// The first paragraph as plain text: the default summary.
    public var firstParagraph: String?
}

/// CommonMark through libcmark: safe by default, headings given anchors, glossary words linked.
public enum Markdown {
    /// The paragraph that stands for the n-th indicator block in rendered HTML. Private-use characters,
    /// removed from the text beforehand, so a body cannot forge one.
    public static func placeholder(_ index: Int) -> String {
        "<p>\u{E000}\(index)\u{E001}</p>"
    }

    public static func render(_ source: String, options: MarkdownOptions = MarkdownOptions()) -> RenderedMarkdown {
        let text = options.indicatorPlaceholders ? source.replacingOccurrences(of: "\u{E000}", with: "").replacingOccurrences(of: "\u{E001}", with: "") : source
        var flags = CMARK_OPT_SMART
        if options.unsafeHTML { flags |= CMARK_OPT_UNSAFE }
        let length = text.utf8.count
        guard let document = cmark_parse_document(text, length, flags) else {
            return RenderedMarkdown(html: "", headings: [], firstParagraph: nil)
        }
        defer { cmark_node_free(document) }

        var headings: [Heading] = []
        var takenIDs: Set<String> = []
        var firstParagraph: String?
        var textNodes: [OpaquePointer] = []
        var protectedDepth = 0
        var indicatorBlocks: [OpaquePointer] = []

        if let iterator = cmark_iter_new(document) {
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard let node = cmark_iter_get_node(iterator) else { continue }
                let type = cmark_node_get_type(node)
                let isProtected = type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE || type == CMARK_NODE_HEADING
                if event == CMARK_EVENT_ENTER {
                    if type == CMARK_NODE_HEADING {
                        if options.headingOffset != 0 {
                            let level = Int(cmark_node_get_heading_level(node)) + options.headingOffset
                            cmark_node_set_heading_level(node, Int32(min(max(level, 1), 6)))
                        }
                        let title = plainText(node)
                        let base = Slug.make(title).isEmpty ? "section" : Slug.make(title)
                        var id = base
                        var suffix = 2
                        while takenIDs.contains(id) {
                            id = "\(base)-\(suffix)"
                            suffix += 1
                        }
                        takenIDs.insert(id)
                        headings.append(Heading(level: Int(cmark_node_get_heading_level(node)), text: title, id: id))
                    } else if type == CMARK_NODE_PARAGRAPH && firstParagraph == nil {
                        let paragraph = plainText(node).trimmingCharacters(in: .whitespacesAndNewlines)
                        if !paragraph.isEmpty { firstParagraph = paragraph }
                    } else if type == CMARK_NODE_TEXT && protectedDepth == 0 {
                        textNodes.append(node)
                    } else if type == CMARK_NODE_CODE_BLOCK && options.indicatorPlaceholders,
                              let info = cmark_node_get_fence_info(node),
                              String(cString: info).trimmingCharacters(in: .whitespaces) == "indicator" {
                        indicatorBlocks.append(node)
                    }
                    if isProtected { protectedDepth += 1 }
                } else if event == CMARK_EVENT_EXIT && isProtected {
                    protectedDepth -= 1
                }
            }
        }
        if !options.glossary.isEmpty {
            linkGlossary(textNodes, options.glossary)
        }
        for (index, block) in indicatorBlocks.enumerated() {
            guard let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH), let token = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            cmark_node_set_literal(token, "\u{E000}\(index)\u{E001}")
            cmark_node_append_child(paragraph, token)
            cmark_node_replace(block, paragraph)
            cmark_node_free(block)
        }
        guard let rendered = cmark_render_html(document, flags) else {
            return RenderedMarkdown(html: "", headings: headings, firstParagraph: firstParagraph)
        }
        defer { free(rendered) }
        var html = String(cString: rendered)
        html = anchorHeadings(html, headings)
        return RenderedMarkdown(html: html, headings: headings, firstParagraph: firstParagraph)
    }

    /// The text of a node and its descendants, soft breaks as spaces.
    static func plainText(_ node: OpaquePointer) -> String {
        var out = ""
        guard let iterator = cmark_iter_new(node) else { return out }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(child) {
                out += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                out += " "
            }
        }
        return out
    }

    /// Adds `id` attributes to the rendered headings, in document order.
    ///
    /// In safe mode every `<hN>` of the output comes from a heading node (raw HTML is omitted and text is
    /// escaped), so the n-th tag is the n-th heading; with raw HTML allowed, anchors are only added when the
    /// counts agree.
    static func anchorHeadings(_ html: String, _ headings: [Heading]) -> String {
        guard !headings.isEmpty else { return html }
        var out = ""
        var rest = Substring(html)
        var found = 0
        var pieces: [(Substring, Int)] = []
        while let range = rest.range(of: "<h") {
            let after = rest[range.upperBound...]
            guard let digit = after.first, ("1"..."6").contains(digit), after.dropFirst().first == ">" else {
                out += rest[..<range.upperBound]
                rest = after
                continue
            }
            pieces.append((rest[..<range.lowerBound], Int(String(digit)) ?? 1))
            found += 1
            rest = after.dropFirst(2)
        }
        guard found == headings.count else { return html }
        for (index, (before, level)) in pieces.enumerated() {
            out += before
            out += "<h\(level) id=\"\(headings[index].id)\">"
        }
        return out + rest
    }

    /// Links the first occurrence of each glossary entry (whole words only) in text outside links and headings.
    ///
    /// Each text is cut into words once; entries are looked up by their first word, so the work grows with
    /// the text, not with the text times the glossary.
    static func linkGlossary(_ textNodes: [OpaquePointer], _ glossary: [GlossaryLink]) {
        struct Pattern {
            var entry: Int
            var words: [Token]
            var exact: Bool
        }
        var byFirstWord: [String: [Pattern]] = [:]
        for (index, entry) in glossary.enumerated() {
            for spelling in Set(entry.words) where !spelling.isEmpty {
                let words = tokens(spelling)
                guard let first = words.first else { continue }
                byFirstWord[first.lower, default: []].append(Pattern(entry: index, words: words, exact: spelling == spelling.uppercased()))
            }
        }
        var linked = Set<Int>()
        for node in textNodes {
            guard linked.count < glossary.count, let literal = cmark_node_get_literal(node) else { continue }
            let text = String(cString: literal)
            let words = tokens(text)
            var found: [(range: Range<String.Index>, entry: Int)] = []
            var position = 0
            while position < words.count {
                var best: (pattern: Pattern, end: Int)?
                for pattern in byFirstWord[words[position].lower] ?? [] where !linked.contains(pattern.entry) {
                    let end = position + pattern.words.count - 1
                    guard end < words.count else { continue }
                    let matches = pattern.words.indices.allSatisfy { offset in
                        pattern.exact ? words[position + offset].text == pattern.words[offset].text
                                      : words[position + offset].lower == pattern.words[offset].lower
                    }
                    if matches && (best.map { end > $0.end } ?? true) { best = (pattern, end) }
                }
                if let best {
                    found.append((words[position].range.lowerBound..<words[best.end].range.upperBound, best.pattern.entry))
                    linked.insert(best.pattern.entry)
                    position = best.end + 1
                } else {
                    position += 1
                }
            }
            guard let first = found.first else { continue }
            cmark_node_set_literal(node, String(text[..<first.range.lowerBound]))
            var last: OpaquePointer = node
            for (index, match) in found.enumerated() {
                let entry = glossary[match.entry]
                guard let link = cmark_node_new(CMARK_NODE_LINK), let label = cmark_node_new(CMARK_NODE_TEXT),
                      let tail = cmark_node_new(CMARK_NODE_TEXT) else { return }
                cmark_node_set_url(link, entry.url)
                cmark_node_set_title(link, entry.title)
                cmark_node_set_literal(label, String(text[match.range]))
                cmark_node_append_child(link, label)
                cmark_node_insert_after(last, link)
                let next = index + 1 < found.count ? found[index + 1].range.lowerBound : text.endIndex
                cmark_node_set_literal(tail, String(text[match.range.upperBound..<next]))
                cmark_node_insert_after(link, tail)
                last = tail
            }
        }
    }

    /// A word of a text: its place, and its lowercase form for case-insensitive comparison.
    struct Token {
        var range: Range<String.Index>
        var text: Substring
        var lower: String
    }

    /// The words of a text (letters, digits, `_`); everything else, apostrophes included, separates them.
    static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if isWordCharacter(text[index]) {
                if start == nil { start = index }
            } else if let begin = start {
                tokens.append(Token(range: begin..<index, text: text[begin..<index], lower: text[begin..<index].lowercased()))
                start = nil
            }
            index = next
        }
        if let begin = start {
            tokens.append(Token(range: begin..<text.endIndex, text: text[begin...], lower: text[begin...].lowercased()))
        }
        return tokens
    }

    static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }
}
