import Foundation
import Testing
@testable import PasserelleBuild
import PasserelleIndicators
import PasserelleModel
import PasserelleRender

/// The example site built once (with the search index when Pagefind is installed), for the card-list tests.
actor CardListSite {
    static let shared = CardListSite()
    private var built: (URL, BuildReport)?

    func output() async -> (URL, BuildReport) {
        if let built { return built }
        let directory = BuildSupport.makeTempDirectory("passerelle-cardlist")
        let output = directory.appendingPathComponent("Output")
        let report = await BuildSupport.build(output: output, searchIndex: true)
        built = (output, report)
        return (output, report)
    }

    static func page(_ path: String) async throws -> String {
        let (output, report) = await shared.output()
        #expect(report.diagnostics.errors.isEmpty, "\(report.diagnostics)")
        let data = try #require(FileManager.default.contents(atPath: output.appendingPathComponent(path).path), "no \(path)")
        return String(decoding: data, as: UTF8.self)
    }

    /// The card titles of a list page, in order.
    static func titles(_ html: String) -> [String] {
        guard let list = html.range(of: "<ul class=\"record-list\" id=\"_liste\" data-card-list>") else { return [] }
        let rest = html[list.upperBound...]
        let end = rest.range(of: "</ul>\n")?.lowerBound ?? rest.endIndex
        return rest[..<end].components(separatedBy: "<h3><a href=\"").dropFirst().compactMap { part in
            part.split(separator: ">", maxSplits: 1).last?.components(separatedBy: "</a>").first
        }
    }
}

