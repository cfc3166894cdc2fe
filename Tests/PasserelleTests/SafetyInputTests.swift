import Foundation
import Testing
@testable import PasserelleBuild
@testable import PasserelleContent
@testable import PasserelleExports
import PasserelleModel
@testable import PasserelleRender

/// Nothing from outside the site, media and contacts that cannot run or mislead, exports that say what the pages say,
/// and messages that stay one line and name the root cause (issue 9, items 5 to 8).
@Suite("Safety of input: theme, media, contacts, exports, messages")
struct SafetyInputTests {
    // MARK: Support

    static let root = BuildSupport.root

    /// A small site (the one of the bad-input corpus) and a copy of the default theme in a fresh folder.
    static func site(_ label: String) throws -> (folder: URL, content: URL, templates: URL, output: URL) {
        let folder = BuildSupport.makeTempDirectory("passerelle-safety-\(label)")
        let content = folder.appendingPathComponent("Content")
        let templates = folder.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: root.appendingPathComponent("Tests/Fixtures/bad/69-symlink-outside-content/Content"), to: content)
        try FileManager.default.copyItem(at: root.appendingPathComponent("Templates"), to: templates)
        // A published site: with its address, the build has no reason to warn about a missing base_url.
        try append("base_url: \"https://www.example.org/\"\n", content.appendingPathComponent("site.yml"))
        return (folder, content, templates, folder.appendingPathComponent("Output"))
    }

    static func build(_ site: (folder: URL, content: URL, templates: URL, output: URL)) async -> BuildReport {
        await Pipeline.build(BuildOptions(content: site.content.path, templates: site.templates.path, output: site.output.path))
    }

    static func write(_ text: String, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func append(_ text: String, _ url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    static func lines(_ diagnostics: [Diagnostic], relativeTo folder: URL) -> [String] {
        let prefixes = [folder.path + "/", (folder.resolvingSymlinksInPath().path) + "/"]
        return diagnostics.map { diagnostic in
            var line = "\(diagnostic.severity.rawValue) \(diagnostic.file):\(diagnostic.location.line):\(diagnostic.location.column) \(diagnostic.message)"
            for prefix in prefixes { line = line.replacingOccurrences(of: prefix, with: "") }
            return line
        }
    }

    static func text(_ url: URL) -> String? {
        FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every file under `output`, by relative path, as text.
    static func allFiles(_ output: URL) -> [String: String] {
        BuildSupport.snapshot(output).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs the tool in `directory`; as the user nobody when `unprivileged` (see `ProcessTests.run`).
    static func run(_ arguments: [String], in directory: URL, unprivileged: Bool = false) throws -> (status: Int32, output: String) {
        try ProcessTests.run(arguments, in: directory, unprivileged: unprivileged)
    }

    // MARK: 1. Theme files and media: regular files inside their folder

    @Test("a symbolic link in the theme's assets to the system's password file is refused at its path, and nothing is written")
    func themeAssetLinkToPasswd() async throws {
        guard FileManager.default.fileExists(atPath: "/etc/passwd") else { return }
        let site = try Self.site("passwd")
        defer { BuildSupport.cleanUp(site.folder) }
        try FileManager.default.createSymbolicLink(atPath: site.templates.appendingPathComponent("assets/passwd").path,
                                                   withDestinationPath: "/etc/passwd")
        let report = await Self.build(site)
        #expect(report.diagnostics.said == [Said.error("symlink-refused", site.templates.path + "/assets/passwd", .start,
                                              "le lien symbolique pointe hors du dossier du thème\u{A0}: /etc/passwd",
                                              hint: "copiez le fichier dans le dossier du thème au lieu d’y faire un lien")])
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test("a symbolic link to a folder outside the theme, and a template linked from outside, are refused before any template is read")
    func themeFolderAndTemplateLinks() async throws {
        let site = try Self.site("theme-links")
        defer { BuildSupport.cleanUp(site.folder) }
        try Self.write("{{! not a theme file }}\n", site.folder.appendingPathComponent("outside/home.mustache"))
        try FileManager.default.removeItem(at: site.templates.appendingPathComponent("home.mustache"))
        try FileManager.default.createSymbolicLink(atPath: site.templates.appendingPathComponent("home.mustache").path,
                                                   withDestinationPath: "../outside/home.mustache")
        try FileManager.default.createSymbolicLink(atPath: site.templates.appendingPathComponent("assets/extra").path,
                                                   withDestinationPath: site.folder.appendingPathComponent("outside").path)
        let report = await Self.build(site)
        #expect(Self.lines(report.diagnostics, relativeTo: site.folder) == [
            "error Templates/assets/extra:1:1 le lien symbolique pointe hors du dossier du thème\u{A0}: outside",
            "error Templates/home.mustache:1:1 le lien symbolique pointe hors du dossier du thème\u{A0}: outside/home.mustache",
        ])
    }

    @Test("a media file replaced by a symbolic link after the content was read is refused when it is copied")
    func mediaLinkAtCopyTime() throws {
        let folder = BuildSupport.makeTempDirectory("passerelle-safety-media-link")
        defer { BuildSupport.cleanUp(folder) }
        let link = folder.appendingPathComponent("photo.jpg")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/etc/hostname")
        let file = SourceFile(relativePath: "media/photo.jpg", displayPath: "Content/media/photo.jpg", absolutePath: link.path, role: .media, size: 10)
        let theme = Theme(templates: nil, labels: nil, assets: [], diagnostics: [])
        let (files, diagnostics) = Pipeline.collectStatic(theme: theme, media: [file])
        #expect(files.isEmpty)
        #expect(diagnostics.said == [Said.error("symlink-refused", "Content/media/photo.jpg", .start, "lien symbolique refusé\u{A0}: les fichiers sont lus là où ils sont, jamais à travers un lien",
                                       hint: "remplacez le lien par une copie du fichier vers lequel il pointe")])
    }

    @Test("a named pipe is never read (no hang), in the theme or at copy time")
    func pipeIsNotRead() async throws {
        let site = try Self.site("fifo")
        defer { BuildSupport.cleanUp(site.folder) }
        let fifo = site.templates.appendingPathComponent("assets/fifo.css")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let report = await Self.build(site)
        #expect(Self.lines(report.diagnostics, relativeTo: site.folder) == ["error Templates/assets/fifo.css:1:1 ce n’est pas un fichier ordinaire (un tube, une socket ou un périphérique)"])
        #expect(RegularFile.read(fifo.path, file: "fifo", limit: 100, what: Bilingual(fr: "un essai", en: "a test"), largeHint: Bilingual(fr: "", en: ""))
           .failureSaid == Said.error("file-not-regular", "fifo", .start, "ce n’est pas un fichier ordinaire (un tube, une socket ou un périphérique)", hint: "supprimez-le"))
    }

    @Test("a media file that grew past the limit after the content was read is refused at copy time, with its size")
    func mediaGrewPastLimit() throws {
        let folder = BuildSupport.makeTempDirectory("passerelle-safety-media-size")
        defer { BuildSupport.cleanUp(folder) }
        let path = folder.appendingPathComponent("film.mp4").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(21 * 1_048_576))
        try handle.close()
        let file = SourceFile(relativePath: "media/film.mp4", displayPath: "Content/media/film.mp4", absolutePath: path, role: .media, size: 1)
        let (files, diagnostics) = Pipeline.collectStatic(theme: Theme(templates: nil, labels: nil, assets: [], diagnostics: []), media: [file])
        #expect(files.isEmpty)
        #expect(diagnostics.said == [Said.error("media-too-large", "Content/media/film.mp4", .start, "le fichier fait 21,0\u{A0}Mo, plus que la limite de 20\u{A0}Mo pour un fichier de media/",
                                       hint: ContentLoader.mediaSizeHint.fr)])
    }

    // MARK: 2. Media: size limit, pages and images that run scripts

    @Test("media that run scripts are refused with their reason and hint, also by check; a limit of 20 MB")
    func activeMediaRefused() async throws {
        let site = try Self.site("active-media")
        defer { BuildSupport.cleanUp(site.folder) }
        for name in ["page.HTML", "logo.svg", "outil.js", "photo.jpg"] {
            try Self.write("<svg onload=alert(1)>\n", site.content.appendingPathComponent("media/" + name))
        }
        let analysis = await Pipeline.analyse(content: site.content.path)
        let media = site.content.path + "/media/"
        #expect(analysis.diagnostics.said == [
            Said.error("media-active-refused", media + "logo.svg", .start,
                   "fichier .svg refusé dans media/\u{A0}: ouvert seul, il peut exécuter des scripts à l’adresse du site, sans sa politique de sécurité (Content-Security-Policy)",
                   hint: "convertissez-le en PNG ou en PDF\u{A0}; un logo de confiance peut aller dans le thème (Templates/assets/)\u{A0}; ou écrivez markdown: {unsafe_html: true} dans site.yml si vous avez confiance en chaque fichier de media/"),
            .error("media-script-refused", media + "outil.js", .start, "fichier .js refusé dans media/\u{A0}: les scripts appartiennent au thème, pas au contenu",
                   hint: "rangez les scripts du site dans le dossier assets/ du thème (Templates/assets/)"),
            .error("media-html-refused", media + "page.HTML", .start,
                   "fichier .html refusé dans media/\u{A0}: les scripts qu’il peut contenir s’exécuteraient à l’adresse du site, sans sa politique de sécurité (Content-Security-Policy)",
                   hint: "faites-en une page (une fiche .md) ou un PDF\u{A0}; ou, si vous avez confiance en chaque fichier de media/, écrivez markdown: {unsafe_html: true} dans site.yml (la politique du site y est alors ajoutée)"),
        ])
        #expect(analysis.media.map(\.relativePath) == ["media/photo.jpg"])
        #expect(ContentLoader.maxMediaBytes == 20 * 1_048_576)
    }

    @Test("under unsafe_html, an HTML media file is published with the site's Content-Security-Policy first, and SVG as it is")
    func htmlMediaGetsPolicy() async throws {
        let site = try Self.site("media-csp")
        defer { BuildSupport.cleanUp(site.folder) }
        try Self.append("markdown:\n  unsafe_html: true\n", site.content.appendingPathComponent("site.yml"))
        try Self.write("<!DOCTYPE html>\n<title>Programme</title>\n<script>alert(1)</script>\n", site.content.appendingPathComponent("media/programme.html"))
        try Self.write("<p>Sans doctype</p>\n", site.content.appendingPathComponent("media/fragment.htm"))
        try Self.write("<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n", site.content.appendingPathComponent("media/logo.svg"))
        let report = await Self.build(site)
        #expect(report.diagnostics == [])
        let policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'\">"
        #expect(policy == Theme.defaultContentSecurityPolicy)
        #expect(Self.text(site.output.appendingPathComponent("media/programme.html"))
            == "<!DOCTYPE html>" + policy + "\n<title>Programme</title>\n<script>alert(1)</script>\n")
        #expect(Self.text(site.output.appendingPathComponent("media/fragment.htm")) == policy + "<p>Sans doctype</p>\n")
        #expect(Self.text(site.output.appendingPathComponent("media/logo.svg")) == "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
    }

    @Test("the policy added to HTML media is the theme's own, read from base.mustache")
    func themePolicyIsUsed() throws {
        let site = try Self.site("theme-csp")
        defer { BuildSupport.cleanUp(site.folder) }
        let base = site.templates.appendingPathComponent("base.mustache")
        let original = try #require(Self.text(base))
        let own = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
        try Self.write(original.replacingOccurrences(of: Theme.defaultContentSecurityPolicy, with: own), base)
        let theme = Theme.load(directory: site.templates.path, language: .fr)
        #expect(theme.diagnostics == [])
        #expect(theme.contentSecurityPolicy == own)
        #expect(theme.withPolicy(Array("\u{FEFF}<!doctype html><p>x".utf8)) == Array("\u{FEFF}<!doctype html>\(own)<p>x".utf8))
    }

    // MARK: 3. Contacts

    @Test("a phone link dials the number before any extension; '+33 (0)2' drops the (0)", arguments: [
        ("02 32 84 64 34 poste 12", "0232846434"),
        ("02.32.84.64.34 ext. 12", "0232846434"),
        ("02 32 84 64 34 x12", "0232846434"),
        ("02 32 84 64 34, 12", "0232846434"),
        ("02 32 84 64 34 / 06 12 34 56 78", "0232846434"),
        ("+33 (0)2 32 84 64 34", "+33232846434"),
        ("+33 2 32 84 64 34 poste 5", "+33232846434"),
        ("0033 (0)2 32 84 64 34", "0033232846434"),
        ("Tél. : 02 32 84 64 34", "0232846434"),
        ("02\u{A0}32\u{A0}84\u{A0}64\u{A0}34", "0232846434"),
    ])
    func phoneLink(_ written: String, _ dialled: String) {
        #expect(PageContext.dialledNumber(written) == dialled)
    }

    @Test("no phone link without a number to dial", arguments: ["standard", "15", "1234567890123456", "٠٢ ٣٢", "+ 12"])
    func noPhoneLink(_ written: String) {
        #expect(PageContext.dialledNumber(written) == nil)
    }

    @Test("a mailto link only for a plain address", arguments: [
        ("marie.dupont@exemple.fr", true), ("élodie+ess@coop-exemple.fr", true), ("  contact@exemple.org ", true),
        ("a@b.fr?cc=x", false), ("a@b.fr?subject=Bonjour&body=x", false), ("a@b.fr,c@d.fr", false), ("a@@b.fr", false),
        ("a@b", false), ("a%3Fcc=x@b.fr", false), (".a@b.fr", false), ("a@-b.fr", false), ("a@b..fr", false),
        ("a@b.fr\u{200D}", false), ("a@b.f1", false),
    ])
    func emailLink(_ address: String, _ linkable: Bool) {
        #expect(PageContext.isLinkableEmail(address) == linkable)
    }

    @Test("on the card, the phone extension stays in the text only, and an address with ?cc= is shown without a link")
    func contactsOnTheCard() async throws {
        let site = try Self.site("contacts")
        defer { BuildSupport.cleanUp(site.folder) }
        try Self.append("contacts_privacy: show\n", site.content.appendingPathComponent("site.yml"))
        let card = site.content.appendingPathComponent("projects/atelier.md")
        let text = try #require(Self.text(card)).replacingOccurrences(of: "results:", with: """
            contacts:
              - {name: "Marie Dupont", phone: "02 32 84 64 34 poste 12", email: "a@b.fr?cc=x"}
              - {name: "Paul Martin", phone: "+33 (0)2 32 84 64 35", email: "paul@exemple.fr"}
            results:
            """)
        try Self.write(text, card)
        let report = await Self.build(site)
        #expect(report.diagnostics == [])
        let pages = Self.allFiles(site.output).filter { $0.value.contains("Marie Dupont") && $0.key.hasSuffix(".html") }
        let page = try #require(pages.first?.value)
        #expect(page.contains("<a href=\"tel:0232846434\">02 32 84 64 34 poste 12</a>"))
        #expect(page.contains("<a href=\"tel:+33232846435\">+33 (0)2 32 84 64 35</a>"))
        #expect(page.contains("<a href=\"mailto:paul@exemple.fr\">paul@exemple.fr</a>"))
        #expect(!page.contains("mailto:a@b.fr"))
        #expect(page.contains(" a@b.fr?cc=x<br>"))
    }

    // MARK: 4. CSV formula guard

    @Test("the formula guard looks past format characters and combining marks", arguments: [
        "=\u{200D}cmd|' /C calc'!A0", "\u{200B}=1+1", "=\u{0301}HYPERLINK(\"http://x\")", "\u{FEFF}@SUM(A1)", "\u{0301}-2+3",
        "\u{200E}+33", "\u{2060}\u{200C}=1", "\u{FF1D}1+1", "=1+1", "\t=1", "\r=1",
    ])
    func formulaGuard(_ text: String) {
        #expect(CSVCell.startsLikeFormula(text))
        let scalars = Array(CSVCell.text(text).encoded.unicodeScalars)
        #expect(scalars.first == "'" || (scalars.first == "\"" && scalars.dropFirst().first == "'"))
    }

    @Test("text that does not start a formula is left as it is", arguments: ["Atelier", "\u{200B}Atelier", "é=1", "1-2", "'=1"])
    func noFormula(_ text: String) {
        #expect(!CSVCell.startsLikeFormula(text))
        #expect(CSVCell.text(text).encoded == text)
    }

    @Test("exact CSV cells of guarded texts")
    func formulaCells() {
        #expect(CSVCell.text("=\u{200D}cmd").encoded == "'=\u{200D}cmd")
        #expect(CSVCell.text("\u{200B}=1+1").encoded == "'\u{200B}=1+1")
        #expect(CSVCell.text("=\u{0301}1,2").encoded == "\"'=\u{0301}1,2\"")
    }

    // MARK: 5. datapackage.json: the pages' link rule

    @Test("a javascript: licence link is dropped from the pages and from datapackage.json; an https one is kept in both")
    func licenceLink() async throws {
        for (url, kept) in [("javascript:alert(document.cookie)", nil), (" JavaScript:alert(1)", nil), ("data:text/html,x", nil),
                            ("https://creativecommons.org/licenses/by-sa/4.0/", "https://creativecommons.org/licenses/by-sa/4.0/")] {
            let site = try Self.site("licence")
            defer { BuildSupport.cleanUp(site.folder) }
            try Self.append("licence: {name: \"CC BY-SA 4.0\", url: \"\(url)\"}\n", site.content.appendingPathComponent("site.yml"))
            let report = await Self.build(site)
            #expect(report.diagnostics == [])
            let data = try #require(FileManager.default.contents(atPath: site.output.appendingPathComponent("data/datapackage.json").path))
            let package = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let licenses = try #require(package["licenses"] as? [[String: String]])
            #expect(licenses == [kept.map { ["title": "CC BY-SA 4.0", "path": $0] } ?? ["title": "CC BY-SA 4.0"]])
            let home = try #require(Self.text(site.output.appendingPathComponent("index.html")))
            #expect(!home.lowercased().contains("javascript:"))
            #expect(!home.contains("data:text/html"))
            if let kept { #expect(home.contains("href=\"\(kept)\"")) }
        }
    }

    @Test("links: only web, mail, phone and relative links are kept, trimmed; every other scheme is dropped", arguments: [
        ("javascript:alert(1)", nil), (" javascript:alert(1)", nil), ("JAVASCRIPT:x", nil), ("vbscript:x", nil),
        ("data:text/html,x", nil), ("//evil.example", nil), ("https://ok.example/a?b#c", "https://ok.example/a?b#c"),
        ("http://ok.example", "http://ok.example"), ("mailto:a@b.fr", "mailto:a@b.fr"), ("tel:+33", "tel:+33"),
        ("/licence", "/licence"), ("licence.html", "licence.html"), ("a/b:c", "a/b:c"), ("?x:y", "?x:y"), ("", nil), ("  ", nil),
        (" https://ok.example ", "https://ok.example"),
    ] as [(String, String?)])
    func linkRule(_ url: String, _ kept: String?) {
        #expect(SafeURL.sanitise(url) == kept)
    }

    // MARK: 6. Messages

    @Test("UTF-16 and UTF-32 files are named as such, with the re-save hint; a binary file keeps its NUL byte message")
    func wideEncodings() {
        let file = "Content/projects/atelier.md"
        let text = "---\nkind: project\ntitle: \"Atelier\"\n---\n"
        let hint16 = "dans la plupart des éditeurs\u{A0}: Enregistrer sous… › Encodage › UTF-8 (le Bloc-notes de Windows appelle l’UTF-16 «\u{A0}Unicode\u{A0}»)"
        let utf16 = Said.error("file-not-utf8", file, .start, "le fichier est encodé en UTF-16\u{A0}; enregistrez-le en UTF-8", hint: hint16)
        let littleEndian = Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let bigEndian = Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(SourceText.decode([0xFF, 0xFE] + littleEndian, file: file).failureSaid == utf16)
        #expect(SourceText.decode([0xFE, 0xFF] + bigEndian, file: file).failureSaid == utf16)
        #expect(SourceText.decode(littleEndian, file: file).failureSaid == utf16)
        #expect(SourceText.decode(bigEndian, file: file).failureSaid == utf16)
        #expect(SourceText.decode([0xFF, 0xFE, 0, 0, 0x2D, 0, 0, 0], file: file)
           .failureSaid == Said.error("file-not-utf8", file, .start, "le fichier est encodé en UTF-32\u{A0}; enregistrez-le en UTF-8",
                                      hint: "dans la plupart des éditeurs\u{A0}: Enregistrer sous… › Encodage › UTF-8"))
        // A binary file: NULs anywhere, not in every other byte.
        #expect(SourceText.decode(Array("ab".utf8) + [0, 0, 0] + Array("cd".utf8) + [0] + Array("e".utf8), file: file)
           .failureSaid == Said.error("file-nul-byte", file, SourceLocation(line: 1, column: 3), "le fichier contient un octet nul",
                               hint: "le fichier est binaire ou abîmé\u{A0}; enregistrez-le de nouveau en texte brut UTF-8"))
        #expect(SourceText.decode(Array("---\nab".utf8) + [0, 0x41, 0x42, 0x43, 0x44, 0, 0], file: file).isNULFailure)
    }

    @Test("control characters in file names are escaped, so one diagnostic stays one line (text), and kept as they are (JSON)")
    func controlCharactersInNames() throws {
        let site = try Self.site("control")
        defer { BuildSupport.cleanUp(site.folder) }
        try Self.write("x", site.content.appendingPathComponent("notes\nsecret.txt"))
        try Self.write("x", site.content.appendingPathComponent("a\u{1B}[31mb\tc\r.txt"))
        let result = try Self.run(["check"], in: site.folder)
        #expect(result.status == 0)
        #expect(result.output == """
            Content/a\\u{1B}[31mb\\tc\\r.txt:1:1: avertissement: fichier ignoré\u{A0}: ce n’est ni une fiche (.md), ni site.yml, ni indicators.yml, ni un fichier du dossier media/ [file-ignored]
                conseil : les fiches se terminent par .md\u{A0}; rangez images et documents dans media/
            Content/notes\\nsecret.txt:1:1: avertissement: fichier ignoré\u{A0}: ce n’est ni une fiche (.md), ni site.yml, ni indicators.yml, ni un fichier du dossier media/ [file-ignored]
                conseil : les fiches se terminent par .md\u{A0}; rangez images et documents dans media/
            0 erreur, 2 avertissements

            """)
        let json = try Self.run(["check", "--format", "json"], in: site.folder)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let files = (report["diagnostics"] as? [[String: Any]])?.compactMap { $0["file"] as? String }
        #expect(files == ["Content/a\u{1B}[31mb\tc\r.txt", "Content/notes\nsecret.txt"])
    }

    @Test("an unreadable folder is reported first, before the references it breaks")
    func unreadableFolderFirst() throws {
        if getuid() == 0 && !FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") { return }
        let site = try Self.site("unreadable")
        defer {
            chmod(site.content.appendingPathComponent("organisations").path, 0o755)
            BuildSupport.cleanUp(site.folder)
        }
        // Readable by the unprivileged user the test may run the tool as.
        chmod(site.folder.path, 0o755)
        #expect(chmod(site.content.appendingPathComponent("organisations").path, 0) == 0)
        let result = try Self.run(["check"], in: site.folder, unprivileged: true)
        #expect(result.status == 1)
        #expect(result.output == """
            Content:1:1: erreur: le dossier «\u{A0}Content/organisations\u{A0}» ne peut pas être lu (accès refusé) [file-unreadable]
                conseil : vérifiez ses droits d’accès\u{A0}; rien n’y a été lu, et ce qui y renvoie est signalé manquant plus bas
            Content/projects/atelier.md:5:10: erreur: organisation inconnue\u{A0}: «\u{A0}region\u{A0}» [ref-unknown-organisation]
                conseil : déclarez-la dans un fichier du dossier organisations/ avec kind: organisation
            Content/projects/atelier.md:9:14: erreur: organisation inconnue\u{A0}: «\u{A0}region\u{A0}» [ref-unknown-organisation]
                conseil : déclarez-la dans un fichier du dossier organisations/ avec kind: organisation
            Content/projects/atelier.md:10:14: erreur: organisation inconnue\u{A0}: «\u{A0}etat\u{A0}» [ref-unknown-organisation]
                conseil : déclarez-la dans un fichier du dossier organisations/ avec kind: organisation
            4 erreurs, 0 avertissement

            """)
    }

    @Test("a file name that is not UTF-8 is an error at its path, not silently skipped")
    func nonUTF8Name() throws {
        let site = try Self.site("latin1-name")
        defer { BuildSupport.cleanUp(site.folder) }
        let path = site.content.path + "/projects/caf\u{E9}.md"
        var bytes = Array((site.content.path + "/projects/caf").utf8)
        bytes += [0xE9] + Array(".md".utf8) + [0]
        let descriptor = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(descriptor >= 0)
        close(descriptor)
        let (_, diagnostics) = Discovery.discover(contentDirectory: site.content.path)
        #expect(diagnostics.said == [Said.error("file-name-not-utf8", path.replacingOccurrences(of: "\u{E9}", with: "\u{FFFD}"), .start, "le nom du fichier n’est pas en UTF-8",
                                       hint: "renommez-le (il vient sans doute d’un vieux système ou d’une archive)")])
    }
}

extension Result where Success == String, Failure == Diagnostic {
    /// True when decoding failed on a NUL byte.
    fileprivate var isNULFailure: Bool {
        if case .failure(let diagnostic) = self { return diagnostic.rule == "file-nul-byte" }
        return false
    }
}
