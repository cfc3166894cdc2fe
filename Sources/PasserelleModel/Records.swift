/// The kinds of record a site holds; `kind:` in the front matter is the truth.
public enum RecordKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case project, initiative, article, page, organisation, term, dashboard

    public var isCard: Bool { self == .project || self == .initiative }

    /// "a project", "an article": how messages name a record of this kind.
    public var withArticle: String {
        (["a", "e", "i", "o", "u"].contains(rawValue.prefix(1)) ? "an " : "a ") + rawValue
    }

    private var rank: Int {
        switch self {
        case .project: 0
        case .initiative: 1
        case .article: 2
        case .page: 3
        case .organisation: 4
        case .term: 5
        case .dashboard: 6
        }
    }

    public static func < (lhs: RecordKind, rhs: RecordKind) -> Bool { lhs.rank < rhs.rank }
}

/// A reference to another record or to a declared id (theme, section, metric), with where it was written.
public struct Reference: Sendable, Hashable {
    public var id: String
    public var location: SourceLocation

    public init(_ id: String, at location: SourceLocation) {
        self.id = id
        self.location = location
    }
}

/// A calendar day without time zone, as written in front matter (`2014-01-10`).
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Before any real date: sorts undated records last in newest-first lists.
    public static let distantPast = Day(unchecked: 1, 1, 1)

    /// Parses `YYYY-MM-DD` strictly; nil for anything else or a day that does not exist.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// Attribution of a record written from someone else's document.
public struct SourceAttribution: Sendable, Hashable {
    public var label: String
    public var url: String?
    public var licence: String?

    public init(label: String, url: String? = nil, licence: String? = nil) {
        self.label = label
        self.url = url
        self.licence = licence
    }
}

/// A labelled link.
public struct Link: Sendable, Hashable {
    public var label: String
    public var url: String

    public init(label: String, url: String) {
        self.label = label
        self.url = url
    }
}

/// One record: a file of `Content/` decoded and validated, before references are resolved.
public struct Record: Sendable, Identifiable {
    public var kind: RecordKind
    public var id: String
    public var title: String
    public var summary: String?
    public var date: Day?
    public var updated: Day?
    public var draft: Bool
    public var themes: [Reference]
    public var source: SourceAttribution?
    public var aliases: [String]
    /// Where each of `aliases` was written (same order), for the diagnostics of redirects.
    public var aliasLocations: [SourceLocation] = []
    /// The Markdown body, kept as text until rendering.
    public var body: String
    /// The line of the file where the body starts (for positions inside bodies).
    public var bodyLine: Int
    /// The file as the user sees it, e.g. `Content/projects/cap-ondaine.md`.
    public var file: String
    /// Where `id:` was written, or the start of the file when the id comes from the file name.
    public var idLocation: SourceLocation
    /// False when the record opts out of glossary links (`glossary: false`).
    public var linksGlossary: Bool
    public var payload: Payload
    /// The `media/…` addresses the record writes (its text's images and links, its `url:` and `website:` fields).
    public var mediaReferences: [MediaReference] = []

    public init(kind: RecordKind, id: String, title: String, summary: String? = nil, date: Day? = nil,
                updated: Day? = nil, draft: Bool = false, themes: [Reference] = [], source: SourceAttribution? = nil,
                aliases: [String] = [], body: String = "", bodyLine: Int = 1, file: String,
                idLocation: SourceLocation = .start, linksGlossary: Bool = true, payload: Payload) {
        self.kind = kind
        self.id = id
        self.title = title
        self.summary = summary
        self.date = date
        self.updated = updated
        self.draft = draft
        self.themes = themes
        self.source = source
        self.aliases = aliases
        self.body = body
        self.bodyLine = bodyLine
        self.file = file
        self.idLocation = idLocation
        self.linksGlossary = linksGlossary
        self.payload = payload
    }

    /// What only one kind has.
    public enum Payload: Sendable {
        case card(Card)
        case article(Article)
        case page(Page)
        case organisation(Organisation)
        case term(Term)
        case dashboard(Dashboard)
    }

    public var card: Card? {
        if case .card(let card) = payload { return card }
        return nil
    }

    public var article: Article? {
        if case .article(let article) = payload { return article }
        return nil
    }

    public var page: Page? {
        if case .page(let page) = payload { return page }
        return nil
    }

    public var organisation: Organisation? {
        if case .organisation(let organisation) = payload { return organisation }
        return nil
    }

    public var term: Term? {
        if case .term(let term) = payload { return term }
        return nil
    }
}

/// A key figure of an article's box ("70 CAE en France").
public struct KeyFigure: Sendable, Hashable {
    public var value: Double
    public var unit: String?
    public var label: String

