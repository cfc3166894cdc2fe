import Foundation
import Testing
@testable import PasserelleBuild
import PasserelleModel

/// Builds of the money fixture sites (`Tests/Fixtures/money/<case>/Content`), each built once per test process and
/// shared by every test that reads it. The output folders live under one temporary folder removed at exit.
enum MoneyFixtures {
    static let root: URL = BuildSupport.root.appendingPathComponent("Tests/Fixtures/money")

    static func content(_ name: String) -> String {
        root.appendingPathComponent(name).appendingPathComponent("Content").path
    }

    /// One folder per test process for every cached build.
    static let tempRoot: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("passerelle-money-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: MoneyFixtures.tempRoot) }
        return url
    }()

    /// The build of a fixture case, made on first use.
    static func site(_ name: String) async -> BuiltSite {
        await SiteBuilds.shared.site(name: name, content: content(name))
    }
}

/// A built site: its output folder and its diagnostics.
struct BuiltSite: Sendable {
    var name: String
    var content: String
    var output: URL
    var report: BuildReport

    var diagnostics: [Diagnostic] { report.diagnostics }

    /// The text of an output file ("fiches/ti-recup-batiment/index.html"); "" when it does not exist, with an issue.
    func file(_ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(path).path),
              let text = String(data: data, encoding: .utf8) else {
            Issue.record("\(name): no file \(path) in the output", sourceLocation: sourceLocation)
            return ""
        }
        return text
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    /// A card's page.
    func card(_ id: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> CardPage {
        CardPage(html: file("fiches/\(id)/index.html", sourceLocation: sourceLocation))
    }

    /// The `index.html` of every page, by path relative to the output.
    func allPages() -> [String: String] {
        BuildSupport.snapshot(output).filter { $0.key.hasSuffix(".html") }
            .compactMapValues { String(data: $0, encoding: .utf8) }
    }

    /// Every JSON document of `data/`, by path.
    func json(_ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Any? {
        guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(path).path) else {
            Issue.record("\(name): no file \(path) in the output", sourceLocation: sourceLocation)
            return nil
        }
        return try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }
}

/// Builds shared by the tests of one process: each site is built once, whoever asks first.
actor SiteBuilds {
    static let shared = SiteBuilds()
    private var builds: [String: Task<BuiltSite, Never>] = [:]

    func site(name: String, content: String) async -> BuiltSite {
        let key = content
        if let task = builds[key] { return await task.value }
        let task = Task<BuiltSite, Never> {
            let output = MoneyFixtures.tempRoot.appendingPathComponent(name + "-" + UUID().uuidString).appendingPathComponent("Output")
            let report = await Pipeline.build(BuildOptions(content: content, templates: BuildSupport.templates, output: output.path))
            return BuiltSite(name: name, content: content, output: output, report: report)
        }
        builds[key] = task
        return await task.value
    }
}

// MARK: - Reading pages

/// Plain text out of an HTML fragment: tags removed (a `<br>` becomes a space), entities decoded. Spaces are kept as
/// they are, so U+202F and U+00A0 can be asserted.
enum HTMLText {
    static func text(_ html: some StringProtocol) -> String {
        var text = String(html).replacingOccurrences(of: "<br>", with: " ")
        text = text.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        return decode(text).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Every match of `pattern` (dot matches newlines), each as its capture groups (group 0 first).
    static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
            (0..<match.numberOfRanges).map { index in
                let range = match.range(at: index)
                return range.location == NSNotFound ? "" : ns.substring(with: range)
            }
        }
    }

    /// The part of `html` from the first `start` to the next `end` after it (exclusive), or nil.
    static func between(_ html: String, _ start: String, _ end: String) -> String? {
        guard let from = html.range(of: start) else { return nil }
        guard let to = html.range(of: end, range: from.upperBound..<html.endIndex) else { return String(html[from.upperBound...]) }
        return String(html[from.upperBound..<to.lowerBound])
    }
}

