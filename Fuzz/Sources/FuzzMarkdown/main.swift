import Dispatch
import FuzzSupport
import PasserelleContent
import PasserelleMarkdown

// Any text through the Markdown stage as the pages use it: cmark-gfm (tables, strikethrough, autolinks), then heading anchors, glossary links and
// indicator-block placeholders. Traps on a broken invariant, and on an input slower than 1 s per MB (so that
// libFuzzer keeps it in Fuzz/crashes/FuzzMarkdown/).

let glossary = [
    GlossaryLink(words: ["SCOP"], url: "g/#scop", title: "Société coopérative et participative"),
    GlossaryLink(words: ["ESS", "économie sociale et solidaire"], url: "g/#ess", title: "Économie sociale et solidaire"),
    GlossaryLink(words: ["ACI", "chantier d'insertion"], url: "g/#aci", title: "Atelier et chantier d'insertion"),
    // Short words, easy for the fuzzer to write, sharing a first word: the worst case of the lookup.
    GlossaryLink(words: ["a", "a b", "a b a b"], url: "g/#a", title: "A"),
    GlossaryLink(words: ["b a", "b"], url: "g/#b", title: "B"),
]

/// The four ways the site renders a body, chosen by the input's length so that a saved input replays the same way.
func options(_ size: Int) -> MarkdownOptions {
    switch size % 4 {
    case 0: MarkdownOptions(glossary: glossary)                                          // a record's body
    case 1: MarkdownOptions(unsafeHTML: true, glossary: glossary, headingOffset: 1)      // a body under a page heading
    case 2: MarkdownOptions(indicatorPlaceholders: true)                                 // a dashboard
    default: MarkdownOptions(unsafeHTML: true, glossary: glossary, headingOffset: -1, indicatorPlaceholders: true)
    }
}

/// Stops with the message (a failed `precondition` says nothing in a release build).
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

/// Renders as the pages do and checks what must hold for any input.
func renderAndCheck(_ text: String, _ options: MarkdownOptions) {
    let rendered = Markdown.render(text, options: options)
    var ids = Set<String>()
    for heading in rendered.headings {
        check(!heading.id.isEmpty && heading.id.utf8.allSatisfy { ("a"..."z").contains(Unicode.Scalar($0)) || ("0"..."9").contains(Unicode.Scalar($0)) || $0 == UInt8(ascii: "-") },
                     "heading id \(heading.id.debugDescription)")
        check(ids.insert(heading.id).inserted, "duplicate heading id \(heading.id)")
        check((1...6).contains(heading.level), "heading level \(heading.level)")
    }
    if !options.unsafeHTML {
        // Safe mode: every heading tag is a heading node's, so every heading is anchored.
        let anchored = rendered.html.components(separatedBy: " id=\"").count - 1
        check(anchored == rendered.headings.count, "\(anchored) anchors for \(rendered.headings.count) headings")
    }
    if options.indicatorPlaceholders {
        // The placeholders are the indicator blocks' own, numbered 0, 1, 2… in order, none forged, none lost.
        var found: [Int] = []
        let filled = Markdown.fillPlaceholders(rendered.html) { found.append($0); return "<figure></figure>" }
        check(found == Array(found.indices), "placeholders \(found.prefix(20))")
        // (U+E000 may remain inside an attribute, from a character reference in a code block's info string or a
        // link title, where it cannot make a placeholder.)
        check(!filled.contains("<p>\u{E000}"), "a placeholder left unfilled")
    }
}

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// 1 s per MB, at least 5 ms (below that, scheduling noise): a slower render is retried twice, and traps if the
/// fastest of the three is still too slow.
func checkTime(_ text: String, _ options: MarkdownOptions, label: String) {
    // A text the content stage refuses (nested too deep, too many brackets: BodyLimits) never reaches the renderer.
    let limits = DiagnosticCollector(file: "fuzz")
    BodyLimits.check(text, firstLine: 1, collector: limits)
    guard limits.diagnostics.isEmpty else { return }
    let bytes = text.utf8.count
    let limit = max(Double(bytes) / 1_000_000, 0.005)
    var best = seconds { renderAndCheck(text, options) }
    for _ in 0..<2 where best > limit {
        best = min(best, seconds { renderAndCheck(text, options) })
    }
    if best > limit {
        fatalError("slow input (\(label)): \(bytes) bytes in \(best) s, over \(limit) s (1 s per MB)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = bytes(data, size)
    let text = String(decoding: input, as: UTF8.self)
    checkTime(text, options(size), label: "as is")
    // Superlinear costs hide at the sizes libFuzzer writes: one input in 16 (chosen by its bytes, so a saved input
    // replays the same way) is also rendered repeated up to 64 KB, where 1 s per MB is 64 ms.
    var hash: UInt32 = 2_166_136_261
    for byte in input { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    if size > 0 && hash % 16 == 0 {
        let repeated = String(repeating: text, count: max(1, 65_536 / max(text.utf8.count, 1)))
        checkTime(repeated, options(size), label: "repeated to \(repeated.utf8.count) bytes")
    }
    return 0
}

fuzz(testOneInput)
