import Foundation
import Testing
@testable import PasserelleContent
import PasserelleModel

@Suite("Content: discovery of the content folder")
struct ContentDiscoveryTests {
    let fixture = ContentTestSupport.fixtureContent("discovery-basic")

    @Test("files are listed sorted by path, each with its role")
    func sortedWithRoles() {
        let (files, _) = Discovery.discover(contentDirectory: fixture)
        #expect(files.map(\.relativePath) == [
            "indicators.yml", "media/images/logo.svg", "media/readme.txt", "organisations/region.md",
            "projects/a-project.md", "projects/b-project.md", "site.yml",
        ])
        #expect(files.map(\.role) == [.dictionary, .media, .media, .record, .record, .record, .siteSettings])
        #expect(files.first { $0.relativePath == "projects/a-project.md" }?.displayPath == fixture + "/projects/a-project.md")
    }

    @Test("hidden files and hidden folders are skipped without a diagnostic")
    func hiddenSkipped() {
        let (files, diagnostics) = Discovery.discover(contentDirectory: fixture)
        #expect(!files.contains { $0.relativePath.contains(".hidden") || $0.relativePath.contains(".drafts") })
        #expect(!diagnostics.contains { $0.file.contains("/.") })
    }

    @Test("a file that is not .md outside media/ is ignored with a warning; the same under media/ is not")
    func ignoredFileWarning() {
        let (_, diagnostics) = Discovery.discover(contentDirectory: fixture)
        #expect(diagnostics.said == [.contentWarning("?", fixture + "/notes.txt", 1, 1,
                                                "ignored: not a record (.md), site.yml, indicators.yml or a file under media/",
                                                hint: "records end in .md; images and documents go under media/")])
    }

    @Test("a symbolic link pointing outside the content folder is an error naming its target")
    func symlinkOutside() throws {
        let root = try ContentTestSupport.makeTemporaryDirectory()
        defer { ContentTestSupport.cleanUp(root) }
        try ContentTestSupport.write("---\nkind: page\ntitle: Secret\n---\n", to: root + "/outside/secret.md")
        try ContentTestSupport.write("title: T\n", to: root + "/Content/site.yml")
        try FileManager.default.createDirectory(atPath: root + "/Content/pages", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/Content/pages/secret.md", withDestinationPath: "../../outside/secret.md")

        let (files, diagnostics) = Discovery.discover(contentDirectory: root + "/Content")
        #expect(files.map(\.relativePath) == ["site.yml"])
        #expect(diagnostics.said == [.contentError("?", root + "/Content/pages/secret.md", 1, 1,
                                              "symbolic link points outside the content folder: \(root)/outside/secret.md",
                                              hint: "copy the file into the content folder instead of linking to it")])
    }

    @Test("a symbolic link to a folder outside the content folder is refused too")
    func symlinkedFolderOutside() throws {
        let root = try ContentTestSupport.makeTemporaryDirectory()
        defer { ContentTestSupport.cleanUp(root) }
        try ContentTestSupport.write("---\nkind: page\ntitle: Secret\n---\n", to: root + "/outside/secret.md")
        try ContentTestSupport.write("title: T\n", to: root + "/Content/site.yml")
        try FileManager.default.createSymbolicLink(atPath: root + "/Content/pages", withDestinationPath: root + "/outside")

        let (files, diagnostics) = Discovery.discover(contentDirectory: root + "/Content")
        #expect(files.map(\.relativePath) == ["site.yml"])
        #expect(diagnostics.said == [.contentError("?", root + "/Content/pages", 1, 1,
                                              "symbolic link points outside the content folder: \(root)/outside",
                                              hint: "copy the file into the content folder instead of linking to it")])
    }

    @Test("a symbolic link to a folder that contains it (a loop) is an error, and the walk ends")
    func symlinkLoop() throws {
        let root = try ContentTestSupport.makeTemporaryDirectory()
        defer { ContentTestSupport.cleanUp(root) }
        try ContentTestSupport.write("---\nkind: project\ntitle: A\n---\n", to: root + "/Content/projects/a.md")
        try FileManager.default.createSymbolicLink(atPath: root + "/Content/projects/again", withDestinationPath: root + "/Content/projects")

        let (files, diagnostics) = Discovery.discover(contentDirectory: root + "/Content")
        #expect(files.map(\.relativePath) == ["projects/a.md"])
        #expect(diagnostics.said == [.contentError("?", root + "/Content/projects/again", 1, 1,
                                              "symbolic link loop: it points to '\(root)/Content/projects', a folder that contains it", hint: "remove the link")])
    }

    @Test("a symbolic link to itself is an error as a broken or looping link")
    func selfLink() throws {
        let root = try ContentTestSupport.makeTemporaryDirectory()
        defer { ContentTestSupport.cleanUp(root) }
        try FileManager.default.createDirectory(atPath: root + "/Content", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/Content/self.md", withDestinationPath: root + "/Content/self.md")

        let (files, diagnostics) = Discovery.discover(contentDirectory: root + "/Content")
        #expect(files.isEmpty)
        #expect(diagnostics.said == [.contentError("?", root + "/Content/self.md", 1, 1, "broken or looping symbolic link",
                                              hint: "the link points to a file that does not exist, or to itself through other links; remove it")])
    }

    @Test("a symbolic link to a file inside the content folder is ignored with a warning, so the file is read once")
    func symlinkInside() throws {
        let root = try ContentTestSupport.makeTemporaryDirectory()
        defer { ContentTestSupport.cleanUp(root) }
        try ContentTestSupport.write("---\nkind: project\ntitle: A\n---\n", to: root + "/Content/projects/a.md")
        try FileManager.default.createSymbolicLink(atPath: root + "/Content/projects/b.md", withDestinationPath: "a.md")

        let (files, diagnostics) = Discovery.discover(contentDirectory: root + "/Content")
        #expect(diagnostics.said == [Said.warning("?", root + "/Content/projects/b.md", SourceLocation(line: 1, column: 1),
                                         "ignored: symbolic link to '\(root)/Content/projects/a.md', which is already part of the content folder",
                                         hint: "remove the link; the file or folder it points to is read where it is")])
        #expect(files.map(\.relativePath) == ["projects/a.md"])
    }

    @Test("a link to a folder of the site blames the link, not the real folder")
    func linkToSiblingFolder() throws {
        let root = try ContentTestSupport.makeTemporaryDirectory()
        defer { ContentTestSupport.cleanUp(root) }
        try ContentTestSupport.write("---\nkind: project\ntitle: A\n---\n", to: root + "/Content/projects/a.md")
        try FileManager.default.createSymbolicLink(atPath: root + "/Content/archive", withDestinationPath: root + "/Content/projects")

        let (files, diagnostics) = Discovery.discover(contentDirectory: root + "/Content")
        #expect(files.map(\.relativePath) == ["projects/a.md"])
        #expect(diagnostics.map(\.file) == [root + "/Content/archive"])
    }

    @Test("a content folder that does not exist is a single error")
    func missingFolder() throws {
        let root = try ContentTestSupport.makeTemporaryDirectory()
        defer { ContentTestSupport.cleanUp(root) }
        let (files, diagnostics) = Discovery.discover(contentDirectory: root + "/Contenu/")
        #expect(files.isEmpty)
        #expect(diagnostics.said == [.contentError("?", root + "/Contenu", 1, 1, "the content folder '\(root)/Contenu' does not exist",
                                              hint: "run the command from the site's folder, or pass --content DIR")])
    }
}
