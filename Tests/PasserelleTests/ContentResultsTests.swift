import Testing
@testable import PasserelleContent
import PasserelleModel

@Suite("Content: result blocks and their warnings")
struct ContentResultsTests {
    let file = "Content/projects/cap-ondaine.md"
    let head = "---\nkind: project\ntitle: \"Cap Ondaine\"\n"

    @Test("results without a year or a period are a warning at the block, and the record is kept")
    func resultsWithoutYear() {
        let (record, diagnostics) = ContentTestSupport.decode(head + "results:\n  - people_accompanied: 40\n---\n")
        #expect(record?.card?.results.count == 1)
        #expect(diagnostics.said == [.contentWarning("results-year-missing", file, 5, 5, "résultats sans année ni période",
                                                hint: "ajoutez l’année de la mesure, par exemple year: 2002 (ou period: \"2013-01/2013-03\"), pour que le lecteur sache quand ils ont été mesurés")])
    }

    @Test("results with a period and no year give no warning")
    func resultsWithPeriod() throws {
        let record = try ContentTestSupport.decodeClean(head + "results:\n  - period: \"2013-01/2013-03\"\n    people_accompanied: 4\n---\n", file: file)
        #expect(record.card?.results.first?.period == "2013-01/2013-03")
    }

    @Test("parts that do not add up to the total are a warning naming both figures")
    func partsDoNotAddUp() {
        let (record, diagnostics) = ContentTestSupport.decode(head + "results:\n  - year: 2002\n    exits: {total: 12, parts: {salaried_job: 6, self_employed: 5}}\n---\n")
        #expect(record?.card?.results.first?.value(of: "exits") == MetricValue(total: 12, parts: [
            .init(label: "salaried_job", value: 6), .init(label: "self_employed", value: 5)]))
        #expect(diagnostics == [.warning("number-parts-sum", file, PasserelleModel.SourceLocation(line: 6, column: 12),
                                         Bilingual(fr: "les parties de «\u{00A0}exits\u{00A0}» totalisent 11, le total dit 12",
                                                   en: "the parts of 'exits' add up to 11, the total says 12"),
                                         hint: Bilingual(fr: "corrigez une partie ou le total\u{00A0}; la fiche montre les deux chiffres",
                                                         en: "correct a part or the total; the card shows both figures"))])
    }

    @Test("the Cap Ondaine breakdown (11 exits + 15 + 14 = 40) gives no warning: nested parts are not double-counted")
    func nestedBreakdownIsNotDoubleCounted() throws {
        let record = try ContentTestSupport.decodeClean(head + """
        results:
          - year: 2002
            people_accompanied: 40
            exits: {total: 11, parts: {salaried_job: 6, self_employed: 5}}
            in_support_agreement: 15
            part_time_activity: 14
        ---

        """, file: file)
        let block = try #require(record.card?.results.first)
        #expect(block.year == 2002)
        #expect(block.entries.map(\.metric.id) == ["people_accompanied", "exits", "in_support_agreement", "part_time_activity"])
        #expect(block.value(of: "people_accompanied") == MetricValue(total: 40))
        #expect(block.value(of: "exits")?.total == 11)
    }

    @Test("a breakdown without a total takes the sum of its parts")
    func totalFromParts() throws {
        let record = try ContentTestSupport.decodeClean(head + "results:\n  - year: 2002\n    exits: {parts: {salaried_job: 6, self_employed: 5}}\n---\n", file: file)
        #expect(record.card?.results.first?.value(of: "exits")?.total == 11)
    }

    @Test("a breakdown with neither total nor parts is an error")
    func emptyBreakdown() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "results:\n  - year: 2002\n    exits: {}\n---\n")
        #expect(diagnostics == [.error("number-expected", file, PasserelleModel.SourceLocation(line: 6, column: 12),
                                       Bilingual(fr: "«\u{00A0}exits\u{00A0}» a besoin d’un «\u{00A0}total\u{00A0}», de «\u{00A0}parts\u{00A0}», ou des deux",
                                                 en: "'exits' needs a 'total', 'parts', or both"),
                                       hint: Bilingual(fr: "écrivez exits: {total: …, parts: {libellé: …, autre_libellé: …}}",
                                                       en: "write exits: {total: …, parts: {label: …, other_label: …}}"))])
    }

    @Test("a single result block may be written without the list dash")
    func singleBlock() throws {
        let record = try ContentTestSupport.decodeClean(head + "results:\n  year: 2002\n  people_accompanied: 40\n---\n", file: file)
        #expect(record.card?.results.map(\.year) == [2002])
    }
}
