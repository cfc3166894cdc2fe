import PasserelleModel

/// Why a value cannot be computed. Never 0, never NaN: the reader is told exactly what is missing (money.md §8).
public enum Unavailability: Sendable, Hashable {
    /// A result, target or other input the formula needs is not in the record.
    case missing(FormulaPath)
    /// The card has no budget line at all.
    case noBudget
    /// `budget.annual`: the budget has no yearly or multi-year operating part; the lines it has instead.
    case noYearlyBudget([BudgetLine])
    /// `budget.total`: the budget mixes horizons (or has lines without a period), so it has no single total.
    case budgetMixesHorizons(HorizonTotals)
    /// `budget.total`: no budget line says its period.
    case budgetWithoutPeriod(HorizonTotals)
    /// The card has no funding line with an amount or a share.
    case noFunding
    /// Funding exists, but none of the horizon the path asks for (`funding.per_year`, `funding.one_off`).
    case noFundingOfHorizon(FormulaPath, [DatedAmount])
    /// `funding.total`, `funding.public`, `funding.by_type.X`: the amounts cover different horizons.
    case fundingMixesHorizons(HorizonTotals)
    /// Funding lines the value needs give no amount (the funders' ids).
    case amountsNotStated(funders: [String])
    /// Money of this type is inside a joint line, whose split is never guessed (the line's funders).
    case insideJointLine(OrganisationType, funders: [String])
    /// The formula divides by an input that is zero.
    case divisionByZero(FormulaPath?)
    /// The input is given as a range (`{min, max}`): no single number to compute with.
    case range(metric: String, min: Double, max: Double)
    /// The value overflows ("valeur hors limites").
    case notFinite
}

/// When an input of a formula refers to: the horizon of an amount, or the date of a result.
public enum When: Sendable, Hashable {
    case money(Horizon, year: Int?)
    case year(Int)
    case period(String)
    case undated
}

/// One input a value was computed from, with its date: "40 personnes en 2002".
public struct Basis: Sendable, Hashable {
    public var path: FormulaPath
    public var value: Double
    public var when: When
    public var approximate: Bool
}

/// A computed value with what it rests on: its inputs and their dates, and whether it is approximate.
public struct Measured: Sendable, Hashable {
    public var value: Double
    /// True when an input is approximate ("environ 30"): the value is shown "≈ 70 %".
    public var approximate: Bool
    public var basis: [Basis]

    public init(value: Double, approximate: Bool = false, basis: [Basis] = []) {
        self.value = value
        self.approximate = approximate
        self.basis = basis
    }

    /// The year the figure refers to: the one year all its inputs share (an undated target aside); nil when one of them
    /// is undated (a cost of unknown year over people counted in 2002 is not a figure of 2002: money.md §8) or when
    /// they disagree.
    public var year: Int? {
        var years = Set<Int>()
        for input in basis {
            // A target is a goal, not dated data: an achievement rate is of its results' year.
            if case .target = input.path, input.when == .undated { continue }
            switch input.when {
            case .money(_, let year?): years.insert(year)
            case .year(let year): years.insert(year)
            case .money(_, nil), .period, .undated: return nil
            }
        }
        return years.count == 1 ? years.first : nil
    }

    /// The horizons of the money it was computed from (empty for results alone).
    public var horizons: Set<Horizon> {
        Set(basis.compactMap { if case .money(let horizon, _) = $0.when { return horizon } else { return nil } })
    }
}

/// The value of a formula for one record.
public enum Evaluation: Sendable, Hashable {
    case value(Measured)
    case unavailable(Unavailability)

    public var number: Double? {
        if case .value(let measured) = self { return measured.value }
        return nil
    }

    public var measured: Measured? {
        if case .value(let measured) = self { return measured }
        return nil
    }

