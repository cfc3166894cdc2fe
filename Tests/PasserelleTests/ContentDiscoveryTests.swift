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
        #expect(diagnostics.said == [.contentWarning("file-ignored", fixture + "/notes.txt", 1, 1,
                                                "fichier ignoré\u{A0}: ce n’est ni une fiche (.md), ni site.yml, ni indicators.yml, ni un fichier du dossier media/",
                                                hint: "les fiches se terminent par .md\u{A0}; rangez images et documents dans media/")])
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
        #expect(diagnostics.said == [.contentError("symlink-refused", root + "/Content/pages/secret.md", 1, 1,
                                              "le lien symbolique pointe hors du dossier de contenu\u{A0}: \(root)/outside/secret.md",
                                              hint: "copiez le fichier dans le dossier de contenu au lieu d’y faire un lien")])
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
        #expect(diagnostics.said == [.contentError("symlink-refused", root + "/Content/pages", 1, 1,
                                              "le lien symbolique pointe hors du dossier de contenu\u{A0}: \(root)/outside",
                                              hint: "copiez le fichier dans le dossier de contenu au lieu d’y faire un lien")])
    }

    @Test("a symbolic link to a folder that contains it (a loop) is an error, and the walk ends")
    func symlinkLoop() throws {
        let root = try ContentTestSupport.makeTemporaryDirectory()
        defer { ContentTestSupport.cleanUp(root) }
        try ContentTestSupport.write("---\nkind: project\ntitle: A\n---\n", to: root + "/Content/projects/a.md")
        try FileManager.default.createSymbolicLink(atPath: root + "/Content/projects/again", withDestinationPath: root + "/Content/projects")

        let (files, diagnostics) = Discovery.discover(contentDirectory: root + "/Content")
        #expect(files.map(\.relativePath) == ["projects/a.md"])
        #expect(diagnostics.said == [.contentError("symlink-broken", root + "/Content/projects/again", 1, 1,
                                              "lien symbolique en boucle\u{A0}: il pointe vers «\u{A0}\(root)/Content/projects\u{A0}», un dossier qui le contient", hint: "supprimez le lien")])
    }

    @Test("a symbolic link to itself is an error as a broken or looping link")
    func selfLink() throws {
        let root = try ContentTestSupport.makeTemporaryDirectory()
        defer { ContentTestSupport.cleanUp(root) }
        try FileManager.default.createDirectory(atPath: root + "/Content", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/Content/self.md", withDestinationPath: root + "/Content/self.md")

        let (files, diagnostics) = Discovery.discover(contentDirectory: root + "/Content")
        #expect(files.isEmpty)
        #expect(diagnostics.said == [.contentError("symlink-broken", root + "/Content/self.md", 1, 1, "lien symbolique cassé ou qui tourne en boucle",
                                              hint: "le lien pointe vers un fichier qui n’existe pas, ou vers lui-même par d’autres liens\u{A0}; supprimez-le")])
    }

    @Test("a symbolic link to a file inside the content folder is ignored with a warning, so the file is read once")
    func symlinkInside() throws {
        let root = try ContentTestSupport.makeTemporaryDirectory()
        defer { ContentTestSupport.cleanUp(root) }
        try ContentTestSupport.write("---\nkind: project\ntitle: A\n---\n", to: root + "/Content/projects/a.md")
        try FileManager.default.createSymbolicLink(atPath: root + "/Content/projects/b.md", withDestinationPath: "a.md")

        let (files, diagnostics) = Discovery.discover(contentDirectory: root + "/Content")
        #expect(diagnostics.said == [Said.warning("symlink-ignored", root + "/Content/projects/b.md", SourceLocation(line: 1, column: 1),
                                         "lien symbolique ignoré\u{A0}: il pointe vers «\u{A0}\(root)/Content/projects/a.md\u{A0}», qui fait déjà partie du dossier de contenu",
                                         hint: "supprimez le lien\u{A0}; le fichier ou le dossier vers lequel il pointe est lu là où il est")])
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
        #expect(diagnostics.said == [.contentError("content-folder-missing", root + "/Contenu", 1, 1, "le dossier de contenu «\u{A0}\(root)/Contenu\u{A0}» n’existe pas",
                                              hint: "lancez la commande depuis le dossier du site, ou indiquez le dossier avec --content DOSSIER")])
    }
}
