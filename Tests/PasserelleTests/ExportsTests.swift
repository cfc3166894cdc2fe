import Foundation
import Testing
@testable import PasserelleExports
@testable import PasserelleIndicators
import PasserelleModel

/// The open data's table model and its writers: one table, written as CSV, JSON and a datapackage.json resource.
@Suite("Open data: the table model and its writers")
struct ExportsTests {
    typealias Cell = DataTable.Cell

    static let sample = DataTable(
        stem: "data/essai", title: "Essai", description: "Une table d'essai.",
        columns: [.init("id", .string, "Identifiant."), .init("amount", .number, "Montant en euros."),
                  .init("lines", .integer, "Nombre de lignes."), .init("joint", .boolean, "Ligne conjointe.")],
        primaryKey: ["id"],
        rows: [[.text("a"), .number(76666.666666), .integer(3), .boolean(true)],
               [.text("b, \"c\""), .number(nil), .integer(nil), .boolean(nil)],
               [.text("=1+1"), .number(.infinity), .integer(0), .boolean(false)]])

    @Test("a text cell starting with = + - @ is neutralised with an apostrophe", arguments: [
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("+33 1 23", "'+33 1 23"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\r\n=cmd", "\"'\r\n=cmd\""),
    ])
    func formulaInjection(input: String, expected: String) {
        #expect(Cell.text(input).csv == expected)
        #expect(CSVCell.text(input).encoded == expected)
    }

    @Test("a cell with a comma, a quote or a line break (LF, CR or CRLF) is quoted, quotes doubled")
    func quoting() {
        #expect(Cell.text("Caux, vallée").csv == "\"Caux, vallée\"")
        #expect(Cell.text("dit \"le SIVO\"").csv == "\"dit \"\"le SIVO\"\"\"")
        #expect(Cell.text("a\nb").csv == "\"a\nb\"")
        #expect(Cell.text("a\r\nb").csv == "\"a\r\nb\"")
        #expect(Cell.text("Cap Ondaine").csv == "Cap Ondaine")
        #expect(Cell.text(nil).csv == "")
    }

    @Test("numbers are machine numbers: dot decimal, 4 decimals, no grouping, never an exponent; unknown or not finite is empty")
    func numbers() {
        #expect(Cell.number(76666.666666).csv == "76666.6667")
        #expect(Cell.number(0.78260869).csv == "0.7826")
        #expect(Cell.number(0.9).csv == "0.9")
        #expect(Cell.number(-5).csv == "-5")
        #expect(Cell.number(1e20).csv == "100000000000000000000")
        #expect(Cell.number(nil).csv == "")
        #expect(Cell.number(.infinity).csv == "")
        #expect(Cell.number(-.infinity).csv == "")
        #expect(Cell.number(.nan).csv == "")
        #expect(Cell.integer(2002).csv == "2002")
        #expect(Cell.boolean(true).csv == "true")
        #expect(Cell.boolean(nil).csv == "")
        #expect(CSVCell.number(0.0).encoded == "0")
    }

    @Test("the CSV is RFC 4180: header of the column names, CRLF line ends, the same cells as the JSON")
    func csv() {
        #expect(Self.sample.csv() == "id,amount,lines,joint\r\na,76666.6667,3,true\r\n\"b, \"\"c\"\"\",,,\r\n'=1+1,,0,false\r\n")
    }

