import Foundation
import Testing
@testable import PasserelleContent
import PasserelleModel

/// `passerelle schema`: the JSON Schemas of the example site, written from the decoders' own key lists.
@Suite("JSON Schemas of the records")
struct SchemaTests {
    static func exampleFiles() async -> [(name: String, text: String)] {
        let loaded = await ContentLoader.load(contentDirectory: BuildSupport.content)
        return RecordSchema.files(RecordSchema.Context(loaded))
    }

    static func schema(_ name: String) async throws -> [String: Any] {
        let text = try #require(await exampleFiles().first { $0.name == name }?.text)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func properties(_ object: [String: Any]?) -> [String: Any] {
        object?["properties"] as? [String: Any] ?? [:]
    }

    @Test("one file per kind of record, then site.yml and indicators.yml")
    func fileNames() async {
        #expect(await Self.exampleFiles().map(\.name) == [
            "project.schema.json", "initiative.schema.json", "article.schema.json", "page.schema.json",
            "organisation.schema.json", "term.schema.json", "dashboard.schema.json", "site.schema.json", "indicators.schema.json",
        ])
    }

    @Test("a key's French title and description, written exactly")
    func frenchDescription() async throws {
        let text = try #require(await Self.exampleFiles().first { $0.name == "project.schema.json" }?.text)
        #expect(text.contains("""
                "budget": {
                  "title": "Budget",
                  "description": "Une ligne de budget ou une liste de lignes\u{A0}: {amount, period, years, year, nature, in_kind, label}.",
                  "if": {
                    "type": "array"
                  },
            """))
        #expect(text.hasPrefix("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
            """))
    }

    @Test("the example site's themes, organisations and sections are the allowed values")
    func siteEnums() async throws {
        let definitions = try #require(try await Self.schema("project.schema.json")["$defs"] as? [String: Any])
        let themes = (definitions["theme"] as? [String: Any])?["enum"] as? [String]
        #expect(themes == ["creation-activite", "insertion", "developpement-local", "filieres", "cooperatives"])
        let organisations = (definitions["organisation"] as? [String: Any])?["enum"] as? [String]
        #expect(organisations == ["avise", "caisse-des-depots", "cc-caux-vallee-de-seine", "ddtefp", "entrepreneurs-cap-ondaine", "etat",
                                  "region-haute-normandie", "region-rhone-alpes", "si-vallee-ondaine", "union-europeenne",
                                  "union-regionale-scop-aura"])
        #expect((definitions["section"] as? [String: Any])?["enum"] as? [String] == ["cae"])
    }

    @Test("a metric of indicators.yml is a key of a result block, with its French label")
    func metricsInResults() async throws {
        let results = Self.properties(try await Self.schema("project.schema.json"))["results"] as? [String: Any]
        let block = results?["else"] as? [String: Any]
        let metric = Self.properties(block)["people_accompanied"] as? [String: Any]
        #expect(metric?["title"] as? String == "Personnes accompagnées")
        #expect(metric?["$ref"] as? String == "#/$defs/measure")
        #expect(block?["additionalProperties"] as? Bool == false)
        let loaded = await ContentLoader.load(contentDirectory: BuildSupport.content)
        #expect(Set(Self.properties(block).keys) == Set(["year", "period"] + loaded.dictionary.metrics.map(\.id)))
    }

    @Test("a record's keys are exactly the decoder's: common keys, then the kind's own")
    func keysAreTheDecoders() async throws {
        for kind in RecordKind.allCases {
            let schema = try await Self.schema("\(kind.rawValue).schema.json")
            let expected = RecordDecoder.commonKeys + (RecordDecoder.keysByKind[kind] ?? [])
            #expect(Set(Self.properties(schema).keys) == Set(expected), "\(kind)")
            #expect(schema["additionalProperties"] as? Bool == false)
            #expect(schema["required"] as? [String] == (kind == .article ? ["kind", "title", "date"] : ["kind", "title"]))
        }
    }

    @Test("every key the decoders accept is described in French (none falls back to the generic description)")
    func everyKeyDescribed() async {
        for file in await Self.exampleFiles() {
            #expect(!file.text.contains(RecordSchema.undescribed), "\(file.name)")
        }
    }

    @Test("the same content gives the same bytes")
    func deterministic() async {
        let first = await Self.exampleFiles()
        let second = await Self.exampleFiles()
        #expect(first.map(\.text) == second.map(\.text))
        #expect(first.map(\.name) == second.map(\.name))
    }

    @Test("a site without themes allows none, rather than any")
    func noThemes() {
        let files = RecordSchema.files(RecordSchema.Context(themes: [], sections: [], organisations: [], metrics: []))
        let text = files.first { $0.name == "project.schema.json" }?.text ?? ""
        #expect(text.contains("""
                "theme": {
                  "description": "Un thème déclaré sous themes: dans site.yml.",
                  "not": {}
                },
            """))
    }

    @Test("site.yml's schema describes its keys from the settings decoder, themes as id: {label, description}")
    func siteSchema() async throws {
        let schema = try await Self.schema("site.schema.json")
        #expect(Set(Self.properties(schema).keys) == Set(SettingsDecoder.siteKeys))
        let themes = Self.properties(schema)["themes"] as? [String: Any]
        let theme = themes?["additionalProperties"] as? [String: Any]
        #expect(theme?["required"] as? [String] == ["label"])
        #expect(Self.properties(theme).keys.sorted() == ["description", "label"])
    }
}
