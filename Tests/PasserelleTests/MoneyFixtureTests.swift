import Foundation
import Testing
@testable import PasserelleBuild
import PasserelleModel

/// French text as the site writes it, from a readable literal: thousands separated by U+202F ("240 000" → "240 000"),
/// U+00A0 before "€" and "%", after "≈" and inside « ». Colons are left alone: write "\u{00A0}:" where the site does.
func fr(_ text: String) -> String {
    var out = text
    while let range = out.range(of: "([0-9]) ([0-9]{3})(?![0-9])", options: .regularExpression) {
        let digits = out[range].filter(\.isNumber)
        out.replaceSubrange(range, with: String(digits.prefix(digits.count - 3)) + "\u{202F}" + String(digits.suffix(3)))
    }
    return out.replacingOccurrences(of: " €", with: "\u{00A0}€").replacingOccurrences(of: " %", with: "\u{00A0}%")
        .replacingOccurrences(of: "≈ ", with: "≈\u{00A0}").replacingOccurrences(of: "« ", with: "«\u{00A0}")
        .replacingOccurrences(of: " »", with: "\u{00A0}»")
        // Pages are typeset (Typography.swift): no-break spaces before the high signs.
        .replacingOccurrences(of: " :", with: "\u{00A0}:").replacingOccurrences(of: " ;", with: "\u{202F};")
        .replacingOccurrences(of: " ?", with: "\u{202F}?").replacingOccurrences(of: " !", with: "\u{202F}!")
}

/// "label : value" as the templates write it (U+00A0 before the colon).
let colon = "\u{00A0}:"

// MARK: - C1 one-off investment with a joint line

@Suite("Money fixture: a one-off investment paid by a joint line (ti-recup-batiment)")
struct MoneyOneOffJointTests {
    static func site() async -> BuiltSite { await MoneyFixtures.site("one-off-joint") }
    static func card() async -> CardPage { await site().card("ti-recup-batiment") }

    @Test("the site builds with no diagnostic: the joint line matches the one-off budget")
    func noWarning() async {
        let site = await Self.site()
        #expect(site.diagnostics.isEmpty, "\(site.diagnostics.map(\.description))")
    }

