import PasserelleIndicators
import PasserelleModel

/// One row of an indicator block: a group, its aggregate, its coverage, the cards behind it.
public struct BlockRow: Sendable {
    public var group: String
    public var label: String
    public var value: Double?
    public var reporting: Int
    public var cards: Int
    /// The cards of the group, each with its own value: the block's provenance.
    public var contributions: [Contribution]
    /// Funding blocks: the amounts as written (each over its own period) and the periods they cover.
    public var total: Double?
    public var periods: [Int]
    /// Stacked funding blocks: this group's amount per year for each funder type of `BlockData.segmentKeys`.
    public var segments: [Double] = []
}

/// An indicator block computed: what the page draws and what the CSV and JSON beside it hold.
public struct BlockData: Sendable {
    public var dashboardID: String
    public var index: Int
    public var block: DashboardBlock
    public var title: String
    public var unit: MeasureUnit
    public var aggregate: AggregateFunction?
    public var rows: [BlockRow]
    /// The cards the block counts (its scope and filter applied).
    public var cardIDs: [String] = []
    /// Stacked funding blocks: the funder types each row is cut into, and their labels.
    public var segmentKeys: [String] = []
    public var segmentLabels: [String] = []

    public var isFunding: Bool { block.indicator.id == DashboardBlock.fundingByType }
    public var fileStem: String { "data/tableaux-de-bord/\(dashboardID)-\(index + 1)" }
}

/// The blocks of every dashboard of a site, computed once for the pages and for the open data.
public struct ComputedBlocks: Sendable {
    /// By dashboard record id.
    public var dashboards: [String: [BlockData]] = [:]
    /// By generated page id (regions, funder types, themes).
    public var generated: [String: [BlockData]] = [:]

    public init() {}
}

/// Computes the blocks of dashboards from the measured cards.
public enum DashboardData {
    /// Every dashboard record's blocks, and the blocks of the generated pages (regions and funder types when the
    /// site has dashboards, themes always).
    public static func all(site: Site, measures: [String: CardMeasures], indicators: [Indicator], labels: Labels) -> ComputedBlocks {
        var computed = ComputedBlocks()
        for record in site.records(of: .dashboard) {
            guard case .dashboard(let dashboard) = record.payload else { continue }
            computed.dashboards[record.id] = blocks(of: record, dashboard, site: site, measures: measures,
                                                    indicators: indicators, labels: labels)
        }
        let pages = (site.records(of: .dashboard).isEmpty ? [] : GeneratedDashboard.all(site: site, labels: labels))
            + GeneratedDashboard.themes(site: site)
        for page in pages {
            computed.generated[page.id] = page.data(site: site, measures: measures, indicators: indicators, labels: labels)
        }
        return computed
    }

    public static func blocks(of record: Record, _ dashboard: Dashboard, site: Site, measures: [String: CardMeasures],
                              indicators: [Indicator], labels: Labels) -> [BlockData] {
        blocks(dashboardID: record.id, dashboard.blocks, scope: { _ in true }, site: site, measures: measures,
               indicators: indicators, labels: labels)
    }

    /// The blocks of a dashboard whose cards are those `scope` keeps (a region's, a funder type's…).
    public static func blocks(dashboardID: String, _ blocks: [DashboardBlock], scope: (Record) -> Bool, site: Site,
                              measures: [String: CardMeasures], indicators: [Indicator], labels: Labels) -> [BlockData] {
        let language = site.config.language
        let inScope = site.cards.filter(scope)
        return blocks.enumerated().compactMap { index, block in
            // A filtered block sees only its cards.
            let cards = inScope.filter(block.filter.includes)
            let aggregator = Aggregator(site: site, measures: measures, cards: cards)
            let label = { (group: String) in groupLabel(group, by: block.by, site: site, labels: labels) }
            if block.indicator.id == DashboardBlock.fundingByType && block.by != .site {
                // Funding per group (region, theme…), each cut by funder type, brought to one year.
                let types = aggregator.fundingByType().map(\.group)
                var members: [String: [Record]] = [:]
                for card in cards {
                    for group in aggregator.groups(of: card, by: block.by) { members[group, default: []].append(card) }
                }
                let rows = members.keys.sorted().map { group -> BlockRow in
                    let memberIDs = Set((members[group] ?? []).map(\.id))
                    let sub = Aggregator(site: site, measures: measures, cards: members[group] ?? [])
                    let byType = Dictionary(uniqueKeysWithValues: sub.fundingByType().map { ($0.group, $0) })
                    let segments = types.map { byType[$0]?.annualised ?? 0 }
                    return BlockRow(group: group, label: label(group), value: segments.reduce(0, +), reporting: memberIDs.count,
                                    cards: memberIDs.count, contributions: [], total: byType.values.reduce(0) { $0 + $1.total },
                                    periods: Array(Set(byType.values.flatMap(\.periods))).sorted(), segments: segments)
                }
                return BlockData(dashboardID: dashboardID, index: index, block: block,
                                 title: block.title ?? labels["funding_by_type_title"], unit: .EUR, aggregate: nil, rows: rows,
                                 cardIDs: cards.map(\.id), segmentKeys: types,
                                 segmentLabels: types.map { groupLabel($0, by: .funderType, site: site, labels: labels) })
            }
            if block.indicator.id == DashboardBlock.fundingByType {
                let rows = aggregator.fundingByType().map { group in
                    BlockRow(group: group.group, label: groupLabel(group.group, by: .funderType, site: site, labels: labels), value: group.annualised,
                             reporting: Set(group.contributions.map(\.cardID)).count, cards: cards.count, contributions: [],
                             total: group.total, periods: group.periods)
                }
                return BlockData(dashboardID: dashboardID, index: index, block: block,
                                 title: block.title ?? labels["funding_by_type_title"], unit: .EUR, aggregate: nil, rows: rows,
                                 cardIDs: cards.map(\.id))
            }
            guard let indicator = indicators.first(where: { $0.id == block.indicator.id }) else { return nil }
            let rows = aggregator.aggregate(indicator, by: block.by).map { group in
                BlockRow(group: group.group, label: label(group.group), value: group.value, reporting: group.reporting,
                         cards: group.total, contributions: group.contributions, total: nil, periods: [])
            }
            return BlockData(dashboardID: dashboardID, index: index, block: block,
                             title: block.title ?? indicator.source.label.text(language), unit: indicator.source.unit,
                             aggregate: indicator.source.aggregate, rows: rows, cardIDs: cards.map(\.id))
        }
    }

