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

    public init(unsafeHTML: Bool = false, glossary: [GlossaryLink] = [], headingOffset: Int = 0) {
        self.unsafeHTML = unsafeHTML
        self.glossary = glossary
        self.headingOffset = headingOffset
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
    public static func render(_ text: String, options: MarkdownOptions = MarkdownOptions()) -> RenderedMarkdown {
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

    /// Links the first occurrence of each glossary word (whole words only) in text outside links and headings.
    static func linkGlossary(_ textNodes: [OpaquePointer], _ glossary: [GlossaryLink]) {
        var pending = glossary
        for original in textNodes {
            var node = original
            while !pending.isEmpty, let literal = cmark_node_get_literal(node) {
                let text = String(cString: literal)
                guard let (entryIndex, range) = firstMatch(in: text, pending) else { break }
                let entry = pending.remove(at: entryIndex)
                let before = String(text[..<range.lowerBound])
                let word = String(text[range])
                let after = String(text[range.upperBound...])
                guard let link = cmark_node_new(CMARK_NODE_LINK), let label = cmark_node_new(CMARK_NODE_TEXT) else { break }
                cmark_node_set_url(link, entry.url)
                cmark_node_set_title(link, entry.title)
                cmark_node_set_literal(label, word)
                cmark_node_append_child(link, label)
                cmark_node_set_literal(node, before)
                cmark_node_insert_after(node, link)
                guard let tail = cmark_node_new(CMARK_NODE_TEXT) else { break }
                cmark_node_set_literal(tail, after)
                cmark_node_insert_after(link, tail)
                node = tail
            }
        }
    }

    /// The earliest whole-word occurrence of any entry's words; ties go to the longest word.
    static func firstMatch(in text: String, _ entries: [GlossaryLink]) -> (Int, Range<String.Index>)? {
        var best: (Int, Range<String.Index>)?
        for (index, entry) in entries.enumerated() {
            // Smart punctuation has already turned ' into ’ in the text: match either spelling.
            let spellings = entry.words.flatMap { [$0, $0.replacingOccurrences(of: "'", with: "\u{2019}")] }
            for word in Array(Set(spellings)).sorted() where !word.isEmpty {
                var searchRange = text.startIndex..<text.endIndex
                // Acronyms match as written; longer words ignore case ("Coopérative d'activité…").
                let options: String.CompareOptions = word == word.uppercased() ? [] : [.caseInsensitive]
                while let range = text.range(of: word, options: options, range: searchRange) {
                    let beforeOK = range.lowerBound == text.startIndex || !isWordCharacter(text[text.index(before: range.lowerBound)])
                    let afterOK = range.upperBound == text.endIndex || !isWordCharacter(text[range.upperBound])
                    if beforeOK && afterOK {
                        if let current = best {
                            let earlier = range.lowerBound < current.1.lowerBound
                            let sameStartLonger = range.lowerBound == current.1.lowerBound
                                && text.distance(from: range.lowerBound, to: range.upperBound) > text.distance(from: current.1.lowerBound, to: current.1.upperBound)
                            if earlier || sameStartLonger { best = (index, range) }
                        } else {
                            best = (index, range)
                        }
                        break
                    }
                    searchRange = range.upperBound..<text.endIndex
                }
            }
        }
        return best
    }

    static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }
}
