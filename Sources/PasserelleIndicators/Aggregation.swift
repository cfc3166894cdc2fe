import PasserelleModel

/// One card's part in an aggregate: its own value, or why it has none. This is the provenance shown to readers.
public struct Contribution: Sendable, Hashable {
    public var cardID: String
    public var evaluation: Evaluation
}

/// An indicator aggregated over one group of cards.
public struct GroupValue: Sendable, Hashable {
    /// The group's id: a theme id, a region name, a year…, or `GroupValue.none` for the cards without one.
    public var group: String
    /// The aggregate, nil when no card of the group reports what it needs.
    public var value: Double?
    /// True when a value it rests on is approximate.
    public var approximate: Bool
    /// Cards of the group that have a value ("12 of 15 cards report it").
    public var reporting: Int
    /// Cards in the group.
    public var total: Int
    public var contributions: [Contribution]
    /// The horizons of the money the value adds up (more than one: the sum mixes periods, and says so).
    public var horizons: [Horizon]
    /// The year the value refers to, when every contributing figure refers to the same one.
    public var year: Int?
    /// True when the contributing figures refer to different years (or some are dated and some not).
    public var mixesYears: Bool { years.count > 1 }
    /// The distinct years of the contributing figures, nil for an undated one, in order (undated last).
    public var years: [Int?]

    /// The group of the cards that have no value for the grouping key ("sans thème", "année non précisée").
    public static let none = "_none"

    public var mixesHorizons: Bool { horizons.count > 1 }
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

    /// The groups a card belongs to for a key (a card with two themes is in both; one with none is in `GroupValue.none`).
    /// For `year`, the card's own year (its period, else its budget's, else its results'); figures use their own year.
    public func groups(of record: Record, by key: GroupingKey) -> [String] {
        guard let card = record.card else { return [GroupValue.none] }
        let found: [String]
        switch key {
        case .site: return ["site"]
        case .theme: found = record.themes.map(\.id)
        case .region: found = site.regions(of: card)
        case .department: found = card.territory?.departments ?? []
        case .level: found = card.territory?.level.map { [$0.rawValue] } ?? []
        case .funder: found = uniqueSorted(card.funding.flatMap { $0.funders.map(\.id) })
        case .funderType:
            found = uniqueSorted(card.funding.flatMap { line in line.funders.compactMap { site.organisation($0.id)?.type.rawValue } })
        case .year:
            let year = card.period?.start ?? card.budget.compactMap(\.year).min() ?? card.results.compactMap(\.year).max()
            found = year.map { [String($0)] } ?? []
        case .kind: found = [record.kind.rawValue]
        }
        return found.isEmpty ? [GroupValue.none] : found
    }

    private func uniqueSorted(_ values: [String]) -> [String] {
        Array(Set(values)).sorted()
    }

    /// True when some card of `cards` falls in more than one group of `key`: the groups must not be added.
    public func overlaps(by key: GroupingKey) -> Bool {
        key != .year && cards.contains { groups(of: $0, by: key).count > 1 }
    }

    /// Every group of `key` with the indicator's aggregate, in group order, the "without" group last.
    /// For `year`, each figure goes to the year it refers to; undated figures and cards without one to `none`.
    public func aggregate(_ indicator: Indicator, by key: GroupingKey) -> [GroupValue] {
        var members: [String: [Record]] = [:]
        for record in cards {
            let groups: [String]
            if key == .year {
                let year = measures[record.id]?.value(indicator.id)?.measured?.year
                groups = [year.map(String.init) ?? GroupValue.none]
            } else {
                groups = self.groups(of: record, by: key)
            }
            for group in groups { members[group, default: []].append(record) }
        }
        return members.keys.sorted(by: Self.groupOrder).map { group in
            aggregate(indicator, over: members[group] ?? [], group: group)
        }
    }

    /// Groups in French order of their ids (region names, years, theme and funder ids), the "without" group last.
    public static func groupOrder(_ a: String, _ b: String) -> Bool {
        let (lastA, lastB) = (a == GroupValue.none, b == GroupValue.none)
        if lastA != lastB { return lastB }
        return Collation.precedes(a, b)
    }

    /// The indicator aggregated over some cards.
    public func aggregate(_ indicator: Indicator, over cards: [Record], group: String) -> GroupValue {
        var contributions: [Contribution] = []
        var values: [Measured] = []
        var numerators: [Double] = []
        var denominators: [Double] = []
        let ratio = indicator.source.aggregate == .ratioOfSums ? indicator.formula.ratioParts : nil
        for record in cards {
            guard let measures = measures[record.id], let evaluation = measures.value(indicator.id) else { continue }
            contributions.append(Contribution(cardID: record.id, evaluation: evaluation))
            guard case .value(let measured) = evaluation else { continue }
            values.append(measured)
            if let (numerator, denominator) = ratio {
                let evaluator = FormulaEvaluator(facts: measures.facts)
                if let n = evaluator.evaluate(numerator).number, let d = evaluator.evaluate(denominator).number {
                    numerators.append(n)
                    denominators.append(d)
                }
            }
        }
        let numbers = values.map(\.value)
        var value: Double?
        switch indicator.source.aggregate {
        case .sum: value = numbers.isEmpty ? nil : numbers.reduce(0, +)
        case .mean: value = numbers.isEmpty ? nil : numbers.reduce(0, +) / Double(numbers.count)
        case .median: value = Self.median(numbers)
        case .min: value = numbers.min()
        case .max: value = numbers.max()
        case .count: value = Double(numbers.count)
        case .ratioOfSums:
            if ratio == nil {
                // Not a quotient: nothing to sum separately, so the sum of values is the honest total.
                value = numbers.isEmpty ? nil : numbers.reduce(0, +)
            } else {
                let denominator = denominators.reduce(0, +)
                value = denominator == 0 ? nil : numerators.reduce(0, +) / denominator
            }
        }
        if let v = value, !v.isFinite { value = nil }
        let years = Set(values.map(\.year))
        return GroupValue(group: group, value: value, approximate: values.contains(where: \.approximate),
                          reporting: values.count, total: cards.count, contributions: contributions,
                          // A share or a rate compares money of one card's own horizon: only amounts can mix periods.
                          horizons: indicator.source.unit == .percent ? [] : Array(Set(values.flatMap(\.horizons))).sorted(),
                          year: years.count == 1 ? years.first ?? nil : nil,
                          years: years.sorted { ($0 ?? Int.max) < ($1 ?? Int.max) })
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
