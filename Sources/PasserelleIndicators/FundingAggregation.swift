import PasserelleModel

/// One funding line's amount in an aggregate, with the period it covers.
public struct FundingContribution: Sendable, Hashable {
    public var cardID: String
    public var funders: [String]
    /// The amount over the card's period.
    public var amount: Double
    /// How many years that amount covers (1 for a yearly budget).
    public var years: Int

    public var annualised: Double { amount / Double(max(years, 1)) }
}

/// Funding summed by funder type (or funder), never mixing periods silently.
public struct FundingGroup: Sendable, Hashable {
    /// A funder type (`region`…), a funder id, or `joint` for lines shared by several funders.
    public var group: String
    public var contributions: [FundingContribution]

    /// The amounts as written, each over its own period: only meaningful with `periods` beside it.
    public var total: Double { contributions.reduce(0) { $0 + $1.amount } }
    /// Every amount brought to one year.
    public var annualised: Double { contributions.reduce(0) { $0 + $1.annualised } }
    /// The distinct periods the total mixes, in years (e.g. [1, 3]: yearly amounts and three-year totals).
    public var periods: [Int] { Array(Set(contributions.map(\.years))).sorted() }
}

extension Aggregator {
    /// Funding by funder type. A joint line (several funders, one amount) goes to the group `joint`,
    /// never split. Lines without an amount are left out of sums (they count in coverage elsewhere).
    public func fundingByType() -> [FundingGroup] {
        fundingGroups { line, _ in
            guard !line.line.isJoint else { return "joint" }
            return line.singleType?.rawValue ?? "unknown"
        }
    }

    /// Funding by funder id; a joint line goes to `joint`.
    public func fundingByFunder() -> [FundingGroup] {
        fundingGroups { line, _ in line.line.isJoint ? "joint" : line.line.funders.first?.id ?? "unknown" }
    }

    private func fundingGroups(_ groupOf: (ResolvedFunding, Record) -> String) -> [FundingGroup] {
        var groups: [String: [FundingContribution]] = [:]
        for record in cards {
            guard let facts = measures[record.id]?.facts else { continue }
            for line in facts.funding {
                guard let amount = line.amount else { continue }
                let contribution = FundingContribution(cardID: record.id, funders: line.line.funders.map(\.id),
                                                       amount: amount, years: facts.periodYears)
                groups[groupOf(line, record), default: []].append(contribution)
            }
        }
        return groups.keys.sorted().map { FundingGroup(group: $0, contributions: groups[$0] ?? []) }
    }
}
