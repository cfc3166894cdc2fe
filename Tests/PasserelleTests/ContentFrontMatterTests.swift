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
        #expect(result.failureSaid == .contentError("?", file, 1, 1, "no front matter: the file must start with a line ---",
                                                 hint: "add a line ---, the record's fields (kind: project, title: \"...\"), and another line --- before the text"))
    }

    @Test("an opening --- without a closing one is refused at 1:1 with a hint")
    func unclosedFrontMatter() {
        let result = FrontMatterSplitter.split("---\nkind: page\ntitle: Les CAE\n\nLe texte.\n", file: file)
        #expect(result.failureSaid == .contentError("?", file, 1, 1, "the front matter is not closed: no line --- after the opening one",
                                                 hint: "did you forget the line --- between the fields and the text?"))
    }

    @Test("an empty file is refused as empty, not as missing front matter")
    func emptyFile() {
        let result = FrontMatterSplitter.split("", file: file)
        #expect(result.failureSaid == .contentError("?", file, 1, 1, "the file is empty",
                                                 hint: "a record starts with a line ---, its fields (kind: ..., title: ...), a line ---, then its text; `passerelle new` writes one"))
    }

    @Test("a file of blank lines and spaces is refused as empty")
    func blankFile() {
        let result = FrontMatterSplitter.split("  \n\n \n", file: file)
        #expect(result.failureSaid == .contentError("?", file, 1, 1, "the file is empty",
                                                 hint: "a record starts with a line ---, its fields (kind: ..., title: ...), a line ---, then its text; `passerelle new` writes one"))
    }

    @Test("decodeRecord passes the splitter's diagnostic through and returns no record")
    func decodeRecordReportsMissingFrontMatter() {
        let (record, diagnostics) = ContentTestSupport.decode("Juste du texte.\n", file: file, id: "les-cae")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("?", file, 1, 1, "no front matter: the file must start with a line ---",
                                              hint: "add a line ---, the record's fields (kind: project, title: \"...\"), and another line --- before the text")])
    }
}
