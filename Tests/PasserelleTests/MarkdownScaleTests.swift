import Foundation
import Testing
@testable import PasserelleMarkdown
import PasserelleModel

/// The Markdown stage stays linear in the size of a body: heading anchors, glossary links, placeholders.
/// Times are printed, not asserted tightly: `scripts/fuzz 600 FuzzMarkdown` checks 1 s per MB.
@Suite("Markdown scale")
struct MarkdownScaleTests {
    func ids(_ text: String) -> [String] {
        Markdown.render(text).headings.map(\.id)
    }

    func timed<T>(_ label: String, bytes: Int, _ body: () -> T) -> (T, Double) {
        let start = ContinuousClock.now
        let result = body()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("\(label): \(bytes) bytes in \(String(format: "%.2f", seconds)) s")
        return (result, seconds)
    }

    /// The ids the heading search gave before it kept a next suffix per slug: from -2 for each duplicate.
    static func referenceIDs(_ bases: [String]) -> [String] {
        var taken: Set<String> = []
        return bases.map { base in
            var id = base
            var suffix = 2
            while taken.contains(id) {
                id = "\(base)-\(suffix)"
                suffix += 1
            }
            taken.insert(id)
            return id
        }
    }

    @Test("five identical headings get titre, titre-2 … titre-5")
    func fiveDuplicates() {
        let rendered = Markdown.render(String(repeating: "## Titre\n\n", count: 5))
        #expect(rendered.headings.map(\.id) == ["titre", "titre-2", "titre-3", "titre-4", "titre-5"])
        #expect(rendered.html == "<h2 id=\"titre\">Titre</h2>\n<h2 id=\"titre-2\">Titre</h2>\n<h2 id=\"titre-3\">Titre</h2>\n"
                + "<h2 id=\"titre-4\">Titre</h2>\n<h2 id=\"titre-5\">Titre</h2>\n")
    }

    @Test("a heading whose slug looks like a generated suffix never collides, before or after the duplicates")
    func explicitSuffix() {
        #expect(ids("## Titre 2\n\n## Titre\n\n## Titre\n\n## Titre\n") == ["titre-2", "titre", "titre-3", "titre-4"])
        #expect(ids("## Titre\n\n## Titre\n\n## Titre 2\n\n## Titre 3\n\n## Titre\n")
                == ["titre", "titre-2", "titre-2-2", "titre-3", "titre-4"])
        #expect(ids("## Bilan 2\n\n## Bilan 2\n\n## Bilan\n\n## Bilan\n\n## Bilan 2 2\n")
                == ["bilan-2", "bilan-2-2", "bilan", "bilan-3", "bilan-2-2-2"])
        #expect(ids("## ???\n\n## Section\n\n## !!!\n") == ["section", "section-2", "section-3"])
    }

    @Test("the anchors are those of the search from -2, on 2 000 random documents")
    func sameAsReference() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let words = ["a", "b", "2", "3", "1"]
        for _ in 0 ..< 2_000 {
            let titles = (0 ..< 1 + next(12)).map { _ in (0 ..< 1 + next(3)).map { _ in words[next(words.count)] }.joined(separator: " ") }
            let body = titles.map { "## \($0)\n\n" }.joined()
            let expected = Self.referenceIDs(titles.map { $0.replacingOccurrences(of: " ", with: "-") })
            #expect(ids(body) == expected, "titles: \(titles)")
        }
    }

    @Test("a thematic break between headings stays in place (the anchors used to scramble the HTML around <hr />)")
    func thematicBreak() {
        #expect(Markdown.render("## A\n\n---\n\n## B\n").html == "<h2 id=\"a\">A</h2>\n<hr />\n<h2 id=\"b\">B</h2>\n")
    }

    @Test("the slug of an ASCII title, made without Foundation, is Slug.make's, on 5 000 random titles")
    func asciiSlugs() {
        var state: UInt64 = 42
        let alphabet = Array("aZ09 -_.'?!#*`()[]{}<>&\"/\\|~^\t")
        for _ in 0 ..< 5_000 {
            var title = ""
            for _ in 0 ..< Int(state % 13) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                title.append(alphabet[Int((state >> 33) % UInt64(alphabet.count))])
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            #expect(Markdown.HeadingSlugs.asciiSlug(title) == Slug.make(title), "title: \(title.debugDescription)")
        }
        #expect(Markdown.HeadingSlugs.asciiSlug("  Bilan -- 2024 !") == "bilan-2024")
        #expect(Markdown.HeadingSlugs.asciiSlug("Démarche") == nil)
    }

    @Test("a heading starting with a combining mark is anchored like the others")
    func combiningMarkHeading() {
        #expect(Markdown.render("## \u{301}Titre\n\n## Titre\n").html
                == "<h2 id=\"titre\">\u{301}Titre</h2>\n<h2 id=\"titre-2\">Titre</h2>\n")
    }

    @Test("with raw HTML allowed, a raw <h2> leaves the headings without anchors, as before")
    func rawHeadingCountMismatch() {
        #expect(Markdown.render("<h2>brut</h2>\n\n## Titre\n", options: MarkdownOptions(unsafeHTML: true)).html
                == "<h2>brut</h2>\n<h2>Titre</h2>\n")
    }

    // The time limits of this suite are watchdogs (the quadratic heading search never ended), not speed goals.
    @Test("a 5 MB body of 580 000 identical headings gets 580 000 distinct anchors", .timeLimit(.minutes(2)))
    func fiveMegabytesOfHeadings() {
        let count = 580_000
        let body = String(repeating: "## Titre\n", count: count)
        #expect(body.utf8.count == 5_220_000)
        let (rendered, _) = timed("580 000 headings", bytes: body.utf8.count) { Markdown.render(body) }
        #expect(rendered.headings.count == count)
        #expect(rendered.headings.last == Heading(level: 2, text: "Titre", id: "titre-580000"))
        #expect(Set(rendered.headings.map(\.id)).count == count)
        #expect(rendered.html.hasPrefix("<h2 id=\"titre\">Titre</h2>\n<h2 id=\"titre-2\">Titre</h2>\n"))
        #expect(rendered.html.hasSuffix("<h2 id=\"titre-579999\">Titre</h2>\n<h2 id=\"titre-580000\">Titre</h2>\n"))
    }

    @Test("2 000 000 lines of # (4 MB, under the 5 MB record limit) render", .timeLimit(.minutes(2)))
    func twoMillionHashes() {
        let count = 2_000_000
        let body = String(repeating: "#\n", count: count)
        let (rendered, _) = timed("2 000 000 # lines", bytes: body.utf8.count) { Markdown.render(body) }
        #expect(rendered.headings.count == count)
        #expect(rendered.headings.first == Heading(level: 1, text: "", id: "section"))
        #expect(rendered.headings.last == Heading(level: 1, text: "", id: "section-2000000"))
        // `<h1 id="section"></h1>\n`, then `<h1 id="section-K"></h1>\n` for K = 2 … 2 000 000.
        let digits = (2 ... count).reduce(0) { $0 + String($1).count }
        #expect(rendered.html.utf8.count == 23 + (count - 1) * 24 + digits)
        #expect(rendered.html.hasSuffix("<h1 id=\"section-2000000\"></h1>\n"))
    }

    @Test("a 100 000-word body links each glossary entry on its first occurrence only")
    func glossaryHundredThousandWords() {
        let scop = GlossaryLink(words: ["SCOP"], url: "g/#scop", title: "Société coopérative et participative")
        let ess = GlossaryLink(words: ["ESS", "économie sociale et solidaire"], url: "g/#ess", title: "Économie sociale et solidaire")
        let aci = GlossaryLink(words: ["ACI", "chantier d'insertion"], url: "g/#aci", title: "Atelier et chantier d'insertion")
        let unused = GlossaryLink(words: ["CAE"], url: "g/#cae", title: "Coopérative d'activité et d'emploi")
        let filler = ["mot", "scop", "coopérative", "économie", "sociale", "chantier", "insertion", "SCOPE"]
        var words = (0 ..< 100_000).map { filler[$0 % filler.count] }
        // (word index, as written, as rendered)
        let placed: [(Int, String, String)] = [
            (30_000, "SCOP", "<a href=\"g/#scop\" title=\"Société coopérative et participative\">SCOP</a>"),
            (30_004, "SCOP", "SCOP"),
            (60_000, "Économie sociale et solidaire",
             "<a href=\"g/#ess\" title=\"Économie sociale et solidaire\">Économie sociale et solidaire</a>"),
            (60_010, "ESS", "ESS"),
            (75_000, "SCOP", "SCOP"),
            (99_990, "chantier d'insertion", "<a href=\"g/#aci\" title=\"Atelier et chantier d'insertion\">chantier d’insertion</a>"),
            (99_995, "chantier d'insertion", "chantier d’insertion"),
        ]
        var shown = words
        for (index, written, rendered) in placed {
            words[index] = written
            shown[index] = rendered
        }
        // The first half on one line (one text node); the second in paragraphs of 1 000 words, 10 words a line.
        func body(_ words: [String], paragraph: (String) -> String) -> String {
            var out = paragraph(words[0 ..< 50_000].joined(separator: " "))
            for start in stride(from: 50_000, to: 100_000, by: 1_000) {
                let lines = stride(from: start, to: start + 1_000, by: 10).map { words[$0 ..< $0 + 10].joined(separator: " ") }
                out += paragraph(lines.joined(separator: "\n"))
            }
            return out
        }
        let source = "## SCOP et ESS\n\n" + body(words) { $0 + "\n\n" }
        let expected = "<h2 id=\"scop-et-ess\">SCOP et ESS</h2>\n" + body(shown) { "<p>\($0)</p>\n" }
        let options = MarkdownOptions(glossary: [scop, ess, aci, unused])
        let (rendered, _) = timed("glossary over 100 000 words", bytes: source.utf8.count) { Markdown.render(source, options: options) }
        #expect(rendered.html == expected)
        #expect(rendered.html.components(separatedBy: "<a href=").count == 4)
    }

    @Test("the longest spelling wins; among equals, the first entry; a linked entry leaves the place to the next")
    func glossaryTies() {
        let short = GlossaryLink(words: ["économie sociale"], url: "g/#es", title: "ES")
        let long = GlossaryLink(words: ["économie sociale et solidaire"], url: "g/#ess", title: "ESS")
        #expect(Markdown.render("L’économie sociale et solidaire, puis l’économie sociale et solidaire.\n",
                                options: MarkdownOptions(glossary: [short, long])).html
                == "<p>L’<a href=\"g/#ess\" title=\"ESS\">économie sociale et solidaire</a>, puis l’<a href=\"g/#es\" title=\"ES\">"
                + "économie sociale</a> et solidaire.</p>\n")
        let first = GlossaryLink(words: ["coop"], url: "g/#1", title: "1")
        let second = GlossaryLink(words: ["Coop", "COOP"], url: "g/#2", title: "2")
        #expect(Markdown.render("Une Coop, une coop, une COOP.\n", options: MarkdownOptions(glossary: [first, second])).html
                == "<p>Une <a href=\"g/#1\" title=\"1\">Coop</a>, une <a href=\"g/#2\" title=\"2\">coop</a>, une COOP.</p>\n")
    }

    @Test("20 000 glossary entries sharing their first word cost no more per word of a 100 000-word body")
    func glossarySharedFirstWord() {
        let glossary = (0 ..< 20_000).map { GlossaryLink(words: ["la t\($0)"], url: "g/#\($0)", title: "T\($0)") }
        let source = String(repeating: "la mot ", count: 50_000) + "la t19999.\n"
        let (rendered, _) = timed("20 000 entries over 100 000 words", bytes: source.utf8.count) {
            Markdown.render(source, options: MarkdownOptions(glossary: glossary))
        }
        #expect(rendered.html == "<p>" + String(repeating: "la mot ", count: 50_000) + "<a href=\"g/#19999\" title=\"T19999\">la t19999</a>.</p>\n")
    }

    @Test("placeholders are filled in one pass; a placeholder without content, or written 00, is left")
    func fillPlaceholders() {
        let html = Markdown.render("```indicator\na\n```\n\nTexte\n\n```indicator\nb\n```\n\n```indicator\nc\n```\n",
                                   options: MarkdownOptions(indicatorPlaceholders: true)).html
        #expect(html == Markdown.placeholder(0) + "\n<p>Texte</p>\n" + Markdown.placeholder(1) + "\n" + Markdown.placeholder(2) + "\n")
        let filled = Markdown.fillPlaceholders(html) { $0 == 2 ? nil : "<figure>\($0) \(Markdown.placeholder(2))</figure>" }
        #expect(filled == "<figure>0 \(Markdown.placeholder(2))</figure>\n<p>Texte</p>\n<figure>1 \(Markdown.placeholder(2))</figure>\n"
                + Markdown.placeholder(2) + "\n")
        #expect(Markdown.fillPlaceholders("<p>\u{E000}00\u{E001}</p>") { _ in "x" } == "<p>\u{E000}00\u{E001}</p>")
        #expect(Markdown.fillPlaceholders("<p>\u{E000}\u{E001}</p><p>\u{E000}7\u{E001}</p>") { "[\($0)]" } == "<p>\u{E000}\u{E001}</p>[7]")
    }

    @Test("an indicator block in a tight list keeps its placeholder paragraph")
    func placeholderInTightList() {
        let html = Markdown.render("- ```indicator\n  a\n  ```\n- deux\n", options: MarkdownOptions(indicatorPlaceholders: true)).html
        #expect(html == "<ul>\n<li>\n" + Markdown.placeholder(0) + "\n</li>\n<li>deux</li>\n</ul>\n")
    }

    @Test("a character reference cannot forge a placeholder either")
    func forgedByReference() {
        let html = Markdown.render("&#xE000;0&#57345;\n\n[&#xE000;1&#xE001;](x)\n\n```indicator\nb\n```\n",
                                   options: MarkdownOptions(indicatorPlaceholders: true)).html
        #expect(html == "<p>0</p>\n<p><a href=\"x\">1</a></p>\n" + Markdown.placeholder(0) + "\n")
        // Without placeholders, references are text like any other.
        #expect(Markdown.render("&#xE000;0&#xE001;\n").html == "<p>\u{E000}0\u{E001}</p>\n")
    }

    @Test("20 000 indicator blocks render and fill in seconds")
    func manyIndicatorBlocks() {
        let count = 20_000
        let source = String(repeating: "Texte.\n\n```indicator\nindicator: x\n```\n\n", count: count)
        let (html, _) = timed("20 000 indicator blocks", bytes: source.utf8.count) {
            Markdown.fillPlaceholders(Markdown.render(source, options: MarkdownOptions(indicatorPlaceholders: true)).html) { "<b>\($0)</b>" }
        }
        #expect(html == (0 ..< count).map { "<p>Texte.</p>\n<b>\($0)</b>\n" }.joined())
    }
}
