import Foundation
import PasserelleBuild
import PasserelleContent
import PasserelleModel

/// A request as the editor reads it (the preview server's request, without depending on it).
public struct EditorRequest: Sendable {
    public var method: String
    /// The path as sent, starting with `/_passerelle/editeur`.
    public var path: String
    public var query: String?
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(method: String, path: String, query: String? = nil, headers: [String: String] = [:], body: [UInt8] = []) {
        (self.method, self.path, self.query, self.headers, self.body) = (method, path, query, headers, body)
    }
}

public struct EditorResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        (self.status, self.headers, self.body) = (status, headers, body)
    }

    /// The body as text (for tests).
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// What the pick lists offer: read from the content folder at each request.
public struct Catalog: Sendable {
    public struct Entry: Sendable, Equatable {
        public var kind: EditorKind
        public var id: String
        public var title: String
        /// Path relative to the content folder.
        public var path: String
    }

    public var themes: [(id: String, label: String)] = []
    public var organisations: [(id: String, name: String, type: String)] = []
    public var metrics: [(id: String, label: String)] = []
    public var entries: [Entry] = []
    /// Every record id of the site, whatever its kind (ids are unique per site).
    public var ids: Set<String> = []
    public var diagnostics: [Diagnostic] = []

    public func entry(_ kind: EditorKind, _ id: String) -> Entry? { entries.first { $0.kind == kind && $0.id == id } }
}

/// The form editor of `passerelle serve`: pages under `/_passerelle/editeur/` to create and edit cards, initiatives and
/// organisations, checked with the same diagnostics as `check`, written in the canonical layout.
///
/// Every request must name this server as its Host (`127.0.0.1:<port>` or `localhost:<port>`: a page of another site
/// that a DNS name made point here is refused); a POST must come from a page of this server (Origin, else Referer) and
/// carry the token made when `serve` started. Records are addressed by kind and id, never by a path the client gives.
public final class FormEditor: Sendable {
    public static let prefix = "/_passerelle/editeur"
    /// The content folder as given (`Content`): diagnostics name files from it.
    public let content: String
    public let port: UInt16
    public let language: Language
    public let token: String

    /// Drafts are always listed and checked: the editor is where they are written.
    public init(content: String, port: UInt16, language: Language = .fr, token: String) {
        self.content = content.hasSuffix("/") ? String(content.dropLast()) : content
        self.port = port
        self.language = language
        self.token = token
    }

    /// 32 random bytes from `/dev/urandom`, in hexadecimal; nil if it cannot be read.
    public static func makeToken() -> String? {
        guard let handle = FileHandle(forReadingAtPath: "/dev/urandom") else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 32), data.count == 32 else { return nil }
        return data.map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Security

    func hostAllowed(_ headers: [String: String]) -> Bool {
        guard let host = headers["host"] else { return false }
        return host == "127.0.0.1:\(port)" || host == "localhost:\(port)"
    }

    /// The page that sent a POST is one of this server's: Origin, else Referer, names the same host.
    func originAllowed(_ headers: [String: String]) -> Bool {
        guard let host = headers["host"] else { return false }
        if let origin = headers["origin"] { return origin == "http://" + host }
        if let referer = headers["referer"] { return referer.hasPrefix("http://" + host + "/") }
        return false
    }

    static func sameToken(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    // MARK: Answers

    /// Answers from a thread that may block (the preview server's connection threads).
    public func respondBlocking(_ request: EditorRequest) -> EditorResponse {
        let box = ResponseBox()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.set(await self.respond(request))
            done.signal()
        }
        done.wait()
        return box.get() ?? EditorResponse(status: 500)
    }

