import Foundation
import Testing
@testable import PasserelleEditor
import PasserelleModel

/// Live checking in the form editor (`/_passerelle/editeur/verifier/…`, the script `editeur.js`), and records written
/// with Windows line ends (CRLF).
@Suite("Form editor: live checking and CRLF records")
struct EditorLiveTests {
    static let token = EditorTests.token
    static let host = EditorTests.host

    /// What `passerelle check` prints for `amount: 97.000` (message and hint, French).
    static let ambiguousMessage = "«\u{00A0}97.000\u{00A0}» est ambigu pour «\u{00A0}amount\u{00A0}»\u{00A0}: le point sépare-t-il les milliers ou les décimales\u{00A0}?"
    static let ambiguousHint = "s’il s’agit de quatre-vingt-dix-sept mille, écrivez amount: 97000\u{00A0}; s’il s’agit de 97, écrivez amount: 97"

    static func answer(_ response: EditorResponse) throws -> LiveAnswer {
        try JSONDecoder().decode(LiveAnswer.self, from: Data(response.body))
    }

    static func capOndaine(amount: String, action: String = "check", token: String = token) -> [(String, String)] {
        [("jeton", token), ("action", action), ("version", "x"), ("title", "Cap"), ("budget.count", "1"),
         ("budget.0.amount", amount), ("budget.0.period", "annual")]
    }

