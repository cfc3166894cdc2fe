import Foundation
import Testing
@testable import PasserelleBuild
@testable import PasserelleIndicators
@testable import PasserelleModel

/// Aggregates over several cards: each function, coverage, provenance, joint funding and periods.
@Suite("Aggregation")
struct AggregationTests {
    static func organisation(_ id: String, _ type: OrganisationType) -> Record {
        Record(kind: .organisation, id: id, title: id, file: "Content/organisations/\(id).md",
               payload: .organisation(Organisation(name: id, type: type)))
    }

    static func card(_ id: String, theme: String, department: String, budget: BudgetLine?, funding: [FundingLine] = [],
                     people: Double? = nil) -> Record {
        var card = Card(territory: Territory(name: id, level: .commune, departments: [department]))
        card.budget = budget.map { [$0] } ?? []
        card.funding = funding
        if let people {
            card.results = [ResultBlock(year: 2020, entries: [MetricEntry(metric: Reference("people_accompanied", at: .start),
                                                                          value: MetricValue(total: people))])]
        }
        return Record(kind: .project, id: id, title: id, themes: [Reference(theme, at: .start)], file: "Content/projects/\(id).md",
                      payload: .card(card))
    }

    static let dictionary = MetricDictionary(
        metrics: [MetricDefinition(id: "people_accompanied", label: LocalizedText("Personnes"), unit: .people)],
        indicators: [
            IndicatorSource(id: "annual_cost", label: LocalizedText("Coût"), unit: .EUR, formula: "budget.annual",
                            formulaLocation: .start, aggregate: .sum),
            IndicatorSource(id: "cost_per_person", label: LocalizedText("Coût par personne"), unit: .EUR,
                            formula: "budget.annual / results.people_accompanied", formulaLocation: .start, aggregate: .ratioOfSums),
            IndicatorSource(id: "median_cost", label: LocalizedText("Médiane"), unit: .EUR, formula: "budget.annual",
                            formulaLocation: .start, aggregate: .median),
            IndicatorSource(id: "mean_cost", label: LocalizedText("Moyenne"), unit: .EUR, formula: "budget.annual",
                            formulaLocation: .start, aggregate: .mean),
            IndicatorSource(id: "min_cost", label: LocalizedText("Min"), unit: .EUR, formula: "budget.annual",
                            formulaLocation: .start, aggregate: .min),
            IndicatorSource(id: "max_cost", label: LocalizedText("Max"), unit: .EUR, formula: "budget.annual",
                            formulaLocation: .start, aggregate: .max),
            IndicatorSource(id: "reporting", label: LocalizedText("Nombre"), unit: .count, formula: "results.people_accompanied",
                            formulaLocation: .start, aggregate: .count),
        ])

    /// Three cards: a (10 000 €, 10 people), b (90 000 €, 10 people), c (30 000 € over 3 years, no results).
    static func fixture() -> (Aggregator, IndicatorEngine) {
        let records = [
            organisation("region-x", .region), organisation("dept-y", .department), organisation("etat", .state),
            card("a", theme: "insertion", department: "42", budget: BudgetLine(amount: 10_000),
                 funding: [FundingLine(funders: [Reference("region-x", at: .start)], amount: 10_000)], people: 10),
            card("b", theme: "insertion", department: "76", budget: BudgetLine(amount: 90_000),
                 funding: [FundingLine(funders: [Reference("region-x", at: .start), Reference("dept-y", at: .start)], amount: 60_000),
                           FundingLine(funders: [Reference("etat", at: .start)], amount: 30_000)], people: 10),
            card("c", theme: "filieres", department: "76", budget: BudgetLine(amount: 30_000, period: .total, years: 3),
                 funding: [FundingLine(funders: [Reference("region-x", at: .start)], amount: 30_000)]),
        ]
        let site = Site(config: SiteConfig(title: "t"), dictionary: dictionary, records: records)
        let (engine, diagnostics) = IndicatorEngine.compile(dictionary)
        #expect(diagnostics.isEmpty)
        let (measures, _) = Pipeline.measure(site, engine)
        return (Aggregator(site: site, measures: measures), engine)
    }

    static func indicator(_ engine: IndicatorEngine, _ id: String) -> Indicator {
        engine.indicators.first { $0.id == id } ?? engine.indicators[0]
    }

    @Test("sum over the site adds yearly costs, a three-year total counted per year")
    func sum() {
        let (aggregator, engine) = Self.fixture()
        let site = aggregator.aggregate(Self.indicator(engine, "annual_cost"), by: .site)
        #expect(site.map(\.group) == ["site"])
        #expect(site[0].value == 110_000)
        #expect(site[0].reporting == 3 && site[0].total == 3)
    }

