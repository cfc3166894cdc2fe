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

/// What a diagnostic says, in French, and where: the fields tests compare (its English text, end and fix are checked by
/// the tests about them and by the corpus's expected.en.txt).
struct Said: Equatable, CustomStringConvertible {
    var severity: Severity
    var rule: String
    var file: String
    var line: Int
    var column: Int
    var message: String
    var hint: String?

    /// Written as the expectation that would match it, so a failure shows what to write.
    var description: String {
        let hintText = hint.map { ", hint: \(Self.literal($0))" } ?? ""
        return ".content\(severity == .error ? "Error" : "Warning")(\(Self.literal(rule)), \(Self.literal(file)), \(line), \(column), "
            + "\(Self.literal(message))\(hintText))"
    }

    static func literal(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\u{A0}", with: "\\u{A0}").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    /// Shortcut used in expectations: every field of an error at once.
    static func contentError(_ rule: String, _ file: String, _ line: Int, _ column: Int, _ message: String, hint: String? = nil) -> Said {
        Said(severity: .error, rule: rule, file: file, line: line, column: column, message: message, hint: hint)
    }

    static func contentWarning(_ rule: String, _ file: String, _ line: Int, _ column: Int, _ message: String, hint: String? = nil) -> Said {
        Said(severity: .warning, rule: rule, file: file, line: line, column: column, message: message, hint: hint)
    }
}

extension Diagnostic {
    var said: Said {
        Said(severity: severity, rule: rule, file: file, line: location.line, column: location.column, message: message, hint: hint)
    }
}

extension Array where Element == Diagnostic {
    var said: [Said] { map(\.said) }
}

extension Array {
    /// The single element of a one-element array, else nil.
    var contentOnly: Element? { count == 1 ? first : nil }
}

extension Result where Failure == Diagnostic {
    /// What the failure says, nil on success.
    var failureSaid: Said? {
        if case .failure(let diagnostic) = self { return diagnostic.said }
        return nil
    }
}

extension Said {
    static func error(_ rule: String, _ file: String, _ location: PasserelleModel.SourceLocation, _ message: String,
                      hint: String? = nil) -> Said {
        .contentError(rule, file, location.line, location.column, message, hint: hint)
    }

    static func warning(_ rule: String, _ file: String, _ location: PasserelleModel.SourceLocation, _ message: String,
                        hint: String? = nil) -> Said {
        .contentWarning(rule, file, location.line, location.column, message, hint: hint)
    }
}
