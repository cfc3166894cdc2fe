import Foundation
import Mustache
import PasserelleModel

/// The theme's Mustache templates, parsed and checked at load so mistakes are reported with their place.
public struct TemplateSet: Sendable {
    public let library: MustacheLibrary
    public let names: [String]

    /// Templates every site needs; a theme that lacks one is refused at load.
    public static let required = ["base", "home", "card", "cards", "article", "articles", "page", "section",
                                  "organisation", "organisations", "glossary", "theme", "themes", "dashboard", "generated", "methodology", "data",
                                  "partials/data-table", "partials/indicator-block", "partials/indicator-summary",
                                  "partials/contributions", "partials/cofunded-results", "partials/provenance", "partials/downloads",
                                  "dashboards", "404", "redirect"]

    /// Loads every `.mustache` file under `directory`. `displayDirectory` is how paths appear in diagnostics.
    public static func load(directory: String, displayDirectory: String) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let shown = displayDirectory.hasSuffix("/") ? String(displayDirectory.dropLast()) : displayDirectory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base, isDirectory: &isDirectory), isDirectory.boolValue,
              let enumerator = FileManager.default.enumerator(atPath: base) else {
            return (nil, [.error("templates-folder-missing", shown, .start,
                                 Bilingual(fr: "le dossier des modèles «\u{A0}\(shown)\u{A0}» n’existe pas", en: "the templates folder '\(shown)' does not exist"),
                                 hint: Bilingual(fr: "indiquez le dossier du thème avec --templates DOSSIER", en: "pass the theme's folder with --templates DIR"))])
        }
        var sources: [(name: String, file: String, text: String)] = []
        for case let path as String in enumerator where path.hasSuffix(".mustache") {
            let file = shown + "/" + path
            guard let data = FileManager.default.contents(atPath: base + "/" + path) else {
                diagnostics.append(.error("file-unreadable", file, .start,
                                          Bilingual(fr: "le modèle ne peut pas être lu", en: "the template cannot be read"),
                                          hint: Bilingual(fr: "vérifiez ses droits d’accès", en: "check its permissions")))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error("file-not-utf8", file, .start,
                                          Bilingual(fr: "le modèle n’est pas en UTF-8", en: "the template is not valid UTF-8"),
                                          hint: Bilingual(fr: "enregistrez-le en UTF-8", en: "save it as UTF-8")))
                continue
            }
            sources.append((String(path.dropLast(".mustache".count)), file, text))
        }
        sources.sort { $0.name < $1.name }
        var library = MustacheLibrary()
        let known = Set(sources.map(\.name))
        for source in sources {
            do {
                let template = try MustacheTemplate(string: source.text)
                library.register(template, named: source.name)
            } catch let error as MustacheTemplate.ParserError {
                if let section = unbalancedSection(in: source.text) {
                    diagnostics.append(.error("template-syntax", source.file, section.location,
                                              Bilingual(fr: "erreur de syntaxe du modèle\u{A0}: ", en: "template syntax error: ") + section.message,
                                              hint: section.hint))
                } else {
                    diagnostics.append(.error("template-syntax", source.file, SourceLocation(line: error.context.lineNumber, column: error.context.columnNumber),
                                              Bilingual(fr: "erreur de syntaxe du modèle\u{A0}: ", en: "template syntax error: ") + describe(error.error),
                                              hint: Bilingual(fr: "vérifiez que chaque {{#section}} a son {{/section}} et que chaque balise finit par }}",
                                                              en: "check that every {{#section}} has its {{/section}} and every tag ends with }}")))
                }
                continue
            } catch {
                diagnostics.append(.error("template-syntax", source.file, .start,
                                          Bilingual(fr: "erreur de syntaxe du modèle\u{A0}: \(error)", en: "template syntax error: \(error)")))
                continue
            }
            for reference in partialReferences(in: source.text) where !known.contains(reference.name) {
                diagnostics.append(.error("template-missing", source.file, reference.location,
                                          Bilingual(fr: "modèle «\u{A0}\(reference.name)\u{A0}» introuvable", en: "template '\(reference.name)' not found"),
                                          hint: Suggestions.hint(for: reference.name, in: Array(known),
                                                                 listName: Bilingual(fr: "modèles existants", en: "templates"))))
            }
        }
        for name in required where !known.contains(name) {
            diagnostics.append(.error("template-required-missing", shown + "/" + name + ".mustache", .start,
                                      Bilingual(fr: "le modèle obligatoire «\u{A0}\(name)\u{A0}» manque", en: "required template '\(name)' is missing"),
                                      hint: Bilingual(fr: "copiez-le depuis le dossier Templates/ fourni avec Passerelle",
                                                      en: "copy it from Passerelle's default Templates/ folder")))
        }
        let set = TemplateSet(library: library, names: sources.map(\.name))
        return (diagnostics.hasErrors ? nil : set, diagnostics)
    }

    public func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    static func describe(_ error: Error) -> Bilingual {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect:
            return Bilingual(fr: "une balise de fermeture ne correspond pas à la section ouverte", en: "a closing tag does not match the open section")
        case MustacheTemplate.Error.unfinishedName: return Bilingual(fr: "une balise n’est pas terminée", en: "a tag is not finished")
        case MustacheTemplate.Error.expectedSectionEnd: return Bilingual(fr: "une section n’est pas fermée", en: "a section is not closed")
        case MustacheTemplate.Error.invalidSetDelimiter: return Bilingual(fr: "balise de changement de délimiteurs invalide", en: "invalid set-delimiter tag")
        default: return Bilingual(fr: "\(error)", en: "\(error)")
        }
    }

    /// The first section opened and never closed (or closed without being open), found by pairing the tags:
    /// the parser notices the problem only where the file ends or another section closes.
    static func unbalancedSection(in text: String) -> (location: SourceLocation, message: Bilingual, hint: Bilingual)? {
        var open: [(sigil: Character, name: String, location: SourceLocation)] = []
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        for (lineIndex, line) in normalized.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let start = rest.range(of: "{{") {
                guard let end = rest[start.upperBound...].range(of: "}}") else { break }
                let tag = rest[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces)
                let location = SourceLocation(line: lineIndex + 1, column: line.distance(from: line.startIndex, to: start.lowerBound) + 1)
                if let sigil = tag.first, "#^$<".contains(sigil) {
                    open.append((sigil, tag.dropFirst().trimmingCharacters(in: .whitespaces), location))
                } else if tag.first == "/" {
                    let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                    if let last = open.last {
                        if last.name != name {
                            return (last.location,
                                    Bilingual(fr: "la section {{\(last.sigil)\(last.name)}} n’est pas fermée", en: "the section {{\(last.sigil)\(last.name)}} is not closed"),
                                    Bilingual(fr: "fermez-la par {{/\(last.name)}} avant {{/\(name)}}", en: "close it with {{/\(last.name)}} before {{/\(name)}}"))
                        }
                        open.removeLast()
                    } else {
                        return (location,
                                Bilingual(fr: "{{/\(name)}} ferme une section qui n’est pas ouverte", en: "{{/\(name)}} closes a section that is not open"),
                                Bilingual(fr: "supprimez-la, ou ouvrez la section par {{#\(name)}}", en: "remove it, or open the section with {{#\(name)}}"))
                    }
                }
                rest = rest[end.upperBound...]
            }
        }
        if let last = open.last {
            return (last.location,
                    Bilingual(fr: "la section {{\(last.sigil)\(last.name)}} n’est pas fermée", en: "the section {{\(last.sigil)\(last.name)}} is not closed"),
                    Bilingual(fr: "fermez-la par {{/\(last.name)}}", en: "close it with {{/\(last.name)}}"))
        }
        return nil
    }

    /// `{{> name}}` and `{{< name}}` tags with their positions.
    static func partialReferences(in text: String) -> [(name: String, location: SourceLocation)] {
        var found: [(String, SourceLocation)] = []
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        for (lineIndex, line) in normalized.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                var cursor = open.upperBound
                guard cursor < rest.endIndex, rest[cursor] == ">" || rest[cursor] == "<" else {
                    rest = rest[open.upperBound...]
                    continue
                }
                cursor = rest.index(after: cursor)
                while cursor < rest.endIndex, rest[cursor] == " " { cursor = rest.index(after: cursor) }
                var end = cursor
                while end < rest.endIndex, rest[end] != "}", rest[end] != " " { end = rest.index(after: end) }
                let name = String(rest[cursor..<end])
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                if !name.isEmpty { found.append((name, SourceLocation(line: lineIndex + 1, column: column))) }
                rest = rest[end...]
            }
        }
        return found
    }
}
