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
        #expect(diagnostics.said == [Said.warning("?", Self.file, PasserelleModel.SourceLocation(line: 6, column: 5), "funding shares add up to 95 %, not 100 %",
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

    @Test("amounts of 48 500 € against a 50 000 € yearly budget warn with both figures, on the same horizon")
    func amountsSum() throws {
        let (facts, diagnostics) = try Self.check(budget: "{amount: 50000, period: annual}",
                                                  funding: ["{funder: region-a, amount: 20000}", "{funder: etat, amount: 28500}"])
        #expect(diagnostics.said == [Said.warning("?", Self.file, PasserelleModel.SourceLocation(line: 6, column: 5),
                                         "funding lines add up to 48 500 € per year, the budget lines to 50 000 € per year",
                                         hint: "correct an amount or the budget, or the line's period; the card shows both figures")])
        #expect(facts.discrepancies == [.horizonSum(horizon: .annual, sum: 48_500, budget: 50_000)])
    }

    @Test("a line not broken down against a mixed budget is compared with the budget lines as written, naming the breakdown")
    func writtenSum() throws {
        let (facts, diagnostics) = try Self.check(budget: "[{amount: 5000, period: one_off, year: 2015}, {amount: 3000, period: one_off, in_kind: true}, {amount: 6800, period: annual}]",
                                                  funding: ["{funder: region-a, amount: 15000}"])
        #expect(diagnostics.said == [Said.warning("?", Self.file, PasserelleModel.SourceLocation(line: 6, column: 5),
                                         "funding lines add up to 15 000 €, the budget lines add up to 14 800 € (8 000 € one-off, of which 3 000 € in kind, + 6 800 € per year)",
                                         hint: "correct an amount or the budget, or give each funding line its period; the card shows both figures")])
        #expect(facts.discrepancies.count == 1)
        #expect(facts.funding[0].horizon == .notBrokenDown)
        #expect(abs((facts.funding[0].share ?? 0) - 15_000.0 / 14_800) < 1e-12)
    }

    @Test("an investment-only card is checked like any other: a one-off gap warns")
    func investmentOnlyChecked() throws {
        let (facts, diagnostics) = try Self.check(budget: "{amount: 240000, period: one_off, year: 2012, nature: investment}",
                                                  funding: ["{funder: region-a, amount: 200000}", "{funder: etat, amount: 20000}"])
        #expect(diagnostics.map(\.message) == ["funding lines add up to 220 000 € one-off, the budget lines to 240 000 € one-off"])
        #expect(facts.discrepancies == [.horizonSum(horizon: .oneOff, sum: 220_000, budget: 240_000)])
    }

    @Test("a share on a budget that mixes horizons is an error asking which part it refers to")
    func shareOnMixedBudget() throws {
        let (card, _) = try BuildSupport.card(Self.record(budget: "[{amount: 8000, period: one_off}, {amount: 6800, period: annual}]",
                                                          funding: ["{funder: region-a, share: 50%}"]), file: Self.file)
        let (_, diagnostics) = BuildSupport.facts(card, types: Self.types, file: Self.file)
        #expect(diagnostics.errors.said == [Said.error("?", Self.file, PasserelleModel.SourceLocation(line: 6, column: 5),
                                              "this funding line gives a share (50 %) of a budget that mixes 8 000 € one-off + 6 800 € per year",
                                              hint: "say which part it refers to, e.g. period: annual for the yearly part, or write its amount in euros")])
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
        #expect(diagnostics.said == [Said.warning("?", Self.file, PasserelleModel.SourceLocation(line: 7, column: 5),
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
        #expect(FormulaEvaluator(facts: facts).read(.fundingTotal) == .unavailable(.amountsNotStated(funders: ["mecene"])))
        #expect(facts.fundingTotals.annual == 50_000)
    }

    @Test("funding discrepancies are warnings, never errors")
    func warningsDoNotFail() throws {
        let (_, diagnostics) = try Self.check(budget: "{amount: 50000, period: annual}",
                                              funding: ["{funder: region-a, amount: 20000}", "{funder: etat, amount: 28500}"])
        #expect(!diagnostics.hasErrors)
        #expect(diagnostics.warnings.count == 1)
    }
}
