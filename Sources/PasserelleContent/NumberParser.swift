import Foundation

/// Reads amounts and shares as people type them in French documents, refusing what is ambiguous.
///
/// Accepted, because each has a single reading:
/// - spaces between thousands (U+0020, U+00A0, U+202F): `97 000`, `97 000 €`, `74 000,50 €`;
/// - one decimal comma or point that is not followed by exactly three digits: `74,5`, `74.5`, `1 234,5`, `0,500`,
///   `1234.567` (a thousands separator never follows four digits);
/// - points (or commas) between groups of three digits, then a decimal comma (or point): `1.234,56`, `74.000,00 €`,
///   `1,234.56` — when both signs appear, the last one is the decimal one;
/// - several points (or several commas) between groups of three digits: `1.234.567` — a decimal separator appears
///   once, so two of them can only separate thousands;
/// - euros as `€`, `EUR`, `euro`, `euros`, and, before them, a multiplier: `50 k€`, `50 K€`, `1,2 M€`, `2 Md€`,
///   `3 millions d’euros`, `1,5 million €`, `50 mille €`.
///
/// Refused:
/// - one point or comma followed by exactly three digits after one to three digits (`74.000`, `74,000`, `1.250`):
///   thousands or decimals? Never guessed: the hint names both readings (`readings`);
/// - a multiplier without euros (`50 k`, `1,2 M`, `3 millions`): `M` also abbreviates « mois » and `k` is not written
///   for people, so a count is written in full; the hint gives the figure in full, same value;
/// - negative, non-finite and over-`maxValue` numbers, and separators out of place (`1.23,4`, `1.2.3`).
///
/// Values are exact: the digits are kept as written and turned into a `Double` once, so `0,1`, `0,29 M€` and
/// `14,5 %` give the same `Double` as the literals `0.1`, `290000` and `0.145`.
public enum NumberParser {
    public enum Failure: Error, Equatable, Sendable {
        /// "74.000": a thousands separator or a decimal point? Never guessed.
        case ambiguous
        case notANumber
        case negative
        case notFinite
        /// Over `maxValue`: no real amount or count is that large, and larger numbers lose digits.
        case tooLarge
        /// `50 k`, `1,2 M`, `3 millions` without euros: refused, the figure in full is given in the hint.
        case multiplierWithoutEuro
    }

    /// The largest amount or count a record may give (10^15): above it a number is certainly a typo, and beyond
    /// 2^53 a Double no longer holds every whole number, so digits would be lost silently.
    public static let maxValue = 1e15

    /// `97000`, `97 000`, `97 000 €`, `97000 EUR`, `1 234,5`, `74.5`, `1.234,56`, `1,2 M€` are amounts; `74.000` is ambiguous.
    public static func amount(_ raw: String) -> Result<Double, Failure> {
        evaluate(parse(raw, units: true))
    }

    /// A plain decimal number with optional spaces between thousands (U+0020, U+00A0, U+202F), without unit.
    public static func number(_ raw: String) -> Result<Double, Failure> {
        evaluate(parse(raw, units: false))
    }

    /// `15%`, `15 %`, `21,7 %` as a fraction (0.15). Nil when the text is not a percentage.
    public static func share(_ raw: String) -> Result<Double, Failure>? {
        let text = raw.trimmingCharacters(in: " ")
        guard text.hasSuffix("%") else { return nil }
        return evaluate(parse(String(text.dropLast()), units: false), shift: -2)
    }

    /// Every number `raw` may stand for, in the unit it is written in: one for an unambiguous number, the thousands
    /// reading then the decimal one for an ambiguous one (`74.000` → 74000, 74), a multiplier applied (`50 k` → 50000),
    /// a percentage as its number of percent (`14,5 %` → 14.5). The sign is ignored. Empty when it is not a number.
    public static func readings(_ raw: String) -> [Double] {
        if let approximate = approximateWords[raw.trimmingCharacters(in: " ").lowercased()] { return [approximate] }
        var text = raw.trimmingCharacters(in: " ")
        if text.hasSuffix("%") { text = String(text.dropLast()) }
        guard case .number(let written) = parse(text, units: true) else { return [] }
        return written.readings.compactMap { $0.shifted(written.multiplier).double }
    }