    @Test("the budget line reads 240 000 € (ponctuel, 2012), investissement")
    func budgetLine() async {
        #expect(await Self.card().budgetLines
                == [fr("Acquisition et aménagement d'un ancien entrepôt (ateliers, boutique, zone de dépôt)\(colon) 240 000 € (ponctuel, 2012), investissement")])
    }

    @Test("the joint line is one row: financement conjoint, 240 000 €, 100 % of the one-off budget")
    func jointRow() async throws {
        let table = try #require(await Self.card().funding)
        #expect(table.rows.count == 1)
        let row = try #require(table.rows.first)
        #expect(row.label == "Département du Finistère Union européenne — FEDER Région Bretagne subvention conjointe, répartition entre les financeurs non précisée")
        #expect([row.texts[0], row.texts[1], row.texts[3]] == ["financement conjoint", fr("240 000 €"), fr("100 %")])
        #expect(row.cells[1].machine == "240000")
    }

    @Test("the joint line inherits the budget's horizon with its year: ponctuel, 2012 (money.md §2)")
    func jointRowHorizon() async throws {
        let row = try #require(await Self.card().funding?.rows.first)
        #expect(row.texts[2] == "ponctuel, 2012")
    }

    @Test("the joint line is never split: no page says 80 000 €")
    func neverSplit() async {
        for (path, html) in await Self.site().allPages() {
            #expect(!html.contains(fr("80 000")), "\(path) splits the joint line")
        }
    }

    @Test("annual cost is not available, with the verbatim reason naming the one-off investment")
    func annualCostReason() async {
        #expect(await Self.card().unavailable["Coût annuel"]
                == fr("non disponible\(colon) pas de budget de fonctionnement ; investissement ponctuel de 240 000 € en 2012"))
    }

    @Test("the Région's share is not available because its money is inside the joint line, never 0 %")
    func regionShareUnavailable() async {
        let card = await Self.card()
        #expect(card.keyFigure("region_share") == nil)
        #expect(card.unavailable["Part de la Région"]
                == fr("non disponible\(colon) l'apport « Région » est compris dans un financement conjoint (Département du Finistère, Union européenne — FEDER, Région Bretagne) dont la répartition n'est pas connue"))
    }

    @Test("the yearly public share is not available: the only funding is one-off, 240 000 € in 2012")
    func publicShareUnavailable() async throws {
        let reason = try #require(await Self.card().unavailable["Part des financements publics (par an)"])
        Expect.contains(reason, ["non disponible", fr("240 000 €"), "ponctuel", "2012"])
    }

    @Test("the one-off public share is 100 %, dated 2012 like the line it rests on")
    func oneOffShare() async throws {
        let figure = try #require(await Self.card().keyFigure("public_one_off_share"))
        #expect(figure.machine == "1")
        #expect(figure.value == fr("100 %"))
        Expect.contains(figure.text, ["2012"])
        #expect(!figure.text.contains("année non précisée"), "\(figure.text)")
    }

    @Test("14 personnes accompagnées en 2013")
    func people() async throws {
        let figure = try #require(await Self.card().keyFigure("people_accompanied_total"))
        #expect(figure.machine == "14" && figure.value == "14")
        #expect(figure.basis == "14 personnes accompagnées en 2013")
    }

    @Test("cost per job is not available: no jobs created reported")
    func costPerJobUnavailable() async {
        #expect(await Self.card().unavailable["Coût par emploi créé (sur la période)"] == fr("non disponible\(colon) aucune donnée « Emplois créés »"))
    }

    @Test("dashboard: funding by type has one row, the joint line, one-off, and no per-year money")
    func dashboardFunding() async throws {
        let blocks = BlockView.all(in: await Self.site().file("tableaux-de-bord/overview/index.html"))
        let table = try #require(blocks.first?.table)
        #expect(table.columns == ["Type", "Par an", "Ponctuel", "Lignes sans montant"])
        #expect(table.rows.map(\.label) == ["financement conjoint"])
        #expect(table.rows.first?.texts == ["–", fr("240 000 €"), "0"])
        #expect(table.footer.first?.texts == ["–", fr("240 000 €"), "0"])
        #expect(blocks.first?.notes.contains("Un financement conjoint (plusieurs financeurs, un seul montant) est compté à part\u{00A0}: sa répartition entre financeurs n'est pas connue.") == true)
    }

    @Test("dashboard: the one-off public share is 100 %, 1 card of 1")
    func dashboardOneOffShare() async throws {
        let block = try #require(BlockView.all(in: await Self.site().file("tableaux-de-bord/overview/index.html")).dropFirst().first)
        #expect(block.figure?.machine == "1" && block.figure?.text == fr("100 %"))
        #expect(block.table?.rows.first?.texts.last == "1 fiche sur 1")
    }

    @Test("dashboard: the annual cost is not available (0 card of 1), never 0 €, with the card's verbatim reason")
    func dashboardAnnualCost() async throws {
        let block = try #require(BlockView.all(in: await Self.site().file("tableaux-de-bord/overview/index.html")).last)
        #expect(block.figure?.text != fr("0 €"))
        #expect(block.table?.rows.first?.texts == ["–", "–", "0 fiche sur 1"])
        #expect(block.provenance == [fr("Un bâtiment pour la ressourcerie Ti Récup\(colon) non disponible\(colon) pas de budget de fonctionnement ; investissement ponctuel de 240 000 € en 2012")])
    }
}

// MARK: - C2 mixed budget, in kind, announced total

@Suite("Money fixture: mixed budgets with a gift in kind (chantier-petit-patrimoine, chantier-murets-pierre-seche)")
struct MoneyMixedInKindTests {
    static func site() async -> BuiltSite { await MoneyFixtures.site("mixed-in-kind") }
    static let lines = [
        fr("Outillage et échafaudages\(colon) 5 000 € (ponctuel, 2015), investissement"),
        fr("Camion benne prêté pour la durée du chantier\(colon) 3 000 € en nature (ponctuel), investissement"),
        fr("Matériaux (chaux, sable, pierre de réemploi)\(colon) 4 000 € par an"),
        fr("Déplacements et petites fournitures\(colon) 2 800 € par an"),
    ]

    @Test("C2a's four budget lines each say their horizon; the truck reads 3 000 € en nature (ponctuel)")
    func budgetLines() async {
        #expect(await Self.site().card("chantier-petit-patrimoine").budgetLines == Self.lines)
    }

    @Test("C2b shows the same four lines the same way")
    func budgetLinesC2b() async {
        #expect(await Self.site().card("chantier-murets-pierre-seche").budgetLines == Self.lines)
    }

