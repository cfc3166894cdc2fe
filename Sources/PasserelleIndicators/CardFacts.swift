import PasserelleModel

/// A funding line with its amount and share worked out against the card's budget.
public struct ResolvedFunding: Sendable, Hashable {
    public var line: FundingLine
    /// The funders' types, in the order of `line.funders` (nil when a funder is unknown).
    public var funderTypes: [OrganisationType?]
    /// The amount over the budget's period: as written, or share × budget.
    public var amount: Double?
    /// Fraction of the budget: as written, or amount ÷ budget (or ÷ funding total without budget).
    public var share: Double?

    /// The single funder's type; nil for joint lines, whose split is never guessed.
    public var singleType: OrganisationType? {
        line.isJoint ? nil : funderTypes.first ?? nil
    }

    /// True when every funder of the line is a public body.
    public var isPublic: Bool {
        !funderTypes.isEmpty && funderTypes.allSatisfy { $0?.isPublic == true }
    }
}

/// A way a card's funding does not add up. Published anyway, and shown on the card.
public enum FundingDiscrepancy: Sendable, Hashable {
    /// Every line gives a share and the shares do not add up to 100 %.
    case sharesSum(Double)
    /// The amounts add up to `sum`, the budget says `budget`.
    case amountsSum(sum: Double, budget: Double)
    /// One line gives both a share and an amount that disagree.
    case lineMismatch(line: Int, share: Double, amount: Double, expected: Double)
}

/// Everything a formula can read about one card, computed once.
public struct CardFacts: Sendable {
    /// Operating cost per year (annual lines, plus multi-year totals divided by their years).
    public var budgetAnnual: Double?
    /// The budget over the period it covers (an annual budget covers one year).
    public var budgetTotal: Double?
    public var budgetInvestment: Double?
    /// How many years `budgetTotal` and the funding amounts cover.
    public var periodYears: Int
    public var funding: [ResolvedFunding]
    public var discrepancies: [FundingDiscrepancy]
    public var card: Card

    /// Works out budget figures and funding amounts, and warns when they do not add up.
    public static func make(card: Card, file: String, funderType: (String) -> OrganisationType?) -> (CardFacts, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var discrepancies: [FundingDiscrepancy] = []
        let operating = card.budget.filter { $0.nature == .operating }
        let annualParts = operating.compactMap(\.annualOperatingAmount)
        let budgetAnnual = annualParts.isEmpty ? nil : annualParts.reduce(0, +)
        let years = operating.map { $0.period == .total ? max($0.years ?? 1, 1) : 1 }.max() ?? 1
        let periodLines = card.budget.filter { $0.nature == .operating && $0.period != .oneOff }
        var budgetTotal: Double?
        if !periodLines.isEmpty {
            budgetTotal = periodLines.reduce(0) { sum, line in
                sum + (line.period == .annual ? line.amount * Double(years) : line.amount)
            }
        }
        let investmentLines = card.budget.filter { $0.nature == .investment || $0.period == .oneOff }
        let budgetInvestment = investmentLines.isEmpty ? nil : investmentLines.reduce(0) { $0 + $1.amount }

        // Funding lines refer to the operating budget of the period; without one, to their own total.
        let base = budgetTotal
        var resolved: [ResolvedFunding] = card.funding.enumerated().map { index, line in
            let types = line.funders.map { funderType($0.id) }
            var amount = line.amount
            var share = line.share
            if amount == nil, let s = share, let base { amount = s * base }
            if share == nil, let a = amount, let base, base > 0 { share = a / base }
            if let a = line.amount, let s = line.share, let base {
                let expected = s * base
                if abs(expected - a) > max(1, 0.005 * base) {
                    discrepancies.append(.lineMismatch(line: index, share: s, amount: a, expected: expected))
                    diagnostics.append(.warning(file, line.location,
                        "this funding line says \(PlainNumber.percent(s)) and \(PlainNumber.euros(a)), but \(PlainNumber.percent(s)) of \(PlainNumber.euros(base)) is \(PlainNumber.euros(expected))",
                        hint: "correct the share or the amount; the card shows the amount as written"))
                }
            }
            return ResolvedFunding(line: line, funderTypes: types, amount: amount, share: share)
        }
        if base == nil {
            let total = resolved.compactMap(\.amount).reduce(0, +)
            if total > 0 {
                for index in resolved.indices where resolved[index].share == nil {
                    resolved[index].share = resolved[index].amount.map { $0 / total }
                }
            }
        }
        let anchor = card.funding.first?.location ?? .start
        let quantified = card.funding.filter { $0.amount != nil || $0.share != nil }
        if !quantified.isEmpty {
            let writtenShares = card.funding.compactMap(\.share)
            if writtenShares.count == card.funding.count {
                let sum = writtenShares.reduce(0, +)
                if abs(sum - 1) > 0.005 {
                    discrepancies.append(.sharesSum(sum))
                    diagnostics.append(.warning(file, anchor, "funding shares add up to \(PlainNumber.percent(sum)), not 100 %",
                                                hint: "correct a share, or add the missing funder; the card shows the gap"))
                }
            }
            if let base {
                let sum = resolved.compactMap(\.amount).reduce(0, +)
                let complete = quantified.count == card.funding.count
                let gap = abs(sum - base)
                if gap > max(1, 0.005 * base) && (complete || sum > base) && writtenShares.count != card.funding.count {
                    discrepancies.append(.amountsSum(sum: sum, budget: base))
                    diagnostics.append(.warning(file, anchor, "funding lines add up to \(PlainNumber.euros(sum)), the budget says \(PlainNumber.euros(base))",
                                                hint: "correct an amount or the budget; the card shows both figures"))
                }
            }
        }
        let facts = CardFacts(budgetAnnual: budgetAnnual, budgetTotal: budgetTotal, budgetInvestment: budgetInvestment,
                              periodYears: years, funding: resolved, discrepancies: discrepancies, card: card)
        return (facts, diagnostics)
    }

    /// Sum of the known funding amounts, nil when no line has one.
    public var fundingTotal: Double? {
        let amounts = funding.compactMap(\.amount)
        return amounts.isEmpty ? nil : amounts.reduce(0, +)
    }

    public var fundingPublic: Double? {
        guard fundingTotal != nil else { return nil }
        return funding.filter(\.isPublic).compactMap(\.amount).reduce(0, +)
    }

    public func funding(ofType type: OrganisationType) -> Double? {
        guard fundingTotal != nil else { return nil }
        return funding.filter { $0.singleType == type }.compactMap(\.amount).reduce(0, +)
    }

    /// The result block a metric is read from: the latest dated one that reports it, else the last that does.
    public func resultBlock(for metric: String, year: Int?) -> ResultBlock? {
        let reporting = card.results.filter { $0.value(of: metric) != nil }
        if let year { return reporting.first { $0.year == year } }
        let dated = reporting.filter { $0.year != nil }
        if let latest = dated.max(by: { ($0.year ?? 0) < ($1.year ?? 0) }) { return latest }
        return reporting.last
    }
}