    @Test("the JSON is an array of objects in column order: numbers as numbers, unknown and not finite as null, text unguarded")
    func json() throws {
        #expect(Self.sample.json() == """
            [
              {
                "id": "a",
                "amount": 76666.6667,
                "lines": 3,
                "joint": true
              },
              {
                "id": "b, \\"c\\"",
                "amount": null,
                "lines": null,
                "joint": null
              },
              {
                "id": "=1+1",
                "amount": null,
                "lines": 0,
                "joint": false
              }
            ]

            """)
        let empty = DataTable(stem: "data/vide", title: "Vide", columns: Self.sample.columns, primaryKey: ["id"])
        #expect(empty.json() == "[]\n")
        #expect(empty.csv() == "id,amount,lines,joint\r\n")
    }

    @Test("JSON strings escape quotes, backslashes, control characters and line separators, and stay valid JSON")
    func jsonEscaping() throws {
        let title = "\"</script><script>alert(1)</script>\\\u{01}\u{2028}\n"
        let table = DataTable(stem: "data/x", title: "x", columns: [.init("title", .string, "Titre.")], primaryKey: [],
                              rows: [[.text(title)]])
        let text = table.json()
        #expect(text.contains(#""title": "\"</script><script>alert(1)</script>\\\u0001\u2028\n""#))
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(decoded.first?["title"] as? String == title)
    }

    @Test("a resource of datapackage.json gives every field its type and French description, and the primary key")
    func resource() throws {
        let text = JSONText.write(Self.sample.resource)
        let resource = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(resource["name"] as? String == "essai")
        #expect(resource["path"] as? String == "essai.csv")
        #expect(resource["title"] as? String == "Essai")
        #expect(resource["description"] as? String == "Une table d'essai.")
        let schema = try #require(resource["schema"] as? [String: Any])
        #expect(schema["primaryKey"] as? String == "id")
        #expect(schema["missingValues"] as? [String] == [""])
        let fields = try #require(schema["fields"] as? [[String: String]])
        #expect(fields == [["name": "id", "type": "string", "description": "Identifiant."],
                           ["name": "amount", "type": "number", "description": "Montant en euros."],
                           ["name": "lines", "type": "integer", "description": "Nombre de lignes."],
                           ["name": "joint", "type": "boolean", "description": "Ligne conjointe."]])
        var nested = Self.sample
        nested.stem = "data/tableaux-de-bord/vue-1"
        nested.primaryKey = ["id", "lines"]
        let second = try #require(try JSONSerialization.jsonObject(with: Data(JSONText.write(nested.resource).utf8)) as? [String: Any])
        #expect(second["name"] as? String == "tableaux-de-bord-vue-1")
        #expect((second["schema"] as? [String: Any])?["primaryKey"] as? [String] == ["id", "lines"])
    }

    @Test("a table that cannot be published as it is says why")
    func problems() {
        #expect(Self.sample.problems.isEmpty)
        var table = Self.sample
        table.columns.append(.init("id", .string, "Encore."))
        table.rows = [[.text("a"), .number(1), .integer(1), .boolean(true), .text("x")],
                      [.text("a"), .number(2), .integer(2), .boolean(false), .text("y")],
                      [.text(nil), .text("1"), .integer(2), .boolean(false), .text("z")],
                      [.text("b")]]
        #expect(table.problems == [
            "the column 'id' is listed twice",
            "two rows have the key a",
            "row 3: the column 'amount' is number, the cell is string",
            "row 3 has no value for its key (id)",
            "row 4 has 1 cells for 5 columns",
        ])
    }

    @Test("two tables on one path: an error naming the file and both titles; nothing is silently replaced")
    func samePath() throws {
        var second = Self.sample
        second.title = "Essai bis"
        let site = Site(config: SiteConfig(title: "t"), dictionary: MetricDictionary(), records: [])
        let published = Exports.publish([Self.sample, second], site: site)
        let (files, diagnostics) = (published.files, published.diagnostics)
        #expect(diagnostics.said == [Said.error("export-table-clash", "data/essai.csv", .start,
            "deux tables de données ouvertes seraient écrites dans data/essai.csv\u{A0}: «\u{A0}Essai\u{A0}» et «\u{A0}Essai bis\u{A0}»",
            hint: "donnez un autre identifiant à l’une des fiches (un tableau de bord, un thème ou une région dont l’identifiant donne le même nom de fichier)")])
        #expect(files.map(\.path) == ["data/essai.csv", "data/essai-tableur.csv", "data/essai.json", "data/datapackage.json"])
        let package = try #require(try JSONSerialization.jsonObject(with: Data(files[3].contents)) as? [String: Any])
        #expect((package["resources"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == ["Essai"])
    }

    @Test("a table with a repeated key is an error naming its file, never an emptied file")
    func brokenTable() {
        var table = Self.sample
        table.rows.append(table.rows[0])
        let site = Site(config: SiteConfig(title: "t"), dictionary: MetricDictionary(), records: [])
        let published = Exports.publish([table], site: site)
        let (files, diagnostics) = (published.files, published.diagnostics)
        #expect(diagnostics.map(\.headline) == ["data/essai.csv:1:1: erreur: la table de données ouvertes «\u{A0}Essai\u{A0}» ne peut pas être écrite\u{A0}: two rows have the key a [export-table-invalid]"])
        #expect(files.map(\.path) == ["data/datapackage.json"])
    }

    @Test("every reason a value is not available has a machine code, described in raisons.csv")
    func reasonCodes() {
        let reasons: [Unavailability] = [
            .missing(.budgetAnnual), .noBudget, .noYearlyBudget([]), .budgetMixesHorizons(HorizonTotals()),
            .budgetWithoutPeriod(HorizonTotals()), .noFunding, .noFundingOfHorizon(.fundingPerYear, []),
            .fundingMixesHorizons(HorizonTotals()), .amountsNotStated(funders: ["etat"]), .insideJointLine(.region, funders: ["a", "b"]),
            .divisionByZero(nil), .range(metric: "jobs_created", min: 20, max: 25), .notFinite,
        ]
        let codes = reasons.map(Exports.reasonCode)
        #expect(codes == ["missing", "no_budget", "no_yearly_budget", "budget_mixes_horizons", "budget_without_period", "no_funding",
                          "no_funding_of_horizon", "funding_mixes_horizons", "amounts_not_stated", "inside_joint_line",
                          "division_by_zero", "range", "not_finite"])
        #expect(Exports.reasonsTable.rows.map { $0[0] } == codes.map { Cell.text($0) })
        #expect(Exports.reasonsTable.problems.isEmpty)
    }

    @Test("tables of the same columns are put one after the other under a key column")
    func concatenating() {
        let table = DataTable.concatenating([(.text("x"), Self.sample), (.text("y"), Self.sample)],
                                            column: .init("indicator", .string, "Indicateur."), stem: "t", title: "t")
        #expect(table.columns.map(\.name) == ["indicator", "id", "amount", "lines", "joint"])
        #expect(table.primaryKey == ["indicator", "id"])
        #expect(table.rows.count == 6)
        #expect(table.problems.isEmpty)
        #expect(table.csv().components(separatedBy: "\r\n")[4] == "y,a,76666.6667,3,true")
    }
}