    /// A value, or `notFinite` when it overflowed.
    static func checked(_ measured: Measured) -> Evaluation {
        measured.value.isFinite ? .value(measured) : .unavailable(.notFinite)
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
            return .checked(Measured(value: value))
        case .path(let path):
            return read(path)
        case .negate(let inner):
            let evaluation = evaluate(inner)
            guard case .value(var measured) = evaluation else { return evaluation }
            measured.value = -measured.value
            return .value(measured)
        case let .binary(op, lhs, rhs):
            let left = evaluate(lhs)
            guard case .value(let a) = left else { return left }
            let right = evaluate(rhs)
            guard case .value(let b) = right else { return right }
            let value: Double
            switch op {
            case .add: value = a.value + b.value
            case .subtract: value = a.value - b.value
            case .multiply: value = a.value * b.value
            case .divide:
                guard b.value != 0 else {
                    if case .path(let path) = rhs { return .unavailable(.divisionByZero(path)) }
                    return .unavailable(.divisionByZero(rhs.paths.first))
                }
                value = a.value / b.value
            }
            return .checked(Measured(value: value, approximate: a.approximate || b.approximate, basis: a.basis + b.basis))
        case let .call(function, arguments):
            switch function {
            case .coalesce:
                let values = arguments.map(evaluate)
                return values.first { $0.number != nil } ?? values.last ?? .unavailable(.missing(.collection("coalesce")))
            case .count:
                return .value(Measured(value: Double(arguments.reduce(0) { $0 + count($1) })))
            case .sum, .min, .max:
                var inputs: [Measured] = []
                for argument in arguments {
                    let evaluation = evaluate(argument)
                    guard case .value(let measured) = evaluation else { return evaluation }
                    inputs.append(measured)
                }
                let numbers = inputs.map(\.value)
                let value: Double
                switch function {
                case .sum: value = numbers.reduce(0, +)
                case .min: value = numbers.min() ?? 0
                default: value = numbers.max() ?? 0
                }
                return .checked(Measured(value: value, approximate: inputs.contains(where: \.approximate),
                                         basis: inputs.flatMap(\.basis)))
            }
        }
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

    /// A money value of one horizon, dated by the year its lines share.
    private func money(_ path: FormulaPath, _ value: Double, _ horizon: Horizon, years: [Int?]) -> Evaluation {
        let distinct = Set(years)
        let year = distinct.count == 1 ? distinct.first ?? nil : nil
        return .checked(Measured(value: value, basis: [Basis(path: path, value: value, when: .money(horizon, year: year), approximate: false)]))
    }

    /// The value at a path, or exactly why the record does not have it.
    public func read(_ path: FormulaPath) -> Evaluation {
        switch path {
        case .budgetAnnual:
            let lines = facts.budget.filter { $0.perYear != nil }
            guard !lines.isEmpty else { return .unavailable(facts.budget.isEmpty ? .noBudget : .noYearlyBudget(facts.budget.map(\.line))) }
            return money(path, lines.compactMap(\.perYear).reduce(0, +), .annual, years: lines.map(\.line.year))
        case .budgetTotal:
            guard !facts.budget.isEmpty else { return .unavailable(.noBudget) }
            let horizons = Set(facts.budget.map(\.horizon))
            if horizons == [.unstated] { return .unavailable(.budgetWithoutPeriod(facts.budgetTotals)) }
            guard horizons.count == 1, let horizon = horizons.first else { return .unavailable(.budgetMixesHorizons(facts.budgetTotals)) }
            return money(path, facts.budget.reduce(0) { $0 + $1.line.amount }, horizon, years: facts.budget.map(\.line.year))
        case .budgetInvestment:
            let lines = facts.budget.filter { $0.line.nature == .investment || $0.horizon == .oneOff }
            guard !lines.isEmpty else { return .unavailable(facts.budget.isEmpty ? .noBudget : .missing(path)) }
            let horizons = Set(lines.map(\.horizon))
            guard horizons.count == 1, let horizon = horizons.first else { return .unavailable(.budgetMixesHorizons(facts.budgetTotals)) }
            return money(path, lines.reduce(0) { $0 + $1.line.amount }, horizon, years: lines.map(\.line.year))
        case .fundingTotal, .fundingPublic:
            return asWritten(path, facts.funding.filter { path == .fundingTotal || $0.isPublic })
        case .fundingPerYear, .fundingPublicPerYear:
            return byHorizon(path, publicOnly: path == .fundingPublicPerYear) { $0.hasPerYearValue }
        case .fundingOneOff, .fundingPublicOneOff:
            return byHorizon(path, publicOnly: path == .fundingPublicOneOff) { $0 == .oneOff }
        case .fundingByType(let type):
            return ofType(type, path)
        case .fundingShare(let type):
            // The same base as the shares on the card (money.md §3): the budget of the money's horizon, the whole
            // budget as written for money not broken down, or the funding itself when the card has no budget.
            let part = ofType(type, path)
            guard case .value(let numerator) = part else { return part }
            guard let horizon = numerator.horizons.first else { return .value(Measured(value: 0)) }
            let base: Evaluation
            if !facts.budget.isEmpty {
                let amount = horizon == .notBrokenDown ? facts.budgetTotals.asWritten : facts.budgetTotals.amount(horizon)
                guard let amount else { return .unavailable(.budgetMixesHorizons(facts.budgetTotals)) }
                base = money(.budgetTotal, amount, horizon, years: [])
            } else {
                base = asWritten(.fundingTotal, facts.funding)
            }
            guard case .value(let denominator) = base else { return base }
            guard denominator.value > 0 else { return .unavailable(.divisionByZero(.budgetTotal)) }
            return .checked(Measured(value: numerator.value / denominator.value, basis: numerator.basis))
        case let .result(metric, year, part):
            guard let block = facts.resultBlock(for: metric, year: year), let value = block.value(of: metric) else {
                return .unavailable(.missing(path))
            }
            let number: Double
            if let part {
                guard let found = value.parts.first(where: { $0.label == part }) else { return .unavailable(.missing(path)) }
                number = found.value
            } else {
                if case .range(let low, let high) = value.precision { return .unavailable(.range(metric: metric, min: low, max: high)) }
                number = value.total
            }
            let when: When = block.year.map(When.year) ?? block.period.map(When.period) ?? .undated
            let approximate = part == nil && value.precision.isApproximate
            return .checked(Measured(value: number, approximate: approximate,
                                     basis: [Basis(path: path, value: number, when: when, approximate: approximate)]))
        case .target(let metric):
            guard let target = facts.card.targets.first(where: { $0.metric.id == metric }) else { return .unavailable(.missing(path)) }
            if case .range(let low, let high) = target.precision { return .unavailable(.range(metric: metric, min: low, max: high)) }
            let approximate = target.precision.isApproximate
            return .checked(Measured(value: target.value, approximate: approximate,
                                     basis: [Basis(path: path, value: target.value, when: target.year.map(When.year) ?? .undated,
                                                   approximate: approximate)]))
        case .collection:
            return .unavailable(.missing(path))
        }
    }

