import Foundation
import Testing
@testable import PasserelleContent
@testable import PasserelleEditor
import PasserelleModel
import PasserelleServe

/// The form editor of `passerelle serve`: form → record text, the canonical writer, what it keeps, and its refusals.
@Suite("Form editor")
struct EditorTests {
    static let token = String(repeating: "ab", count: 32)
    static let port: UInt16 = 8214
    static let host = "127.0.0.1:8214"

    static func newCard() -> RecordForm {
        var form = RecordForm(kind: .project)
        form.title = "Atelier vélo solidaire"
        form.themes = ["cooperatives", "creation-activite"]
        form.carrier = "si-vallee-ondaine"
        form.territoryName = "Saint-Étienne"
        form.territoryLevel = "commune"
        form.departments = "42"
        form.budget = [BudgetRow(amount: "48 500 €", period: "annual", nature: "operating", label: "Coût: fonctionnement")]
        form.funding = [FundingRow(funder: "etat", amount: "20 000"), FundingRow(funder: "region-rhone-alpes", share: "15,5 %"),
                        FundingRow(funder: "etat", joint: "union-europeenne", amount: "1 234,5")]
        form.results = [ResultRow(year: "2024", metrics: [MetricRow(metric: "people_accompanied", value: "40"),
                                                          MetricRow(metric: "exits", value: "{total: 11, parts: {salaried_job: 6, self_employed: 5}}")])]
        return form
    }

