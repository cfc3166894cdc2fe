import Foundation
import Testing
import PasserelleBuild
@testable import PasserelleContent
@testable import PasserelleMarkdown
import PasserelleModel

/// Media: `media/…` in texts and fields resolved from every page, and a missing file an error at its line and column.
@Suite("Media references")
struct MediaReferenceTests {
    static func reference(_ url: String, _ line: Int, _ column: Int, _ text: String) -> MediaReference {
        MediaReference(url: url, location: SourceLocation(line: line, column: column),
                       end: SourceLocation(line: line, column: column + url.unicodeScalars.count), line: text)
    }

    @Test("images, links, angle brackets and reference definitions of a text are found at their line and column")
    func findsInMarkdown() {
        let text = """
        Intro.

        ![L'équipe](media/équipe.jpg "Photo") et [le rapport](<media/rapport 2023.pdf>).
        [bilan]: media/bilan.pdf
        Un lien [ailleurs](https://exemple.fr/media/x.png) et [local](fiches/autre/).

        """
        #expect(MediaReferences.inMarkdown(text, firstLine: 10) == [
            Self.reference("media/équipe.jpg", 12, 13, "![L'équipe](media/équipe.jpg \"Photo\") et [le rapport](<media/rapport 2023.pdf>)."),
            Self.reference("media/rapport 2023.pdf", 12, 56, "![L'équipe](media/équipe.jpg \"Photo\") et [le rapport](<media/rapport 2023.pdf>)."),
            Self.reference("media/bilan.pdf", 13, 10, "[bilan]: media/bilan.pdf"),
        ])
    }

    @Test("code spans, fenced code and escaped brackets are not references")
    func skipsCode() {
        let text = """
        `![x](media/a.png)` et ``[y](media/b.png)``
        ```
        ![z](media/c.png)
        ```
        ~~~~
        [w](media/d.png)
        ~~~~
        \\](media/e.png) puis [v](media/f.png)

        """
        #expect(MediaReferences.inMarkdown(text, firstLine: 1).map(\.url) == ["media/f.png"])
    }

    @Test("an image inside an HTML comment, on one line or several, is not a reference; the line after it still is")
    func skipsComments() {
        let text = "<!-- ![a](media/a.png) --> ![b](media/b.png)\n<!--\n[c](media/c.pdf)\n-->[d](media/d.pdf)\n"
        #expect(MediaReferences.inMarkdown(text, firstLine: 1).map { "\($0.location) \($0.url)" } == ["1:33 media/b.png", "4:8 media/d.pdf"])
    }

    @Test("a url: or website: field naming media/ is found at its value, quoted or not; other fields are not")
    func findsInFrontMatter() throws {
        let yaml = """
        links:
          - {label: "Rapport", url: "media/rapport.pdf"}
          - {label: "Site", url: https://exemple.fr}
        source: {label: "Fiche", url: media/fiche.pdf}
        summary: "media/pas-un-lien.png"
        """
        let (node, diagnostics) = YAMLReader().read(yaml, file: "x.md", firstLine: 2)
        #expect(diagnostics.isEmpty)
        let front = try #require(node)
        #expect(MediaReferences.inFrontMatter(front) == [
            Self.reference("media/rapport.pdf", 3, 30, "  - {label: \"Rapport\", url: \"media/rapport.pdf\"}"),
            Self.reference("media/fiche.pdf", 5, 31, "source: {label: \"Fiche\", url: media/fiche.pdf}"),
        ])
    }

    @Test("the file of an address drops its fragment and query and decodes percent escapes")
    func fileOfAddress() {
        #expect(MediaPath.file(of: "media/rapport%202023.pdf#page=2") == "media/rapport 2023.pdf")
        #expect(MediaPath.file(of: "media/photo.png?v=2") == "media/photo.png")
        #expect(MediaPath.isMedia("media/") == false)
        #expect(MediaPath.isMedia("/media/x.png") == false)
    }

    static func record(_ text: String, file: String = "Content/projects/atelier.md") throws -> Record {
        let (record, diagnostics) = ContentLoader.decodeRecord(text: text, file: file, defaultID: "atelier")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return try #require(record)
    }

    static func media(_ names: [String]) -> [SourceFile] {
        names.map { SourceFile(relativePath: "media/" + $0, displayPath: "Content/media/" + $0, absolutePath: "/nonexistent/" + $0,
                               role: .media, size: 10) }
    }

    static let card = """
    ---
    kind: project
    title: "Atelier"
    links: [{label: "Bilan", url: "media/Bilan-2023.PDF"}]
    ---

    ![L'atelier](media/atelier.png) et ![La boutique](media/boutique.jpg)

    """

    @Test("a missing file is an error at its line and column, with the close name, the corrected line and a fix")
    func missingFileError() throws {
        let record = try Self.record(Self.card)
        let diagnostics = MediaReferences.check([record], media: Self.media(["atelier.png", "bilan-2023.pdf", "logo.png"]),
                                                content: "Content", includeDrafts: false)
        #expect(diagnostics == [
            .error("media-missing", "Content/projects/atelier.md", SourceLocation(line: 4, column: 32),
                   Bilingual(fr: AuthoringText.fr("le fichier « media/Bilan-2023.PDF » est introuvable : il n’est pas dans Content/media/"),
                             en: "the file 'media/Bilan-2023.PDF' is missing: it is not in Content/media/"),
                   hint: Bilingual(fr: AuthoringText.fr("vouliez-vous dire « media/bilan-2023.pdf » ? écrivez : links: [{label: \"Bilan\", url: \"media/bilan-2023.pdf\"}]"),
                                   en: "did you mean 'media/bilan-2023.pdf'? write: links: [{label: \"Bilan\", url: \"media/bilan-2023.pdf\"}]"),
                   end: SourceLocation(line: 4, column: 52),
                   fix: Fix(start: SourceLocation(line: 4, column: 32), end: SourceLocation(line: 4, column: 52), replacement: "media/bilan-2023.pdf")),
            .error("media-missing", "Content/projects/atelier.md", SourceLocation(line: 7, column: 51),
                   Bilingual(fr: AuthoringText.fr("le fichier « media/boutique.jpg » est introuvable : il n’est pas dans Content/media/"),
                             en: "the file 'media/boutique.jpg' is missing: it is not in Content/media/"),
                   hint: Bilingual(fr: AuthoringText.fr("placez le fichier « boutique.jpg » dans Content/media/, ou corrigez le nom ; ce dossier contient : atelier.png, bilan-2023.pdf, logo.png"),
                                   en: "put the file 'boutique.jpg' in Content/media/, or correct the name; that folder holds: atelier.png, bilan-2023.pdf, logo.png"),
                   end: SourceLocation(line: 7, column: 69)),
        ])
    }

    @Test("with no media folder the hint says where to put the file")
    func noMediaFolder() throws {
        let record = try Self.record("---\nkind: page\ntitle: \"P\"\n---\n\n![x](media/plan.png)\n")
        let diagnostics = MediaReferences.check([record], media: [], content: "Content", includeDrafts: false)
        #expect(diagnostics.map { $0.hint(.fr) } == [AuthoringText.fr("placez le fichier « plan.png » dans le dossier Content/media/ (créez-le s’il n’existe pas)")])
    }

    @Test("in a draft left out of the build it is a warning; with --drafts an error")
    func draftWarning() throws {
        let record = try Self.record("---\nkind: page\ntitle: \"P\"\ndraft: true\n---\n\n![x](media/plan.png)\n")
        let left = MediaReferences.check([record], media: [], content: "Content", includeDrafts: false)
        #expect(left.map(\.severity) == [.warning])
        #expect(left.map { $0.message(.fr) } == [AuthoringText.fr("le fichier « media/plan.png » est introuvable : il n’est pas dans Content/media/ (brouillon non publié)")])
        #expect(MediaReferences.check([record], media: [], content: "Content", includeDrafts: true).map(\.severity) == [.error])
    }

    @Test("a file that exists gives nothing, whatever its fragment or escapes")
    func existingFile() throws {
        let record = try Self.record("---\nkind: page\ntitle: \"P\"\n---\n\n[r](media/rapport%202023.pdf#page=2)\n")
        #expect(MediaReferences.check([record], media: Self.media(["rapport 2023.pdf"]), content: "Content", includeDrafts: false) == [])
    }

    @Test("Markdown resolves media/ links and images against the page's way back to the root, and nothing else")
    func markdownResolves() {
        let text = "![Plan](media/plan.png) [r](media/r.pdf) [a](fiches/autre/) [w](https://exemple.fr/media/x.png) [m](media/)\n"
        #expect(Markdown.render(text, options: MarkdownOptions(siteRoot: "../../")).html
                == "<p><img src=\"../../media/plan.png\" alt=\"Plan\" /> <a href=\"../../media/r.pdf\">r</a> <a href=\"fiches/autre/\">a</a> "
                + "<a href=\"https://exemple.fr/media/x.png\">w</a> <a href=\"media/\">m</a></p>\n")
        #expect(Markdown.render(text).html.hasPrefix("<p><img src=\"media/plan.png\" alt=\"Plan\" />"))
    }

    @Test("a reference-style image is resolved too")
    func referenceStyle() {
        #expect(Markdown.render("![Plan][p]\n\n[p]: media/plan.png\n", options: MarkdownOptions(siteRoot: "../")).html
                == "<p><img src=\"../media/plan.png\" alt=\"Plan\" /></p>\n")
    }

    /// A copy of the example site whose Cap Ondaine card shows `media/photo.png` in its text and links a PDF by a field.
    static func siteWithMedia(in directory: URL, image: String = "media/photo.png") throws -> URL {
        let content = try BuildSupport.copyContent(into: directory)
        try FileManager.default.createDirectory(at: content.appendingPathComponent("media"), withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: content.appendingPathComponent("media/photo.png"))
        try Data("%PDF-1.4\n".utf8).write(to: content.appendingPathComponent("media/bilan.pdf"))
        let card = content.appendingPathComponent("projects/cap-ondaine.md")
        var text = try String(contentsOf: card, encoding: .utf8)
        text = text.replacingOccurrences(of: "award:\n", with: "links: [{label: \"Bilan 2002\", url: \"media/bilan.pdf\"}]\naward:\n")
        text = text.replacingOccurrences(of: "## Démarche\n", with: "![Les créateurs de la coopérative](\(image))\n\n## Démarche\n")
        try text.write(to: card, atomically: true, encoding: .utf8)
        return content
    }

    @Test("end to end: a card at fiches/<id>/ shows its media/ image and links its media/ PDF through ../../, and both are published")
    func builtCard() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-media")
        defer { BuildSupport.cleanUp(directory) }
        let content = try Self.siteWithMedia(in: directory)
        let output = directory.appendingPathComponent("Output")
        let report = await BuildSupport.build(content: content.path, output: output)
        #expect(report.diagnostics.errors == [])
        let page = try String(contentsOf: output.appendingPathComponent("fiches/cap-ondaine/index.html"), encoding: .utf8)
        #expect(page.contains("<p><img src=\"../../media/photo.png\" alt=\"Les créateurs de la coopérative\" /></p>"))
        #expect(page.contains("<a href=\"../../media/bilan.pdf\">Bilan 2002</a>"))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("media/photo.png").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("media/bilan.pdf").path))
    }

    @Test("end to end: a misspelt image stops the build with media-missing at the card's body line (front matter offset + body line)")
    func builtCardMissing() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-media")
        defer { BuildSupport.cleanUp(directory) }
        let content = try Self.siteWithMedia(in: directory, image: "media/Photo.jpg")
        let text = try String(contentsOf: content.appendingPathComponent("projects/cap-ondaine.md"), encoding: .utf8)
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("![Les créateurs") }) + 1
        let report = await BuildSupport.build(content: content.path, output: directory.appendingPathComponent("Output"))
        let missing = report.diagnostics.filter { $0.rule == "media-missing" }
        #expect(missing.map(\.headline) == [AuthoringText.fr("\(content.path)/projects/cap-ondaine.md:\(line):36: erreur: le fichier « media/Photo.jpg » est introuvable : il n’est pas dans \(content.path)/media/ [media-missing]")])
        #expect(missing.map { $0.hint(.fr) } == [AuthoringText.fr("vouliez-vous dire « media/photo.png » ? écrivez : ![Les créateurs de la coopérative](media/photo.png)")])
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("Output").path))
    }
}

/// The French texts of the authoring tests written readably: `AuthoringText.fr("écrivez : x")` puts the no-break spaces of
/// French typography (U+00A0) before `:` `;` `?` and inside « », as the diagnostics print them.
enum AuthoringText {
    static func fr(_ text: String) -> String {
        text.replacingOccurrences(of: " :", with: "\u{A0}:").replacingOccurrences(of: " ;", with: "\u{A0};")
            .replacingOccurrences(of: " ?", with: "\u{A0}?")
            .replacingOccurrences(of: "« ", with: "«\u{A0}").replacingOccurrences(of: " »", with: "\u{A0}»")
    }
}
