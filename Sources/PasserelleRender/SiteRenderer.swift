import PasserelleIndicators
import PasserelleModel


/// The render stage: every page of the site, rendered in parallel, returned in a stable order.
public enum SiteRenderer {
    /// The pages a site has, in a fixed order.
    public static func pages(of site: Site, figures: SiteMeasures) -> [PageSpec] {
        var pages: [PageSpec] = [.home, .cards]
        if !site.records(of: .article).isEmpty { pages.append(.articles) }
        if !site.records(of: .organisation).isEmpty { pages.append(.organisations) }
        if !site.records(of: .term).isEmpty { pages.append(.glossary) }
        if !site.config.themes.isEmpty { pages.append(.themes) }
        if !site.dictionary.indicators.isEmpty { pages.append(.methodology) }
        pages.append(.data)
        if PageContext.hasDashboardIndex(site) { pages.append(.dashboardIndex) }
        pages += site.config.sections.map { .section($0.id) }
        pages += site.config.themes.map { .theme($0.id) }
        pages += site.records.filter { $0.kind != .term }.map { .record($0.id) }
        pages += figures.generated.filter { if case .theme = $0.scope { return false } else { return true } }.map { .generated($0.scope.id) }
        return pages
    }

    public static func render(_ input: RenderInput) async -> [RenderedFile] {
        let specs = pages(of: input.site, figures: input.figures) + listPages(input)
        return await withTaskGroup(of: (Int, RenderedFile?).self) { group in
            for (index, spec) in specs.enumerated() {
                group.addTask { (index, render(spec, input)) }
            }
            var files = [RenderedFile?](repeating: nil, count: specs.count)
            for await (index, file) in group { files[index] = file }
            return files.compactMap { $0 }
        }
    }

    /// Card lists, filters and search (find): the card list's other pages, the articles' other pages, the search page.
    public static func listPages(_ input: RenderInput) -> [PageSpec] {
        var pages: [PageSpec] = input.catalog.pages.filter { $0 != CardListPage() }.map(PageSpec.cardList)
        let articles = input.site.records(of: .article).count
        if articles > CardCatalog.pageSize { pages += (2...CardCatalog.pageCount(articles)).map { PageSpec.articlesPage($0) } }
        pages.append(.search)
        return pages
    }

    /// One page: its view model built and passed through its template.
    public static func render(_ spec: PageSpec, _ input: RenderInput) -> RenderedFile? {
        let site = input.site
        /// A page at `route`, drawn by `template` from the view model `build` makes.
        func page(_ route: String, _ template: String, _ build: (PageContext) -> [String: Any]) -> RenderedFile {
            let html = input.templates.render(template, flagLists(build(PageContext(input: input, route: route))))
            // French typography: no-break spaces before ; : ! ? and inside « » (Typography.swift).
            let bytes = site.config.language == .fr ? Typography.french(Array(html.utf8)) : Array(html.utf8)
            return RenderedFile(path: Routes.file(route), contents: bytes)
        }
        switch spec {
        case .home: return page(Routes.home, "home") { $0.homePage() }
        case .cards: return page(Routes.cards, "cards") { $0.cardListPage(CardListPage()) }
        case .cardList(let list): return page(list.route, "cards") { $0.cardListPage(list) }
        case .articlesPage(let number): return page(Routes.listPage(Routes.articles, page: number), "articles") { $0.articlesPage(page: number) }
        case .search: return page(Routes.search, "search") { $0.searchPage() }
        case .articles: return page(Routes.articles, "articles") { $0.articlesPage() }
        case .organisations: return page(Routes.organisations, "organisations") { $0.organisationsPage() }
        case .glossary: return page(Routes.glossary, "glossary") { $0.glossaryPage().merging(["pagefind": true]) { $1 } }
        case .themes: return page(Routes.themes, "themes") { $0.themesPage() }
        case .methodology: return page(Routes.methodology, "methodology") { $0.methodologyPage() }
        case .data: return page(Routes.data, "data") { $0.dataPage() }
        case .dashboardIndex: return page(Routes.dashboards, "dashboards") { $0.dashboardIndexPage() }
        case .section(let id):
            guard let section = site.section(id) else { return nil }
            return page(Routes.section(id), "section") { $0.sectionPage(section) }
        case .theme(let id):
            guard let theme = site.theme(id) else { return nil }
            return page(Routes.theme(id), "theme") { $0.themePage(theme) }
        case .generated(let id):
            guard let generated = input.figures.generated.first(where: { $0.scope.id == id }) else { return nil }
            return page(PageContext(input: input, route: "").route(of: generated.scope), "generated") { $0.generatedDashboardPage(generated) }
        case .record(let id):
            guard let record = site.record(id) else { return nil }
            let route = Routes.record(record)
            switch record.payload {
            case .card(let card):
                return page(route, "card") { context in
                    var values = context.cardPage(record, card)
                    values["related"] = context.relatedCards(record)  // find: related cards
                    values["pagefind"] = true
                    return values
                }
            case .article(let article): return page(route, "article") { $0.articlePage(record, article).merging(["pagefind": true]) { $1 } }
            case .page(let info): return page(route, "page") { $0.pagePage(record, info).merging(["pagefind": true]) { $1 } }
            case .organisation(let organisation): return page(route, "organisation") { $0.organisationPage(record, organisation) }
            case .dashboard(let dashboard): return page(route, "dashboard") { $0.dashboardPage(record, dashboard) }
            case .term: return nil
            }
        }
    }

    /// Adds `has_<key>: true` beside every non-empty list, at every depth, so templates can wrap a list
    /// in a heading or a `<section>` that disappears when there is nothing to show.
    static func flagLists(_ context: [String: Any]) -> [String: Any] {
        var out: [String: Any] = [:]
        for (key, value) in context {
            switch value {
            case let dictionary as [String: Any]:
                out[key] = flagLists(dictionary)
            case let list as [[String: Any]]:
                out[key] = list.map(flagLists)
                if !list.isEmpty { out["has_" + key] = true }
            case let list as [Any]:
                out[key] = list
                if !list.isEmpty { out["has_" + key] = true }
            default:
                out[key] = value
            }
        }
        return out
    }
}