    @Test("the live check answers, next to the budget amount, the exact message, hint and rule of `check` for 97.000")
    func ambiguousAmount() async throws {
        try await EditorTests.withContent { _, editor in
            let response = await editor.respond(EditorTests.post("/verifier/project/cap-ondaine", Self.capOndaine(amount: "97.000")))
            #expect(response.status == 200)
            #expect(response.headers.first { $0.name == "Content-Type" }?.value == "application/json; charset=utf-8")
            let answer = try Self.answer(response)
            #expect(answer.errors == 1)
            #expect(answer.warnings == 0)
            #expect(answer.status == "Vérification en direct\u{00A0}: 1 erreur, 0 avertissement.")
            let field = try #require(answer.fields.first { $0.name == "budget.0.amount" })
            #expect(field.invalid)
            #expect(field.html == "<div id=\"e-budget.0.amount\"><p class=\"error\">erreur\u{00A0}: \(Self.ambiguousMessage) "
                + "<span class=\"help\">Conseil\u{00A0}: \(Self.ambiguousHint)</span></p></div>")
            #expect(answer.summary.contains("<code>[number-ambiguous]</code>"))
            #expect(answer.summary.contains("<h2 id=\"erreurs-titre\">1 erreur, 0 avertissement</h2>"))
        }
    }

    @Test("after a refused save, the page carries echec=1 and its live checks keep « Pas enregistré » in the summary")
    func refusedSaveStaysSaid() async throws {
        try await EditorTests.withContent { _, editor in
            let refused = await editor.respond(EditorTests.post("/project/cap-ondaine", Self.capOndaine(amount: "97.000", action: "save")))
            #expect(refused.text.contains("<input type=\"hidden\" name=\"echec\" value=\"1\">"))
            #expect(refused.text.contains("<h2 id=\"erreurs-titre\">Pas enregistré\u{00A0}: 1 erreur, 0 avertissement</h2>"))
            let after = try Self.answer(await editor.respond(EditorTests.post("/verifier/project/cap-ondaine",
                                                                              Self.capOndaine(amount: "97.000") + [("echec", "1")])))
            #expect(after.summary.contains("<h2 id=\"erreurs-titre\">Pas enregistré\u{00A0}: 1 erreur, 0 avertissement</h2>"))
            // Without the mark (a form never refused), the same check says only the counts.
            let fresh = try Self.answer(await editor.respond(EditorTests.post("/verifier/project/cap-ondaine", Self.capOndaine(amount: "97.000"))))
            #expect(fresh.summary.contains("<h2 id=\"erreurs-titre\">1 erreur, 0 avertissement</h2>"))
        }
    }

    @Test("in English (serve --lang en), the live region says 'Live check: 1 error, 0 warnings.', then 'no error, no warning'")
    func englishStatus() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-editor")
        defer { BuildSupport.cleanUp(directory) }
        let content = try BuildSupport.copyContent(into: directory)
        let editor = FormEditor(content: content.path, port: EditorTests.port, language: .en, token: Self.token)
        let wrong = try Self.answer(await editor.respond(EditorTests.post("/verifier/project/cap-ondaine", Self.capOndaine(amount: "97.000"))))
        #expect(wrong.status == "Live check: 1 error, 0 warnings.")
        #expect(wrong.summary.contains("<h2 id=\"erreurs-titre\">1 error, 0 warnings</h2>"))
        let fixed = try Self.answer(await editor.respond(EditorTests.post("/verifier/project/cap-ondaine", Self.capOndaine(amount: "97000"))))
        #expect(fixed.status == "Live check: no error, no warning.")
        #expect(fixed.summary == "")
    }

    @Test("the live check and « Vérifier » render the same block under the field and the same summary")
    func sameAsCheckButton() async throws {
        try await EditorTests.withContent { _, editor in
            let fields = Self.capOndaine(amount: "97.000")
            let live = try Self.answer(await editor.respond(EditorTests.post("/verifier/project/cap-ondaine", fields)))
            let page = await editor.respond(EditorTests.post("/project/cap-ondaine", fields)).text
            #expect(!live.fields.isEmpty)
            for field in live.fields { #expect(page.contains(field.html), "\(field.name)") }
            #expect(page.contains(live.summary))
            // 97.000 is not a number yet: no « enregistré » under it; the page shows the same (none).
            #expect(!live.stored.contains { $0.name == "budget.0.amount" })
        }
    }

    @Test("the live check gives « enregistré : 97000 » under a fixed amount, as the page does")
    func storedLine() async throws {
        try await EditorTests.withContent { _, editor in
            let fields = Self.capOndaine(amount: "97 000 €") + [("funding.count", "1"), ("funding.0.funder", "etat"), ("funding.0.share", "15,5 %")]
            let live = try Self.answer(await editor.respond(EditorTests.post("/verifier/project/cap-ondaine", fields)))
            #expect(live.stored.map(\.name) == ["budget.0.amount", "funding.0.share"])
            #expect(live.stored.first?.html == "<p class=\"stored\">enregistré\u{00A0}: 97000</p>")
            #expect(live.stored.last?.html == "<p class=\"stored\">enregistré\u{00A0}: 15.5%</p>")
            let page = await editor.respond(EditorTests.post("/project/cap-ondaine", fields)).text
            for line in live.stored { #expect(page.contains(line.html), "\(line.name)") }
        }
    }

    @Test("a correct amount: no message, no summary, and the live region says there is no error")
    func correctAmount() async throws {
        try await EditorTests.withContent { _, editor in
            let answer = try Self.answer(await editor.respond(EditorTests.post("/verifier/project/cap-ondaine", Self.capOndaine(amount: "97000"))))
            #expect(answer.errors == 0)
            #expect(answer.warnings == 0)
            #expect(answer.fields.isEmpty)
            #expect(answer.summary == "")
            #expect(answer.status == "Vérification en direct\u{00A0}: aucune erreur, aucun avertissement.")
        }
    }

    @Test("the live check writes nothing, even when the form posts « Enregistrer » or « Créer l'organisation »", arguments: [
        ("/verifier/project/cap-ondaine", [("action", "save"), ("title", "Piraté"), ("budget.count", "1"), ("budget.0.amount", "1")]),
        ("/verifier/nouveau/project", [("action", "save"), ("title", "Atelier neuf")]),
        ("/verifier/nouveau/project", [("action", "new-org"), ("neworg.name", "Fondation Roue Libre"), ("neworg.type", "private")]),
    ])
    func writesNothing(_ path: String, _ fields: [(String, String)]) async throws {
        try await EditorTests.withContent { content, editor in
            let before = BuildSupport.snapshot(content)
            let response = await editor.respond(EditorTests.post(path, [("jeton", Self.token)] + fields))
            #expect(response.status == 200)
            #expect(response.headers.first { $0.name == "Content-Type" }?.value == "application/json; charset=utf-8")
            #expect(BuildSupport.snapshot(content) == before)
        }
    }

    @Test("the live check refuses another Host, another Origin, no Origin, a wrong token and a GET, writing nothing", arguments: [
        ("another Host", ["host": "evil.example:8214", "origin": "http://evil.example:8214", "content-type": "application/x-www-form-urlencoded"], token, 403),
        ("another Origin", ["host": host, "origin": "http://evil.example", "content-type": "application/x-www-form-urlencoded"], token, 403),
        ("no Origin nor Referer", ["host": host, "content-type": "application/x-www-form-urlencoded"], token, 403),
        ("a wrong token", ["host": host, "origin": "http://" + host, "content-type": "application/x-www-form-urlencoded"], String(repeating: "0", count: 64), 403),
        ("JSON instead of a form", ["host": host, "origin": "http://" + host, "content-type": "application/json"], token, 415),
    ])
    func refusals(_ label: String, _ headers: [String: String], _ jeton: String, _ status: Int) async throws {
        try await EditorTests.withContent { content, editor in
            let before = BuildSupport.snapshot(content)
            let request = EditorTests.post("/verifier/project/cap-ondaine", Self.capOndaine(amount: "97.000", action: "save", token: jeton), headers: headers)
            let response = await editor.respond(request)
            #expect(response.status == status, "\(label)")
            #expect(response.text.contains("<h1>Demande refusée</h1>"), "\(label)")
            #expect(!response.text.contains("number-ambiguous"), "\(label)")
            #expect(BuildSupport.snapshot(content) == before)
        }
    }

    @Test("a GET of the live check is 405, POST only")
    func getRefused() async throws {
        try await EditorTests.withContent { _, editor in
            let response = await editor.respond(EditorRequest(method: "GET", path: FormEditor.prefix + "/verifier/project/cap-ondaine",
                                                               headers: ["host": Self.host]))
            #expect(response.status == 405)
            #expect(response.headers.first { $0.name == "Allow" }?.value == "POST")
        }
    }

    @Test("the script is served by the editor as text/javascript; form pages load it and allow only scripts of this server")
    func scriptAndPolicy() async throws {
        try await EditorTests.withContent { _, editor in
            let script = await editor.respond(EditorRequest(method: "GET", path: FormEditor.prefix + "/editeur.js", headers: ["host": Self.host]))
            #expect(script.status == 200)
            #expect(script.headers.first { $0.name == "Content-Type" }?.value == "text/javascript; charset=utf-8")
            #expect(script.text.hasPrefix("// Passerelle: live checking of the form editor"))
            let elsewhere = await editor.respond(EditorRequest(method: "GET", path: FormEditor.prefix + "/editeur.js", headers: ["host": "evil.example:8214"]))
            #expect(elsewhere.status == 403)
            let page = await editor.respond(EditorRequest(method: "GET", path: FormEditor.prefix + "/project/cap-ondaine", headers: ["host": Self.host]))
            #expect(page.headers.first { $0.name == "Content-Security-Policy" }?.value
                == "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
            #expect(page.text.contains("<script src=\"/_passerelle/editeur/editeur.js\" defer></script>"))
            #expect(!page.text.contains("<script>"))
            #expect(page.text.contains("data-verifier=\"/_passerelle/editeur/verifier/project/cap-ondaine\""))
            #expect(page.text.contains("<div id=\"verification\" class=\"live-status\" role=\"status\" aria-live=\"polite\" aria-atomic=\"true\"></div>"))
            // The list of records has no script and keeps the policy without one.
            let index = await editor.respond(EditorRequest(method: "GET", path: FormEditor.prefix + "/", headers: ["host": Self.host]))
            #expect(!index.text.contains("<script"))
            #expect(index.headers.first { $0.name == "Content-Security-Policy" }?.value.contains("script-src") == false)
        }
    }

    // MARK: CRLF

    static let crlfRecord = "---\r\nkind: project\r\ntitle: Atelier\r\n# publics : à compléter\r\naudiences:\r\n  - \"Habitants\"\r\n---\r\n"
        + "\r\nPremier paragraphe.\r\nUne ligne sans CR\nEt la fin.\r\n"

    @Test("a record with Windows line ends is read into the form; written again it keeps CRLF and its body byte for byte")
    func crlfSource() throws {
        let source = try #require(RecordSource.parse(Self.crlfRecord))
        #expect(source.lineEnding == "\r\n")
        #expect(source.body == "\r\nPremier paragraphe.\r\nUne ligne sans CR\nEt la fin.\r\n")
        var form = RecordForm.read(source, kind: .project, id: "atelier").form
        #expect(form.title == "Atelier")
        form.subtitle = "Vélo"
        let written = form.write(source: source, kept: RecordForm.keptKeys(source, kind: .project))
        #expect(written.text == "---\r\nkind: project\r\ntitle: Atelier\r\nsubtitle: Vélo\r\n# publics : à compléter\r\naudiences:\r\n  - \"Habitants\"\r\n---\r\n"
            + "\r\nPremier paragraphe.\r\nUne ligne sans CR\nEt la fin.\r\n")
        #expect(written.fields[4] == "subtitle")
    }

    @Test("an LF record stays LF")
    func lfSource() throws {
        let source = try #require(RecordSource.parse("---\nkind: project\ntitle: Atelier\n---\nCorps\r\n"))
        #expect(source.lineEnding == "\n")
        #expect(source.body == "Corps\r\n")
        #expect(RecordForm.read(source, kind: .project, id: "a").form.write(source: source, kept: []).text == "---\nkind: project\ntitle: Atelier\n---\nCorps\r\n")
    }

    @Test("the editor opens a CRLF record in its form and saves it with CRLF line ends: the exact bytes written")
    func crlfSave() async throws {
        try await EditorTests.withContent { content, editor in
            let file = content.appendingPathComponent("projects/atelier-crlf.md")
            try Data(Self.crlfRecord.utf8).write(to: file)
            let page = await editor.respond(EditorRequest(method: "GET", path: FormEditor.prefix + "/project/atelier-crlf", headers: ["host": Self.host]))
            #expect(page.status == 200)
            #expect(page.text.contains("<input type=\"text\" id=\"f-title\" name=\"title\" value=\"Atelier\">"))
            let version = FormEditor.version(Self.crlfRecord)
            let response = await editor.respond(EditorTests.post("/project/atelier-crlf", [
                ("jeton", Self.token), ("action", "save"), ("version", version), ("title", "Atelier"), ("subtitle", "Vélo"),
            ]))
            #expect(response.status == 303)
            let bytes = try Data(contentsOf: file)
            #expect(bytes == Data(("---\r\nkind: project\r\ntitle: Atelier\r\nsubtitle: Vélo\r\n# publics : à compléter\r\naudiences:\r\n"
                + "  - \"Habitants\"\r\n---\r\n\r\nPremier paragraphe.\r\nUne ligne sans CR\nEt la fin.\r\n").utf8))
            let previous = try Data(contentsOf: content.appendingPathComponent("projects/.atelier-crlf.md.precedent"))
            #expect(previous == Data(Self.crlfRecord.utf8))
        }
    }

    @Test("a CRLF record's diagnostics are shown next to their field (lines counted as `check` counts them)")
    func crlfDiagnostics() async throws {
        try await EditorTests.withContent { content, editor in
            let file = content.appendingPathComponent("projects/atelier-crlf.md")
            try Data(Self.crlfRecord.utf8).write(to: file)
            let answer = try Self.answer(await editor.respond(EditorTests.post("/verifier/project/atelier-crlf", [
                ("jeton", Self.token), ("title", "Atelier"), ("budget.count", "1"), ("budget.0.amount", "97.000"), ("budget.0.period", "annual"),
            ])))
            let field = try #require(answer.fields.first { $0.name == "budget.0.amount" })
            #expect(field.html.contains(Self.ambiguousMessage))
        }
    }
}