@Suite("Card list, filters and search")
struct CardListTests {
    @Test("the card list shows each card once with its key facts: territory and region, period, budget with its horizon, funders")
    func keyFacts() async throws {
        let html = try await CardListSite.page("fiches/index.html")
        #expect(CardListSite.titles(html) == ["Coopérative d&#39;activités intercommunale", "Entreprendre en coopérant"])
        #expect(html.contains("""
            <dl class="key-facts">
            <div><dt>Territoire</dt><dd>Vallée de l&#39;Ondaine (Auvergne-Rhône-Alpes)</dd></div>
            <div><dt>Budget</dt><dd>97\u{202F}000\u{A0}€ par an</dd></div>
            <div><dt>Financeurs</dt><dd>Région Rhône-Alpes, État, Union européenne et 2 autres</dd></div>
            </dl>
            """))
        #expect(html.contains("<div><dt>Période</dt><dd>depuis 2006</dd></div>\n<div><dt>Budget</dt><dd>230\u{202F}000\u{A0}€ sur 3 ans</dd></div>"))
        #expect(html.contains("<h2 class=\"result-count\" aria-live=\"polite\">2 fiches</h2>"))
    }

    @Test("each filter page without JavaScript lists the subset: theme, region, funder type, year, status")
    func filterPages() async throws {
        #expect(CardListSite.titles(try await CardListSite.page("fiches/theme/cooperatives/index.html")) == ["Coopérative d&#39;activités intercommunale"])
        #expect(CardListSite.titles(try await CardListSite.page("fiches/region/normandie/index.html")) == ["Entreprendre en coopérant"])
        let slug = CardCatalog.funderTypeSlug(.publicAgency)
        #expect(CardListSite.titles(try await CardListSite.page("fiches/financeur/\(slug)/index.html")) == ["Entreprendre en coopérant"])
        #expect(CardListSite.titles(try await CardListSite.page("fiches/annee/annee-non-precisee/index.html")) == ["Coopérative d&#39;activités intercommunale"])
        // Neither example card states a status: both are on the page of cards without one.
        #expect(CardListSite.titles(try await CardListSite.page("fiches/statut/statut-non-precise/index.html")).count == 2)
        let normandie = try await CardListSite.page("fiches/region/normandie/index.html")
        #expect(normandie.contains("<h1>Fiches — Région\u{00A0}: Normandie</h1>"))
        #expect(normandie.contains("<li><a href=\"../../../fiches/region/normandie/\" data-filter-link=\"region=normandie\" aria-current=\"page\">Normandie (1)</a></li>"))
    }

    @Test("the budget order puts yearly money first, largest first; filtered lists are in title order")
    func sortByBudget() async throws {
        let html = try await CardListSite.page("fiches/tri/budget/index.html")
        // 97 000 € a year against 230 000 € over 3 years = 76 667 € a year.
        #expect(CardListSite.titles(html) == ["Coopérative d&#39;activités intercommunale", "Entreprendre en coopérant"])
        #expect(html.contains("<li><a href=\"../../../fiches/tri/budget/\" data-filter-link=\"sort=budget\" aria-current=\"page\">budget (par an, puis ponctuel)</a></li>"))
        // A filtered list is in title order (the script sorts it in the browser); its filters link to title order.
        #expect(html.contains("<li><a href=\"../../../fiches/region/normandie/\" data-filter-link=\"region=normandie\">Normandie (1)</a></li>"))
        let theme = try await CardListSite.page("fiches/theme/developpement-local/index.html")
        #expect(!theme.contains("tri/"))
    }

    @Test("the JSON index holds, per card, the same filter values as the pages without JavaScript")
    func jsonIndex() async throws {
        let text = try await CardListSite.page("fiches/index.json")
        let index = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let cards = try #require(index["cards"] as? [[String: Any]])
        #expect(cards.map { $0["u"] as? String } == ["fiches/cap-ondaine/", "fiches/entreprendre-en-cooperant/"])
        let keys = try #require(cards[1]["k"] as? [String: [String]])
        #expect(keys["region"] == ["normandie"])
        #expect(keys["year"] == ["2006"])
        #expect(keys["status"] == ["statut-non-precise"])
        #expect(keys["theme"] == ["insertion", "developpement-local", "filieres"])
        #expect(index["page_size"] as? Int == 24)
    }

    @Test("the list page loads the site's own script, with no inline script, and the list reads without it")
    func scriptIsExternal() async throws {
        let html = try await CardListSite.page("fiches/index.html")
        #expect(html.contains("<script src=\"../assets/cards.js\"></script>"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("data-index=\"../fiches/index.json\""))
    }

    @Test("a card shows related cards ranked by shared themes, territory and funders, outside the search index")
    func relatedCards() async throws {
        let html = try await CardListSite.page("fiches/cap-ondaine/index.html")
        #expect(html.contains("<section class=\"related\" aria-labelledby=\"_related\" data-pagefind-ignore>\n<h2 id=\"_related\">Fiches proches</h2>"))
        #expect(html.contains("<h3><a href=\"../../fiches/entreprendre-en-cooperant/\">Entreprendre en coopérant</a></h3>"))
        #expect(html.contains("<main id=\"_contenu\" data-pagefind-body>"))
    }

    @Test("the home page shows the latest few cards and a link to all of them")
    func homeCards() async throws {
        let html = try await CardListSite.page("index.html")
        #expect(html.contains("<p><a href=\"fiches/\">Toutes les fiches (2)</a> · <a href=\"recherche/\">Rechercher</a></p>"))
    }

    @Test("related cards: up to 4, more shared themes first, ties in title order")
    func relatedRanking() {
        func card(_ id: String, _ themes: [String]) -> Record {
            Record(kind: .project, id: id, title: id.uppercased(), themes: themes.map { Reference($0, at: .start) }, file: id + ".md",
                   payload: .card(Card()))
        }
        let records = [card("a", ["x", "y"]), card("b", ["x"]), card("c", ["x", "y"]), card("d", []), card("e", ["y"]), card("f", ["x"]),
                       card("g", ["x"])]
        let site = Site(config: SiteConfig(title: "t", themes: [ThemeInfo(id: "x", label: "X"), ThemeInfo(id: "y", label: "Y")]),
                        dictionary: MetricDictionary(), records: records)
        let catalog = CardCatalog(site: site, figures: SiteMeasures.compute(site: site, cards: [:], indicators: []),
                                  funderTypeSlug: CardCatalog.funderTypeSlug)
        #expect(catalog.related(to: "a").map(\.record.id) == ["c", "b", "e", "f"])
        #expect(catalog.related(to: "d").isEmpty)
    }

    @Test("with Pagefind installed, the search index is in the site and the search page allows WebAssembly only there")
    func searchPage() async throws {
        let html = try await CardListSite.page("recherche/index.html")
        let home = try await CardListSite.page("index.html")
        #expect(!home.contains("wasm-unsafe-eval"))
        if Search.command() != nil {
            #expect(html.contains("script-src 'self' 'wasm-unsafe-eval';"))
            #expect(html.contains("<script src=\"../pagefind/pagefind-ui.js\"></script>"))
            let entry = try await CardListSite.page("pagefind/pagefind-entry.json")
            #expect(entry.contains("\"fr\""))
        } else {
            #expect(html.contains("La recherche n&#39;est pas disponible sur ce site"))
        }
    }

    @Test("without Pagefind the build warns once and the search page says search is not available")
    func searchMissing() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-nosearch")
        defer { BuildSupport.cleanUp(directory) }
        #expect(Search.command(environment: ["PATH": directory.path]) == nil)
        let output = directory.appendingPathComponent("Output")
        let report = await Pipeline.build(BuildOptions(content: BuildSupport.content, templates: BuildSupport.templates, output: output.path,
                                                       searchIndex: false))
        #expect(report.diagnostics.errors.isEmpty)
        let html = try String(contentsOf: output.appendingPathComponent("recherche/index.html"), encoding: .utf8)
        #expect(html.contains("<p class=\"search-fallback\">La recherche n&#39;est pas disponible sur ce site (l&#39;index de recherche n&#39;a pas été construit). <a href=\"../fiches/\">Parcourir la liste des fiches.</a></p>"))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("pagefind").path))
    }

    static var browser: Bool {
        Search.command() != nil && Search.run(["/usr/bin/env", "python3", "-c", "import playwright"], in: nil).status == 0
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
    }

    /// Serves the built site over HTTP with Python's server on `port` (Pagefind fetches its index), opens `path` in
    /// headless Chromium, runs the Python `steps` on `page` and returns what they print.
    static func browse(_ output: URL, port: Int, path: String, _ steps: String) async throws -> String {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-m", "http.server", "-d", output.path, "--bind", "127.0.0.1", String(port)]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        // SIGKILL: the test runner's threads block SIGTERM, and a child inherits the blocked mask, so terminate() left
        // every server running after the suite.
        defer {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        try await Task.sleep(nanoseconds: 1_000_000_000)
        let indented = steps.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        let script = """
            from playwright.sync_api import sync_playwright
            with sync_playwright() as p:
                b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                page = b.new_page()
                page.goto("http://127.0.0.1:\(port)/\(path)")
            \(indented)
                b.close()
            """
        return Search.run(["/usr/bin/env", "python3", "-c", script], in: nil).output
    }

    @Test("a search for « coopérative » in the browser returns the Cap Ondaine card", .enabled(if: CardListTests.browser))
    func searchFindsCapOndaine() async throws {
        let (output, _) = await CardListSite.shared.output()
        let printed = try await Self.browse(output, port: 18_000 + Int(ProcessInfo.processInfo.processIdentifier % 1_000),
                                            path: "recherche/?q=coop%C3%A9rative", """
            # Results arrive one by one as their fragments load: wait for the card, else for the whole list.
            try:
                page.wait_for_selector(".pagefind-ui__result-link[href='/fiches/cap-ondaine/']", timeout=20000)
            except Exception:
                page.wait_for_timeout(2000)
            print("\\n".join(a.get_attribute("href") for a in page.query_selector_all(".pagefind-ui__result-link")))
            """)
        #expect(printed.components(separatedBy: "\n").contains("/fiches/cap-ondaine/"), "\(printed.suffix(2000))")
    }

    @Test("a filter in the browser narrows the list to the subset of its page without JavaScript", .enabled(if: CardListTests.browser))
    func browserFilter() async throws {
        let (output, _) = await CardListSite.shared.output()
        let printed = try await Self.browse(output, port: 19_000 + Int(ProcessInfo.processInfo.processIdentifier % 1_000),
                                            path: "fiches/", """
            page.wait_for_selector(".filter-form")
            page.select_option("#_filtre-region", "normandie")
            print(page.inner_text(".result-count") + "|" + ",".join(a.inner_text() for a in page.query_selector_all("#_liste h3 a")))
            """)
        #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == "1 fiche|Entreprendre en coopérant")
    }
}
