import Foundation
import PasserelleIndicators
import PasserelleModel

/// A dimension the card list is filtered by, one at a time on the pages without JavaScript.
public enum CardFacet: String, CaseIterable, Sendable, Hashable {
    case theme, region, funder, year, status

    /// Its folder under `fiches/`.
    public var segment: String {
        switch self {
        case .theme: return "theme"
        case .region: return "region"
        case .funder: return "financeur"
        case .year: return "annee"
        case .status: return "statut"
        }
    }
}

/// An order of the card list.
public enum CardSort: String, CaseIterable, Sendable, Hashable {
    case title, year, budget

    /// Its folder under the list (`tri/annee/`); nil for the default order, by title.
    public var segment: String? {
        switch self {
        case .title: return nil
        case .year: return "annee"
        case .budget: return "budget"
        }
    }
}

/// One page of the card list: every card or one value of one dimension, in one order.
public struct CardListPage: Sendable, Hashable {
    public var facet: CardFacet?
    /// The value's slug (a theme id, a region slug, a funder-type slug, a year, a status slug).
    public var value: String?
    public var sort: CardSort
    public var page: Int

    public init(facet: CardFacet? = nil, value: String? = nil, sort: CardSort = .title, page: Int = 1) {
        self.facet = facet
        self.value = value
        self.sort = sort
        self.page = page
    }

    public var filter: String? {
        guard let facet, let value else { return nil }
        return facet.segment + "/" + value
    }

    public var route: String { Routes.cardList(filter: filter, sort: sort.segment, page: page) }
}

/// One value of a dimension and the cards that have it, in title order.
public struct FacetValue: Sendable {
    /// Its slug in addresses and in the JSON index.
    public var slug: String
    /// What identifies it in the site: a theme id, a region name, a funder type, a year, a status; nil for the
    /// cards that have none ("sans thème", "année non précisée").
    public var key: String?
    /// Indexes into `CardCatalog.entries`.
    public var members: [Int]
}

/// A card as the lists see it: what it is filtered and sorted by. Computed once per build.
public struct CardEntry: Sendable {
    public var record: Record
    public var themes: [String]
    public var regions: [String]
    public var funderTypes: [OrganisationType]
    /// Every funder named on its funding lines, in order, once each.
    public var funders: [String]
    public var year: Int?
    public var status: CardStatus?
    /// The territory's name, as written.
    public var territory: String?
    /// Per-year budget first, then the budget as written for money with no per-year value; nil without budget.
    public var budgetKey: (rank: Int, amount: Double)?
}

/// Every card once, with its dimensions, the values of each dimension, the orders, and the related cards. Built
/// once from the site and the measures; the list pages, the JSON index and the card pages read it.
public struct CardCatalog: Sendable {
    /// In title order.
    public var entries: [CardEntry]
    public var facets: [CardFacet: [FacetValue]]
    /// Per sort, the entry indexes in that order.
    public var orders: [CardSort: [Int]]
    /// Per card id, its place in `entries`.
    public var position: [String: Int]
    /// The cards of each value of each dimension in each order, by `<facet>/<slug>/<sort>`, worked out once.
    var sortedMembers: [String: [Int]] = [:]
    /// Who shares what, for the related cards: entry indexes per theme, funder, territory and region.
    var byTheme: [String: [Int]] = [:], byFunder: [String: [Int]] = [:], byTerritory: [String: [Int]] = [:], byRegion: [String: [Int]] = [:]

    public static let pageSize = 24
    /// Cards shown on the home page.
    public static let homeCount = 6
    /// Related cards on a card.
    public static let relatedCount = 4

    /// The slug of a status in addresses (French whatever the site's language, like the other addresses).
    public static func statusSlug(_ status: CardStatus) -> String {
        switch status {
        case .idea: return "idee"
        case .ongoing: return "en-cours"
        case .completed: return "termine"
        case .stopped: return "arrete"
        }
    }

    /// The slug of the cards without a value of a dimension.
    public static func noneSlug(_ facet: CardFacet) -> String {
        switch facet {
        case .theme: return "sans-theme"
        case .region: return "region-non-precisee"
        case .funder: return "sans-financeur"
        case .year: return "annee-non-precisee"
        case .status: return "statut-non-precise"
        }
    }

