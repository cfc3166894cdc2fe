import Foundation
import PasserelleIndicators
import PasserelleMarkdown
import PasserelleModel

/// Everything the render stage needs, immutable and shared by the page tasks.
public struct RenderInput: Sendable {
    public var site: Site
    /// Every figure of the site, computed once by the measure stage: pages only format them.
    public var figures: SiteMeasures
    public var labels: Labels
    public var templates: TemplateSet
    /// Per record id: the summary shown in lists (written, or the body's first paragraph), computed once.
    public var summaries: [String: String]
    /// The glossary words with their routes, computed once.
    public var glossary: [(words: [String], route: String, title: String)]
    /// Methodology and data: the tables of the open data as the exports write them (the "Données" page and the download
    /// links read it; empty when the pages are rendered without the open data, as in some tests).
    public var dataCatalogue = DataCatalogue()
    /// Every record with a page, by its route (breadcrumbs, head tags, sitemap dates), computed once.
    public var recordsByRoute: [String: Record] = [:]
    /// The newest date of the content (published or updated), printed as the version of every page: never the
    /// clock, so two builds of the same content are identical.
    public var newestDay: Day?
    // Card lists, filters and search (find).
    /// Every card once with its dimensions, orders and related cards, computed once.
    public var catalog: CardCatalog
    /// True when the build writes a search index (Pagefind is installed): the search page offers the search.
    public var searchAvailable: Bool = false

    /// Per card id: its facts and indicator values.
    public var measures: [String: CardMeasures] { figures.cards }
    /// The indicators of the dictionary, parsed.
    public var indicators: [Indicator] { figures.indicators }

    public init(site: Site, figures: SiteMeasures, labels: Labels, templates: TemplateSet) {
        self.site = site
        self.figures = figures
        self.labels = labels
        self.templates = templates
        var summaries: [String: String] = [:]
        for record in site.records {
            if let summary = record.summary, !summary.isEmpty {
                summaries[record.id] = summary
            } else if let first = Markdown.render(record.body).firstParagraph {
                summaries[record.id] = first
            }
        }
        self.summaries = summaries
        self.glossary = site.records(of: .term).compactMap { term in
            term.term.map { ([$0.term] + $0.aliases, Routes.term(term.id), term.title) }
        }
        for record in site.records where record.kind != .term { recordsByRoute[Routes.record(record)] = record }
        self.newestDay = site.records.flatMap { [$0.date, $0.updated].compactMap { $0 } }.max()
        self.catalog = CardCatalog(site: site, figures: figures, funderTypeSlug: CardCatalog.funderTypeSlug)
    }
}

/// One page to render: what it shows and where it goes.
public enum PageSpec: Sendable, Hashable {
    case home, cards, articles, organisations, glossary, themes, methodology
    /// Methodology and data: the "Données" page (`donnees/`).
    case data
    case record(String)
    case section(String)
    case theme(String)
    /// A generated dashboard (a region's, a funder type's), by its id.
    case generated(String)
    /// The index of dashboards, regions' and funder types' pages (`tableaux-de-bord/`).
    case dashboardIndex
    // Card lists, filters and search (find).
    /// A page of the card list other than the first page of every card (a filter, an order, a page number).
    case cardList(CardListPage)
    /// A page of the articles after the first.
    case articlesPage(Int)
    /// The search page.
    case search
}

/// The view model of a page under construction: common values (site, navigation, labels) plus the page's own.
struct PageContext {
    let input: RenderInput
    let route: String
    let root: String
    let format: Formatter

    /// `root` replaces the relative way back to the site's root, for a page served at any depth (the 404 page).
    init(input: RenderInput, route: String, root: String? = nil) {
        self.input = input
        self.route = route
        self.root = root ?? Routes.root(from: route)
        self.format = Formatter(language: input.site.config.language)
    }

    var site: Site { input.site }
    var labels: Labels { input.labels }

    /// A link from this page to another route.
    func url(_ target: String) -> String {
        let relative = root + target
        return relative.isEmpty ? "./" : relative
    }

