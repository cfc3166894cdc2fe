import Testing
@testable import PasserelleIndicators

/// The year a computed figure refers to (money.md §8): the one year all its inputs share, never a year borrowed from
/// one input when another is undated.
@Suite("The year of a computed figure")
struct MeasuredYearTests {
    static func basis(_ path: FormulaPath, _ when: When) -> Basis {
        Basis(path: path, value: 1, when: when, approximate: false)
    }

    @Test("a cost of unknown year over people counted in 2002 has no year")
    func undatedCostOverDatedResult() {
        let measured = Measured(value: 2425, basis: [Self.basis(.budgetAnnual, .money(.annual, year: nil)),
                                                      Self.basis(.result(metric: "people_accompanied", year: nil, part: nil), .year(2002))])
        #expect(measured.year == nil)
    }

    @Test("turnover and people both of 2002 give 2002")
    func sameYear() {
        let measured = Measured(value: 3125, basis: [Self.basis(.result(metric: "turnover", year: nil, part: nil), .year(2002)),
                                                      Self.basis(.result(metric: "people_accompanied", year: nil, part: nil), .year(2002))])
        #expect(measured.year == 2002)
    }

    @Test("an achievement rate against an undated target is of its results' year")
    func undatedTarget() {
        let measured = Measured(value: 0.7, basis: [Self.basis(.result(metric: "jobs_created", year: nil, part: nil), .year(2010)),
                                                     Self.basis(.target(metric: "insertion_jobs"), .undated)])
        #expect(measured.year == 2010)
    }

    @Test("inputs of two different years give no single year")
    func twoYears() {
        let measured = Measured(value: 1, basis: [Self.basis(.budgetAnnual, .money(.annual, year: 2019)),
                                                   Self.basis(.result(metric: "jobs_created", year: nil, part: nil), .year(2020))])
        #expect(measured.year == nil)
    }
}
