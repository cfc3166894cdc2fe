import Foundation
import Testing
@testable import PasserelleBuild
@testable import PasserelleIndicators
import PasserelleModel

/// The eleven fixture cards together (`Tests/Fixtures/money/all-shapes`), against EXPECTED.md Part 3.
@Suite("Money fixture: all shapes together")
struct MoneyAllShapesTests {
    static func site() async -> BuiltSite { await MoneyFixtures.site("all-shapes") }
    static func dashboard() async -> [BlockView] { BlockView.all(in: await site().file("tableaux-de-bord/overview/index.html")) }
    static func analysis() async -> Analysis { await Pipeline.analyse(content: MoneyFixtures.content("all-shapes")) }

    // MARK: Diagnostics

    @Test("exactly three warnings, each at its file:line:col")
    func warnings() async {
        let site = await Self.site()
        #expect(site.diagnostics.map { "\($0.severity.rawValue) \($0.file.replacingOccurrences(of: site.content + "/", with: "")):\($0.location.line):\($0.location.column)" } == [
            "warning projects/chantier-petit-patrimoine.md:16:5",
            "warning projects/epicerie-solidaire-gare.md:9:5",
            "warning projects/recyclerie-pays-fougeres.md:9:9",
        ])
    }

    @Test("the warnings' texts: the add-up gap with both sums, results without a year, budget line without a period")
    func warningTexts() async {
        #expect(await Self.site().diagnostics.map(\.message) == [
            "les lignes de financement font 15\u{A0}000\u{A0}€ au total, les lignes de budget 14\u{A0}800\u{A0}€ (8\u{A0}000\u{A0}€ ponctuel, dont 3\u{A0}000\u{A0}€ en nature, + 6\u{A0}800\u{A0}€ par an)",
            "résultats sans année ni période",
            "ligne de budget sans période\u{A0}: elle est publiée telle quelle et n’entre dans aucun chiffre annuel",
        ])
    }

    // MARK: A.1 funding by type

    @Test("A.1: funding by type, one column per horizon, a row for every type including the one without amounts and the joint line")
    func fundingByType() async throws {
        let table = try #require(await Self.dashboard().first?.table)
        #expect(table.columns == ["Type", "Par an", "Sur 3 ans\u{00A0}: total, déjà compté par an", "Ponctuel", "Non ventilé", "Lignes sans montant"])
        #expect(table.rows.map { [$0.label] + $0.texts } == [
            ["Région", fr("79 217 €"), fr("50 000 €"), "–", "–", "1"],
            ["État", fr("65 100 €"), "–", "–", "–", "1"],
            ["Europe", fr("14 550 €"), "–", "–", "–", "0"],
            ["Département", fr("30 800 €"), "–", "–", "–", "1"],
            ["Intercommunalité", fr("89 100 €"), fr("180 000 €"), fr("8 000 €"), fr("15 000 €"), "1"],
            ["Établissement public", "non précisé", "–", "–", "–", "1"],
            ["Autofinancement", fr("81 700 €"), "–", "–", "–", "0"],
            ["financement conjoint", "–", "–", fr("240 000 €"), "–", "0"],
        ])
    }

    @Test("A.1: the totals per horizon: 360 467 € per year, 230 000 € over 3 years, 248 000 € one-off, 15 000 € not broken down, 5 lines")
    func fundingByTypeTotal() async throws {
        let table = try #require(await Self.dashboard().first?.table)
        let total = try #require(table.footer.first)
        #expect([total.label] + total.texts == ["Total", fr("360 467 €"), fr("230 000 €"), fr("248 000 €"), fr("15 000 €"), "5"])
        #expect(abs((Double(total.cells[0].machine ?? "") ?? 0) - 360_466.67) < 0.01)
    }

    @Test("A.1: the per-year column never holds the 8 000 €, 15 000 € or 240 000 €")
    func perYearColumnClean() async throws {
        let table = try #require(await Self.dashboard().first?.table)
        let perYear = table.rows.compactMap { Double($0.cells[0].machine ?? "") }.reduce(0, +)
        #expect(abs(perYear - 360_466.67) < 0.02)
    }

    @Test("A.1: the block notes the joint line, counted apart and never split")
    func fundingByTypeJointNote() async throws {
        let notes = try #require(await Self.dashboard().first?.notes)
        #expect(notes.contains("Un financement conjoint (plusieurs financeurs, un seul montant) est compté à part\u{00A0}: sa répartition entre financeurs n'est pas connue."))
        #expect(notes.contains(fr("Le graphique ne montre que les montants par an ; à part : 248 000 € ponctuels, 15 000 € non ventilés.")))
    }

    // MARK: A.2 funding by region

    @Test("A.2: per year by region and type: Auvergne-Rhône-Alpes 223 800 €, Bretagne 76 667 €, Normandie 60 000 €; one-off and not broken down apart")
    func stackedPerYear() async throws {
        let table = try #require(await Self.dashboard().dropFirst().first?.table)
        #expect(table.columns == ["Région", "Région", "État", "Europe", "Département", "Intercommunalité", "Établissement public",
                                  "Autofinancement", "financement conjoint", "Total par an", "Ponctuel", "Non ventilé"])
        #expect(table.row("Auvergne-Rhône-Alpes")?.texts
                == [fr("62 550 €"), fr("29 100 €"), fr("14 550 €"), fr("6 800 €"), fr("29 100 €"), "–", fr("81 700 €"), "–", fr("223 800 €"),
                    fr("8 000 €"), fr("15 000 €")])
        #expect(table.row("Bretagne")?.texts.suffix(3) == [fr("76 667 €"), fr("240 000 €"), "–"])
        #expect(table.row("Bretagne")?.texts.first == fr("16 667 €"))
        #expect(table.row("Normandie")?.texts == ["–", fr("36 000 €"), "–", fr("24 000 €"), "–", "–", "–", "–", fr("60 000 €"), "–", "–"])
    }

    @Test("A.2: in Bretagne the funders named without amount read non précisé, never 0 €")
    func stackedUnknown() async throws {
        let row = try #require(await Self.dashboard().dropFirst().first?.table?.row("Bretagne"))
        #expect([row.texts[1], row.texts[3], row.texts[5]] == ["non précisé", "non précisé", "non précisé"])
        #expect(!row.texts.contains(fr("0 €")))
    }

    @Test("A.2: a region with no funding line is shown as no funding: neither 0 € nor non précisé")
    func stackedNoFunding() async throws {
        let table = try #require(await Self.dashboard().dropFirst().first?.table)
        for label in ["Hauts-de-France", "Région non précisée"] {
            let total = try #require(table.row(label)?.texts.dropLast(2).last, "no row \(label)")
            #expect(total == "pas de financement", "\(label): \(total)")
        }
    }

    @Test("A.2: the one-off and not-broken-down money of each region is shown apart, not dropped (money.md §5)")
    func stackedApart() async throws {
        let block = try #require(await Self.dashboard().dropFirst().first)
        let text = HTMLText.text(block.html)
        // Bretagne: the joint one-off 240 000 € of 2012; Auvergne-Rhône-Alpes: 8 000 € one-off and 15 000 € not broken down.
        Expect.contains(text, [fr("240 000 €"), fr("8 000 €"), fr("15 000 €")])
    }

    // MARK: A.3 public share

    @Test("A.3: the public share per year is a ratio of sums, 77,3 %, 5 cards of 11 (not the mean 86 %)")
    func publicShare() async throws {
        let block = try #require(await Self.dashboard().dropFirst(2).first)
        #expect(block.figure?.text == fr("77,3 %"))
        #expect(abs((Double(block.figure?.machine ?? "") ?? 0) - 0.773349) < 0.00005)
        #expect(block.table?.rows.first?.texts.last == "5 fiches sur 11")
    }

    // MARK: A.4 people by theme

    @Test("A.4: people accompanied by theme, each card in each of its themes, C4b under Sans thème")
    func peopleByTheme() async throws {
        let table = try #require(await Self.dashboard().dropFirst(3).first?.table)
        #expect(table.rows.map { [$0.label, $0.texts[0], $0.texts[2]] } == [
            ["Coopératives", "80", "2 fiches sur 3"],
            ["Création d'activité", "80", "2 fiches sur 2"],
            ["Développement local", "40", "1 fiche sur 2"],
            ["Insertion par l'activité économique", "102", "5 fiches sur 7"],
            ["Réemploi et économie circulaire", "59", "2 fiches sur 3"],
            ["Sans thème", "12", "1 fiche sur 1"],
        ])
    }

    @Test("A.4: the distinct-cards total is 194 (8 of 11), beside the note not to add the rows")
    func peopleDistinct() async throws {
        let block = try #require(await Self.dashboard().dropFirst(3).first)
        let footer = try #require(block.table?.footer.first)
        #expect([footer.label, footer.texts[0], footer.texts[2]] == ["Ensemble des fiches (chacune comptée une fois)", "194", "8 fiches sur 11"])
        #expect(block.notes.contains { $0.lowercased().contains("une fiche peut relever de plusieurs thèmes\u{00A0}: ne pas additionner") }, "\(block.notes)")
    }

    @Test("A.4: a group whose figures are of 2002 and 2019 names those years (EXPECTED A.4), never année non précisée (money.md §8)")
    func peopleByThemeYears() async throws {
        let row = try #require(await Self.dashboard().dropFirst(3).first?.table?.row("Coopératives"))
        #expect(row.texts[1] != "année non précisée")
        Expect.contains(row.texts[1], ["2002", "2019"])
    }

    // MARK: A.7 target by kind

    @Test("A.7: target achievement by kind: initiative ≈ 70 % (1 of 2), project not available (0 of 9)")
    func targetByKind() async throws {
        let table = try #require(await Self.dashboard().dropFirst(4).first?.table)
        #expect(table.rows.map(\.label) == ["Initiative territoriale", "Fiche projet"])
        #expect(table.rows[0].texts == [fr("≈ 70 %"), "2010", "1 fiche sur 2"])
        #expect(["–", "non disponible"].contains(table.rows[1].texts[0]))
        #expect(table.rows[1].texts[2] == "0 fiche sur 9")
    }

    // MARK: A.5 annual cost by year

    @Test("A.5: annual cost by the year of its budget lines: 2019, 2021, Année non précisée 205 267 € (5 of 9); no 2012, 2015 or 2016")
    func annualCostByYear() async throws {
        let table = try #require(await Self.dashboard().last?.table)
        #expect(table.rows.map { [$0.label, $0.texts[0], $0.texts[2]] } == [
            ["2019", fr("120 000 €"), "1 fiche sur 1"],
            ["2021", fr("60 000 €"), "1 fiche sur 1"],
            ["Année non précisée", fr("205 267 €"), "5 fiches sur 9"],
        ])
    }

    @Test("A.5: the cards without an annual cost give their exact reason (C1 verbatim, C3 the period-less budget)")
    func annualCostReasons() async throws {
        let provenance = try #require(await Self.dashboard().last?.provenance)
        #expect(provenance.contains(fr("Un bâtiment pour la ressourcerie Ti Récup (Année non précisée)\(colon) non disponible\(colon) pas de budget de fonctionnement ; investissement ponctuel de 240 000 € en 2012")))
        let c3 = provenance.first { $0.hasPrefix("Recyclerie et chantier d'insertion du Pays de Fougères") } ?? ""
        Expect.contains(c3, [fr("1 250 400 €"), "sans période précisée"])
    }

    // MARK: A.6 site-wide values

    @Test("A.6: annual cost 385 266,67 € par an, 7 of 11 (C2a, C2b, C4a, C4b, C4c, C6, C7; EXPECTED's « 8 of 11 » miscounts A.5's 1 + 1 + 5)")
    func siteAnnualCost() async throws {
        let value = try #require(await Self.analysis().figures.site["annual_cost"])
        #expect(abs((value.value ?? 0) - 385_266.6667) < 0.001)
        #expect(value.reporting == 7)
        #expect(value.total == 11)
        #expect(value.horizons == [.annual])
    }

    @Test("A.6: cost per job 230 000 / 21 = 10 952,38, 1 of 11 (C5b's range is never counted)")
    func siteCostPerJob() async throws {
        let value = try #require(await Self.analysis().figures.site["cost_per_job"])
        #expect(abs((value.value ?? 0) - 10_952.380952) < 0.001)
        #expect(value.reporting == 1)
    }

    @Test("A.6: public share 836 300 / 1 081 400 = 77,3 %, 5 of 11; one-off public share 100 %, 2 of 11")
    func sitePublicShares() async throws {
        let site = await Self.analysis().figures.site
        let yearly = try #require(site["public_funding_share"])
        #expect(abs((yearly.value ?? 0) - 836_300.0 / 1_081_400) < 1e-9)
        #expect(yearly.reporting == 5)
        let oneOff = try #require(site["public_one_off_share"])
        #expect(oneOff.value == 1 && oneOff.reporting == 2)
    }

    @Test("A.6: the Région's share, median of 0, 0, 0, 0,15, 0,2174, 0,40 = 7,5 %, 6 of 11 (EXPECTED I3)")
    func siteRegionShare() async throws {
        let value = try #require(await Self.analysis().figures.site["region_share"])
        #expect(abs((value.value ?? 0) - 0.075) < 1e-9)
        #expect(value.reporting == 6)
    }

    @Test("A.6: people 194 (8 of 11), jobs 21 + 21 = 42 (2 of 11), target ≈ 70 % (1 of 11)")
    func siteResults() async throws {
        let site = await Self.analysis().figures.site
        #expect(site["people_accompanied_total"]?.value == 194 && site["people_accompanied_total"]?.reporting == 8)
        #expect(site["jobs_created_total"]?.value == 42 && site["jobs_created_total"]?.reporting == 2)
        let target = try #require(site["target_achievement"])
        #expect(abs((target.value ?? 0) - 0.7) < 1e-12 && target.approximate && target.reporting == 1)
    }

    // MARK: A.8 funders

    static func contributions(_ organisation: String) async -> HTMLTable? {
        HTMLTable.all(in: await site().file("organisations/\(organisation)/index.html")).first
    }

    static func totals(_ page: String) async -> [String] {
        let html = await site().file(page)
        guard let part = HTMLText.between(html, "<ul class=\"totals\">", "</ul>") else { return [] }
        return HTMLText.matches("<li>(.*?)</li>", in: part).map { HTMLText.text($0[1]) }
    }

    @Test("A.8: the Région Bretagne's contributions: C3 without amount, C1 joint (own part not stated), C6 50 000 € sur 3 ans (21,7 %, × 4,6)")
    func regionBretagne() async throws {
        let table = try #require(await Self.contributions("region-bretagne"))
        #expect(table.columns == ["Fiche", "Montant", "Part du budget", "Effet de levier"])
        #expect(table.rows.map(\.label) == ["Recyclerie et chantier d'insertion du Pays de Fougères",
                                            "Un bâtiment pour la ressourcerie Ti Récup (financement conjoint avec Département du Finistère, Union européenne — FEDER, Région Bretagne)",
                                            "Filière de réemploi des matériaux du bâtiment"])
        #expect(table.rows[0].texts == ["montant non précisé", "–", "non calculable\u{00A0}: montant non précisé"])
        #expect(table.rows[1].texts[2] == "non calculable\u{00A0}: financement conjoint")
        #expect(table.rows[2].texts == [fr("50 000 € sur 3 ans"), fr("21,7 %"), "× 4,6"])
        #expect(table.rows[2].cells[2].machine == "4.6")
    }

    @Test("A.8: the joint line on the Région's page keeps its horizon and year: 240 000 € (ponctuel, 2012)")
    func regionBretagneJointHorizon() async throws {
        let row = try #require(await Self.contributions("region-bretagne")?.rows.dropFirst().first)
        #expect(row.texts[0] == fr("240 000 € (ponctuel, 2012)"))
    }

    @Test("A.8: the joint line's whole share is never shown as the Région's own share of the budget")
    func regionBretagneJointShare() async throws {
        let row = try #require(await Self.contributions("region-bretagne")?.rows.dropFirst().first)
        #expect(row.texts[1] != fr("100 %"), "the Région's own part of the joint line is not stated")
    }

    @Test("A.8: the Région Bretagne's totals per horizon, its joint money apart, its line without amount")
    func regionBretagneTotals() async {
        #expect(await Self.totals("organisations/region-bretagne/index.html") == [
            fr("Par an : 16 667 €"), fr("Sur 3 ans : 50 000 €"),
            fr("Dans des financements conjoints (montants partagés, non répartis) : 240 000 € ponctuels"),
            "1 ligne de financement sans montant (non comptée dans les totaux).",
        ])
    }

    @Test("A.8: the Région Bretagne's co-funded cards' results are under their own heading, each with its year")
    func regionBretagneCofunded() async throws {
        let html = await Self.site().file("organisations/region-bretagne/index.html")
        let part = try #require(HTMLText.between(html, "<h2 id=\"_cofunded\">Résultats des fiches cofinancées</h2>", "</section>"))
        let items = HTMLText.matches("<li>(.*?)</li>", in: part).map { HTMLText.text($0[1]) }
        #expect(items == ["Personnes accompagnées\(colon) 45 en 2013", "Personnes formées\(colon) 30 en 2013",
                          "Personnes accompagnées\(colon) 14 en 2013", "Emplois créés\(colon) 21 en 2011"])
        #expect(!html.contains("Coût annuel"))
    }

    @Test("A.8: the intercommunality of Beaume-Drobie: C2b 8 000 € (ponctuel, 2015), 100 %, × 1; C2a 15 000 € not broken down, not computable")
    func beaumeDrobie() async throws {
        let table = try #require(await Self.contributions("cc-pays-beaume-drobie"))
        #expect(table.rows.map(\.label) == ["Chantier d'insertion «\u{00A0}Murets en pierre sèche\u{00A0}»", "Chantier d'insertion de restauration du petit patrimoine bâti"])
        #expect(table.rows[0].texts == [fr("8 000 € (ponctuel, 2015)"), fr("100 %"), "× 1"])
        #expect(table.rows[1].texts[2] == "non calculable\u{00A0}: montant non ventilé")
        #expect(await Self.totals("organisations/cc-pays-beaume-drobie/index.html") == [fr("Ponctuel : 8 000 €"), fr("Non ventilé : 15 000 €")])
    }

    @Test("A.8: C2a's envelope on the funder's page: 15 000 € (ponctuel et annuel, non ventilé), 101,4 % of the budget as written")
    func beaumeDrobieNotBrokenDown() async throws {
        let row = try #require(await Self.contributions("cc-pays-beaume-drobie")?.rows.last)
        #expect(row.texts[0] == fr("15 000 € (ponctuel et annuel, non ventilé)"))
        #expect(row.texts[1] == fr("101,4 %"))
    }

    @Test("A.8: the État: 36 000 € par an (60 %, × 1,7), 29 100 € par an (30 %, × 3,3), one line without amount; 65 100 € par an")
    func etat() async throws {
        let table = try #require(await Self.contributions("etat"))
        #expect(table.rows.map { [$0.texts[1], $0.texts[2]] } == [[fr("60 %"), "× 1,7"], [fr("30 %"), "× 3,3"], ["–", "non calculable\u{00A0}: montant non précisé"]])
        #expect(table.rows.map { $0.texts[0] }.dropFirst() == [fr("29 100 € par an"), "montant non précisé"])
        #expect(table.rows.first?.texts[0].hasPrefix(fr("36 000 € par an")) == true)
        let leverages = table.rows.prefix(2).compactMap { Double($0.cells[2].machine ?? "") }
        #expect(leverages.count == 2 && abs(leverages[0] - 60_000.0 / 36_000) < 0.0001 && abs(leverages[1] - 97_000.0 / 29_100) < 0.0001)
        #expect(await Self.totals("organisations/etat/index.html")
                == [fr("Par an : 65 100 €"), "1 ligne de financement sans montant (non comptée dans les totaux)."])
    }

    @Test("A.8: funders named without amount show montant non précisé and never 0 €", arguments: ["departement-ille-et-vilaine", "fougeres-agglomeration", "ademe"])
    func withoutAmount(_ organisation: String) async throws {
        let html = await Self.site().file("organisations/\(organisation)/index.html")
        let table = try #require(HTMLTable.all(in: html).first)
        #expect(table.rows.map(\.texts) == [["montant non précisé", "–", "non calculable\u{00A0}: montant non précisé"]])
        #expect(!html.contains(fr("0 €")))
    }

    struct LeverageCase: Sendable, CustomTestStringConvertible {
        var organisation: String
        var amount: String
        var share: String
        var leverage: Double
        var year: Int? = nil
        var testDescription: String { organisation }
    }

    static let leverageCases: [LeverageCase] = [
        LeverageCase(organisation: "rennes-metropole", amount: "180 000 € sur 3 ans", share: "78,3 %", leverage: 230_000.0 / 180_000),
        LeverageCase(organisation: "region-auvergne-rhone-alpes", amount: "48 000 € par an", share: "40 %", leverage: 2.5, year: 2019),
        LeverageCase(organisation: "entrepreneurs-cae-forez", amount: "72 000 € par an", share: "60 %", leverage: 120_000.0 / 72_000, year: 2019),
        LeverageCase(organisation: "departement-seine-maritime", amount: "24 000 € par an", share: "40 %", leverage: 2.5, year: 2021),
        LeverageCase(organisation: "departement-ardeche", amount: "6 800 € par an", share: "100 %", leverage: 1),
        LeverageCase(organisation: "region-rhone-alpes", amount: "14 550 € par an", share: "15 %", leverage: 97_000.0 / 14_550),
        LeverageCase(organisation: "union-europeenne-fse", amount: "14 550 € par an", share: "15 %", leverage: 97_000.0 / 14_550),
        LeverageCase(organisation: "cc-monts-du-pilat", amount: "29 100 € par an", share: "30 %", leverage: 97_000.0 / 29_100),
        LeverageCase(organisation: "entrepreneurs-cae-pilat", amount: "9 700 € par an", share: "10 %", leverage: 10),
    ]

    @Test("A.8: each funder's contribution with its horizon, its share of the same-horizon budget and its leverage", arguments: Self.leverageCases)
    func leverage(_ expected: LeverageCase) async throws {
        let row = try #require(await Self.contributions(expected.organisation)?.rows.first)
        #expect(row.texts[0].hasPrefix(fr(expected.amount)), "\(row.texts[0])")
        if let year = expected.year { Expect.contains(row.texts[0], [String(year)]) } else { #expect(row.texts[0] == fr(expected.amount)) }
        #expect(row.texts[1] == fr(expected.share))
        #expect(abs((Double(row.cells[2].machine ?? "") ?? 0) - expected.leverage) < 0.005)
    }

    @Test("A.8: a yearly amount of one stated year is dated, not stretched: never « par an à partir de 2019 » (money.md §1, §8)")
    func yearlyAmountNotStretched() async throws {
        let row = try #require(await Self.contributions("region-auvergne-rhone-alpes")?.rows.first)
        #expect(!row.texts[0].contains("à partir de"), "\(row.texts[0])")
    }

    @Test("A.8: the joint partners' pages: joint only, not computable", arguments: ["departement-finistere", "feder-bretagne"])
    func jointOnly(_ organisation: String) async throws {
        let table = try #require(await Self.contributions(organisation))
        #expect(table.rows.count == 1)
        #expect(table.rows.first?.texts[2] == "non calculable\u{00A0}: financement conjoint")
        #expect(await Self.totals("organisations/\(organisation)/index.html")
                == [fr("Dans des financements conjoints (montants partagés, non répartis) : 240 000 € ponctuels")])
    }

    @Test("A.8: the region funder-type page has row region's totals: 79 217 € par an, 50 000 € sur 3 ans, the joint 240 000 € apart, 1 line")
    func funderTypeRegion() async {
        #expect(await Self.totals("financeurs/region/index.html") == [
            fr("Par an : 79 217 €"), fr("Sur 3 ans : 50 000 €"),
            fr("Dans des financements conjoints (montants partagés, non répartis) : 240 000 € ponctuels"),
            "1 ligne de financement sans montant (non comptée dans les totaux).",
        ])
    }

    @Test("A.8: the funder-type page shows the co-funded cards' results under their own heading, never their costs as the funder's")
    func funderTypeCofunded() async throws {
        let html = await Self.site().file("financeurs/region/index.html")
        #expect(html.contains("<h2 id=\"_figures\">Résultats des fiches cofinancées</h2>"))
        let figures = try #require(HTMLText.between(html, "<h2 id=\"_figures\">", "</article>"))
        let summary = try #require(HTMLTable.all(in: figures).first)
        #expect(summary.rows.map(\.label) == ["Personnes accompagnées", "Emplois créés", "Atteinte de l'objectif d'emplois"])
        #expect(!figures.contains("Coût annuel") && !figures.contains("Coût par emploi"))
    }
}
