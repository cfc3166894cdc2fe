import Foundation
import Testing
@testable import PasserelleContent
@testable import PasserelleIndicators
import PasserelleModel

/// Funding that does not add up: a warning naming both figures, at the funding list, and a discrepancy on the card.
@Suite("Indicator funding checks")
struct IndicatorFundingTests {
    static let file = "Content/projects/test.md"

    /// A project whose budget line and funding lines are given; the first funding line is on line 6, column 5.
    static func record(budget: String, funding: [String]) -> String {
        "---\nkind: project\ntitle: \"Test\"\nbudget: \(budget)\nfunding:\n"
            + funding.map { "  - \($0)\n" }.joined() + "---\n\nBody.\n"
    }

    static let types: [String: OrganisationType] = ["region-a": .region, "etat": .state, "mecene": .private]

    static func check(budget: String, funding: [String]) throws -> (CardFacts, [Diagnostic]) {
        let (card, decodeDiagnostics) = try BuildSupport.card(record(budget: budget, funding: funding), file: file)
        #expect(decodeDiagnostics.isEmpty, "\(decodeDiagnostics)")
        return BuildSupport.facts(card, types: types, file: file)
    }

    @Test("shares adding up to 95 % warn at the funding list's first line")
    func sharesSum() throws {
        let (facts, diagnostics) = try Self.check(budget: "{amount: 50000, period: annual}",
                                                  funding: ["{funder: region-a, share: 50%}", "{funder: etat, share: 45%}"])
        #expect(diagnostics == [.warning(Self.file, PasserelleModel.SourceLocation(line: 6, column: 5), "funding shares add up to 95 %, not 100 %",
                                         hint: "correct a share, or add the missing funder; the card shows the gap")])
        #expect(facts.discrepancies.count == 1)
        if case .sharesSum(let sum) = facts.discrepancies.first {
            #expect(abs(sum - 0.95) < 1e-12)
        } else {
            Issue.record("expected a sharesSum discrepancy, got \(facts.discrepancies)")
        }
    }

    @Test("shares adding up to 100 % raise nothing")
    func sharesComplete() throws {
        let (facts, diagnostics) = try Self.check(budget: "{amount: 97000, period: annual}",
                                                  funding: ["{funder: region-a, share: 15%}", "{funder: etat, share: 30%}",
                                                            "{funder: mecene, share: 55%}"])
        #expect(diagnostics.isEmpty)
        #expect(facts.discrepancies.isEmpty)
    }

    @Test("amounts of 48 500 € against a 50 000 € budget warn with both figures")
    func amountsSum() throws {
        let (facts, diagnostics) = try Self.check(budget: "{amount: 50000, period: annual}",
                                                  funding: ["{funder: region-a, amount: 20000}", "{funder: etat, amount: 28500}"])
        #expect(diagnostics == [.warning(Self.file, PasserelleModel.SourceLocation(line: 6, column: 5),
                                         "funding lines add up to 48 500 €, the budget says 50 000 €",
                                         hint: "correct an amount or the budget; the card shows both figures")])
        #expect(facts.discrepancies == [.amountsSum(sum: 48_500, budget: 50_000)])
    }

    @Test("amounts within rounding of the budget raise nothing")
    func amountsWithinRounding() throws {
        let (facts, diagnostics) = try Self.check(budget: "{amount: 50000, period: annual}",
                                                  funding: ["{funder: region-a, amount: 20000}", "{funder: etat, amount: 29900}"])
        #expect(diagnostics.isEmpty)
        #expect(facts.discrepancies.isEmpty)
    }

    @Test("a line whose share and amount disagree warns at that line")
    func lineMismatch() throws {
        let (facts, diagnostics) = try Self.check(budget: "{amount: 50000, period: annual}",
                                                  funding: ["{funder: region-a, share: 85%}", "{funder: etat, share: 15%, amount: 10000}"])
        #expect(diagnostics == [.warning(Self.file, PasserelleModel.SourceLocation(line: 7, column: 5),
                                         "this funding line says 15 % and 10 000 €, but 15 % of 50 000 € is 7 500 €",
                                         hint: "correct the share or the amount; the card shows the amount as written")])
        #expect(facts.discrepancies == [.lineMismatch(line: 1, share: 0.15, amount: 10_000, expected: 7_500)])
        #expect(facts.funding[1].amount == 10_000)
    }

    @Test("a line whose share and amount agree raises nothing")
    func lineAgrees() throws {
        let (facts, diagnostics) = try Self.check(budget: "{amount: 50000, period: annual}",
                                                  funding: ["{funder: region-a, share: 85%}", "{funder: etat, share: 15%, amount: 7500}"])
        #expect(diagnostics.isEmpty)
        #expect(facts.discrepancies.isEmpty)
    }

    @Test("a funder named without amount or share is listed but never warned about")
    func unquantifiedLine() throws {
        let (facts, diagnostics) = try Self.check(budget: "{amount: 50000, period: annual}",
                                                  funding: ["{funder: region-a, amount: 50000}", "{funder: mecene}"])
        #expect(diagnostics.isEmpty)
        #expect(facts.funding.count == 2)
        #expect(facts.fundingTotal == 50_000)
    }

    @Test("funding discrepancies are warnings, never errors")
    func warningsDoNotFail() throws {
        let (_, diagnostics) = try Self.check(budget: "{amount: 50000, period: annual}",
                                              funding: ["{funder: region-a, amount: 20000}", "{funder: etat, amount: 28500}"])
        #expect(!diagnostics.hasErrors)
        #expect(diagnostics.warnings.count == 1)
    }
}