    @Test("the only warning is C2a's, at its funding line, naming both sums and the breakdown (money.md §3)")
    func warning() async {
        let site = await Self.site()
        #expect(site.diagnostics.map(\.headline) == [
            "\(site.content)/projects/chantier-petit-patrimoine.md:16:5: avertissement: les lignes de financement font 15\u{A0}000\u{A0}€ au total, les lignes de budget 14\u{A0}800\u{A0}€ "
                + "(8\u{A0}000\u{A0}€ ponctuel, dont 3\u{A0}000\u{A0}€ en nature, + 6\u{A0}800\u{A0}€ par an) [funding-total-mismatch]",
        ])
    }

    @Test("C2a's global envelope: 15 000 €, 101,4 % of the budget as written (15 000 / 14 800), never of a part")
    func notBrokenDownShare() async throws {
        let row = try #require(await Self.site().card("chantier-petit-patrimoine").funding?.rows.first)
        #expect(row.texts[1] == fr("15 000 €"))
        #expect(row.texts[3] == fr("101,4 %"))
    }

    @Test("C2a's envelope reads ponctuel et annuel, non ventilé, and never par an (money.md §2)")
    func notBrokenDownHorizon() async throws {
        let row = try #require(await Self.site().card("chantier-petit-patrimoine").funding?.rows.first)
        #expect(row.texts[2] == "ponctuel et annuel, non ventilé")
        #expect(!row.texts[2].contains("par an"))
    }

    @Test("C2a's card says the gap: both sums, the one-off part with the gift in kind, and the yearly part")
    func discrepancyNote() async {
        let notes = await Self.site().card("chantier-petit-patrimoine").fundingNotes
        let note = notes.first { $0.hasPrefix("Les financements totalisent") } ?? ""
        Expect.contains(note, [fr("15 000 €"), fr("14 800 €"), fr("3 000 € en nature"), fr("6 800 € par an"), fr("8 000 €")])
    }

    @Test("C2a's annual cost is its yearly lines only: 6 800 €, undated")
    func annualCost() async throws {
        let figure = try #require(await Self.site().card("chantier-petit-patrimoine").keyFigure("annual_cost"))
        #expect(figure.machine == "6800" && figure.value == fr("6 800 €"))
        Expect.contains(figure.text, ["année non précisée"])
    }

    @Test("C2a has no region line: its Région share is 0 % (EXPECTED I3)")
    func regionShareZero() async throws {
        let figure = try #require(await Self.site().card("chantier-petit-patrimoine").keyFigure("region_share"))
        #expect(figure.machine == "0" && figure.value == fr("0 %"))
    }

    @Test("C2a's yearly public share is not available: 15 000 € not broken down")
    func publicShareUnavailable() async throws {
        let reason = try #require(await Self.site().card("chantier-petit-patrimoine").unavailable["Part des financements publics (par an)"])
        Expect.contains(reason, ["non disponible", fr("15 000 €"), "non ventilé"])
    }

    @Test("C2a's cost per job is not available: the budget mixes horizons")
    func costPerJobUnavailable() async throws {
        let reason = try #require(await Self.site().card("chantier-petit-patrimoine").unavailable["Coût par emploi créé (sur la période)"])
        Expect.contains(reason, ["non disponible", "périodes différentes"])
    }

    @Test("C2b's lines state their horizon: 8 000 € ponctuel, 2015 and 6 800 € par an, each 100 % of its own horizon")
    func statedHorizons() async throws {
        let table = try #require(await Self.site().card("chantier-murets-pierre-seche").funding)
        #expect(table.rows.map(\.texts) == [["Intercommunalité", fr("8 000 €"), "ponctuel, 2015", fr("100 %")],
                                            ["Département", fr("6 800 €"), "par an", fr("100 %")]])
    }

    @Test("C2b's public shares: 100 % per year, 100 % one-off in 2015")
    func publicSharesC2b() async throws {
        let card = await Self.site().card("chantier-murets-pierre-seche")
        let yearly = try #require(card.keyFigure("public_funding_share"))
        #expect(yearly.machine == "1" && yearly.value == fr("100 %"))
        let oneOff = try #require(card.keyFigure("public_one_off_share"))
        #expect(oneOff.machine == "1" && oneOff.value == fr("100 %"))
        Expect.contains(oneOff.text, ["2015"])
    }

    @Test("C2b has no region line: its Région share is 0 % (EXPECTED I3), not unavailable")
    func regionShareZeroC2b() async throws {
        let card = await Self.site().card("chantier-murets-pierre-seche")
        #expect(card.unavailable["Part de la Région"] == nil)
        let figure = try #require(card.keyFigure("region_share"))
        #expect(figure.machine == "0" && figure.value == fr("0 %"))
    }

    @Test("dashboard: funding by type puts each horizon in its own column, and never a merged 23 000 €")
    func dashboardFunding() async throws {
        let html = await Self.site().file("tableaux-de-bord/overview/index.html")
        let table = try #require(BlockView.all(in: html).first?.table)
        #expect(table.columns == ["Type", "Par an", "Ponctuel", "Non ventilé", "Lignes sans montant"])
        #expect(table.rows.map(\.label) == ["Département", "Intercommunalité"])
        #expect(table.rows.map(\.texts) == [[fr("6 800 €"), "–", "–", "0"], ["–", fr("8 000 €"), fr("15 000 €"), "0"]])
        #expect(table.footer.first?.texts == [fr("6 800 €"), fr("8 000 €"), fr("15 000 €"), "0"])
        #expect(!html.contains(fr("23 000")))
    }

    @Test("dashboard: the yearly public share is 100 %, 1 card of 2, C2a not available because not broken down")
    func dashboardPublicShare() async throws {
        let block = try #require(BlockView.all(in: await Self.site().file("tableaux-de-bord/overview/index.html")).dropFirst().first)
        #expect(block.figure?.text == fr("100 %"))
        #expect(block.table?.rows.first?.texts.last == "1 fiche sur 2")
        let c2a = block.provenance.first { $0.hasPrefix("Chantier d'insertion de restauration du petit patrimoine bâti") } ?? ""
        Expect.contains(c2a, ["non disponible", fr("15 000 €"), "non ventilé"])
    }

    @Test("dashboard: the one-off public share is 100 %, 1 card of 2")
    func dashboardOneOffShare() async throws {
        let block = try #require(BlockView.all(in: await Self.site().file("tableaux-de-bord/overview/index.html")).dropFirst(2).first)
        #expect(block.figure?.text == fr("100 %"))
        #expect(block.table?.rows.first?.texts.last == "1 fiche sur 2")
    }

    @Test("dashboard: the annual cost is 6 800 + 6 800 = 13 600 €, 2 cards of 2")
    func dashboardAnnualCost() async throws {
        let block = try #require(BlockView.all(in: await Self.site().file("tableaux-de-bord/overview/index.html")).last)
        #expect(block.figure?.machine == "13600" && block.figure?.text == fr("13 600 €"))
        #expect(block.table?.rows.first?.texts == [fr("13 600 €"), "année non précisée", "2 fiches sur 2"])
    }
}

