import Foundation
import Testing
@testable import PasserelleBuild
import PasserelleModel
import PasserelleRender

/// A site of 1 000 varied cards built with the real pipeline: no list or home page over 150 KB of HTML, no dashboard or
/// generated page over 400 KB.
@Suite("Card lists at scale")
struct CardListScaleTests {
    static let departments = ["42", "69", "76", "14", "35", "29", "75", "93", "13", "31", "33", "59", "67", "2A", "974", "44"]
    static let themes = ["creation-activite", "insertion", "developpement-local", "filieres", "cooperatives"]
    static let types = ["state", "region", "department", "europe", "commune", "public_agency", "private", "association", "cooperative",
                        "self_financing"]

    /// The example site's settings, organisations and dashboard, plus 40 funders and `count` generated cards.
    static func writeSite(into directory: URL, count: Int) throws -> URL {
        let content = try BuildSupport.copyContent(into: directory)
        let manager = FileManager.default
        let funders = content.appendingPathComponent("organisations")
        for index in 0..<40 {
            let text = "---\nkind: organisation\ntitle: \"Financeur \(index)\"\nname: \"Financeur \(index)\"\ntype: \(types[index % types.count])\n---\n"
            try Data(text.utf8).write(to: funders.appendingPathComponent("financeur-\(index).md"))
        }
        let projects = content.appendingPathComponent("projects")
        try manager.createDirectory(at: projects, withIntermediateDirectories: true)
        for index in 0..<count {
            let themes = (0..<(1 + index % 3)).map { Self.themes[(index + $0 * 2) % Self.themes.count] }
            let department = departments[index % departments.count]
            var text = """
                ---
                kind: project
                title: "Projet coopératif numéro \(index)"
                subtitle: "Une initiative de territoire \(index % 17)"
                summary: "Un dispositif d'accompagnement, de formation et d'emploi porté par des acteurs de l'économie sociale et solidaire du territoire \(index % 17), avec ses partenaires publics et privés."
                themes: [\(themes.joined(separator: ", "))]
                territory: {name: "Territoire \(index % 53)", level: intercommunality, departments: ["\(department)"]}
                status: \(["idea", "ongoing", "completed", "stopped"][index % 4])

                """
            if index % 7 != 0 { text += "period: {start: \(1995 + index % 25)}\n" }
            switch index % 5 {
            case 0: text += "budget: {amount: \(50_000 + index * 10), period: annual}\n"
            case 1: text += "budget: {amount: \(120_000 + index * 10), period: one_off, nature: investment}\n"
            case 2: text += "budget: {amount: \(200_000 + index), period: total, years: 3}\n"
            case 3: text += "budget:\n  - {amount: 8000, period: one_off}\n  - {amount: \(6000 + index), period: annual}\n"
            default: break  // a few without budget
            }
            let first = index % 40, second = (index * 7 + 3) % 40
            text += "funding:\n  - {funder: financeur-\(first), amount: \(5_000 + index * 3)}\n  - {funder: financeur-\(second)}\n"
            // One funder of every card: its organisation page lists a thousand contributions.
            text += "  - {funder: etat, amount: \(1_000 + index)}\n"
            text += "results:\n  - year: \(2000 + index % 20)\n    people_accompanied: \(10 + index % 90)\n"
            text += "---\n\nUn paragraphe qui décrit la démarche de la fiche \(index), ses partenaires et ses résultats.\n"
            try Data(text.utf8).write(to: projects.appendingPathComponent("projet-\(index).md"))
        }
        return content
    }

    @Test("1 000 cards: home and list pages ≤ 150 000 bytes, dashboard and generated pages ≤ 400 000 bytes")
    func pageWeights() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-scale")
        defer { BuildSupport.cleanUp(directory) }
        let content = try Self.writeSite(into: directory, count: 1_000)
        let output = directory.appendingPathComponent("Output")
        let report = await Pipeline.build(BuildOptions(content: content.path, templates: BuildSupport.templates, output: output.path,
                                                       searchIndex: false))
        #expect(report.diagnostics.errors.isEmpty, "\(report.diagnostics.errors.prefix(3))")
        #expect(report.site?.cards.count == 1_002)
        let files = BuildSupport.snapshot(output).filter { $0.key.hasSuffix(".html") }
        func isList(_ path: String) -> Bool {
            path == "index.html" || path == "themes/index.html" || path == "organisations/index.html" || path.hasPrefix("actualites/")
                && !path.dropFirst("actualites/".count).contains("/") || path.hasPrefix("actualites/page/")
                || (path.hasPrefix("fiches/") && (path == "fiches/index.html" || CardFacet.allCases.contains { path.hasPrefix("fiches/\($0.segment)/") }
                    || path.hasPrefix("fiches/tri/") || path.hasPrefix("fiches/page/")))
        }
        func isDashboard(_ path: String) -> Bool {
            ["tableaux-de-bord/", "regions/", "financeurs/", "themes/"].contains { path.hasPrefix($0) } && path != "themes/index.html"
        }
        let lists = files.filter { isList($0.key) }
        let dashboards = files.filter { isDashboard($0.key) }
        let others = files.filter { !isList($0.key) && !isDashboard($0.key) }
        let largestList = try #require(lists.max { $0.value.count < $1.value.count })
        let largestDashboard = try #require(dashboards.max { $0.value.count < $1.value.count })
        // Card pages, organisations, the "Données" page.
        let largestOther = try #require(others.max { $0.value.count < $1.value.count })
        print("1 000 cards: \(lists.count) list pages, largest \(largestList.key) \(largestList.value.count) bytes; "
              + "\(dashboards.count) dashboard pages, largest \(largestDashboard.key) \(largestDashboard.value.count) bytes; "
              + "other pages, largest \(largestOther.key) \(largestOther.value.count) bytes; home \(files["index.html"]?.count ?? 0) bytes")
        #expect(lists.count > 100)
        #expect(largestList.value.count <= 150_000, "\(largestList.key)")
        #expect(largestDashboard.value.count <= 400_000, "\(largestDashboard.key)")
        // The other pages (cards, organisations, the "Données" page) within the dashboards' limit too.
        #expect(largestOther.value.count <= 400_000, "\(largestOther.key)")
        let largestOrganisation = try #require(files.filter { $0.key.hasPrefix("organisations/") && $0.key != "organisations/index.html" }
            .max { $0.value.count < $1.value.count })
        // A funder of every card (and of Cap Ondaine): the first 60 contributions on its pages, the rest in the open data.
        let etat = try #require(files["organisations/etat/index.html"].map { String(decoding: $0, as: UTF8.self) })
        #expect(etat.contains("<p class=\"more\">Les 60 premières contributions sur 1\u{202F}001 sont listées ici\u{202F}; toutes sont dans le fichier "
            + "des financements\u{00A0}: <a href=\"../../data/financeurs.csv\" type=\"text/csv\" download>CSV</a>"))
        let funderType = try #require(files["financeurs/etat/index.html"].map { String(decoding: $0, as: UTF8.self) })
        #expect(funderType.contains("<p class=\"more\"><a href=\"../../fiches/financeur/etat/\">Toutes les fiches ("))
        print("1 000 cards: largest organisation page \(largestOrganisation.key) \(largestOrganisation.value.count) bytes")
        // Provenance beyond 60 cards moves to the open data, with a link.
        let overview = try #require(files["tableaux-de-bord/vue-d-ensemble/index.html"].map { String(decoding: $0, as: UTF8.self) })
        #expect(!overview.contains("<details class=\"provenance\">"))
        #expect(overview.contains("<p class=\"provenance\">"))
    }
}
