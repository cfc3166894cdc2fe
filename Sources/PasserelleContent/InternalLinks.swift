import Foundation
import PasserelleModel

/// Links of a text to a record's page of the site (`[la fiche](/fiches/cap-ondaine/)`) that the build will not write:
/// a mistyped id, or a draft, which is not published. A warning (`link-internal-unknown`) at the address, with the
/// closest published page (trial2). Only the folders of records are checked (fiches/, actualites/, organisations/,
/// pages/, tableaux-de-bord/): the other pages of the site are made by the generator.
enum InternalLinks {
    static let folders = [Routes.cards, Routes.articles, Routes.organisations, "pages/", Routes.dashboards]

    static func check(_ records: [Record], published: [Record], drafts: [Record], baseURL: String?) -> [Diagnostic] {
        let known = Set(published.map { Routes.record($0) } + published.flatMap { $0.aliases.map(normalised) })
        let unpublished = Dictionary(drafts.map { (Routes.record($0), $0.file) }, uniquingKeysWith: { first, _ in first })
        let candidates = published.map { Routes.record($0) }.sorted()
        var diagnostics: [Diagnostic] = []
        for record in records {
            for (address, location, end) in links(record.body, firstLine: record.bodyLine) {
                guard let path = sitePath(address, baseURL: baseURL),
                      folders.contains(where: { path.hasPrefix($0) && path.count > $0.count }) else { continue }
                let page = normalised(path)
                guard !known.contains(page) else { continue }
                if let draft = unpublished[page] {
                    diagnostics.append(.warning("link-internal-unknown", record.file, location,
                                                Bilingual(fr: "le lien «\u{A0}\(address)\u{A0}» mène à un brouillon (\(draft)), qui n’est pas publié\u{A0}: le lien serait cassé",
                                                          en: "the link '\(address)' leads to a draft (\(draft)), which is not published: the link would be broken"),
                                                hint: Bilingual(fr: "publiez ce brouillon (supprimez sa ligne draft: true), ou retirez le lien en attendant",
                                                                en: "publish that draft (remove its draft: true line), or remove the link until then"),
                                                end: end))
                    continue
                }
                let near = Suggestions.closest(to: page, in: candidates)
                let prefix = address.hasPrefix("/") ? "/" : String(address.dropLast(path.count))
                let hint = near.map { Bilingual(fr: "vouliez-vous dire «\u{A0}\(prefix)\($0)\u{A0}»\u{A0}?", en: "did you mean '\(prefix)\($0)'?") }
                    ?? Bilingual(fr: "vérifiez l’adresse\u{A0}: la page d’une fiche est /fiches/ suivi de son identifiant (le nom de son fichier sans .md) et d’une barre oblique",
                                 en: "check the address: a card's page is /fiches/ followed by its identifier (its file name without .md) and a slash")
                diagnostics.append(.warning("link-internal-unknown", record.file, location,
                                            Bilingual(fr: "le lien «\u{A0}\(address)\u{A0}» mène à une page que le site n’a pas\u{A0}: le lien serait cassé",
                                                      en: "the link '\(address)' leads to a page the site does not have: the link would be broken"),
                                            hint: hint, end: end))
            }
        }
        return diagnostics
    }

    /// `fiches/cap-ondaine/` for `fiches/cap-ondaine`, `fiches/cap-ondaine/index.html`, `fiches/cap-ondaine/#bilan`.
    static func normalised(_ path: String) -> String {
        var page = path.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? path
        page = page.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? page
        if page.hasPrefix("/") { page.removeFirst() }
        if page.hasSuffix("index.html") { page.removeLast("index.html".count) }
        if !page.hasSuffix("/") { page += "/" }
        return page
    }

    /// The path of the site an address names: `/fiches/x/`, or the site's own `base_url` followed
    /// by it; nil for any other address.
    static func sitePath(_ address: String, baseURL: String?) -> String? {
        if let baseURL, !baseURL.isEmpty {
            let base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
            if address.hasPrefix(base) { return String(address.dropFirst(base.count)) }
        }
        // Relative addresses depend on the page they are written in: only the site's absolute ones are checked.
        guard address.hasPrefix("/"), !address.hasPrefix("//") else { return nil }
        return String(address.dropFirst())
    }

    /// The inline link addresses of a Markdown text, outside fenced code and code spans, with where each is.
    static func links(_ body: String, firstLine: Int) -> [(String, SourceLocation, SourceLocation)] {
        var found: [(String, SourceLocation, SourceLocation)] = []
        var fence: (marker: Character, count: Int)?
        for (offset, raw) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if indent <= 3, let marker = rest.first, marker == "`" || marker == "~" {
                let run = rest.prefix { $0 == marker }.count
                if let open = fence {
                    if marker == open.marker, run >= open.count { fence = nil }
                    continue
                }
                if run >= 3 { fence = (marker, run); continue }
            }
            if fence != nil || indent >= 4 { continue }
            for link in InlineLinks.destinations(in: line) where !link.address.isEmpty {
                found.append((link.address, SourceLocation(line: firstLine + offset, column: link.start + 1),
                              SourceLocation(line: firstLine + offset, column: link.end + 1)))
            }
        }
        return found
    }
}

/// The inline link destinations of one line of Markdown, outside code spans: `[texte](adresse)` and `[texte](<adresse>)`.
enum InlineLinks {
    struct Destination {
        var address: String
        /// Where the address starts and ends (exclusive), counted in Unicode scalars from 0; inside `<…>` when angled.
        var start: Int
        var end: Int
        /// Where the `]` closing the link's text is.
        var close: Int
    }

    static func destinations(in line: String) -> [Destination] {
        let scalars = Array(line.unicodeScalars)
        var found: [Destination] = []
        var index = 0
        var inCode = false
        while index + 1 < scalars.count {
            if scalars[index] == "`" { inCode.toggle() }
            guard !inCode, scalars[index] == "]", scalars[index + 1] == "(" else { index += 1; continue }
            var start = index + 2
            let angled = start < scalars.count && scalars[start] == "<"
            if angled { start += 1 }
            var end = start
            while end < scalars.count, scalars[end] != ")", scalars[end] != " ", !(angled && scalars[end] == ">") { end += 1 }
            found.append(Destination(address: String(String.UnicodeScalarView(scalars[start..<end])), start: start, end: end, close: index))
            index = end
        }
        return found
    }
}