// MARK: - C3 funders without amounts, budget without period

@Suite("Money fixture: five funders without amounts and a budget without period (recyclerie-pays-fougeres)")
struct MoneyUnknownAmountsTests {
    static func site() async -> BuiltSite { await MoneyFixtures.site("unknown-amounts") }
    static func card() async -> CardPage { await site().card("recyclerie-pays-fougeres") }

    @Test("one warning, at the budget line (9:9): no period, kept out of every yearly figure; no 'add up to' warning")
    func warning() async {
        let site = await Self.site()
        #expect(site.diagnostics.said == [Said.warning("budget-period-missing", "\(site.content)/projects/recyclerie-pays-fougeres.md", PasserelleModel.SourceLocation(line: 9, column: 9),
                                              "ligne de budget sans période\u{A0}: elle est publiée telle quelle et n’entre dans aucun chiffre annuel",
                                              hint: "dites comment le montant se rapporte au temps\u{A0}: period: annual (par an), period: one_off (ponctuel), ou period: total avec years: et le nombre d’années")])
    }

    @Test("the budget reads 1 250 400 € (période non précisée)")
    func budgetLine() async {
        #expect(await Self.card().budgetLines == [fr("1 250 400 € (période non précisée)")])
    }

    @Test("each of the five funders reads montant non précisé, période non précisée, with no share and never 0 €")
    func fundingRows() async throws {
        let table = try #require(await Self.card().funding)
        #expect(table.rows.map { $0.texts } == [
            ["État", "montant non précisé", "période non précisée", ""],
            ["Région", "montant non précisé", "période non précisée", ""],
            ["Département", "montant non précisé", "période non précisée", ""],
            ["Intercommunalité", "montant non précisé", "période non précisée", ""],
            ["Établissement public", "montant non précisé", "période non précisée", ""],
        ])
        #expect(table.footer.isEmpty)
    }

    @Test("the card counts the five lines without amount")
    func missingNote() async {
        #expect(await Self.card().fundingNotes.contains("5 lignes de financement sans montant (non comptées dans les totaux)."))
    }

    @Test("annual cost is not available: the budget of 1 250 400 € has no period")
    func annualCostReason() async throws {
        let reason = try #require(await Self.card().unavailable["Coût annuel"])
        Expect.contains(reason, ["non disponible", fr("1 250 400 €"), "sans période précisée"])
    }

    @Test("the Région's share is not available: the Région is named without amount")
    func regionShareReason() async {
        #expect(await Self.card().unavailable["Part de la Région"] == fr("non disponible\(colon) montant non précisé pour Région Bretagne"))
    }

    @Test("the public share is not available, naming the five funders without amount")
    func publicShareReason() async {
        #expect(await Self.card().unavailable["Part des financements publics (par an)"]
                == "non disponible\(colon) montant non précisé pour État, Région Bretagne, Département d'Ille-et-Vilaine, Fougères Agglomération, ADEME")
    }

    @Test("no key figure of the card is 0 € or 0 %")
    func noZero() async {
        let html = await Self.card().html
        #expect(!html.contains(">" + fr("0 €") + "<"))
        #expect(!html.contains(">" + fr("0 %") + "<"))
    }

    @Test("dashboard: one row per funder type, each non précisé with 1 line, the total non précisé with 5, no 0 € cell")
    func dashboardFunding() async throws {
        let table = try #require(BlockView.all(in: await Self.site().file("tableaux-de-bord/overview/index.html")).first?.table)
        #expect(table.columns == ["Type", "Par an", "Lignes sans montant"])
        #expect(table.rows.map(\.label) == ["Région", "État", "Département", "Intercommunalité", "Établissement public"])
        #expect(table.rows.allSatisfy { $0.texts == ["non précisé", "1"] })
        #expect(table.footer.first?.texts == ["non précisé", "5"])
        #expect(!(table.rows + table.footer).flatMap(\.texts).contains(fr("0 €")))
    }

    @Test("dashboard: the public share and the annual cost are not available, 0 card of 1, with the reasons")
    func dashboardUnavailable() async throws {
        let blocks = BlockView.all(in: await Self.site().file("tableaux-de-bord/overview/index.html"))
        #expect(blocks.count == 3)
        #expect(blocks.dropFirst().map { $0.table?.rows.first?.texts ?? [] } == [["–", "–", "0 fiche sur 1"], ["–", "–", "0 fiche sur 1"]])
        #expect(blocks.last?.provenance == [fr("Recyclerie et chantier d'insertion du Pays de Fougères\(colon) non disponible\(colon) pas de budget de fonctionnement ; budget de 1 250 400 € sans période précisée")])
    }

    @Test("the ADEME's page: montant non précisé, leverage not computable, 1 line without amount, never 0 €")
    func funderWithoutAmount() async throws {
        let html = await Self.site().file("organisations/ademe/index.html")
        let table = try #require(HTMLTable.all(in: html).first)
        #expect(table.rows.map(\.texts) == [["montant non précisé", "–", "non calculable\u{00A0}: montant non précisé"]])
        #expect(html.contains("<li>1 ligne de financement sans montant (non comptée dans les totaux).</li>"))
        #expect(!html.contains(fr("0 €")))
    }
}

