import Foundation
import Testing
@testable import PasserelleContent
import PasserelleModel

@Suite("Content: loading a content folder from disk")
struct ContentLoaderTests {
    @Test("drafts are left out unless asked for")
    func draftsLeftOut() async {
        let content = ContentTestSupport.fixtureContent("drafts")
        let loaded = await ContentLoader.load(contentDirectory: content)
        #expect(loaded.diagnostics == [])
        #expect(loaded.records.map(\.id) == ["publiee"])
    }

    @Test("drafts are loaded with includeDrafts")
    func draftsIncluded() async {
        let content = ContentTestSupport.fixtureContent("drafts")
        let loaded = await ContentLoader.load(contentDirectory: content, includeDrafts: true)
        #expect(loaded.diagnostics == [])
        #expect(loaded.records.map(\.id).sorted() == ["brouillon", "publiee"])
        #expect(loaded.records.first { $0.id == "brouillon" }?.draft == true)
    }

    @Test("an unsaved text given as an override replaces the file on disk")
    func overrideReplacesFile() async {
        let content = ContentTestSupport.fixtureContent("drafts")
        let loaded = await ContentLoader.load(contentDirectory: content,
                                              overrides: ["pages/publiee.md": "---\nkind: page\ntitle: Remplacée\n---\n"])
        #expect(loaded.diagnostics == [])
        #expect(loaded.records.map(\.title) == ["Remplacée"])
    }

    @Test("an override for a path with no file adds that record, and its problems name that path")
    func overrideAddsRecord() async {
        let content = ContentTestSupport.fixtureContent("drafts")
        let loaded = await ContentLoader.load(contentDirectory: content,
                                              overrides: ["pages/nouvelle.md": "---\nkind: page\ntitle: Nouvelle\nbudjet: 3\n---\n"])
        #expect(loaded.records.map(\.id).sorted() == ["nouvelle", "publiee"])
        #expect(loaded.diagnostics.map { "\($0.file):\($0.location)" } == [content + "/pages/nouvelle.md:4:1"])
    }

    @Test("a content folder without site.yml is an error naming the missing file")
    func missingSiteSettings() async throws {
        let root = try ContentTestSupport.makeTemporaryDirectory()
        defer { ContentTestSupport.cleanUp(root) }
        try ContentTestSupport.write("---\nkind: page\ntitle: P\n---\n", to: root + "/Content/pages/p.md")
        let loaded = await ContentLoader.load(contentDirectory: root + "/Content")
        #expect(loaded.diagnostics.said == [.contentError("site-yml-missing", root + "/Content/site.yml", 1, 1, "le fichier site.yml manque",
                                                     hint: "créez \(root)/Content/site.yml avec au moins une ligne title: \"…\" (les autres réglages sont décrits dans le README)")])
        #expect(loaded.records.map(\.id) == ["p"])
    }

    @Test("a record file with invalid UTF-8 is skipped with the diagnostic shown at its path")
    func invalidRecordFileOnDisk() async throws {
        let root = try ContentTestSupport.makeTemporaryDirectory()
        defer { ContentTestSupport.cleanUp(root) }
        try ContentTestSupport.write("title: T\n", to: root + "/Content/site.yml")
        try ContentTestSupport.write("---\nkind: page\ntitle: P\n---\n", to: root + "/Content/pages/ok.md")
        try FileManager.default.createDirectory(atPath: root + "/Content/pages", withIntermediateDirectories: true)
        try Data(Array("---\nkind: page\ntitle: Caf".utf8) + [0xE9] + Array("\n---\n".utf8))
            .write(to: URL(fileURLWithPath: root + "/Content/pages/latin1.md"))
        let loaded = await ContentLoader.load(contentDirectory: root + "/Content")
        #expect(loaded.records.map(\.id) == ["ok"])
        #expect(loaded.diagnostics.said == [.contentError("file-not-utf8", root + "/Content/pages/latin1.md", 3, 11, "le fichier n’est pas en UTF-8 (octet 0xE9)",
                                                     hint: "enregistrez le fichier en UTF-8 (dans la plupart des éditeurs\u{A0}: Enregistrer sous… › Encodage › UTF-8)")])
    }
}
