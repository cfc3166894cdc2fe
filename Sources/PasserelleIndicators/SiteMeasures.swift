import Dispatch
import PasserelleModel

/// An indicator aggregated by group for a block: the groups, the total over distinct cards, and whether groups overlap.
public struct IndicatorTable: Sendable {
    public var indicator: Indicator
    public var by: GroupingKey
    public var rows: [GroupValue]
    /// The indicator over every card of the scope, each counted once: the figure to read instead of adding rows.
    public var overall: GroupValue
    /// A card can be in several groups (three themes): the rows must not be added (money.md §6).
    public var overlapping: Bool

    /// Each group's part of the sum of the groups, for a chart of parts of a whole (sums only, groups that do not
    /// overlap); nil otherwise.
    public var shares: [String: Double]? {
        guard indicator.source.aggregate == .sum, !overlapping else { return nil }
        return Self.shares(rows.map { ($0.group, $0.value) })
    }

    static func shares(_ values: [(String, Double?)]) -> [String: Double] {
        let total = values.reduce(0) { $0 + max($1.1 ?? 0, 0) }
        guard total > 0 else { return [:] }
        return Dictionary(values.compactMap { group, value in value.map { (group, max($0, 0) / total) } }, uniquingKeysWith: { a, _ in a })
    }
}

/// Funding of a scope by funder type, one column per horizon (money.md §5).
public struct FundingTable: Sendable {
    public var rows: [FundingGroup]
    /// Every line of the scope together.
    public var overall: FundingGroup

    /// Each group's part of the yearly money (one-off and unknown money apart).
    public var perYearShares: [String: Double] { IndicatorTable.shares(rows.map { ($0.group, $0.perYear) }) }
}

/// Funding per group of cards (region, theme…), each cut by funder type, per year: the numbers of a stacked chart.
public struct StackedFunding: Sendable {
    public struct Row: Sendable {
        public var group: String
        public var cards: Int
        /// By funder type (`types`' order); a type absent from the group has no entry.
        public var byType: [String: FundingGroup]
        /// The group's yearly money, all types together.
        public var perYear: Double?
        /// The group's money per horizon, all types together (one-off and not-broken-down money included).
        public var totals: HorizonTotals
        /// True when the group has funding lines at all (with or without amounts).
        public var hasLines: Bool
    }

    /// The funder types, in order.
    public var types: [String]
    public var rows: [Row]
    public var overlapping: Bool
}

/// One computed dashboard block: what the page draws, the open data holds and the command line prints.
public struct BlockResult: Sendable {
    public enum Content: Sendable {
        case indicator(IndicatorTable)
        case funding(FundingTable)
        case stacked(StackedFunding)
    }

    /// Its place among its dashboard's blocks.
    public var index: Int
    public var block: DashboardBlock
    /// The cards it counts (its scope and filter applied).
    public var cardIDs: [String]
    public var content: Content

    public var isFunding: Bool { block.indicator.id == DashboardBlock.fundingByType }
}

/// The pages Passerelle writes by itself: one per region, one per funder type, one per theme.
public enum GeneratedScope: Sendable, Hashable {
    case region(String)
    case funderType(OrganisationType)
    case theme(String)

    /// The stem of its data files and its id in datapackage.json.
    public var id: String {
        switch self {
        case .region(let name): return "region-" + Slug.make(name)
        case .funderType(let type): return "financeurs-" + type.slug
        case .theme(let id): return "theme-" + id
        }
    }

    public func includes(_ record: Record, in site: Site) -> Bool {
        guard let card = record.card else { return false }
        switch self {
        case .region(let name): return site.regions(of: card).contains(name)
        case .funderType(let type):
            return card.funding.contains { line in line.funders.contains { site.organisation($0.id)?.type == type } }
        case .theme(let id): return record.themes.contains { $0.id == id }
        }
    }
}

/// A generated page computed: its cards and its blocks.
public struct GeneratedPage: Sendable {
    public var scope: GeneratedScope
    public var cardIDs: [String]
    /// Every indicator over the cards, then the funding by type; for a funder type, only the indicators that read
    /// results (shown under "cofinanced cards' results"), never the cards' budgets or funding as the funder's.
    public var blocks: [BlockResult]
}

/// Why a leverage (budget ÷ contribution) cannot be given.
public enum LeverageGap: Sendable, Hashable {
    case joint
    case amountNotStated
    case notBrokenDown
    /// The card has no budget of the contribution's horizon.
    case noBudgetOfHorizon(Horizon)
}

/// One funding line of a funder (or a funder type) on one card (money.md §7).
public struct FunderContribution: Sendable, Hashable {
    public var cardID: String
    public var line: Int
    public var funders: [String]
    public var amount: Double?
    public var horizon: Horizon
    public var horizonInherited: Bool
    public var year: Int?
    /// Its share of the card's budget of the same horizon (of the whole budget as written, for money not broken
    /// down); nil for a joint line.
    public var shareOfBudget: Double?
    /// The card's budget of the same horizon ÷ the amount, or why there is none.
    public var leverage: Double?
    public var leverageGap: LeverageGap?

