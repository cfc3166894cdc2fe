import Foundation
import PasserelleContent
import PasserelleModel
import PasserelleRender

/// The theme folder: Mustache templates, interface labels for the site's language, and static assets.
public struct Theme: Sendable {
    public var templates: TemplateSet?
    public var labels: Labels?
    public var assets: [RenderedFile]
    public var diagnostics: [Diagnostic]
    /// The `<meta http-equiv="Content-Security-Policy" …>` tag of the theme's `base.mustache` (the default theme's
    /// when it has none), added to the HTML files of `media/`.
    public var contentSecurityPolicy: String = Theme.defaultContentSecurityPolicy

    /// The policy of the default theme.
    public static let defaultContentSecurityPolicy = """
        <meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; style-src 'self'; \
        script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'">
        """

    /// A theme asset larger than this is refused (the limit of media files).
    public static let maxAssetBytes = ContentLoader.maxMediaBytes

    public static func load(directory: String, language: Language) -> Theme {
        let display = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        // Every file of the theme is checked before any is read, with the walk that checks the content: a link (to
        // /etc/passwd or anywhere) is refused at its path and nothing is read through it.
        var files: [FolderEntry] = []
        if let root = realPath(directory), isFolder(root) {
            let (found, walkDiagnostics) = FolderWalk.regularFiles(root: root, display: display, folder: Bilingual(fr: "dossier du thème", en: "theme folder"), policy: .theme)
            if walkDiagnostics.hasErrors { return Theme(templates: nil, labels: nil, assets: [], diagnostics: walkDiagnostics) }
            files = found
        }
        let (templates, templateDiagnostics) = TemplateSet.load(directory: directory, displayDirectory: display)
        var diagnostics = templateDiagnostics
        if templates == nil && !FileManager.default.fileExists(atPath: directory) {
            return Theme(templates: nil, labels: nil, assets: [], diagnostics: diagnostics)
        }
        let (labels, labelDiagnostics) = loadLabels(files, display: display, language: language)
        diagnostics += labelDiagnostics
        let (assets, assetDiagnostics) = loadAssets(files)
        diagnostics += assetDiagnostics
        var theme = Theme(templates: templates, labels: labels, assets: assets, diagnostics: diagnostics)
        if let policy = contentSecurityPolicy(files) { theme.contentSecurityPolicy = policy }
        return theme
    }

