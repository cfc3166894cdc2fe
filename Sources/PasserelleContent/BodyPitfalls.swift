import Foundation
import PasserelleModel

/// Mistakes of the Markdown text that would be published without a word, each a warning at its line (trial2):
/// a heading without its space (`##Idée`, published as a paragraph « ##Idée »), a link to a web address without
/// `https://` (`[le site](www.example.fr)`, a link to a page of the site that does not exist), and rows copied from
/// a spreadsheet, their cells separated by tabs (published as one paragraph). Code blocks are left alone.
public enum BodyPitfalls {
    /// Extensions of file names that look like web addresses (`rapport.pdf`) but are not.
    static let fileExtensions: Set<String> = ["pdf", "png", "jpg", "jpeg", "gif", "svg", "webp", "html", "htm", "md", "doc",
                                              "docx", "xls", "xlsx", "odt", "ods", "odp", "ppt", "pptx", "zip", "csv", "txt",
                                              "mp3", "mp4", "avif"]

    public static func check(_ body: String, firstLine: Int, collector: DiagnosticCollector) {
        var fence: (marker: Character, count: Int)?
        var tabRows: [(line: Int, text: String)] = []
        func flushRows() {
            defer { tabRows = [] }
            guard tabRows.count >= 2, let first = tabRows.first else { return }
            let cells = first.text.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let header = "| " + cells.joined(separator: " | ") + " |"
            let rule = "| " + cells.map { _ in "---" }.joined(separator: " | ") + " |"
            collector.warning("markdown-tab-table", SourceLocation(line: first.line, column: 1),
                              Bilingual(fr: AuthorHints.typo("ces \(tabRows.count) lignes aux cellules séparées par des tabulations (un tableau copié d’un tableur ?) seraient publiées en un seul paragraphe"),
                                        en: "these \(tabRows.count) lines with cells separated by tabs (a table copied from a spreadsheet?) would be published as one paragraph"),
                              hint: Bilingual(fr: AuthorHints.typo("écrivez-les en tableau Markdown, les cellules séparées par « | » : la première ligne devient \(header), suivie de la ligne \(rule), puis une ligne par rangée"),
                                              en: "write them as a Markdown table, cells separated by '|': the first line becomes \(header), followed by the line \(rule), then one line per row"),
                              end: SourceLocation(line: tabRows[tabRows.count - 1].line, column: tabRows[tabRows.count - 1].text.unicodeScalars.count + 1))
        }
        for (offset, raw) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw.hasSuffix("\r") ? raw.dropLast() : raw)
            let lineNumber = firstLine + offset
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if indent <= 3, let marker = rest.first, marker == "`" || marker == "~" {
                let run = rest.prefix { $0 == marker }.count
                if let open = fence {
                    if marker == open.marker, run >= open.count, rest.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" }) { fence = nil }
                    continue
                }
                if run >= 3 { flushRows(); fence = (marker, run); continue }
            }
            if fence != nil { continue }
            // An indented code block: four spaces or a tab at the start of a line.
            if indent >= 4 || line.hasPrefix("\t") { flushRows(); continue }

