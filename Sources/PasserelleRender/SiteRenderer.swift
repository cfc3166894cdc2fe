import PasserelleModel

/// A rendered file: its path inside the output folder and its bytes.
public struct RenderedFile: Sendable {
    public var path: String
    public var contents: [UInt8]

    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }
}

/// The render stage: every page of the site, rendered in parallel, returned in a stable order.
public enum SiteRenderer {
    /// The pages a site has, in a fixed order.
    public static func pages(of site: Site, labels: Labels) -> [PageSpec] {
        var pages: [PageSpec] = [.home, .cards]
        if !site.records(of: .article).isEmpty { pages.append(.articles) }
        if !site.records(of: .organisation).isEmpty { pages.append(.organisations) }
        if !site.records(of: .term).isEmpty { pages.append(.glossary) }
        if !site.config.themes.isEmpty { pages.append(.themes) }
        if !site.dictionary.indicators.isEmpty { pages.append(.methodology) }
        pages += site.config.sections.map { .section($0.id) }
        pages += site.config.themes.map { .theme($0.id) }
        pages += site.records.filter { $0.kind != .term }.map { .record($0.id) }
        if !site.records(of: .dashboard).isEmpty {
            pages += GeneratedDashboard.all(site: site, labels: labels).map { .generated($0.id) }
        }
        return pages
    }

    public static func render(_ input: RenderInput) async -> [RenderedFile] {
        let specs = pages(of: input.site, labels: input.labels)
        return await withTaskGroup(of: (Int, RenderedFile?).self) { group in
            for (index, spec) in specs.enumerated() {
                group.addTask { (index, render(spec, input)) }
            }
            var files = [RenderedFile?](repeating: nil, count: specs.count)
            for await (index, file) in group { files[index] = file }
            return files.compactMap { $0 }
        }
    }

    /// One page: its view model built and passed through its template.
    public static func render(_ spec: PageSpec, _ input: RenderInput) -> RenderedFile? {
        let site = input.site
        let route: String
        let template: String
        let context: [String: Any]
        switch spec {
        case .home:
            route = Routes.home
            template = "home"
            context = PageContext(input: input, route: route).homePage()
        case .cards:
            route = Routes.cards
            template = "cards"
            context = PageContext(input: input, route: route).cardsPage()
        case .articles:
            route = Routes.articles
            template = "articles"
            context = PageContext(input: input, route: route).articlesPage()
        case .organisations:
            route = Routes.organisations
            template = "organisations"
            context = PageContext(input: input, route: route).organisationsPage()
        case .glossary:
            route = Routes.glossary
            template = "glossary"
            context = PageContext(input: input, route: route).glossaryPage()
        case .themes:
            route = Routes.themes
            template = "themes"
            context = PageContext(input: input, route: route).themesPage()
        case .methodology:
            route = Routes.methodology
            template = "methodology"
            context = PageContext(input: input, route: route).methodologyPage()
        case .section(let id):
            guard let section = site.section(id) else { return nil }
            route = Routes.section(id)
            template = "section"
            context = PageContext(input: input, route: route).sectionPage(section)
        case .theme(let id):
            guard let theme = site.theme(id) else { return nil }
            route = Routes.theme(id)
            template = "theme"
            context = PageContext(input: input, route: route).themePage(theme)
        case .generated(let id):
            guard let page = GeneratedDashboard.all(site: site, labels: input.labels).first(where: { $0.id == id }) else { return nil }
            route = page.route
            template = "dashboard"
            context = PageContext(input: input, route: route).generatedDashboardPage(page)
        case .record(let id):
            guard let record = site.record(id) else { return nil }
            route = Routes.record(record)
            let page = PageContext(input: input, route: route)
            switch record.payload {
            case .card(let card):
                template = "card"
                context = page.cardPage(record, card)
            case .article(let article):
                template = "article"
                context = page.articlePage(record, article)
            case .page(let info):
                template = "page"
                context = page.pagePage(record, info)
            case .organisation(let organisation):
                template = "organisation"
                context = page.organisationPage(record, organisation)
            case .dashboard(let dashboard):
                template = "dashboard"
                context = page.dashboardPage(record, dashboard)
            case .term:
                return nil
            }
        }
        let html = input.templates.render(template, flagLists(context))
        return RenderedFile(path: Routes.file(route), contents: Array(html.utf8))
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
