/// How an amount relates to time (money.md §1–2). Every amount of a card has one; only yearly and multi-year
/// money can be brought to one year.
public enum Horizon: Sendable, Hashable, Comparable {
    /// Spent or given every year (`period: annual`).
    case annual
    /// The amount covers this many years in all (`period: total, years: N`).
    case years(Int)
    /// Spent or given once (`period: one_off`).
    case oneOff
    /// The record does not say (`period` missing): shown as written, never in a per-year figure.
    case unstated
    /// A funding line against a budget that mixes horizons: which part it pays is not known.
    case notBrokenDown

    /// From what a line says: its `period` and `years`.
    public init(period: BudgetPeriod?, years: Int?) {
        switch period {
        case .annual: self = .annual
        case .total: self = .years(max(years ?? 1, 1))
        case .oneOff: self = .oneOff
        case nil: self = .unstated
        }
    }

    /// What an amount of this horizon is divided by to give a yearly amount; nil when it cannot be.
    public var yearsDivisor: Int? {
        switch self {
        case .annual: return 1
        case .years(let n): return n
        case .oneOff, .unstated, .notBrokenDown: return nil
        }
    }

    /// True for money that has a per-year value (yearly amounts and multi-year totals).
    public var hasPerYearValue: Bool { yearsDivisor != nil }

    /// The same amount brought to one year, when the horizon allows it.
    public func perYear(_ amount: Double) -> Double? {
        yearsDivisor.map { amount / Double($0) }
    }

    /// A stable machine name for exports: `annual`, `years_3`, `one_off`, `unstated`, `not_broken_down`.
    public var code: String {
        switch self {
        case .annual: return "annual"
        case .years(let n): return "years_\(n)"
        case .oneOff: return "one_off"
        case .unstated: return "unstated"
        case .notBrokenDown: return "not_broken_down"
        }
    }

    private var rank: (Int, Int) {
        switch self {
        case .annual: return (0, 1)
        case .years(let n): return (1, n)
        case .oneOff: return (2, 0)
        case .notBrokenDown: return (3, 0)
        case .unstated: return (4, 0)
        }
    }

    public static func < (lhs: Horizon, rhs: Horizon) -> Bool { lhs.rank < rhs.rank }
}

/// One amount with its horizon and year, as a reason names it ("240 000 € ponctuels en 2012").
public struct DatedAmount: Sendable, Hashable {
    public var amount: Double
    public var horizon: Horizon
    public var year: Int?

    public init(amount: Double, horizon: Horizon, year: Int? = nil) {
        self.amount = amount
        self.horizon = horizon
        self.year = year
    }
}

/// How precise a reported value is (money.md §8).
public enum Precision: Sendable, Hashable {
    case exact
    /// `{value: 30, approx: true}`: "environ 30".
    case approximate
    /// `{min: 20, max: 25}`: "20 à 25"; no formula computes over it.
    case range(min: Double, max: Double)

    public var isApproximate: Bool { self == .approximate }
}

/// Amounts summed per horizon: what a card's budget, or a group of funding lines, adds up to (money.md §3, §5).
public struct HorizonTotals: Sendable, Hashable {
    /// Yearly amounts as written.
    public var annual: Double?
    /// Multi-year totals as written, by number of years.
    public var multiYear: [Int: Double] = [:]
    public var oneOff: Double?
    /// Of the one-off amounts, the part given in kind.
    public var oneOffInKind: Double?
    public var notBrokenDown: Double?
    public var unstated: Double?
    /// Of all the amounts, the part given in kind.
    public var inKind: Double?

    public init() {}

    public mutating func add(_ amount: Double, _ horizon: Horizon, inKind: Bool = false) {
        switch horizon {
        case .annual: annual = (annual ?? 0) + amount
        case .years(let n): multiYear[n, default: 0] += amount
        case .oneOff:
            oneOff = (oneOff ?? 0) + amount
            if inKind { oneOffInKind = (oneOffInKind ?? 0) + amount }
        case .notBrokenDown: notBrokenDown = (notBrokenDown ?? 0) + amount
        case .unstated: unstated = (unstated ?? 0) + amount
        }
        if inKind { self.inKind = (self.inKind ?? 0) + amount }
    }

    /// Yearly amounts plus multi-year totals divided by their years; nil when there are neither.
    public var perYear: Double? {
        guard annual != nil || !multiYear.isEmpty else { return nil }
        // In the order of the years, so the same amounts always add up to the same digits.
        return (annual ?? 0) + multiYear.keys.sorted().reduce(0) { $0 + (multiYear[$1] ?? 0) / Double($1) }
    }

    /// Every amount as written, whatever its horizon; nil when there is none.
    public var asWritten: Double? {
        let parts = [annual, oneOff, notBrokenDown, unstated].compactMap { $0 } + multiYear.keys.sorted().compactMap { multiYear[$0] }
        return parts.isEmpty ? nil : parts.reduce(0, +)
    }

    /// The amount of one horizon as written.
    public func amount(_ horizon: Horizon) -> Double? {
        switch horizon {
        case .annual: return annual
        case .years(let n): return multiYear[n]
        case .oneOff: return oneOff
        case .notBrokenDown: return notBrokenDown
        case .unstated: return unstated
        }
    }

    /// The horizons present, in display order.
    public var horizons: [Horizon] {
        var result: [Horizon] = []
        if annual != nil { result.append(.annual) }
        result += multiYear.keys.sorted().map(Horizon.years)
        if oneOff != nil { result.append(.oneOff) }
        if notBrokenDown != nil { result.append(.notBrokenDown) }
        if unstated != nil { result.append(.unstated) }
        return result
    }

    public var isEmpty: Bool { horizons.isEmpty }

    public static func + (lhs: HorizonTotals, rhs: HorizonTotals) -> HorizonTotals {
        var sum = lhs
        func plus(_ a: Double?, _ b: Double?) -> Double? { a == nil && b == nil ? nil : (a ?? 0) + (b ?? 0) }
        sum.annual = plus(lhs.annual, rhs.annual)
        sum.multiYear.merge(rhs.multiYear, uniquingKeysWith: +)
        sum.oneOff = plus(lhs.oneOff, rhs.oneOff)
        sum.oneOffInKind = plus(lhs.oneOffInKind, rhs.oneOffInKind)
        sum.notBrokenDown = plus(lhs.notBrokenDown, rhs.notBrokenDown)
        sum.unstated = plus(lhs.unstated, rhs.unstated)
        sum.inKind = plus(lhs.inKind, rhs.inKind)
        return sum
    }
}

