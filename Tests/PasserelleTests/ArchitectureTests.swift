import Foundation
import Testing

/// The data flow is one way (architecture.md, money.md §9): the measure stage knows no interface label, the
/// render stage computes no figure, the open data never imports the render stage, and the command line prints
/// what was measured. These tests read the sources, so a change that breaks the rule fails here by name.
@Suite("Architecture: one computation, one way")
struct ArchitectureTests {
    static func sources(_ target: String) throws -> [(file: String, text: String)] {
        let folder = BuildSupport.root.appendingPathComponent("Sources/\(target)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted()
        return try files.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    static func offenders(_ target: String, _ words: [String]) throws -> [String] {
        try sources(target).flatMap { file in words.filter { file.text.contains($0) }.map { "\(file.file): \($0)" } }
    }

    @Test("the measure stage imports only the model and knows no label of the theme")
    func indicatorsKnowNoLabels() throws {
        #expect(try Self.offenders("PasserelleIndicators", ["import PasserelleRender", "import PasserelleContent", "Labels", "i18n"]) == [])
    }

    @Test("the open data never imports the render stage")
    func exportsDoNotImportRender() throws {
        #expect(try Self.offenders("PasserelleExports", ["import PasserelleRender", "import Mustache"]) == [])
    }

    @Test("the render stage aggregates nothing and evaluates no formula")
    func renderComputesNothing() throws {
        #expect(try Self.offenders("PasserelleRender", ["Aggregator(", "FormulaEvaluator(", "SiteMeasures.compute", ".aggregate("]) == [])
    }

    @Test("the command line aggregates nothing of its own")
    func commandLinePrintsMeasures() throws {
        #expect(try Self.offenders("passerelle", ["Aggregator(", "FormulaEvaluator(", ".aggregate(", "fundingByType("]) == [])
    }

    @Test("the open data evaluates no formula: it reads the measured values")
    func exportsReadMeasures() throws {
        #expect(try Self.offenders("PasserelleExports", ["Aggregator(", "FormulaEvaluator("]) == [])
    }
}