    @Test("a new card's form is written in the canonical layout: model order, block lists, quotes only where needed")
    func formToText() {
        let written = Self.newCard().write(source: nil, kept: [])
        #expect(written.text == """
        ---
        kind: project
        title: Atelier vélo solidaire
        themes:
          - cooperatives
          - creation-activite
        carrier: si-vallee-ondaine
        territory:
          name: Saint-Étienne
          level: commune
          departments:
            - "42"
        budget:
          - amount: 48500
            period: annual
            nature: operating
            label: "Coût: fonctionnement"
        funding:
          - funder: etat
            amount: 20000
          - funder: region-rhone-alpes
            share: 15.5%
          - funders:
              - etat
              - union-europeenne
            amount: 1234.5
        results:
          - year: 2024
            people_accompanied: 40
            exits: {total: 11, parts: {salaried_job: 6, self_employed: 5}}
        ---


        """)
        #expect(written.fields[14] == "budget.0.amount")
        #expect(written.fields[22] == "funding.1.share")
    }

    @Test("round trip: reading the written file gives the record of the form's values")
    func roundTrip() throws {
        let text = Self.newCard().write(source: nil, kept: []).text
        let (record, diagnostics) = ContentLoader.decodeRecord(text: text, file: "Content/projects/atelier.md", defaultID: "atelier")
        #expect(diagnostics.isEmpty)
        let decoded = try #require(record)
        let card = try #require(decoded.card)
        #expect(decoded.title == "Atelier vélo solidaire")
        #expect(decoded.themes.map(\.id) == ["cooperatives", "creation-activite"])
        #expect(card.territory?.departments == ["42"])
        #expect(card.budget.map(\.amount) == [48500])
        #expect(card.budget.first?.period == .annual)
        #expect(card.budget.first?.label == "Coût: fonctionnement")
        #expect(card.funding.map { $0.funders.map(\.id) } == [["etat"], ["region-rhone-alpes"], ["etat", "union-europeenne"]])
        #expect(card.funding.map(\.amount) == [20000, nil, 1234.5])
        #expect(card.funding[1].share == 0.155)
        #expect(card.results.first?.year == 2024)
        #expect(card.results.first?.value(of: "exits") == MetricValue(total: 11, parts: [.init(label: "salaried_job", value: 6),
                                                                                        .init(label: "self_employed", value: 5)]))
        // Read back into the form, the record gives the same text.
        let source = try #require(RecordSource.parse(text))
        let (form, kept) = RecordForm.read(source, kind: .project, id: "atelier")
        #expect(kept.isEmpty)
        #expect(form.write(source: source, kept: kept).text == text)
    }

    static let existing = """
    ---
    kind: project
    title: "Ancien titre"
    custom_note: |
      Deux lignes
      gardées telles quelles
    # the status is not known
    budget: {amount: 97000, period: annual}
    funding:
      - {funder: etat, amount: 5000, convention_date: 2024-03-01}
    award: {name: "Prix", year: 2010}
    ---
    Texte   avec espaces en fin   \n\n| a | b |\nsans fin de ligne
    """

    @Test("saving keeps the Markdown body byte for byte, the keys the form does not know, and comments")
    func keepsBodyAndUnknownKeys() throws {
        let source = try #require(RecordSource.parse(Self.existing))
        var (form, kept) = RecordForm.read(source, kind: .project, id: "ancien")
        #expect(kept == ["funding"])  // convention_date is not in the form: the funding is kept as written
        form.title = "Nouveau titre"
        form.budget[0].amount = "98 000"
        let text = form.write(source: source, kept: kept).text
        #expect(text == """
        ---
        kind: project
        title: Nouveau titre
        # the status is not known
        budget:
          - amount: 98000
            period: annual
        funding:
          - {funder: etat, amount: 5000, convention_date: 2024-03-01}
        award: {name: "Prix", year: 2010}
        custom_note: |
          Deux lignes
          gardées telles quelles
        ---
        Texte   avec espaces en fin   \n\n| a | b |\nsans fin de ligne
        """)
    }

    @Test("amounts in French forms are stored as numbers; what does not read as one is kept as typed, for the check")
    func frenchNumbers() {
        #expect(RecordForm.amountYAML("97 000 €") == "97000")
        #expect(RecordForm.amountYAML("97\u{202F}000") == "97000")
        #expect(RecordForm.amountYAML("1 234,5") == "1234.5")
        #expect(RecordForm.amountYAML("74.000") == "\"74.000\"")
        #expect(RecordForm.storedAmount("97 000 €") == "97000")
        #expect(RecordForm.storedAmount("beaucoup") == nil)
        #expect(RecordForm.shareYAML("15") == "15%")
        #expect(RecordForm.shareYAML("21,7 %") == "21.7%")
        #expect(RecordForm.integerYAML("2 024") == "2024")
        #expect(RecordForm.integerYAML("vers 2010") == "\"vers 2010\"")
    }

    @Test("YAML is quoted only where a plain scalar would not read back the same text", arguments: [
        ("Cap Ondaine", "Cap Ondaine"), ("Coopérative d'activités", "Coopérative d'activités"), ("42", "\"42\""),
        ("true", "\"true\""), ("Coût: 3", "\"Coût: 3\""), ("a #b", "\"a #b\""), ("- tiret", "\"- tiret\""), ("", "\"\""),
        ("« guillemets »", "« guillemets »"), ("a, b", "a, b"), ("deux\nlignes", "\"deux\\nlignes\""), ("\"cité\"", "\"\\\"cité\\\"\""),
    ])
    func quoting(_ text: String, _ yaml: String) {
        #expect(CanonicalYAML.scalar(text) == yaml)
    }

    @Test("posted fields: rows by count, values as typed, the record's order of themes kept")
    func postedForm() {
        let body = "title=+Titre+&themes.order=b%2Ca&themes=a&themes=b&themes=c&budget.count=2&budget.0.amount=97+000"
            + "&budget.1.amount=&funding.count=1&funding.0.funder=etat&funding.0.in_kind=true&results.count=1&results.0.count=1"
            + "&results.0.year=2002&results.0.0.metric=people_accompanied&results.0.0.value=40"
        let form = RecordForm.posted(FormFields.decode(Array(body.utf8)), kind: .project)
        #expect(form.title == "Titre")
        #expect(form.themes == ["b", "a", "c"])
        #expect(form.budget == [BudgetRow(amount: "97 000"), BudgetRow()])
        #expect(form.funding == [FundingRow(funder: "etat", inKind: true)])
        #expect(form.results == [ResultRow(year: "2002", metrics: [MetricRow(metric: "people_accompanied", value: "40")])])
    }

    /// A record's content without source positions, for comparing a record before and after the form wrote it.
    static func meaning(_ record: Record) -> String {
        func clean(_ card: Card) -> Card {
            var card = card
            card.budget = card.budget.map { var line = $0; line.location = .start; return line }
            card.funding = card.funding.map { var line = $0; line.location = .start; line.funders = line.funders.map { Reference($0.id, at: .start) }; return line }
            card.results = card.results.map { var block = $0; block.location = .start
                block.entries = block.entries.map { MetricEntry(metric: Reference($0.metric.id, at: .start), value: $0.value) }; return block }
            if case .organisation(let id) = card.carrier { card.carrier = .organisation(Reference(id.id, at: .start)) }
            card.targets = card.targets.map { var target = $0; target.metric = Reference($0.metric.id, at: .start); return target }
            card.partners = card.partners.map { Partner(organisation: Reference($0.organisation.id, at: .start), role: $0.role) }
            card.valueChains = card.valueChains.map { chain in
                var chain = chain
                chain.actors = chain.actors.map { Actor(name: $0.name, organisation: $0.organisation.map { Reference($0.id, at: .start) }, role: $0.role) }
                return chain
            }
            card.objectives = card.objectives.map { Objective(label: $0.label, target: $0.target.map { Reference($0.id, at: .start) }) }
            return card
        }
        var text = "\(record.kind) \(record.id) \(record.title) \(String(describing: record.summary)) \(record.draft) \(record.themes.map(\.id)) "
            + "\(record.aliases) \(String(describing: record.source)) \(record.body)"
        if let card = record.card { text += "\(clean(card))" }
        if let organisation = record.organisation { text += "\(organisation)" }
        return text
    }

    @Test("every card and organisation of the example site and the money fixtures, saved unchanged through the form, means the same")
    func unchangedSave() throws {
        let folders = [BuildSupport.content] + ["all-shapes", "approx-range", "groups", "mixed-in-kind", "one-off-joint", "three-year",
                                                "unknown-amounts", "yearly-shares"].map { BuildSupport.root.appendingPathComponent("Tests/Fixtures/money/\($0)/Content").path }
        var count = 0
        for folder in folders {
            for file in Discovery.discover(contentDirectory: folder).files where file.role == .record {
                let text = try String(contentsOfFile: file.absolutePath, encoding: .utf8)
                let id = String((file.relativePath as NSString).lastPathComponent.dropLast(3))
                let (before, found) = ContentLoader.decodeRecord(text: text, file: file.displayPath, defaultID: id)
                guard let before, let kind = EditorKind(rawValue: before.kind.rawValue) else { continue }
                let source = try #require(RecordSource.parse(text))
                let (form, kept) = RecordForm.read(source, kind: kind, id: before.id)
                let written = form.write(source: source, kept: kept).text
                let (after, again) = ContentLoader.decodeRecord(text: written, file: file.displayPath, defaultID: id)
                #expect(after.map(Self.meaning) == Self.meaning(before), "\(file.displayPath)")
                #expect(again.map { "\($0.severity) \($0.rule) \($0.message)" } == found.map { "\($0.severity) \($0.rule) \($0.message)" },
                        "\(file.displayPath)")
                count += 1
            }
        }
        #expect(count == 91)
    }

    // MARK: Requests

    static func withContent(_ body: (URL, FormEditor) async throws -> Void) async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-editor")
        defer { BuildSupport.cleanUp(directory) }
        let content = try BuildSupport.copyContent(into: directory)
        try await body(content, FormEditor(content: content.path, port: port, token: token))
    }

    static func post(_ path: String, _ fields: [(String, String)], headers: [String: String]? = nil) -> EditorRequest {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._"))
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        return EditorRequest(method: "POST", path: FormEditor.prefix + path, headers: headers ?? [
            "host": host, "origin": "http://" + host, "content-type": "application/x-www-form-urlencoded",
        ], body: Array(body.utf8))
    }

    @Test("Host, Origin and token: a request from anywhere else is refused with a French page, and nothing is written", arguments: [
        ("another Host", ["host": "evil.example:8214", "origin": "http://evil.example:8214", "content-type": "application/x-www-form-urlencoded"], token),
        ("another Origin", ["host": host, "origin": "http://evil.example", "content-type": "application/x-www-form-urlencoded"], token),
        ("no Origin nor Referer", ["host": host, "content-type": "application/x-www-form-urlencoded"], token),
        ("a wrong token", ["host": host, "origin": "http://" + host, "content-type": "application/x-www-form-urlencoded"], String(repeating: "0", count: 64)),
        ("no token", ["host": host, "origin": "http://" + host, "content-type": "application/x-www-form-urlencoded"], ""),
    ])
    func refusals(_ label: String, _ headers: [String: String], _ jeton: String) async throws {
        try await Self.withContent { content, editor in
            let before = BuildSupport.snapshot(content)
            let request = Self.post("/project/cap-ondaine", [("jeton", jeton), ("action", "save"), ("title", "Piraté")], headers: headers)
            let response = await editor.respond(request)
            #expect(response.status == 403, "\(label)")
            #expect(response.text.contains("<h1>Demande refusée</h1>"))
            #expect(BuildSupport.snapshot(content) == before)
        }
    }

    @Test("a GET with another Host is refused (DNS rebinding); with this server's Host it is the form")
    func getHost() async throws {
        try await Self.withContent { _, editor in
            let refused = await editor.respond(EditorRequest(method: "GET", path: FormEditor.prefix + "/", headers: ["host": "rebind.example:8214"]))
            #expect(refused.status == 403)
            let page = await editor.respond(EditorRequest(method: "GET", path: FormEditor.prefix + "/project/cap-ondaine",
                                                          headers: ["host": "localhost:8214"]))
            #expect(page.status == 200)
            #expect(page.text.contains("<input type=\"hidden\" name=\"jeton\" value=\"\(Self.token)\">"))
            #expect(page.headers.contains { $0.name == "Content-Security-Policy" && $0.value.contains("frame-ancestors 'none'") })
        }
    }

    @Test("saving a new card writes projects/<id>.md and answers 303 to its edit page")
    func saveNewCard() async throws {
        try await Self.withContent { content, editor in
            let response = await editor.respond(Self.post("/nouveau/project", [
                ("jeton", Self.token), ("action", "save"), ("title", "Atelier vélo"), ("budget.count", "1"),
                ("budget.0.amount", "48 500"), ("budget.0.period", "annual"), ("funding.count", "1"), ("funding.0.funder", "etat"),
                ("funding.0.amount", "20 000"),
            ]))
            #expect(response.status == 303)
            #expect(response.headers.first { $0.name == "Location" }?.value == "/_passerelle/editeur/project/atelier-velo?enregistre=1")
            let text = try String(contentsOf: content.appendingPathComponent("projects/atelier-velo.md"), encoding: .utf8)
            #expect(text == "---\nkind: project\ntitle: Atelier vélo\nbudget:\n  - amount: 48500\n    period: annual\n"
                + "funding:\n  - funder: etat\n    amount: 20000\n---\n\n")
        }
    }

    @Test("a save with an error writes nothing, keeps the typing, shows the error next to its field and focuses the summary")
    func saveWithError() async throws {
        try await Self.withContent { content, editor in
            let before = BuildSupport.snapshot(content)
            let response = await editor.respond(Self.post("/project/cap-ondaine", [
                ("jeton", Self.token), ("action", "save"), ("version", "x"), ("title", "Cap"), ("budget.count", "1"),
                ("budget.0.amount", "74.000"), ("budget.0.period", "annual"),
            ]))
            #expect(response.status == 200)
            #expect(BuildSupport.snapshot(content) == before)
            #expect(response.text.contains("<div class=\"summary\" id=\"erreurs\" tabindex=\"-1\" role=\"region\" aria-labelledby=\"erreurs-titre\" autofocus>"))
            #expect(response.text.contains("name=\"budget.0.amount\" value=\"74.000\" inputmode=\"decimal\" aria-describedby=\"e-budget.0.amount\" aria-invalid=\"true\">"))
            #expect(response.text.contains("<h2 id=\"erreurs-titre\">Pas enregistré\u{00A0}: 1 erreur"))
        }
    }

    @Test("« Nouvelle organisation » writes organisations/<id>.md with its type and picks it in the empty funding line")
    func newOrganisation() async throws {
        try await Self.withContent { content, editor in
            let response = await editor.respond(Self.post("/nouveau/project", [
                ("jeton", Self.token), ("action", "new-org"), ("title", "Atelier"), ("funding.count", "1"), ("funding.0.funder", ""),
                ("neworg.name", "Fondation Roue Libre"), ("neworg.type", "private"),
            ]))
            #expect(response.status == 200)
            let text = try String(contentsOf: content.appendingPathComponent("organisations/fondation-roue-libre.md"), encoding: .utf8)
            #expect(text == "---\nkind: organisation\ntitle: Fondation Roue Libre\nname: Fondation Roue Libre\ntype: private\n---\n\n")
            #expect(response.text.contains("<option value=\"fondation-roue-libre\" selected>Fondation Roue Libre — Privé</option>"))
            #expect(response.text.contains("name=\"title\" value=\"Atelier\""))
        }
    }

    @Test("a new organisation without a type is refused next to the type field, and nothing is written")
    func newOrganisationNeedsType() async throws {
        try await Self.withContent { content, editor in
            let before = BuildSupport.snapshot(content)
            let response = await editor.respond(Self.post("/nouveau/project", [
                ("jeton", Self.token), ("action", "new-org"), ("neworg.name", "Fondation Roue Libre"), ("neworg.type", ""),
            ]))
            #expect(BuildSupport.snapshot(content) == before)
            #expect(response.text.contains("<div id=\"e-neworg.type\"><p class=\"error\">Choisissez le type de l&#39;organisation (Région, État, association…).</p></div>"))
        }
    }

    @Test("with --lang en the editor speaks English")
    func english() async throws {
        try await Self.withContent { content, _ in
            let editor = FormEditor(content: content.path, port: Self.port, language: .en, token: Self.token)
            let refused = await editor.respond(EditorRequest(method: "GET", path: FormEditor.prefix + "/", headers: ["host": "x:1"]))
            #expect(refused.text.contains("<h1>Request refused</h1>"))
            let index = await editor.respond(EditorRequest(method: "GET", path: FormEditor.prefix + "/", headers: ["host": Self.host]))
            #expect(index.text.contains("<html lang=\"en\">"))
            #expect(index.text.contains(">New card</a>"))
        }
    }

    @Test("opening a record with an error shows it next to its field, in the summary without a line number")
    func diagnosticsOnOpen() async throws {
        try await Self.withContent { content, editor in
            let file = content.appendingPathComponent("projects/cap-ondaine.md")
            let text = try String(contentsOf: file, encoding: .utf8)
            try text.replacingOccurrences(of: "  amount: 97000\n", with: "  amount: \"74.000\"\n").write(to: file, atomically: true, encoding: .utf8)
            let page = await editor.respond(EditorRequest(method: "GET", path: FormEditor.prefix + "/project/cap-ondaine", headers: ["host": Self.host]))
            #expect(page.status == 200)
            #expect(page.text.contains("name=\"budget.0.amount\" value=\"74.000\" inputmode=\"decimal\" aria-describedby=\"e-budget.0.amount\" aria-invalid=\"true\">"))
            #expect(page.text.contains("<li><a href=\"#f-budget.0.amount\"><strong>erreur</strong>\u{00A0}: "))
            #expect(!page.text.contains("autofocus"))
        }
    }

    @Test("an existing card saved twice: the previous version is the hidden .<name>.precedent, which is never read as a record")
    func previousVersion() async throws {
        try await Self.withContent { content, _ in
            let files = try #require(SafeFiles(content: content.path))
            let original = try #require(files.read("projects/cap-ondaine.md"))
            #expect(failure(files.write("projects/cap-ondaine.md", original + "\nPremier ajout.\n", createOnly: false)) == nil)
            #expect(failure(files.write("projects/cap-ondaine.md", original + "\nSecond ajout.\n", createOnly: false)) == nil)
            #expect(files.read("projects/.cap-ondaine.md.precedent") == nil)  // hidden: not a path the editor reads
            let previous = try String(contentsOf: content.appendingPathComponent("projects/.cap-ondaine.md.precedent"), encoding: .utf8)
            #expect(previous == original + "\nPremier ajout.\n")
            let found = Discovery.discover(contentDirectory: content.path).files.map(\.relativePath)
            #expect(found.contains("projects/cap-ondaine.md"))
            #expect(!found.contains { $0.hasSuffix(".precedent") })
            #expect(failure(files.write("projects/cap-ondaine.md", "x", createOnly: true)) == .exists)
        }
    }

    @Test("a file that is not UTF-8 is not read, so a save can never replace its bytes (nor its kept previous version)")
    func notUTF8() async throws {
        try await Self.withContent { content, _ in
            let path = content.appendingPathComponent("projects/cap-ondaine.md")
            var bytes = try Data(contentsOf: path)
            bytes.append(contentsOf: [0x63, 0x61, 0x66, 0xE9, 0x0A])  // « café » in Latin-1
            try bytes.write(to: path)
            let files = try #require(SafeFiles(content: content.path))
            #expect(files.read("projects/cap-ondaine.md") == nil)
            #expect(failure(files.write("projects/cap-ondaine.md", "---\nkind: project\ntitle: X\n---\n", createOnly: false)) == .io("read"))
            #expect(try Data(contentsOf: path) == bytes)
            #expect(!FileManager.default.fileExists(atPath: content.appendingPathComponent("projects/.cap-ondaine.md.precedent").path))
        }
    }

    @Test("paths: only plain relative paths inside the content folder, never through a symbolic link")
    func containment() async throws {
        try await Self.withContent { content, _ in
            let outside = BuildSupport.makeTempDirectory("passerelle-editor-outside")
            defer { BuildSupport.cleanUp(outside) }
            try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("liens").path, withDestinationPath: outside.path)
            try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("projects/lien.md").path,
                                                       withDestinationPath: outside.appendingPathComponent("x.md").path)
            let files = try #require(SafeFiles(content: content.path))
            for path in ["../x.md", "projects/../../x.md", ".cache/x.md", "/etc/passwd", "projects//x.md", "projects/x y.md"] {
                #expect(files.resolve(path) == .failure(.badPath), "\(path)")
            }
            #expect(failure(files.write("liens/x.md", "x", createOnly: true)) == .notRegular("liens"))
            #expect(failure(files.write("projects/lien.md", "x", createOnly: false)) == .notRegular("lien.md"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        }
    }

    @Test("a record is addressed by kind and id only: an id that is not [a-z0-9-] is 404")
    func addressedById() async throws {
        try await Self.withContent { _, editor in
            for path in ["/project/..%2F..%2Fetc", "/project/Cap", "/fichier/cap-ondaine", "/project/absente"] {
                let response = await editor.respond(EditorRequest(method: "GET", path: FormEditor.prefix + path, headers: ["host": Self.host]))
                #expect(response.status == 404, "\(path)")
            }
        }
    }
}

/// The preview server's side of the editor: POST bodies read up to 1 MB, the rest refused at once.
@Suite("Form editor: POST in the preview server")
struct EditorServerTests {
    static func withEcho(_ body: (UInt16) throws -> Void) throws {
        let server = try PreviewServer(port: 0)
        server.start { request in
            Response.text(200, "\(request.method) \(request.body.count) \(String(decoding: request.body, as: UTF8.self))")
        }
        defer { server.stop() }
        try body(server.port)
    }

    @Test("a POST body is read (by Content-Length) and given to the handler; the next request on the connection is served")
    func postBody() throws {
        try Self.withEcho { port throws in
            let answer = try RawHTTP.request(port, "POST /_passerelle/editeur/ HTTP/1.1\r\nContent-Length: 9\r\n\r\njeton=abc")
            #expect(answer.status == 200)
            #expect(String(decoding: answer.body, as: UTF8.self) == "POST 9 jeton=abc")
        }
    }

    @Test("a POST over 1 MB is 413, one without Content-Length 411", arguments: [
        ("POST / HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n", "HTTP/1.1 413 Content Too Large"),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "HTTP/1.1 411 Length Required"),
        ("POST / HTTP/1.1\r\n\r\n", "HTTP/1.1 411 Length Required"),
    ])
    func refusedBodies(_ raw: String, _ statusLine: String) throws {
        try Self.withEcho { port throws in
            #expect(try RawHTTP.request(port, raw).statusLine == statusLine)
        }
    }
}

/// The failure of a write, nil when it succeeded.
func failure(_ result: Result<Void, SafeFiles.Failure>) -> SafeFiles.Failure? {
    if case .failure(let failure) = result { return failure }
    return nil
}