// MARK: - C4 groups: three themes, no theme, undated results

@Suite("Money fixture: a card in three themes, a card in none (groups)")
struct MoneyGroupsTests {
    static func site() async -> BuiltSite { await MoneyFixtures.site("groups") }
    static func blocks() async -> [BlockView] { BlockView.all(in: await site().file("tableaux-de-bord/overview/index.html")) }

    @Test("the only warning is C4b's results without a year, at 9:5")
    func warning() async {
        let site = await Self.site()
        #expect(site.diagnostics.said == [Said.warning("results-year-missing", "\(site.content)/projects/epicerie-solidaire-gare.md", PasserelleModel.SourceLocation(line: 9, column: 5),
                                              "résultats sans année ni période",
                                              hint: "ajoutez l’année de la mesure, par exemple year: 2002 (ou period: \"2013-01/2013-03\"), pour que le lecteur sache quand ils ont été mesurés")])
    }

    @Test("C4a: annual cost 120 000 €, 2019 (the budget's year, not the card's 2016)")
    func annualCostC4a() async throws {
        let figure = try #require(await Self.site().card("cae-forez-entreprendre").keyFigure("annual_cost"))
        #expect(figure.machine == "120000" && figure.value == fr("120 000 €"))
        Expect.contains(figure.text, ["2019"])
        #expect(!figure.text.contains("2016"))
    }

    @Test("C4a: the latest block gives 40 personnes accompagnées en 2019 (not 31, not 71)")
    func latestC4a() async throws {
        let figure = try #require(await Self.site().card("cae-forez-entreprendre").keyFigure("people_accompanied_total"))
        #expect(figure.machine == "40")
        #expect(figure.basis == "40 personnes accompagnées en 2019")
    }

    @Test("C4b's annual cost says its horizon and that its year is not stated: 18 000 € par an, année non précisée (money.md §8)")
    func annualCostC4b() async throws {
        let figure = try #require(await Self.site().card("epicerie-solidaire-gare").keyFigure("annual_cost"))
        #expect(figure.machine == "18000")
        Expect.contains(figure.text, [fr("18 000 € par an"), "année non précisée"])
    }

    @Test("C4b: 12 personnes accompagnées, année non précisée")
    func undatedC4b() async throws {
        let figure = try #require(await Self.site().card("epicerie-solidaire-gare").keyFigure("people_accompanied_total"))
        #expect(figure.machine == "12")
        #expect(figure.basis == "12 personnes accompagnées, année non précisée")
    }

    @Test("C4c: 36 000 € par an (60 %) and the 40 % share worked out as 24 000 € par an, with the budget's year 2021")
    func sharesC4c() async throws {
        let table = try #require(await Self.site().card("atelier-estuaire-emploi").funding)
        #expect(table.rows.map(\.texts) == [["État", fr("36 000 €"), "par an, 2021", fr("60 %")],
                                            ["Département", fr("24 000 €"), "par an, 2021", fr("40 %")]])
        #expect(table.rows.map { $0.cells[1].machine } == ["36000", "24000"])
    }

    @Test("by theme: each theme counts C4a once, C4b is under Sans thème, each row with its year and coverage")
    func byThemeRows() async throws {
        let table = try #require(await Self.blocks().first?.table)
        #expect(table.columns == ["Thème", "Valeur", "Année", "Couverture"])
        #expect(table.rows.map { [$0.label] + $0.texts } == [
            ["Coopératives", "40", "2019", "1 fiche sur 1"],
            ["Création d'activité", "40", "2019", "1 fiche sur 1"],
            ["Développement local", "40", "2019", "1 fiche sur 1"],
            ["Insertion par l'activité économique", "25", "2021", "1 fiche sur 1"],
            ["Sans thème", "12", "année non précisée", "1 fiche sur 1"],
        ])
    }

    @Test("by theme: the distinct-cards row gives 77 (3 of 3), never 157")
    func byThemeDistinct() async throws {
        let table = try #require(await Self.blocks().first?.table)
        #expect(table.footer.map { [$0.label, $0.texts[0], $0.texts[2]] } == [["Ensemble des fiches (chacune comptée une fois)", "77", "3 fiches sur 3"]])
        #expect(table.footer.first?.cells.first?.machine == "77")
    }

    @Test("by theme: the block says not to add the rows")
    func byThemeNote() async throws {
        let notes = try #require(await Self.blocks().first?.notes)
        #expect(notes.contains { $0.lowercased().contains("une fiche peut relever de plusieurs thèmes\u{00A0}: ne pas additionner") }, "\(notes)")
    }

    @Test("by year: 2019 → 40, 2021 → 25, Année non précisée → 12; no 2016 or 2018 group")
    func byYear() async throws {
        let table = try #require(await Self.blocks().dropFirst().first?.table)
        #expect(table.rows.map { [$0.label, $0.texts[0], $0.texts[2]] }
                == [["2019", "40", "1 fiche sur 1"], ["2021", "25", "1 fiche sur 1"], ["Année non précisée", "12", "1 fiche sur 1"]])
    }

    @Test("annual cost by year: 2019 → 120 000 € (not 2016), 2021 → 60 000 €, Année non précisée → 18 000 €")
    func annualCostByYear() async throws {
        let table = try #require(await Self.blocks().last?.table)
        #expect(table.rows.map { [$0.label, $0.texts[0], $0.texts[2]] } == [
            ["2019", fr("120 000 €"), "1 fiche sur 1"], ["2021", fr("60 000 €"), "1 fiche sur 1"],
            ["Année non précisée", fr("18 000 €"), "1 fiche sur 1"],
        ])
    }

    @Test("the site's annual cost is 198 000 € par an, 3 cards of 3")
    func siteAnnualCost() async throws {
        let analysis = await Pipeline.analyse(content: MoneyFixtures.content("groups"))
        let value = try #require(analysis.figures.site["annual_cost"])
        #expect(value.value == 198_000)
        #expect(value.reporting == 3 && value.total == 3)
        #expect(value.horizons == [.annual])
    }
}

