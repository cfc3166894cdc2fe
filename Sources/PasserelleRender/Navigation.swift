import PasserelleIndicators
import PasserelleModel

/// The menu, the breadcrumbs and the index of dashboards: how a reader finds every page.
///
/// The menu stays short enough for a phone: home, cards, news, the sections, one entry for the figures (the index of
/// dashboards, which lists the dashboards, the regions' and funder types' pages, the themes, the organisations and
/// the methodology), the glossary and the search. Without an index (a site with no dashboard and no indicator), the
/// themes and organisations have their own entries.
extension PageContext {
    /// The search page's route; it exists when the theme has a `search` template.
    static let searchRoute = "recherche/"

    /// True when the site has the index of dashboards (`tableaux-de-bord/`).
    static func hasDashboardIndex(_ site: Site) -> Bool {
        !site.records(of: .dashboard).isEmpty || !site.dictionary.indicators.isEmpty
    }

    var hasSearch: Bool { input.templates.names.contains("search") }

    /// The menu entries, in order, with the entry of the current page's branch marked.
    func menu() -> [[String: Any]] {
        var items: [(String, String)] = [(labels["nav_home"], Routes.home), (labels["nav_cards"], Routes.cards)]
        if !site.records(of: .article).isEmpty { items.append((labels["nav_articles"], Routes.articles)) }
        for section in site.config.sections where site.records(of: .page).contains(where: { $0.page?.section?.id == section.id }) {
            items.append((section.title, Routes.section(section.id)))
        }
        if Self.hasDashboardIndex(site) {
            items.append((labels["nav_dashboards"], Routes.dashboards))
        } else {
            if !site.config.themes.isEmpty { items.append((labels["nav_themes"], Routes.themes)) }
            if !site.records(of: .organisation).isEmpty { items.append((labels["nav_organisations"], Routes.organisations)) }
        }
        if !site.records(of: .term).isEmpty { items.append((labels["nav_glossary"], Routes.glossary)) }
        if hasSearch { items.append((labels["nav_search"], Self.searchRoute)) }
        let branch = Set(ancestors().map(\.route))
        return items.map { label, target in
            var item: [String: Any] = ["label": label, "url": url(target)]
            let current = target.isEmpty ? route.isEmpty : (route.hasPrefix(target) || branch.contains(target))
            if current { item["current"] = true }
            return item
        }
    }

    /// `Accueil › Fiches › Title`: the pages above this one, then this one (not linked). None on the home page.
    func breadcrumbs(current title: String) -> [[String: Any]]? {
        guard !route.isEmpty else { return nil }
        var trail: [[String: Any]] = [["label": labels["nav_home"], "url": url(Routes.home)]]
        trail += ancestors().map { ["label": $0.title, "url": url($0.route)] }
        trail.append(["label": title, "current": true])
        return trail
    }

    /// The pages above this one, from the top: every folder of its address that is a page (`rubriques/cae/` above
    /// `rubriques/cae/page/`), and the index of dashboards above the pages it lists that have no folder page of their
    /// own (a region's, a funder type's, the methodology).
    func ancestors() -> [(title: String, route: String)] {
        let segments = route.split(separator: "/")
        guard route.hasSuffix("/"), !segments.isEmpty else { return [] }
        var found: [(title: String, route: String)] = []
        if Self.hasDashboardIndex(site), route == Routes.methodology || isGeneratedPage {
            found.append((labels["nav_dashboards"], Routes.dashboards))
        }
        for count in 1..<segments.count {
            let prefix = segments.prefix(count).joined(separator: "/") + "/"
            if let title = pageTitle(prefix) { found.append((title, prefix)) }
        }
        return found
    }

    /// True on a region's or a funder type's page (a theme's page is the theme's own).
    private var isGeneratedPage: Bool {
        input.figures.generated.contains { generated in
            if case .theme = generated.scope { return false }
            return route(of: generated.scope) == route
        }
    }

    /// The title of the page at `route`, when there is one (lists, sections, themes, records).
    private func pageTitle(_ route: String) -> String? {
        switch route {
        case Routes.cards: return labels["nav_cards"]
        case Routes.articles: return site.records(of: .article).isEmpty ? nil : labels["nav_articles"]
        case Routes.organisations: return site.records(of: .organisation).isEmpty ? nil : labels["nav_organisations"]
        case Routes.glossary: return site.records(of: .term).isEmpty ? nil : labels["nav_glossary"]
        case Routes.themes: return site.config.themes.isEmpty ? nil : labels["nav_themes"]
        case Routes.dashboards: return Self.hasDashboardIndex(site) ? labels["nav_dashboards"] : nil
        default: break
        }
        if let section = site.config.sections.first(where: { Routes.section($0.id) == route }) { return section.title }
        if let theme = site.config.themes.first(where: { Routes.theme($0.id) == route }) { return theme.label }
        return input.recordsByRoute[route]?.title
    }

    /// The index of dashboards: the dashboards, the regions' and funder types' pages, then the themes, the
    /// organisations and the methodology.
    func dashboardIndexPage() -> [String: Any] {
        var context = common(title: labels["nav_dashboards"], description: labels["dashboards_intro"])
        context["title"] = labels["nav_dashboards"]
        context["intro"] = labels["dashboards_intro"]
        func links(_ records: [Record]) -> [[String: Any]] {
            records.map { record in
                var link: [String: Any] = ["title": record.title, "url": url(Routes.record(record))]
                if let summary = summary(record) { link["summary"] = summary }
                return link
            }
        }
        var groups: [[String: Any]] = []
        func add(_ key: String, _ links: [[String: Any]]) {
            if !links.isEmpty { groups.append(["id": "_" + key, "heading": labels[key], "links": links]) }
        }
        add("dashboards_heading", links(site.records(of: .dashboard)))
        let generated = input.figures.generated
        add("dashboards_regions", generated.filter { if case .region = $0.scope { return true } else { return false } }
            .map { ["title": title(of: $0.scope), "url": url(route(of: $0.scope))] })
        add("dashboards_funders", generated.filter { if case .funderType = $0.scope { return true } else { return false } }
            .map { ["title": title(of: $0.scope), "url": url(route(of: $0.scope))] })
        var more: [[String: Any]] = []
        if !site.config.themes.isEmpty { more.append(["title": labels["nav_themes"], "url": url(Routes.themes)]) }
        if !site.records(of: .organisation).isEmpty {
            more.append(["title": labels["nav_organisations"], "url": url(Routes.organisations)])
        }
        if !site.dictionary.indicators.isEmpty { more.append(["title": labels["methodology"], "url": url(Routes.methodology)]) }
        add("dashboards_more", more)
        context["groups"] = groups
        return context
    }
}
