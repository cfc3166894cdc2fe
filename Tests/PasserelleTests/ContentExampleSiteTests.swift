import Testing
@testable import PasserelleContent
import PasserelleModel

@Suite("Content: the example site in Content/")
struct ContentExampleSiteTests {
    static let exampleContent: String = ContentTestSupport.fixtures
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Content").path

    @Test("the example content loads with no error and no warning")
    func loadsCleanly() async {
        let loaded = await ContentLoader.load(contentDirectory: Self.exampleContent)
        #expect(loaded.diagnostics == [])
        #expect(loaded.config.title == "Passerelle — exemple de site de l'ESS")
    }

    @Test("the example content has 23 records: 1 project, 1 initiative, 1 article, 2 pages, 11 organisations, 6 terms, 1 dashboard")
    func recordCount() async {
        let loaded = await ContentLoader.load(contentDirectory: Self.exampleContent)
        #expect(loaded.records.count == 23)
        let byKind = Dictionary(grouping: loaded.records, by: \.kind).mapValues(\.count)
        #expect(byKind == [.project: 1, .initiative: 1, .article: 1, .page: 2, .organisation: 11, .term: 6, .dashboard: 1])
    }

    @Test("every reference of the example content resolves, with no error and no warning")
    func resolvesCleanly() async {
        let loaded = await ContentLoader.load(contentDirectory: Self.exampleContent)
        let (site, diagnostics) = Resolver.resolve(loaded)
        #expect(diagnostics == [])
        #expect(site.records.count == 23)
    }
}
