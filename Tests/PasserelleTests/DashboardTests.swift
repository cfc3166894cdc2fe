import Foundation
import Testing
@testable import PasserelleBuild
@testable import PasserelleContent
@testable import PasserelleMarkdown
@testable import PasserelleModel
@testable import PasserelleRender

/// Dashboards: indicator blocks found and checked in the body, drawn as SVG beside a table, exported as data.
@Suite("Dashboards")
struct DashboardTests {
    static let repository = BuildSupport.root

    /// The example content with one more dashboard, analysed; returns the diagnostics and the folder's path.
    static func analyseExample(withDashboard text: String) async throws -> (diagnostics: [Diagnostic], folder: String) {
        let directory = BuildSupport.makeTempDirectory("passerelle-dashboard")
        defer { BuildSupport.cleanUp(directory) }
        let content = try BuildSupport.copyContent(into: directory)
        try text.write(to: content.appendingPathComponent("dashboards/t.md"), atomically: true, encoding: .utf8)
        return (await Pipeline.analyse(content: content.path).diagnostics, content.path)
    }

    /// Builds the example site into a temporary folder, calls `check` with it, then removes it.
    static func withExampleSite(_ check: (URL) throws -> Void) async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-dashboard")
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Output")
        #expect(await BuildSupport.build(output: output).succeeded)
        try check(output)
    }

    static func decode(_ text: String) -> (Record?, [Diagnostic]) {
        ContentLoader.decodeRecord(text: text, file: "Content/dashboards/d.md", defaultID: "d")
    }

    @Test("indicator blocks are found in the body; other code blocks are left alone")
    func fences() {
        let body = "Texte\n\n```indicator\nindicator: annual_cost\nby: region\n```\n\n```yaml\nindicator: no\n```\n~~~indicator\nindicator: cost_per_job\n~~~\n"
        let found = DashboardDecoder.fences(in: body)
        #expect(found.map(\.line) == [2, 10])
        #expect(found.map { $0.yaml.joined(separator: "|") } == ["indicator: annual_cost|by: region", "indicator: cost_per_job"])
    }

    @Test("a block's keys are decoded with defaults: by site, bar chart")
    func decodesBlock() throws {
        let (record, diagnostics) = Self.decode("---\nkind: dashboard\ntitle: T\n---\n\n```indicator\nindicator: annual_cost\nfilter: {themes: [insertion]}\n```\n")
        #expect(diagnostics.isEmpty)
        guard case .dashboard(let dashboard)? = record?.payload else { Issue.record("not a dashboard"); return }
        #expect(dashboard.blocks == [DashboardBlock(indicator: Reference("annual_cost", at: SourceLocation(line: 7, column: 12)),
                                                    filter: BlockFilter(themes: [Reference("insertion", at: SourceLocation(line: 8, column: 19))]))])
    }

    @Test("a mistake inside a block is reported at its line in the file, with a suggestion")
    func blockMistakes() {
        let (_, diagnostics) = Self.decode("---\nkind: dashboard\ntitle: T\n---\n\n```indicator\nindicator: annual_cost\nby: regoin\nchart: pie\n```\n")
        #expect(diagnostics.map(\.headline) == [
            "Content/dashboards/d.md:8:5: erreur: «\u{A0}regoin\u{A0}» n’est pas une valeur possible pour «\u{A0}by\u{A0}» [value-not-allowed]",
            "Content/dashboards/d.md:9:8: erreur: «\u{A0}pie\u{A0}» n’est pas une valeur possible pour «\u{A0}chart\u{A0}» [value-not-allowed]",
        ])
        #expect(diagnostics.map(\.hint) == ["vouliez-vous dire «\u{A0}region\u{A0}»\u{A0}? écrivez\u{A0}: by: region",
                                            "valeurs possibles\u{A0}: bar, donut, figure, stacked, table"])
    }

    @Test("an unknown indicator in a block is an error at its place, with a suggestion")
    func unknownIndicator() async throws {
        let (diagnostics, folder) = try await Self.analyseExample(withDashboard: "---\nkind: dashboard\ntitle: T\n---\n\n```indicator\nindicator: anual_cost\n```\n")
        #expect(diagnostics.map(\.headline) == ["\(folder)/dashboards/t.md:7:12: erreur: indicateur inconnu\u{A0}: «\u{A0}anual_cost\u{A0}» [ref-unknown-indicator]"])
        #expect(diagnostics.first?.hint == "vouliez-vous dire «\u{A0}annual_cost\u{A0}»\u{A0}?")
    }

    @Test("the overview's funding block gives the seed amounts per horizon, each in its own column, and the funder without amount")
    func overviewFunding() async throws {
        try await Self.withExampleSite { output in
            let html = try String(contentsOf: output.appendingPathComponent("tableaux-de-bord/vue-d-ensemble/index.html"), encoding: .utf8)
            #expect(html.contains("<thead><tr><th scope=\"col\">Type</th><th scope=\"col\" class=\"num\">Par an</th>"
                + "<th scope=\"col\" class=\"num\">Sur 3 ans\u{00A0}: total, déjà compté par an</th><th scope=\"col\" class=\"num\">Lignes sans montant</th></tr></thead>"))
            #expect(html.contains("<tr><th scope=\"row\">Région</th><td class=\"num\" data-label=\"Par an\"><data value=\"31216.6667\">31\u{202F}217\u{00A0}€</data></td>"
                + "<td class=\"num\" data-label=\"Sur 3 ans : total, déjà compté par an\"><data value=\"50000\">50\u{202F}000\u{00A0}€</data></td>"
                + "<td class=\"num\" data-label=\"Lignes sans montant\"><data value=\"0\">0</data></td></tr>"))
            #expect(html.contains("<tr><th scope=\"row\">Intercommunalité</th><td class=\"num\" data-label=\"Par an\"><data value=\"89100\">89\u{202F}100\u{00A0}€</data></td>"
                + "<td class=\"num\" data-label=\"Sur 3 ans : total, déjà compté par an\"><data value=\"180000\">180\u{202F}000\u{00A0}€</data></td>"
                + "<td class=\"num\" data-label=\"Lignes sans montant\"><data value=\"0\">0</data></td></tr>"))
            // The Caisse des Dépôts line is one-off (2006) without amount: its row has no yearly money ("–", never 0 €)
            // and counts one line without amount (money.md §4); there is no one-off column, no one-off amount being known.
            #expect(html.contains("<tr><th scope=\"row\">Établissement public</th><td class=\"num\" data-label=\"Par an\">–</td>"
                + "<td class=\"num\" data-label=\"Sur 3 ans : total, déjà compté par an\">–</td><td class=\"num\" data-label=\"Lignes sans montant\"><data value=\"1\">1</data></td></tr>"))
            let methodology = try String(contentsOf: output.appendingPathComponent("methodologie/index.html"), encoding: .utf8)
            #expect(methodology.contains("<code>budget.annual / results.people_accompanied</code>"))
        }
    }

    @Test("a bar chart is an SVG image with a title, a description and one bar per group")
    func barChart() {
        let chart = BarChart(id: "bloc-1", title: "Coût annuel", description: "A : 10 ; B : 5",
                             bars: [.init(label: "A", value: 10, text: "10 €"), .init(label: "B", value: 5, text: "5 €")])
        let svg = chart.svg
        #expect(svg.hasPrefix("<svg class=\"chart\" viewBox=\"0 0 400 96\" role=\"img\" aria-labelledby=\"bloc-1-title bloc-1-desc\""))
        #expect(svg.contains("<title id=\"bloc-1-title\">Coût annuel</title>"))
        #expect(svg.contains("<desc id=\"bloc-1-desc\">A : 10 ; B : 5</desc>"))
        #expect(svg.components(separatedBy: "<rect ").count == 3)
        #expect(svg.contains("<text x=\"0\" y=\"15\" class=\"chart-label\">A</text>"))
        // The bars leave room for the widest value ("10 €", bold): 400 − 50,9.
        #expect(svg.contains("<rect x=\"0\" y=\"21\" width=\"349.1\" height=\"18\" class=\"chart-bar\"/>"))
        #expect(svg.contains("<rect x=\"0\" y=\"67\" width=\"174.6\" height=\"18\" class=\"chart-bar\"/>"))
        #expect(svg.contains("<text x=\"355.1\" y=\"35\" class=\"chart-value\">10 €</text>"))
    }

    @Test("a body cannot forge the placeholder of an indicator block")
    func forgedPlaceholder() {
        let html = Markdown.render("\u{E000}0\u{E001}\n\n```indicator\nindicator: x\n```\n",
                                   options: MarkdownOptions(indicatorPlaceholders: true)).html
        #expect(html == "<p>0</p>\n" + Markdown.placeholder(0) + "\n")
    }

    @Test("each region and each funder type gets a page with every indicator over its cards; funder pages show leverage")
    func generatedPages() async throws {
        try await Self.withExampleSite { output in
            let fm = FileManager.default
            #expect(try fm.contentsOfDirectory(atPath: output.appendingPathComponent("regions").path).sorted() == ["auvergne-rhone-alpes", "normandie"])
            #expect(try fm.contentsOfDirectory(atPath: output.appendingPathComponent("financeurs").path).sorted()
                    == ["agence-publique", "autofinancement", "etat", "europe", "intercommunalite", "region"])
            let normandie = try String(contentsOf: output.appendingPathComponent("regions/normandie/index.html"), encoding: .utf8)
            #expect(normandie.contains("<tr><th scope=\"row\"><a href=\"../../methodologie/#cost_per_job\">Coût par emploi créé (sur la période)</a></th>"
                + "<td class=\"num\" data-label=\"Valeur\"><data value=\"10952.381\">10\u{202F}952\u{00A0}€</data><br><span class=\"note\">pour un programme territorial, "
                + "c&#39;est la subvention d&#39;animation rapportée aux emplois créés\u{202F}; le coût des postes eux-mêmes n&#39;est pas connu</span></td>"
                + "<td data-label=\"Année\">année non précisée</td><td data-label=\"Couverture\">1 fiche sur 1</td></tr>"))
            let cards = try String(contentsOf: output.appendingPathComponent("data/fiches/region-normandie.csv"), encoding: .utf8)
            #expect(cards.components(separatedBy: "\r\n").dropFirst().first?.hasPrefix("entreprendre-en-cooperant,initiative,") == true)
            #expect(cards.components(separatedBy: "\r\n").count == 3)
            let region = try String(contentsOf: output.appendingPathComponent("organisations/region-rhone-alpes/index.html"), encoding: .utf8)
            #expect(region.contains("<td class=\"num\" data-label=\"Montant\"><data value=\"14550\">14\u{202F}550\u{00A0}€ par an</data></td>"
                + "<td class=\"num\" data-label=\"Part du budget\"><data value=\"0.15\">15\u{00A0}%</data></td>"
                + "<td class=\"num\" data-label=\"Effet de levier\"><data value=\"6.6667\">× 6,7</data></td></tr>"))
        }
    }

    @Test("a donut is a ring of one path per part and a legend with each share")
    func donut() {
        let chart = DonutChart(id: "b", title: "Parts", description: "A 75 %, B 25 %",
                               parts: [.init(label: "A", value: 3, text: "3 €", share: "75 %"), .init(label: "B", value: 1, text: "1 €", share: "25 %")])
        let svg = chart.svg
        #expect(svg.components(separatedBy: "<path d=\"M 80 4").count == 2)
        #expect(svg.contains("<path d=\"M 80 4 A 76 76 0 1 1 4 80 L 36 80 A 44 44 0 1 0 80 36 Z\" fill=\"url(#b-motif-0)\""))
        #expect(svg.contains("<path d=\"M 4 80 A 76 76 0 0 1 80 4 L 80 36 A 44 44 0 0 0 36 80 Z\" fill=\"url(#b-motif-1)\""))
        #expect(svg.contains("<text x=\"192\" y=\"20\" class=\"chart-label\">A 75 %</text>"))
        #expect(svg.contains("<text x=\"192\" y=\"44\" class=\"chart-label\">B 25 %</text>"))
    }

    @Test("a stacked bar cuts each group's bar by part, with a legend")
    func stacked() {
        let chart = StackedChart(id: "s", title: "T", description: "D", legend: ["Région", "État"],
                                 bars: [.init(label: "Normandie", segments: [2, 2], text: "4 €"), .init(label: "Bretagne", segments: [1, 0], text: "1 €")])
        let svg = chart.svg
        #expect(svg.contains("<rect x=\"0\" y=\"21\" width=\"179.83\" height=\"18\" fill=\"url(#s-motif-0)\""))
        #expect(svg.contains("<rect x=\"179.83\" y=\"21\" width=\"179.83\" height=\"18\" fill=\"url(#s-motif-1)\""))
        #expect(svg.contains("<rect x=\"0\" y=\"67\" width=\"89.92\" height=\"18\" fill=\"url(#s-motif-0)\""))
        #expect(svg.contains("<text x=\"20\" y=\"110\" class=\"chart-label\">Région</text>"))
    }

    @Test("a donut needs a sum, a stacked chart needs funding: both refused otherwise, at the block's indicator")
    func chartChecks() async throws {
        let (diagnostics, folder) = try await Self.analyseExample(withDashboard:
            "---\nkind: dashboard\ntitle: T\n---\n\n```indicator\nindicator: cost_per_job\nchart: donut\n```\n\n```indicator\nindicator: annual_cost\nchart: stacked\n```\n")
        #expect(diagnostics.map(\.headline) == [
            "\(folder)/dashboards/t.md:7:12: erreur: un anneau montre les parts d’un tout, et «\u{A0}cost_per_job\u{A0}» n’est pas une somme [chart-donut-not-sum]",
            "\(folder)/dashboards/t.md:12:12: erreur: un graphique empilé découpe les financements par type de financeur\u{A0}: il demande indicator: funding_by_type [chart-stacked-not-funding]",
        ])
    }
}