    public func respond(_ request: EditorRequest) async -> EditorResponse {
        let pages = EditorPages(language: language, token: token)
        guard hostAllowed(request.headers) else {
            return html(403, pages.refusal(pages.t("Adresse refusée\u{00A0}: le formulaire ne s'ouvre qu'à l'adresse http://127.0.0.1:\(port)/_passerelle/editeur/.",
                                                   "Address refused: the form editor opens only at http://127.0.0.1:\(port)/_passerelle/editeur/.")))
        }
        guard ["GET", "HEAD", "POST"].contains(request.method) else {
            return EditorResponse(status: 405, headers: [("Allow", "GET, HEAD, POST")] + Self.pageHeaders, body: Array("405\n".utf8))
        }
        if request.method == "POST" {
            guard originAllowed(request.headers) else {
                return html(403, pages.refusal(pages.t("Envoi refusé\u{00A0}: ce formulaire ne vient pas d'une page de l'éditeur de cet ordinateur.",
                                                       "Refused: this form was not sent from a page of the editor on this computer.")))
            }
            let type = (request.headers["content-type"] ?? "").split(separator: ";").first.map { String($0).trimmed.lowercased() }
            guard type == "application/x-www-form-urlencoded" else {
                return html(415, pages.refusal(pages.t("Envoi refusé\u{00A0}: format de formulaire inattendu.", "Refused: unexpected form encoding.")))
            }
        }
        let fields = request.method == "POST" ? FormFields.decode(request.body) : FormFields()
        if request.method == "POST" {
            guard let sent = fields.value("jeton"), Self.sameToken(sent, token) else {
                return html(403, pages.refusal(pages.t("Envoi refusé\u{00A0}: le jeton du formulaire ne correspond pas. Rouvrez la page depuis l'éditeur (un formulaire ouvert avant le redémarrage de «\u{00A0}passerelle serve\u{00A0}» n'est plus valable).",
                                                       "Refused: the form's token does not match. Open the page again from the editor (a form opened before « passerelle serve » restarted is no longer valid).")))
            }
        }
        let rest = String(request.path.dropFirst(Self.prefix.count))
        let segments = rest.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if rest.isEmpty { return EditorResponse(status: 303, headers: [("Location", Self.prefix + "/")] + Self.pageHeaders) }
        // The script of live checking: served by the editor itself, never inline (the pages' CSP allows 'self' only).
        if segments == [Self.scriptName] {
            guard request.method != "POST" else {
                return EditorResponse(status: 405, headers: [("Allow", "GET, HEAD")] + Self.pageHeaders, body: Array("405\n".utf8))
            }
            return EditorResponse(status: 200, headers: [("Content-Type", "text/javascript; charset=utf-8")] + Self.pageHeaders,
                                  body: Array(LiveCheckScript.source.utf8))
        }
        // Live checking: `verifier/<kind>/<id>` or `verifier/nouveau/<kind>`, POST only (it needs the token).
        if segments.count == 3 && segments[0] == Self.checkSegment && request.method != "POST" {
            return EditorResponse(status: 405, headers: [("Allow", "POST")] + Self.pageHeaders, body: Array("405\n".utf8))
        }
        guard let files = SafeFiles(content: content) else {
            return html(500, pages.refusal(pages.t("Le dossier de contenu «\u{00A0}\(content)\u{00A0}» est introuvable.", "The content folder '\(content)' cannot be found.")))
        }
        let catalog = await Self.catalog(content: content)
        switch segments.count {
        case 0 where request.method != "POST":
            return html(200, pages.index(catalog))
        case 2 where segments[0] == "nouveau":
            guard let kind = EditorKind(rawValue: segments[1]) else { break }
            return await form(kind: kind, id: nil, request: request, fields: fields, catalog: catalog, files: files, pages: pages)
        case 2:
            guard let kind = EditorKind(rawValue: segments[0]), RecordDecoder.isValidID(segments[1]) else { break }
            return await form(kind: kind, id: segments[1], request: request, fields: fields, catalog: catalog, files: files, pages: pages)
        case 3 where segments[0] == Self.checkSegment && segments[1] == "nouveau":
            guard let kind = EditorKind(rawValue: segments[2]) else { break }
            return await form(kind: kind, id: nil, request: request, fields: fields, catalog: catalog, files: files, pages: pages, live: true)
        case 3 where segments[0] == Self.checkSegment:
            guard let kind = EditorKind(rawValue: segments[1]), RecordDecoder.isValidID(segments[2]) else { break }
            return await form(kind: kind, id: segments[2], request: request, fields: fields, catalog: catalog, files: files, pages: pages, live: true)
        default:
            break
        }
        return html(404, pages.refusal(pages.t("Page introuvable dans l'éditeur.", "No such page in the editor."), status: 404))
    }

    /// The script of live checking, at `/_passerelle/editeur/editeur.js`.
    public static let scriptName = "editeur.js"
    /// The first segment of the live check's address: `/_passerelle/editeur/verifier/project/cap-ondaine`.
    public static let checkSegment = "verifier"

    static let pageHeaders: [(name: String, value: String)] = [
        ("Cache-Control", "no-store"),
        ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("X-Content-Type-Options", "nosniff"),
    ]