    /// French-first comparison of titles: accents and case folded, then the title as written, then the id.
    /// French order of titles (accents and case ignored first: `Collation`), then the id.
    static func titleKey(_ record: Record) -> (Collation.Key, String) {
        (Collation.key(record.title), record.id)
    }

    public init(site: Site, figures: SiteMeasures, funderTypeSlug: (OrganisationType) -> String) {
        let records = site.cards.sorted { Self.titleKey($0) < Self.titleKey($1) }
        entries = records.map { record in
            let card = record.card ?? Card()
            var funders: [String] = []
            for line in card.funding { for funder in line.funders where !funders.contains(funder.id) { funders.append(funder.id) } }
            let types = Set(funders.compactMap { site.organisation($0)?.type })
            var budgetKey: (Int, Double)?
            if let totals = figures.cards[record.id]?.facts.budgetTotals {
                if let perYear = totals.perYear { budgetKey = (0, perYear) } else if let written = totals.asWritten { budgetKey = (1, written) }
            }
            return CardEntry(record: record, themes: record.themes.map(\.id).filter { site.theme($0) != nil },
                             regions: site.regions(of: card), funderTypes: OrganisationType.allCases.filter(types.contains),
                             funders: funders, year: card.period?.start, status: card.status, territory: card.territory?.name,
                             budgetKey: budgetKey)
        }
        position = Dictionary(entries.enumerated().map { ($1.record.id, $0) }, uniquingKeysWith: { a, _ in a })
        let all = Array(entries.indices)
        let entries = self.entries
        func grouped(_ facet: CardFacet, _ keys: [(slug: String, key: String)], _ has: (CardEntry) -> [String]) -> [FacetValue] {
            var values = keys.map { FacetValue(slug: $0.slug, key: $0.key, members: []) }
            let index = Dictionary(keys.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
            var none: [Int] = []
            for position in all {
                let found = has(entries[position]).compactMap { index[$0] }
                if found.isEmpty { none.append(position) }
                for slot in found { values[slot].members.append(position) }
            }
            values = values.filter { !$0.members.isEmpty }
            if !none.isEmpty { values.append(FacetValue(slug: Self.noneSlug(facet), key: nil, members: none)) }
            return values
        }
        let regions = Set(entries.flatMap(\.regions)).sorted(by: Collation.precedes)
        let types = OrganisationType.allCases.filter { type in entries.contains { $0.funderTypes.contains(type) } }
        let years = Set(entries.compactMap(\.year)).sorted(by: >)
        facets = [
            .theme: grouped(.theme, site.config.themes.map { ($0.id, $0.id) }, \.themes),
            .region: grouped(.region, regions.map { (Regions.slug($0), $0) }, \.regions),
            .funder: grouped(.funder, types.map { (funderTypeSlug($0), $0.rawValue) }, { $0.funderTypes.map(\.rawValue) }),
            .year: grouped(.year, years.map { (String($0), String($0)) }, { $0.year.map { [String($0)] } ?? [] }),
            .status: grouped(.status, CardStatus.allCases.map { (Self.statusSlug($0), $0.rawValue) }, { $0.status.map { [$0.rawValue] } ?? [] }),
        ]
        orders = [
            .title: all,
            // Latest first; cards without a year last, each group by title.
            .year: all.sorted { a, b in
                let (x, y) = (entries[a].year, entries[b].year)
                if x != y { return (x ?? Int.min) > (y ?? Int.min) }
                return a < b
            },
            // Largest yearly budget first, then money without a yearly value as written, then cards without budget.
            .budget: all.sorted { a, b in
                let (x, y) = (entries[a].budgetKey, entries[b].budgetKey)
                switch (x, y) {
                case let (x?, y?):
                    if x.rank != y.rank { return x.rank < y.rank }
                    if x.amount != y.amount { return x.amount > y.amount }
                    return a < b
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return a < b
                }
            },
        ]
        index()
    }

    /// The lookup tables: each value's cards in each order, and who shares a theme, a funder, a territory, a region.
    mutating func index() {
        for (position, entry) in entries.enumerated() {
            for theme in entry.themes { byTheme[theme, default: []].append(position) }
            for funder in entry.funders { byFunder[funder, default: []].append(position) }
            if let territory = entry.territory { byTerritory[territory, default: []].append(position) }
            for region in entry.regions { byRegion[region, default: []].append(position) }
        }
        var rank: [CardSort: [Int]] = [:]
        for (sort, order) in orders {
            var positions = [Int](repeating: 0, count: entries.count)
            for (place, entry) in order.enumerated() { positions[entry] = place }
            rank[sort] = positions
        }
        for (facet, values) in facets {
            for value in values {
                for sort in CardSort.allCases {
                    let positions = rank[sort] ?? []
                    sortedMembers["\(facet.rawValue)/\(value.slug)/\(sort.rawValue)"] = sort == .title ? value.members
                        : value.members.sorted { positions[$0] < positions[$1] }
                }
            }
        }
    }

    /// The cards of a page before paging: every card, or those of one value, in the page's order.
    public func members(facet: CardFacet?, value: String?) -> [Int]? {
        guard let facet else { return Array(entries.indices) }
        return facets[facet]?.first { $0.slug == value }?.members
    }

    /// The cards of a page before paging, in the page's order.
    public func ordered(facet: CardFacet?, value: String?, sort: CardSort) -> [Int] {
        guard let facet else { return orders[sort] ?? [] }
        return sortedMembers["\(facet.rawValue)/\(value ?? "")/\(sort.rawValue)"] ?? []
    }

    public static func pageCount(_ count: Int) -> Int { max(1, (count + pageSize - 1) / pageSize) }

    /// Every page of the card list: every card in each order, then each value of each dimension in title order, all
    /// paginated. One dimension at a time and one order per value, so the count stays in proportion to the cards and
    /// small (never a cross product); the list's script sorts a filtered list in the browser.
    public var pages: [CardListPage] {
        var pages: [CardListPage] = []
        func add(_ facet: CardFacet?, _ value: String?, _ count: Int) {
            for sort in facet == nil ? CardSort.allCases : [.title] {
                for page in 1...Self.pageCount(count) { pages.append(CardListPage(facet: facet, value: value, sort: sort, page: page)) }
            }
        }
        add(nil, nil, entries.count)
        for facet in CardFacet.allCases {
            for value in facets[facet] ?? [] { add(facet, value.slug, value.members.count) }
        }
        return pages
    }

    /// Up to `relatedCount` other cards, ranked by what they share with this one: themes, territory or region,
    /// funders. Ties in title order. Cards that share nothing are not related.
    public func related(to id: String) -> [CardEntry] {
        guard let index = position[id] else { return [] }
        let card = entries[index]
        var shared = [Int](repeating: 0, count: entries.count)
        var place = [Int](repeating: 0, count: entries.count)
        for theme in card.themes { for other in byTheme[theme] ?? [] { shared[other] += 3 } }
        for funder in card.funders { for other in byFunder[funder] ?? [] { shared[other] += 2 } }
        for region in card.regions { for other in byRegion[region] ?? [] { place[other] = 2 } }
        if let territory = card.territory { for other in byTerritory[territory] ?? [] { place[other] = 3 } }
        var scored: [(score: Int, index: Int)] = []
        for other in entries.indices where other != index && shared[other] + place[other] > 0 {
            scored.append((shared[other] + place[other], other))
        }
        return scored.sorted { ($0.score, -$0.index) > ($1.score, -$1.index) }.prefix(Self.relatedCount).map { entries[$0.index] }
    }

    /// The cards of the home page: the latest by date (or year), then by title.
    public var latest: [CardEntry] {
        entries.indices.sorted { a, b in
            let (x, y) = (entries[a].record.date, entries[b].record.date)
            if x != y { return (x ?? .distantPast) > (y ?? .distantPast) }
            let (p, q) = (entries[a].year, entries[b].year)
            if p != q { return (p ?? Int.min) > (q ?? Int.min) }
            return a < b
        }.prefix(Self.homeCount).map { entries[$0] }
    }
}
