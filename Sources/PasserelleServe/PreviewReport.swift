import PasserelleModel
import Foundation

/// What the preview shows of a build's problems: the overlay over the open page, the page shown while there is no
/// build, the draft banner, and their style sheet. Everything taken from the files is escaped as HTML.
///
/// None of it needs the site's style sheet (it is served from `/_passerelle/…`, which the site's
/// Content-Security-Policy `style-src 'self'` allows), and the overlay lives in a shadow root, out of reach of it.
public enum PreviewReport {
    /// At most this many errors are listed; the others are counted.
    public static let maxListed = 100

    // MARK: Words

    struct Words {
        var title: String
        var close: String
        var error: String
        var warning: String
        var hint: String
        var rebuilding: String
        var draft: String
        var noBuildTitle: String
        var noBuildFailed: String
        var noBuildBuilding: String
        var noBuildEmpty: String
        var overlayAdvice: String
        var others: (Int) -> String
        var count: (Int, Int) -> String
    }

    static func words(_ language: PreviewLanguage) -> Words {
        switch language {
        case .fr:
            return Words(
                title: "Le site n’a pas été reconstruit", close: "Fermer", error: "Erreur", warning: "Avertissement",
                hint: "Conseil\u{A0}:", rebuilding: "Reconstruction…", draft: "Brouillon — non publié par passerelle build",
                noBuildTitle: "Pas encore d’aperçu",
                noBuildFailed: "Le site n’a pas pu être construit\u{A0}: corrigez puis enregistrez le fichier. Cette page se recharge d’elle-même dès que le site est construit.",
                noBuildBuilding: "Le site est en cours de construction. Cette page se recharge d’elle-même dès qu’il est prêt.",
                noBuildEmpty: "Le dossier de sortie ne contient aucune construction de ce site. Enregistrez un fichier pour le reconstruire\u{A0}: cette page se recharge d’elle-même dès que le site est construit.",
                overlayAdvice: "La page montre la dernière version réussie. Corrigez puis enregistrez le fichier\u{A0}: la page se recharge d’elle-même.",
                others: { "… et \($0) autre\($0 > 1 ? "s" : "") erreur\($0 > 1 ? "s" : "")" },
                count: { errors, warnings in
                    "\(errors) erreur\(errors > 1 ? "s" : ""), \(warnings) avertissement\(warnings > 1 ? "s" : "")"
                })
        case .en:
            return Words(
                title: "The site was not rebuilt", close: "Close", error: "Error", warning: "Warning", hint: "Hint:",
                rebuilding: "Rebuilding…", draft: "Draft — not published by passerelle build", noBuildTitle: "No preview yet",
                noBuildFailed: "The site could not be built: fix the file and save it. This page reloads by itself once the site builds.",
                noBuildBuilding: "The site is being built. This page reloads by itself once it is ready.",
                noBuildEmpty: "The output folder holds no build of this site. Save a file to rebuild it: this page reloads by itself once the site builds.",
                overlayAdvice: "The page shows the last good version. Fix the file and save it: the page reloads by itself.",
                others: { "… and \($0) more error\($0 == 1 ? "" : "s")" },
                count: { errors, warnings in
                    "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
                })
        }
    }

    // MARK: HTML

    /// The errors of a failed build as a list: where, rule, message, hint and the lines around each.
    public static func list(_ status: PreviewStatus) -> String {
        let words = words(status.language)
        let errors = status.problems.filter(\.isError)
        var html = "<ol class=\"pw-list\">\n"
        for problem in errors.prefix(maxListed) {
            html += "<li class=\"pw-item\">\n"
            html += "<p class=\"pw-where\"><span class=\"pw-severity\">\(problem.isError ? words.error : words.warning)</span> "
            html += "<code class=\"pw-file\">\(HTMLEscape.text(problem.file)):\(problem.line):\(problem.column)</code> "
            html += "<span class=\"pw-rule\">[\(HTMLEscape.text(problem.rule))]</span></p>\n"
            html += "<p class=\"pw-message\">\(HTMLEscape.text(problem.message))</p>\n"
            if let hint = problem.hint {
                html += "<p class=\"pw-hint\"><strong>\(words.hint)</strong> \(HTMLEscape.text(hint))</p>\n"
            }
            if !problem.excerpt.isEmpty { html += excerpt(problem.excerpt) }
            html += "</li>\n"
        }
        html += "</ol>\n"
        if errors.count > maxListed {
            html += "<p class=\"pw-more\">\(HTMLEscape.text(words.others(errors.count - maxListed)))</p>\n"
        }
        return html
    }

