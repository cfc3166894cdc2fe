import Foundation
import Testing
@testable import PasserelleBuild
@testable import PasserelleIndicators
import PasserelleModel

/// The figures the design requires from the two seed documents, computed from the real example site.
@Suite("Indicator seed figures")
struct IndicatorSeedTests {
    static func measures(_ id: String) async throws -> CardMeasures {
        let analysis = await Pipeline.analyse(content: BuildSupport.content)
        return try #require(analysis.measures[id], "no measures for \(id)")
    }

    static func number(_ id: String, _ indicator: String) async throws -> Double {
        let measures = try await measures(id)
        let evaluation = try #require(measures.value(indicator), "no indicator \(indicator)")
        return try #require(evaluation.number, "\(indicator) of \(id) is \(evaluation)")
    }

    static func read(_ id: String, _ path: FormulaPath) async throws -> Double? {
        FormulaEvaluator(facts: try await measures(id).facts).read(path).number
    }

    @Test("the example site analyses without any diagnostic")
    func noDiagnostics() async {
        let analysis = await Pipeline.analyse(content: BuildSupport.content)
        #expect(analysis.diagnostics.isEmpty, "\(analysis.diagnostics.map(\.description))")
        #expect(Set(analysis.measures.keys) == ["cap-ondaine", "entreprendre-en-cooperant"])
    }

    @Test("Cap Ondaine: annual cost 97 000")
    func capAnnualCost() async throws {
        #expect(try await Self.number("cap-ondaine", "annual_cost") == 97_000)
    }

    @Test("Cap Ondaine: public funding share 90 %")
    func capPublicShare() async throws {
        #expect(abs(try await Self.number("cap-ondaine", "public_funding_share") - 0.9) < 1e-9)
        #expect(abs((try await Self.read("cap-ondaine", .fundingPublic) ?? 0) - 87_300) < 1e-6)
    }

    @Test("Cap Ondaine: cost per person accompanied 2 425")
    func capCostPerPerson() async throws {
        #expect(try await Self.number("cap-ondaine", "cost_per_person") == 2_425)
    }

    @Test("Cap Ondaine: turnover per person accompanied 3 125")
    func capTurnoverPerPerson() async throws {
        #expect(try await Self.number("cap-ondaine", "turnover_per_person") == 3_125)
    }

    @Test("Cap Ondaine: the Région line is 14 550 €, 15 %")
    func capRegionLine() async throws {
        let facts = try await Self.measures("cap-ondaine").facts
        let region = try #require(facts.funding.first { $0.line.funders.map(\.id) == ["region-rhone-alpes"] })
        #expect(abs((region.amount ?? 0) - 14_550) < 1e-6)
        #expect(abs((region.share ?? 0) - 0.15) < 1e-12)
        #expect(region.singleType == .region)
        #expect(facts.discrepancies.isEmpty)
    }

    @Test("Cap Ondaine: target achievement is unavailable because no target is set")
    func capTargetUnavailable() async throws {
        let measures = try await Self.measures("cap-ondaine")
        #expect(measures.value("target_achievement") == .unavailable(.missing(.result(metric: "jobs_created", year: nil, part: nil))))
    }

    @Test("Caux: total budget 230 000 over 3 years")
    func cauxTotalBudget() async throws {
        #expect(try await Self.number("entreprendre-en-cooperant", "total_budget") == 230_000)
        let facts = try await Self.measures("entreprendre-en-cooperant").facts
        #expect(facts.budgetTotals.multiYear == [3: 230_000])
        // The source does not say the grant's first year: none is invented (money.md §1).
        #expect(facts.budget.map(\.line.year) == [nil])
    }

    @Test("Caux: annual cost 76 666.67")
    func cauxAnnualCost() async throws {
        #expect(abs(try await Self.number("entreprendre-en-cooperant", "annual_cost") - 76_666.67) <= 0.01)
    }

    @Test("Caux: cost per job created 10 952.38")
    func cauxCostPerJob() async throws {
        #expect(abs(try await Self.number("entreprendre-en-cooperant", "cost_per_job") - 10_952.38) <= 0.01)
    }

    @Test("Caux: target achievement 21 / environ 30 = ≈ 70 %, approximate")
    func cauxTargetAchievement() async throws {
        #expect(abs(try await Self.number("entreprendre-en-cooperant", "target_achievement") - 0.7) < 1e-12)
        let measured = try #require(try await Self.measures("entreprendre-en-cooperant").value("target_achievement")?.measured)
        #expect(measured.approximate)
    }

    @Test("Caux: 21 jobs created")
    func cauxJobs() async throws {
        #expect(try await Self.read("entreprendre-en-cooperant", .result(metric: "jobs_created", year: nil, part: nil)) == 21)
    }

    @Test("Caux: the intercommunality's share is 78.3 %, the Région's 21.7 %")
    func cauxShares() async throws {
        let share = try #require(try await Self.read("entreprendre-en-cooperant", .fundingShare(.intercommunality)))
        #expect(abs(share - 0.783) <= 0.001)
        let region = try #require(try await Self.read("entreprendre-en-cooperant", .fundingShare(.region)))
        #expect(abs(region - 0.217) <= 0.001)
    }

    @Test("Caux: the line without amount is listed but counted in no sum")
    func cauxLineWithoutAmount() async throws {
        let facts = try await Self.measures("entreprendre-en-cooperant").facts
        let line = try #require(facts.funding.first { $0.line.funders.map(\.id) == ["caisse-des-depots"] })
        #expect(line.amount == nil)
        #expect(line.share == nil)
        #expect(facts.fundingTotals.asWritten == 230_000)
        #expect(facts.fundingTotals.multiYear == [3: 230_000])
        #expect(facts.discrepancies.isEmpty)
    }
}
