import PasserelleModel

/// One card's part in an aggregate: its own value, or why it has none. This is the provenance shown to readers.
public struct Contribution: Sendable, Hashable {
    public var cardID: String
    public var evaluation: Evaluation
}

/// An indicator aggregated over one group of cards.
public struct GroupValue: Sendable, Hashable {
    /// The group's id: a theme id, a region name, a department code, "region" for a funder type…
    public var group: String
    /// The aggregate, nil when no card of the group reports what it needs.
    public var value: Double?
    /// Cards of the group that have a value ("12 of 15 cards report it").
    public var reporting: Int
    /// Cards in the group.
    public var total: Int
    public var contributions: [Contribution]
}

/// Aggregates per-card indicator values by group, with coverage and provenance.
public struct Aggregator: Sendable {
    public let site: Site
    public let measures: [String: CardMeasures]
    /// The cards aggregated: the site's, or a part of them (a region's, a filtered block's).
    public let cards: [Record]

    public init(site: Site, measures: [String: CardMeasures], cards: [Record]? = nil) {
        self.site = site
        self.measures = measures
        self.cards = cards ?? site.cards
    }

    /// The groups a card belongs to for a key (a card with two themes is in both).
    public func groups(of record: Record, by key: GroupingKey) -> [String] {
        guard let card = record.card else { return [] }
        switch key {
        case .site: return ["site"]
        case .theme: return record.themes.map(\.id)
        case .region: return site.regions(of: card)
        case .department: return card.territory?.departments ?? []
        case .level: return card.territory?.level.map { [$0.rawValue] } ?? []
        case .funder: return uniqueSorted(card.funding.flatMap { $0.funders.map(\.id) })
        case .funderType:
            return uniqueSorted(card.funding.flatMap { line in
                line.funders.compactMap { site.organisation($0.id)?.type.rawValue }
            })
        case .year:
            let year = card.period?.start ?? card.budget.compactMap(\.year).min() ?? card.results.compactMap(\.year).max()
            return year.map { [String($0)] } ?? []
        case .kind: return [record.kind.rawValue]
        }
    }

    private func uniqueSorted(_ values: [String]) -> [String] {
        Array(Set(values)).sorted()
    }

    /// Every group of `key` with the indicator's aggregate, in group order.
    public func aggregate(_ indicator: Indicator, by key: GroupingKey) -> [GroupValue] {
        var members: [String: [Record]] = [:]
        for record in cards {
            for group in groups(of: record, by: key) { members[group, default: []].append(record) }
        }
        return members.keys.sorted().map { group in
            aggregate(indicator, over: members[group] ?? [], group: group)
        }
    }

    /// The indicator aggregated over some cards.
    public func aggregate(_ indicator: Indicator, over cards: [Record], group: String) -> GroupValue {
        var contributions: [Contribution] = []
        var values: [Double] = []
        var numerators: [Double] = []
        var denominators: [Double] = []
        let ratio = indicator.source.aggregate == .ratioOfSums ? indicator.formula.ratioParts : nil
        for record in cards {
            guard let facts = measures[record.id]?.facts else { continue }
            let evaluator = FormulaEvaluator(facts: facts)
            let evaluation = evaluator.evaluate(indicator.formula)
            contributions.append(Contribution(cardID: record.id, evaluation: evaluation))
            guard case .value(let value) = evaluation else { continue }
            values.append(value)
            if let (numerator, denominator) = ratio,
               let n = evaluator.evaluate(numerator).number, let d = evaluator.evaluate(denominator).number {
                numerators.append(n)
                denominators.append(d)
            }
        }
        let value: Double?
        switch indicator.source.aggregate {
        case .sum: value = values.isEmpty ? nil : values.reduce(0, +)
        case .mean: value = values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        case .median: value = Self.median(values)
        case .min: value = values.min()
        case .max: value = values.max()
        case .count: value = Double(values.count)
        case .ratioOfSums:
            if ratio == nil {
                // Not a quotient: nothing to sum separately, so the sum of values is the honest total.
                value = values.isEmpty ? nil : values.reduce(0, +)
            } else {
                let denominator = denominators.reduce(0, +)
                value = denominator == 0 ? nil : numerators.reduce(0, +) / denominator
            }
        }
        return GroupValue(group: group, value: value, reporting: values.count, total: cards.count, contributions: contributions)
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

extension Formula {
    /// The numerator and denominator of a formula of the form `a / b`, for ratio-of-sums aggregation.
    public var ratioParts: (Formula, Formula)? {
        if case let .binary(.divide, numerator, denominator) = self { return (numerator, denominator) }
        return nil
    }
}
