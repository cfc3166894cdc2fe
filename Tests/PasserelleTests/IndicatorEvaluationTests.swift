import Foundation
import Testing
@testable import PasserelleIndicators
import PasserelleModel

/// Formulas evaluated on one card's facts: values, and reasons when a value is not available.
@Suite("Indicator evaluation")
struct IndicatorEvaluationTests {
    static let metrics: Set<String> = ["people_accompanied", "jobs_created", "turnover", "exits", "insertion_jobs"]

    func evaluate(_ text: String, _ card: Card, types: [String: OrganisationType] = [:]) throws -> Evaluation {
        let formula = try FormulaParser.parse(text, metrics: Self.metrics).get()
        let (facts, _) = BuildSupport.facts(card, types: types)
        return FormulaEvaluator(facts: facts).evaluate(formula)
    }

    func entry(_ metric: String, _ total: Double, parts: [(String, Double)] = []) -> MetricEntry {
        MetricEntry(metric: BuildSupport.reference(metric),
                    value: MetricValue(total: total, parts: parts.map { MetricValue.Part(label: $0.0, value: $0.1) }))
    }

    func line(_ funder: String, amount: Double? = nil, share: Double? = nil) -> FundingLine {
        FundingLine(funders: [BuildSupport.reference(funder)], amount: amount, share: share)
    }

    static let annual97000 = [BudgetLine(amount: 97000, period: .annual)]

