import PasserelleModel

/// The placeholder sentences of `passerelle new`'s skeletons, `[À compléter : …]`, left in a record: a warning
/// (`placeholder-text`) at each one, never an error, so a draft can be previewed while it is being written, and
/// nobody publishes « À compléter » without being told.
public enum PlaceholderText {
    /// What every placeholder of a skeleton starts with. The bracket keeps ordinary French (« reste à compléter ») out.
    public static let marker = "[À compléter"

    /// A placeholder sentence as the skeletons write it: `[À compléter : what to write.]`.
    public static func sentence(_ instruction: String) -> String {
        "\(marker)\u{A0}: \(instruction)]"
    }

    /// Warns at every placeholder of a record: in the front matter (comment lines excepted) and in the text.
    public static func check(_ front: FrontMatter, collector: DiagnosticCollector) {
        scan(front.yaml, firstLine: front.yamlLine, skipComments: true, collector: collector)
        scan(front.body, firstLine: front.bodyLine, skipComments: false, collector: collector)
    }

    static func scan(_ text: String, firstLine: Int, skipComments: Bool, collector: DiagnosticCollector) {
        guard text.contains("À compléter") || text.contains("à compléter") else { return }
        let markers = [Array(marker.unicodeScalars), Array("[à compléter".unicodeScalars)]
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if skipComments && line.drop(while: { $0 == " " }).hasPrefix("#") { continue }
            let scalars = Array(line.unicodeScalars)
            var index = 0
            while index < scalars.count {
                guard scalars[index] == "[", markers.contains(where: { index + $0.count <= scalars.count && Array(scalars[index..<(index + $0.count)]) == $0 }) else {
                    index += 1
                    continue
                }
                let close = scalars[index...].firstIndex(of: "]").map { $0 + 1 } ?? scalars.count
                // Quoted up to its first words: the line and column say where the rest is.
                let shown = close - index > 48 ? Array(scalars[index..<(index + 46)]) + Array("…]".unicodeScalars) : Array(scalars[index..<close])
                let placeholder = String(String.UnicodeScalarView(shown))
                let lineNumber = firstLine + offset
                collector.warning("placeholder-text", SourceLocation(line: lineNumber, column: index + 1),
                                  Bilingual(fr: "texte du modèle à remplacer\u{A0}: «\u{A0}\(placeholder)\u{A0}»",
                                            en: "skeleton text to replace: '\(placeholder)'"),
                                  hint: Bilingual(fr: "remplacez ce texte entre crochets par le vôtre, ou supprimez la ligne\u{A0}: il serait publié tel quel",
                                                  en: "replace this bracketed text with your own, or delete the line: it would be published as it is"),
                                  end: SourceLocation(line: lineNumber, column: close + 1))
                index = close
            }
        }
    }
}
