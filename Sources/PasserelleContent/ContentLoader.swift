import Foundation
import PasserelleModel

/// Everything read from `Content/`: settings, dictionary, records, and what went wrong.
public struct LoadedContent: Sendable {
    public var config: SiteConfig
    public var dictionary: MetricDictionary
    public var records: [Record]
    public var media: [SourceFile]
    public var diagnostics: [Diagnostic]
    /// False when indicators.yml exists but could not be read: metric names cannot be checked then.
    public var dictionaryReadable: Bool = true
    /// The drafts the build leaves out: their references are checked too, as warnings, so that an author hears of a
    /// mistyped funder while writing, not on the day the draft line is removed.
    public var drafts: [Record] = []
    /// The ids of record files that could not be read (their own errors say why): a reference to one of them is not
    /// reported again as unknown.
    public var unreadableIDs: Set<String> = []
}

/// The parse and decode stages: files to typed records, in parallel, every problem a diagnostic.
public enum ContentLoader {
    /// More records than this in one site is refused (the generator is measured up to 10 000).
    public static let maxRecords = 100_000
    /// A file under `media/` larger than this is refused (web pages link to media; a host serves them as they are).
    public static let maxMediaBytes = 20 * 1024 * 1024
    /// Media a browser renders as a page, running the scripts in it: refused unless `markdown: {unsafe_html: true}`,
    /// then published with the site's Content-Security-Policy added.
    public static let htmlMediaExtensions: Set<String> = ["html", "htm", "xhtml", "xht"]
    /// Media a browser also runs scripts in when opened directly, and that cannot carry the site's policy: refused
    /// unless `markdown: {unsafe_html: true}`.
    public static let activeMediaExtensions: Set<String> = ["svg", "svgz", "xml", "xsl", "xslt"]
    /// Scripts: never content. The theme holds the site's own (`Templates/assets/`).
    public static let scriptMediaExtensions: Set<String> = ["js", "mjs"]

    /// `overrides` gives the text of files as an editor holds them, unsaved: keys are paths relative to the content
    /// folder (`projects/x.md`, `site.yml`); a key with no file on disk adds that file (a record not written yet).
    public static func load(contentDirectory: String, includeDrafts: Bool = false,
                            overrides: [String: String] = [:]) async -> LoadedContent {
        var (files, discoveryDiagnostics) = Discovery.discover(contentDirectory: contentDirectory)
        var diagnostics = discoveryDiagnostics
        let display = contentDirectory.hasSuffix("/") ? String(contentDirectory.dropLast()) : contentDirectory
        files = withOverrides(files, overrides, display: display)

        var config = SiteConfig(title: "")
        // False when site.yml has an error: its unsafe_html setting is unknown, so media are not judged by it.
        var settingsRead = true
        if let file = files.first(where: { $0.role == .siteSettings }) {
            let (node, found) = readYAML(file, overrides)
            diagnostics += found
            settingsRead = node != nil && !found.hasErrors
            if let node {
                let collector = DiagnosticCollector(file: file.displayPath)
                if let decoded = SettingsDecoder.site(node, collector: collector) { config = decoded }
                diagnostics += collector.diagnostics
                settingsRead = settingsRead && !collector.diagnostics.hasErrors
            }
        } else if discoveryDiagnostics.isEmpty || !files.isEmpty {
            diagnostics.append(.error("site-yml-missing", display + "/site.yml", .start,
                                      Bilingual(fr: "le fichier site.yml manque", en: "site.yml is missing"),
                                      hint: Bilingual(fr: "créez \(display)/site.yml avec au moins une ligne title: \"…\" (les autres réglages sont décrits dans le README)",
                                                      en: "create \(display)/site.yml with at least a line title: \"…\" (see the README for the other settings)")))
        }

        var dictionary = MetricDictionary(file: display + "/indicators.yml")
        var dictionaryReadable = true
        if let file = files.first(where: { $0.role == .dictionary }) {
            let (node, found) = readYAML(file, overrides)
            diagnostics += found
            dictionaryReadable = node != nil
            if let node {
                let collector = DiagnosticCollector(file: file.displayPath)
                dictionary = SettingsDecoder.dictionary(node, collector: collector)
                diagnostics += collector.diagnostics
            }
        }

        var recordFiles = files.filter { $0.role == .record }
        if recordFiles.count > maxRecords {
            diagnostics.append(.error("content-too-many-records", display, .start,
                                      Bilingual(fr: "\(recordFiles.count) fiches, plus que la limite de \(maxRecords) pour un site",
                                                en: "\(recordFiles.count) records, over the limit of \(maxRecords) for one site"),
                                      hint: Bilingual(fr: "découpez le site, ou vérifiez que le dossier de contenu est le bon",
                                                      en: "split the site, or check that the content folder is the right one")))
            recordFiles = Array(recordFiles.prefix(maxRecords))
        }
        let metrics = dictionaryReadable ? dictionary : nil
        let decoded = await withTaskGroup(of: (Int, Record?, [Diagnostic]).self) { group in
            for (index, file) in recordFiles.enumerated() {
                group.addTask {
                    let (record, found) = decodeRecord(file, overrides, dictionary: metrics)
                    return (index, record, found)
                }
            }
            var results = [(Record?, [Diagnostic])](repeating: (nil, []), count: recordFiles.count)
            for await (index, record, found) in group {
                results[index] = (record, found)
            }
            return results
        }
        var records: [Record] = []
        var drafts: [Record] = []
        var unreadableIDs: Set<String> = []
        for ((record, found), file) in zip(decoded, recordFiles) {
            diagnostics += found
            if record == nil {
                unreadableIDs.insert(String(((file.relativePath as NSString).lastPathComponent as NSString).deletingPathExtension))
            }
            if let record, includeDrafts || !record.draft { records.append(record) } else if let record { drafts.append(record) }
        }
        // With site.yml in error, its unsafe_html is unknown: pages and SVG are not refused on a guess (the build stops anyway).
        let (media, mediaDiagnostics) = checkMedia(files.filter { $0.role == .media }, unsafeHTML: config.unsafeHTML || !settingsRead)
        diagnostics += mediaDiagnostics
        diagnostics += MediaReferences.check(decoded.compactMap(\.0), media: files.filter { $0.role == .media }, content: display, includeDrafts: includeDrafts)
        return LoadedContent(config: config, dictionary: dictionary, records: records,
                             media: media, diagnostics: diagnostics,
                             dictionaryReadable: dictionaryReadable, drafts: drafts, unreadableIDs: unreadableIDs)
    }

