import Foundation
import Testing
@testable import PasserelleContent
import PasserelleModel

/// Helpers shared by the Content* test files. Names are prefixed so they cannot clash with other test files.
enum ContentTestSupport {
    /// `Tests/Fixtures/content`, found from this file's own path.
    static let fixtures: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
        .appendingPathComponent("content")

    /// The `Content/` folder of one fixture case.
    static func fixtureContent(_ name: String) -> String {
        fixtures.appendingPathComponent(name).appendingPathComponent("Content").path
    }

    /// Decodes an in-memory record shown to the user as `file`.
    static func decode(_ text: String, file: String = "Content/projects/cap-ondaine.md",
                       id: String = "cap-ondaine") -> (record: Record?, diagnostics: [Diagnostic]) {
        let (record, diagnostics) = ContentLoader.decodeRecord(text: text, file: file, defaultID: id)
        return (record, diagnostics)
    }

    /// Decodes a record that must come out with no diagnostic at all.
    static func decodeClean(_ text: String, file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Record {
        let id = String((file as NSString).lastPathComponent.dropLast(3))
        let (record, diagnostics) = ContentLoader.decodeRecord(text: text, file: file, defaultID: id)
        #expect(diagnostics == [], sourceLocation: sourceLocation)
        return try #require(record, sourceLocation: sourceLocation)
    }

    /// The settings and dictionary the resolver tests run against.
    static let config = SiteConfig(
        title: "Test site",
        sections: [SectionInfo(id: "cae", title: "Les CAE")],
        themes: [ThemeInfo(id: "insertion", label: "Insertion"), ThemeInfo(id: "cooperatives", label: "Coopératives")]
    )

    static let dictionary = MetricDictionary(metrics: [
        MetricDefinition(id: "people_accompanied", label: LocalizedText("Personnes accompagnées"), unit: .people),
        MetricDefinition(id: "exits", label: LocalizedText("Sorties"), unit: .people),
        MetricDefinition(id: "insertion_jobs", label: LocalizedText("Emplois d'insertion"), unit: .jobs),
    ])

    static func resolve(_ records: [Record]) -> (Site, [Diagnostic]) {
        Resolver.resolve(LoadedContent(config: config, dictionary: dictionary, records: records, media: [], diagnostics: []))
    }

    /// A fresh folder under the system's temporary directory, with symbolic links resolved; removed by `cleanUp`.
    static func makeTemporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("passerelle-content-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return Discovery.realPath(url.path) ?? url.path
    }

    static func cleanUp(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}

extension Diagnostic {
    /// Shortcut used in expectations: every field of a diagnostic at once.
    static func contentError(_ file: String, _ line: Int, _ column: Int, _ message: String, hint: String? = nil) -> Diagnostic {
        .error(file, PasserelleModel.SourceLocation(line: line, column: column), message, hint: hint)
    }

    static func contentWarning(_ file: String, _ line: Int, _ column: Int, _ message: String, hint: String? = nil) -> Diagnostic {
        .warning(file, PasserelleModel.SourceLocation(line: line, column: column), message, hint: hint)
    }
}

extension Array {
    /// The single element of a one-element array, else nil.
    var contentOnly: Element? { count == 1 ? first : nil }
}
