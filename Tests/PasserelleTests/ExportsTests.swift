import Foundation
import Testing
@testable import PasserelleBuild
@testable import PasserelleContent
@testable import PasserelleIndicators
@testable import PasserelleModel

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

    @Test("datapackage.json describes every CSV of the site with a typed Table Schema")
    func dataPackage() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-datapackage")
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Output")
        #expect(await BuildSupport.build(output: output).succeeded)
        let data = try Data(contentsOf: output.appendingPathComponent("data/datapackage.json"))
        let package = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(package["profile"] as? String == "tabular-data-package")
        let resources = try #require(package["resources"] as? [[String: Any]])
        let csvFiles = (FileManager.default.enumerator(atPath: output.appendingPathComponent("data").path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".csv") }.sorted()
        #expect(resources.compactMap { $0["path"] as? String }.sorted() == csvFiles)
        #expect(csvFiles.count == 52)
        let fiches = try #require(resources.first { $0["name"] as? String == "fiches" })
        let fields = (fiches["schema"] as? [String: Any])?["fields"] as? [[String: String]]
        #expect(fields?.first { $0["name"] == "cost_per_job" }?["type"] == "number")
        #expect(fields?.first { $0["name"] == "period_years" }?["type"] == "integer")
    }

    @Test("a funding line with every SCDL field is exported; the others are reported with what they lack")
    func scdl() async {
        let text = """
        ---
        kind: project
        title: "Atelier"
        carrier: asso
        budget: {amount: 50000}
        funding:
          - {funder: region, amount: 30000, convention_date: 2024-03-01, payment_conditions: staggered, eu_notification: false, decision_reference: "D-12"}
          - {funder: region, amount: 10000}
          - {funders: [region, asso], amount: 10000}
        ---
        """
        let (record, diagnostics) = ContentLoader.decodeRecord(text: text, file: "Content/projects/atelier.md", defaultID: "atelier")
        #expect(diagnostics.isEmpty)
        let region = Record(kind: .organisation, id: "region", title: "Région", file: "r.md",
                            payload: .organisation(Organisation(name: "Région Normandie", type: .region, siret: "23760001300017")))
        let asso = Record(kind: .organisation, id: "asso", title: "Asso", file: "a.md",
                          payload: .organisation(Organisation(name: "Atelier partagé", type: .association, siret: "12345678900017")))
        let site = Site(config: SiteConfig(title: "t"), dictionary: MetricDictionary(), records: [region, asso] + (record.map { [$0] } ?? []))
        let (engine, _) = IndicatorEngine.compile(site.dictionary)
        let (measures, _) = Pipeline.measure(site, engine)
        let (csv, report) = SCDLExport.files(site: site, measures: measures)
        #expect(csv.components(separatedBy: "\r\n")[1]
                == "Région Normandie,23760001300017,2024-03-01,D-12,Atelier partagé,12345678900017,Atelier,30000,aide en numéraire,Echelonné,,,non,0.6,")
        #expect(report == "card,funders,amount,status,missing\r\n"
                + "atelier,region,30000,exporté,\r\n"
                + "atelier,region,10000,incomplet,dateConvention; conditionsVersement; notificationUE\r\n"
                + "atelier,region asso,10000,non exportable,financement conjoint : pas d'attribuant unique\r\n")
    }
}
