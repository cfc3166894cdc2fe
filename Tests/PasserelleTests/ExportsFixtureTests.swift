import Foundation
import Testing
@testable import PasserelleBuild
@testable import PasserelleContent
@testable import PasserelleExports
import PasserelleIndicators
import PasserelleModel

/// The open data of small sites with the shapes of real fiches: funders without amounts, a joint one-off grant,
/// a value out of range, a card in two themes and one with none. Exact lines, read from the measure stage only.
@Suite("Open data of fixture sites")
struct ExportsFixtureTests {
    /// `Tests/Fixtures/<path>/Content` analysed, and its open data by path.
    struct Exported {
        var analysis: Analysis
        var files: [String: String]
        var diagnostics: [Diagnostic]

        func lines(_ path: String) -> [String] {
            (files[path] ?? "").components(separatedBy: "\r\n")
        }

        func json(_ path: String) throws -> [[String: Any]] {
            let text = try #require(files[path], "no \(path)")
            return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        }
    }

    static func exported(_ fixture: String) async -> Exported {
        let content = BuildSupport.root.appendingPathComponent("Tests/Fixtures/\(fixture)/Content").path
        let analysis = await Pipeline.analyse(content: content)
        let (files, diagnostics) = Exports.files(site: analysis.site, figures: analysis.figures)
        var byPath: [String: String] = [:]
        for file in files { byPath[file.path] = String(decoding: file.contents, as: UTF8.self) }
        return Exported(analysis: analysis, files: byPath, diagnostics: diagnostics)
    }

    static let site = "exports/site"

    @Test("the fixture reads without error and its open data without diagnostic")
    func clean() async {
        let exported = await Self.exported(Self.site)
        #expect(exported.analysis.diagnostics.isEmpty, "\(exported.analysis.diagnostics)")
        #expect(exported.diagnostics.isEmpty, "\(exported.diagnostics)")
    }