    public init(value: Double, unit: String? = nil, label: String) {
        self.value = value
        self.unit = unit
        self.label = label
    }
}

public struct Article: Sendable {
    public var author: String?
    public var section: Reference?
    public var figures: [KeyFigure]

    public init(author: String? = nil, section: Reference? = nil, figures: [KeyFigure] = []) {
        self.author = author
        self.section = section
        self.figures = figures
    }
}

public struct Page: Sendable {
    public var section: Reference?
    public var weight: Int

    public init(section: Reference? = nil, weight: Int = 0) {
        self.section = section
        self.weight = weight
    }
}

/// What kind of body an organisation is; funders are grouped by it.
public enum OrganisationType: String, Sendable, Hashable, CaseIterable {
    case region, state, europe, department, intercommunality, commune
    case publicAgency = "public_agency"
    case `private`
    case selfFinancing = "self_financing"
    case association, cooperative, other

    /// Public money: the share of a card's funding that comes from public bodies.
    public var isPublic: Bool {
        switch self {
        case .region, .state, .europe, .department, .intercommunality, .commune, .publicAgency: return true
        case .private, .selfFinancing, .association, .cooperative, .other: return false
        }
    }

    /// Its name in addresses and data file names, in French like the rest of the site: `financeurs/etat/`.
    public var slug: String {
        switch self {
        case .region: return "region"
        case .state: return "etat"
        case .europe: return "europe"
        case .department: return "departement"
        case .intercommunality: return "intercommunalite"
        case .commune: return "commune"
        case .publicAgency: return "agence-publique"
        case .private: return "prive"
        case .selfFinancing: return "autofinancement"
        case .association: return "association"
        case .cooperative: return "cooperative"
        case .other: return "autre"
        }
    }
}

public struct Organisation: Sendable {
    public var name: String
    public var type: OrganisationType
    public var territory: Territory?
    public var website: String?
    public var siret: String?

    public init(name: String, type: OrganisationType, territory: Territory? = nil, website: String? = nil, siret: String? = nil) {
        self.name = name
        self.type = type
        self.territory = territory
        self.website = website
        self.siret = siret
    }
}

public struct Term: Sendable {
    public var term: String
    public var aliases: [String]

    public init(term: String, aliases: [String] = []) {
        self.term = term
        self.aliases = aliases
    }
}

/// How a dashboard or the terminal view groups cards.
public enum GroupingKey: String, Sendable, Hashable, CaseIterable {
    /// One group: the whole site.
    case site
    case theme, region, department
    /// The territory level (commune, intercommunality, department…).
    case level
    /// The organisations that fund the card.
    case funder
    case funderType = "funder_type"
    /// The first year of the card (its period, else its budget's year, else its latest results).
    case year
    case kind
}

/// How an indicator block is drawn.
public enum ChartKind: String, Sendable, Hashable, CaseIterable {
    /// Horizontal bars, one per group, with the table beside.
    case bar
    /// One large figure (for a single group), with the table beside.
    case figure
    /// A ring cut in the groups' shares of the total (sums only), with a legend and the table beside.
    case donut
    /// Funding by funder type, one bar per group (`by:`) cut by type, with the table beside.
    case stacked
    /// The table alone.
    case table
}

/// Which cards an indicator block counts.
public struct BlockFilter: Sendable, Hashable {
    public var themes: [Reference]
    public var kinds: [RecordKind]

    public init(themes: [Reference] = [], kinds: [RecordKind] = []) {
        self.themes = themes
        self.kinds = kinds
    }

    public func includes(_ record: Record) -> Bool {
        (themes.isEmpty || record.themes.contains { theme in themes.contains { $0.id == theme.id } })
            && (kinds.isEmpty || kinds.contains(record.kind))
    }
}

/// An ```indicator block of a dashboard's body.
public struct DashboardBlock: Sendable, Hashable {
    /// An indicator of indicators.yml, or `funding_by_type`.
    public var indicator: Reference
    public var by: GroupingKey
    public var chart: ChartKind
    public var filter: BlockFilter
    /// An optional title shown above the block (default: the indicator's label).
    public var title: String?

    public init(indicator: Reference, by: GroupingKey = .site, chart: ChartKind = .bar, filter: BlockFilter = BlockFilter(), title: String? = nil) {
        self.indicator = indicator
        self.by = by
        self.chart = chart
        self.filter = filter
        self.title = title
    }

    /// The built-in block that sums funding by funder type, totals and per year.
    public static let fundingByType = "funding_by_type"
}

public struct Dashboard: Sendable {
    /// The blocks, in the order of the body.
    public var blocks: [DashboardBlock]

    public init(blocks: [DashboardBlock] = []) {
        self.blocks = blocks
    }
}
