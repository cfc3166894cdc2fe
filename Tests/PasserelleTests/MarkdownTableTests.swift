import Foundation
import Testing
@testable import PasserelleBuild
@testable import PasserelleMarkdown

/// Tables, strikethrough and web addresses as authors write them (cmark-gfm's extensions), in Passerelle's form:
/// each table in a labelled region that scrolls on a phone, alignment as classes.
@Suite("Markdown tables")
struct MarkdownTableTests {
    static let budget = "| Poste | Montant |\n| --- | ---: |\n| Salaires | 40 000 € |\n| Loyer | 6 000 € |\n"

    @Test("a French budget table renders as a <table> in its scrolling region, amounts aligned right")
    func budgetTable() {
        #expect(Markdown.render(Self.budget).html == """
            <div class="table-scroll" role="region" tabindex="0" aria-label="Tableau">
            <table>
            <thead>
            <tr>
            <th>Poste</th>
            <th class="align-right">Montant</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>Salaires</td>
            <td class="align-right">40 000 €</td>
            </tr>
            <tr>
            <td>Loyer</td>
            <td class="align-right">6 000 €</td>
            </tr>
            </tbody>
            </table>
            </div>

            """)
    }

    @Test("several tables in one body get numbered region names")
    func numberedRegions() {
        let html = Markdown.render("| a |\n| - |\n\nTexte.\n\n| b |\n| - |\n", options: MarkdownOptions(tableLabel: "Table")).html
        #expect(html.components(separatedBy: "aria-label=").map { $0.prefix(11) }.dropFirst() == ["\"Table 1\">\n", "\"Table 2\">\n"])
    }

    @Test("the region name is escaped in its attribute")
    func labelEscaped() {
        let html = Markdown.render("| a |\n| - |\n", options: MarkdownOptions(tableLabel: "A \"b\" & <c>")).html
        #expect(html.hasPrefix("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"A &quot;b&quot; &amp; &lt;c&gt;\">\n<table>"))
    }

    @Test("a glossary word in a cell is linked, and a heading after a table keeps its anchor")
    func glossaryAndAnchorsAroundTables() {
        let scop = GlossaryLink(words: ["SCOP"], url: "g/#scop", title: "Société coopérative")
        let html = Markdown.render("| Structure |\n| --- |\n| SCOP |\n\n## Bilan\n", options: MarkdownOptions(glossary: [scop])).html
        #expect(html.contains("<td><a href=\"g/#scop\" title=\"Société coopérative\">SCOP</a></td>"))
        #expect(html.hasSuffix("</table>\n</div>\n<h2 id=\"bilan\">Bilan</h2>\n"))
    }

    @Test("a table's cells keep raw HTML out in safe mode")
    func rawHTMLInCellOmitted() {
        #expect(Markdown.render("| a |\n| - |\n| <img src=x onerror=alert(1)> |\n").html.contains("<td><!-- raw HTML omitted --></td>"))
    }

    @Test("a bare web address and an e-mail address become links; struck text is <del>")
    func autolinksAndStrikethrough() {
        #expect(Markdown.render("Voir www.ess-france.org ou contact@ess.fr : ~~50 000 €~~ 40 000 €.\n").html
                == "<p>Voir <a href=\"http://www.ess-france.org\">www.ess-france.org</a> ou <a href=\"mailto:contact@ess.fr\">contact@ess.fr</a> : <del>50 000 €</del> 40 000 €.</p>\n")
    }

    @Test("a single tilde (about, in French notes) does not strike")
    func singleTildeKept() {
        #expect(Markdown.render("Coût ~40 000 € et ~50 000 € ensuite.\n").html == "<p>Coût ~40 000 € et ~50 000 € ensuite.</p>\n")
    }

    @Test("rendering on every core at once gives every body its strikethrough, autolinks and tables")
    func parallelRendering() async {
        let text = "~~a~~ www.example.org\n\n" + Self.budget
        let expected = Markdown.render(text).html
        let results = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<300).map { _ in Markdown.render(text).html } }
            }
            var all: [String] = []
            for await part in group { all += part }
            return all
        }
        #expect(expected.contains("<del>a</del> <a href=\"http://www.example.org\">"))
        #expect(results.count == 2_400)
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test("a card's budget table reaches its page as a table in a region named Tableau")
    func cardPageTable() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-gfm")
        defer { BuildSupport.cleanUp(directory) }
        let content = try BuildSupport.copyContent(into: directory)
        let file = content.appendingPathComponent("projects/cap-ondaine.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try (text + "\n## Budget prévisionnel\n\n| Poste | Montant |\n| --- | --- |\n| Salaires | 40 000 € |\n").write(to: file, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("Output")
        let report = await BuildSupport.build(content: content.path, output: output)
        #expect(report.diagnostics.errors.isEmpty, "\(report.diagnostics)")
        let page = try String(contentsOf: output.appendingPathComponent("fiches/cap-ondaine/index.html"), encoding: .utf8)
        #expect(page.contains("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Tableau\">\n<table>\n<thead>\n<tr>\n<th>Poste</th>\n<th>Montant</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Salaires</td>\n<td>40 000 €</td>\n</tr>\n</tbody>\n</table>\n</div>"))
    }
}
