import Foundation
import Testing
import PasserelleBuild
@testable import PasserelleContent
import PasserelleModel

/// Placeholder text: the skeletons' « [À compléter : …] » left in a record is a warning at its line, never an error.
@Suite("Placeholder text")
struct PlaceholderTests {
    static func diagnostics(_ text: String) -> [Diagnostic] {
        ContentLoader.decodeRecord(text: text, file: "Content/projects/atelier.md", defaultID: "atelier").1
    }

    @Test("a placeholder in a field and one in the text give one warning each, at their line and column, quoted to its first words")
    func warnings() {
        let text = """
        ---
        kind: project
        title: "Atelier"
        summary: "[À compléter\u{A0}: une phrase qui résume la fiche, montrée dans les listes.]"
        ---

        ## Idée

        Le besoin\u{A0}: [À compléter\u{A0}: le besoin.]

        """
        let hint = Bilingual(fr: AuthoringText.fr("remplacez ce texte entre crochets par le vôtre, ou supprimez la ligne : il serait publié tel quel"),
                             en: "replace this bracketed text with your own, or delete the line: it would be published as it is")
        #expect(Self.diagnostics(text) == [
            .warning("placeholder-text", "Content/projects/atelier.md", SourceLocation(line: 4, column: 11),
                     Bilingual(fr: AuthoringText.fr("texte du modèle à remplacer : « [À compléter : une phrase qui résume la fiche,…] »"),
                               en: "skeleton text to replace: '[À compléter\u{A0}: une phrase qui résume la fiche,…]'"),
                     hint: hint, end: SourceLocation(line: 4, column: 83)),
            .warning("placeholder-text", "Content/projects/atelier.md", SourceLocation(line: 9, column: 13),
                     Bilingual(fr: AuthoringText.fr("texte du modèle à remplacer : « [À compléter : le besoin.] »"),
                               en: "skeleton text to replace: '[À compléter\u{A0}: le besoin.]'"),
                     hint: hint, end: SourceLocation(line: 9, column: 39)),
        ])
    }

    @Test("the marker in a YAML comment, and « à compléter » in ordinary French, give nothing")
    func noFalseAlarm() {
        let text = """
        ---
        kind: project
        title: "Atelier"
        # summary: "[À compléter : plus tard]"
        ---

        Le dossier reste à compléter par la commune, et le tableau [à remplir] aussi.

        """
        #expect(Self.diagnostics(text) == [])
    }

    @Test("the placeholder is a warning, never an error: a card with one still builds")
    func neverAnError() {
        let text = "---\nkind: page\ntitle: \"P\"\n---\n\n[à compléter plus tard]\n"
        #expect(Self.diagnostics(text).map(\.severity) == [.warning])
        #expect(Self.diagnostics(text).map(\.rule) == ["placeholder-text"])
    }

    @Test("the example site has no placeholder text")
    func exampleSiteClean() async {
        let analysis = await Pipeline.analyse(content: BuildSupport.content, includeDrafts: true)
        #expect(analysis.diagnostics.filter { $0.rule == "placeholder-text" } == [])
    }
}