    /// `une trentaine`: the approximate counts of French, never read as a number (a hint proposes
    /// `{value: 30, approx: true}`); `readings` gives their value.
    static let approximateWords: [String: Double] = [
        "une dizaine": 10, "une douzaine": 12, "une quinzaine": 15, "une vingtaine": 20, "une trentaine": 30,
        "une quarantaine": 40, "une cinquantaine": 50, "une soixantaine": 60, "une centaine": 100,
    ]

    // MARK: Hints

    /// How to write an ambiguous number unambiguously: both readings, the first spelled out, each with its line.
    ///
    /// `s’il s’agit de soixante-quatorze mille, écrivez amount: 74000 ; s’il s’agit de 74, écrivez amount: 74`.
    /// Nil when `raw` is not ambiguous.
    public static func ambiguityHint(_ raw: String, key: String, percent: Bool = false) -> (fr: String, en: String)? {
        var text = raw.trimmingCharacters(in: " ")
        if percent, text.hasSuffix("%") { text = String(text.dropLast()) }
        guard case .number(let written) = parse(text, units: !percent), written.readings.count == 2 else { return nil }
        let thousands = written.readings[0].shifted(written.multiplier)
        let decimal = written.readings[1].shifted(written.multiplier)
        let suffix = percent ? " %" : ""
        let whole = thousands.plain(decimalSeparator: ",")
        let words = thousands.integer.map { (NumberWords.french($0), NumberWords.english($0)) }
        let wholeFR = words.map(\.0) ?? thousands.grouped(decimalSeparator: ",")
        let wholeEN = words.map(\.1) ?? thousands.grouped(decimalSeparator: ".")
        // `1.234` read as decimals is 1,234: written so, it is as ambiguous as before; a fourth decimal (`1,2340`) is
        // read only one way, and keeps the value.
        func unambiguous(_ separator: String) -> String {
            let plain = decimal.plain(decimalSeparator: separator)
            let (whole, decimals) = decimal.parts
            return decimals.count == 3 && (1...3).contains(whole.count) && whole != "0" ? plain + "0" : plain
        }
        let fr = "s’il s’agit de \(wholeFR)\(suffix), écrivez \(key): \(whole)\(suffix) ; "
            + "s’il s’agit de \(decimal.grouped(decimalSeparator: ","))\(suffix), écrivez \(key): \(unambiguous(","))\(suffix)"
        let en = "if you mean \(wholeEN)\(suffix), write \(key): \(thousands.plain(decimalSeparator: "."))\(suffix); "
            + "if you mean \(decimal.grouped(decimalSeparator: "."))\(suffix), write \(key): \(unambiguous("."))\(suffix)"
        return (AuthorHints.typo(fr.replacingElision()), en)
    }

    /// The figure in full of a number written with a multiplier but without euros (`50 k` → `50000`), with its words.
    public static func multiplierHint(_ raw: String, key: String) -> (fr: String, en: String)? {
        guard case .number(let written) = parse(raw.trimmingCharacters(in: " "), units: true), written.readings.count == 1,
              written.multiplier > 0, let reading = written.readings.first?.shifted(written.multiplier) else { return nil }
        let wordsFR = reading.integer.map(NumberWords.french) ?? reading.grouped(decimalSeparator: ",")
        let wordsEN = reading.integer.map(NumberWords.english) ?? reading.grouped(decimalSeparator: ".")
        return ("s’il s’agit de \(wordsFR), écrivez \(key): \(reading.plain(decimalSeparator: ","))".replacingElision(),
                "if you mean \(wordsEN), write \(key): \(reading.plain(decimalSeparator: "."))")
    }

