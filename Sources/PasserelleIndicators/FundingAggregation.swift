import PasserelleModel

/// One funding line in an aggregate: its amount (if stated) and its horizon.
public struct FundingContribution: Sendable, Hashable {
    public var cardID: String
    /// The line's place in the card's funding list.
    public var line: Int
    public var funders: [String]
    public var amount: Double?
    public var horizon: Horizon
    public var year: Int?
}

/// Funding summed per group (a funder type, a funder, `joint`), never mixing horizons: each has its own column.
public struct FundingGroup: Sendable, Hashable {
    /// A funder type (`region`…), a funder id, or `joint` for lines shared by several funders.
    public var group: String
    public var contributions: [FundingContribution]

    /// The known amounts per horizon.
    public var totals: HorizonTotals {
        var totals = HorizonTotals()
        for line in contributions { if let amount = line.amount { totals.add(amount, line.horizon) } }
        return totals
    }

    /// Lines of the group that give no amount ("montant non précisé").
    public var linesWithoutAmount: Int { contributions.filter { $0.amount == nil }.count }

    /// The distinct cards the group's lines belong to.
    public var cards: Int { Set(contributions.map(\.cardID)).count }

    /// Every amount of the group is unknown: shown "non précisé", never 0 €.
    public var allUnknown: Bool { totals.isEmpty }

    /// The horizons of the group's lines without amount: a cell of one of them says "non précisé", never "–" or 0 €,
    /// and a cell of another horizon says "–" when the group has no money of it.
    public var unknownHorizons: Set<Horizon> { Set(contributions.filter { $0.amount == nil }.map(\.horizon)) }

    /// Some of the group's yearly money may be unknown: a line without amount that is not one-off (a yearly or
    /// multi-year line, or one whose period is not stated or not broken down, which may hold yearly money).
    public var perYearUnknown: Bool { unknownHorizons.contains { $0 != .oneOff } }

    /// The group's yearly money: yearly lines plus multi-year lines ÷ years. nil when it has none.
    public var perYear: Double? { totals.perYear }
}

extension Aggregator {
    /// The key joint lines are grouped under.
    public static let joint = "joint"

    /// Funding by funder type. A joint line (several funders, one amount) goes to `joint`, never split. Lines without
    /// an amount keep a row (counted, never summed).
    public func fundingByType() -> [FundingGroup] {
        fundingGroups { line in
            guard !line.line.isJoint else { return Self.joint }
            return line.singleType?.rawValue ?? "unknown"
        }
    }

    /// Funding by funder id; a joint line goes to `joint`.
    public func fundingByFunder() -> [FundingGroup] {
        fundingGroups { line in line.line.isJoint ? Self.joint : line.line.funders.first?.id ?? "unknown" }
    }

    private func fundingGroups(_ groupOf: (ResolvedFunding) -> String) -> [FundingGroup] {
        var groups: [String: [FundingContribution]] = [:]
        for record in cards {
            guard let facts = measures[record.id]?.facts else { continue }
            for (index, line) in facts.funding.enumerated() {
                let contribution = FundingContribution(cardID: record.id, line: index, funders: line.line.funders.map(\.id),
                                                       amount: line.amount, horizon: line.horizon, year: line.year)
                groups[groupOf(line), default: []].append(contribution)
            }
        }
        return groups.keys.sorted { Self.typeOrder($0) < Self.typeOrder($1) }.map { FundingGroup(group: $0, contributions: groups[$0] ?? []) }
    }

    /// Funder types in the order of `OrganisationType`, joint lines last.
    static func typeOrder(_ group: String) -> (Int, String) {
        if let type = OrganisationType(rawValue: group), let index = OrganisationType.allCases.firstIndex(of: type) {
            return (index, group)
        }
        return (group == joint ? 1000 : 999, group)
    }
}
