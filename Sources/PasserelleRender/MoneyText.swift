import PasserelleIndicators
import PasserelleModel

/// Amounts with their horizon, values with their precision and date, and the exact reason a value is missing,
/// in the site's language (money.md §1, §4, §8). Formatting only: every number comes computed.
extension PageContext {
    /// "par an", "sur 3 ans", "ponctuel", "période non précisée", "non ventilé".
    func horizonText(_ horizon: Horizon) -> String {
        switch horizon {
        case .annual: return labels["per_year"]
        case .years(let n): return labels.format("over_years", ["years": String(n)])
        case .oneOff: return labels["one_off"]
        case .unstated: return labels["period_unstated"]
        case .notBrokenDown: return labels["not_broken_down"]
        }
    }

    /// "97 000 € par an", "230 000 € sur 3 ans", "240 000 € (ponctuel, 2012)", "1 250 400 € (période non précisée)",
    /// "3 000 € en nature (ponctuel)".
    func money(_ amount: Double, _ horizon: Horizon, year: Int? = nil, inKind: Bool = false) -> String {
        var text = format.euros(amount)
        if inKind { text += " " + labels["in_kind"] }
        switch horizon {
        case .annual:
            text += " " + horizonText(horizon) + (year.map { ", \($0)" } ?? "")
        case .years:
            text += " " + horizonText(horizon)
            if let year { text += " " + labels.format("from_year", ["year": String(year)]) }
        case .oneOff, .unstated, .notBrokenDown:
            text += " (" + horizonText(horizon) + (year.map { ", \($0)" } ?? "") + ")"
        }
        return text
    }

    /// A value in its unit, "≈ 70 %" when it rests on an approximate input.
    func figure(_ value: Double, unit: MeasureUnit, approximate: Bool) -> String {
        let text = format.value(value, unit: unit)
        return approximate ? format.approximately(text) : text
    }

    /// A reported value as written: "40", "environ 30", "20 à 25".
    func reported(_ value: Double, precision: Precision, unit: MeasureUnit) -> String {
        switch precision {
        case .exact: return format.value(value, unit: unit)
        case .approximate: return labels.format("approximately", ["value": format.value(value, unit: unit)])
        case .range(let low, let high):
            return labels.format("range", ["min": format.value(low, unit: unit), "max": format.value(high, unit: unit)])
        }
    }

    /// What a computed value rests on, each input with its date: "coût annuel, année non précisée ; 40 personnes
    /// accompagnées en 2002".
    func basisText(_ measured: Measured) -> String {
        var seen = Set<String>()
        return measured.basis.map { basis -> String in
            switch basis.when {
            case .money(let horizon, let year):
                let what = labels["basis_\(basis.path.basisKey)"]
                let when = year.map { labels.format("in_year", ["year": String($0)]) } ?? labels["year_unstated"]
                return "\(what) \(format.euros(basis.value)) \(horizonText(horizon)), \(when)"
            case .year(let year):
                return "\(quantity(basis)) " + labels.format("in_year", ["year": String(year)])
            case .period(let period):
                return "\(quantity(basis)) (\(period))"
            case .undated:
                return "\(quantity(basis)), \(labels["year_unstated"])"
            }
        }.filter { seen.insert($0).inserted }.joined(separator: " ; ")
    }

    /// "40 personnes accompagnées", "objectif : environ 30 emplois d'insertion".
    private func quantity(_ basis: Basis) -> String {
        guard let metric = basis.path.metric else { return format.number(basis.value) }
        let unit = site.dictionary.metric(metric)?.unit ?? .number
        let value = basis.approximate ? labels.format("approximately", ["value": format.value(basis.value, unit: unit)])
            : format.value(basis.value, unit: unit)
        let text = "\(value) \(metricLabel(metric).lowercased())"
        if case .target = basis.path { return labels.format("basis_target", ["value": text]) }
        return text
    }

