import PasserelleModel

/// An indicator of the dictionary with its formula parsed.
public struct Indicator: Sendable, Hashable {
    public var source: IndicatorSource
    public var formula: Formula

    public var id: String { source.id }
}

/// One indicator's value for one card.
public struct IndicatorValue: Sendable, Hashable {
    public var indicator: Indicator
    public var evaluation: Evaluation
}

/// The measures of one card: its facts and every indicator's value.
public struct CardMeasures: Sendable {
    public var facts: CardFacts
    public var values: [IndicatorValue]
    /// The card's yearly operating cost (`budget.annual`), or why it has none: the open data lists it for every card.
    public var budgetPerYear: Evaluation

    public func value(_ id: String) -> Evaluation? {
        values.first { $0.indicator.id == id }?.evaluation
    }
}

/// Compiles the dictionary's formulas (reporting errors at their place in indicators.yml) and measures cards.
public struct IndicatorEngine: Sendable {
    public let dictionary: MetricDictionary
    public let indicators: [Indicator]

    public static func compile(_ dictionary: MetricDictionary) -> (IndicatorEngine, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var indicators: [Indicator] = []
        let metrics = Set(dictionary.metrics.map(\.id))
        for source in dictionary.indicators {
            switch FormulaParser.parse(source.formula, metrics: metrics) {
            case .success(let formula):
                indicators.append(Indicator(source: source, formula: formula))
            case .failure(let error):
                let at = source.position(at: error.offset)
                diagnostics.append(.error(error.rule, dictionary.file, at, error.text, hint: error.help))
            }
        }
        return (IndicatorEngine(dictionary: dictionary, indicators: indicators), diagnostics)
    }

    /// Every indicator evaluated on one card.
    public func measure(_ facts: CardFacts) -> CardMeasures {
        let evaluator = FormulaEvaluator(facts: facts)
        let values = indicators.map { IndicatorValue(indicator: $0, evaluation: evaluator.evaluate($0.formula)) }
        return CardMeasures(facts: facts, values: values, budgetPerYear: evaluator.read(.budgetAnnual))
    }
}
