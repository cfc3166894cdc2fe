import Foundation
import PasserelleModel

/// The pages of the form editor: plain HTML forms, server-rendered, French (English with `--lang en`).
struct EditorPages: Sendable {
    let language: Language
    let token: String

    func t(_ fr: String, _ en: String) -> String { language == .en ? en : fr }

    /// « : » with the no-break space French puts before it.
    var colon: String { language == .en ? ":" : "\u{00A0}:" }

    static func e(_ text: String) -> String { HTMLEscape.text(text) }

    /// `script`: the page loads the editor's live-check script (form pages only).
    func page(title: String, _ body: String, script: Bool = false) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.e(title == t("Éditeur de fiches", "Record editor") ? title : title + " — " + t("éditeur de fiches", "record editor")))</title>
        <style>\(Self.style)</style>\(script ? "\n<script src=\"\(FormEditor.prefix)/\(FormEditor.scriptName)\" defer></script>" : "")
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    static let style = """
    body{font-family:system-ui,sans-serif;margin:0;color:#1d1d1f;background:#f6f6f4;line-height:1.45}
    main{max-width:56rem;margin:0 auto;padding:1rem}
    h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.2rem}
    a{color:#0b4f8a}
    fieldset{border:1px solid #b9b9b4;border-radius:.4rem;margin:0 0 1rem;padding:.75rem;background:#fff;min-width:0}
    fieldset fieldset{background:#fafaf8}
    legend{font-weight:600;padding:0 .3rem}
    .field{margin:0 0 .75rem}
    label,.label{display:block;font-weight:500;margin-bottom:.2rem}
    .check label{display:inline;font-weight:400}
    input[type=text],input:not([type]),select,textarea{box-sizing:border-box;width:100%;max-width:100%;padding:.45rem;font:inherit;
    border:1px solid #6b6b66;border-radius:.3rem;background:#fff}
    textarea{min-height:5rem}
    .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:0 1rem}
    .stored,.help{font-size:.9rem;color:#4a4a46;margin:.2rem 0 0}
    .error{color:#a3140c;font-weight:600;margin:.2rem 0 0}
    .warning{color:#6b4400;margin:.2rem 0 0}
    [aria-invalid=true]{border-color:#a3140c;border-width:2px}
    button{font:inherit;padding:.45rem .9rem;border-radius:.3rem;border:1px solid #0b4f8a;background:#fff;color:#0b4f8a;cursor:pointer;margin:.2rem .4rem .2rem 0}
    button.primary{background:#0b4f8a;color:#fff}
    .actions{display:flex;flex-wrap:wrap;gap:.25rem;margin:0 0 1rem}
    .summary{border:2px solid #a3140c;background:#fff4f3;padding:.75rem 1rem;border-radius:.4rem;margin:0 0 1rem}
    .summary.ok{border-color:#1e6b32;background:#f1faf3}
    .notice{border-left:4px solid #0b4f8a;background:#eef4fa;padding:.5rem .75rem;margin:0 0 1rem}
    .saved{border-left-color:#1e6b32;background:#f1faf3}
    pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid #ddd;padding:.5rem}
    ul.records{padding-left:1.2rem}
    .live-status{border-left:4px solid #1e6b32;background:#f1faf3;padding:.5rem .75rem;margin:0 0 1rem}
    .live-status.has-errors{border-left-color:#a3140c;background:#fff4f3}
    .live-status:empty{display:none}
    """

    func refusal(_ message: String, status: Int = 403) -> String {
        page(title: status == 404 ? t("Introuvable", "Not found") : t("Refusé", "Refused"),
             "<h1>\(status == 404 ? t("Introuvable", "Not found") : t("Demande refusée", "Request refused"))</h1>\n<p>\(Self.e(message))</p>\n"
                + "<p><a href=\"\(FormEditor.prefix)/\">\(t("Retour à la liste des fiches", "Back to the list of records"))</a></p>")
    }

    func writeFailure(_ failure: SafeFiles.Failure, path: String) -> String {
        switch failure {
        case .exists: return t("Le fichier \(path) existe déjà\u{00A0}: rien n'a été écrit.", "The file \(path) already exists: nothing was written.")
        case .badPath, .notRegular:
            return t("Le fichier \(path) ne peut pas être écrit\u{00A0}: il (ou un de ses dossiers) n'est pas un fichier ordinaire du dossier de contenu (lien symbolique\u{00A0}?).",
                     "The file \(path) cannot be written: it (or one of its folders) is not a plain file of the content folder (a symbolic link?).")
        case .io(let reason):
            return t("Le fichier \(path) n'a pas pu être écrit (\(reason))\u{00A0}: la version précédente est restée.",
                     "The file \(path) could not be written (\(reason)): the previous version was left.")
        }
    }

    // MARK: Index

    func kindLabel(_ kind: EditorKind, plural: Bool = false) -> String {
        switch (kind, plural) {
        case (.project, false): return t("Fiche (bonne pratique)", "Card (good practice)")
        case (.project, true): return t("Fiches de bonnes pratiques", "Good-practice cards")
        case (.initiative, false): return t("Initiative territoriale", "Territorial initiative")
        case (.initiative, true): return t("Initiatives territoriales", "Territorial initiatives")
        case (.organisation, false): return t("Organisation", "Organisation")
        case (.organisation, true): return t("Organisations", "Organisations")
        }
    }

    func newLabel(_ kind: EditorKind) -> String {
        switch kind {
        case .project: return t("Nouvelle fiche", "New card")
        case .initiative: return t("Nouvelle initiative", "New initiative")
        case .organisation: return t("Nouvelle organisation", "New organisation")
        }
    }

    func index(_ catalog: Catalog) -> String {
        var html = "<h1>\(t("Éditeur de fiches", "Record editor"))</h1>\n"
        html += "<p>\(t("Choisissez une fiche à modifier, ou créez-en une. Le site en aperçu se reconstruit à chaque enregistrement.", "Choose a record to edit, or create one. The preview rebuilds at every save."))"
            + " <a href=\"/\">\(t("Voir le site", "View the site"))</a></p>\n"
        for kind in EditorKind.allCases {
            let entries = catalog.entries.filter { $0.kind == kind }
            html += "<section aria-labelledby=\"h-\(kind.rawValue)\">\n<h2 id=\"h-\(kind.rawValue)\">\(kindLabel(kind, plural: true)) (\(entries.count))</h2>\n"
            html += "<p><a href=\"\(FormEditor.prefix)/nouveau/\(kind.rawValue)\">\(newLabel(kind))</a></p>\n"
            if !entries.isEmpty {
                html += "<ul class=\"records\">\n"
                for entry in entries {
                    html += "<li><a href=\"\(FormEditor.prefix)/\(kind.rawValue)/\(Self.e(entry.id))\">\(Self.e(entry.title.isEmpty ? entry.id : entry.title))</a> <span class=\"help\">(\(Self.e(entry.path)))</span></li>\n"
                }
                html += "</ul>\n"
            }
            html += "</section>\n"
        }
        return page(title: t("Éditeur de fiches", "Record editor"), html)
    }

    func unreadable(file: String, diagnostics: [Diagnostic]) -> String {
        var html = "<h1>\(t("Ce fichier ne s'ouvre pas dans le formulaire", "This file does not open in the form"))</h1>\n"
        html += "<p>\(t("L'en-tête de \(Self.e(file)) (entre les lignes ---) ne se lit pas : corrigez-le dans un éditeur de texte, puis rouvrez cette page.", "The header of \(Self.e(file)) (between the --- lines) cannot be read: correct it in a text editor, then open this page again."))</p>\n"
        html += diagnosticList(diagnostics, link: false)
        html += "<p><a href=\"\(FormEditor.prefix)/\">\(t("Retour à la liste des fiches", "Back to the list of records"))</a></p>"
        return page(title: t("Fichier illisible", "Unreadable file"), html)
    }

    func diagnosticText(_ diagnostic: Diagnostic) -> String {
        var text = Self.e(diagnostic.message(language))
        if let hint = diagnostic.hint(language) { text += " <span class=\"help\">\(t("Conseil\u{00A0}:", "Hint:")) \(Self.e(hint))</span>" }
        return text
    }

    func diagnosticList(_ diagnostics: [Diagnostic], link: Bool, fields: [Int: String] = [:]) -> String {
        guard !diagnostics.isEmpty else { return "" }
        var html = "<ul>\n"
        for diagnostic in diagnostics {
            let severity = diagnostic.severity.label(language)
            if link, let field = fields[diagnostic.location.line] {
                let text = "<strong>\(severity)</strong>\(colon) \(diagnosticText(diagnostic)) <code>[\(Self.e(diagnostic.rule))]</code>"
                html += "<li><a href=\"#f-\(Self.e(field))\">\(text)</a></li>\n"
            } else {
                // Not tied to a field of the form: where it is in the file.
                let place = "\(t("ligne", "line")) \(diagnostic.location.line)"
                html += "<li><strong>\(severity)</strong> (\(place))\(colon) \(diagnosticText(diagnostic)) <code>[\(Self.e(diagnostic.rule))]</code></li>\n"
            }
        }
        return html + "</ul>\n"
    }

    // MARK: The form

    struct Context {
        var state: FormState
        /// Diagnostics by form field id.
        var byField: [String: [Diagnostic]]
        /// What is written in the file for the fields that show it (« enregistré : 97000 »), by field id.
        var stored: [String: String] = [:]
    }

    /// « enregistré : 97000 » under a field: the value written in the file.
    func storedLine(_ stored: String) -> String {
        "<p class=\"stored\">\(t("enregistré", "stored"))\(colon) \(Self.e(stored))</p>"
    }

    /// The value written in the file for each field that shows it, when it has a value and it reads as a number.
    static func storedValues(_ form: RecordForm) -> [String: String] {
        var stored: [String: String] = [:]
        func add(_ name: String, _ value: String, _ written: String?) {
            if !value.isEmpty, let written { stored[name] = written }
        }
        add("territory.population", form.population, RecordForm.integerYAML(form.population))
        for (index, row) in form.budget.enumerated() { add("budget.\(index).amount", row.amount, RecordForm.storedAmount(row.amount)) }
        for (index, row) in form.funding.enumerated() {
            add("funding.\(index).amount", row.amount, RecordForm.storedAmount(row.amount))
            add("funding.\(index).share", row.share, RecordForm.storedShare(row.share))
        }
        for (index, row) in form.results.enumerated() {
            for (entry, metric) in row.metrics.enumerated() {
                add("results.\(index).\(entry).value", metric.value, RecordForm.storedAmount(metric.value))
            }
        }
        return stored
    }

    /// The diagnostics of a form by field: each one goes to the field its line was written from.
    func context(_ state: FormState) -> Context {
        var byField: [String: [Diagnostic]] = [:]
        for diagnostic in state.diagnostics {
            if let field = state.fieldLines[diagnostic.location.line] { byField[field, default: []].append(diagnostic) }
        }
        return Context(state: state, byField: byField, stored: Self.storedValues(state.form))
    }

    func form(_ state: FormState, catalog: Catalog) -> String {
        let form = state.form
        let c = context(state)
        let heading = state.isNew ? newLabel(form.kind) : t("Modifier\u{00A0}: ", "Edit: ") + (form.title.isEmpty ? form.id : form.title)
        let action = state.isNew ? "\(FormEditor.prefix)/nouveau/\(form.kind.rawValue)" : "\(FormEditor.prefix)/\(form.kind.rawValue)/\(form.id)"
        var html = "<h1>\(Self.e(heading))</h1>\n"
        html += "<p><a href=\"\(FormEditor.prefix)/\">\(t("Toutes les fiches", "All records"))</a>"
        if !state.isNew {
            let route = form.kind.isCard ? Routes.card(form.id) : Routes.organisation(form.id)
            html += " · <a href=\"/\(route)\">\(t("Voir la page publiée en aperçu", "View the page in the preview"))</a>"
        }
        html += " · <span class=\"help\">\(Self.e(state.file))</span></p>\n"
        if state.saved {
            html += "<p class=\"notice saved\" role=\"status\">\(t("Enregistré. La version précédente est gardée à côté du fichier jusqu'au prochain enregistrement\u{00A0}; l'aperçu se reconstruit.", "Saved. The previous version is kept beside the file until the next save; the preview rebuilds."))</p>\n"
        }
        for notice in state.notices { html += "<p class=\"notice\" role=\"status\">\(Self.e(notice))</p>\n" }
        html += summary(c)
        // Live checking (with JavaScript): what the script hears back is said here, and read out by screen readers.
        html += "<div id=\"verification\" class=\"live-status\" role=\"status\" aria-live=\"polite\" aria-atomic=\"true\"></div>\n"
        let check = FormEditor.prefix + "/" + FormEditor.checkSegment
            + (state.isNew ? "/nouveau/\(form.kind.rawValue)" : "/\(form.kind.rawValue)/\(form.id)")
        html += "<form method=\"post\" action=\"\(Self.e(action))\" data-verifier=\"\(Self.e(check))\" novalidate>\n"
        html += hidden("jeton", token) + hidden("version", state.version) + (state.failedSave ? hidden("echec", "1") : "")
        html += actions()
        html += general(c)
        if form.kind.isCard {
            html += themes(c, catalog)
            html += carrierAndTerritory(c, catalog)
            html += budget(c)
            html += funding(c, catalog)
            html += results(c, catalog)
        } else {
            html += organisation(c)
        }
        html += keptBlock(state)
        html += actions()
        html += "</form>\n"
        return page(title: heading, html, script: true)
    }

    /// « 2 erreurs, 1 avertissement »: the heading of the summary, and what live checking says.
    func counts(errors: Int, warnings: Int) -> String {
        language == .en
            ? "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
            : "\(errors) erreur\(errors > 1 ? "s" : ""), \(warnings) avertissement\(warnings > 1 ? "s" : "")"
    }

    /// The answer of a live check, as JSON: the summary as `form` renders it (empty when nothing is wrong), the
    /// sentence of the live region, and for each field with a message the block `messages` renders under it, so that
    /// the script shows exactly what « Vérifier » shows.
    func live(_ state: FormState) -> String {
        let c = context(state)
        let errors = state.diagnostics.errors.count + state.fieldErrors.count
        let warnings = state.diagnostics.warnings.count
        let status = errors + warnings == 0
            ? t("Vérification en direct\u{00A0}: aucune erreur, aucun avertissement.", "Live check: no error, no warning.")
            : t("Vérification en direct\u{00A0}: ", "Live check: ") + counts(errors: errors, warnings: warnings) + "."
        let names = Set(c.byField.keys).union(state.fieldErrors.keys.filter { $0 != "form" })
        let fields = names.sorted().compactMap { name -> LiveAnswer.Field? in
            let messages = fieldMessages(c, name)
            return messages.html.isEmpty ? nil : LiveAnswer.Field(name: name, html: messages.html, invalid: messages.invalid)
        }
        let stored = c.stored.sorted { $0.key < $1.key }.map { LiveAnswer.Stored(name: $0.key, html: storedLine($0.value)) }
        let answer = LiveAnswer(status: status, errors: errors, warnings: warnings, summary: summary(c), fields: fields, stored: stored)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(answer) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    func summary(_ c: Context) -> String {
        let errors = c.state.diagnostics.errors.count + c.state.fieldErrors.count
        let warnings = c.state.diagnostics.warnings.count
        guard errors + warnings > 0 else { return "" }
        let focus = c.state.failedSave ? " autofocus" : ""
        var html = "<div class=\"summary\" id=\"erreurs\" tabindex=\"-1\" role=\"region\" aria-labelledby=\"erreurs-titre\"\(focus)>\n"
        var title = ""
        if c.state.failedSave { title = t("Pas enregistré\u{00A0}: ", "Not saved: ") }
        title += counts(errors: errors, warnings: warnings)
        html += "<h2 id=\"erreurs-titre\">\(Self.e(title))</h2>\n"
        if c.state.failedSave {
            html += "<p>\(t("Corrigez les erreurs puis enregistrez à nouveau\u{00A0}: rien n'a été écrit, vos valeurs sont gardées ci-dessous. Les avertissements n'empêchent pas d'enregistrer.", "Correct the errors and save again: nothing was written, your values are kept below. Warnings do not prevent saving."))</p>\n"
        }
        if !c.state.fieldErrors.isEmpty {
            html += "<ul>\n"
            for (field, message) in c.state.fieldErrors.sorted(by: { $0.key < $1.key }) {
                html += field == "form" ? "<li>\(Self.e(message))</li>\n" : "<li><a href=\"#f-\(Self.e(field))\">\(Self.e(message))</a></li>\n"
            }
            html += "</ul>\n"
        }
        html += diagnosticList(c.state.diagnostics, link: true, fields: c.state.fieldLines)
        return html + "</div>\n"
    }

    func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(Self.e(name))\" value=\"\(Self.e(value))\">\n"
    }

    func actions() -> String {
        "<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"check\">\(t("Vérifier", "Check"))</button>"
            + "<button type=\"submit\" name=\"action\" value=\"save\" class=\"primary\">\(t("Enregistrer", "Save"))</button></div>\n"
    }

    /// The errors under a field, and the attributes that tie them to it.
    func messages(_ c: Context, _ field: String) -> (attributes: String, html: String) {
        let messages = fieldMessages(c, field)
        guard !messages.html.isEmpty else { return ("", "") }
        return (" aria-describedby=\"e-\(Self.e(field))\"" + (messages.invalid ? " aria-invalid=\"true\"" : ""), messages.html)
    }

    /// The block of messages under a field (empty when it has none), and whether one of them is an error. Both the
    /// page and the live check render it here.
    func fieldMessages(_ c: Context, _ field: String) -> (html: String, invalid: Bool) {
        var html = ""
        if let own = c.state.fieldErrors[field] { html += "<p class=\"error\">\(Self.e(own))</p>" }
        for diagnostic in c.byField[field] ?? [] {
            let cls = diagnostic.severity == .error ? "error" : "warning"
            html += "<p class=\"\(cls)\">\(diagnostic.severity.label(language))\(colon) \(diagnosticText(diagnostic))</p>"
        }
        guard !html.isEmpty else { return ("", false) }
        let invalid = c.state.fieldErrors[field] != nil || (c.byField[field] ?? []).hasErrors
        return ("<div id=\"e-\(Self.e(field))\">\(html)</div>", invalid)
    }

    func textField(_ c: Context, _ name: String, _ label: String, _ value: String, help: String? = nil, numeric: Bool = false,
                   stored: String? = nil) -> String {
        let (attributes, errors) = messages(c, name)
        var html = "<div class=\"field\"><label for=\"f-\(Self.e(name))\">\(Self.e(label))</label>"
        html += "<input type=\"text\" id=\"f-\(Self.e(name))\" name=\"\(Self.e(name))\" value=\"\(Self.e(value))\""
        html += (numeric ? " inputmode=\"decimal\"" : "") + attributes + ">"
        if let help { html += "<p class=\"help\">\(Self.e(help))</p>" }
        if let stored, !value.isEmpty { html += storedLine(stored) }
        return html + errors + "</div>\n"
    }

    func select(_ c: Context, _ name: String, _ label: String, _ value: String, _ options: [(String, String)], empty: String) -> String {
        let (attributes, errors) = messages(c, name)
        var html = "<div class=\"field\"><label for=\"f-\(Self.e(name))\">\(Self.e(label))</label>"
        html += "<select id=\"f-\(Self.e(name))\" name=\"\(Self.e(name))\"\(attributes)>"
        html += "<option value=\"\"\(value.isEmpty ? " selected" : "")>\(Self.e(empty))</option>"
        var known = false
        for (id, text) in options {
            known = known || id == value
            html += "<option value=\"\(Self.e(id))\"\(id == value ? " selected" : "")>\(Self.e(text))</option>"
        }
        // A value the lists do not offer is kept (and the check says what is wrong with it).
        if !value.isEmpty && !known {
            html += "<option value=\"\(Self.e(value))\" selected>\(Self.e(value)) (\(t("inconnu", "unknown")))</option>"
        }
        return html + "</select>" + errors + "</div>\n"
    }

    func checkbox(_ c: Context, _ name: String, _ label: String, _ checked: Bool) -> String {
        let (attributes, errors) = messages(c, name)
        return "<div class=\"field check\"><input type=\"checkbox\" id=\"f-\(Self.e(name))\" name=\"\(Self.e(name))\" value=\"true\"\(checked ? " checked" : "")\(attributes)> "
            + "<label for=\"f-\(Self.e(name))\">\(Self.e(label))</label>\(errors)</div>\n"
    }

    func button(_ action: String, _ label: String) -> String {
        "<button type=\"submit\" name=\"action\" value=\"\(Self.e(action))\">\(Self.e(label))</button>"
    }

    func general(_ c: Context) -> String {
        let form = c.state.form
        var html = "<fieldset><legend>\(t("Général", "General"))</legend>\n"
        if c.state.isNew {
            html += textField(c, "id", t("Identifiant (adresse de la page)", "Id (the page's address)"), form.id,
                              help: t("Laissez vide pour le tirer du titre. Lettres minuscules, chiffres et tirets.", "Leave empty to make it from the title. Lower-case letters, digits and hyphens."))
        } else {
            let (_, errors) = messages(c, "id")
            html += "<div class=\"field\"><span class=\"label\">\(t("Identifiant", "Id"))</span> <code id=\"f-id\">\(Self.e(form.id))</code>\(errors)</div>\n"
        }
        html += textField(c, "title", t("Titre", "Title"), form.title)
        if form.kind.isCard { html += textField(c, "subtitle", t("Sous-titre", "Subtitle"), form.subtitle) }
        let (attributes, errors) = messages(c, "summary")
        html += "<div class=\"field\"><label for=\"f-summary\">\(t("Résumé", "Summary"))</label><textarea id=\"f-summary\" name=\"summary\"\(attributes)>\(Self.e(form.summary))</textarea>"
            + "<p class=\"help\">\(t("Facultatif\u{00A0}: sinon, le premier paragraphe du texte.", "Optional: otherwise the text's first paragraph."))</p>\(errors)</div>\n"
        html += checkbox(c, "draft", t("Brouillon (pas publié)", "Draft (not published)"), form.draft)
        return html + "</fieldset>\n"
    }

    func themes(_ c: Context, _ catalog: Catalog) -> String {
        let (attributes, errors) = messages(c, "themes")
        var html = "<fieldset\(attributes)><legend>\(t("Thèmes", "Themes"))</legend>\n" + hidden("themes.order", c.state.form.themes.joined(separator: ","))
        let offered = Set(catalog.themes.map(\.id))
        for (index, theme) in catalog.themes.enumerated() {
            let checked = c.state.form.themes.contains(theme.id)
            html += "<div class=\"field check\"><input type=\"checkbox\" id=\"f-themes-\(index)\" name=\"themes\" value=\"\(Self.e(theme.id))\"\(checked ? " checked" : "")> "
                + "<label for=\"f-themes-\(index)\">\(Self.e(theme.label))</label></div>\n"
        }
        for (index, theme) in c.state.form.themes.enumerated() where !offered.contains(theme) {
            html += "<div class=\"field check\"><input type=\"checkbox\" id=\"f-themes-x\(index)\" name=\"themes\" value=\"\(Self.e(theme))\" checked> "
                + "<label for=\"f-themes-x\(index)\">\(Self.e(theme)) (\(t("inconnu", "unknown")))</label></div>\n"
        }
        if catalog.themes.isEmpty { html += "<p class=\"help\">\(t("site.yml ne déclare aucun thème.", "site.yml declares no theme."))</p>" }
        html += "<span id=\"f-themes\"></span>"
        return html + errors + "</fieldset>\n"
    }

    func organisationOptions(_ catalog: Catalog) -> [(String, String)] {
        catalog.organisations.map { ($0.id, "\($0.name) — \(typeLabel($0.type))") }
    }

    func carrierAndTerritory(_ c: Context, _ catalog: Catalog) -> String {
        let form = c.state.form
        var html = "<fieldset><legend>\(t("Porteur, territoire, période", "Carrier, territory, period"))</legend>\n<div class=\"grid\">\n"
        html += select(c, "carrier", t("Porteur", "Carrier"), form.carrier, organisationOptions(catalog), empty: t("— non précisé —", "— not stated —"))
        html += select(c, "status", t("Statut", "Status"), form.status,
                       [("idea", t("idée", "idea")), ("ongoing", t("en cours", "ongoing")), ("completed", t("terminé", "completed")),
                        ("stopped", t("arrêté", "stopped"))], empty: t("— non précisé —", "— not stated —"))
        html += textField(c, "territory.name", t("Territoire (nom)", "Territory (name)"), form.territoryName)
        html += select(c, "territory.level", t("Échelle du territoire", "Territory level"), form.territoryLevel,
                       [("commune", t("commune", "commune")), ("intercommunality", t("intercommunalité", "intercommunality")),
                        ("department", t("département", "department")), ("region", t("région", "region")), ("national", t("national", "national"))],
                       empty: t("— non précisé —", "— not stated —"))
        html += textField(c, "territory.departments", t("Départements (codes)", "Departments (codes)"), form.departments,
                          help: t("Par exemple\u{00A0}: 42, 69", "For example: 42, 69"))
        html += textField(c, "territory.population", t("Population", "Population"), form.population, numeric: true,
                          stored: c.stored["territory.population"])
        html += textField(c, "period.start", t("Début (année)", "Start (year)"), form.periodStart, numeric: true)
        html += textField(c, "period.end", t("Fin (année)", "End (year)"), form.periodEnd, numeric: true)
        return html + "</div>\n</fieldset>\n"
    }

    func periodOptions(funding: Bool) -> [(String, String)] {
        [("annual", t("par an", "per year")), ("one_off", t("ponctuel", "one-off")),
         ("total", t("total sur plusieurs années", "total over several years"))]
    }

    func natureOptions() -> [(String, String)] {
        [("operating", t("fonctionnement", "operating")), ("investment", t("investissement", "investment"))]
    }

    func amountHelp() -> String { t("En euros\u{00A0}: 97000, 97 000 ou 97 000 €.", "In euros: 97000, 97 000 or 97 000 €.") }

    /// The horizon of a budget or funding line: horizon, number of years, year and nature. Left empty, a funding
    /// line's horizon and nature are its budget's.
    func horizonFields(_ c: Context, _ p: String, period: String, years: String, year: String, nature: String, funding: Bool) -> String {
        select(c, p + "period", t("Horizon", "Horizon"), period, periodOptions(funding: funding),
               empty: funding ? t("— celui du budget —", "— the budget's —") : t("— non précisé —", "— not stated —"))
            + textField(c, p + "years", t("Nombre d'années (si total)", "Number of years (if total)"), years, numeric: true)
            + textField(c, p + "year", t("Année", "Year"), year, numeric: true)
            + select(c, p + "nature", t("Nature", "Nature"), nature, natureOptions(),
                     empty: funding ? t("— celle du budget —", "— the budget's —") : t("— non précisée (fonctionnement) —", "— not stated (operating) —"))
    }

    /// The end of a budget or funding line: the grid closed, « En nature », the button that removes the line.
    func lineEnd(_ c: Context, _ p: String, inKind: Bool, remove action: String, _ removeLabel: String) -> String {
        "</div>\n" + checkbox(c, p + "in_kind", t("En nature (apport valorisé)", "In kind (valued contribution)"), inKind)
            + button(action, removeLabel) + "\n</fieldset>\n"
    }

    func budget(_ c: Context) -> String {
        let rows = c.state.form.budget
        var html = "<fieldset><legend>\(t("Budget", "Budget"))</legend>\n" + hidden("budget.count", String(rows.count))
        if let own = messages(c, "budget").html.nilIfEmpty { html += own }
        for (index, row) in rows.enumerated() {
            let p = "budget.\(index)."
            html += "<fieldset><legend>\(t("Ligne de budget", "Budget line")) \(index + 1)</legend>\n<div class=\"grid\">\n"
            html += textField(c, p + "amount", t("Montant", "Amount"), row.amount, help: amountHelp(), numeric: true,
                              stored: c.stored[p + "amount"])
            html += horizonFields(c, p, period: row.period, years: row.years, year: row.year, nature: row.nature, funding: false)
            html += textField(c, p + "label", t("Libellé", "Label"), row.label)
            html += lineEnd(c, p, inKind: row.inKind, remove: "remove-budget-\(index)",
                            t("Retirer la ligne de budget \(index + 1)", "Remove budget line \(index + 1)"))
        }
        html += button("add-budget", t("Ajouter une ligne de budget", "Add a budget line"))
        return html + "\n</fieldset>\n"
    }

    func funding(_ c: Context, _ catalog: Catalog) -> String {
        let rows = c.state.form.funding
        var html = "<fieldset><legend>\(t("Financements", "Funding"))</legend>\n" + hidden("funding.count", String(rows.count))
        if let own = messages(c, "funding").html.nilIfEmpty { html += own }
        for (index, row) in rows.enumerated() {
            let p = "funding.\(index)."
            html += "<fieldset><legend>\(t("Ligne de financement", "Funding line")) \(index + 1)</legend>\n<div class=\"grid\">\n"
            html += select(c, p + "funder", t("Financeur", "Funder"), row.funder, organisationOptions(catalog), empty: t("— choisir —", "— choose —"))
            html += textField(c, p + "joint", t("Cofinanceurs de la même ligne", "Joint funders of the same line"), row.joint,
                              help: t("Identifiants séparés par des virgules, pour un montant commun.", "Ids separated by commas, for one joint amount."))
            html += textField(c, p + "amount", t("Montant", "Amount"), row.amount, help: amountHelp(), numeric: true,
                              stored: c.stored[p + "amount"])
            html += textField(c, p + "share", t("Part du budget (%)", "Share of the budget (%)"), row.share, numeric: true,
                              stored: c.stored[p + "share"])
            html += horizonFields(c, p, period: row.period, years: row.years, year: row.year, nature: row.nature, funding: true)
            html += textField(c, p + "note", t("Note", "Note"), row.note)
            html += lineEnd(c, p, inKind: row.inKind, remove: "remove-funding-\(index)",
                            t("Retirer la ligne de financement \(index + 1)", "Remove funding line \(index + 1)"))
        }
        html += button("add-funding", t("Ajouter une ligne de financement", "Add a funding line")) + "\n"
        // « Nouvelle organisation »: a funder that is not in the list yet.
        html += "<fieldset><legend>\(t("Nouvelle organisation (financeur absent de la liste)", "New organisation (a funder not in the list)"))</legend>\n<div class=\"grid\">\n"
        html += textField(c, "neworg.name", t("Nom", "Name"), c.state.newOrganisation.name)
        html += select(c, "neworg.type", t("Type (obligatoire)", "Type (required)"), c.state.newOrganisation.type,
                       OrganisationType.allCases.map { ($0.rawValue, typeLabel($0.rawValue)) }, empty: t("— choisir —", "— choose —"))
        html += "</div>\n" + button("new-org", t("Créer l'organisation", "Create the organisation"))
        html += "<p class=\"help\">\(t("Elle est enregistrée aussitôt dans organisations/ et choisie dans une ligne de financement.", "It is written at once under organisations/ and picked in a funding line."))</p>\n</fieldset>\n"
        return html + "</fieldset>\n"
    }

    func results(_ c: Context, _ catalog: Catalog) -> String {
        let rows = c.state.form.results
        var html = "<fieldset><legend>\(t("Résultats", "Results"))</legend>\n" + hidden("results.count", String(rows.count))
        if let own = messages(c, "results").html.nilIfEmpty { html += own }
        let metrics = catalog.metrics.map { ($0.id, "\($0.label) (\($0.id))") }
        for (index, row) in rows.enumerated() {
            let p = "results.\(index)."
            html += "<fieldset><legend>\(t("Résultats", "Results")) \(index + 1)</legend>\n" + hidden(p + "count", String(row.metrics.count))
            html += "<div class=\"grid\">\n" + textField(c, p + "year", t("Année", "Year"), row.year, numeric: true)
            html += textField(c, p + "period", t("Ou période", "Or period"), row.period, help: t("Par exemple\u{00A0}: 2013-01/2013-03", "For example: 2013-01/2013-03")) + "</div>\n"
            for (entry, metric) in row.metrics.enumerated() {
                let q = p + "\(entry)."
                html += "<div class=\"grid\">\n"
                html += select(c, q + "metric", t("Indicateur", "Metric"), metric.metric, metrics, empty: t("— choisir —", "— choose —"))
                html += textField(c, q + "value", t("Valeur", "Value"), metric.value,
                                  help: t("Un nombre, ou {value: 30, approx: true}, {min: 20, max: 25}, {total: 11, parts: {…}}.", "A number, or {value: 30, approx: true}, {min: 20, max: 25}, {total: 11, parts: {…}}."),
                                  numeric: false, stored: c.stored[q + "value"])
                html += "</div>\n" + button("remove-metric-\(index)-\(entry)", t("Retirer cet indicateur", "Remove this metric")) + "\n"
            }
            html += button("add-metric-\(index)", t("Ajouter un indicateur", "Add a metric"))
            html += button("remove-result-\(index)", t("Retirer ces résultats", "Remove these results")) + "\n</fieldset>\n"
        }
        html += button("add-result", t("Ajouter des résultats (une année)", "Add results (one year)"))
        return html + "\n</fieldset>\n"
    }

    func organisation(_ c: Context) -> String {
        let form = c.state.form
        var html = "<fieldset><legend>\(t("Organisation", "Organisation"))</legend>\n<div class=\"grid\">\n"
        html += textField(c, "name", t("Nom", "Name"), form.name)
        html += select(c, "type", t("Type", "Type"), form.type, OrganisationType.allCases.map { ($0.rawValue, typeLabel($0.rawValue)) },
                       empty: t("— choisir —", "— choose —"))
        html += textField(c, "website", t("Site web", "Website"), form.website)
        html += textField(c, "siret", t("SIRET", "SIRET"), form.siret, help: t("14 chiffres", "14 digits"))
        return html + "</div>\n</fieldset>\n"
    }

    func keptBlock(_ state: FormState) -> String {
        guard !state.kept.isEmpty else { return "" }
        let lines = state.kept.flatMap { $0.lines }
        return "<details><summary>\(t("Autres champs du fichier, gardés tels quels", "Other fields of the file, kept as written")) (\(state.kept.count))</summary>\n"
            + "<p class=\"help\">\(t("Le formulaire ne les modifie pas\u{00A0}; changez-les dans un éditeur de texte.", "The form does not change them; edit them in a text editor."))</p>\n"
            + "<pre>\(Self.e(lines.joined(separator: "\n")))</pre></details>\n"
    }

    func typeLabel(_ type: String) -> String {
        switch type {
        case "region": return t("Région", "Region")
        case "state": return t("État", "State")
        case "europe": return t("Europe", "Europe")
        case "department": return t("Département", "Department")
        case "intercommunality": return t("Intercommunalité", "Intercommunality")
        case "commune": return t("Commune", "Commune")
        case "public_agency": return t("Établissement public", "Public agency")
        case "private": return t("Privé", "Private")
        case "self_financing": return t("Autofinancement", "Self-financing")
        case "association": return t("Association", "Association")
        case "cooperative": return t("Coopérative", "Cooperative")
        case "other": return t("Autre", "Other")
        default: return type
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// What the live check answers (see `EditorPages.live`); the tests decode it back.
struct LiveAnswer: Codable {
    struct Field: Codable {
        /// The form field's name (`budget.0.amount`); its element is `f-<name>`.
        var name: String
        /// The block `<div id="e-<name>">…</div>` the page renders under the field.
        var html: String
        /// One message is an error: the field gets `aria-invalid="true"`.
        var invalid: Bool
    }

    var status: String
    var errors: Int
    var warnings: Int
    /// The error summary `<div class="summary" id="erreurs">…</div>`, or "" when nothing is wrong.
    var summary: String
    var fields: [Field]
    /// « enregistré : 97000 » under each field that shows what is written (a number it reads); the others show none.
    struct Stored: Codable {
        var name: String
        /// `<p class="stored">…</p>`
        var html: String
    }
    var stored: [Stored]
}
