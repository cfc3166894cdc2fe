import PasserelleModel

/// Why a value cannot be computed. Never 0, never NaN: the reader is told what is missing.
public enum Unavailability: Sendable, Hashable {
    /// An input the formula needs is not in the record.
    case missing(FormulaPath)
    /// The formula divides by an input that is zero.
    case divisionByZero(FormulaPath?)
}

/// The value of a formula for one record.
public enum Evaluation: Sendable, Hashable {
    case value(Double)
    case unavailable(Unavailability)

    public var number: Double? {
        if case .value(let v) = self { return v }
        return nil
    }
}

/// Evaluates formulas against a card's facts.
public struct FormulaEvaluator: Sendable {
    public let facts: CardFacts

    public init(facts: CardFacts) {
        self.facts = facts
    }

    public func evaluate(_ formula: Formula) -> Evaluation {
        switch formula {
        case .number(let value):
            return .value(value)
        case .path(let path):
            return read(path).map(Evaluation.value) ?? .unavailable(.missing(path))
        case .negate(let inner):
            return map(evaluate(inner)) { -$0 }
        case let .binary(op, lhs, rhs):
            let left = evaluate(lhs)
            guard case .value(let a) = left else { return left }
            let right = evaluate(rhs)
            guard case .value(let b) = right else { return right }
            switch op {
            case .add: return .value(a + b)
            case .subtract: return .value(a - b)
            case .multiply: return .value(a * b)
            case .divide:
                guard b != 0 else {
                    if case .path(let path) = rhs { return .unavailable(.divisionByZero(path)) }
                    return .unavailable(.divisionByZero(rhs.paths.first))
                }
                return .value(a / b)
            }
        case let .call(function, arguments):
            let values = arguments.map(evaluate)
            switch function {
            case .coalesce:
                return values.first { $0.number != nil } ?? values.last ?? .unavailable(.missing(.collection("coalesce")))
            case .count:
                return .value(Double(arguments.reduce(0) { $0 + count($1) }))
            case .sum, .min, .max:
                var numbers: [Double] = []
                for value in values {
                    guard case .value(let number) = value else { return value }
                    numbers.append(number)
                }
                switch function {
                case .sum: return .value(numbers.reduce(0, +))
                case .min: return .value(numbers.min() ?? 0)
                default: return .value(numbers.max() ?? 0)
                }
            }
        }
    }

    private func map(_ evaluation: Evaluation, _ transform: (Double) -> Double) -> Evaluation {
        if case .value(let v) = evaluation { return .value(transform(v)) }
        return evaluation
    }

    private func count(_ formula: Formula) -> Int {
        guard case .path(.collection(let name)) = formula else { return 0 }
        let card = facts.card
        switch name {
        case "funding": return card.funding.count
        case "budget": return card.budget.count
        case "results": return card.results.count
        case "partners": return card.partners.count
        case "value_chains": return card.valueChains.count
        case "contacts": return card.contacts.count
        case "objectives": return card.objectives.count
        default: return 0
        }
    }

    /// The value at a path, nil when the record does not have it.
    public func read(_ path: FormulaPath) -> Double? {
        switch path {
        case .budgetAnnual: return facts.budgetAnnual
        case .budgetTotal: return facts.budgetTotal
        case .budgetInvestment: return facts.budgetInvestment
        case .fundingTotal: return facts.fundingTotal
        case .fundingPublic: return facts.fundingPublic
        case .fundingByType(let type): return facts.funding(ofType: type)
        case .fundingShare(let type):
            guard let part = facts.funding(ofType: type), let total = facts.fundingTotal, total > 0 else { return nil }
            return part / total
        case let .result(metric, year, part):
            guard let value = facts.resultBlock(for: metric, year: year)?.value(of: metric) else { return nil }
            guard let part else { return value.total }
            return value.parts.first { $0.label == part }?.value
        case .target(let metric):
            return facts.card.targets.first { $0.metric.id == metric }?.value
        case .collection:
            return nil
        }
    }
}