    public var isJoint: Bool { funders.count > 1 }
}

/// What a funder (or every funder of a type) paid, per card and per horizon, and the cards it co-funds.
public struct FunderReport: Sendable {
    public var contributions: [FunderContribution]
    /// Known amounts summed per horizon; joint lines are not in it (their split is unknown).
    public var totals: HorizonTotals
    /// Joint lines it is part of, with their amounts per horizon (the whole line, shared).
    public var jointTotals: HorizonTotals
    public var linesWithoutAmount: Int
    /// The co-funded cards, in site order.
    public var cardIDs: [String]
}

/// Every figure of the site, computed once in the measure stage (money.md §9): cards, dashboard blocks, generated
/// pages and funder reports. Pages, open data and the command line only read it.
public struct SiteMeasures: Sendable {
    public var cards: [String: CardMeasures]
    public var indicators: [Indicator]
    /// By dashboard record id.
    public var dashboards: [String: [BlockResult]]
    /// Regions and funder types (when the site has dashboards), and themes with cards.
    public var generated: [GeneratedPage]
    /// By organisation id, for every organisation that appears on a funding line.
    public var funders: [String: FunderReport]
    public var funderTypes: [OrganisationType: FunderReport]
    /// Every indicator over the whole site, each card once.
    public var site: [String: GroupValue]

    public func generated(_ scope: GeneratedScope) -> GeneratedPage? {
        generated.first { $0.scope == scope }
    }

    /// Computes everything from the cards' measures.
    public static func compute(site: Site, cards: [String: CardMeasures], indicators: [Indicator]) -> SiteMeasures {
        var dashboards: [String: [BlockResult]] = [:]
        for record in site.records(of: .dashboard) {
            guard case .dashboard(let dashboard) = record.payload else { continue }
            dashboards[record.id] = blocks(dashboard.blocks, over: site.cards, site: site, cards: cards, indicators: indicators)
        }
        var scopes: [GeneratedScope] = []
        if !site.records(of: .dashboard).isEmpty {
            scopes += Collation.sorted(Array(Set(site.cards.compactMap(\.card).flatMap { site.regions(of: $0) }))).map(GeneratedScope.region)
            let types = Set(site.cards.compactMap(\.card).flatMap { card in
                card.funding.flatMap { line in line.funders.compactMap { site.organisation($0.id)?.type } }
            })
            scopes += OrganisationType.allCases.filter(types.contains).map(GeneratedScope.funderType)
        }
        scopes += site.config.themes.filter { theme in site.cards.contains { $0.themes.contains { $0.id == theme.id } } }
            .map { GeneratedScope.theme($0.id) }
        // Each page is computed apart from the others: on every core.
        let generated = concurrentMap(scopes) { scope -> GeneratedPage in
            let members = site.cards.filter { scope.includes($0, in: site) }
            var pageBlocks: [DashboardBlock]
            if case .funderType = scope {
                // The type's own money is its report; the co-funded cards show only their results, never their budgets.
                pageBlocks = indicators.filter(\.readsResultsOnly).map { DashboardBlock(indicator: Reference($0.id, at: .start), by: .site, chart: .table) }
            } else {
                pageBlocks = indicators.map { DashboardBlock(indicator: Reference($0.id, at: .start), by: .site, chart: .table) }
                    + [DashboardBlock(indicator: Reference(DashboardBlock.fundingByType, at: .start), chart: .bar)]
            }
            return GeneratedPage(scope: scope, cardIDs: members.map(\.id),
                                 blocks: blocks(pageBlocks, over: members, site: site, cards: cards, indicators: indicators))
        }
        let organisations = Set(site.records(of: .organisation).map(\.id))
        let funders: [String: FunderReport] = funderReports(site: site, cards: cards) { line in
            Array(Set(line.line.funders.map(\.id).filter(organisations.contains)))
        }
        let funderTypes: [OrganisationType: FunderReport] = funderReports(site: site, cards: cards) { line in
            Array(Set(line.funderTypes.compactMap { $0 }))
        }
        let aggregator = Aggregator(site: site, measures: cards)
        var overall: [String: GroupValue] = [:]
        for indicator in indicators { overall[indicator.id] = aggregator.aggregate(indicator, over: site.cards, group: "site") }
        return SiteMeasures(cards: cards, indicators: indicators, dashboards: dashboards, generated: generated,
                            funders: funders, funderTypes: funderTypes, site: overall)
    }

