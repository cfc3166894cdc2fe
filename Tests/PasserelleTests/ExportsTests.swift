import Foundation
import Testing
@testable import PasserelleBuild

/// Open-data exports: machine numbers, valid escaping, no spreadsheet formula injection.
@Suite("Open data exports")
struct ExportsTests {
    @Test("a text cell starting with = + - @ is neutralised with an apostrophe", arguments: [
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("+33 1 23", "'+33 1 23"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
    ])
    func formulaInjection(input: String, expected: String) {
        #expect(CSVCell.text(input).encoded == expected)
    }

    @Test("a cell with a comma, a quote or a line break is quoted, quotes doubled")
    func quoting() {
        #expect(CSVCell.text("Caux, vallée").encoded == "\"Caux, vallée\"")
        #expect(CSVCell.text("dit \"le SIVO\"").encoded == "\"dit \"\"le SIVO\"\"\"")
        #expect(CSVCell.text("a\nb").encoded == "\"a\nb\"")
        #expect(CSVCell.text("Cap Ondaine").encoded == "Cap Ondaine")
    }

    @Test("numbers are plain machine numbers, negative ones are not neutralised, missing ones are empty")
    func numbers() {
        #expect(CSVCell.number(76666.666666).encoded == "76666.6667")
        #expect(CSVCell.number(0.9).encoded == "0.9")
        #expect(CSVCell.number(-5).encoded == "-5")
        #expect(CSVCell.number(nil).encoded == "")
    }

    @Test("the example site's cards export has one row per card with their figures")
    func exampleExport() async throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let analysis = await Pipeline.analyse(content: repository.appendingPathComponent("Content").path)
        let files = Exports.files(site: analysis.site, measures: analysis.measures, engine: analysis.engine)
        #expect(files.map(\.path) == ["data/fiches.csv", "data/fiches.json"])
        let csv = String(decoding: files[0].contents, as: UTF8.self)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "id,kind,title,url,carrier,territory,departments,regions,themes,budget_annual,budget_total,period_years,funding_total,annual_cost,total_budget,public_funding_share,cost_per_person,cost_per_job,target_achievement,turnover_per_person")
        #expect(lines[1] == "cap-ondaine,project,Coopérative d'activités intercommunale,fiches/cap-ondaine/,si-vallee-ondaine,Vallée de l'Ondaine,42,Auvergne-Rhône-Alpes,creation-activite cooperatives developpement-local,97000,97000,1,97000,97000,97000,0.9,2425,,,3125")
        #expect(lines[2] == "entreprendre-en-cooperant,initiative,Entreprendre en coopérant,fiches/entreprendre-en-cooperant/,cc-caux-vallee-de-seine,Caux vallée de Seine,76,Normandie,insertion filieres developpement-local,76666.6667,230000,3,230000,76666.6667,230000,1,,10952.381,0.7,")
        let json = try JSONSerialization.jsonObject(with: Data(files[1].contents)) as? [[String: Any]]
        #expect(json?.count == 2)
        #expect((json?[1]["indicators"] as? [String: Any])?["cost_per_job"] as? Double == 10952.381)
    }

    @Test("a title with quotes and a script tag stays a JSON string")
    func jsonEscaping() throws {
        let row = Exports.CardRow(id: "x", kind: "project", title: "\"</script><script>alert(1)</script>", url: "fiches/x/",
                                  carrier: nil, territory: nil, departments: [], regions: [], themes: [], budgetAnnual: nil,
                                  budgetTotal: nil, periodYears: nil, fundingTotal: nil, indicators: [:])
        let text = Exports.json([row])
        let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        #expect(decoded?.first?["title"] as? String == "\"</script><script>alert(1)</script>")
        #expect(text.contains(#""title" : "\"<\/script><script>alert(1)<\/script>""#) || text.contains(#""title" : "\"</script><script>alert(1)</script>""#))
    }
}