    @Test("fiches.csv: money per horizon, indicators with approximate, year and reason; an overflow is an empty cell")
    func cards() async {
        let lines = await Self.exported(Self.site).lines(Exports.cardsCSV)
        #expect(lines == [
            "id,kind,title,url,carrier,territory,departments,regions,themes,"
                + "budget_per_year,budget_per_year_reason,budget_annual_as_written,budget_multi_year,budget_multi_year_years,"
                + "budget_one_off,budget_unstated,budget_in_kind,"
                + "funding_per_year,funding_annual_as_written,funding_multi_year,funding_multi_year_years,funding_one_off,"
                + "funding_not_broken_down,funding_unstated,funding_in_kind,funding_lines_without_amount,"
                + "annual_cost,annual_cost_approximate,annual_cost_year,annual_cost_reason,"
                + "people,people_approximate,people_year,people_reason,"
                + "overflow,overflow_approximate,overflow_year,overflow_reason,"
                + "region_share,region_share_approximate,region_share_year,region_share_reason",
            "atelier-cinq,project,Atelier aux cinq financeurs,fiches/atelier-cinq/,atelier-asso,Pays de Rennes,35,Bretagne,insertion reemploi,"
                + "100000,,100000,,,,,,"
                + "20000,20000,,,,,,,5,"
                + "100000,false,,,10,false,2020,,,,,missing,0.2,false,,",
            "hangar-commun,project,Un hangar commun,fiches/hangar-commun/,atelier-asso,Pays de Morlaix,29,Bretagne,reemploi,"
                + ",no_yearly_budget,,,,240000,,,"
                + ",,,,240000,,,,0,"
                + ",,,no_yearly_budget,14,false,2013,,,,,missing,,,,inside_joint_line",
            "sans-theme,project,\"'=Sans thème, ni territoire\",fiches/sans-theme/,,,,,,"
                + "1000000000000000,,1000000000000000,,,,,,"
                + ",,,,,,,,0,"
                + "1000000000000000,false,,,5,false,2021,,,,,not_finite,,,,no_funding",
            "",
        ])
    }

    @Test("fiches.json: the same values, an overflow is null with its reason, and the file is never emptied")
    func cardsJSON() async throws {
        let exported = await Self.exported(Self.site)
        let rows = try exported.json(Exports.cardsJSON)
        #expect(rows.map { $0["id"] as? String } == ["atelier-cinq", "hangar-commun", "sans-theme"])
        let overflow = try #require(rows.last)
        #expect(overflow["overflow"] is NSNull)
        #expect(overflow["overflow_approximate"] is NSNull)
        #expect(overflow["overflow_reason"] as? String == "not_finite")
        #expect(overflow["title"] as? String == "=Sans thème, ni territoire")
        #expect(overflow["budget_per_year"] as? Double == 1e15)
        #expect(rows[0]["funding_lines_without_amount"] as? Int == 5)
        #expect(rows[0]["funding_one_off"] is NSNull)
        #expect(rows[1]["funding_one_off"] as? Double == 240000)
        #expect(rows[1]["funding_per_year"] is NSNull)
        #expect(rows[0].count == 42)
    }

    @Test("funding by type: a joint one-off grant is one-off and joint, never per year; five lines without amount keep a row with no money")
    func fundingByType() async {
        let lines = await Self.exported(Self.site).lines("data/tableaux-de-bord/tableau/financements-par-type.csv")
        #expect(lines == [
            "group,per_year,annual_as_written,multi_year_as_written,multi_year_years,one_off,not_broken_down,unstated,lines_without_amount,lines,cards",
            "region,20000,20000,,,,,,0,1,1",
            "state,,,,,,,,5,5,1",
            "joint,,,,,240000,,,0,1,1",
            "",
        ])
    }

    @Test("funding by region and type: every group keeps a row, the cards without a region and without funding too")
    func stacked() async {
        let lines = await Self.exported(Self.site).lines("data/tableaux-de-bord/tableau/financements-par-type-par-region.csv")
        #expect(lines == [
            "group,label,is_without_group,group_cards,funder_type,per_year,annual_as_written,multi_year_as_written,multi_year_years,"
                + "one_off,not_broken_down,unstated,lines_without_amount,lines,cards",
            "Bretagne,Bretagne,false,2,region,20000,20000,,,,,,0,1,1",
            "Bretagne,Bretagne,false,2,state,,,,,,,,5,5,1",
            "Bretagne,Bretagne,false,2,joint,,,,,240000,,,0,1,1",
            "none,,true,1,none,,,,,,,,0,0,0",
            "",
        ])
    }

    @Test("an indicator by theme: the card without a theme in `none`, and the total over distinct cards since themes overlap")
    func byTheme() async throws {
        let exported = await Self.exported(Self.site)
        #expect(exported.lines("data/tableaux-de-bord/tableau/personnes-accompagnees-par-theme.csv") == [
            "group,label,is_without_group,value,approximate,year,cards_reporting,cards,mixes_horizons,horizons",
            "insertion,Insertion,false,10,false,2020,1,1,false,",
            "reemploi,Réemploi,false,24,false,,2,2,false,",
            "none,,true,5,false,2021,1,1,false,",
            "all_distinct,,false,29,false,,3,3,false,",
            "",
        ])
        let rows = try exported.json("data/tableaux-de-bord/tableau/personnes-accompagnees-par-theme.json")
        #expect(rows.map { $0["group"] as? String } == ["insertion", "reemploi", "none", "all_distinct"])
        #expect(rows[1]["year"] is NSNull)
        #expect(rows[3]["value"] as? Int == 29)
    }

    @Test("an indicator whose only value overflowed: an empty value, its coverage, and the file still written")
    func overflowBlock() async throws {
        let exported = await Self.exported(Self.site)
        #expect(exported.lines("data/tableaux-de-bord/tableau/valeur-hors-limites.csv") == [
            "group,label,is_without_group,value,approximate,year,cards_reporting,cards,mixes_horizons,horizons",
            "site,Essai des données ouvertes,false,,,,0,3,false,",
            "",
        ])
        #expect(try exported.json("data/tableaux-de-bord/tableau/valeur-hors-limites.json").first?["value"] is NSNull)
    }

    @Test("financeurs.csv: one row per funder and line, joint lines for each of their funders, unknown amounts empty")
    func funders() async {
        let lines = await Self.exported(Self.site).lines(Exports.fundersCSV)
        let joint = "240000,one_off,true,2012,,,joint,true,departement-finistere feder-bretagne region-bretagne"
        #expect(lines == [
            "funder,funder_type,card,line,amount,horizon,horizon_inherited,year,share_of_budget,leverage,leverage_gap,joint,funders",
            "departement-finistere,department,hangar-commun,1," + joint,
            "dreets-bretagne,state,atelier-cinq,3,,annual,true,,,,amount_not_stated,false,dreets-bretagne",
            "etat,state,atelier-cinq,1,,annual,true,,,,amount_not_stated,false,etat",
            "feder-bretagne,europe,hangar-commun,1," + joint,
            "ministere-travail,state,atelier-cinq,5,,annual,true,,,,amount_not_stated,false,ministere-travail",
            "pole-emploi,state,atelier-cinq,4,,annual,true,,,,amount_not_stated,false,pole-emploi",
            "prefecture-ille-et-vilaine,state,atelier-cinq,2,,annual,true,,,,amount_not_stated,false,prefecture-ille-et-vilaine",
            "region-bretagne,region,atelier-cinq,6,20000,annual,true,,0.2,5,,false,region-bretagne",
            "region-bretagne,region,hangar-commun,1," + joint,
            "",
        ])
    }

    @Test("generated pages: their cards with the columns of fiches.csv, one row per indicator, and a region's funding by type")
    func generated() async {
        let exported = await Self.exported(Self.site)
        let scope = GeneratedScope.funderType(.state)
        #expect(exported.lines(Exports.cardsStem(scope) + ".csv").first == exported.lines(Exports.cardsCSV).first)
        #expect(exported.lines(Exports.cardsStem(scope) + ".csv").dropFirst().map { $0.prefix(13) } == ["atelier-cinq,", ""])
        // A funder type's page shows only the results of the cards it co-funds, never their budgets as its own.
        #expect(exported.lines(Exports.summaryStem(scope) + ".csv") == [
            "indicator,label,unit,value,approximate,year,cards_reporting,cards,mixes_horizons,horizons",
            "people,Personnes accompagnées,people,10,false,2020,1,1,false,",
            "overflow,Valeur hors limites,number,,,,0,1,false,",
            "",
        ])
        // Its own money is in financeurs.csv, line by line; the page has no funding block of the cards' money.
        #expect(exported.files[Exports.fundingStem(scope) + ".csv"] == nil)
        let region = GeneratedScope.region("Bretagne")
        #expect(exported.lines(Exports.summaryStem(region) + ".csv")[1] == "annual_cost,Coût annuel,EUR,100000,false,,1,2,false,annual")
        #expect(exported.lines(Exports.fundingStem(region) + ".csv") == [
            "group,per_year,annual_as_written,multi_year_as_written,multi_year_years,one_off,not_broken_down,unstated,lines_without_amount,lines,cards",
            "region,20000,20000,,,,,,0,1,1",
            "state,,,,,,,,5,5,1",
            "joint,,,,,240000,,,0,1,1",
            "",
        ])
    }

    @Test("datapackage.json lists every CSV exactly once, every field with a description, every JSON beside its CSV")
    func dataPackage() async throws {
        let exported = await Self.exported(Self.site)
        let package = try #require(try JSONSerialization.jsonObject(with: Data((exported.files[Exports.dataPackage] ?? "").utf8)) as? [String: Any])
        #expect(package["profile"] as? String == "tabular-data-package")
        #expect(package["name"] as? String == "essai-des-donnees-ouvertes")
        let resources = try #require(package["resources"] as? [[String: Any]])
        let paths = resources.compactMap { $0["path"] as? String }
        // The spreadsheet copies (`-tableur.csv`) are presentation copies, beside their CSV, not resources of their own.
        let csvFiles = exported.files.keys.filter { $0.hasSuffix(".csv") && !$0.hasSuffix("-tableur.csv") }
            .map { String($0.dropFirst("data/".count)) }.sorted()
        #expect(paths.sorted() == csvFiles)
        #expect(exported.files.keys.filter { $0.hasSuffix("-tableur.csv") }.map { String($0.dropFirst("data/".count).dropLast("-tableur.csv".count)) + ".csv" }
            .sorted() == csvFiles)
        #expect(Set(paths).count == paths.count)
        #expect(Set(resources.compactMap { $0["name"] as? String }).count == resources.count)
        for resource in resources {
            let fields = try #require((resource["schema"] as? [String: Any])?["fields"] as? [[String: String]])
            #expect(fields.allSatisfy { ($0["description"] ?? "").count > 10 }, "\(resource["name"] ?? "")")
            #expect(Set(fields.compactMap { $0["name"] }).count == fields.count)
        }
        for path in exported.files.keys where path.hasSuffix(".json") && path != Exports.dataPackage {
            #expect(exported.files[String(path.dropLast(5)) + ".csv"] != nil, "\(path)")
        }
        let fiches = try #require(resources.first { $0["name"] as? String == "fiches" })
        let fields = try #require((fiches["schema"] as? [String: Any])?["fields"] as? [[String: String]])
        #expect(fields.first { $0["name"] == "overflow" }?["type"] == "number")
        #expect(fields.first { $0["name"] == "overflow_year" }?["type"] == "integer")
        #expect(fields.first { $0["name"] == "overflow_approximate" }?["type"] == "boolean")
        #expect(fields.first { $0["name"] == "overflow_reason" }?["description"]?.contains("raisons.csv") == true)
    }

    @Test("every JSON file has the rows and the numbers of its CSV")
    func jsonMatchesCSV() async throws {
        let exported = await Self.exported(Self.site)
        for path in exported.files.keys.sorted() where path.hasSuffix(".json") && path != Exports.dataPackage {
            let rows = try exported.json(path)
            let csv = exported.lines(String(path.dropLast(5)) + ".csv")
            #expect(rows.count == csv.count - 2, "\(path)")
        }
    }

    @Test("SCDL: a public line with every field is exported with its amount as written, whatever its horizon; the others are reported")
    func scdl() throws {
        let text = """
        ---
        kind: project
        title: "Atelier"
        carrier: asso
        budget:
          - {amount: 50000, period: annual}
          - {amount: 20000, period: one_off, year: 2024, nature: investment}
        funding:
          - {funder: region, amount: 30000, period: annual, convention_date: 2024-03-01, payment_conditions: staggered, eu_notification: false, decision_reference: "D-12"}
          - {funder: region, amount: 20000, period: one_off, in_kind: true, convention_date: 2024-05-02, payment_conditions: single, eu_notification: false}
          - {funder: region, amount: 10000}
          - {funders: [region, asso], amount: 10000}
          - {funder: asso}
        ---
        """
        let (record, diagnostics) = ContentLoader.decodeRecord(text: text, file: "Content/projects/atelier.md", defaultID: "atelier")
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        let region = Record(kind: .organisation, id: "region", title: "Région", file: "r.md",
                            payload: .organisation(Organisation(name: "Région Normandie", type: .region, siret: "23760001300017")))
        let asso = Record(kind: .organisation, id: "asso", title: "Asso", file: "a.md",
                          payload: .organisation(Organisation(name: "Atelier partagé", type: .association, siret: "12345678900017")))
        let site = Site(config: SiteConfig(title: "t"), dictionary: MetricDictionary(), records: [region, asso] + (record.map { [$0] } ?? []))
        let (engine, _) = IndicatorEngine.compile(site.dictionary)
        let (measures, _) = Pipeline.measure(site, engine)
        let figures = SiteMeasures.compute(site: site, cards: measures, indicators: engine.indicators)
        let tables = SCDLExport.tables(site: site, figures: figures)
        #expect(tables.map(\.csvPath) == [SCDLExport.csvPath, SCDLExport.reportPath])
        #expect(tables.map(\.hasJSON) == [false, false])
        #expect(tables[0].csv().components(separatedBy: "\r\n") == [
            "nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,objet,montant,nature,"
                + "conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide",
            "Région Normandie,23760001300017,2024-03-01,D-12,Atelier partagé,12345678900017,Atelier,30000,aide en numéraire,Echelonné,,,non,0.6,",
            "Région Normandie,23760001300017,2024-05-02,,Atelier partagé,12345678900017,Atelier,20000,aide en nature,Unique,,,non,1,",
            "",
        ])
        #expect(tables[1].csv() == "card,line,funders,amount,horizon,status,missing\r\n"
                + "atelier,1,region,30000,annual,exporté,\r\n"
                + "atelier,2,region,20000,one_off,exporté,\r\n"
                + "atelier,3,region,10000,not_broken_down,incomplet,dateConvention; conditionsVersement; notificationUE\r\n"
                + "atelier,4,region asso,10000,not_broken_down,non exportable,financement conjoint : pas d'attribuant unique\r\n"
                + "atelier,5,asso,,not_broken_down,non exportable,financeur non public : pas une subvention\r\n")
        #expect(tables.allSatisfy { $0.problems.isEmpty })
    }

    // MARK: The money fixtures

    @Test("one-off-joint: the joint one-off grant is in the one-off column, never per year, and never split")
    func oneOffJoint() async {
        let exported = await Self.exported("money/one-off-joint")
        #expect(exported.diagnostics.isEmpty)
        let funding = exported.lines(Exports.blockStem(site: exported.analysis.site, dashboardID: "overview", index: 0) + ".csv")
        #expect(Array(funding.dropFirst()) == ["joint,,,,,240000,,,0,1,1", ""])
        let cards = exported.lines(Exports.cardsCSV)
        let header = cards[0].components(separatedBy: ",")
        let row = cards[1].components(separatedBy: ",")
        func value(_ column: String) -> String? { header.firstIndex(of: column).map { row[$0] } }
        #expect(value("funding_one_off") == "240000")
        #expect(value("funding_per_year") == "")
        #expect(value("annual_cost") == "")
        #expect(value("annual_cost_reason") == "no_yearly_budget")
        #expect(value("region_share_reason") == "inside_joint_line")
        #expect(!(exported.files[Exports.fundersCSV] ?? "").contains("80000"))
    }

    @Test("unknown-amounts: one row per funder type, each with a line without amount and no money, never 0")
    func unknownAmounts() async {
        let exported = await Self.exported("money/unknown-amounts")
        let funding = exported.lines(Exports.blockStem(site: exported.analysis.site, dashboardID: "overview", index: 0) + ".csv")
        #expect(Array(funding.dropFirst()) == [
            "region,,,,,,,,1,1,1", "state,,,,,,,,1,1,1", "department,,,,,,,,1,1,1", "intercommunality,,,,,,,,1,1,1",
            "public_agency,,,,,,,,1,1,1", "",
        ])
        let cards = exported.lines(Exports.cardsCSV)
        let header = cards[0].components(separatedBy: ",")
        let row = cards[1].components(separatedBy: ",")
        func value(_ column: String) -> String? { header.firstIndex(of: column).map { row[$0] } }
        #expect(value("budget_unstated") == "1250400")
        #expect(value("budget_per_year") == "")
        #expect(value("funding_lines_without_amount") == "5")
        #expect(value("funding_per_year") == "")
    }

    @Test("all-shapes: funding by type per horizon, as money.md's oracle works it out (EXPECTED.md A.1)")
    func allShapesFunding() async {
        let exported = await Self.exported("money/all-shapes")
        #expect(exported.diagnostics.isEmpty)
        #expect(Array(exported.lines(Exports.blockStem(site: exported.analysis.site, dashboardID: "overview", index: 0) + ".csv").dropFirst()) == [
            "region,79216.6667,62550,50000,3,,,,1,4,4",
            "state,65100,65100,,,,,,1,3,3",
            "europe,14550,14550,,,,,,0,1,1",
            "department,30800,30800,,,,,,1,3,3",
            "intercommunality,89100,29100,180000,3,8000,15000,,1,5,5",
            "public_agency,,,,,,,,1,1,1",
            "self_financing,81700,81700,,,,,,0,2,2",
            "joint,,,,,240000,,,0,1,1",
            "",
        ])
    }

    // MARK: The command line's tables

    @Test("passerelle indicators reads the dashboards' computation and writes the same cells as their files")
    func commandLineAgrees() async {
        let exported = await Self.exported(Self.site)
        let figures = exported.analysis.figures
        let byTheme = Exports.indicatorReport(site: exported.analysis.site, figures: figures, by: .theme)
        let people = exported.lines("data/tableaux-de-bord/tableau/personnes-accompagnees-par-theme.csv")
        #expect(byTheme.indicators.csv().components(separatedBy: "\r\n").filter { $0.hasPrefix("people,") }
                == people.dropFirst().dropLast().map { "people," + $0 })
        let byRegion = Exports.indicatorReport(site: exported.analysis.site, figures: figures, by: .region)
        #expect(byRegion.funding.csv() == exported.files["data/tableaux-de-bord/tableau/financements-par-type-par-region.csv"])
        let bySite = Exports.indicatorReport(site: exported.analysis.site, figures: figures, by: .site)
        #expect(bySite.funding.csv() == exported.files["data/tableaux-de-bord/tableau/financements-par-type.csv"])
        #expect(bySite.csv == bySite.indicators.csv() + "\r\n" + bySite.funding.csv())
        #expect(bySite.indicators.csv().components(separatedBy: "\r\n") == [
            "indicator,group,label,is_without_group,value,approximate,year,cards_reporting,cards,mixes_horizons,horizons",
            "annual_cost,site,Essai des données ouvertes,false,1000000000100000,false,,2,3,false,annual",
            "people,site,Essai des données ouvertes,false,29,false,,3,3,false,",
            "overflow,site,Essai des données ouvertes,false,,,,0,3,false,",
            "region_share,site,Essai des données ouvertes,false,0.2,false,,1,3,false,",
            "",
        ])
    }

    @Test("passerelle indicators --format json: the indicators and the funding, as the tables' JSON")
    func commandLineJSON() async throws {
        let exported = await Self.exported(Self.site)
        let report = Exports.indicatorReport(site: exported.analysis.site, figures: exported.analysis.figures, by: .site)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(object["by"] as? String == "site")
        let indicators = try #require(object["indicators"] as? [[String: Any]])
        #expect(indicators.map { $0["indicator"] as? String } == ["annual_cost", "people", "overflow", "region_share"])
        #expect(indicators[2]["value"] is NSNull)
        let funding = try #require(object["funding_by_type"] as? [[String: Any]])
        #expect(funding.map { $0["group"] as? String } == ["region", "state", "joint"])
        #expect(funding[1]["per_year"] is NSNull)
        #expect(funding[1]["lines_without_amount"] as? Int == 5)
        #expect(funding[2]["one_off"] as? Int == 240000)
    }
}