    /// The headers of a form page: its own script (`editeur.js`, from this server, never inline) may run and call the
    /// live check of this server; nothing else may.
    static let formPageHeaders: [(name: String, value: String)] = pageHeaders.map {
        $0.name == "Content-Security-Policy"
            ? ($0.name, "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
            : $0
    }

    func html(_ status: Int, _ text: String, script: Bool = false) -> EditorResponse {
        EditorResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")] + (script ? Self.formPageHeaders : Self.pageHeaders),
                       body: Array(text.utf8))
    }

    func json(_ text: String) -> EditorResponse {
        EditorResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")] + Self.pageHeaders, body: Array(text.utf8))
    }

    /// The site's themes, organisations, metrics and records, as the content folder holds them now.
    public static func catalog(content: String, overrides: [String: String] = [:]) async -> Catalog {
        let analysis = await Pipeline.analyse(content: content, includeDrafts: true, overrides: overrides)
        var catalog = Catalog()
        let display = content.hasSuffix("/") ? String(content.dropLast()) : content
        catalog.themes = analysis.site.config.themes.map { ($0.id, $0.label) }
        catalog.metrics = analysis.site.dictionary.metrics.map { ($0.id, $0.label.text(.fr)) }
        for record in analysis.site.records {
            catalog.ids.insert(record.id)
            let kind: EditorKind
            switch record.kind {
            case .project: kind = .project
            case .initiative: kind = .initiative
            case .organisation: kind = .organisation
            default: continue
            }
            let path = record.file.hasPrefix(display + "/") ? String(record.file.dropFirst(display.count + 1)) : record.file
            catalog.entries.append(Catalog.Entry(kind: kind, id: record.id, title: record.title, path: path))
            if let organisation = record.organisation {
                catalog.organisations.append((record.id, organisation.name, organisation.type.rawValue))
            }
        }
        catalog.entries.sort { ($0.kind.rawValue, $0.title, $0.id) < ($1.kind.rawValue, $1.title, $1.id) }
        catalog.organisations.sort { ($0.name, $0.id) < ($1.name, $1.id) }
        catalog.diagnostics = analysis.diagnostics
        return catalog
    }