    @Test("a missing result makes the value unavailable with the missing path, not 0")
    func missingResult() throws {
        let card = Card(budget: Self.annual97000)
        #expect(try evaluate("budget.annual / results.people_accompanied", card)
                == .unavailable(.missing(.result(metric: "people_accompanied", year: nil, part: nil))))
    }

    @Test("a missing budget makes the value unavailable: the card has no budget")
    func missingBudget() throws {
        let card = Card(results: [ResultBlock(year: 2002, entries: [entry("people_accompanied", 40)])])
        #expect(try evaluate("budget.annual / results.people_accompanied", card) == .unavailable(.noBudget))
    }

    @Test("a missing target makes target achievement unavailable")
    func missingTarget() throws {
        let card = Card(results: [ResultBlock(year: 2002, entries: [entry("jobs_created", 21)])])
        #expect(try evaluate("results.jobs_created / targets.insertion_jobs", card)
                == .unavailable(.missing(.target(metric: "insertion_jobs"))))
    }

    @Test("dividing by a reported zero is unavailable (division by zero), never infinity")
    func divisionByZeroPath() throws {
        let card = Card(budget: Self.annual97000, results: [ResultBlock(year: 2002, entries: [entry("people_accompanied", 0)])])
        let result = try evaluate("budget.annual / results.people_accompanied", card)
        #expect(result == .unavailable(.divisionByZero(.result(metric: "people_accompanied", year: nil, part: nil))))
        #expect(result.number == nil)
    }

    @Test("0 / 0 is unavailable (division by zero), never NaN")
    func zeroOverZero() throws {
        let card = Card(results: [ResultBlock(year: 2002, entries: [entry("turnover", 0), entry("people_accompanied", 0)])])
        #expect(try evaluate("results.turnover / results.people_accompanied", card)
                == .unavailable(.divisionByZero(.result(metric: "people_accompanied", year: nil, part: nil))))
    }

    @Test("dividing by a computed zero names no path")
    func divisionByComputedZero() throws {
        #expect(try evaluate("1 / (2 - 2)", Card()) == .unavailable(.divisionByZero(nil)))
    }

    @Test("results.<metric> reads the latest year that reports it, whatever the order of blocks")
    func latestYear() throws {
        let card = Card(results: [
            ResultBlock(year: 2001, entries: [entry("people_accompanied", 30)]),
            ResultBlock(year: 2003, entries: [entry("people_accompanied", 50)]),
            ResultBlock(year: 2002, entries: [entry("people_accompanied", 40)]),
            ResultBlock(year: 2004, entries: [entry("turnover", 1000)]),
        ])
        #expect(try evaluate("results.people_accompanied", card).number == 50)
    }

    @Test("results[2002].<metric> reads that year's block")
    func givenYear() throws {
        let card = Card(results: [
            ResultBlock(year: 2001, entries: [entry("people_accompanied", 30)]),
            ResultBlock(year: 2002, entries: [entry("people_accompanied", 40)]),
            ResultBlock(year: 2003, entries: [entry("people_accompanied", 50)]),
        ])
        #expect(try evaluate("results[2002].people_accompanied", card).number == 40)
        #expect(try evaluate("results[1999].people_accompanied", card)
                == .unavailable(.missing(.result(metric: "people_accompanied", year: 1999, part: nil))))
    }

    @Test("results.<metric>.parts.<label> reads one part of a breakdown")
    func partsPath() throws {
        let card = Card(results: [ResultBlock(year: 2002, entries: [entry("exits", 11, parts: [("salaried_job", 6), ("self_employed", 5)])])])
        #expect(try evaluate("results.exits.parts.salaried_job", card).number == 6)
        #expect(try evaluate("results.exits.parts.self_employed / results.exits", card).number == 5.0 / 11.0)
        #expect(try evaluate("results.exits.parts.training", card)
                == .unavailable(.missing(.result(metric: "exits", year: nil, part: "training"))))
    }

    @Test("funding.by_type sums the single-funder lines of a type; funding.share divides by the funding total")
    func byTypeAndShare() throws {
        let card = Card(budget: [BudgetLine(amount: 100_000)],
                        funding: [line("region-a", share: 0.15), line("region-b", amount: 10_000),
                                  line("etat", amount: 30_000), line("mecene", amount: 45_000)])
        let types: [String: OrganisationType] = ["region-a": .region, "region-b": .region, "etat": .state, "mecene": .private]
        #expect(try evaluate("funding.by_type.region", card, types: types).number == 25_000)
        #expect(try evaluate("funding.by_type.state", card, types: types).number == 30_000)
        #expect(try evaluate("funding.share.region", card, types: types).number == 0.25)
        #expect(try evaluate("funding.by_type.europe", card, types: types).number == 0)
        #expect(try evaluate("funding.total", card, types: types).number == 100_000)
        #expect(try evaluate("funding.public", card, types: types).number == 55_000)
    }

    @Test("without any funding amount, funding figures are unavailable rather than 0, naming the funder without amount")
    func noFundingAmounts() throws {
        let card = Card(funding: [line("region-a")])
        #expect(try evaluate("funding.by_type.region", card, types: ["region-a": .region])
                == .unavailable(.amountsNotStated(funders: ["region-a"])))
        #expect(try evaluate("funding.public / funding.total", card, types: ["region-a": .region])
                == .unavailable(.amountsNotStated(funders: ["region-a"])))
    }

    @Test("a joint line counts in funding.total; the types inside it are unavailable, never split, never 0")
    func jointLineNotInByType() throws {
        let card = Card(funding: [
            FundingLine(funders: [BuildSupport.reference("region-a"), BuildSupport.reference("etat")], amount: 20_000),
            line("region-a", amount: 30_000),
        ])
        let types: [String: OrganisationType] = ["region-a": .region, "etat": .state]
        #expect(try evaluate("funding.total", card, types: types).number == 50_000)
        #expect(try evaluate("funding.by_type.region", card, types: types)
                == .unavailable(.insideJointLine(.region, funders: ["region-a", "etat"])))
        #expect(try evaluate("funding.by_type.state", card, types: types)
                == .unavailable(.insideJointLine(.state, funders: ["region-a", "etat"])))
        #expect(try evaluate("funding.share.region", card, types: types)
                == .unavailable(.insideJointLine(.region, funders: ["region-a", "etat"])))
        let (facts, _) = BuildSupport.facts(card, types: types)
        #expect(facts.funding[0].singleType == nil)
    }

    @Test("a joint line of public funders only is public money")
    func jointPublicLine() throws {
        let card = Card(funding: [
            FundingLine(funders: [BuildSupport.reference("region-a"), BuildSupport.reference("etat")], amount: 20_000),
            line("mecene", amount: 5_000),
        ])
        let types: [String: OrganisationType] = ["region-a": .region, "etat": .state, "mecene": .private]
        #expect(try evaluate("funding.public", card, types: types).number == 20_000)
        #expect(try evaluate("funding.public / funding.total", card, types: types).number == 0.8)
    }

    @Test("a joint line with one private funder is not public money")
    func jointMixedLine() throws {
        let card = Card(funding: [
            FundingLine(funders: [BuildSupport.reference("region-a"), BuildSupport.reference("mecene")], amount: 20_000),
            line("etat", amount: 5_000),
        ])
        let types: [String: OrganisationType] = ["region-a": .region, "etat": .state, "mecene": .private]
        #expect(try evaluate("funding.public", card, types: types).number == 5_000)
        let (facts, _) = BuildSupport.facts(card, types: types)
        #expect(facts.funding[0].isPublic == false)
    }

    @Test("a joint line with an unknown funder is not public money")
    func jointUnknownFunder() throws {
        let card = Card(funding: [FundingLine(funders: [BuildSupport.reference("region-a"), BuildSupport.reference("nobody")], amount: 20_000)])
        #expect(try evaluate("funding.public", card, types: ["region-a": .region]).number == 0)
    }

    @Test("a multi-year total is annualised in budget.annual and kept whole in budget.total")
    func multiYearBudget() throws {
        let card = Card(budget: [BudgetLine(amount: 230_000, period: .total, years: 3)])
        let (facts, _) = BuildSupport.facts(card)
        #expect(facts.budgetTotals.multiYear == [3: 230_000])
        #expect(facts.budgetTotals.annual == nil)
        #expect(try evaluate("budget.total", card).number == 230_000)
        let annual = try #require(try evaluate("budget.annual", card).number)
        #expect(abs(annual - 76_666.666_666) < 0.001)
    }

    @Test("one-off and investment lines are reported apart and never in the yearly cost; a mixed budget has no single total")
    func investmentApart() throws {
        let card = Card(budget: [BudgetLine(amount: 50_000), BudgetLine(amount: 20_000, period: .oneOff, nature: .investment)])
        #expect(try evaluate("budget.annual", card).number == 50_000)
        #expect(try evaluate("budget.investment", card).number == 20_000)
        var totals = HorizonTotals()
        totals.add(50_000, .annual)
        totals.add(20_000, .oneOff)
        #expect(try evaluate("budget.total", card) == .unavailable(.budgetMixesHorizons(totals)))
    }

    @Test("a budget line without a period is never turned into an annual cost")
    func budgetWithoutPeriod() throws {
        let line = BudgetLine(amount: 1_250_400, period: nil)
        let card = Card(budget: [line])
        #expect(try evaluate("budget.annual", card) == .unavailable(.noYearlyBudget([line])))
        var totals = HorizonTotals()
        totals.add(1_250_400, .unstated)
        #expect(try evaluate("budget.total", card) == .unavailable(.budgetWithoutPeriod(totals)))
    }

    @Test("a one-off investment only: budget.annual is unavailable with the one-off line as its reason")
    func oneOffOnly() throws {
        let line = BudgetLine(amount: 240_000, period: .oneOff, year: 2012, nature: .investment)
        let card = Card(budget: [line])
        #expect(try evaluate("budget.annual", card) == .unavailable(.noYearlyBudget([line])))
        #expect(try evaluate("budget.total", card).number == 240_000)
    }

    @Test("a funding line without a period inherits a one-horizon budget; against a mixed budget it is not broken down")
    func fundingHorizonInherited() throws {
        let three = Card(budget: [BudgetLine(amount: 230_000, period: .total, years: 3)], funding: [line("region-a", amount: 50_000)])
        let (facts3, _) = BuildSupport.facts(three, types: ["region-a": .region])
        #expect(facts3.funding[0].horizon == .years(3))
        #expect(facts3.funding[0].horizonInherited)
        let mixed = Card(budget: [BudgetLine(amount: 5_000, period: .oneOff), BudgetLine(amount: 6_800)], funding: [line("region-a", amount: 11_800)])
        let (factsMixed, _) = BuildSupport.facts(mixed, types: ["region-a": .region])
        #expect(factsMixed.funding[0].horizon == .notBrokenDown)
        #expect(try evaluate("funding.per_year", mixed, types: ["region-a": .region]).number == nil)
    }

    @Test("an approximate target makes the computed value approximate: 21 / environ 30")
    func approximateTarget() throws {
        let card = Card(results: [ResultBlock(year: 2010, entries: [entry("jobs_created", 21)])],
                        targets: [Target(metric: BuildSupport.reference("insertion_jobs"), value: 30, precision: .approximate)])
        let measured = try #require(try evaluate("results.jobs_created / targets.insertion_jobs", card).measured)
        #expect(abs(measured.value - 0.7) < 1e-12)
        #expect(measured.approximate)
    }

    @Test("a result given as a range is unavailable in a formula, with the range as the reason")
    func rangeResult() throws {
        let card = Card(results: [ResultBlock(year: 2012, entries: [
            MetricEntry(metric: BuildSupport.reference("jobs_created"), value: MetricValue(total: 20, precision: .range(min: 20, max: 25))),
        ])])
        #expect(try evaluate("results.jobs_created", card) == .unavailable(.range(metric: "jobs_created", min: 20, max: 25)))
    }
}