    /// The lines around a problem, numbered, the faulty one marked with `>` and a caret under its column.
    static func excerpt(_ lines: [ExcerptLine]) -> String {
        let width = String(lines.map(\.number).max() ?? 0).count
        var html = "<pre class=\"pw-code\" tabindex=\"0\">"
        for line in lines {
            let number = String(repeating: " ", count: width - String(line.number).count) + String(line.number)
            if line.isFaulty {
                html += "<span class=\"pw-faulty\">&gt; \(number) │ \(HTMLEscape.text(line.text))</span>\n"
                if let caret = line.caret {
                    let before = line.text.unicodeScalars.prefix(caret).map { $0 == "\t" ? "\t" : " " }.joined()
                    html += "<span class=\"pw-caret\">  \(String(repeating: " ", count: width)) │ \(before)^</span>\n"
                }
            } else {
                html += "  \(number) │ \(HTMLEscape.text(line.text))\n"
            }
        }
        return html + "</pre>\n"
    }

    /// The overlay shown over the open page when the last build failed ("" when it did not).
    public static func overlay(_ status: PreviewStatus) -> String {
        guard status.errors > 0 else { return "" }
        let words = words(status.language)
        return """
        <div class="pw-backdrop">
        <div class="pw-dialog" role="alertdialog" aria-labelledby="pw-title" aria-describedby="pw-summary" lang="\(status.language.rawValue)">
        <div class="pw-head"><h2 id="pw-title">\(words.title)</h2><button type="button" class="pw-close">\(words.close)</button></div>
        <p id="pw-summary">\(words.count(status.errors, status.warnings)). \(words.overlayAdvice)</p>
        \(list(status))</div>
        </div>

        """
    }

    /// The page shown while the output folder holds no build of this site: in the site's language, listing the
    /// errors of the last build, and reloading by itself once the site builds.
    public static func noBuildPage(_ status: PreviewStatus) -> String {
        let words = words(status.language)
        let text: String
        var details = ""
        if status.errors > 0 {
            text = words.count(status.errors, status.warnings) + ". " + words.noBuildFailed
            details = list(status)
        } else if status.phase == .building {
            text = words.noBuildBuilding
        } else {
            text = words.noBuildEmpty
        }
        return """
        <!doctype html>
        <html lang="\(status.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(words.noBuildTitle) — Passerelle</title>
        <link rel="stylesheet" href="\(styleSheet)">
        </head>
        <body class="pw-page" data-passerelle-preview="no-build">
        <main class="pw-dialog">
        <h1>\(words.noBuildTitle)</h1>
        <p id="pw-summary">\(text)</p>
        \(details)</main>
        \(LiveReload.tag)
        </body>
        </html>

        """
    }

    /// The mark at the top of a draft's page, in the preview only.
    public static func draftBanner(_ language: PreviewLanguage) -> String {
        "<link rel=\"stylesheet\" href=\"\(styleSheet)\"><p id=\"passerelle-brouillon\" role=\"note\">\(words(language).draft)</p>"
    }

    // MARK: JSON

    struct StateJSON: Encodable {
        var change: Int
        var builds: Int
        var phase: String
        var errors: Int
        var warnings: Int
        var rebuilding: String
        var overlay: String
    }

    /// The answer of `/_passerelle/state`.
    public static func json(_ status: PreviewStatus, change: Int) -> [UInt8] {
        let value = StateJSON(change: change, builds: status.builds, phase: status.phase.rawValue, errors: status.errors,
                              warnings: status.warnings, rebuilding: words(status.language).rebuilding, overlay: overlay(status))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { Array($0) } ?? Array("{}".utf8)
    }

    // MARK: Style

    public static let styleSheet = "/_passerelle/overlay.css"