    /// What a reader calls a group: a theme's label, an organisation's name, "Région" for a funder type…
    static func groupLabel(_ group: String, by key: GroupingKey, site: Site, labels: Labels) -> String {
        switch key {
        case .site: return labels["all_cards_group"]
        case .theme: return site.theme(group)?.label ?? group
        case .region, .year: return group
        case .department: return labels.format("department", ["codes": group])
        case .level: return labels["level_\(group)"]
        case .funder: return site.record(group)?.title ?? group
        case .funderType: return group == "joint" ? labels["joint_funding"] : labels["type_\(group)"]
        case .kind: return labels["kind_\(group)"]
        }
    }
}

/// The dashboards Passerelle writes by itself: one per region and one per type of funder.
public struct GeneratedDashboard: Sendable {
    public enum Scope: Sendable, Hashable {
        case region(String)
        case funderType(OrganisationType)
        /// A theme's figures, shown on the theme's own page.
        case theme(String)
    }

    public var scope: Scope
    public var title: String

    /// The stem of its data files and its id in datapackage.json.
    public var id: String {
        switch scope {
        case .region(let name): return "region-" + Slug.make(name)
        case .funderType(let type): return "financeurs-" + Slug.make(type.rawValue)
        case .theme(let id): return "theme-" + id
        }
    }

    /// The data files of the page's list of cards (as fiches.csv).
    public var cardsStem: String { "data/fiches/\(id)" }

    /// The data files of the page's indicator summary.
    public var summaryStem: String { "data/tableaux-de-bord/\(id)" }

    public var route: String {
        switch scope {
        case .region(let name): return "regions/\(Slug.make(name))/"
        case .funderType(let type): return "financeurs/\(Slug.make(type.rawValue))/"
        case .theme(let id): return "themes/\(id)/"
        }
    }

    public func includes(_ record: Record, in site: Site) -> Bool {
        guard let card = record.card else { return false }
        switch scope {
        case .region(let name): return site.regions(of: card).contains(name)
        case .funderType(let type):
            return card.funding.contains { line in line.funders.contains { site.organisation($0.id)?.type == type } }
        case .theme(let id): return record.themes.contains { $0.id == id }
        }
    }

    /// Every indicator over the scope's cards, then their funding by type of funder.
    public func blocks(indicators: [Indicator]) -> [DashboardBlock] {
        indicators.map { DashboardBlock(indicator: Reference($0.id, at: .start), by: .site, chart: .table) }
            + [DashboardBlock(indicator: Reference(DashboardBlock.fundingByType, at: .start), chart: .bar)]
    }

    /// The figures of each theme that has cards, for the theme pages.
    public static func themes(site: Site) -> [GeneratedDashboard] {
        site.config.themes.filter { theme in site.cards.contains { $0.themes.contains { $0.id == theme.id } } }
            .map { GeneratedDashboard(scope: .theme($0.id), title: $0.label) }
    }

    public static func all(site: Site, labels: Labels) -> [GeneratedDashboard] {
        let regions = Set(site.cards.compactMap(\.card).flatMap { site.regions(of: $0) }).sorted()
        let types = Set(site.cards.compactMap(\.card).flatMap { card in
            card.funding.flatMap { line in line.funders.compactMap { site.organisation($0.id)?.type } }
        })
        let orderedTypes = OrganisationType.allCases.filter(types.contains)
        return regions.map { GeneratedDashboard(scope: .region($0), title: $0) }
            + orderedTypes.map { GeneratedDashboard(scope: .funderType($0), title: labels.format("funder_type_page", ["type": labels["type_\($0.rawValue)"]])) }
    }

    public func data(site: Site, measures: [String: CardMeasures], indicators: [Indicator], labels: Labels) -> [BlockData] {
        DashboardData.blocks(dashboardID: id, blocks(indicators: indicators), scope: { includes($0, in: site) }, site: site,
                             measures: measures, indicators: indicators, labels: labels)
    }
}