            if line.contains("\t") && !rest.isEmpty {
                tabRows.append((lineNumber, line))
            } else {
                flushRows()
            }
            heading(line, indent: indent, lineNumber: lineNumber, collector)
            links(line, lineNumber: lineNumber, collector)
        }
        flushRows()
    }

    /// `##Idée`: hashes then a letter, no space between.
    static func heading(_ line: String, indent: Int, lineNumber: Int, _ c: DiagnosticCollector) {
        guard indent <= 3 else { return }
        let rest = line.dropFirst(indent)
        let hashes = rest.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), let next = rest.dropFirst(hashes).first, next.isLetter else { return }
        // `#ESS` alone is a hashtag rather than a title: one hash needs words after it, and no other hash.
        if hashes == 1 && (!rest.contains(" ") || rest.dropFirst().contains("#")) { return }
        let marks = String(repeating: "#", count: hashes)
        let title = String(rest.dropFirst(hashes))
        let corrected = String(repeating: " ", count: indent) + marks + " " + title
        c.warning("markdown-heading-without-space", SourceLocation(line: lineNumber, column: indent + 1),
                  Bilingual(fr: AuthorHints.typo("« \(marks)\(title) » n’est pas un titre : sans espace après « \(marks) », la ligne serait publiée telle quelle, dièses compris"),
                            en: "'\(marks)\(title)' is not a heading: without a space after '\(marks)', the line would be published as it is, hashes included"),
                  hint: Bilingual(fr: AuthorHints.typo("écrivez : ") + corrected.trimmingCharacters(in: .whitespaces),
                                  en: "write: " + corrected.trimmingCharacters(in: .whitespaces)),
                  end: SourceLocation(line: lineNumber, column: indent + hashes + 1),
                  fix: Fix(start: SourceLocation(line: lineNumber, column: indent + hashes + 1),
                           end: SourceLocation(line: lineNumber, column: indent + hashes + 1), replacement: " "))
    }

    /// `[texte](www.example.fr)`: a link whose address is a web address without its scheme.
    static func links(_ line: String, lineNumber: Int, _ c: DiagnosticCollector) {
        let scalars = Array(line.unicodeScalars)
        for link in InlineLinks.destinations(in: line) {
            let (address, start, end) = (link.address, link.start, link.end)
            guard looksLikeHost(address) else { continue }
            let full = "https://" + address
            // The whole link as the author wrote it, its address completed: `[le site](https://www.example.fr)`.
            var open = link.close
            var depth = 0
            while open >= 0 {
                if scalars[open] == "]" { depth += 1 } else if scalars[open] == "[" { depth -= 1; if depth == 0 { break } }
                open -= 1
            }
            if open > 0, scalars[open - 1] == "!" { open -= 1 }
            let label = open >= 0 ? String(String.UnicodeScalarView(scalars[open...link.close])) : "[…]"
            c.warning("markdown-link-without-scheme", SourceLocation(line: lineNumber, column: start + 1),
                      Bilingual(fr: AuthorHints.typo("le lien « \(address) » n’a pas de https:// : il mènerait à une page du site qui n’existe pas"),
                                en: "the link '\(address)' has no https://: it would lead to a page of the site that does not exist"),
                      hint: Bilingual(fr: AuthorHints.typo("écrivez l’adresse en entier : ") + "\(label)(\(full))",
                                      en: "write the address in full: \(label)(\(full))"),
                      end: SourceLocation(line: lineNumber, column: end + 1),
                      fix: Fix(start: SourceLocation(line: lineNumber, column: start + 1),
                               end: SourceLocation(line: lineNumber, column: end + 1), replacement: full))
        }
    }

    /// `www.example.fr`, `example.fr/page`: no scheme, a first segment with a dot and a final label of letters that
    /// is not a file extension.
    static func looksLikeHost(_ address: String) -> Bool {
        let lowered = address.lowercased()
        guard !lowered.isEmpty, !lowered.contains(":"), !lowered.hasPrefix("/"), !lowered.hasPrefix("#"),
              !lowered.hasPrefix("."), !lowered.hasPrefix(MediaPath.folder) else { return false }
        if lowered.hasPrefix("www.") { return true }
        let host = lowered.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        let labels = host.split(separator: ".")
        guard labels.count >= 2, let last = labels.last, last.count >= 2, last.allSatisfy({ $0.isLetter && $0.isASCII }),
              !fileExtensions.contains(String(last)), host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") })
        else { return false }
        return true
    }
}

/// A person's e-mail address written in the text of a record (`marie.dupont@example.org`), on a site whose `site.yml`
/// hides or masks the addresses of contacts: the text is published as it is, the address in clear and as a link
/// (trial2). A warning at the address; generic addresses (`contact@`, `accueil@`…) are left alone.
enum AddressesInText {
    static let generic: Set<String> = ["contact", "accueil", "info", "infos", "information", "communication", "secretariat",
                                       "bonjour", "hello", "presse", "direction", "admin", "webmaster", "association"]

    static func check(_ records: [Record], privacy: ContactsPrivacy) -> [Diagnostic] {
        guard privacy != .show else { return [] }
        var diagnostics: [Diagnostic] = []
        for record in records {
            var fence = false
            for (offset, raw) in record.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(raw)
                let trimmed = line.drop { $0 == " " }
                if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { fence.toggle(); continue }
                if fence || line.hasPrefix("    ") || line.hasPrefix("\t") { continue }
                let scalars = Array(line.unicodeScalars)
                func isAddressScalar(_ s: Unicode.Scalar) -> Bool {
                    (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s))) || s == "." || s == "-" || s == "_" || s == "+"
                }
                var index = 0
                while index < scalars.count {
                    guard scalars[index] == "@" else { index += 1; continue }
                    var start = index
                    while start > 0, isAddressScalar(scalars[start - 1]) { start -= 1 }
                    var end = index + 1
                    while end < scalars.count, isAddressScalar(scalars[end]) { end += 1 }
                    while end > index + 1, scalars[end - 1] == "." { end -= 1 }
                    let local = String(String.UnicodeScalarView(scalars[start..<index]))
                    let domain = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                    index = end
                    // A person's address: first name and name joined by a point, a dash or an underscore.
                    guard !local.isEmpty, domain.contains("."), !domain.hasPrefix("."), !generic.contains(local.lowercased()),
                          local.contains(where: { $0 == "." || $0 == "-" || $0 == "_" }) else { continue }
                    let address = local + "@" + domain
                    let lineNumber = record.bodyLine + offset
                    let setting = privacy == .hide ? "hide" : "obfuscate"
                    diagnostics.append(.warning("email-in-text", record.file, SourceLocation(line: lineNumber, column: start + 1),
                                                Bilingual(fr: "l’adresse «\u{A0}\(address)\u{A0}» serait publiée en clair, alors que site.yml protège les adresses des contacts (contacts_privacy: \(setting))",
                                                          en: "the address '\(address)' would be published in clear, although site.yml protects the contacts' addresses (contacts_privacy: \(setting))"),
                                                hint: Bilingual(fr: "retirez-la du texte et donnez-la dans contacts:, où elle est protégée, par exemple contacts: [{name: \"…\", email: \"\(address)\"}]",
                                                                en: "remove it from the text and give it under contacts:, where it is protected, e.g. contacts: [{name: \"…\", email: \"\(address)\"}]"),
                                                end: SourceLocation(line: lineNumber, column: end + 1)))
                }
            }
        }
        return diagnostics
    }
}
