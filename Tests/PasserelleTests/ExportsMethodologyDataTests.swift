import Foundation
import Testing
@testable import PasserelleBuild
@testable import PasserelleExports
import PasserelleIndicators
import PasserelleModel
@testable import PasserelleRender

/// Methodology and data: formulas in plain French, the spreadsheet copies of the CSVs, the files' names, and the
/// "Données" page that lists every file the build writes (and links to no empty one).
@Suite("Methodology and open data for readers")
struct ExportsMethodologyDataTests {
    // MARK: Formulas in words

    /// The example site and the theme's labels in `language`.
    static func words(_ language: Language = .fr) async throws -> (FormulaText, [Indicator]) {
        var analysis = await Pipeline.analyse(content: BuildSupport.content)
        analysis.site.config.language = language
        let theme = Theme.load(directory: BuildSupport.templates, language: language)
        let labels = try #require(theme.labels)
        return (FormulaText(labels: labels, site: analysis.site), analysis.figures.indicators)
    }

    @Test("each seed indicator's formula in plain French, made from its parsed formula", arguments: [
        ("annual_cost", "le budget de fonctionnement par an"),
        ("total_budget", "le budget total de la période"),
        ("public_funding_share", "les financements publics par an divisés par les financements par an"),
        ("public_one_off_share", "les financements publics ponctuels divisés par les financements ponctuels"),
        ("cost_per_person", "le budget de fonctionnement par an divisé par le nombre de personnes accompagnées"),
        ("cost_per_job", "le budget total de la période divisé par le nombre d'emplois créés"),
        ("target_achievement", "le nombre d'emplois créés divisé par l'objectif d'emplois d'insertion"),
        ("turnover_per_person", "le montant de chiffre d'affaires divisé par le nombre de personnes accompagnées"),
        ("people_accompanied_total", "le nombre de personnes accompagnées"),
        ("jobs_created_total", "le nombre d'emplois créés"),
    ])
    func seedFormulas(_ id: String, _ expected: String) async throws {
        let (words, indicators) = try await Self.words()
        let indicator = try #require(indicators.first { $0.id == id })
        #expect(words.text(indicator.formula) == expected)
    }

