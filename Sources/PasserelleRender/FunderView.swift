import PasserelleIndicators
import PasserelleModel

/// What a funder (or a funder type) paid, card by card and per horizon, and the results of the cards it co-funds,
/// under their own heading: never the cards' whole budget as the funder's cost (money.md §7).
extension PageContext {
    /// The contributions section, drawn by `partials/contributions`.
    func contributions(_ report: FunderReport) -> String {
        // A funder of hundreds of cards: the first `listLimit` rows here, all of them in the open data (the totals below
        // count every row).
        let rows = report.contributions.prefix(Self.listLimit).compactMap { contribution -> TableView.Row? in
            guard let card = site.record(contribution.cardID) else { return nil }
            var label = card.title
            if contribution.isJoint {
                label += " (" + labels.format("joint_with", ["funders": names(contribution.funders)]) + ")"
            }
            let amount: TableView.Cell
            if let value = contribution.amount {
                var text = money(value, contribution.horizon, year: contribution.year)
                if contribution.horizon == .notBrokenDown, let card = input.figures.cards[contribution.cardID] {
                    text = format.euros(value) + " (" + notBrokenDownText(card.facts) + ")"
                }
                amount = TableView.Cell(text: text, machine: Formatter.machine(value), numeric: true)
            } else {
                amount = TableView.Cell(text: labels["amount_not_stated"], numeric: true)
            }
            let share = contribution.shareOfBudget.map { TableView.Cell(text: format.percent($0), machine: Formatter.machine($0, decimals: 4), numeric: true) }
                ?? TableView.Cell(text: "–", numeric: true)
            let leverage: TableView.Cell
            if let value = contribution.leverage {
                leverage = TableView.Cell(text: labels.format("leverage_value", ["x": format.number(value)]), machine: Formatter.machine(value), numeric: true)
            } else {
                leverage = TableView.Cell(text: leverageGapText(contribution.leverageGap), numeric: false)
            }
            return TableView.Row(label: label, url: url(Routes.record(card)), cells: [amount, share, leverage])
        }
        let table = TableView(caption: labels["funds_caption"],
                              columns: [(labels["card"], false), (labels["amount"], true), (labels["share_of_budget"], true),
                                        (labels["leverage"], true)], rows: rows)
        var totals: [String] = []
        if let perYear = report.totals.perYear { totals.append(labels.format("total_per_year", ["amount": format.euros(perYear)])) }
        for years in report.totals.multiYear.keys.sorted() {
            totals.append(labels.format("total_over_years", ["years": String(years), "amount": format.euros(report.totals.multiYear[years] ?? 0)]))
        }
        if let value = report.totals.oneOff { totals.append(labels.format("total_one_off", ["amount": format.euros(value)])) }
        if let value = report.totals.notBrokenDown { totals.append(labels.format("total_not_broken_down", ["amount": format.euros(value)])) }
        if let value = report.totals.unstated { totals.append(labels.format("total_unstated", ["amount": format.euros(value)])) }
        if let joint = report.jointTotals.asWritten, !report.jointTotals.isEmpty {
            totals.append(labels.format("total_joint", ["amounts": breakdown(report.jointTotals), "total": format.euros(joint)]))
        }
        if report.linesWithoutAmount > 0 {
            totals.append(labels.format(report.linesWithoutAmount == 1 ? "lines_without_amount_one" : "lines_without_amount_many",
                                        ["n": String(report.linesWithoutAmount)]))
        }
        var context: [String: Any] = ["t": labels.values, "table": table.context(region: labels["funds_caption"]), "totals": totals]
        if report.contributions.count > Self.listLimit, let links = dataLinks(Routes.dataFunders) {
            context["more"] = links.merging(["text": labels.format("contributions_more", ["shown": format.number(Double(Self.listLimit)),
                                                                                        "n": format.number(Double(report.contributions.count))])]) { a, _ in a }
        }
        return input.templates.render("partials/contributions", SiteRenderer.flagLists(context))
    }

    func leverageGapText(_ gap: LeverageGap?) -> String {
        switch gap {
        case .joint: return labels["leverage_gap_joint"]
        case .amountNotStated: return labels["leverage_gap_amount"]
        case .notBrokenDown: return labels["leverage_gap_not_broken_down"]
        case .noBudgetOfHorizon(let horizon): return labels.format("leverage_gap_horizon", ["horizon": horizonText(horizon)])
        case nil: return "–"
        }
    }

    /// "ponctuel et annuel, non ventilé": the horizons a line not broken down is spread over.
    func notBrokenDownText(_ facts: CardFacts) -> String {
        // "ponctuel et annuel": adjectives, one-off first, so nothing says "par an" of money that is not yearly.
        let order: (Horizon) -> Int = { $0 == .oneOff ? 0 : $0 == .annual ? 1 : 2 }
        let horizons = facts.budgetTotals.horizons.sorted { order($0) < order($1) }.map { horizon -> String in
            switch horizon {
            case .annual: return labels["adjective_annual"]
            case .oneOff: return labels["one_off"]
            default: return horizonText(horizon)
            }
        }
        return labels.format("not_broken_down_between", ["horizons": horizons.joined(separator: labels["and"])])
    }

    /// The results the co-funded cards report, each with its date, under "Résultats des fiches cofinancées".
    /// The most rows or entries a list of cards shows on a funder's or an organisation's page; the rest is in the open
    /// data or the card list, with a link (a funder of a thousand cards keeps a light page).
    static let listLimit = 60

    /// The results of the co-funded cards: the first `listLimit` cards with results, and how many more there are.
    func cofundedResults(_ cardIDs: [String]) -> (cards: [[String: Any]], more: [String: Any]?) {
        let all = cofundedEntries(cardIDs)
        guard all.count > Self.listLimit else { return (all, nil) }
        let text = labels.format("cofunded_more", ["n": format.number(Double(all.count - Self.listLimit))])
        return (Array(all.prefix(Self.listLimit)), ["text": text, "csv": url(Routes.dataAllCards + ".csv"), "json": url(Routes.dataAllCards + ".json")])
    }

    func cofundedEntries(_ cardIDs: [String]) -> [[String: Any]] {
        cardIDs.compactMap { id -> [String: Any]? in
            guard let record = site.record(id), let card = record.card, !card.results.isEmpty else { return nil }
            let items = card.results.flatMap { block in
                block.entries.map { entry -> String in
                    let unit = site.dictionary.metric(entry.metric.id)?.unit ?? .number
                    let when = block.year.map { labels.format("in_year", ["year": String($0)]) }
                        ?? block.period.map { "(\($0))" } ?? labels["year_unstated"]
                    return "\(metricLabel(entry.metric.id))\(labels["colon"]) \(reported(entry.value.total, precision: entry.value.precision, unit: unit)) \(when)"
                }
            }
            return ["title": record.title, "url": url(Routes.record(record)), "items": items]
        }
    }
}
