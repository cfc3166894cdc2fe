import PasserelleModel

/// A record's text cut in two: the YAML between the `---` lines and the Markdown after them.
public struct FrontMatter: Sendable, Equatable {
    public var yaml: String
    /// The file line where the YAML starts (the line after the opening `---`).
    public var yamlLine: Int
    public var body: String
    /// The file line where the body starts.
    public var bodyLine: Int

    public init(yaml: String, yamlLine: Int, body: String, bodyLine: Int) {
        self.yaml = yaml
        self.yamlLine = yamlLine
        self.body = body
        self.bodyLine = bodyLine
    }
}

/// Splits front matter from body. The text has LF line endings (see `SourceText`).
public enum FrontMatterSplitter {
    public static func split(_ text: String, file: String) -> Result<FrontMatter, Diagnostic> {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first, isFence(first) else {
            if text.allSatisfy(\.isWhitespace) {
                return .failure(.error("file-empty", file, .start, Bilingual(fr: "le fichier est vide", en: "the file is empty"),
                                       hint: Bilingual(fr: "une fiche commence par une ligne ---, ses champs (kind: …, title: …), une ligne ---, puis son texte\u{A0}; `passerelle new` en écrit une",
                                                       en: "a record starts with a line ---, its fields (kind: ..., title: ...), a line ---, then its text; `passerelle new` writes one")))
            }
            return .failure(.error("front-matter-missing", file, .start,
                                   Bilingual(fr: "pas d’en-tête\u{A0}: le fichier doit commencer par une ligne ---", en: "no front matter: the file must start with a line ---"),
                                   hint: Bilingual(fr: "ajoutez en tête une ligne ---, les champs de la fiche (kind: project, title: \"…\"), puis une autre ligne --- avant le texte",
                                                   en: "add a line ---, the record's fields (kind: project, title: \"...\"), and another line --- before the text")))
        }
        guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0]) }) else {
            return .failure(.error("front-matter-unclosed", file, .start,
                                   Bilingual(fr: "l’en-tête n’est pas fermé\u{A0}: aucune ligne --- après celle du début",
                                             en: "the front matter is not closed: no line --- after the opening one"),
                                   hint: Bilingual(fr: "ajoutez une ligne --- entre les champs et le texte",
                                                   en: "did you forget the line --- between the fields and the text?")))
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let bodyLines = lines[(close + 1)...]
        let body = bodyLines.joined(separator: "\n") + (bodyLines.isEmpty ? "" : "\n")
        return .success(FrontMatter(yaml: yaml, yamlLine: 2, body: body, bodyLine: close + 2))
    }

    /// `---` alone on its line, trailing spaces allowed.
    private static func isFence<S: StringProtocol>(_ line: S) -> Bool {
        var trimmed = Substring(line)
        while trimmed.last == " " { trimmed.removeLast() }
        return trimmed == "---"
    }
}