// MARK: - C5 approximate target, range result

@Suite("Money fixture: an approximate target and a range result (approx-range)")
struct MoneyApproxRangeTests {
    static func site() async -> BuiltSite { await MoneyFixtures.site("approx-range") }

    @Test("no warning")
    func noWarning() async {
        #expect(await Self.site().diagnostics.isEmpty)
    }

    @Test("C5a's target reads environ 30, in the targets and beside its objective")
    func approximateTarget() async {
        let html = await Self.site().card("pole-cooperation-littoral").html
        #expect(html.contains("<li>Emplois d&#39;insertion\(colon) environ 30, année non précisée</li>"))
        #expect(html.contains("<li>Mise en place de nouvelles activités porteuses d&#39;une trentaine d&#39;emplois d&#39;insertion (cible\(colon) environ 30)</li>"))
    }

    @Test("C5a's target achievement is ≈ 70 %, computed from 21 jobs in 2010 and environ 30")
    func targetAchievement() async throws {
        let figure = try #require(await Self.site().card("pole-cooperation-littoral").keyFigure("target_achievement"))
        #expect(figure.machine == "0.7" && figure.value == fr("≈ 70 %"))
        #expect(figure.basis == "21 emplois créés en 2010\u{202F}; objectif\(colon) environ 30 emplois d'insertion, année non précisée")
    }

    @Test("C5b's result reads 20 à 25 emplois créés, in 2012")
    func rangeShown() async {
        let results = await Self.site().card("chantier-ecole-espaces-naturels").resultsText
        Expect.contains(results, ["Résultats 2012", "Emplois créés\n20 à 25"])
    }

    @Test("C5b's jobs created total is not available: verbatim « valeur donnée comme fourchette » (money.md §8)")
    func rangeJobsReason() async throws {
        let reason = try #require(await Self.site().card("chantier-ecole-espaces-naturels").unavailable["Emplois créés"])
        Expect.contains(reason, ["valeur donnée comme fourchette", "20 à 25"])
    }

