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
        #expect(diagnostics.said == [Said.warning("funding-shares-not-100", Self.file, PasserelleModel.SourceLocation(line: 6, column: 5), "les parts des financements font 95\u{A0}% au total, et non 100\u{A0}%",
                                         hint: "corrigez une part, ou ajoutez le financeur qui manque\u{A0}; la fiche montre l’écart")])
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
        #expect(diagnostics.said == [Said.warning("funding-total-mismatch", Self.file, PasserelleModel.SourceLocation(line: 6, column: 5),
                                         "les lignes de financement font 48\u{A0}500\u{A0}€ par an, les lignes de budget 50\u{A0}000\u{A0}€ par an",
                                         hint: "corrigez un montant ou le budget, ou la période de la ligne\u{A0}; la fiche affiche les deux chiffres")])
        #expect(facts.discrepancies == [.horizonSum(horizon: .annual, sum: 48_500, budget: 50_000)])
    }

    @Test("a line not broken down against a mixed budget is compared with the budget lines as written, naming the breakdown")
    func writtenSum() throws {
        let (facts, diagnostics) = try Self.check(budget: "[{amount: 5000, period: one_off, year: 2015}, {amount: 3000, period: one_off, in_kind: true}, {amount: 6800, period: annual}]",
                                                  funding: ["{funder: region-a, amount: 15000}"])
        #expect(diagnostics.said == [Said.warning("funding-total-mismatch", Self.file, PasserelleModel.SourceLocation(line: 6, column: 5),
                                         "les lignes de financement font 15\u{A0}000\u{A0}€ au total, les lignes de budget 14\u{A0}800\u{A0}€ (8\u{A0}000\u{A0}€ ponctuel, dont 3\u{A0}000\u{A0}€ en nature, + 6\u{A0}800\u{A0}€ par an)",
                                         hint: "corrigez un montant ou le budget, ou donnez sa période à chaque ligne de financement\u{A0}; la fiche affiche les deux chiffres")])
        #expect(facts.discrepancies.count == 1)
        #expect(facts.funding[0].horizon == .notBrokenDown)
        #expect(abs((facts.funding[0].share ?? 0) - 15_000.0 / 14_800) < 1e-12)
    }

    @Test("an investment-only card is checked like any other: a one-off gap warns")
    func investmentOnlyChecked() throws {
        let (facts, diagnostics) = try Self.check(budget: "{amount: 240000, period: one_off, year: 2012, nature: investment}",
                                                  funding: ["{funder: region-a, amount: 200000}", "{funder: etat, amount: 20000}"])
        #expect(diagnostics.map(\.message) == ["les lignes de financement font 220\u{A0}000\u{A0}€ ponctuel, les lignes de budget 240\u{A0}000\u{A0}€ ponctuel"])
        #expect(facts.discrepancies == [.horizonSum(horizon: .oneOff, sum: 220_000, budget: 240_000)])
    }

    @Test("a share on a budget that mixes horizons is an error asking which part it refers to")
    func shareOnMixedBudget() throws {
        let (card, _) = try BuildSupport.card(Self.record(budget: "[{amount: 8000, period: one_off}, {amount: 6800, period: annual}]",
                                                          funding: ["{funder: region-a, share: 50%}"]), file: Self.file)
        let (_, diagnostics) = BuildSupport.facts(card, types: Self.types, file: Self.file)
        #expect(diagnostics.errors.said == [Said.error("funding-share-of-mixed-budget", Self.file, PasserelleModel.SourceLocation(line: 6, column: 5),
                                              "cette ligne de financement donne une part (50\u{A0}%) d’un budget qui mélange 8\u{A0}000\u{A0}€ ponctuel + 6\u{A0}800\u{A0}€ par an",
                                              hint: "dites à quelle partie elle se rapporte, par exemple period: annual pour la partie annuelle, ou écrivez son montant en euros")])
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
        #expect(diagnostics.said == [Said.warning("funding-share-amount-mismatch", Self.file, PasserelleModel.SourceLocation(line: 7, column: 5),
                                         "cette ligne de financement indique 15\u{A0}% et 10\u{A0}000\u{A0}€, mais 15\u{A0}% de 50\u{A0}000\u{A0}€ font 7\u{A0}500\u{A0}€",
                                         hint: "corrigez la part ou le montant\u{A0}; la fiche affiche le montant tel qu’il est écrit")])
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
