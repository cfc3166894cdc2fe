/// The units a metric or indicator can be expressed in; they decide formatting and what may be added.
public enum MeasureUnit: String, Sendable, Hashable, CaseIterable {
    case people, jobs, EUR, percent, count, tonnes, hours, number
}

/// How a dashboard combines the values of several records.
public enum AggregateFunction: String, Sendable, Hashable, CaseIterable {
    case sum, mean, median, min, max, count
    /// Sum of numerators over sum of denominators, over records having both.
    case ratioOfSums = "ratio_of_sums"
}

/// A metric records report in `results` and `targets` (`people_accompanied`, `jobs_created`…).
public struct MetricDefinition: Sendable, Hashable {
    public var id: String
    public var label: LocalizedText
    public var unit: MeasureUnit
    /// Labels of the parts of a breakdown (`salaried_job` → "Emploi salarié").
    public var parts: [String: LocalizedText]
    public var description: LocalizedText?

    public init(id: String, label: LocalizedText, unit: MeasureUnit, parts: [String: LocalizedText] = [:],
                description: LocalizedText? = nil) {
        self.id = id
        self.label = label
        self.unit = unit
        self.parts = parts
        self.description = description
    }
}

/// An indicator as written in `indicators.yml`, its formula still text.
public struct IndicatorSource: Sendable, Hashable {
    public var id: String
    public var label: LocalizedText
    public var unit: MeasureUnit
    public var formula: String
    /// Where the formula's first character is, so formula errors point inside indicators.yml.
    public var formulaLocation: SourceLocation
    public var aggregate: AggregateFunction
    public var description: LocalizedText?
    /// What a reader must know to read the value right, shown beside it wherever it appears (money.md §8).
    public var caveat: LocalizedText?
    /// Where each character of the formula was written (a formula may be folded over several lines).
    public var formulaPositions: [SourceLocation] = []

    /// The file position of the formula's character at `offset`.
    public func position(at offset: Int) -> SourceLocation {
        if offset < formulaPositions.count { return formulaPositions[offset] }
        if let last = formulaPositions.last {
            return SourceLocation(line: last.line, column: last.column + offset - formulaPositions.count + 1)
        }
        return SourceLocation(line: formulaLocation.line, column: formulaLocation.column + offset)
    }

    public init(id: String, label: LocalizedText, unit: MeasureUnit, formula: String, formulaLocation: SourceLocation,
                aggregate: AggregateFunction, description: LocalizedText? = nil) {
        self.id = id
        self.label = label
        self.unit = unit
        self.formula = formula
        self.formulaLocation = formulaLocation
        self.aggregate = aggregate
        self.description = description
    }
}

/// `Content/indicators.yml`: what records may report and what is computed from it.
public struct MetricDictionary: Sendable {
    public var file: String
    public var metrics: [MetricDefinition]
    public var indicators: [IndicatorSource]

    public init(file: String = "Content/indicators.yml", metrics: [MetricDefinition] = [], indicators: [IndicatorSource] = []) {
        self.file = file
        self.metrics = metrics
        self.indicators = indicators
    }

    public func metric(_ id: String) -> MetricDefinition? {
        metrics.first { $0.id == id }
    }
}