    @Test("ratio_of_sums is total cost over total people, and a group where no card reports people has no value")
    func ratioOfSums() {
        let (aggregator, engine) = Self.fixture()
        let value = aggregator.aggregate(Self.indicator(engine, "cost_per_person"), by: .site)[0]
        #expect(value.value == 5_000)  // (10 000 + 90 000) / (10 + 10)
        let byTheme = aggregator.aggregate(Self.indicator(engine, "cost_per_person"), by: .theme)
        #expect(byTheme.map(\.group) == ["filieres", "insertion"])
        #expect(byTheme[0].value == nil)
        #expect(byTheme[0].reporting == 0 && byTheme[0].total == 1)
    }

    @Test("ratio_of_sums differs from the mean of ratios when group sizes differ")
    func ratioOfSumsDiffersFromMeanOfRatios() {
        let card = Self.card("d", theme: "insertion", department: "42", budget: BudgetLine(amount: 10_000), people: 1)
        let records = [Self.card("a", theme: "insertion", department: "42", budget: BudgetLine(amount: 10_000), people: 10), card]
        let site = Site(config: SiteConfig(title: "t"), dictionary: Self.dictionary, records: records)
        let (engine, _) = IndicatorEngine.compile(Self.dictionary)
        let (measures, _) = Pipeline.measure(site, engine)
        let value = Aggregator(site: site, measures: measures).aggregate(Self.indicator(engine, "cost_per_person"), by: .site)[0]
        // 20 000 € for 11 people: 1 818,18 €; the mean of 1 000 and 10 000 would be 5 500.
        #expect(abs((value.value ?? 0) - 1_818.1818) < 0.001)
    }

    @Test("median, mean, min, max and count")
    func otherFunctions() {
        let (aggregator, engine) = Self.fixture()
        #expect(aggregator.aggregate(Self.indicator(engine, "median_cost"), by: .site)[0].value == 10_000)
        #expect(aggregator.aggregate(Self.indicator(engine, "mean_cost"), by: .site)[0].value == 110_000.0 / 3)
        #expect(aggregator.aggregate(Self.indicator(engine, "min_cost"), by: .site)[0].value == 10_000)
        #expect(aggregator.aggregate(Self.indicator(engine, "max_cost"), by: .site)[0].value == 90_000)
        #expect(aggregator.aggregate(Self.indicator(engine, "reporting"), by: .site)[0].value == 2)
    }

    @Test("provenance lists each card with its own value or the reason it has none")
    func provenance() {
        let (aggregator, engine) = Self.fixture()
        let value = aggregator.aggregate(Self.indicator(engine, "cost_per_person"), by: .department)
        #expect(value.map(\.group) == ["42", "76"])
        #expect(value[1].contributions.map(\.cardID) == ["b", "c"])
        #expect(value[1].contributions[0].evaluation.number == 9_000)
        #expect(value[1].contributions[1].evaluation == .unavailable(.missing(.result(metric: "people_accompanied", year: nil, part: nil))))
        #expect(value[1].reporting == 1 && value[1].total == 2)
    }

    @Test("a card with two funder types is in both groups; regions come from departments")
    func grouping() {
        let (aggregator, _) = Self.fixture()
        let b = aggregator.site.record("b")
        #expect(b.map { aggregator.groups(of: $0, by: .funderType) } == ["department", "region", "state"])
        #expect(b.map { aggregator.groups(of: $0, by: .region) } == ["Normandie"])
    }

    @Test("funding by type: a joint line stays joint, each horizon has its own total, per year divides multi-year amounts")
    func fundingByType() {
        let (aggregator, _) = Self.fixture()
        let groups = aggregator.fundingByType()
        #expect(groups.map(\.group) == ["region", "state", "joint"])
        #expect(groups[0].totals.annual == 10_000)
        #expect(groups[0].totals.multiYear == [3: 30_000])
        #expect(groups[0].perYear == 20_000)
        #expect(groups[0].totals.asWritten == 40_000)
        #expect(groups[1].totals.annual == 30_000 && groups[1].totals.multiYear.isEmpty)
        #expect(groups[2].totals.annual == 60_000)
        #expect(groups.allSatisfy { $0.linesWithoutAmount == 0 })
    }

    @Test("the example site's funding by type gives the seed figures per horizon, and keeps a row for the funder without amount")
    func exampleFunding() async {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let analysis = await Pipeline.analyse(content: repository.appendingPathComponent("Content").path)
        let groups = Aggregator(site: analysis.site, measures: analysis.measures).fundingByType()
        #expect(groups.map(\.group) == ["region", "state", "europe", "intercommunality", "public_agency", "self_financing"])
        #expect(groups.map { $0.totals.annual } == [14_550, 29_100, 14_550, 29_100, nil, 9_700])
        #expect(groups.map { $0.totals.multiYear } == [[3: 50_000], [:], [:], [3: 180_000], [:], [:]])
        #expect(groups.map { $0.perYear.map { ($0 * 100).rounded() / 100 } } == [31_216.67, 29_100, 14_550, 89_100, nil, 9_700])
        #expect(groups.map(\.linesWithoutAmount) == [0, 0, 0, 0, 1, 0])
        #expect(groups[4].allUnknown)
    }
}