    @Test("C5b's target achievement is not available: verbatim « valeur donnée comme fourchette », never 80, 90 or 100 %")
    func rangeTargetReason() async throws {
        let card = await Self.site().card("chantier-ecole-espaces-naturels")
        #expect(card.keyFigure("target_achievement") == nil)
        let reason = try #require(card.unavailable["Atteinte de l'objectif d'emplois"])
        Expect.contains(reason, ["valeur donnée comme fourchette"])
    }

    @Test("dashboard: target achievement by kind, initiative ≈ 70 % (1 of 1), project not available (0 of 1)")
    func targetByKind() async throws {
        let block = try #require(BlockView.all(in: await Self.site().file("tableaux-de-bord/overview/index.html")).first)
        let table = try #require(block.table)
        #expect(table.rows.map(\.label) == ["Initiative territoriale", "Fiche projet"])
        #expect(table.rows[0].texts == [fr("≈ 70 %"), "2010", "1 fiche sur 1"])
        #expect(["–", "non disponible"].contains(table.rows[1].texts[0]))
        #expect(table.rows[1].texts[2] == "0 fiche sur 1")
    }

    @Test("dashboard: C5b's provenance says verbatim « valeur donnée comme fourchette »")
    func targetByKindReason() async throws {
        let block = try #require(BlockView.all(in: await Self.site().file("tableaux-de-bord/overview/index.html")).first)
        let line = try #require(block.provenance.first { $0.hasPrefix("Chantier-école d'entretien des espaces naturels") })
        Expect.contains(line, ["valeur donnée comme fourchette", "20 à 25"])
    }

    @Test("dashboard: jobs created total is 21 (2010), 1 card of 2: never 41, 43,5 or 46")
    func jobsTotal() async throws {
        let block = try #require(BlockView.all(in: await Self.site().file("tableaux-de-bord/overview/index.html")).last)
        #expect(block.figure?.machine == "21" && block.figure?.text == "21")
        #expect(block.table?.rows.first?.texts == ["21", "2010", "1 fiche sur 2"])
    }
}

// MARK: - C6 three-year grant

@Suite("Money fixture: a three-year grant with no stated first year (filiere-reemploi-materiaux)")
struct MoneyThreeYearTests {
    static func site() async -> BuiltSite { await MoneyFixtures.site("three-year") }
    static func card() async -> CardPage { await site().card("filiere-reemploi-materiaux") }

    @Test("no warning")
    func noWarning() async {
        #expect(await Self.site().diagnostics.isEmpty)
    }

    @Test("the budget reads 230 000 € sur 3 ans, soit 76 667 € par an, with no invented year")
    func budgetLine() async {
        #expect(await Self.card().budgetLines == [fr("Subvention pour l'animation de la filière (trois ans)\(colon) 230 000 € sur 3 ans, soit 76 667 € par an")])
    }

    @Test("both funding lines inherit sur 3 ans: 50 000 € (21,7 %) and 180 000 € (78,3 %)")
    func fundingRows() async throws {
        let table = try #require(await Self.card().funding)
        #expect(table.rows.map(\.texts) == [["Région", fr("50 000 €"), "sur 3 ans", fr("21,7 %")],
                                            ["Intercommunalité", fr("180 000 €"), "sur 3 ans", fr("78,3 %")]])
        #expect(table.footer.first?.texts == ["", fr("230 000 € sur 3 ans"), fr("100 %")])
    }

    @Test("annual cost 76 667 €, machine 76666.67, year not stated")
    func annualCost() async throws {
        let figure = try #require(await Self.card().keyFigure("annual_cost"))
        #expect(figure.machine == "76666.67" && figure.value == fr("76 667 €"))
        Expect.contains(figure.text, ["année non précisée"])
    }

    @Test("cost per job 10 952 €, with its caveat beside it")
    func costPerJob() async throws {
        let figure = try #require(await Self.card().keyFigure("cost_per_job"))
        #expect(figure.machine == "10952.38" && figure.value == fr("10 952 €"))
        #expect(figure.caveat == "À savoir\(colon) subvention d'animation rapportée aux emplois créés\u{202F}; le coût des postes eux-mêmes n'est pas connu")
        #expect(figure.basis == fr("budget 230 000 € sur 3 ans, année non précisée ; 21 emplois créés en 2011"))
    }

    @Test("the Région's share is 21,7 %")
    func regionShare() async throws {
        let figure = try #require(await Self.card().keyFigure("region_share"))
        #expect(figure.value == fr("21,7 %"))
        #expect(abs((Double(figure.machine) ?? 0) - 0.217391) < 0.00005)
    }

    @Test("dashboard: funding by type per year, and the three-year amounts as written in their own column")
    func dashboardFunding() async throws {
        let table = try #require(BlockView.all(in: await Self.site().file("tableaux-de-bord/overview/index.html")).first?.table)
        #expect(table.columns == ["Type", "Par an", "Sur 3 ans\u{00A0}: total, déjà compté par an", "Lignes sans montant"])
        #expect(table.rows.map { [$0.label] + $0.texts } == [["Région", fr("16 667 €"), fr("50 000 €"), "0"],
                                                             ["Intercommunalité", fr("60 000 €"), fr("180 000 €"), "0"]])
        #expect(table.footer.first?.texts == [fr("76 667 €"), fr("230 000 €"), "0"])
    }

    @Test("dashboard: the Région's share 21,7 %, the annual cost 76 667 €")
    func dashboardFigures() async throws {
        let blocks = BlockView.all(in: await Self.site().file("tableaux-de-bord/overview/index.html"))
        #expect(blocks.dropFirst().first?.figure?.text == fr("21,7 %"))
        #expect(blocks.dropFirst(2).first?.figure?.text == fr("76 667 €"))
    }

    @Test("dashboard: the cost per job 10 952 € (1 of 1) with the caveat")
    func dashboardCostPerJob() async throws {
        let block = try #require(BlockView.all(in: await Self.site().file("tableaux-de-bord/overview/index.html")).last)
        #expect(block.figure?.text == fr("10 952 €"))
        #expect(block.caveat == "À savoir\(colon) subvention d'animation rapportée aux emplois créés\u{202F}; le coût des postes eux-mêmes n'est pas connu")
        #expect(block.table?.rows.first?.texts.last == "1 fiche sur 1")
    }
}

