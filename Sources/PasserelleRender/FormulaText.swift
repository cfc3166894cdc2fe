import PasserelleIndicators
import PasserelleModel

/// A parsed formula of `indicators.yml` in words, for readers: `budget.annual / results.people_accompanied` →
/// "le budget de fonctionnement par an divisé par le nombre de personnes accompagnées". Made from the parsed formula and
/// the labels of the theme and of the metrics, never written by hand, so the words always say what is computed.
struct FormulaText {
    let labels: Labels
    let language: Language
    let metrics: [String: MetricDefinition]
    let format: Formatter

    init(labels: Labels, site: Site) {
        self.labels = labels
        self.language = site.config.language
        self.metrics = Dictionary(site.dictionary.metrics.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.format = Formatter(language: site.config.language)
    }

    /// The whole formula as one phrase, without a final full stop.
    func text(_ formula: Formula) -> String {
        phrase(formula, nested: false)
    }

    /// A division's two terms in words ("le budget total de la période", "le nombre d'emplois créés"), for the sentence
    /// that says how a ratio is combined over several cards; nil when the formula is not a division.
    func terms(_ formula: Formula) -> (numerator: String, denominator: String)? {
        guard case .binary(.divide, let lhs, let rhs) = formula else { return nil }
        return (phrase(lhs, nested: true), phrase(rhs, nested: true))
    }

    /// `nested`: the formula is an operand of another operation, so a division or a product is said as a noun ("le
    /// rapport entre A et B") and the words keep the order of the computation without parentheses.
    private func phrase(_ formula: Formula, nested: Bool) -> String {
        switch formula {
        case .number(let value):
            return format.number(value)
        case .path(let path):
            return pathPhrase(path)
        case .negate(let inner):
            return labels.format("formula_negate", ["of_a": of(phrase(inner, nested: true))])
        case .binary(let op, let lhs, let rhs):
            let a = phrase(lhs, nested: true)
            let b = phrase(rhs, nested: true)
            switch op {
            case .divide where !nested:
                return labels.format("formula_divided", ["a": a, "agree": agreement(a), "b": b])
            case .multiply where !nested:
                return labels.format("formula_multiplied", ["a": a, "agree": agreement(a), "b": b])
            case .divide:
                return labels.format("formula_ratio", ["a": a, "b": b])
            case .multiply:
                return labels.format("formula_product", ["of_a": of(a), "b": b])
            case .add:
                return labels.format("formula_sum", ["of_a": of(a), "of_b": of(b)])
            case .subtract:
                return labels.format("formula_difference", ["a": a, "b": b])
            }
        case .call(let function, let arguments):
            let parts = arguments.map { phrase($0, nested: true) }
            switch function {
            case .sum:
                return labels.format("formula_fn_sum", ["list": list(parts.map(of))])
            case .min:
                return labels.format("formula_fn_min", ["list": list(parts)])
            case .max:
                return labels.format("formula_fn_max", ["list": list(parts)])
            case .coalesce:
                return parts.dropFirst().reduce(parts.first ?? "") { labels.format("formula_fn_coalesce", ["a": $0, "b": $1]) }
            case .count:
                return labels.format("formula_fn_count", ["of_a": of(parts.first ?? "")])
            }
        }
    }

    /// What a path of the card reads, in words.
    private func pathPhrase(_ path: FormulaPath) -> String {
        switch path {
        case .budgetAnnual: return labels["formula_budget_annual"]
        case .budgetTotal: return labels["formula_budget_total"]
        case .budgetInvestment: return labels["formula_budget_investment"]
        case .fundingTotal: return labels["formula_funding_total"]
        case .fundingPublic: return labels["formula_funding_public"]
        case .fundingPerYear: return labels["formula_funding_per_year"]
        case .fundingPublicPerYear: return labels["formula_funding_public_per_year"]
        case .fundingOneOff: return labels["formula_funding_one_off"]
        case .fundingPublicOneOff: return labels["formula_funding_public_one_off"]
        case .fundingByType(let type): return labels.format("formula_funding_by_type", ["type": labels["type_\(type.rawValue)"]])
        case .fundingShare(let type): return labels.format("formula_funding_share", ["type": labels["type_\(type.rawValue)"]])
        case let .result(metric, year, part):
            var text = metricPhrase(metric)
            if let part {
                let partLabel = metrics[metric]?.parts[part]?.text(language) ?? part
                text = labels.format("formula_part", ["part": partLabel, "of_a": of(text)])
            }
            if let year { text = labels.format("formula_in_year", ["a": text, "year": String(year)]) }
            return text
        case .target(let metric):
            return labels.format("formula_target", ["of_a": of(lowercasedLabel(metric))])
        case .collection(let name):
            return labels["formula_collection_\(name)"]
        }
    }

    /// "le nombre de personnes accompagnées", "le montant de chiffre d'affaires": the metric's label after the word its
    /// unit calls for.
    private func metricPhrase(_ metric: String) -> String {
        let key: String
        switch metrics[metric]?.unit ?? .number {
        case .people, .jobs, .count, .number: key = "formula_metric_count"
        case .EUR: key = "formula_metric_amount"
        case .percent: key = "formula_metric_rate"
        case .tonnes: key = "formula_metric_tonnes"
        case .hours: key = "formula_metric_hours"
        }
        return labels.format(key, ["of_a": of(lowercasedLabel(metric))])
    }

    /// The metric's label as it reads inside a sentence: "Emplois créés" → "emplois créés" (an acronym keeps its capitals).
    private func lowercasedLabel(_ metric: String) -> String {
        let label = metrics[metric]?.label.text(language) ?? metric
        guard let first = label.first else { return label }
        let second = label.dropFirst().first
        if let second, second.isUppercase { return label }
        return first.lowercased() + label.dropFirst()
    }

    /// "de" before a phrase, as French contracts it: "le budget" → "du budget", "les financements" → "des financements",
    /// "emplois" → "d'emplois", "la part" → "de la part". In English, "of".
    func of(_ phrase: String) -> String {
        guard language == .fr else { return "of " + phrase }
        if phrase.hasPrefix("le ") { return "du " + phrase.dropFirst(3) }
        if phrase.hasPrefix("les ") { return "des " + phrase.dropFirst(4) }
        if phrase.hasPrefix("l'") || phrase.hasPrefix("la ") { return "de " + phrase }
        if let first = phrase.first, "aeiouyhéèêàâîôûAEIOUYHÉÈÊÀÂÎÔÛ".contains(first) { return "d'" + phrase }
        return "de " + phrase
    }

    /// The ending a French past participle takes after a phrase: "" (le budget), "s" (les financements), "e" (la part).
    private func agreement(_ phrase: String) -> String {
        guard language == .fr else { return "" }
        if phrase.hasPrefix("les ") || phrase.hasPrefix("des ") { return "s" }
        if phrase.hasPrefix("la ") { return "e" }
        return ""
    }

    /// "A, B et C".
    private func list(_ parts: [String]) -> String {
        guard parts.count > 1, let last = parts.last else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + labels["and"] + last
    }
}
