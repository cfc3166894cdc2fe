import Foundation
import Testing
@testable import PasserelleRender
import PasserelleModel

/// Numbers, amounts, percentages and dates as French and English readers expect them.
@Suite("Render formatting")
struct RenderFormatterTests {
    let fr = Formatter(language: .fr)
    let en = Formatter(language: .en)

    @Test("French euros: narrow no-break space between thousands, no-break space before €")
    func frenchEuros() {
        #expect(fr.euros(97000) == "97\u{202F}000\u{00A0}€")
        #expect(fr.euros(1_234_567) == "1\u{202F}234\u{202F}567\u{00A0}€")
        #expect(fr.euros(950) == "950\u{00A0}€")
    }

    @Test("French euros are rounded to the euro: 76 666.67 is 76 667 €")
    func frenchEurosRounded() {
        #expect(fr.euros(76666.67) == "76\u{202F}667\u{00A0}€")
        #expect(fr.euros(10952.381) == "10\u{202F}952\u{00A0}€")
    }

    @Test("French percent: one decimal at most, decimal comma, no-break space before %")
    func frenchPercent() {
        #expect(fr.percent(0.783) == "78,3\u{00A0}%")
        #expect(fr.percent(0.9) == "90\u{00A0}%")
        #expect(fr.percent(0.217) == "21,7\u{00A0}%")
        #expect(fr.percent(0.15) == "15\u{00A0}%")
    }

    @Test("French numbers group thousands with U+202F")
    func frenchNumber() {
        #expect(fr.number(6500) == "6\u{202F}500")
        #expect(fr.number(40) == "40")
        #expect(fr.number(100_000) == "100\u{202F}000")
    }

    @Test("French numbers keep one decimal by default, with a comma")
    func frenchNumberDecimals() {
        #expect(fr.number(1234567.891) == "1\u{202F}234\u{202F}567,9")
        #expect(fr.number(12.5) == "12,5")
        #expect(fr.number(3.14159, decimals: 3) == "3,142")
        #expect(fr.number(2.50, decimals: 2) == "2,5")
    }

    @Test("negative numbers keep their sign before the digits")
    func negative() {
        #expect(fr.number(-1234.5) == "-1\u{202F}234,5")
        #expect(fr.euros(-1500) == "-1\u{202F}500\u{00A0}€")
        #expect(en.euros(-1500) == "-€1,500")
    }

    @Test("zero, and a negative value that rounds to zero, print as 0 without a sign")
    func zero() {
        #expect(fr.number(0) == "0")
        #expect(fr.euros(0) == "0\u{00A0}€")
        #expect(fr.number(-0.04) == "0")
        #expect(fr.euros(-0.4) == "0\u{00A0}€")
        #expect(fr.percent(0) == "0\u{00A0}%")
    }

    @Test("rounding is half away from zero, not half to even")
    func roundingHalfAwayFromZero() {
        #expect(fr.euros(2.5) == "3\u{00A0}€")
        #expect(fr.euros(0.5) == "1\u{00A0}€")
        #expect(fr.euros(-2.5) == "-3\u{00A0}€")
        #expect(fr.number(2.25) == "2,3")
        #expect(fr.number(-2.25) == "-2,3")
        #expect(fr.percent(0.0025) == "0,3\u{00A0}%")
    }

    @Test("non-finite values print as a dash, never 'nan' or 'inf'")
    func nonFinite() {
        #expect(fr.number(.nan) == "–")
        #expect(fr.number(.infinity) == "–")
    }

    @Test("English euros: € first, comma thousands")
    func englishEuros() {
        #expect(en.euros(97000) == "€97,000")
        #expect(en.euros(76666.67) == "€76,667")
    }

    @Test("English percent: dot decimal, no space")
    func englishPercent() {
        #expect(en.percent(0.217) == "21.7%")
        #expect(en.percent(0.9) == "90%")
        #expect(en.number(1234567.891) == "1,234,567.9")
    }

    @Test("value(_:unit:) formats by unit")
    func byUnit() {
        #expect(fr.value(97000, unit: .EUR) == "97\u{202F}000\u{00A0}€")
        #expect(fr.value(0.7, unit: .percent) == "70\u{00A0}%")
        #expect(fr.value(21, unit: .jobs) == "21")
    }

    @Test("machine numbers: dot decimal, no grouping, four decimals by default (the data files' precision)")
    func machine() {
        #expect(Formatter.machine(10952.381) == "10952.381")
        #expect(Formatter.machine(97000) == "97000")
        #expect(Formatter.machine(76666.666_666) == "76666.6667")
        #expect(Formatter.machine(76666.666_666, decimals: 2) == "76666.67")
        #expect(Formatter.machine(0.9, decimals: 4) == "0.9")
    }

    @Test("machine numbers with three decimals: 0.217")
    func machineDecimals() {
        #expect(Formatter.machine(0.217, decimals: 3) == "0.217")
        #expect(Formatter.machine(0.78260869, decimals: 3) == "0.783")
    }

    @Test("machine numbers never print nan or inf")
    func machineNonFinite() {
        #expect(Formatter.machine(.nan) == "")
        #expect(Formatter.machine(-.infinity) == "")
    }

    @Test("French dates: '10 janvier 2014'")
    func frenchDate() throws {
        #expect(fr.date(try #require(Day(year: 2014, month: 1, day: 10))) == "10 janvier 2014")
        #expect(fr.date(try #require(Day(year: 2008, month: 8, day: 31))) == "31 août 2008")
    }

    @Test("French dates write the first of the month as '1er'")
    func frenchFirstOfMonth() throws {
        #expect(fr.date(try #require(Day(year: 2020, month: 5, day: 1))) == "1er mai 2020")
    }

    @Test("English dates: '10 January 2014'")
    func englishDate() throws {
        #expect(en.date(try #require(Day(year: 2014, month: 1, day: 10))) == "10 January 2014")
        #expect(en.date(try #require(Day(year: 2020, month: 5, day: 1))) == "1 May 2020")
    }
}