    /// The exact reason a value is not available, in the reader's words.
    func explain(_ reason: Unavailability) -> String {
        let prefix = labels["not_available"]
        let detail: String
        switch reason {
        case .missing(let path):
            if let metric = path.metric { detail = labels.format("reason_missing_metric", ["what": metricLabel(metric)]) }
            else { detail = labels.format("reason_missing", ["what": path.description]) }
        case .noBudget: detail = labels["reason_no_budget"]
        case .noYearlyBudget(let lines):
            detail = labels.format("reason_no_yearly_budget", ["budget": lines.map(lineReason).joined(separator: ", ")])
        case .budgetMixesHorizons(let totals):
            detail = labels.format("reason_budget_mixed", ["budget": breakdown(totals)])
        case .budgetWithoutPeriod(let totals):
            detail = labels.format("reason_budget_without_period", ["budget": format.euros(totals.asWritten ?? 0)])
        case .noFunding: detail = labels["reason_no_funding"]
        case .noFundingOfHorizon(let path, let amounts):
            let key = path == .fundingOneOff || path == .fundingPublicOneOff ? "reason_no_one_off_funding" : "reason_no_yearly_funding"
            detail = labels.format(key, ["funding": amounts.map { money($0.amount, $0.horizon, year: $0.year) }.joined(separator: ", ")])
        case .fundingMixesHorizons(let totals):
            detail = labels.format("reason_funding_mixed", ["funding": breakdown(totals)])
        case .amountsNotStated(let funders):
            detail = labels.format("reason_amounts_not_stated", ["funders": names(funders)])
        case .insideJointLine(let type, let funders):
            detail = labels.format("reason_joint", ["type": labels["type_\(type.rawValue)"], "funders": names(funders)])
        case .divisionByZero(let path):
            detail = labels.format("reason_division", ["what": path?.metric.map(metricLabel) ?? path?.description ?? "0"])
        case .range(let metric, let low, let high):
            let unit = site.dictionary.metric(metric)?.unit ?? .number
            detail = labels.format("reason_range", ["what": metricLabel(metric),
                                                    "range": reported(low, precision: .range(min: low, max: high), unit: unit)])
        case .notFinite: detail = labels["reason_not_finite"]
        }
        return "\(prefix)\(labels["colon"]) \(detail)"
    }

    /// "investissement ponctuel de 240 000 € en 2012", "budget de 1 250 400 € sans période précisée".
    func lineReason(_ line: BudgetLine) -> String {
        var key: String
        var arguments = ["amount": format.euros(line.amount)]
        switch line.horizon {
        case .oneOff: key = "reason_line_one_off"
        case .years(let n):
            key = "reason_line_years"
            arguments["years"] = String(n)
        case .annual: key = "reason_line_annual"
        case .unstated, .notBrokenDown: key = "reason_line_unstated"
        }
        key += line.nature == .investment ? "_investment" : ""
        var text = labels.format(key, arguments)
        if line.inKind { text += " " + labels["in_kind"] }
        if let year = line.year { text += " " + labels.format("in_year", ["year": String(year)]) }
        return text
    }

    /// "8 000 € ponctuels, dont 3 000 € en nature, + 6 800 € par an".
    func breakdown(_ totals: HorizonTotals) -> String {
        var parts: [String] = []
        if let oneOff = totals.oneOff {
            parts.append(labels.format("apart_one_off", ["amount": format.euros(oneOff)])
                + (totals.oneOffInKind.map { ", " + labels.format("of_which_in_kind", ["amount": format.euros($0)]) } ?? ""))
        }
        for years in totals.multiYear.keys.sorted() { parts.append(money(totals.multiYear[years] ?? 0, .years(years))) }
        if let annual = totals.annual { parts.append(money(annual, .annual)) }
        if let value = totals.notBrokenDown { parts.append(labels.format("apart_not_broken_down", ["amount": format.euros(value)])) }
        if let value = totals.unstated { parts.append(labels.format("apart_unstated", ["amount": format.euros(value)])) }
        // "…, dont 3 000 € en nature, + 6 800 € par an": the clause closes before the next part.
        return parts.enumerated().map { $0.offset < parts.count - 1 && totals.oneOffInKind != nil && $0.offset == 0 ? $0.element + "," : $0.element }
            .joined(separator: " + ")
    }

    /// Organisation names of ids, joined: "État, Région Bretagne".
    func names(_ ids: [String]) -> String {
        ids.map { organisationLink($0)["name"] as? String ?? $0 }.joined(separator: ", ")
    }

    /// A dictionary without its nil values (so a template never prints "nil").
    func compact(_ values: [String: Any?]) -> [String: Any] {
        values.compactMapValues { $0 }
    }
}

extension FormulaPath {
    /// The label key naming a money input in a value's basis: `basis_budget_annual`…
    var basisKey: String {
        switch self {
        case .budgetAnnual: return "budget_annual"
        case .budgetTotal: return "budget_total"
        case .budgetInvestment: return "budget_investment"
        case .fundingTotal, .fundingPublic, .fundingByType, .fundingShare: return "funding"
        case .fundingPerYear, .fundingPublicPerYear: return "funding_per_year"
        case .fundingOneOff, .fundingPublicOneOff: return "funding_one_off"
        case .result, .target, .collection: return "other"
        }
    }
}