/// One table of a page: caption, column heads, body rows and footer rows.
struct HTMLTable {
    struct Cell {
        /// The cell's text, tags removed.
        var text: String
        /// The `<data value>` of the cell, if any.
        var machine: String?
        /// The text before a `<br>` note, tags removed.
        var main: String
    }

    struct Row {
        var label: String
        var cells: [Cell]
        var texts: [String] { cells.map(\.main) }
    }

    var caption: String
    var columns: [String]
    var rows: [Row]
    var footer: [Row]

    func row(_ label: String) -> Row? { rows.first { $0.label == label } }

    /// Every table of an HTML fragment, in order.
    static func all(in html: String) -> [HTMLTable] {
        HTMLText.matches("<table>(.*?)</table>", in: html).map { parse($0[1]) }
    }

    static func parse(_ html: String) -> HTMLTable {
        let caption = HTMLText.matches("<caption>(.*?)</caption>", in: html).first.map { HTMLText.text($0[1]) } ?? ""
        let head = HTMLText.between(html, "<thead>", "</thead>") ?? ""
        let columns = HTMLText.matches("<th[^>]*>(.*?)</th>", in: head).map { HTMLText.text($0[1]) }
        func rows(_ part: String) -> [Row] {
            HTMLText.matches("<tr>(.*?)</tr>", in: part).map { match -> Row in
                let cells = HTMLText.matches("<(th|td)[^>]*>(.*?)</(?:th|td)>", in: match[1])
                let label = cells.first { $0[1] == "th" }.map { HTMLText.text($0[2]) } ?? ""
                let values = cells.filter { $0[1] == "td" }.map { cell -> Cell in
                    let machine = HTMLText.matches("<data value=\"([^\"]*)\">", in: cell[2]).first?[1]
                    let main = cell[2].components(separatedBy: "<br>").first ?? cell[2]
                    return Cell(text: HTMLText.text(cell[2]), machine: machine, main: HTMLText.text(main))
                }
                return Row(label: label, cells: values)
            }
        }
        return HTMLTable(caption: caption, columns: columns, rows: rows(HTMLText.between(html, "<tbody>", "</tbody>") ?? ""),
                         footer: rows(HTMLText.between(html, "<tfoot>", "</tfoot>") ?? ""))
    }
}

/// A card page, read by its parts.
struct CardPage {
    var html: String

    struct KeyFigure {
        var machine: String
        var value: String
        var basis: String?
        var caveat: String?
        /// Everything the figure says, in order, tags removed.
        var text: String
    }

    /// The key figure of an indicator (`<div class="figure" id="indicateur-ID">`), or nil when the card has none.
    func keyFigure(_ id: String) -> KeyFigure? {
        guard let part = HTMLText.between(html, "<div class=\"figure\" id=\"indicateur-\(id)\">", "</div>") else { return nil }
        let data = HTMLText.matches("<data value=\"([^\"]*)\">(.*?)</data>", in: part).first
        let basis = HTMLText.matches("<span class=\"basis\">(.*?)</span>", in: part).first.map { HTMLText.text($0[1]) }
        let caveat = HTMLText.matches("<span class=\"caveat\">(.*?)</span>", in: part).first.map { HTMLText.text($0[1]) }
        let dd = HTMLText.between(part, "<dd>", "</dd>") ?? part
        let text = dd.replacingOccurrences(of: "</data><span", with: "</data> <span").replacingOccurrences(of: "</span><span", with: "</span> <span")
        return KeyFigure(machine: data?[1] ?? "", value: data.map { HTMLText.text($0[2]) } ?? "", basis: basis, caveat: caveat,
                         text: HTMLText.text(text))
    }

    /// The "non disponible" list: indicator label → the text after "label :".
    var unavailable: [String: String] {
        guard let part = HTMLText.between(html, "<summary>Indicateurs non disponibles pour cette fiche</summary>", "</details>") else { return [:] }
        var result: [String: String] = [:]
        for match in HTMLText.matches("<li>(.*?)</li>", in: part) {
            let text = HTMLText.text(match[1])
            guard let colon = text.range(of: "\u{00A0}: ") else { continue }
            result[String(text[..<colon.lowerBound])] = String(text[colon.upperBound...])
        }
        return result
    }