    /// A short fingerprint of a file's text: the form carries it to notice a change made on disk meanwhile.
    static func version(_ text: String?) -> String {
        guard let text else { return "nouveau" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    // MARK: The form of one record

    /// The form of one record. `live`: the live check of the script, for the form as posted: the same path as
    /// « Vérifier » (whatever action was posted, nothing is ever written), answered as the JSON of `EditorPages.live`.
    func form(kind: EditorKind, id: String?, request: EditorRequest, fields: FormFields, catalog: Catalog, files: SafeFiles,
              pages: EditorPages, live: Bool = false) async -> EditorResponse {
        var state = FormState(form: RecordForm(kind: kind))
        state.isNew = id == nil
        // The record on disk: found by kind and id among the decoded records, else at its conventional place.
        var path: String?
        var source: RecordSource?
        var diskText: String?
        if let id {
            path = catalog.entry(kind, id)?.path ?? "\(kind.folder)/\(id).md"
            guard let found = path, let text = files.read(found) else {
                return html(404, pages.refusal(pages.t("Aucune fiche «\u{00A0}\(id)\u{00A0}» de ce type dans le dossier de contenu.",
                                                       "No record '\(id)' of this kind in the content folder."), status: 404))
            }
            diskText = text
            // The kind in the file is the truth: a file of another kind is not rewritten as this one.
            if let written = RecordSource.parse(text)?.node("kind")?.scalar, written != kind.rawValue {
                return html(404, pages.refusal(pages.t("Aucune fiche «\u{00A0}\(id)\u{00A0}» de ce type dans le dossier de contenu.",
                                                       "No record '\(id)' of this kind in the content folder."), status: 404))
            }
            guard let parsed = RecordSource.parse(text) else {
                let display = content + "/" + found
                state.diagnostics = catalog.diagnostics.filter { $0.file == display }
                return html(200, pages.unreadable(file: display, diagnostics: state.diagnostics))
            }
            source = parsed
        }
        let kept = RecordForm.keptKeys(source, kind: kind)
        state.kept = (source?.blocks ?? []).filter { kept.contains($0.key) || !RecordForm.formKeys(kind).contains($0.key) && $0.key != "kind" }
        state.version = Self.version(diskText)

        let action = live ? "check" : fields.value("action") ?? ""
        if request.method != "POST" {
            if let source, let id { state.form = RecordForm.read(source, kind: kind, id: id).form }
            if state.isNew && kind.isCard {
                state.form.budget = [BudgetRow()]
                state.form.funding = [FundingRow()]
            }
            if request.query?.split(separator: "&").contains("enregistre=1") == true { state.saved = true }
        } else {
            state.form = RecordForm.posted(fields, kind: kind)
            if let id { state.form.id = id }
            if fields.value("version") != state.version && !state.isNew {
                state.notices.append(pages.t("Le fichier a été modifié sur le disque depuis l'ouverture du formulaire\u{00A0}: vérifiez vos valeurs\u{00A0}; «\u{00A0}Enregistrer\u{00A0}» remplacera la version du disque.",
                                             "The file changed on disk since the form was opened: check your values; « Save » will replace the version on disk."))
            }
            state.newOrganisation = (fields.value("neworg.name")?.trimmed ?? "", fields.value("neworg.type") ?? "")
            applyStructural(action, to: &state.form)
        }
        var catalog = catalog
        if action == "new-org" {
            createOrganisation(&state, catalog: &catalog, files: files, pages: pages)
        }
        // The path the record has, or will have.
        let recordPath: String
        if let path {
            recordPath = path
        } else {
            let wanted = state.form.id.isEmpty ? Slug.make(state.form.title) : state.form.id
            if !wanted.isEmpty && !RecordDecoder.isValidID(wanted) {
                state.fieldErrors["id"] = pages.t("L'identifiant «\u{00A0}\(wanted)\u{00A0}» ne convient pas\u{00A0}: lettres minuscules sans accent, chiffres et tirets seulement (il devient l'adresse de la page).",
                                                   "The id '\(wanted)' will not do: lower-case letters without accents, digits and hyphens only (it becomes the page's address).")
            } else if catalog.ids.contains(wanted) {
                state.fieldErrors["id"] = pages.t("L'identifiant «\u{00A0}\(wanted)\u{00A0}» est déjà pris par une autre fiche\u{00A0}: choisissez-en un autre.",
                                                   "The id '\(wanted)' is already taken by another record: choose another one.")
            }
            state.form.id = state.form.id.isEmpty || state.fieldErrors["id"] != nil ? state.form.id : wanted
            let usable = state.fieldErrors["id"] == nil && !wanted.isEmpty ? wanted : "nouvelle-fiche-editeur"
            recordPath = "\(kind.folder)/\(usable).md"
            if wanted.isEmpty && action == "save" {
                state.fieldErrors["id"] = pages.t("Donnez un titre ou un identifiant\u{00A0}: il devient l'adresse de la page.",
                                                   "Give a title or an id: it becomes the page's address.")
            }
        }
        let written = state.form.write(source: source, kept: kept)
        state.fieldLines = written.fields
        // Live validation: the same analysis as `check`, with the unsaved text in place of the file.
        let display = content + "/" + recordPath
        // Also when an existing record is opened: its diagnostics then point at the lines of the text the form writes,
        // so each one is shown next to its field.
        if request.method == "POST" || !state.isNew {
            let analysis = await Pipeline.analyse(content: content, includeDrafts: true, overrides: [recordPath: written.text])
            state.diagnostics = analysis.diagnostics.filter { $0.file == display }
        }
        state.file = display
        // After a refused save, the page carries `echec=1`: its checks (« Vérifier », live checking, a line added)
        // keep saying « Pas enregistré » until a save succeeds.
        if request.method == "POST" && action != "save" && fields.value("echec") == "1" { state.failedSave = true }
        if action == "save" {
            if state.diagnostics.hasErrors || !state.fieldErrors.isEmpty {
                state.failedSave = true
            } else {
                switch files.write(recordPath, written.text, createOnly: state.isNew) {
                case .success:
                    let id = (recordPath as NSString).lastPathComponent.replacingOccurrences(of: ".md", with: "")
                    let target = Self.prefix + "/\(kind.rawValue)/\(state.isNew ? id : state.form.id)?enregistre=1"
                    return EditorResponse(status: 303, headers: [("Location", target)] + Self.pageHeaders)
                case .failure(let failure):
                    state.failedSave = true
                    state.fieldErrors["form"] = pages.writeFailure(failure, path: display)
                }
            }
        }
        if live { return json(pages.live(state)) }
        return html(200, pages.form(state, catalog: catalog), script: true)
    }

    /// Lines added and removed: the buttons of the form without JavaScript.
    func applyStructural(_ action: String, to form: inout RecordForm) {
        let parts = action.split(separator: "-").map(String.init)
        func index(_ at: Int) -> Int? { parts.count > at ? Int(parts[at]) : nil }
        switch (parts.first, parts.count > 1 ? parts[1] : nil) {
        case ("add", "budget"?): form.budget.append(BudgetRow())
        case ("add", "funding"?): form.funding.append(FundingRow())
        case ("add", "result"?): form.results.append(ResultRow(metrics: [MetricRow()]))
        case ("add", "metric"?):
            if let block = index(2), form.results.indices.contains(block) { form.results[block].metrics.append(MetricRow()) }
        case ("remove", "budget"?):
            if let row = index(2), form.budget.indices.contains(row) { form.budget.remove(at: row) }
        case ("remove", "funding"?):
            if let row = index(2), form.funding.indices.contains(row) { form.funding.remove(at: row) }
        case ("remove", "result"?):
            if let row = index(2), form.results.indices.contains(row) { form.results.remove(at: row) }
        case ("remove", "metric"?):
            if let block = index(2), let row = index(3), form.results.indices.contains(block), form.results[block].metrics.indices.contains(row) {
                form.results[block].metrics.remove(at: row)
            }
        default: break
        }
    }

    /// « Nouvelle organisation » of the funder picker: writes `organisations/<id>.md` and picks it in a funding line.
    func createOrganisation(_ state: inout FormState, catalog: inout Catalog, files: SafeFiles, pages: EditorPages) {
        let (name, type) = state.newOrganisation
        guard !name.isEmpty else {
            state.fieldErrors["neworg.name"] = pages.t("Donnez le nom de l'organisation.", "Give the organisation's name.")
            return
        }
        guard OrganisationType(rawValue: type) != nil else {
            state.fieldErrors["neworg.type"] = pages.t("Choisissez le type de l'organisation (Région, État, association…).",
                                                       "Choose the organisation's type (region, state, association…).")
            return
        }
        let id = Slug.make(name)
        guard RecordDecoder.isValidID(id) else {
            state.fieldErrors["neworg.name"] = pages.t("Ce nom ne donne pas d'identifiant utilisable\u{00A0}: ajoutez des lettres.",
                                                       "This name gives no usable id: add letters.")
            return
        }
        guard !catalog.ids.contains(id) else {
            state.fieldErrors["neworg.name"] = pages.t("Une fiche a déjà l'identifiant «\u{00A0}\(id)\u{00A0}»\u{00A0}: choisissez-la dans la liste des financeurs, ou précisez le nom.",
                                                       "A record already has the id '\(id)': pick it in the list of funders, or make the name more precise.")
            return
        }
        var organisation = RecordForm(kind: .organisation)
        organisation.title = name
        organisation.name = name
        organisation.type = type
        let text = organisation.write(source: nil, kept: []).text
        switch files.write("organisations/\(id).md", text, createOnly: true) {
        case .success:
            catalog.ids.insert(id)
            catalog.organisations.append((id, name, type))
            catalog.organisations.sort { ($0.name, $0.id) < ($1.name, $1.id) }
            if let empty = state.form.funding.firstIndex(where: { $0.funder.isEmpty }) {
                state.form.funding[empty].funder = id
            } else {
                state.form.funding.append(FundingRow(funder: id))
            }
            state.newOrganisation = ("", "")
            state.notices.append(pages.t("Organisation «\u{00A0}\(name)\u{00A0}» créée (\(content)/organisations/\(id).md) et choisie comme financeur.",
                                         "Organisation '\(name)' created (\(content)/organisations/\(id).md) and picked as a funder."))
        case .failure(let failure):
            state.fieldErrors["neworg.name"] = pages.writeFailure(failure, path: content + "/organisations/\(id).md")
        }
    }
}

/// Everything a form page shows.
struct FormState: Sendable {
    var form: RecordForm
    var isNew = false
    var file = ""
    var version = ""
    var kept: [RecordSource.Block] = []
    var diagnostics: [Diagnostic] = []
    var fieldLines: [Int: String] = [:]
    /// Errors the editor finds itself (the id of a new record, the new organisation), by field id.
    var fieldErrors: [String: String] = [:]
    var notices: [String] = []
    var saved = false
    var failedSave = false
    var newOrganisation: (name: String, type: String) = ("", "")
}

final class ResponseBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: EditorResponse?
    func set(_ response: EditorResponse) { lock.withLock { value = response } }
    func get() -> EditorResponse? { lock.withLock { value } }
}