    /// True when `raw` is made of digits, spaces, points and commas only (a number whose separators are out of place).
    static func onlyDigitsAndSeparators(_ raw: String) -> Bool {
        let text = raw.trimmingCharacters(in: " ")
        return !text.isEmpty && text.unicodeScalars.allSatisfy {
            ("0"..."9").contains($0) || $0 == "." || $0 == "," || $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}"
        } && text.unicodeScalars.contains { ("0"..."9").contains($0) }
    }

    // MARK: Reading

    /// A number as written: digits × 10^exponent, exact until it becomes a Double.
    struct Exact: Equatable {
        var digits: String
        var exponent: Int

        func shifted(_ places: Int) -> Exact { Exact(digits: digits, exponent: exponent + places) }

        var double: Double? {
            guard !digits.isEmpty else { return nil }
            return Double(digits + "e" + String(exponent))
        }

        /// The integer part and the decimals, leading and trailing zeros removed: ("74", ""), ("1", "25").
        var parts: (whole: String, decimals: String) {
            var digits = Array(self.digits)
            var exponent = self.exponent
            while exponent < 0, digits.last == "0" { digits.removeLast(); exponent += 1 }
            let whole: [Character]
            let decimals: [Character]
            if exponent >= 0 {
                whole = digits + Array(repeating: "0", count: min(exponent, 10_000))
                decimals = []
            } else if -exponent >= digits.count {
                whole = []
                decimals = Array(repeating: "0", count: -exponent - digits.count) + digits
            } else {
                whole = Array(digits[..<(digits.count + exponent)])
                decimals = Array(digits[(digits.count + exponent)...])
            }
            let trimmed = String(whole.drop { $0 == "0" })
            return (trimmed.isEmpty ? "0" : trimmed, String(decimals))
        }

        /// `74000`, `1,25`: how the value is written in a corrected line.
        func plain(decimalSeparator: String) -> String {
            let (whole, decimals) = parts
            return decimals.isEmpty ? whole : whole + decimalSeparator + decimals
        }

        /// `74 000` (a narrow no-break space) with a decimal comma, `74,000` with a decimal point: how the value is
        /// read in a French or English sentence.
        func grouped(decimalSeparator: String) -> String {
            let (whole, decimals) = parts
            let thousands: Character = decimalSeparator == "," ? "\u{202F}" : ","
            var out = ""
            for (index, digit) in whole.enumerated() {
                if index > 0 && (whole.count - index) % 3 == 0 { out.append(thousands) }
                out.append(digit)
            }
            return decimals.isEmpty ? out : out + decimalSeparator + decimals
        }

        /// The value as a whole number when it is one and small enough to spell out.
        var integer: Int64? {
            let (whole, decimals) = parts
            guard decimals.isEmpty, whole.count <= 15 else { return nil }
            return Int64(whole)
        }
    }

    /// What a text holds once its unit is set aside.
    struct Written {
        /// One reading, or two for an ambiguous number (thousands first, decimal second).
        var readings: [Exact]
        /// The power of ten of `k`, `M`, `Md`, `millions`… (0 without).
        var multiplier: Int
        var euros: Bool
        var negative: Bool
    }

    enum Parsed {
        case number(Written)
        case notANumber
        case notFinite
    }

    static func evaluate(_ parsed: Parsed, shift: Int = 0) -> Result<Double, Failure> {
        switch parsed {
        case .notANumber: return .failure(.notANumber)
        case .notFinite: return .failure(.notFinite)
        case .number(let written):
            if written.readings.count > 1 { return .failure(.ambiguous) }
            guard let exact = written.readings.first, let value = exact.shifted(written.multiplier + shift).double,
                  value.isFinite else { return .failure(.notFinite) }
            if written.negative && value != 0 { return .failure(.negative) }
            if written.multiplier > 0 && !written.euros { return .failure(.multiplierWithoutEuro) }
            if exact.shifted(written.multiplier).double.map({ $0 > maxValue }) ?? true { return .failure(.tooLarge) }
            return .success(value)
        }
    }

    static let spaces: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{202F}"]

    /// Splits the unit off (when `units`), then reads the figures.
    static func parse(_ raw: String, units: Bool) -> Parsed {
        var text = Substring(raw.trimmingCharacters(in: " "))
        let lowered = text.lowercased()
        if ["nan", ".nan", "inf", ".inf", "-.inf", "+.inf", "infinity", "-infinity"].contains(lowered) {
            return .notFinite
        }
        var multiplier = 0
        var euros = false
        if units {
            euros = dropCurrency(&text)
            var spelled = false
            if euros, let elided = ["d’", "d'"].first(where: { text.lowercased().hasSuffix($0) }) {
                text = text.dropLast(elided.count)
                spelled = true
            }
            text = trimmedSpaces(text)
            if let (places, word) = dropMultiplier(&text) {
                multiplier = places
                if spelled && !word { return .notANumber }
            } else if spelled {
                return .notANumber
            }
            text = trimmedSpaces(text)
        }
        var negative = false
        if text.hasPrefix("-") || text.hasPrefix("−") {
            negative = true
            text.removeFirst()
        } else if text.hasPrefix("+") {
            text.removeFirst()
        }
        guard let readings = figures(text) else { return .notANumber }
        return .number(Written(readings: readings, multiplier: multiplier, euros: euros, negative: negative))
    }

    static func trimmedSpaces(_ text: Substring) -> Substring {
        var text = text
        while let last = text.unicodeScalars.last, spaces.contains(last) { text = text.dropLast() }
        return text
    }

    /// Removes `€`, `EUR`, `euro`, `euros` from the end; true when there was one.
    static func dropCurrency(_ text: inout Substring) -> Bool {
        if text.hasSuffix("€") {
            text = trimmedSpaces(text.dropLast())
            return true
        }
        let lowered = text.lowercased()
        for word in ["euros", "euro", "eur"] where lowered.hasSuffix(word) {
            let rest = text.dropLast(word.count)
            // A word on its own: "97000 euros", "97000EUR", not "…neur".
            if let before = rest.unicodeScalars.last, before.properties.isAlphabetic { continue }
            text = trimmedSpaces(rest)
            return true
        }
        return false
    }

    /// Removes a multiplier from the end: its power of ten, and whether it was a word (`millions`) rather than a symbol.
    static func dropMultiplier(_ text: inout Substring) -> (Int, Bool)? {
        let lowered = text.lowercased()
        let words: [(String, Int)] = [("milliards", 9), ("milliard", 9), ("millions", 6), ("million", 6),
                                      ("milliers", 3), ("millier", 3), ("mille", 3)]
        for (word, places) in words where lowered.hasSuffix(word) {
            let rest = text.dropLast(word.count)
            guard let before = rest.unicodeScalars.last, !before.properties.isAlphabetic else { continue }
            text = rest
            return (places, true)
        }
        let symbols: [(String, Int)] = [("Mds", 9), ("Mrd", 9), ("Md", 9), ("M", 6), ("k", 3), ("K", 3)]
        for (symbol, places) in symbols where text.hasSuffix(symbol) {
            let rest = text.dropLast(symbol.count)
            guard let before = rest.unicodeScalars.last, ("0"..."9").contains(before) || spaces.contains(before) else { continue }
            text = rest
            return (places, false)
        }
        return nil
    }

    /// The readings of digits with spaces, points and commas; nil when they are not a number.
    static func figures(_ text: Substring) -> [Exact]? {
        var groups: [String] = [""]
        var separators: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                groups[groups.count - 1].unicodeScalars.append(scalar)
            } else if scalar == "." || scalar == "," {
                separators.append(scalar)
                groups.append("")
            } else if !spaces.contains(scalar) {
                return nil
            }
        }
        guard !groups.contains(where: \.isEmpty) else { return nil }
        let first = groups[0]
        guard let last = separators.last else { return [Exact(digits: first, exponent: 0)] }
        let middle = groups.dropFirst().dropLast()
        if separators.count == 1 {
            let decimals = groups[1]
            // One separator followed by exactly three digits reads as thousands in French and decimals in English.
            if decimals.count == 3, first.count <= 3, first.contains(where: { $0 != "0" }) {
                return [Exact(digits: first + decimals, exponent: 0), Exact(digits: first + decimals, exponent: -3)]
            }
            return [Exact(digits: first + decimals, exponent: -decimals.count)]
        }
        guard first.count <= 3, middle.allSatisfy({ $0.count == 3 }) else { return nil }
        if separators.allSatisfy({ $0 == last }) {
            // `1.234.567`: a decimal separator appears once, so several can only separate thousands.
            guard groups[groups.count - 1].count == 3 else { return nil }
            return [Exact(digits: groups.joined(), exponent: 0)]
        }
        // `1.234,56`: thousands with one sign, then the decimal with the other, once, at the end.
        guard separators.dropLast().allSatisfy({ $0 != last }) else { return nil }
        let decimals = groups[groups.count - 1]
        return [Exact(digits: groups.joined(), exponent: -decimals.count)]
    }
}

