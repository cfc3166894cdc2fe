import PasserelleModel

/// A budget line with its horizon.
public struct ResolvedBudget: Sendable, Hashable {
    public var line: BudgetLine
    public var horizon: Horizon { line.horizon }
    public var perYear: Double? { line.nature == .operating ? horizon.perYear(line.amount) : nil }
}

/// A funding line with its horizon, amount and share worked out against the card's budget (money.md §2–3).
public struct ResolvedFunding: Sendable, Hashable {
    public var line: FundingLine
    /// The funders' types, in the order of `line.funders` (nil when a funder is unknown).
    public var funderTypes: [OrganisationType?]
    /// The line's own horizon, the budget's when it states none, or `notBrokenDown` against a mixed budget.
    public var horizon: Horizon
    /// True when the horizon was taken from the budget rather than written on the line.
    public var horizonInherited: Bool
    /// The amount as written, or share × the budget of the same horizon.
    public var amount: Double?
    /// Fraction of the budget of the same horizon: as written, or amount ÷ that budget.
    public var share: Double?

    /// The single funder's type; nil for joint lines, whose split is never guessed.
    public var singleType: OrganisationType? {
        line.isJoint ? nil : funderTypes.first ?? nil
    }

    /// True when every funder of the line is a public body.
    public var isPublic: Bool {
        !funderTypes.isEmpty && funderTypes.allSatisfy { $0?.isPublic == true }
    }

    /// The year the line refers to: its own, or the budget's when it takes the budget's horizon and the budget
    /// lines of that horizon share one year.
    public var year: Int?

    /// The amount brought to one year, for yearly and multi-year lines only.
    public var perYear: Double? { amount.flatMap { horizon.perYear($0) } }
}

/// A way a card's funding does not add up. Published anyway, and shown on the card.
public enum FundingDiscrepancy: Sendable, Hashable {
    /// Every line gives a share and the shares do not add up to 100 %.
    case sharesSum(Double)
    /// The funding lines of one horizon add up to `sum`, the budget of that horizon to `budget`.
    case horizonSum(horizon: Horizon, sum: Double, budget: Double)
    /// Lines not broken down: the funding adds up to `sum` as written, the budget lines to `budget.asWritten`.
    case writtenSum(sum: Double, budget: HorizonTotals)
    /// One line gives both a share and an amount that disagree.
    case lineMismatch(line: Int, share: Double, amount: Double, expected: Double)
}

/// Everything a formula can read about one card, computed once.
public struct CardFacts: Sendable {
    public var budget: [ResolvedBudget]
    /// The budget lines summed per horizon (operating and investment together).
    public var budgetTotals: HorizonTotals
    public var funding: [ResolvedFunding]
    public var discrepancies: [FundingDiscrepancy]
    public var card: Card