    /// The blocks of a dashboard over some cards (the site's, a region's, a funder type's…).
    public static func blocks(_ blocks: [DashboardBlock], over scope: [Record], site: Site, cards measures: [String: CardMeasures],
                       indicators: [Indicator]) -> [BlockResult] {
        blocks.enumerated().compactMap { index, block in
            let members = scope.filter(block.filter.includes)
            let aggregator = Aggregator(site: site, measures: measures, cards: members)
            let ids = members.map(\.id)
            if block.indicator.id == DashboardBlock.fundingByType {
                let byType = aggregator.fundingByType()
                let overall = FundingGroup(group: "site", contributions: byType.flatMap(\.contributions))
                guard block.by != .site else {
                    return BlockResult(index: index, block: block, cardIDs: ids, content: .funding(FundingTable(rows: byType, overall: overall)))
                }
                var groups: [String: [Record]] = [:]
                for card in members {
                    for group in aggregator.groups(of: card, by: block.by) { groups[group, default: []].append(card) }
                }
                let rows = groups.keys.sorted(by: Aggregator.groupOrder).map { group -> StackedFunding.Row in
                    let cards = groups[group] ?? []
                    let sub = Aggregator(site: site, measures: measures, cards: cards).fundingByType()
                    let all = FundingGroup(group: group, contributions: sub.flatMap(\.contributions))
                    return StackedFunding.Row(group: group, cards: cards.count,
                                              byType: Dictionary(uniqueKeysWithValues: sub.map { ($0.group, $0) }), perYear: all.perYear,
                                              totals: all.totals, hasLines: !all.contributions.isEmpty)
                }
                return BlockResult(index: index, block: block, cardIDs: ids,
                                   content: .stacked(StackedFunding(types: byType.map(\.group), rows: rows,
                                                                    overlapping: aggregator.overlaps(by: block.by))))
            }
            guard let indicator = indicators.first(where: { $0.id == block.indicator.id }) else { return nil }
            let table = IndicatorTable(indicator: indicator, by: block.by, rows: aggregator.aggregate(indicator, by: block.by),
                                       overall: aggregator.aggregate(indicator, over: members, group: "site"),
                                       overlapping: aggregator.overlaps(by: block.by))
            return BlockResult(index: index, block: block, cardIDs: ids, content: .indicator(table))
        }
    }

    /// The funding lines of every funder (or funder type) in one pass over the cards: each line goes to the keys
    /// `keys` gives it, with its share of the same-horizon budget and its leverage.
    static func funderReports<Key: Hashable>(site: Site, cards: [String: CardMeasures],
                                             keys: (ResolvedFunding) -> [Key]) -> [Key: FunderReport] {
        var reports: [Key: FunderReport] = [:]
        for record in site.cards {
            guard let facts = cards[record.id]?.facts else { continue }
            for (index, line) in facts.funding.enumerated() {
                let contribution = Self.contribution(line, index: index, card: record.id, facts: facts)
                for key in keys(line) {
                    var report = reports[key] ?? FunderReport(contributions: [], totals: HorizonTotals(), jointTotals: HorizonTotals(),
                                                              linesWithoutAmount: 0, cardIDs: [])
                    report.contributions.append(contribution)
                    if let amount = line.amount {
                        if line.line.isJoint { report.jointTotals.add(amount, line.horizon) } else { report.totals.add(amount, line.horizon) }
                    } else {
                        report.linesWithoutAmount += 1
                    }
                    if report.cardIDs.last != record.id { report.cardIDs.append(record.id) }
                    reports[key] = report
                }
            }
        }
        return reports
    }

    /// One funding line as a contribution: its share of the card's budget and its leverage, or why there is none.
    static func contribution(_ line: ResolvedFunding, index: Int, card: String, facts: CardFacts) -> FunderContribution {
        var contribution = FunderContribution(cardID: card, line: index, funders: line.line.funders.map(\.id),
                                              amount: line.amount, horizon: line.horizon,
                                              horizonInherited: line.horizonInherited, year: line.year)
        let budget = line.horizon == .notBrokenDown ? nil : facts.budgetTotals.amount(line.horizon)
        if line.line.isJoint {
            contribution.leverageGap = .joint
        } else if line.amount == nil {
            contribution.leverageGap = .amountNotStated
        } else if line.horizon == .notBrokenDown {
            contribution.leverageGap = .notBrokenDown
        } else if let budget, let amount = line.amount, amount > 0 {
            contribution.leverage = budget / amount
        } else {
            contribution.leverageGap = .noBudgetOfHorizon(line.horizon)
        }
        // The share on the card's own base (money.md §3); none for a joint line, whose funder's part is unknown.
        if !line.line.isJoint { contribution.shareOfBudget = line.share }
        return contribution
    }
}

/// `transform` applied to every item, on every core, the results in the items' order.
func concurrentMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    var values = [R?](repeating: nil, count: items.count)
    values.withUnsafeMutableBufferPointer { buffer in
        // Each index is written by exactly one iteration, and read only after all of them have ended.
        nonisolated(unsafe) let slots = buffer
        DispatchQueue.concurrentPerform(iterations: items.count) { index in slots[index] = transform(items[index]) }
    }
    return values.compactMap { $0 }
}

extension Indicator {
    /// True when the formula reads only results and targets: a figure of what a card achieved, not of its money.
    public var readsResultsOnly: Bool {
        !formula.paths.isEmpty && formula.paths.allSatisfy { path in
            switch path {
            case .result, .target, .collection: return true
            default: return false
            }
        }
    }
}
