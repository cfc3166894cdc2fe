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
            return (nil, [.error(shown, .start, "the templates folder '\(shown)' does not exist",
                                 hint: "pass the theme's folder with --templates DIR")])
        }
        var sources: [(name: String, file: String, text: String)] = []
        for case let path as String in enumerator where path.hasSuffix(".mustache") {
            let file = shown + "/" + path
            guard let data = FileManager.default.contents(atPath: base + "/" + path) else {
                diagnostics.append(.error(file, .start, "the template cannot be read"))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error(file, .start, "the template is not valid UTF-8", hint: "save it as UTF-8"))
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
                    diagnostics.append(.error(source.file, section.location, "template syntax error: \(section.message)", hint: section.hint))
                } else {
                    diagnostics.append(.error(source.file, SourceLocation(line: error.context.lineNumber, column: error.context.columnNumber),
                                              "template syntax error: \(describe(error.error))",
                                              hint: "check that every {{#section}} has its {{/section}} and every tag ends with }}"))
                }
                continue
            } catch {
                diagnostics.append(.error(source.file, .start, "template syntax error: \(error)"))
                continue
            }
            for reference in partialReferences(in: source.text) where !known.contains(reference.name) {
                diagnostics.append(.error(source.file, reference.location, "template '\(reference.name)' not found",
                                          hint: Suggestions.hint(for: reference.name, in: Array(known), listName: "templates")))
            }
        }
        for name in required where !known.contains(name) {
            diagnostics.append(.error(shown + "/" + name + ".mustache", .start, "required template '\(name)' is missing",
                                      hint: "copy it from Passerelle's default Templates/ folder"))
        }
        let set = TemplateSet(library: library, names: sources.map(\.name))
        return (diagnostics.hasErrors ? nil : set, diagnostics)
    }

    public func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: return "a closing tag does not match the open section"
        case MustacheTemplate.Error.unfinishedName: return "a tag is not finished"
        case MustacheTemplate.Error.expectedSectionEnd: return "a section is not closed"
        case MustacheTemplate.Error.invalidSetDelimiter: return "invalid set-delimiter tag"
        default: return "\(error)"
        }
    }

    /// The first section opened and never closed (or closed without being open), found by pairing the tags:
    /// the parser notices the problem only where the file ends or another section closes.
    static func unbalancedSection(in text: String) -> (location: SourceLocation, message: String, hint: String)? {
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
                            return (last.location, "the section {{\(last.sigil)\(last.name)}} is not closed",
                                    "close it with {{/\(last.name)}} before {{/\(name)}}")
                        }
                        open.removeLast()
                    } else {
                        return (location, "{{/\(name)}} closes a section that is not open", "remove it, or open the section with {{#\(name)}}")
                    }
                }
                rest = rest[end.upperBound...]
            }
        }
        if let last = open.last {
            return (last.location, "the section {{\(last.sigil)\(last.name)}} is not closed", "close it with {{/\(last.name)}}")
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