// MARK: - C7 yearly budget with shares

@Suite("Money fixture: a yearly budget shared in percentages (cae-pilat-activites)")
struct MoneyYearlySharesTests {
    static func site() async -> BuiltSite { await MoneyFixtures.site("yearly-shares") }
    static func card() async -> CardPage { await site().card("cae-pilat-activites") }

    @Test("no warning: shares add up to 100 %")
    func noWarning() async {
        #expect(await Self.site().diagnostics.isEmpty)
    }

    @Test("each share becomes an amount par an: 14 550, 29 100, 14 550, 29 100, 9 700")
    func fundingRows() async throws {
        let table = try #require(await Self.card().funding)
        #expect(table.rows.map(\.texts) == [
            ["Région", fr("14 550 €"), "par an", fr("15 %")], ["État", fr("29 100 €"), "par an", fr("30 %")],
            ["Europe", fr("14 550 €"), "par an", fr("15 %")], ["Intercommunalité", fr("29 100 €"), "par an", fr("30 %")],
            ["Autofinancement", fr("9 700 €"), "par an", fr("10 %")],
        ])
        #expect(table.footer.first?.texts == ["", fr("97 000 € par an"), fr("100 %")])
    }

    @Test("key figures: public share 90 %, Région 15 %, 40 personnes accompagnées en 2002")
    func keyFigures() async throws {
        let card = await Self.card()
        let publicShare = try #require(card.keyFigure("public_funding_share"))
        #expect(publicShare.machine == "0.9" && publicShare.value == fr("90 %"))
        let region = try #require(card.keyFigure("region_share"))
        #expect(region.machine == "0.15" && region.value == fr("15 %"))
        #expect(card.keyFigure("people_accompanied_total")?.basis == "40 personnes accompagnées en 2002")
    }

    @Test("the annual cost says 97 000 € par an, année non précisée (money.md §8)")
    func annualCostDated() async throws {
        let figure = try #require(await Self.card().keyFigure("annual_cost"))
        #expect(figure.machine == "97000")
        Expect.contains(figure.text, [fr("97 000 € par an"), "année non précisée"])
    }

    @Test("dashboard: the donut gives each type's yearly amount and share, the table 97 000 € per year in all")
    func dashboardDonut() async throws {
        let block = try #require(BlockView.all(in: await Self.site().file("tableaux-de-bord/overview/index.html")).first)
        #expect(block.title == "Part de chaque type de financeur (montants par an)")
        let description = try #require(block.chartDescription)
        Expect.contains(description, [fr("Région : 14 550 € (15 %)"), fr("État : 29 100 € (30 %)"), fr("Europe : 14 550 € (15 %)"),
                                      fr("Intercommunalité : 29 100 € (30 %)"), fr("Autofinancement : 9 700 € (10 %)")])
        #expect(block.table?.footer.first?.texts == [fr("97 000 €"), "0"])
    }

    @Test("dashboard: public share 90 %, Région 15 %, 40 people in 2002")
    func dashboardFigures() async throws {
        let blocks = BlockView.all(in: await Self.site().file("tableaux-de-bord/overview/index.html"))
        #expect(blocks.dropFirst().map { $0.figure?.text ?? "" } == [fr("90 %"), fr("15 %"), "40"])
        #expect(blocks.last?.table?.rows.first?.texts == ["40", "2002", "1 fiche sur 1"])
    }
}