/// Whole numbers spelled out, for hints that name a reading in words (« soixante-quatorze mille »).
enum NumberWords {
    static func french(_ number: Int64) -> String {
        if number == 0 { return "zéro" }
        var parts: [String] = []
        var rest = number
        for (size, singular, plural) in [(Int64(1_000_000_000_000), "billion", "billions"),
                                         (1_000_000_000, "milliard", "milliards"), (1_000_000, "million", "millions")] {
            let count = rest / size
            rest %= size
            if count > 0 { parts.append(frenchBelowThousand(Int(count), beforeNoun: true) + " " + (count == 1 ? singular : plural)) }
        }
        let thousands = rest / 1000
        rest %= 1000
        if thousands == 1 {
            parts.append("mille")
        } else if thousands > 1 {
            parts.append(frenchBelowThousand(Int(thousands), beforeNoun: false) + " mille")
        }
        if rest > 0 { parts.append(frenchBelowThousand(Int(rest), beforeNoun: true)) }
        return parts.joined(separator: " ")
    }

    /// 1 to 999. `beforeNoun`: « deux cents », « quatre-vingts » take their s at the end of the number or before
    /// « millions », not before « mille ».
    static func frenchBelowThousand(_ number: Int, beforeNoun: Bool) -> String {
        let units = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
                     "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]
        let tens = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante"]
        var parts: [String] = []
        let hundreds = number / 100
        let rest = number % 100
        if hundreds == 1 {
            parts.append("cent")
        } else if hundreds > 1 {
            parts.append(units[hundreds] + (rest == 0 && beforeNoun ? " cents" : " cent"))
        }
        if rest > 0 {
            let text: String
            if rest < 20 {
                text = units[rest]
            } else if rest < 70 {
                let ten = rest / 10, unit = rest % 10
                text = tens[ten] + (unit == 0 ? "" : unit == 1 ? " et un" : "-" + units[unit])
            } else if rest < 80 {
                text = "soixante" + (rest == 71 ? " et onze" : "-" + units[rest - 60])
            } else {
                text = "quatre-vingt" + (rest == 80 ? (beforeNoun ? "s" : "") : "-" + units[rest - 80])
            }
            parts.append(text)
        }
        return parts.joined(separator: " ")
    }

