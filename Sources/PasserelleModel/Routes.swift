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

    // What every site has: feed, sitemap, robots, 404, favicon, the index of dashboards.
    /// The index of dashboards, regions' and funder types' pages, and the methodology.
    public static let dashboards = "tableaux-de-bord/"
    public static let feed = "feed.xml"
    public static let sitemap = "sitemap.xml"
    public static let robots = "robots.txt"
    public static let notFound = "404.html"
    public static let favicon = "assets/favicon.svg"

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
    /// Every funding line of every card (funder, type, amount, horizon), without its extension.
    public static let dataFunders = "data/financeurs"
    /// The open data of the blocks of one dashboard, without their extension (`.csv`, `.json`), in the order of the blocks:
    /// `data/tableaux-de-bord/<dashboard>/<block>`, the block's name made from its title (`Slug.make`), else from its
    /// indicator's label in the site's language (its id if it has none) and its grouping (`cout-par-personne-accompagnee-par-region`). A name met twice takes `-2`, `-3`… in the order of the
    /// blocks, and no name is another's spreadsheet copy (`x` and `x-tableur`): the same blocks always give the same names.
    public static func dataBlocks(dashboard: String, blocks: [DashboardBlock], site: Site) -> [String] {
        var taken: Set<String> = []
        return blocks.enumerated().map { index, block in
            var base = block.title.map(Slug.make) ?? ""
            if base.isEmpty {
                let label = site.dictionary.indicators.first { $0.id == block.indicator.id }?.label.text(site.config.language)
                base = block.indicator.id == DashboardBlock.fundingByType ? "financements-par-type" : Slug.make(label ?? block.indicator.id)
                if block.by != .site, let words = groupingWords[block.by] { base += "-par-" + words }
            }
            if base.isEmpty { base = "bloc-\(index + 1)" }
            var name = base
            var suffix = 2
            while taken.contains(name) || taken.contains(name + spreadsheetSuffix) {
                name = "\(base)-\(suffix)"
                suffix += 1
            }
            taken.insert(name)
            taken.insert(name + spreadsheetSuffix)
            return "data/tableaux-de-bord/\(dashboard)/\(name)"
        }
    }

    /// The open data of block `index` of a dashboard (`dataBlocks`), or `data/tableaux-de-bord/<dashboard>/bloc-<index + 1>`
    /// for an index the blocks do not have.
    public static func dataBlock(dashboard: String, blocks: [DashboardBlock], site: Site, index: Int) -> String {
        let stems = dataBlocks(dashboard: dashboard, blocks: blocks, site: site)
        return stems.indices.contains(index) ? stems[index] : "data/tableaux-de-bord/\(dashboard)/bloc-\(index + 1)"
    }

    /// A grouping key in a file name.
    static let groupingWords: [GroupingKey: String] = [
        .theme: "theme", .region: "region", .department: "departement", .level: "niveau", .funder: "financeur",
        .funderType: "type-de-financeur", .year: "annee", .kind: "type-de-fiche",
    ]

    /// What the spreadsheet copy of a CSV adds to its name: `data/fiches.csv` → `data/fiches-tableur.csv`.
    public static let spreadsheetSuffix = "-tableur"

    /// The spreadsheet copy (`;`, decimal comma, byte-order mark) of the CSV of a stem: `data/fiches` → `data/fiches-tableur.csv`.
    public static func dataSpreadsheet(_ stem: String) -> String { stem + spreadsheetSuffix + ".csv" }

    /// The funding lines in the national subsidies schema (SCDL), and the report of the lines it lacks, without extension.
    public static let dataSCDL = "data/subventions-scdl"
    public static let dataSCDLReport = "data/subventions-scdl-rapport"

    /// The page that describes every file of the open data.
    public static let data = "donnees/"
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
