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

    public static func load(directory: String, language: Language) -> Theme {
        let display = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let (templates, templateDiagnostics) = TemplateSet.load(directory: directory, displayDirectory: display)
        var diagnostics = templateDiagnostics
        if templates == nil && !FileManager.default.fileExists(atPath: directory) {
            return Theme(templates: nil, labels: nil, assets: [], diagnostics: diagnostics)
        }
        let (labels, labelDiagnostics) = loadLabels(directory: display, language: language)
        diagnostics += labelDiagnostics
        let (assets, assetDiagnostics) = loadAssets(directory: display)
        diagnostics += assetDiagnostics
        return Theme(templates: templates, labels: labels, assets: assets, diagnostics: diagnostics)
    }

    /// `i18n/<language>.yml`: a flat mapping of label keys to text; every key the renderer uses must be there.
    static func loadLabels(directory: String, language: Language) -> (Labels?, [Diagnostic]) {
        let file = "\(directory)/i18n/\(language.rawValue).yml"
        guard let data = FileManager.default.contents(atPath: file) else {
            return (nil, [.error(file, .start, "the labels file for language '\(language.rawValue)' is missing",
                                 hint: "copy i18n/\(language.rawValue).yml from Passerelle's default Templates/ folder")])
        }
        let text: String
        switch SourceText.decode([UInt8](data), file: file) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let decoded): text = decoded
        }
        let (node, found) = YAMLReader().read(text, file: file)
        guard let node else { return (nil, found) }
        guard let pairs = node.pairs else {
            return (nil, [.error(file, node.location, "the labels file must be key: text lines")])
        }
        var diagnostics = found
        var values: [String: String] = [:]
        for pair in pairs {
            guard let value = pair.value.scalar else {
                diagnostics.append(.error(file, pair.value.location, "label '\(pair.key)' must be text, found \(pair.value.typeDescription)"))
                continue
            }
            values[pair.key] = value
        }
        for key in Labels.required where values[key] == nil {
            diagnostics.append(.error(file, .start, "missing label '\(key)'", hint: "add a line \(key): \"…\""))
        }
        return (Labels(values), diagnostics)
    }

    /// Every file under `assets/`, to be copied to `Output/assets/`.
    static func loadAssets(directory: String) -> ([RenderedFile], [Diagnostic]) {
        let root = directory + "/assets"
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return ([], []) }
        var files: [RenderedFile] = []
        var diagnostics: [Diagnostic] = []
        var paths: [String] = []
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue,
               !(path as NSString).lastPathComponent.hasPrefix(".") {
                paths.append(path)
            }
        }
        for path in paths.sorted() {
            guard let data = FileManager.default.contents(atPath: root + "/" + path) else {
                diagnostics.append(.error(root + "/" + path, .start, "the file cannot be read"))
                continue
            }
            files.append(RenderedFile(path: "assets/" + path, contents: [UInt8](data)))
        }
        return (files, diagnostics)
    }
}
