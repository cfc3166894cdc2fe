import Foundation
import Testing
@testable import PasserelleMarkdown

/// Markdown bodies: safe by default, headings anchored, glossary words linked once.
@Suite("Render Markdown")
struct RenderMarkdownTests {
    static let scop = GlossaryLink(words: ["SCOP"], url: "../../glossaire/#scop", title: "Société coopérative et participative")

    func html(_ text: String, _ options: MarkdownOptions = MarkdownOptions()) -> String {
        Markdown.render(text, options: options).html
    }

    func glossary(_ text: String, _ links: [GlossaryLink] = [scop]) -> String {
        html(text, MarkdownOptions(glossary: links))
    }

    static let scopLink = "<a href=\"../../glossaire/#scop\" title=\"Société coopérative et participative\">SCOP</a>"

    @Test("a raw <script> block is omitted in safe mode")
    func scriptBlockOmitted() {
        #expect(html("<script>alert(1)</script>\n\nTexte.\n") == "<!-- raw HTML omitted -->\n<p>Texte.</p>\n")
    }

    @Test("inline raw HTML is omitted in safe mode")
    func inlineHTMLOmitted() {
        #expect(html("Un <img src=x onerror=alert(1)> ici.\n") == "<p>Un <!-- raw HTML omitted --> ici.</p>\n")
    }

    @Test("raw HTML passes through only when the site opts in")
    func unsafeOptIn() {
        #expect(html("<div>bloc</div>\n", MarkdownOptions(unsafeHTML: true)) == "<div>bloc</div>\n")
        #expect(html("<div>bloc</div>\n") == "<!-- raw HTML omitted -->\n")
    }

    @Test("a javascript: link keeps its text and loses its address")
    func javascriptLink() {
        #expect(html("[clic](javascript:alert(1))\n") == "<p><a href=\"\">clic</a></p>\n")
        #expect(html("[clic](JaVaScRiPt:alert(1))\n") == "<p><a href=\"\">clic</a></p>\n")
    }

    @Test("headings get ids with accents folded")
    func headingIDs() {
        let rendered = Markdown.render("## Démarche et résultats\n")
        #expect(rendered.html == "<h2 id=\"demarche-et-resultats\">Démarche et résultats</h2>\n")
        #expect(rendered.headings == [Heading(level: 2, text: "Démarche et résultats", id: "demarche-et-resultats")])
    }

    @Test("a repeated heading gets -2, -3")
    func duplicateHeadingIDs() {
        #expect(html("## Bilan\n\n## Bilan\n\n## Bilan\n")
                == "<h2 id=\"bilan\">Bilan</h2>\n<h2 id=\"bilan-2\">Bilan</h2>\n<h2 id=\"bilan-3\">Bilan</h2>\n")
    }

    @Test("œ in a heading becomes oe in its id")
    func oeLigature() {
        #expect(html("## Second œuvre\n") == "<h2 id=\"second-oeuvre\">Second œuvre</h2>\n")
    }

    @Test("a heading whose slug equals a generated duplicate id still gets a unique id")
    func duplicateIDCollision() {
        let ids = Markdown.render("## Bilan\n\n## Bilan\n\n## Bilan 2\n").headings.map(\.id)
        #expect(ids.count == 3)
        #expect(Set(ids).count == 3, "ids: \(ids)")
        #expect(ids.first == "bilan")
    }

    @Test("a heading of punctuation only gets the id 'section'")
    func emptySlug() {
        #expect(html("## ???\n") == "<h2 id=\"section\">???</h2>\n")
    }

    @Test("headingOffset shifts every level, capped at 6")
    func headingOffset() {
        let rendered = Markdown.render("# Un\n\n##### Cinq\n", options: MarkdownOptions(headingOffset: 2))
        #expect(rendered.html == "<h3 id=\"un\">Un</h3>\n<h6 id=\"cinq\">Cinq</h6>\n")
        #expect(rendered.headings.map(\.level) == [3, 6])
    }

    @Test("a glossary word is linked on its first occurrence only")
    func glossaryFirstOnly() {
        #expect(glossary("La SCOP et la SCOP.\n\nUne autre SCOP.\n")
                == "<p>La \(Self.scopLink) et la SCOP.</p>\n<p>Une autre SCOP.</p>\n")
    }

    @Test("a glossary word is linked as a whole word only: SCOPE is not SCOP")
    func glossaryWholeWord() {
        #expect(glossary("Le SCOPE et les SCOPs.\n") == "<p>Le SCOPE et les SCOPs.</p>\n")
        #expect(glossary("Le SCOPE puis la SCOP.\n") == "<p>Le SCOPE puis la \(Self.scopLink).</p>\n")
    }

    @Test("a glossary word inside an existing link is left alone; the next occurrence is linked")
    func glossaryNotInsideLinks() {
        #expect(glossary("[la SCOP](https://example.org/) puis la SCOP.\n")
                == "<p><a href=\"https://example.org/\">la SCOP</a> puis la \(Self.scopLink).</p>\n")
    }

    @Test("a glossary word in a heading is not linked")
    func glossaryNotInHeadings() {
        #expect(glossary("## Devenir SCOP\n\nUne SCOP.\n")
                == "<h2 id=\"devenir-scop\">Devenir SCOP</h2>\n<p>Une \(Self.scopLink).</p>\n")
    }

    @Test("an acronym only matches as written")
    func glossaryAcronymCase() {
        #expect(glossary("une scop.\n") == "<p>une scop.</p>\n")
    }

    @Test("a longer glossary word ignores case, accents' case included")
    func glossaryLongWordCase() {
        let ess = GlossaryLink(words: ["ESS", "économie sociale et solidaire"], url: "g/#ess", title: "Économie sociale et solidaire")
        #expect(html("L’Économie sociale et solidaire.\n", MarkdownOptions(glossary: [ess]))
                == "<p>L’<a href=\"g/#ess\" title=\"Économie sociale et solidaire\">Économie sociale et solidaire</a>.</p>\n")
    }

    @Test("an alias written with a straight apostrophe matches the body's apostrophe")
    func glossaryApostrophe() {
        let aci = GlossaryLink(words: ["ACI", "chantier d'insertion"], url: "g/#aci", title: "Atelier et chantier d'insertion")
        #expect(html("La création d'un chantier d'insertion.\n", MarkdownOptions(glossary: [aci]))
                == "<p>La création d’un <a href=\"g/#aci\" title=\"Atelier et chantier d'insertion\">chantier d’insertion</a>.</p>\n")
    }

    @Test("firstParagraph is the first paragraph's plain text, soft breaks as spaces")
    func firstParagraph() {
        let rendered = Markdown.render("## Titre\n\nPremier *paragraphe*\nsur deux lignes.\n\nSecond.\n")
        #expect(rendered.firstParagraph == "Premier paragraphe sur deux lignes.")
    }

    @Test("a body without paragraph has no firstParagraph")
    func noFirstParagraph() {
        #expect(Markdown.render("## Titre\n").firstParagraph == nil)
    }
}