    /// Lines without an amount make any sum over them unknown: their funders, or nil when every line has one.
    private func unstatedFunders(_ lines: [ResolvedFunding]) -> Evaluation? {
        let unknown = lines.filter { $0.amount == nil }
        guard !unknown.isEmpty else { return nil }
        return .unavailable(.amountsNotStated(funders: unknown.flatMap { $0.line.funders.map(\.id) }))
    }

    /// The sum of lines as written, when they share one horizon.
    private func asWritten(_ path: FormulaPath, _ lines: [ResolvedFunding]) -> Evaluation {
        guard !facts.funding.isEmpty else { return .unavailable(.noFunding) }
        if let unknown = unstatedFunders(facts.funding) { return unknown }
        let horizons = Set(facts.funding.map(\.horizon))
        guard horizons.count == 1, let horizon = horizons.first else { return .unavailable(.fundingMixesHorizons(facts.fundingTotals)) }
        return money(path, lines.compactMap(\.amount).reduce(0, +), horizon, years: lines.map(\.year))
    }

    /// Per-year or one-off funding (all of it, or its public part).
    private func byHorizon(_ path: FormulaPath, publicOnly: Bool, _ keep: (Horizon) -> Bool) -> Evaluation {
        guard !facts.funding.isEmpty else { return .unavailable(.noFunding) }
        // Lines whose horizon is unknown could be of this horizon too.
        let candidates = facts.funding.filter { keep($0.horizon) || $0.horizon == .unstated }
        if let unknown = unstatedFunders(candidates) { return unknown }
        let lines = facts.funding.filter { keep($0.horizon) }
        guard !lines.isEmpty else { return .unavailable(.noFundingOfHorizon(path, facts.funding.compactMap { line in
            line.amount.map { DatedAmount(amount: $0, horizon: line.horizon, year: line.year) }
        })) }
        let chosen = publicOnly ? lines.filter(\.isPublic) : lines
        let perYear = lines.first?.horizon.hasPerYearValue == true
        let value = chosen.reduce(0) { $0 + (perYear ? ($1.perYear ?? 0) : ($1.amount ?? 0)) }
        return money(path, value, perYear ? .annual : .oneOff, years: lines.map(\.year))
    }

    /// The money of one funder type: unavailable when some of it is inside a joint line or has no amount.
    private func ofType(_ type: OrganisationType, _ path: FormulaPath) -> Evaluation {
        guard !facts.funding.isEmpty else { return .unavailable(.noFunding) }
        let touching = facts.funding.filter { $0.funderTypes.contains(type) }
        if let joint = touching.first(where: \.line.isJoint) {
            return .unavailable(.insideJointLine(type, funders: joint.line.funders.map(\.id)))
        }
        if let unknown = unstatedFunders(touching) { return unknown }
        let horizons = Set(touching.map(\.horizon))
        guard horizons.count <= 1 else { return .unavailable(.fundingMixesHorizons(facts.fundingTotals)) }
        // No line of this type: the card's funding gives it nothing, a true zero that rests on no amount.
        guard let horizon = horizons.first else { return .value(Measured(value: 0)) }
        return money(path, touching.compactMap(\.amount).reduce(0, +), horizon, years: touching.map(\.year))
    }
}
