import Foundation
import Testing
@testable import PasserelleBuild
@testable import PasserelleContent
@testable import PasserelleIndicators
import PasserelleModel

/// Shared helpers of the indicator, render and build tests. Everything lives in this namespace so it cannot
/// collide with helpers of other test files.
enum BuildSupport {
    /// The package root (Tests/PasserelleTests/Support.swift → ../../..).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var content: String { root.appendingPathComponent("Content").path }
    static var templates: String { root.appendingPathComponent("Templates").path }

    /// A fresh empty folder under the system's temporary folder; remove it with `cleanUp`.
    static func makeTempDirectory(_ label: String = "passerelle-tests") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func cleanUp(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    /// A copy of the example site's Content/ inside `directory`, returned as its path.
    static func copyContent(into directory: URL, name: String = "Content") throws -> URL {
        let target = directory.appendingPathComponent(name)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: content), to: target)
        return target
    }

    /// Every regular file under `directory`, by path relative to it, with its bytes.
    static func snapshot(_ directory: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let base = directory.standardizedFileURL.resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return files }
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            let full = base + "/" + path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = FileManager.default.contents(atPath: full)
            }
        }
        return files
    }

    /// Builds the example site (or `content`) into `output` with the default theme.
    static func build(content: String = BuildSupport.content, output: URL, searchIndex: Bool = false) async -> BuildReport {
        await Pipeline.build(BuildOptions(content: content, templates: templates, output: output.path, searchIndex: searchIndex))
    }

    /// Builds the example site into a temporary folder and returns the text of one page.
    static func page(_ relativePath: String) async throws -> String {
        let directory = makeTempDirectory("passerelle-render")
        defer { cleanUp(directory) }
        let output = directory.appendingPathComponent("Output")
        let report = await build(output: output)
        #expect(report.diagnostics.errors.isEmpty, "\(report.diagnostics)")
        let data = try #require(FileManager.default.contents(atPath: output.appendingPathComponent(relativePath).path))
        return try #require(String(data: data, encoding: .utf8))
    }

    /// A record decoded from front-matter text (the content stage only, no resolution).
    static func card(_ text: String, file: String = "Content/projects/test.md") throws -> (Card, [Diagnostic]) {
        let (record, diagnostics) = ContentLoader.decodeRecord(text: text, file: file, defaultID: "test")
        let card = try #require(record?.card, "the test record did not decode: \(diagnostics)")
        return (card, diagnostics)
    }

    /// The facts of a card whose funders' types are given by id.
    static func facts(_ card: Card, types: [String: OrganisationType] = [:], file: String = "Content/projects/test.md")
        -> (CardFacts, [Diagnostic]) {
        CardFacts.make(card: card, file: file) { types[$0] }
    }

    static func reference(_ id: String) -> Reference {
        Reference(id, at: .start)
    }
}