    static func english(_ number: Int64) -> String {
        if number == 0 { return "zero" }
        var parts: [String] = []
        var rest = number
        for (size, name) in [(Int64(1_000_000_000_000), "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand")] {
            let count = rest / size
            rest %= size
            if count > 0 { parts.append(englishBelowThousand(Int(count)) + " " + name) }
        }
        if rest > 0 { parts.append(englishBelowThousand(Int(rest))) }
        return parts.joined(separator: " ")
    }

    static func englishBelowThousand(_ number: Int) -> String {
        let units = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
        let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        var parts: [String] = []
        if number >= 100 { parts.append(units[number / 100] + " hundred") }
        let rest = number % 100
        if rest >= 20 {
            parts.append(tens[rest / 10] + (rest % 10 == 0 ? "" : "-" + units[rest % 10]))
        } else if rest > 0 {
            parts.append(units[rest])
        }
        return parts.joined(separator: " ")
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set || s.first == "\u{00A0}" || s.first == "\u{202F}" { s.removeFirst() }
        while s.last == set || s.last == "\u{00A0}" || s.last == "\u{202F}" { s.removeLast() }
        return String(s)
    }

    /// « de un million » → « d’un million »; « de onze », « de huit » stay as they are.
    func replacingElision() -> String {
        replacingOccurrences(of: "de un ", with: "d’un ").replacingOccurrences(of: "de un,", with: "d’un,")
    }
}
