import Foundation
import PasserelleModel

/// The hint of a date that is not `YYYY-MM-DD`, built from what the author wrote: a month in words (`février 2023`,
/// `14 février 2023`), a day that the month does not have (`2023-02-30`), the month and the day swapped
/// (`2023-14-02`). Nil when nothing of the author's value can be used; the general form is then shown.
enum DateHints {
    static let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                         "novembre", "décembre"]
    static let monthsEN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                           "November", "December"]

    /// Month words as authors type them, accents and case aside, with the number of the month.
    static let monthWords: [String: Int] = [
        "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
        "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10,
        "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
    ]

    static func iso(_ year: Int, _ month: Int, _ day: Int) -> String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    static func hint(_ text: String, key: String) -> Bilingual? {
        let trimmed = text.trimmingCharacters(in: " ")
        if let words = monthInWords(trimmed, key: key) { return words }
        let parts = trimmed.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else { return nil }
        // Year first (2023-02-30) or last (30/02/2023); a two-digit year is not guessed.
        let (year, middle, other): (Int, Int, Int)
        if parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2 {
            (year, middle, other) = (a, b, c)
        } else if parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2 {
            (year, middle, other) = (c, b, a)
        } else {
            return nil
        }
        if (1...12).contains(middle) {
            let days = Day.daysIn(month: middle, year: year)
            guard other > days, other <= 31 else { return nil }
            let month = months[middle - 1]
            return Bilingual(fr: AuthorHints.typo("le \(other) \(month) \(year) n’existe pas : \(month) \(year) n’a que \(days) jours ; vérifiez le jour dans le document source, puis écrivez \(key): \(String(format: "%04d-%02d", year, middle))- suivi du jour sur deux chiffres"),
                             en: "\(monthsEN[middle - 1]) \(other), \(year) does not exist: \(monthsEN[middle - 1]) \(year) has \(days) days; check the day in the source document, then write \(key): \(String(format: "%04d-%02d", year, middle))- followed by the two-digit day")
        }
        // 2023-14-02: the day where the month goes, the month where the day goes.
        if middle > 12, (1...12).contains(other), Day(year: year, month: other, day: middle) != nil {
            let fixed = iso(year, other, middle)
            return Bilingual(fr: AuthorHints.typo("le mois vient avant le jour : écrivez \(key): \(fixed)"),
                             en: "the month comes before the day: write \(key): \(fixed)")
        }
        return nil
    }

    /// `février 2023`, `14 février 2023`, `1er fév. 2023`: the date in figures when the day is given; otherwise the
    /// year and month in figures, the day to be added.
    static func monthInWords(_ text: String, key: String) -> Bilingual? {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let tokens = folded.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" || $0 == "." || $0 == "," })
        guard tokens.count == 2 || tokens.count == 3 else { return nil }
        var month: Int?
        var year: Int?
        var day: Int?
        for token in tokens {
            if let number = monthWords[String(token)] {
                guard month == nil else { return nil }
                month = number
            } else if token.count == 4, let number = Int(token) {
                guard year == nil else { return nil }
                year = number
            } else if let number = Int(token.hasSuffix("er") ? String(token.dropLast(2)) : String(token)), token.count <= 3 {
                guard day == nil else { return nil }
                day = number
            } else {
                return nil
            }
        }
        guard let month, let year, (1800...2200).contains(year) else { return nil }
        let yearMonth = String(format: "%04d-%02d", year, month)
        if let day {
            guard Day(year: year, month: month, day: day) != nil else { return nil }
            let fixed = iso(year, month, day)
            return Bilingual(fr: AuthorHints.typo("écrivez la date en chiffres, sous la forme année-mois-jour : \(key): \(fixed)"),
                             en: "write the date in figures, as year-month-day: \(key): \(fixed)")
        }
        let name = months[month - 1]
        return Bilingual(fr: AuthorHints.typo("une date donne aussi le jour : « \(name) \(year) » s’écrit \(yearMonth)- suivi du jour sur deux chiffres, par exemple \(key): \(yearMonth)-01 pour le 1er \(name)"),
                         en: "a date gives the day too: '\(monthsEN[month - 1]) \(year)' is written \(yearMonth)- followed by the two-digit day, e.g. \(key): \(yearMonth)-01 for \(monthsEN[month - 1]) 1")
    }
}
