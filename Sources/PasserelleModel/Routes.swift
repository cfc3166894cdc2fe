import PasserelleModel

/// Where each page lives in the output. Every address is a folder with an `index.html`.
public enum Routes {
    public static let home = ""
    public static let cards = "fiches/"
    public static let articles = "actualites/"
    public static let organisations = "organisations/"
    public static let glossary = "glossaire/"
    public static let themes = "themes/"
    public static let stylesheet = "assets/style.css"
    public static let methodology = "methodologie/"

    public static func card(_ id: String) -> String { "fiches/\(id)/" }
    public static func article(_ id: String) -> String { "actualites/\(id)/" }
    public static func section(_ id: String) -> String { "rubriques/\(id)/" }
    public static func organisation(_ id: String) -> String { "organisations/\(id)/" }
    public static func theme(_ id: String) -> String { "themes/\(id)/" }
    public static func dashboard(_ id: String) -> String { "tableaux-de-bord/\(id)/" }
    public static func term(_ id: String) -> String { "glossaire/#\(id)" }

    public static func page(_ id: String, section: String?) -> String {
        section.map { "rubriques/\($0)/\(id)/" } ?? "pages/\(id)/"
    }

    /// The address of a record's own page.
    public static func record(_ record: Record) -> String {
        switch record.kind {
        case .project, .initiative: return card(record.id)
        case .article: return article(record.id)
        case .page: return page(record.id, section: record.page?.section?.id)
        case .organisation: return organisation(record.id)
        case .term: return term(record.id)
        case .dashboard: return dashboard(record.id)
        }
    }

    /// Every card with every indicator, without its extension (`.csv`, `.json`).
    public static let dataAllCards = "data/fiches"
    /// The open data of one dashboard block, without its extension (`.csv`, `.json`).
    public static func dataBlock(dashboard: String, index: Int) -> String { "data/tableaux-de-bord/\(dashboard)-\(index + 1)" }
    /// The list of cards of a generated page (a region's, a funder type's, a theme's), without its extension.
    public static func dataCards(_ scope: String) -> String { "data/fiches/\(scope)" }
    /// The indicator summary of a generated page, without its extension.
    public static func dataSummary(_ scope: String) -> String { "data/tableaux-de-bord/\(scope)" }

    /// The funding table of a generated page, without its extension.
    public static func dataFunding(_ scope: String) -> String { dataSummary(scope) + "-financements" }

    // Card lists, filters and search (find).
    /// The search page.
    public static let search = "recherche/"
    /// The JSON index the card list's script filters (only the fields the list needs).
    public static let cardIndex = "fiches/index.json"
    /// A page of the card list: `filter` is `<dimension>/<value>` (`theme/cooperatives`) or nil for every card,
    /// `sort` a sort's segment (`annee`, `budget`) or nil for by title, `page` from 1.
    public static func cardList(filter: String? = nil, sort: String? = nil, page: Int = 1) -> String {
        var route = cards
        if let filter { route += filter + "/" }
        if let sort { route += "tri/" + sort + "/" }
        if page > 1 { route += "page/\(page)/" }
        return route
    }
    /// A page of a paginated list other than cards (`actualites/`, `organisations/`): page 1 is the list itself.
    public static func listPage(_ list: String, page: Int) -> String {
        page > 1 ? list + "page/\(page)/" : list
    }

    /// The file a route is written to: `fiches/x/` → `fiches/x/index.html`.
    public static func file(_ route: String) -> String {
        route.isEmpty || route.hasSuffix("/") ? route + "index.html" : route
    }

    /// The relative prefix from a route's page back to the site's root: `fiches/x/` → `../../`.
    public static func root(from route: String) -> String {
        let depth = file(route).split(separator: "/").count - 1
        return String(repeating: "../", count: max(depth, 0))
    }
}