    /// The keys every template can use.
    func common(title: String, description: String?) -> [String: Any] {
        let config = site.config
        var context: [String: Any] = [
            "root": root,
            "lang": config.language.rawValue,
            "t": labels.values,
            "page_title": title,
            "stylesheet": url(Routes.stylesheet),
            "home_url": url(Routes.home),
            "site": siteValues(),
            "nav": navigation(),
            // Methodology and data: the footer links to the methodology and the "Données" page.
            "footer_methodology_url": url(Routes.methodology),
            "footer_data_url": url(Routes.data),
        ]
        if let description, !description.isEmpty { context["page_description"] = description }
        if !config.baseURL.isEmpty { context["canonical"] = config.baseURL + route }
        // What every site has: head tags (description, Open Graph, feed, favicon) and breadcrumbs.
        context.merge(headTags(title: title, description: description)) { _, new in new }
        if let breadcrumbs = breadcrumbs(current: title) { context["breadcrumbs"] = breadcrumbs }
        // Print: the page's address and the content's version, on paper only.
        let address = config.baseURL.isEmpty ? "/" + route : config.baseURL + route
        context["print_note"] = input.newestDay.map { labels.format("print_note", ["url": address, "date": format.date($0)]) }
            ?? labels.format("print_address", ["url": address])
        return context
    }

    private func siteValues() -> [String: Any] {
        let config = site.config
        var values: [String: Any] = ["title": config.title]
        if let description = config.description { values["description"] = description }
        if let publisher = config.publisher { values["publisher"] = publisher }
        if let licence = config.licence {
            var values2: [String: Any] = ["name": licence.label]
            if let url = safeURL(licence.url) { values2["url"] = url }
            values["licence"] = values2
        }
        return values
    }

    private func navigation() -> [[String: Any]] {
        menu()
    }

    /// Renders a record's Markdown body with glossary links relative to this page.
    func body(_ record: Record, headingOffset: Int = 0) -> RenderedMarkdown {
        var glossary: [GlossaryLink] = []
        if record.linksGlossary && record.kind != .term && record.kind != .organisation {
            glossary = input.glossary.map { GlossaryLink(words: $0.words, url: url($0.route), title: $0.title) }
        }
        return Markdown.render(record.body, options: MarkdownOptions(unsafeHTML: site.config.unsafeHTML, glossary: glossary,
                                                                 headingOffset: headingOffset, tableLabel: labels["markdown_table"],
                                                                 siteRoot: root))
    }

    /// The summary to show in lists: the one written, else the body's first paragraph.
    func summary(_ record: Record) -> String? {
        input.summaries[record.id]
    }

    /// A link item for any record: title, url, summary, kind.
    func item(_ record: Record) -> [String: Any] {
        var item: [String: Any] = ["title": record.title, "url": url(Routes.record(record)), "id": record.id,
                                   "kind_label": labels["kind_\(record.kind.rawValue)"]]
        if let summary = summary(record) { item["summary"] = summary }
        if let date = record.date {
            item["date"] = format.date(date)
            item["date_iso"] = date.description
        }
        if let card = record.card {
            if let subtitle = card.subtitle { item["subtitle"] = subtitle }
            if let territory = card.territory { item["territory"] = territory.name }
        }
        return item
    }

    /// The display name and link of an organisation id.
    func organisationLink(_ id: String) -> [String: Any] {
        guard let record = site.record(id), let organisation = record.organisation else { return ["name": id] }
        return ["name": record.title.isEmpty ? organisation.name : record.title, "url": url(Routes.organisation(id)),
                "type": labels["type_\(organisation.type.rawValue)"]]
    }

    func themeLinks(_ record: Record) -> [[String: Any]] {
        record.themes.compactMap { reference in
            site.theme(reference.id).map { ["label": $0.label, "url": url(Routes.theme($0.id))] }
        }
    }
}

/// Only web, mail and phone links, and relative ones, are ever emitted; anything else (javascript:, data:…) is dropped.
public func safeURL(_ url: String) -> String? {
    SafeURL.sanitise(url)
}