    @Test("the seed indicators are exactly the ten described above (a new one needs its French sentence tested)")
    func seedIndicatorList() async throws {
        let (_, indicators) = try await Self.words()
        #expect(indicators.map(\.id) == ["annual_cost", "total_budget", "public_funding_share", "public_one_off_share", "cost_per_person",
                                         "cost_per_job", "target_achievement", "turnover_per_person", "people_accompanied_total",
                                         "jobs_created_total"])
    }

    @Test("nested operations, functions, parts, years and funder types read without parentheses")
    func nestedFormula() async throws {
        let (words, _) = try await Self.words()
        let metrics: Set<String> = ["people_accompanied", "jobs_created", "exits", "turnover"]
        func text(_ formula: String) throws -> String {
            words.text(try FormulaParser.parse(formula, metrics: metrics).get())
        }
        #expect(try text("(budget.annual + funding.one_off) / results[2002].people_accompanied")
                == "la somme du budget de fonctionnement par an et des financements ponctuels divisée par le nombre de personnes accompagnées en 2002")
        #expect(try text("results.exits.parts.salaried_job / results.exits")
                == "la part «\u{00A0}Emploi salarié\u{00A0}» du nombre de sorties du dispositif divisée par le nombre de sorties du dispositif")
        #expect(try text("funding.by_type.region / funding.total * 100")
                == "le rapport entre les financements de type «\u{00A0}Région\u{00A0}» et l'ensemble des financements multiplié par 100")
        #expect(try text("coalesce(results.turnover, 0)") == "le montant de chiffre d'affaires, ou à défaut 0")
        #expect(try text("max(results.jobs_created, count(funding))")
                == "la plus grande valeur entre le nombre d'emplois créés et le nombre de lignes de financement")
    }

    @Test("in English, the same formula reads from en.yml")
    func englishFormula() async throws {
        let (words, indicators) = try await Self.words(.en)
        let indicator = try #require(indicators.first { $0.id == "cost_per_person" })
        #expect(words.text(indicator.formula) == "the yearly operating budget divided by the number of people supported")
    }

    // MARK: The spreadsheet copy

    static let sample = DataTable(
        stem: "data/essai", title: "Essai",
        columns: [.init("id", .string, "Identifiant."), .init("nom", .string, "Nom."), .init("valeur", .number, "Valeur."),
                  .init("connu", .boolean, "Connu.")],
        primaryKey: ["id"],
        rows: [[.text("a"), .text("Économie sociale; et solidaire"), .number(10952.381), .boolean(true)],
               [.text("b"), .text("=1+1"), .number(nil), .boolean(nil)]])

    @Test("the spreadsheet copy starts with the UTF-8 byte-order mark; the standard CSV does not")
    func byteOrderMark() {
        #expect(Array(Self.sample.spreadsheetCSV().prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(Array(Self.sample.csv().utf8.prefix(3)) == Array("id,".utf8))
    }

    @Test("the spreadsheet copy: ';' between cells, a decimal comma, a ';' in a text quoted, formulas still neutralised")
    func spreadsheetCells() {
        let text = String(decoding: Self.sample.spreadsheetCSV().dropFirst(3), as: UTF8.self)
        #expect(text == "id;nom;valeur;connu\r\na;\"Économie sociale; et solidaire\";10952,381;true\r\nb;'=1+1;;\r\n")
        #expect(Self.sample.csv() == "id,nom,valeur,connu\r\na,Économie sociale; et solidaire,10952.381,true\r\nb,'=1+1,,\r\n")
    }

    @Test("a table's files: the CSV, its spreadsheet copy beside it, the JSON")
    func tableFiles() {
        #expect(Self.sample.files.map(\.path) == ["data/essai.csv", "data/essai-tableur.csv", "data/essai.json"])
    }

    @Test("a table without row is neither written nor listed in datapackage.json; the catalogue keeps it as not written")
    func emptyTable() throws {
        var empty = Self.sample
        empty.stem = "data/vide"
        empty.title = "Vide"
        empty.rows = []
        let site = Site(config: SiteConfig(title: "t"), dictionary: MetricDictionary(), records: [])
        let published = Exports.publish([Self.sample, empty], site: site)
        #expect(published.diagnostics.isEmpty)
        #expect(published.files.map(\.path) == ["data/essai.csv", "data/essai-tableur.csv", "data/essai.json", "data/datapackage.json"])
        #expect(published.catalogue.tables.map { "\($0.stem) \($0.rows) \($0.isWritten)" } == ["data/essai 2 true", "data/vide 0 false"])
        #expect(published.catalogue.files == ["data/essai.csv", "data/essai-tableur.csv", "data/essai.json", "data/datapackage.json"])
        let package = try #require(try JSONSerialization.jsonObject(with: Data(published.files[3].contents)) as? [String: Any])
        #expect((package["resources"] as? [[String: Any]])?.compactMap { $0["path"] as? String } == ["essai.csv"])
    }

    // MARK: File names

    @Test("dashboard block files are named from their title, else their indicator's label and grouping; repeats get -2, -3")
    func blockNames() async {
        let analysis = await Pipeline.analyse(content: BuildSupport.content)
        func block(_ indicator: String, by: GroupingKey = .site, title: String? = nil) -> DashboardBlock {
            DashboardBlock(indicator: Reference(indicator, at: .start), by: by, title: title)
        }
        let stems = Routes.dataBlocks(dashboard: "bilan", blocks: [
            block("funding_by_type"), block("cost_per_person", by: .region), block("cost_per_person", by: .region),
            block("annual_cost", title: "Coût annuel : 2024 !"), block("annual_cost", title: "Coût annuel 2024"),
            block("annual_cost", title: "Coût annuel 2024-tableur"), block("annual_cost", title: "« »"),
        ], site: analysis.site)
        #expect(stems == [
            "data/tableaux-de-bord/bilan/financements-par-type",
            "data/tableaux-de-bord/bilan/cout-par-personne-accompagnee-par-region",
            "data/tableaux-de-bord/bilan/cout-par-personne-accompagnee-par-region-2",
            "data/tableaux-de-bord/bilan/cout-annuel-2024",
            "data/tableaux-de-bord/bilan/cout-annuel-2024-2",
            "data/tableaux-de-bord/bilan/cout-annuel-2024-tableur-2",
            "data/tableaux-de-bord/bilan/cout-annuel",
        ])
    }

    @Test("the example dashboard's files have meaningful names, the same at every build")
    func exampleNames() async {
        let analysis = await Pipeline.analyse(content: BuildSupport.content)
        let stems = (0..<11).map { Exports.blockStem(site: analysis.site, dashboardID: "vue-d-ensemble", index: $0) }
        #expect(stems.map { String($0.dropFirst("data/tableaux-de-bord/vue-d-ensemble/".count)) } == [
            "cout-annuel-des-fiches-par-region", "financements-par-type", "part-de-chaque-type-de-financeur-montants-par-an",
            "financements-par-an-par-region-et-type-de-financeur", "part-des-financements-publics", "personnes-accompagnees-par-theme",
            "emplois-crees-par-theme", "cout-par-personne-accompagnee", "cout-par-emploi-cree-sur-la-periode",
            "atteinte-de-l-objectif-d-emplois-par-type-de-fiche", "bloc-11",
        ])
    }

    // MARK: The built site

    /// The example site built once into a temporary folder: every file's text by path.
    static func built() async throws -> [String: String] {
        let directory = BuildSupport.makeTempDirectory("passerelle-data")
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Output")
        let report = await BuildSupport.build(output: output)
        #expect(report.diagnostics.errors.isEmpty, "\(report.diagnostics)")
        return BuildSupport.snapshot(output).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// The `href` of every link of a page.
    static func links(_ html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
    }

    @Test("the Données page links every file the build writes under data/, and nothing else of data/")
    func dataPageListsEveryFile() async throws {
        let files = try await Self.built()
        let page = try #require(files["donnees/index.html"])
        let linked = Set(Self.links(page).filter { $0.hasPrefix("../data/") }.map { String($0.dropFirst(3)) })
        let written = Set(files.keys.filter { $0.hasPrefix("data/") })
        #expect(linked == written)
        #expect(written.count == 141)
        #expect(page.contains("<a href=\"../data/fiches-tableur.csv\" type=\"text/csv\" download>CSV pour tableur (Excel, LibreOffice)</a> <span class=\"data-file-name\">fiches-tableur.csv</span>"))
        #expect(page.contains("<p class=\"data-rows\">2 lignes</p>"))
        #expect(page.contains("Licence\u{00A0}: <a href=\"https://creativecommons.org/licenses/by-sa/4.0/deed.fr\" rel=\"license\">CC BY-SA 4.0</a>"))
    }

    @Test("the empty SCDL file of the example is not written, not linked, and the Données page says why")
    func noEmptyFileLinked() async throws {
        let files = try await Self.built()
        #expect(files["data/subventions-scdl.csv"] == nil)
        #expect(files["data/subventions-scdl-rapport.csv"] != nil)
        #expect(!(files["fiches/index.html"] ?? "").contains("subventions-scdl.csv"))
        let page = try #require(files["donnees/index.html"])
        #expect(page.contains("<h4 id=\"t-data-subventions-scdl\">Subventions (schéma SCDL)</h4>"))
        #expect(page.contains("<p class=\"data-rows\">aucune ligne\u{00A0}: fichier non publié</p>"))
        #expect(page.contains("<p class=\"data-absent\">Aucune ligne de financement ne porte encore tous les champs obligatoires"))
        // Every link of every page into data/ reaches a written file, and no link is left without its address.
        for (path, html) in files where path.hasSuffix(".html") {
            #expect(!html.contains("href=\"\""), "\(path) has a link without address")
            let root = String(repeating: "../", count: path.split(separator: "/").count - 1)
            for link in Self.links(html) where link.hasPrefix(root + "data/") {
                #expect(files[String(link.dropFirst(root.count))] != nil, "\(path) links to \(link)")
            }
        }
    }

    @Test("a SCDL file with a line is written, linked from the card list with its report, and counted on the Données page")
    func scdlWithLine() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-scdl")
        defer { BuildSupport.cleanUp(directory) }
        let content = try BuildSupport.copyContent(into: directory)
        func edit(_ path: String, _ old: String, _ new: String) throws {
            let url = content.appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains(old), "\(path)")
            try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
        }
        try edit("organisations/region-rhone-alpes.md", "type: region\n", "type: region\nsiret: \"23690001300012\"\n")
        try edit("organisations/si-vallee-ondaine.md", "type: intercommunality\n", "type: intercommunality\nsiret: \"25420001500017\"\n")
        try edit("projects/cap-ondaine.md", "{funder: region-rhone-alpes, share: 15%}",
                 "{funder: region-rhone-alpes, share: 15%, convention_date: 2002-03-01, payment_conditions: single, eu_notification: false}")
        let output = directory.appendingPathComponent("Output")
        let report = await BuildSupport.build(content: content.path, output: output)
        #expect(report.diagnostics.errors.isEmpty, "\(report.diagnostics)")
        let files = BuildSupport.snapshot(output).mapValues { String(decoding: $0, as: UTF8.self) }
        #expect(files["data/subventions-scdl.csv"]?.components(separatedBy: "\r\n").count == 3)
        #expect(files["fiches/index.html"]?.contains("Subventions au format du schéma national SCDL\u{00A0}: "
            + "<a href=\"../data/subventions-scdl.csv\" type=\"text/csv\" download>CSV</a>, "
            + "<a href=\"../data/subventions-scdl-tableur.csv\" type=\"text/csv\" download>CSV pour tableur (Excel, LibreOffice)</a> "
            + "(voir le <a href=\"../data/subventions-scdl-rapport.csv\" type=\"text/csv\" download>rapport des lignes incomplètes</a>).") == true)
        let page = try #require(files["donnees/index.html"])
        #expect(page.contains("<h4 id=\"t-data-subventions-scdl\">Subventions (schéma SCDL)</h4>\n<p>Les lignes de financement publiques à un seul attribuant "
            + "qui portent tous les champs obligatoires du schéma national des subventions (SCDL).</p>\n<p class=\"data-rows\">1 ligne</p>"))
        #expect(!page.contains("data-absent"))
    }

    @Test("a dashboard block links its CSV, its spreadsheet copy and its JSON")
    func blockDownloads() async throws {
        let files = try await Self.built()
        let page = try #require(files["tableaux-de-bord/vue-d-ensemble/index.html"])
        #expect(page.contains("<a href=\"../../data/tableaux-de-bord/vue-d-ensemble/cout-par-personne-accompagnee.csv\" type=\"text/csv\" download>CSV</a>, "
            + "<a href=\"../../data/tableaux-de-bord/vue-d-ensemble/cout-par-personne-accompagnee-tableur.csv\" type=\"text/csv\" download>CSV pour tableur (Excel, LibreOffice)</a>, "
            + "<a href=\"../../data/tableaux-de-bord/vue-d-ensemble/cout-par-personne-accompagnee.json\" type=\"application/json\" download>JSON</a>"))
    }

    @Test("the methodology page: one section per indicator under its id, the formula in words, its coverage; code only in 'Formule technique'")
    func methodologyPage() async throws {
        let files = try await Self.built()
        let page = try #require(files["methodologie/index.html"])
        #expect(page.contains("<section class=\"method-indicator\" id=\"cost_per_job\" aria-labelledby=\"cost_per_job-titre\">"))
        #expect(page.contains("<dd class=\"formula-text\">Le budget total de la période divisé par le nombre d&#39;emplois créés.</dd>"))
        #expect(page.contains("<dt>Couverture</dt>\n<dd>Calculé pour 1 fiche sur 2</dd>"))
        #expect(page.contains("<dt>Sur plusieurs fiches</dt>\n<dd>On additionne le budget total de la période de toutes les fiches qui donnent "
            + "les deux chiffres, puis le nombre d&#39;emplois créés de ces mêmes fiches, et l&#39;on divise le premier total par le second. "
            + "Ce n&#39;est pas la moyenne des valeurs des fiches\u{00A0}: une grande fiche pèse plus qu&#39;une petite.</dd>"))
        #expect(page.contains("<dd class=\"caveat\">Pour un programme territorial, c&#39;est la subvention d&#39;animation rapportée aux emplois créés ; "
            + "le coût des postes eux-mêmes n&#39;est pas connu.</dd>"))
        #expect(page.contains("<h3 id=\"_effet-de-levier\">L&#39;effet de levier</h3>"))
        // Outside the "Formule technique" boxes, no formula code and none of the words for programmers.
        let outside = page.components(separatedBy: "<details class=\"technical\">").enumerated()
            .map { $0.offset == 0 ? $0.element : ($0.element.components(separatedBy: "</details>").dropFirst().joined()) }.joined()
        for code in ["budget.annual", "results.", "funding.", "<code>", "refusée à la construction"] {
            #expect(!outside.contains(code), "\(code) outside the technical formula")
        }
        #expect(page.contains("<p><code>budget.total / results.jobs_created</code></p>"))
    }

    @Test("every page's footer links to the methodology and the Données page")
    func footerLinks() async throws {
        let files = try await Self.built()
        #expect(files["fiches/cap-ondaine/index.html"]?.contains(
            "<p class=\"footer-links\"><a href=\"../../methodologie/\">Méthodologie des indicateurs</a> · <a href=\"../../donnees/\">Données</a></p>") == true)
    }
}