    /// `i18n/<language>.yml`: a flat mapping of label keys to text; every key the renderer uses must be there.
    static func loadLabels(_ files: [FolderEntry], display: String, language: Language) -> (Labels?, [Diagnostic]) {
        let relative = "i18n/\(language.rawValue).yml"
        guard let entry = files.first(where: { $0.relativePath == relative }) else {
            return (nil, [.error("labels-file-missing", display + "/" + relative, .start,
                                 Bilingual(fr: "le fichier des libellés de la langue «\u{A0}\(language.rawValue)\u{A0}» manque",
                                           en: "the labels file for language '\(language.rawValue)' is missing"),
                                 hint: Bilingual(fr: "copiez i18n/\(language.rawValue).yml depuis le dossier Templates/ fourni avec Passerelle",
                                                 en: "copy i18n/\(language.rawValue).yml from Passerelle's default Templates/ folder"))])
        }
        let file = entry.displayPath
        let text: String
        switch RegularFile.read(entry.absolutePath, file: file, limit: SourceText.maxRecordBytes, what: Bilingual(fr: "un fichier de libellés", en: "a labels file"),
                                largeHint: Bilingual(fr: "un fichier de libellés tient en une ligne courte par libellé",
                                                     en: "a labels file holds one short line per label")) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let bytes):
            switch SourceText.decode(bytes, file: file) {
            case .failure(let diagnostic): return (nil, [diagnostic])
            case .success(let decoded): text = decoded
            }
        }
        let (node, found) = YAMLReader().read(text, file: file)
        guard let node else { return (nil, found) }
        guard let pairs = node.pairs else {
            return (nil, [.error("value-type", file, node.location,
                                 Bilingual(fr: "le fichier des libellés s’écrit en lignes «\u{A0}clé: texte\u{A0}», et non \(node.typeName.fr)",
                                           en: "the labels file must be key: text lines"))])
        }
        var diagnostics = found
        var values: [String: String] = [:]
        for pair in pairs {
            guard let value = pair.value.scalar else {
                diagnostics.append(.error("value-type", file, pair.value.location,
                                          Bilingual(fr: "le libellé «\u{A0}\(pair.key)\u{A0}» doit être un texte, et non \(pair.value.typeName.fr)",
                                                    en: "label '\(pair.key)' must be text, found \(pair.value.typeName.en)")))
                continue
            }
            values[pair.key] = value
        }
        for key in Labels.required where values[key] == nil {
            diagnostics.append(.error("label-missing", file, .start,
                                      Bilingual(fr: "libellé «\u{A0}\(key)\u{A0}» absent", en: "missing label '\(key)'"),
                                      hint: Bilingual(fr: "ajoutez une ligne \(key): \"…\"", en: "add a line \(key): \"…\"")))
        }
        return (Labels(values), diagnostics)
    }

    /// Every regular file under `assets/` (hidden files left out), to be copied to `Output/assets/`.
    static func loadAssets(_ files: [FolderEntry]) -> ([RenderedFile], [Diagnostic]) {
        var assets: [RenderedFile] = []
        var diagnostics: [Diagnostic] = []
        for entry in files where entry.relativePath.hasPrefix("assets/") && !(entry.relativePath as NSString).lastPathComponent.hasPrefix(".") {
            switch RegularFile.read(entry.absolutePath, file: entry.displayPath, limit: maxAssetBytes, what: Bilingual(fr: "un fichier du thème", en: "a theme asset"),
                                    largeHint: ContentLoader.mediaSizeHint) {
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            case .success(let bytes): assets.append(RenderedFile(path: entry.relativePath, contents: bytes))
            }
        }
        return (assets, diagnostics)
    }

    /// The Content-Security-Policy meta tag of `base.mustache`, when it has one written out (no Mustache tag in it).
    static func contentSecurityPolicy(_ files: [FolderEntry]) -> String? {
        guard let base = files.first(where: { $0.relativePath == "base.mustache" }),
              case .success(let bytes) = RegularFile.read(base.absolutePath, file: base.displayPath, limit: SourceText.maxRecordBytes,
                                                          what: Bilingual(fr: "un modèle", en: "a template"), largeHint: Bilingual(fr: "", en: "")),
              case .success(let text) = SourceText.decode(bytes, file: base.displayPath) else { return nil }
        var rest = text[...]
        while let start = rest.range(of: "<meta", options: .caseInsensitive) {
            guard let end = rest[start.upperBound...].firstIndex(of: ">") else { return nil }
            let tag = rest[start.lowerBound...end]
            if tag.range(of: "content-security-policy", options: .caseInsensitive) != nil, !tag.contains("{{") { return String(tag) }
            rest = rest[rest.index(after: end)...]
        }
        return nil
    }

    /// An HTML file with the site's policy (its meta tag) put first, before anything its author wrote (after a UTF-8 byte-order
    /// mark and a doctype only), so the browser applies it to the whole document.
    func withPolicy(_ bytes: [UInt8]) -> [UInt8] {
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        var scan = index
        while scan < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(bytes[scan]) { scan += 1 }
        let doctype = Array("<!doctype".utf8)
        if bytes.count >= scan + doctype.count,
           zip(bytes[scan..<(scan + doctype.count)], doctype).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) }),
           let end = bytes[scan...].firstIndex(of: UInt8(ascii: ">")) {
            index = end + 1
        }
        return Array(bytes[..<index]) + Array(contentSecurityPolicy.utf8) + Array(bytes[index...])
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
