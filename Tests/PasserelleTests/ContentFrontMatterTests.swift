import Testing
@testable import PasserelleContent
import PasserelleModel

@Suite("Content: front matter splitting")
struct ContentFrontMatterTests {
    let file = "Content/pages/les-cae.md"

    @Test("a normal record is cut into its YAML (starting line 2) and its body (after the closing ---)")
    func normalRecord() throws {
        let text = "---\nkind: page\ntitle: \"Les CAE\"\n---\n\nUne CAE accueille des porteurs de projets.\n"
        let split = try FrontMatterSplitter.split(text, file: file).get()
        #expect(split == FrontMatter(yaml: "kind: page\ntitle: \"Les CAE\"", yamlLine: 2,
                                     body: "\nUne CAE accueille des porteurs de projets.\n", bodyLine: 5))
    }

    @Test("a record with nothing after the closing --- has an empty body starting on the next line")
    func emptyBody() throws {
        let split = try FrontMatterSplitter.split("---\nkind: page\n---\n", file: file).get()
        #expect(split == FrontMatter(yaml: "kind: page", yamlLine: 2, body: "", bodyLine: 4))
    }

    @Test("a line --- inside the body (a Markdown rule) stays in the body")
    func ruleInBody() throws {
        let split = try FrontMatterSplitter.split("---\nkind: page\n---\nIntro\n---\nSuite\n", file: file).get()
        #expect(split == FrontMatter(yaml: "kind: page", yamlLine: 2, body: "Intro\n---\nSuite\n", bodyLine: 4))
    }

    @Test("trailing spaces after the --- lines are accepted")
    func trailingSpacesAfterFences() throws {
        let split = try FrontMatterSplitter.split("---   \nkind: page\n---  \nTexte", file: file).get()
        #expect(split == FrontMatter(yaml: "kind: page", yamlLine: 2, body: "Texte\n", bodyLine: 4))
    }

    @Test("a file that does not start with --- is refused at 1:1 with a hint")
    func noFrontMatter() {
        let result = FrontMatterSplitter.split("kind: page\ntitle: Les CAE\n", file: file)
        #expect(result.failureSaid == .contentError("front-matter-missing", file, 1, 1, "pas d’en-tête\u{A0}: le fichier doit commencer par une ligne ---",
                                                 hint: "ajoutez en tête une ligne ---, les champs de la fiche (kind: project, title: \"…\"), puis une autre ligne --- avant le texte"))
    }

    @Test("an opening --- without a closing one is refused at 1:1 with a hint")
    func unclosedFrontMatter() {
        let result = FrontMatterSplitter.split("---\nkind: page\ntitle: Les CAE\n\nLe texte.\n", file: file)
        #expect(result.failureSaid == .contentError("front-matter-unclosed", file, 1, 1, "l’en-tête n’est pas fermé\u{A0}: aucune ligne --- après celle du début",
                                                 hint: "ajoutez une ligne --- entre les champs et le texte"))
    }

    @Test("an empty file is refused as empty, not as missing front matter")
    func emptyFile() {
        let result = FrontMatterSplitter.split("", file: file)
        #expect(result.failureSaid == .contentError("file-empty", file, 1, 1, "le fichier est vide",
                                                 hint: "une fiche commence par une ligne ---, ses champs (kind: …, title: …), une ligne ---, puis son texte\u{A0}; `passerelle new` en écrit une"))
    }

    @Test("a file of blank lines and spaces is refused as empty")
    func blankFile() {
        let result = FrontMatterSplitter.split("  \n\n \n", file: file)
        #expect(result.failureSaid == .contentError("file-empty", file, 1, 1, "le fichier est vide",
                                                 hint: "une fiche commence par une ligne ---, ses champs (kind: …, title: …), une ligne ---, puis son texte\u{A0}; `passerelle new` en écrit une"))
    }

    @Test("decodeRecord passes the splitter's diagnostic through and returns no record")
    func decodeRecordReportsMissingFrontMatter() {
        let (record, diagnostics) = ContentTestSupport.decode("Juste du texte.\n", file: file, id: "les-cae")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("front-matter-missing", file, 1, 1, "pas d’en-tête\u{A0}: le fichier doit commencer par une ligne ---",
                                              hint: "ajoutez en tête une ligne ---, les champs de la fiche (kind: project, title: \"…\"), puis une autre ligne --- avant le texte")])
    }
}
