import Foundation
import Testing
@testable import PasserelleBuild
@testable import PasserelleExports
import PasserelleModel

/// Open data next to the pages of a real build: the seed figures as machine numbers, every CSV described once,
/// and `passerelle indicators` printing the same cells as the files.
@Suite("Open data of a build", .serialized)
struct ExportsBuildTests {
    /// Builds `content` (the example site by default) and returns the files of `data/` by path.
    static func build(content: String = BuildSupport.content) async throws -> [String: String] {
        let directory = BuildSupport.makeTempDirectory("passerelle-export")
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Output")
        let report = await BuildSupport.build(content: content, output: output)
        #expect(report.succeeded, "\(report.diagnostics.errors)")
        var files: [String: String] = [:]
        for (path, data) in BuildSupport.snapshot(output) where path.hasPrefix("data/") {
            files[path] = String(decoding: data, as: UTF8.self)
        }
        return files
    }

    @Test("the cards CSV gives the seed figures as plain numbers with a dot, per horizon")
    func cardsCSV() async throws {
        let lines = try #require(try await Self.build()[Exports.cardsCSV]).components(separatedBy: "\r\n")
        #expect(lines.count == 4)
        let indicators = ["annual_cost", "total_budget", "public_funding_share", "public_one_off_share", "cost_per_person", "cost_per_job",
                          "target_achievement", "turnover_per_person", "people_accompanied_total", "jobs_created_total"]
        #expect(lines[0] == "id,kind,title,url,carrier,territory,departments,regions,themes,"
                + "budget_per_year,budget_per_year_reason,budget_annual_as_written,budget_multi_year,budget_multi_year_years,"
                + "budget_one_off,budget_unstated,budget_in_kind,"
                + "funding_per_year,funding_annual_as_written,funding_multi_year,funding_multi_year_years,funding_one_off,"
                + "funding_not_broken_down,funding_unstated,funding_in_kind,funding_lines_without_amount,"
                + indicators.map { "\($0),\($0)_approximate,\($0)_year,\($0)_reason" }.joined(separator: ","))
        // Cap Ondaine: 97 000 € per year, 90 % public, 2 425 € per person (a cost of unknown year over 40 people in 2002:
        // no year), 3 125 € of turnover (2002).
        #expect(lines[1] == "cap-ondaine,project,Coopérative d'activités intercommunale,fiches/cap-ondaine/,si-vallee-ondaine,"
                + "Vallée de l'Ondaine,42,Auvergne-Rhône-Alpes,creation-activite cooperatives developpement-local,"
                + "97000,,97000,,,,,,97000,97000,,,,,,,0,"
                + "97000,false,,,97000,false,,,0.9,false,,,,,,no_funding_of_horizon,2425,false,,,,,,missing,,,,missing,"
                + "3125,false,2002,,40,false,2002,,,,,missing")
        // Caux: 230 000 € over 3 years, 76 667 € per year, all of it public (100 %; the Caisse des Dépôts' 2006 support is
        // one-off, its amount not stated), 10 952 € per job, 21 jobs for « une trentaine »: ≈ 70 %.
        #expect(lines[2] == "entreprendre-en-cooperant,initiative,Entreprendre en coopérant,fiches/entreprendre-en-cooperant/,"
                + "cc-caux-vallee-de-seine,Caux vallée de Seine,76,Normandie,insertion filieres developpement-local,"
                + "76666.6667,,,230000,3,,,,76666.6667,,230000,3,,,,,1,"
                + "76666.6667,false,,,230000,false,,,1,false,,,,,,amounts_not_stated,,,,missing,"
                + "10952.381,false,,,0.7,true,,,,,,missing,,,,missing,21,false,,")
        #expect(lines[3] == "")
    }

    @Test("datapackage.json describes every CSV of the built site exactly once")
    func dataPackage() async throws {
        let files = try await Self.build()
        let package = try #require(try JSONSerialization.jsonObject(with: Data((files[Exports.dataPackage] ?? "").utf8)) as? [String: Any])
        let resources = try #require(package["resources"] as? [[String: Any]])
        let paths = resources.compactMap { $0["path"] as? String }
        // Every CSV but the spreadsheet copies (`-tableur.csv`), which hold the same data presented for a spreadsheet.
        #expect(paths.sorted() == files.keys.filter { $0.hasSuffix(".csv") && !$0.hasSuffix("-tableur.csv") }
            .map { String($0.dropFirst("data/".count)) }.sorted())
        #expect(Set(paths).count == paths.count)
        let licenses = package["licenses"] as? [[String: String]]
        #expect(licenses == [["title": "CC BY-SA 4.0", "path": "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"]])
    }

    @Test("an indicator is null in the JSON where it is an empty cell in the CSV, with its reason")
    func jsonNulls() async throws {
        let text = try #require(try await Self.build()[Exports.cardsJSON])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        let cap = try #require(rows.first { $0["id"] as? String == "cap-ondaine" })
        #expect(cap["cost_per_job"] is NSNull)
        #expect(cap["cost_per_job_reason"] as? String == "missing")
        #expect(cap["annual_cost"] as? Double == 97000)
        #expect(cap["people_accompanied_total_year"] as? Int == 2002)
    }

    @Test("a site with a value out of range builds, and its open data holds an empty value instead of an emptied file")
    func overflowBuilds() async throws {
        let content = BuildSupport.root.appendingPathComponent("Tests/Fixtures/exports/site/Content").path
        let files = try await Self.build(content: content)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data((files[Exports.cardsJSON] ?? "").utf8)) as? [[String: Any]])
        #expect(rows.count == 3)
        #expect(rows.last?["overflow"] is NSNull)
        #expect(rows.last?["overflow_reason"] as? String == "not_finite")
    }

    // MARK: passerelle indicators

    /// Runs the built `passerelle` in `directory`: its standard output only.
    static func passerelle(_ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        try ProcessTests.run(arguments, in: directory, outputOnly: true)
    }

    @Test("passerelle indicators --format csv prints the cells of the dashboards' files, with the funding section")
    func commandCSV() async throws {
        let files = try await Self.build()
        let run = try Self.passerelle(["indicators", "--by", "region", "--format", "csv"], in: BuildSupport.root)
        #expect(run.status == 0)
        let sections = run.output.components(separatedBy: "\r\n\r\n")
        #expect(sections.count == 2)
        // The stacked block of the example dashboard is funding by region: the very file's text.
        #expect(sections.last.map { $0 } == files["data/tableaux-de-bord/vue-d-ensemble/financements-par-an-par-region-et-type-de-financeur.csv"])
        // The block « annual_cost by region » of the dashboard, row for row.
        let block = try #require(files["data/tableaux-de-bord/vue-d-ensemble/cout-annuel-des-fiches-par-region.csv"]).components(separatedBy: "\r\n")
        let printed = sections[0].components(separatedBy: "\r\n").filter { $0.hasPrefix("annual_cost,") }
        #expect(printed == block.dropFirst().dropLast().map { "annual_cost," + $0 })
        #expect(printed == ["annual_cost,Auvergne-Rhône-Alpes,Auvergne-Rhône-Alpes,false,97000,false,,1,1,false,annual",
                            "annual_cost,Normandie,Normandie,false,76666.6667,false,,1,1,false,annual"])
    }

    @Test("passerelle indicators --format json and --format table give the same figures")
    func commandJSONAndTable() throws {
        let json = try Self.passerelle(["indicators", "--format", "json"], in: BuildSupport.root)
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let indicators = try #require(object["indicators"] as? [[String: Any]])
        let cost = try #require(indicators.first { $0["indicator"] as? String == "cost_per_person" })
        #expect(cost["value"] as? Double == 2425)
        let funding = try #require(object["funding_by_type"] as? [[String: Any]])
        let region = try #require(funding.first { $0["group"] as? String == "region" })
        #expect(region["per_year"] as? Double == 31216.6667)
        #expect(region["multi_year_as_written"] as? Double == 50000)
        let table = try Self.passerelle(["indicators"], in: BuildSupport.root)
        #expect(table.status == 0)
        #expect(table.output.contains("2\u{202F}425\u{00A0}€"))
        #expect(table.output.contains("31\u{202F}217\u{00A0}€"))
        #expect(table.output.contains("50\u{202F}000\u{00A0}€ (over 3 years)"))
        #expect(table.output.contains("not stated"))
    }
}