    /// Light and dark, every text at a contrast of 4.5:1 at least (AA); readable at 390 px.
    public static let css = """
    :host { all: initial; }
    .pw-backdrop { position: fixed; inset: 0; z-index: 2147483647; overflow: auto; padding: 1rem;
      background: rgba(0, 0, 0, 0.6); box-sizing: border-box; }
    .pw-dialog { box-sizing: border-box; max-width: 60rem; margin: 1.5rem auto; padding: 1.25rem 1.5rem;
      background: #ffffff; color: #1a1a1a; border-top: 0.4rem solid #b3261e; border-radius: 0.4rem;
      font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: start; }
    .pw-head { display: flex; gap: 1rem; align-items: flex-start; justify-content: space-between; }
    .pw-dialog h1, .pw-dialog h2 { margin: 0 0 0.5rem; font-size: 1.35rem; line-height: 1.3; color: #b3261e; }
    .pw-dialog p { margin: 0.4rem 0; }
    .pw-close { flex: none; font: inherit; padding: 0.35rem 0.9rem; border: 2px solid #1a1a1a; border-radius: 0.3rem;
      background: #ffffff; color: #1a1a1a; cursor: pointer; }
    .pw-close:hover { background: #ececec; }
    .pw-close:focus-visible, .pw-code:focus-visible { outline: 3px solid #1f5fbf; outline-offset: 2px; }
    .pw-list { list-style: none; margin: 1rem 0 0; padding: 0; }
    .pw-item { margin: 0 0 1.25rem; padding: 0.75rem 0 0; border-top: 1px solid #c4c4c4; }
    .pw-where { overflow-wrap: anywhere; }
    .pw-severity { font-weight: 700; color: #b3261e; }
    .pw-file { font: 0.95rem/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-weight: 700; }
    .pw-rule { color: #4d4d4d; font-size: 0.9rem; }
    .pw-message { font-weight: 600; }
    .pw-code { margin: 0.5rem 0 0; padding: 0.6rem 0.75rem; overflow-x: auto; white-space: pre; tab-size: 4;
      background: #f3f3f3; color: #1a1a1a; border-radius: 0.3rem;
      font: 0.85rem/1.5 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
    .pw-faulty { display: inline-block; min-width: 100%; background: #fde3e1; color: #1a1a1a; font-weight: 700; }
    .pw-caret { color: #b3261e; font-weight: 700; }
    .pw-building { position: fixed; right: 1rem; bottom: 1rem; z-index: 2147483647; margin: 0; padding: 0.5rem 1rem;
      border-radius: 2rem; background: #1a1a1a; color: #ffffff; box-shadow: 0 0.2rem 0.6rem rgba(0, 0, 0, 0.35);
      font: 600 1rem/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    .pw-building:empty { display: none; }
    body.pw-page { margin: 0; padding: 1rem; background: #f3f3f3; }
    #passerelle-brouillon { display: block; margin: 0; padding: 0.5rem 1rem; text-align: center;
      background: #ffe08a; color: #1a1a1a; border-bottom: 2px solid #7a5c00;
      font: 700 1rem/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    @media (max-width: 30rem) {
      .pw-backdrop { padding: 0.5rem; }
      .pw-dialog { margin: 0.5rem auto; padding: 1rem; }
      .pw-head { flex-wrap: wrap; }
    }
    @media (prefers-color-scheme: dark) {
      .pw-dialog { background: #1e1e1e; color: #f0f0f0; border-top-color: #ff8a80; }
      .pw-dialog h1, .pw-dialog h2, .pw-severity, .pw-caret { color: #ff8a80; }
      .pw-close { background: #1e1e1e; color: #f0f0f0; border-color: #f0f0f0; }
      .pw-close:hover { background: #333333; }
      .pw-close:focus-visible, .pw-code:focus-visible { outline-color: #8ab4f8; }
      .pw-item { border-top-color: #555555; }
      .pw-rule { color: #c8c8c8; }
      .pw-code { background: #2b2b2b; color: #f0f0f0; }
      .pw-faulty { background: #5c1d1a; color: #ffffff; }
      .pw-building { background: #f0f0f0; color: #1a1a1a; }
      body.pw-page { background: #121212; }
    }

    """
}
