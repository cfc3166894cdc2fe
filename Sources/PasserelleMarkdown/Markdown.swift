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
    /// The accessible name of the scrollable region around each table (`Tableau`; numbered when a body has several).
    public var tableLabel: String
    /// The way back from the page to the site's root (`../../` from `fiches/x/`): links and images to `media/…` are
    /// written relative to it, so they work from every page at any depth and under any `base_url` path. Nil leaves
    /// them as written.
    public var siteRoot: String?

    public init(unsafeHTML: Bool = false, glossary: [GlossaryLink] = [], headingOffset: Int = 0, indicatorPlaceholders: Bool = false,
                tableLabel: String = "Tableau", siteRoot: String? = nil) {
        self.unsafeHTML = unsafeHTML
        self.glossary = glossary
        self.headingOffset = headingOffset
        self.indicatorPlaceholders = indicatorPlaceholders
        self.tableLabel = tableLabel
        self.siteRoot = siteRoot
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

/// cmark-gfm's extensions, found once per process.
///
/// `cmark_gfm_core_extensions_ensure_registered` guards itself with a plain static flag (not thread-safe), so it
/// runs once here, inside Swift's once-only initialisation of a `static let`; after it the registry is only read.
/// Parsing takes `parseLock`: cmark-gfm 0.29.0.gfm.6 switches the extensions' inline characters (`~`, `:`, `w`…) on
/// in a table shared by the whole process at the start of each document's inline pass and off at its end
/// (`cmark_manage_extensions_special_characters`), so two documents parsed at once would lose each other's
/// strikethrough and autolinks. Only the parse is serialised; walking the tree and writing the HTML run in parallel.
struct GFMExtensions: @unchecked Sendable {
    /// `table`, `strikethrough`, `autolink`, `tagfilter`, in that order; a missing one is skipped.
    let all: [OpaquePointer]
    let tableType: cmark_node_type

    static let shared = GFMExtensions()
    static let parseLock = NSLock()

    private init() {
        cmark_gfm_core_extensions_ensure_registered()
        let names: [String] = ["table", "strikethrough", "autolink", "tagfilter"]
        all = names.compactMap { (name: String) -> OpaquePointer? in cmark_find_syntax_extension(name) }
        tableType = passerelle_node_table()
    }
}

/// CommonMark with GitHub's tables, strikethrough and autolinks, through cmark-gfm: safe by default, headings given
/// anchors, glossary words linked, tables in a scrollable region.
public enum Markdown {
    /// The paragraph that stands for the n-th indicator block in rendered HTML. Private-use characters,
    /// removed from the text beforehand (and from the text of character references), so a body cannot forge one.
    public static func placeholder(_ index: Int) -> String {
        "<p>\u{E000}\(index)\u{E001}</p>"
    }

    public static func render(_ source: String, options: MarkdownOptions = MarkdownOptions()) -> RenderedMarkdown {
        let text = options.indicatorPlaceholders ? removingPlaceholderMarks(source) : source
        // Strikethrough only with two tildes: a single `~` means "about" in French notes (`~ 40 000 €`).
        var flags = CMARK_OPT_SMART | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
        if options.unsafeHTML { flags |= CMARK_OPT_UNSAFE }
        let extensions = GFMExtensions.shared
        guard let parser = cmark_parser_new(flags) else {
            return RenderedMarkdown(html: "", headings: [], firstParagraph: nil)
        }
        defer { cmark_parser_free(parser) }
        for extensionPointer in extensions.all { cmark_parser_attach_syntax_extension(parser, extensionPointer) }
        let length = text.utf8.count
        GFMExtensions.parseLock.lock()
        cmark_parser_feed(parser, text, length)
        let parsed = cmark_parser_finish(parser)
        GFMExtensions.parseLock.unlock()
        guard let document = parsed else {
            return RenderedMarkdown(html: "", headings: [], firstParagraph: nil)
        }
        defer { cmark_node_free(document) }

        var headings: [Heading] = []
        var anchors = HeadingAnchors()
        var slugs = HeadingSlugs()
        var firstParagraph: String?
        var textNodes: [OpaquePointer] = []
        var protectedDepth = 0
        var indicatorBlocks: [OpaquePointer] = []
        var tables: [OpaquePointer] = []

        // One walk of the tree; each node's own text is read a bounded number of times (a heading's once, a
        // paragraph's at most once, until the first non-empty one).
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
                        let slug = slugs.slug(title)
                        let id = anchors.claim(slug.isEmpty ? "section" : slug)
                        headings.append(Heading(level: Int(cmark_node_get_heading_level(node)), text: title, id: id))
                    } else if type == CMARK_NODE_PARAGRAPH && firstParagraph == nil {
                        let paragraph = plainText(node).trimmingCharacters(in: .whitespacesAndNewlines)
                        if !paragraph.isEmpty { firstParagraph = paragraph }
                    } else if type == CMARK_NODE_TEXT {
                        if options.indicatorPlaceholders { removePlaceholderMarks(node) }
                        if protectedDepth == 0 { textNodes.append(node) }
                    } else if type == extensions.tableType {
                        tables.append(node)
                    } else if type == CMARK_NODE_CODE_BLOCK && options.indicatorPlaceholders,
                              let info = cmark_node_get_fence_info(node),
                              String(cString: info).trimmingCharacters(in: .whitespaces) == "indicator" {
                        indicatorBlocks.append(node)
                    }
                    if isProtected { protectedDepth += 1 }
                    if let root = options.siteRoot, type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                        resolveMedia(node, root: root)
                    }
                } else if event == CMARK_EVENT_EXIT && isProtected {
                    protectedDepth -= 1
                }
            }
        }
        if !options.glossary.isEmpty {
            linkGlossary(textNodes, options.glossary)
        }
        // A custom block is written out as given, so the placeholder keeps its paragraph tags in a tight list too.
        for (index, block) in indicatorBlocks.enumerated() {
            guard let placeholder = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(placeholder, Self.placeholder(index))
            cmark_node_set_on_exit(placeholder, "")
            cmark_node_replace(block, placeholder)
            cmark_node_free(block)
        }
        wrapTables(tables, label: options.tableLabel)
        // The parser's extensions: the tag filter acts at this step (raw HTML is written only under unsafe_html).
        guard let rendered = cmark_render_html(document, flags, cmark_parser_get_syntax_extensions(parser)) else {
            return RenderedMarkdown(html: "", headings: headings, firstParagraph: firstParagraph)
        }
        defer { free(rendered) }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(rendered).assumingMemoryBound(to: UInt8.self), count: strlen(rendered))
        let html: String
        if tables.isEmpty {
            html = anchorHeadings(bytes, headings)
        } else {
            html = alignmentClasses(bytes).withUnsafeBufferPointer { anchorHeadings($0, headings) }
        }
        return RenderedMarkdown(html: html, headings: headings, firstParagraph: firstParagraph)
    }

    /// A link's or an image's `media/…` address made relative to the site's root (`media/x.png` → `../../media/x.png`).
    static func resolveMedia(_ node: OpaquePointer, root: String) {
        guard let pointer = cmark_node_get_url(node) else { return }
        let url = String(cString: pointer)
        guard MediaPath.isMedia(url) else { return }
        _ = cmark_node_set_url(node, MediaPath.resolve(url, root: root))
    }

    /// Puts each table in a region that scrolls sideways on a narrow screen. The region can take the keyboard focus
    /// (so it can be scrolled without a mouse) and so has a name: the label, numbered when there are several tables.
    static func wrapTables(_ tables: [OpaquePointer], label: String) {
        for (index, table) in tables.enumerated() {
            let name = tables.count == 1 ? label : "\(label) \(index + 1)"
            guard let region = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
            cmark_node_set_on_enter(region, "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(HTMLEscape.text(name))\">")
            cmark_node_set_on_exit(region, "</div>")
            guard cmark_node_insert_before(table, region) != 0 else { cmark_node_free(region); continue }
            if cmark_node_append_child(region, table) == 0 {
                cmark_node_unlink(region)
                cmark_node_free(region)
            }
        }
    }

    /// The table cells' alignment as classes (`<td class="align-right">`) rather than the `align` attribute cmark-gfm
    /// writes, which HTML5 no longer has (the site's CSP forbids the other choice, a `style` attribute). One pass.
    static func alignmentClasses(_ html: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let attribute = Array(" align=\"".utf8), classAttribute = Array(" class=\"align-".utf8)
        let sides = ["left", "center", "right"].map { Array("\($0)\">".utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(html.count + html.count / 16)
        var copied = 0
        var index = 0
        // `<th align="` or `<td align="`, then a side and `">`: 12 bytes at least.
        while index + 12 < html.count {
            guard html[index] == UInt8(ascii: "<"), html[index + 1] == UInt8(ascii: "t"),
                  html[index + 2] == UInt8(ascii: "h") || html[index + 2] == UInt8(ascii: "d"), html[index + 3] == UInt8(ascii: " "),
                  html[index + 3 ..< index + 3 + attribute.count].elementsEqual(attribute) else {
                index += 1
                continue
            }
            let value = index + 3 + attribute.count
            guard let side = sides.first(where: { value + $0.count <= html.count && html[value ..< value + $0.count].elementsEqual($0) }) else {
                index += 1
                continue
            }
            out.append(contentsOf: html[copied ..< index + 3])
            out.append(contentsOf: classAttribute)
            out.append(contentsOf: side)
            index = value + side.count
            copied = index
        }
        out.append(contentsOf: html[copied...])
        return out
    }

    /// The text without the private-use characters that delimit placeholders, in one pass over its scalars.
    static func removingPlaceholderMarks(_ text: String) -> String {
        let isMark: (Unicode.Scalar) -> Bool = { $0 == "\u{E000}" || $0 == "\u{E001}" }
        guard text.unicodeScalars.contains(where: isMark) else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.lazy.filter { !isMark($0) })
        return String(out)
    }

    /// Removes the placeholder delimiters from a text node: a character reference (`&#xE000;`) is decoded by
    /// libcmark after the source was cleaned. One scan of the literal's bytes; a copy only when one is found.
    static func removePlaceholderMarks(_ node: OpaquePointer) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0xEE && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0x80 || bytes[index + 2] == 0x81) {
                cmark_node_set_literal(node, removingPlaceholderMarks(String(decoding: bytes, as: UTF8.self)))
                return
            }
            index += 1
        }
    }

    /// Fills the placeholders of `render(_:options:)` (`placeholder(n)`) in one pass over the HTML: `content(n)` replaces
    /// the n-th one; a placeholder without content (nil) is left as it is.
    public static func fillPlaceholders(_ html: String, _ content: (Int) -> String?) -> String {
        let open = Array("<p>\u{E000}".utf8), close = Array("\u{E001}</p>".utf8)
        let bytes = Array(html.utf8)
        guard bytes.count >= open.count + close.count + 1 else { return html }
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        var changed = false
        while index + open.count + close.count < bytes.count {
            guard bytes[index] == open[0], bytes[index ..< index + open.count].elementsEqual(open) else { index += 1; continue }
            var end = index + open.count
            var number = 0
            // At most 18 digits: any index fits an Int.
            while end < bytes.count, end - index - open.count < 18, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) {
                number = number * 10 + Int(bytes[end] - UInt8(ascii: "0"))
                end += 1
            }
            let digits = end - index - open.count
            guard digits > 0, digits == 1 || bytes[index + open.count] != UInt8(ascii: "0"), end + close.count <= bytes.count, bytes[end ..< end + close.count].elementsEqual(close),
                  let replacement = content(number) else {
                index += 1
                continue
            }
            if !changed { out.reserveCapacity(bytes.count); changed = true }
            out.append(contentsOf: bytes[copied ..< index])
            out.append(contentsOf: replacement.utf8)
            index = end + close.count
            copied = index
        }
        guard changed else { return html }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
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

    /// Adds `id` attributes to the rendered headings, in document order, in one pass over the HTML bytes.
    ///
    /// In safe mode every `<hN>` of the output comes from a heading node (raw HTML is omitted and text is
    /// escaped), so the n-th tag is the n-th heading; with raw HTML allowed, anchors are only added when the
    /// counts agree.
    static func anchorHeadings(_ html: UnsafeBufferPointer<UInt8>, _ headings: [Heading]) -> String {
        let lt = UInt8(ascii: "<"), h = UInt8(ascii: "h"), gt = UInt8(ascii: ">")
        var tags: [Int] = []   // the offset of each `<hN>`
        if !headings.isEmpty && html.count >= 4 {
            tags.reserveCapacity(headings.count)
            var index = 0
            while index + 3 < html.count {
                if html[index] == lt && html[index + 1] == h && (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(html[index + 2])
                    && html[index + 3] == gt {
                    tags.append(index)
                    index += 4
                } else {
                    index += 1
                }
            }
        }
        guard !tags.isEmpty, tags.count == headings.count else { return String(decoding: html, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(html.count + headings.reduce(0) { $0 + $1.id.utf8.count + 6 })
        var copied = 0
        for (tag, heading) in zip(tags, headings) {
            out.append(contentsOf: html[copied ..< tag + 3])          // up to `<hN`
            out.append(contentsOf: " id=\"".utf8)
            out.append(contentsOf: heading.id.utf8)
            out.append(UInt8(ascii: "\""))
            copied = tag + 3
        }
        out.append(contentsOf: html[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    /// Links the first occurrence of each glossary entry (whole words only) in text outside links and headings.
    ///
    /// Each text is cut into words once. The spellings are a tree of words (lowercased), so the work at each
    /// word of the text is one step per word of the longest spelling that still matches there, whatever the size
    /// of the glossary: the whole pass grows with the text. At a word, the longest spelling of an entry not yet
    /// linked wins, and between entries of equal length the first in the glossary. A spelling written in capitals
    /// (an acronym: `SCOP`) only matches as written; any other ignores case.
    static func linkGlossary(_ textNodes: [OpaquePointer], _ glossary: [GlossaryLink]) {
        var tree = GlossaryTree(glossary)
        var linked = Set<Int>()
        for node in textNodes {
            guard linked.count < glossary.count, let literal = cmark_node_get_literal(node) else { continue }
            let text = String(cString: literal)
            let words = tokens(text)
            var found: [(range: Range<String.Index>, entry: Int)] = []
            var position = 0
            while position < words.count {
                if let best = tree.longestMatch(words, at: position, linked: linked) {
                    found.append((words[position].range.lowerBound..<words[best.end].range.upperBound, best.entry))
                    linked.insert(best.entry)
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

    /// The glossary's spellings as a tree of lowercased words. Each node lists the entries whose spelling ends there,
    /// in glossary order; entries already linked are dropped from the front of a list when met, so each list is
    /// walked once over a whole body.
    struct GlossaryTree {
        struct Entries {
            var entries: [Int] = []
            var start = 0

            /// The first entry not yet linked, dropping the linked ones met before it.
            mutating func first(notIn linked: Set<Int>) -> Int? {
                while start < entries.count && linked.contains(entries[start]) { start += 1 }
                return start < entries.count ? entries[start] : nil
            }
        }

        struct Node {
            var next: [String: Int] = [:]
            /// Spellings that ignore case.
            var anyCase = Entries()
            /// Spellings in capitals, by their words as written (joined by U+0000).
            var asWritten: [String: Entries] = [:]
        }

        private var nodes = [Node()]
        private var hasCapitals = false

        init(_ glossary: [GlossaryLink]) {
            for (index, entry) in glossary.enumerated() {
                for spelling in Set(entry.words) where !spelling.isEmpty {
                    let words = Markdown.tokens(spelling)
                    guard !words.isEmpty else { continue }
                    var node = 0
                    for word in words {
                        if let child = nodes[node].next[word.lower] {
                            node = child
                        } else {
                            nodes.append(Node())
                            nodes[node].next[word.lower] = nodes.count - 1
                            node = nodes.count - 1
                        }
                    }
                    if spelling == spelling.uppercased() {
                        let key = words.map { String($0.text) }.joined(separator: "\u{0}")
                        nodes[node].asWritten[key, default: Entries()].entries.append(index)
                        hasCapitals = true
                    } else {
                        nodes[node].anyCase.entries.append(index)
                    }
                }
            }
        }

        /// The entry linked at `position` and the index of its last word: the longest spelling of an entry not yet
        /// linked, the first entry in the glossary among equals.
        mutating func longestMatch(_ words: [Token], at position: Int, linked: Set<Int>) -> (entry: Int, end: Int)? {
            var best: (entry: Int, end: Int)?
            var node = 0
            var key = ""
            var offset = position
            while offset < words.count, let child = nodes[node].next[words[offset].lower] {
                node = child
                if hasCapitals {
                    if offset > position { key += "\u{0}" }
                    key += words[offset].text
                }
                var candidate = nodes[node].anyCase.first(notIn: linked)
                if hasCapitals, let exact = nodes[node].asWritten[key]?.first(notIn: linked) {
                    candidate = min(candidate ?? exact, exact)
                }
                if let candidate { best = (candidate, offset) }
                offset += 1
            }
            return best
        }
    }

    /// Unique heading ids: the first heading of a slug gets the slug, the next ones `slug-2`, `slug-3`…, skipping any
    /// id already given (a heading titled `Bilan 2` takes `bilan-2`, so the second `Bilan` gets `bilan-3`).
    ///
    /// The same ids as trying `slug-2`, `slug-3`… from 2 each time, without the restart: the next suffix to try is
    /// kept per slug. Every suffix below it is taken, and ids are never given back, so the first free one is the
    /// same. Each id tried and found taken is `base-k` of a single base and is tried once for it: the work grows
    /// with the number of headings, not its square.
    struct HeadingAnchors {
        private var taken: Set<String> = []
        private var nextSuffix: [String: Int] = [:]

        mutating func claim(_ base: String) -> String {
            if taken.insert(base).inserted { return base }
            var suffix = nextSuffix[base] ?? 2
            while true {
                let id = "\(base)-\(suffix)"
                suffix += 1
                if taken.insert(id).inserted {
                    nextSuffix[base] = suffix
                    return id
                }
            }
        }
    }

    /// `Slug.make` for the headings of one body, at a bounded cost per heading byte: an ASCII title is folded here
    /// (what `Slug.make` does with ASCII: lowercase letters and digits, any other run of characters one `-`,
    /// none at either end); any other title goes through `Slug.make` (Foundation), once per distinct title.
    struct HeadingSlugs {
        private var made: [String: String] = [:]

        mutating func slug(_ title: String) -> String {
            if let ascii = Self.asciiSlug(title) { return ascii }
            if let known = made[title] { return known }
            let slug = Slug.make(title)
            made[title] = slug
            return slug
        }

        /// The slug of an ASCII title, nil for any other.
        static func asciiSlug(_ title: String) -> String? {
            var title = title
            return title.withUTF8 { bytes -> String? in
                var out: [UInt8] = []
                out.reserveCapacity(bytes.count)
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                        out.append(byte)
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                        out.append(byte + 32)
                    case 0x80...:
                        return nil
                    default:
                        if let last = out.last, last != UInt8(ascii: "-") { out.append(UInt8(ascii: "-")) }
                    }
                }
                while out.last == UInt8(ascii: "-") { out.removeLast() }
                return String(decoding: out, as: UTF8.self)
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