    /// Works out horizons, funding amounts and shares, and warns when they do not add up.
    public static func make(card: Card, file: String, funderType: (String) -> OrganisationType?) -> (CardFacts, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var discrepancies: [FundingDiscrepancy] = []
        let budget = card.budget.map(ResolvedBudget.init)
        var totals = HorizonTotals()
        for line in budget { totals.add(line.line.amount, line.horizon, inKind: line.line.inKind) }
        // A line that states no horizon takes the budget's when the budget has one; money.md §2.
        let budgetHorizons = Set(budget.map(\.horizon))
        let inherited: Horizon = budgetHorizons.count == 1 ? budgetHorizons.first ?? .unstated
            : budgetHorizons.isEmpty ? .unstated : .notBrokenDown

        /// The budget a line of this horizon is compared with.
        func base(_ horizon: Horizon) -> Double? {
            horizon == .notBrokenDown ? totals.asWritten : totals.amount(horizon)
        }
        var resolved: [ResolvedFunding] = []
        for (index, line) in card.funding.enumerated() {
            let horizon = line.statedHorizon ?? inherited
            let lineBase = base(horizon)
            var amount = line.amount
            var share = line.share
            if let s = line.share, line.amount == nil, horizon == .notBrokenDown {
                diagnostics.append(.error("funding-share-of-mixed-budget", file, line.location,
                    Bilingual(fr: "cette ligne de financement donne une part (\(PlainNumber.percentFr(s))) d’un budget qui mélange \(PlainNumber.breakdownFr(totals))",
                              en: "this funding line gives a share (\(PlainNumber.percent(s))) of a budget that mixes \(PlainNumber.breakdown(totals))"),
                    hint: Bilingual(fr: "dites à quelle partie elle se rapporte, par exemple period: annual pour la partie annuelle, ou écrivez son montant en euros",
                                    en: "say which part it refers to, e.g. period: annual for the yearly part, or write its amount in euros")))
                share = nil
            }
            if amount == nil, let s = share, let lineBase { amount = s * lineBase }
            if share == nil, let a = amount, let lineBase, lineBase > 0 { share = a / lineBase }
            if let a = line.amount, let s = line.share, let lineBase {
                let expected = s * lineBase
                if abs(expected - a) > max(1, 0.005 * lineBase) {
                    discrepancies.append(.lineMismatch(line: index, share: s, amount: a, expected: expected))
                    diagnostics.append(.warning("funding-share-amount-mismatch", file, line.location,
                        Bilingual(fr: "cette ligne de financement indique \(PlainNumber.percentFr(s)) et \(PlainNumber.eurosFr(a)), mais \(PlainNumber.percentFr(s)) de \(PlainNumber.eurosFr(lineBase)) font \(PlainNumber.eurosFr(expected))",
                                  en: "this funding line says \(PlainNumber.percent(s)) and \(PlainNumber.euros(a)), but \(PlainNumber.percent(s)) of \(PlainNumber.euros(lineBase)) is \(PlainNumber.euros(expected))"),
                        hint: Bilingual(fr: "corrigez la part ou le montant\u{A0}; la fiche affiche le montant tel qu’il est écrit",
                                        en: "correct the share or the amount; the card shows the amount as written")))
                }
            }
            let budgetYears = Set(budget.filter { $0.horizon == horizon }.map(\.line.year))
            let inheritedYear = line.statedHorizon == nil && budgetYears.count == 1 ? budgetYears.first ?? nil : nil
            resolved.append(ResolvedFunding(line: line, funderTypes: line.funders.map { funderType($0.id) }, horizon: horizon,
                                            horizonInherited: line.statedHorizon == nil, amount: amount, share: share,
                                            year: line.year ?? inheritedYear))
        }
        if budget.isEmpty {
            // Without a budget, a share is a share of the funding itself, when its lines share one horizon.
            let horizons = Set(resolved.filter { $0.amount != nil }.map(\.horizon))
            let total = resolved.compactMap(\.amount).reduce(0, +)
            if horizons.count == 1, total > 0 {
                for index in resolved.indices where resolved[index].share == nil {
                    resolved[index].share = resolved[index].amount.map { $0 / total }
                }
            }
        }

        let anchor = card.funding.first?.location ?? .start
        let writtenShares = card.funding.compactMap(\.share)
        if !card.funding.isEmpty, writtenShares.count == card.funding.count {
            let sum = writtenShares.reduce(0, +)
            if abs(sum - 1) > 0.005 {
                discrepancies.append(.sharesSum(sum))
                diagnostics.append(.warning("funding-shares-not-100", file, anchor,
                                            Bilingual(fr: "les parts des financements font \(PlainNumber.percentFr(sum)) au total, et non 100\u{A0}%",
                                                      en: "funding shares add up to \(PlainNumber.percent(sum)), not 100 %"),
                                            hint: Bilingual(fr: "corrigez une part, ou ajoutez le financeur qui manque\u{A0}; la fiche montre l’écart",
                                                            en: "correct a share, or add the missing funder; the card shows the gap")))
            }
        } else if !budget.isEmpty && resolved.contains(where: { $0.amount != nil }) {
            // Compare on the same base: horizon by horizon, or everything as written when a line is not broken down.
            let complete = resolved.allSatisfy { $0.amount != nil }
            func differs(_ sum: Double, _ budget: Double) -> Bool {
                abs(sum - budget) > max(1, 0.005 * budget) && (complete || sum > budget)
            }
            if resolved.contains(where: { $0.horizon == .notBrokenDown }) {
                let sum = resolved.compactMap(\.amount).reduce(0, +)
                if let written = totals.asWritten, differs(sum, written) {
                    discrepancies.append(.writtenSum(sum: sum, budget: totals))
                    diagnostics.append(.warning("funding-total-mismatch", file, anchor,
                        Bilingual(fr: "les lignes de financement font \(PlainNumber.eurosFr(sum)) au total, les lignes de budget \(PlainNumber.eurosFr(written)) (\(PlainNumber.breakdownFr(totals)))",
                                  en: "funding lines add up to \(PlainNumber.euros(sum)), the budget lines add up to \(PlainNumber.euros(written)) (\(PlainNumber.breakdown(totals)))"),
                        hint: Bilingual(fr: "corrigez un montant ou le budget, ou donnez sa période à chaque ligne de financement\u{A0}; la fiche affiche les deux chiffres",
                                        en: "correct an amount or the budget, or give each funding line its period; the card shows both figures")))
                }
            } else {
                var funded = HorizonTotals()
                for line in resolved { if let amount = line.amount { funded.add(amount, line.horizon) } }
                for horizon in funded.horizons {
                    let sum = funded.amount(horizon) ?? 0
                    let lines = resolved.filter { $0.horizon == horizon }
                    let budgetPart = totals.amount(horizon) ?? 0
                    let completeHere = lines.allSatisfy { $0.amount != nil }
                    guard abs(sum - budgetPart) > max(1, 0.005 * budgetPart), completeHere || sum > budgetPart else { continue }
                    discrepancies.append(.horizonSum(horizon: horizon, sum: sum, budget: budgetPart))
                    let location = lines.first?.line.location ?? anchor
                    // The rest of the budget is named only when it has other horizons.
                    let rest = totals.horizons.count > 1 ? " (budget: \(PlainNumber.breakdown(totals)))" : ""
                    let restFr = totals.horizons.count > 1 ? " (budget\u{A0}: \(PlainNumber.breakdownFr(totals)))" : ""
                    let sumFr = "\(PlainNumber.eurosFr(sum)) \(PlainNumber.horizonFr(horizon))"
                    let message = totals.amount(horizon) == nil
                        ? Bilingual(fr: "les lignes de financement font \(sumFr), mais aucune ligne de budget n’est \(PlainNumber.horizonFr(horizon)) (budget\u{A0}: \(PlainNumber.breakdownFr(totals)))",
                                    en: "funding lines add up to \(PlainNumber.euros(sum)) \(PlainNumber.horizon(horizon)), but no budget line is \(PlainNumber.horizon(horizon)) (budget: \(PlainNumber.breakdown(totals)))")
                        : Bilingual(fr: "les lignes de financement font \(sumFr), les lignes de budget \(PlainNumber.eurosFr(budgetPart)) \(PlainNumber.horizonFr(horizon))\(restFr)",
                                    en: "funding lines add up to \(PlainNumber.euros(sum)) \(PlainNumber.horizon(horizon)), the budget lines to \(PlainNumber.euros(budgetPart)) \(PlainNumber.horizon(horizon))\(rest)")
                    diagnostics.append(.warning("funding-total-mismatch", file, location, message,
                                                hint: Bilingual(fr: "corrigez un montant ou le budget, ou la période de la ligne\u{A0}; la fiche affiche les deux chiffres",
                                                                en: "correct an amount or the budget, or the line's period; the card shows both figures")))
                }
            }
        }
        return (CardFacts(budget: budget, budgetTotals: totals, funding: resolved, discrepancies: discrepancies, card: card), diagnostics)
    }

    /// The known funding amounts summed per horizon.
    public var fundingTotals: HorizonTotals {
        var totals = HorizonTotals()
        for line in funding { if let amount = line.amount { totals.add(amount, line.horizon, inKind: line.line.inKind) } }
        return totals
    }

    /// The known funding as a share of the budget, on the base the lines' shares use (money.md §3): the budget of
    /// the funding's one horizon, or the whole budget as written when the funding mixes horizons or is not broken down.
    public var fundingShareOfBudget: Double? {
        let funded = fundingTotals
        guard let written = funded.asWritten else { return nil }
        let horizons = funded.horizons
        let base = horizons.count == 1 && horizons[0] != .notBrokenDown ? budgetTotals.amount(horizons[0]) : budgetTotals.asWritten
        guard let base, base > 0 else { return nil }
        return written / base
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