    /// The media files that may be published, and why the others may not: over the size limit, or a kind of file a
    /// browser runs scripts in (pages and SVG images unless `unsafe_html`, scripts always).
    public static func checkMedia(_ files: [SourceFile], unsafeHTML: Bool) -> (accepted: [SourceFile], diagnostics: [Diagnostic]) {
        var accepted: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            let kind = (file.relativePath as NSString).pathExtension.lowercased()
            if scriptMediaExtensions.contains(kind) {
                diagnostics.append(.error("media-script-refused", file.displayPath, .start,
                                          Bilingual(fr: "fichier .\(kind) refusé dans media/\u{A0}: les scripts appartiennent au thème, pas au contenu",
                                                    en: "a .\(kind) file under media/ is refused: scripts belong to the theme, not to the content"),
                                          hint: Bilingual(fr: "rangez les scripts du site dans le dossier assets/ du thème (Templates/assets/)",
                                                          en: "put the site's own scripts in the theme's assets/ folder (Templates/assets/)")))
            } else if !unsafeHTML && htmlMediaExtensions.contains(kind) {
                diagnostics.append(.error("media-html-refused", file.displayPath, .start,
                                          Bilingual(fr: "fichier .\(kind) refusé dans media/\u{A0}: les scripts qu’il peut contenir s’exécuteraient à l’adresse du site, sans sa politique de sécurité (Content-Security-Policy)",
                                                    en: "a .\(kind) file under media/ is refused: the scripts it may hold would run on the site's address, without the site's Content-Security-Policy"),
                                          hint: Bilingual(fr: "faites-en une page (une fiche .md) ou un PDF\u{A0}; ou, si vous avez confiance en chaque fichier de media/, écrivez markdown: {unsafe_html: true} dans site.yml (la politique du site y est alors ajoutée)",
                                                          en: "make it a page (a .md record) or a PDF; or, if you trust every file under media/, set markdown: {unsafe_html: true} in site.yml (the site's policy is then added to it)")))
            } else if !unsafeHTML && activeMediaExtensions.contains(kind) {
                diagnostics.append(.error("media-active-refused", file.displayPath, .start,
                                          Bilingual(fr: "fichier .\(kind) refusé dans media/\u{A0}: ouvert seul, il peut exécuter des scripts à l’adresse du site, sans sa politique de sécurité (Content-Security-Policy)",
                                                    en: "a .\(kind) file under media/ is refused: opened on its own, it can run scripts on the site's address, without the site's Content-Security-Policy"),
                                          hint: Bilingual(fr: "convertissez-le en PNG ou en PDF\u{A0}; un logo de confiance peut aller dans le thème (Templates/assets/)\u{A0}; ou écrivez markdown: {unsafe_html: true} dans site.yml si vous avez confiance en chaque fichier de media/",
                                                          en: "convert it to PNG or PDF; a logo you trust can go in the theme (Templates/assets/); or set markdown: {unsafe_html: true} in site.yml if you trust every file under media/")))
            } else if file.size > maxMediaBytes {
                diagnostics.append(RegularFile.tooLarge(file: file.displayPath, size: file.size, limit: maxMediaBytes, what: mediaFile,
                                                        hint: mediaSizeHint, rule: "media-too-large"))
            } else {
                accepted.append(file)
            }
        }
        return (accepted, diagnostics)
    }

    /// What to do about a media file over the limit.
    public static let mediaSizeHint = Bilingual(
        fr: "allégez-le (images redimensionnées pour le web, PDF exportés pour l’écran), ou déposez-le sur un autre hébergement et faites un lien vers lui",
        en: "make it smaller (images resized for the web, PDFs exported for screen), or put it on another host and link to it")

    /// How size messages name a media file.
    public static let mediaFile = Bilingual(fr: "un fichier de media/", en: "a media file")

    /// Reads a file's bytes as checked text, refusing files over the size limit before reading them.
    public static func readText(_ file: SourceFile) -> Result<String, Diagnostic> {
        switch RegularFile.read(file.absolutePath, file: file.displayPath, limit: SourceText.maxRecordBytes, what: Bilingual(fr: "une fiche", en: "a record"),
                                largeHint: Bilingual(fr: "une fiche est du texte\u{A0}; rangez les gros documents dans media/ et faites un lien vers eux",
                                                     en: "records are text; put large documents under media/ and link to them")) {
        case .failure(let diagnostic): return .failure(diagnostic)
        case .success(let bytes): return SourceText.decode(bytes, file: file.displayPath)
        }
    }

    /// The files on disk, with the overridden ones' sizes and the ones that exist only as overrides added.
    static func withOverrides(_ files: [SourceFile], _ overrides: [String: String], display: String) -> [SourceFile] {
        guard !overrides.isEmpty else { return files }
        var byPath = Dictionary(files.map { ($0.relativePath, $0) }, uniquingKeysWith: { first, _ in first })
        for (path, text) in overrides {
            if var file = byPath[path] {
                file.size = text.utf8.count
                byPath[path] = file
                continue
            }
            let role: SourceFile.Role
            switch path {
            case "site.yml": role = .siteSettings
            case "indicators.yml": role = .dictionary
            default:
                guard path.hasSuffix(".md") else { continue }
                role = .record
            }
            byPath[path] = SourceFile(relativePath: path, displayPath: display + "/" + path,
                                      absolutePath: display + "/" + path, role: role, size: text.utf8.count)
        }
        return byPath.values.sorted()
    }

    /// The text of a file: the editor's unsaved text when there is one (checked as a file's bytes are), else the disk's.
    static func readText(_ file: SourceFile, _ overrides: [String: String]) -> Result<String, Diagnostic> {
        guard let text = overrides[file.relativePath] else { return readText(file) }
        return SourceText.decode(Array(text.utf8), file: file.displayPath)
    }

    static func readYAML(_ file: SourceFile, _ overrides: [String: String] = [:]) -> (YAMLNode?, [Diagnostic]) {
        switch readText(file, overrides) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let text): return YAMLReader().read(text, file: file.displayPath)
        }
    }

    /// One record file through text checks, front-matter split, YAML and typed decoding.
    public static func decodeRecord(_ file: SourceFile, _ overrides: [String: String] = [:],
                                    dictionary: MetricDictionary? = nil) -> (Record?, [Diagnostic]) {
        let text: String
        switch readText(file, overrides) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let decoded): text = decoded
        }
        let name = (file.relativePath as NSString).lastPathComponent
        let defaultID = String(name.dropLast(3))
        return decodeRecord(text: text, file: file.displayPath, defaultID: defaultID, dictionary: dictionary)
    }

    /// One record's text (already checked) to a record.
    /// With `dictionary`, result values are also checked against their metric's unit (`MetricUnits`).
    public static func decodeRecord(text: String, file: String, defaultID: String,
                                    dictionary: MetricDictionary? = nil) -> (Record?, [Diagnostic]) {
        let front: FrontMatter
        switch FrontMatterSplitter.split(text, file: file) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let split): front = split
        }
        let (node, yamlDiagnostics) = YAMLReader().read(front.yaml, file: file, firstLine: front.yamlLine)
        guard let node else { return (nil, yamlDiagnostics) }
        let collector = DiagnosticCollector(file: file)
        let record = RecordDecoder.decode(node, body: front.body, bodyLine: front.bodyLine, defaultID: defaultID, collector: collector)
            .map { MediaReferences.attach(to: $0, front: node, body: front.body, bodyLine: front.bodyLine) }
        BodyLimits.check(front.body, firstLine: front.bodyLine, collector: collector)
        PlaceholderText.check(front, collector: collector)
        BodyPitfalls.check(front.body, firstLine: front.bodyLine, collector: collector)
        if let dictionary, case .card = record?.payload { MetricUnits.check(node, dictionary: dictionary, collector) }
        return (record, yamlDiagnostics + collector.diagnostics)
    }
}
