import Foundation
import Testing
@testable import PasserelleBuild
import PasserelleModel

/// Open data next to the pages: plain machine numbers, safe CSV, complete JSON.
@Suite("Build exports")
struct BuildExportTests {
    static func exported(_ path: String) async throws -> String {
        let directory = BuildSupport.makeTempDirectory("passerelle-export")
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Output")
        let report = await BuildSupport.build(output: output)
        #expect(report.succeeded)
        return try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    @Test("the cards CSV gives the seed figures as plain numbers with a dot")
    func cardsCSV() async throws {
        let lines = try await Self.exported(Exports.cardsCSV).components(separatedBy: "\r\n")
        #expect(lines.count == 4)
        #expect(lines[0] == "id,kind,title,url,carrier,territory,departments,regions,themes,budget_annual,budget_total,period_years,funding_total,"
                + "annual_cost,total_budget,public_funding_share,cost_per_person,cost_per_job,target_achievement,turnover_per_person,"
                + "people_accompanied_total,jobs_created_total")
        #expect(lines[1] == "cap-ondaine,project,Coopérative d'activités intercommunale,fiches/cap-ondaine/,si-vallee-ondaine,"
                + "Vallée de l'Ondaine,42,Auvergne-Rhône-Alpes,creation-activite cooperatives developpement-local,"
                + "97000,97000,1,97000,97000,97000,0.9,2425,,,3125,40,")
        #expect(lines[2] == "entreprendre-en-cooperant,initiative,Entreprendre en coopérant,fiches/entreprendre-en-cooperant/,"
                + "cc-caux-vallee-de-seine,Caux vallée de Seine,76,Normandie,insertion filieres developpement-local,"
                + "76666.6667,230000,3,230000,76666.6667,230000,1,,10952.381,0.7,,,21")
        #expect(lines[3] == "")
    }

    @Test("CSV text that a spreadsheet would run as a formula is kept as text", arguments: [
        ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""), ("+33 1", "'+33 1"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
    ])
    func csvInjection(_ text: String, _ encoded: String) {
        #expect(CSVCell.text(text).encoded == encoded)
    }

    @Test("CSV cells with commas, quotes or line breaks are quoted, quotes doubled")
    func csvQuoting() {
        #expect(CSVCell.text("a,b").encoded == "\"a,b\"")
        #expect(CSVCell.text("dit \"oui\"").encoded == "\"dit \"\"oui\"\"\"")
        #expect(CSVCell.text("deux\nlignes").encoded == "\"deux\nlignes\"")
        #expect(CSVCell.text("simple").encoded == "simple")
    }

    @Test("CSV numbers: 4 decimals at most, empty when not available")
    func csvNumbers() {
        #expect(CSVCell.number(0.78260869).encoded == "0.7826")
        #expect(CSVCell.number(10952.380952).encoded == "10952.381")
        #expect(CSVCell.number(nil).encoded == "")
    }

    @Test("an indicator that is not available is null in the JSON, as it is an empty cell in the CSV")
    func jsonNulls() async throws {
        let text = try await Self.exported(Exports.cardsJSON)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        let cap = try #require(rows.first { $0["id"] as? String == "cap-ondaine" })
        let indicators = try #require(cap["indicators"] as? [String: Any])
        #expect(indicators.keys.sorted() == ["annual_cost", "cost_per_job", "cost_per_person", "jobs_created_total",
                                             "people_accompanied_total", "public_funding_share", "target_achievement",
                                             "total_budget", "turnover_per_person"])
        #expect(indicators["cost_per_job"] is NSNull)
        #expect(indicators["annual_cost"] as? Double == 97000)
    }
}