    /// The budget lines, tags removed: "Outillage et échafaudages : 5 000 € (ponctuel, 2015), investissement".
    var budgetLines: [String] {
        guard let part = HTMLText.between(html, "<ul class=\"budget\">", "</ul>") else { return [] }
        return HTMLText.matches("<li>(.*?)</li>", in: part).map { HTMLText.text($0[1]) }
    }

    /// The budget section's note under the lines ("Budget total tel qu'écrit : …"), if any.
    var budgetNote: String? {
        guard let part = HTMLText.between(html, "<h2 id=\"_budget\">", "</section>") else { return nil }
        return HTMLText.matches("<p class=\"meta\">(.*?)</p>", in: part).first.map { HTMLText.text($0[1]) }
    }

    /// The funding table.
    var funding: HTMLTable? {
        guard let part = HTMLText.between(html, "<h2 id=\"_funding\">", "</section>") else { return nil }
        return HTMLTable.all(in: part).first
    }

    /// The funding section's notes ("1 ligne de financement sans montant…") and its "À vérifier" items.
    var fundingNotes: [String] {
        guard let part = HTMLText.between(html, "<h2 id=\"_funding\">", "</section>") else { return [] }
        let after = HTMLText.between(part, "</table>", "<section") ?? part
        return HTMLText.matches("<(?:p class=\"meta\"|li)>(.*?)</(?:p|li)>", in: after).map { HTMLText.text($0[1]) }
    }

    /// The results section, tags removed, one line per item.
    var resultsText: String {
        HTMLText.between(html, "<h2 id=\"_results\">", "</section>").map { part in
            HTMLText.matches("<(?:h3|dt|dd|li)>(.*?)</(?:h3|dt|dd|li)>", in: part).map { HTMLText.text($0[1]) }.joined(separator: "\n")
        } ?? ""
    }
}

/// One indicator block of a dashboard or generated page (`<section class="indicator-block">`).
struct BlockView {
    var html: String

    var title: String { HTMLText.matches("<h3 id=\"[^\"]*\">(.*?)</h3>", in: html).first.map { HTMLText.text($0[1]) } ?? "" }
    var table: HTMLTable? { HTMLTable.all(in: html).first }
    var notes: [String] { HTMLText.matches("<p class=\"notice\" role=\"note\">(.*?)</p>", in: html).map { HTMLText.text($0[1]) } }
    var caveat: String? { HTMLText.matches("<p class=\"caveat\">(.*?)</p>", in: html).first.map { HTMLText.text($0[1]) } }
    var figure: (machine: String, text: String)? {
        HTMLText.matches("<p class=\"big-figure\"><data value=\"([^\"]*)\">(.*?)</data></p>", in: html).first.map { ($0[1], HTMLText.text($0[2])) }
    }
    /// The provenance list: one line per card, "Title (group) : value".
    var provenance: [String] {
        guard let part = HTMLText.between(html, "<details class=\"provenance\">", "</details>") else { return [] }
        return HTMLText.matches("<li>(.*?)</li>", in: part).map { HTMLText.text($0[1]) }
    }
    /// The chart's accessible description (`<desc>`), if any.
    var chartDescription: String? { HTMLText.matches("<desc[^>]*>(.*?)</desc>", in: html).first.map { HTMLText.text($0[1]) } }

    /// The blocks of a page, in order.
    static func all(in html: String) -> [BlockView] {
        HTMLText.matches("<section class=\"indicator-block\"(.*?)</section>", in: html).map { BlockView(html: $0[1]) }
    }
}

/// Expectations on several strings at once, each reported on its own.
enum Expect {
    /// `text` contains every fragment.
    static func contains(_ text: String, _ fragments: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for fragment in fragments {
            #expect(text.contains(fragment), "missing «\(fragment)» in «\(text)»", sourceLocation: sourceLocation)
        }
    }
}
