import Foundation
import PasserelleModel

/// The diagnostics of numbers and of the lists, funders and years authors write by hand, in French and English, each
/// quoting the author's own key and value and, where the correction is certain, the corrected line.
///
/// A hint never proposes a figure of another magnitude than the author's: every number in it is one of the readings
/// of what was written (`NumberParser.readings`), which `HintMagnitudeTests` checks over the whole bad-input corpus.
enum AuthorHints {
    // MARK: French typography

    static let tight: Set<Character> = [":", ";", "?", "!", "%", "»"]

    /// Prose with French typography: a no-break space before : ; ? ! % and inside « ».
    static func typo(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        var previous: Character?
        for character in text {
            if character == " ", previous == "«" {
                out.append("\u{00A0}")
            } else if previous == " ", tight.contains(character) {
                out.removeLast()
                out.append("\u{00A0}")
                out.append(character)
            } else {
                out.append(character)
            }
            previous = out.last
        }
        return out
    }

    /// `« text »` with no-break spaces.
    static func q(_ text: String) -> String { "«\u{00A0}" + text + "\u{00A0}»" }

    /// `'text'`.
    static func e(_ text: String) -> String { "'" + text + "'" }

    // MARK: Where a value is written

    /// The text of file line `line` of the document `node` comes from.
    static func sourceLine(_ node: YAMLNode, _ line: Int) -> String? {
        let index = line - node.sourceFirstLine
        guard index >= 0, index < node.source.count else { return nil }
        return String(node.source[index])
    }

    /// Where a scalar written on one line ends (exclusive), quotes included; nil when it cannot be told for sure.
    static func valueEnd(_ node: YAMLNode) -> SourceLocation? {
        guard case .scalar(let text, let plain) = node.value, !node.isBlock, !text.contains("\n"),
              let line = sourceLine(node, node.location.line) else { return nil }
        let scalars = Array(line.unicodeScalars)
        let start = node.location.column - 1
        guard start >= 0, start < scalars.count else { return nil }
        if plain {
            let end = start + text.unicodeScalars.count
            guard end <= scalars.count, String(String.UnicodeScalarView(scalars[start..<end])) == text else { return nil }
            return SourceLocation(line: node.location.line, column: end + 1)
        }
        let quote = scalars[start]
        guard quote == "\"" || quote == "'" else { return nil }
        var cursor = start + 1
        while cursor < scalars.count {
            if quote == "\"" && scalars[cursor] == "\\" { cursor += 2; continue }
            if scalars[cursor] == quote {
                if quote == "'" && cursor + 1 < scalars.count && scalars[cursor + 1] == "'" { cursor += 2; continue }
                return SourceLocation(line: node.location.line, column: cursor + 2)
            }
            cursor += 1
        }
        return nil
    }

    /// The line of `node` with its value (`start..<end`) replaced by `replacement`, and the fix that does it.
    static func rewrite(_ node: YAMLNode, from start: SourceLocation, to end: SourceLocation, with replacement: String)
        -> (line: String, fix: Fix)? {
        guard start.line == end.line, let line = sourceLine(node, start.line) else { return nil }
        let scalars = Array(line.unicodeScalars)
        guard start.column >= 1, end.column - 1 <= scalars.count, start.column <= end.column else { return nil }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[..<(start.column - 1)])
        out.append(contentsOf: replacement.unicodeScalars)
        out.append(contentsOf: scalars[(end.column - 1)...])
        let rewritten = String(out)
        return (rewritten, Fix.line(start.line, current: line, replacement: rewritten))
    }

    /// The corrected line as a hint shows it: without its indentation.
    static func shown(_ line: String) -> String {
        String(line.drop { $0 == " " })
    }

    // MARK: Numbers

    /// What a value that is not one scalar is, in French and English.
    static func kind(_ node: YAMLNode) -> (fr: String, en: String) {
        switch node.value {
        case .sequence: ("une liste", "a list")
        case .mapping: ("un groupe de lignes « clé: valeur »", "a mapping (key: value lines)")
        case .scalar: node.isNull ? ("rien", "nothing") : ("du texte", "text")
        }
    }

    /// A list or a mapping where one number is expected.
    static func notOneNumber(_ node: YAMLNode, key: String, percent: Bool, _ c: DiagnosticCollector) {
        let (fr, en) = kind(node)
        let what = percent ? ("un pourcentage", "a percentage") : ("un nombre", "a number")
        var hint = percent
            ? Bilingual(fr: typo("un seul pourcentage après « \(key): », suivi du signe %"),
                        en: "one percentage after '\(key):', followed by the % sign")
            : Bilingual(fr: typo("un seul nombre après « \(key): » ; pour plusieurs montants, écrivez une ligne chacun"),
                        en: "one number after '\(key):'; for several amounts, write one line each")
        if let items = node.items, items.count == 1, let only = items[0].scalar, !items[0].isNull {
            hint = Bilingual(fr: typo("écrivez le nombre sans crochets :") + " \(key): \(only)",
                             en: "write the number without brackets: \(key): \(only)")
        }
        c.error("number-expected", node.location,
                Bilingual(fr: typo("« \(key) » doit être \(what.0), pas ") + fr, en: "'\(key)' must be \(what.1), found \(en)"),
                hint: hint)
    }

    /// The diagnostic of a number the parser refused, at the value, quoting it.
    static func numberRefused(_ failure: NumberParser.Failure, text: String, node: YAMLNode, key: String, percent: Bool,
                              _ c: DiagnosticCollector) {
        let end = valueEnd(node)
        let what = percent ? ("un pourcentage", "a percentage") : ("un nombre", "a number")
        switch failure {
        case .ambiguous:
            let written = percent ? String(text.trimmingCharacters(in: " ").dropLast()) : text
            let comma = written.contains(",")
            let question = comma
                ? ("la virgule sépare-t-elle les milliers ou les décimales ?", "is the comma a thousands separator or a decimal comma?")
                : ("le point sépare-t-il les milliers ou les décimales ?", "is the point a thousands separator or a decimal point?")
            let hint = NumberParser.ambiguityHint(text, key: key, percent: percent)
            c.error("number-ambiguous", node.location,
                    Bilingual(fr: q(text) + typo(" est ambigu pour « \(key) » : " + question.0),
                              en: "'\(text)' is ambiguous for '\(key)': " + question.1),
                    hint: hint.map { Bilingual(fr: $0.fr, en: $0.en) }, end: end)
        case .negative:
            c.error("number-negative", node.location,
                    Bilingual(fr: typo("« \(key) » ne peut pas être négatif : ") + q(text),
                              en: "'\(key)' must not be negative, found '\(text)'"),
                    hint: Bilingual(fr: typo("un montant ou un effectif s’écrit sans signe ; un remboursement ou une perte n’est pas une ligne de financement"),
                                    en: "amounts and counts are written without a sign; a refund or a loss is not a funding line"),
                    end: end)
        case .notFinite:
            c.error("number-not-finite", node.location,
                    Bilingual(fr: typo("« \(key) » doit être \(what.0) en chiffres, pas ") + q(text),
                              en: "'\(key)' must be \(what.1) in figures, found '\(text)'"),
                    hint: Bilingual(fr: typo("écrivez-le en chiffres, comme le document source le donne ; s’il n’est pas connu, enlevez la ligne « \(key): »"),
                                    en: "write it in figures, as the source document gives it; if it is not known, remove the line '\(key):'"),
                    end: end)
        case .tooLarge:
            c.error("number-too-large", node.location,
                    Bilingual(fr: typo("« \(key) » est trop grand : ") + q(text) + typo(", la limite est 1 000 000 000 000 000"),
                              en: "'\(key)' is too large: '\(text)', the limit is 1 000 000 000 000 000"),
                    hint: Bilingual(fr: typo("vérifiez le nombre de chiffres : les montants sont en euros, les effectifs en unités"),
                                    en: "check the number of digits: amounts are in euros, counts in units"),
                    end: end)
        case .multiplierWithoutEuro:
            let hint = NumberParser.multiplierHint(text, key: key)
            c.error("number-multiplier-without-euro", node.location,
                    Bilingual(fr: q(text) + typo(" abrège un nombre pour « \(key) » : écrivez-le en entier (k€ et M€ ne valent que pour des euros)"),
                              en: "'\(text)' abbreviates a number for '\(key)': write it in full (k€ and M€ are for euros only)"),
                    hint: hint.map { Bilingual(fr: $0.fr, en: $0.en) }, end: end)
        case .notANumber:
            if let currency = foreignCurrency(text) {
                c.error("number-currency-not-euro", node.location,
                        Bilingual(fr: q(text) + typo(" est une somme en \(currency) : les montants du site sont en euros"),
                                  en: "'\(text)' is a sum in \(currency): the site's amounts are in euros"),
                        hint: Bilingual(fr: typo("convertissez la somme en euros (au taux du document source, ou de sa date), puis écrivez \(key): suivi du montant en euros ; le chiffre seul, sans « \(currency) », serait lu en euros"),
                                        en: "convert the sum to euros (at the rate of the source document, or of its date), then write \(key): followed by the amount in euros; the figure alone, without '\(currency)', would be read as euros"),
                        end: end)
                return
            }
            let misplaced = NumberParser.onlyDigitsAndSeparators(percent ? String(text.trimmingCharacters(in: " ").dropLast()) : text)
            let words = percent ? nil : wordedNumber(text, key: key)
            let hint = words ?? (misplaced
                ? Bilingual(fr: typo("les séparateurs ne sont pas à leur place : une espace (ou un point) entre les groupes de trois chiffres, une seule virgule avant les décimales"),
                            en: "the separators are out of place: a space (or a point) between groups of three digits, one comma before the decimals")
                : percent
                ? Bilingual(fr: typo("écrivez le pourcentage en chiffres, suivi du signe %, avec une virgule avant les décimales"),
                            en: "write the percentage in figures, followed by the % sign, with a comma before the decimals")
                : Bilingual(fr: typo("écrivez-le en chiffres : des espaces entre les milliers si vous voulez, une virgule avant les décimales, € à la fin pour un montant (k€ et M€ sont compris)"),
                            en: "write it in figures: spaces between thousands if you like, a comma before the decimals, € at the end for an amount (k€ and M€ are understood)"))
            c.error("number-not-a-number", node.location,
                    Bilingual(fr: typo("« \(key) » doit être \(what.0), ") + q(text) + typo(" n’en est pas un"),
                              en: "'\(key)' must be \(what.1), found '\(text)'"),
                    hint: hint, end: end)
        }
    }

    /// The currency of a sum written in another currency than the euro (`30 000 $`, `USD 30000`, `30000 CHF`,
    /// `£500`), as the author wrote it; nil when the text is not a figure with such a currency.
    static func foreignCurrency(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " \u{A0}\u{202F}"))
        let currencies = ["US$", "USD", "CHF", "GBP", "CAD", "FCFA", "XOF", "dollars", "dollar", "francs suisses",
                          "francs", "livres sterling", "$", "£", "¥"]
        for currency in currencies {
            var rest: String?
            if trimmed.lowercased().hasSuffix(currency.lowercased()) {
                let before = trimmed.dropLast(currency.count)
                if let last = before.unicodeScalars.last, last.properties.isAlphabetic, currency.first?.isLetter == true { continue }
                rest = String(before)
            } else if trimmed.lowercased().hasPrefix(currency.lowercased()) {
                let after = trimmed.dropFirst(currency.count)
                if let first = after.unicodeScalars.first, first.properties.isAlphabetic, currency.last?.isLetter == true { continue }
                rest = String(after)
            }
            guard let figure = rest?.trimmingCharacters(in: CharacterSet(charactersIn: " \u{A0}\u{202F}")), !figure.isEmpty,
                  NumberParser.onlyDigitsAndSeparators(figure) || figure.allSatisfy({ $0.isASCII && $0.isNumber }) else { continue }
            return currency
        }
        return nil
    }

    /// The author's figure when a count is written with words around it: `12 personnes` (the figure, then a word),
    /// `une trentaine` (an approximate value, money.md §8). Nil otherwise.
    static func wordedNumber(_ text: String, key: String) -> Bilingual? {
        let trimmed = text.trimmingCharacters(in: " ").lowercased()
        if let approximate = NumberParser.approximateWords[trimmed] {
            let value = PlainNumber.number(approximate)
            return Bilingual(fr: typo("pour une valeur approchée comme « \(text) », écrivez : \(key): {value: \(value), approx: true}"),
                             en: "for an approximate value such as '\(text)', write: \(key): {value: \(value), approx: true}")
        }
        // `environ 30`, `~30`: an approximate value; `30 à 40`, `30-40`: a range. The author's figures, unchanged.
        for prefix in ["environ ", "env. ", "près de ", "~", "≈"] where trimmed.hasPrefix(prefix) {
            let rest = String(trimmed.dropFirst(prefix.count)).trimmingCharacters(in: " ")
            if case .success(let value) = NumberParser.number(rest) {
                let plain = PlainNumber.number(value)
                return Bilingual(fr: typo("pour une valeur approchée comme « \(text) », écrivez : \(key): {value: \(plain), approx: true}"),
                                 en: "for an approximate value such as '\(text)', write: \(key): {value: \(plain), approx: true}")
            }
        }
        // Two years (`2010-2012`) are a period, not a range of values: no guess.
        for separator in [" à ", "-", "–", " a "] where yearRange(text) == nil {
            let sides = trimmed.components(separatedBy: separator)
            guard sides.count == 2, case .success(let low) = NumberParser.number(sides[0].trimmingCharacters(in: " ")),
                  case .success(let high) = NumberParser.number(sides[1].trimmingCharacters(in: " ")), low <= high else { continue }
            let (from, to) = (PlainNumber.number(low), PlainNumber.number(high))
            return Bilingual(fr: typo("pour une fourchette comme « \(text) », écrivez : \(key): {min: \(from), max: \(to)}"),
                             en: "for a range such as '\(text)', write: \(key): {min: \(from), max: \(to)}")
        }
        // `12 personnes`, `40 entrepreneurs`: digits (and spaces between thousands), then letters only.
        let scalars = Array(text.trimmingCharacters(in: " ").unicodeScalars)
        var split = 0
        while split < scalars.count, ("0"..."9").contains(scalars[split]) || scalars[split] == " " || scalars[split] == "\u{A0}" || scalars[split] == "\u{202F}" {
            split += 1
        }
        let figure = String(String.UnicodeScalarView(scalars[..<split])).trimmingCharacters(in: CharacterSet(charactersIn: " \u{A0}\u{202F}"))
        let rest = String(String.UnicodeScalarView(scalars[split...]))
        guard !figure.isEmpty, !rest.isEmpty, rest.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == " " || $0 == "’" || $0 == "'" }),
              case .success(let value) = NumberParser.number(figure) else { return nil }
        let plain = PlainNumber.number(value)
        return Bilingual(fr: typo("écrivez le nombre seul, sans « \(rest) » : \(key): \(plain) (l’unité vient de indicators.yml)"),
                         en: "write the number alone, without '\(rest)': \(key): \(plain) (the unit comes from indicators.yml)")
    }

    /// A share written without its % sign: the same number with the sign when it is over 1; below, it may be a
    /// fraction (0,6 for 60 %), which is never multiplied in a hint.
    static func shareWithoutPercent(_ node: YAMLNode, text: String, key: String, _ c: DiagnosticCollector) {
        let end = valueEnd(node)
        let message = Bilingual(fr: typo("« \(key) » doit être un pourcentage avec le signe %, pas ") + q(text),
                                en: "'\(key)' must be a percentage with a % sign, found '\(text)'")
        guard case .number(let written) = NumberParser.parse(text, units: false), written.readings.count == 1,
              !written.negative, let exact = written.readings.first, let value = exact.double else {
            c.error("number-share-without-percent", node.location, message,
                    hint: Bilingual(fr: typo("écrivez le pourcentage en chiffres, suivi du signe %"),
                                    en: "write the percentage in figures, followed by the % sign"), end: end)
            return
        }
        // With a decimal comma the value goes between quotes: between braces, a bare comma would split it (yaml-decimal-comma).
        let fr = exact.plain(decimalSeparator: ",") + "\u{00A0}%"
        let frLine = fr.contains(",") ? "\"" + exact.plain(decimalSeparator: ",") + " %\"" : fr
        let en = exact.plain(decimalSeparator: ".") + " %"
        if value > 1 {
            let corrected = end.flatMap { rewrite(node, from: node.location, to: $0, with: exact.plain(decimalSeparator: ",") + " %") }
            c.error("number-share-without-percent", node.location, message,
                    hint: Bilingual(fr: "écrivez \(key): \(frLine)", en: "write \(key): \(en)"), end: end, fix: corrected?.fix)
        } else {
            c.error("number-share-without-percent", node.location, message,
                    hint: Bilingual(fr: typo("une part s’écrit en pour cent, avec le signe % : s’il s’agit de \(fr), écrivez \(key): \(frLine) ; s’il s’agit d’une fraction du budget, multipliez-la par cent"),
                                    en: "a share is written in percent, with the % sign: if you mean \(en), write \(key): \(en); if it is a fraction of the budget, multiply it by a hundred"),
                    end: end)
        }
    }

    static func shareOver100(_ node: YAMLNode, text: String, key: String, _ c: DiagnosticCollector) {
        c.error("number-share-over-100", node.location,
                Bilingual(fr: typo("« \(key) » dépasse 100 % : ") + q(text), en: "'\(key)' is over 100 %: '\(text)'"),
                hint: Bilingual(fr: typo("une part se rapporte à tout le budget et ne peut pas le dépasser : vérifiez ce chiffre, ou donnez la somme en euros avec « amount: »"),
                                en: "a share is part of the whole budget and cannot exceed it: check this figure, or give the sum in euros with 'amount:'"),
                end: valueEnd(node))
    }

    // MARK: Lists, funders, years

    /// `themes: a, b`: several ids written as one text. Reported with the line rewritten (`themes: [a, b]`); nil when
    /// the value is not such a text, and the list is then read as usual.
    static func references(_ fields: MappingReader, _ key: String) -> [Reference] {
        guard let node = fields.value(key), case .scalar(let text, true) = node.value, text.contains(",") else {
            return fields.references(key)
        }
        let items = text.split(separator: ",").map { String($0).trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
        let list = "[" + items.joined(separator: ", ") + "]"
        let corrected = valueEnd(node).flatMap { rewrite(node, from: node.location, to: $0, with: list) }
        let line = corrected.map { shown($0.line) } ?? "\(key): \(list)"
        fields.collector.error("list-without-brackets", node.location,
                               Bilingual(fr: typo("plusieurs valeurs pour « \(key) » s’écrivent entre crochets, séparées par des virgules"),
                                         en: "several values for '\(key)' are written between brackets, separated by commas"),
                               hint: Bilingual(fr: "écrivez \(line)", en: "write \(line)"), end: valueEnd(node), fix: corrected?.fix)
        return []
    }

    /// `funder: [a, b]`: a joint line written under the one-funder key. Reported with the line rewritten
    /// (`funders: [a, b]`); the funders are read so that nothing else is reported about the line.
    static func funderList(_ fields: MappingReader) -> [Reference]? {
        guard let node = fields.value("funder"), let items = node.items else { return nil }
        let location = fields.keyLocation("funder")
        let corrected = rewrite(node, from: location, to: SourceLocation(line: location.line, column: location.column + "funder".count),
                                with: "funders")
        let line = corrected.map { shown($0.line) }
            ?? "funders: [" + items.compactMap(\.scalar).joined(separator: ", ") + "]"
        fields.collector.error("funding-funder-list", location,
                               Bilingual(fr: typo("« funder » nomme un seul financeur ; pour une ligne financée à plusieurs, la clé est « funders »"),
                                         en: "'funder' names one funder; for a line funded jointly, the key is 'funders'"),
                               hint: Bilingual(fr: "écrivez \(line)", en: "write \(line)"),
                               end: SourceLocation(line: location.line, column: location.column + "funder".count), fix: corrected?.fix)
        return items.compactMap { item in
            guard let text = item.scalar, !item.isNull else { return nil }
            return Reference(text, at: item.location)
        }
    }

    /// `2010-2012`, `2010 – 2012`, `2010/2012`, `2010 à 2012`: the first and last year, nil for anything else.
    static func yearRange(_ text: String) -> (first: Int, last: Int)? {
        let scalars = Array(text.trimmingCharacters(in: " ").unicodeScalars)
        guard scalars.count >= 9, scalars.count <= 16,
              scalars.prefix(4).allSatisfy({ ("0"..."9").contains($0) }),
              scalars.suffix(4).allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        let middle = String(String.UnicodeScalarView(scalars[4..<(scalars.count - 4)])).trimmingCharacters(in: " ")
        guard ["-", "–", "—", "/", "à", "a", "au"].contains(middle),
              let first = Int(String(String.UnicodeScalarView(scalars.prefix(4)))),
              let last = Int(String(String.UnicodeScalarView(scalars.suffix(4)))), first < last else { return nil }
        return (first, last)
    }

    /// `year: 2010-2012` in a results block: the period key holds it (`period: "2010-2012"`). True when reported.
    static func yearRangeInResults(_ pair: YAMLNode.Pair, _ c: DiagnosticCollector) -> Bool {
        guard let text = pair.value.scalar, yearRange(text) != nil else { return false }
        let period = "period: \"\(text.trimmingCharacters(in: " "))\""
        let corrected = valueEnd(pair.value).flatMap { rewrite(pair.value, from: pair.keyLocation, to: $0, with: period) }
        let line = corrected.map { shown($0.line) } ?? period
        c.error("year-range", pair.value.location,
                Bilingual(fr: typo("« year » est une seule année ; ") + q(text) + typo(" est une période, que la clé « period » reçoit"),
                          en: "'year' is one year; '\(text)' is a period, which the key 'period' takes"),
                hint: Bilingual(fr: "écrivez \(line)", en: "write \(line)"), end: valueEnd(pair.value), fix: corrected?.fix)
        return true
    }

    /// `year: 2010-2012` in a budget or funding line: how to say the amount's horizon. True when reported.
    /// `period: 2006-2009` on a budget or funding line: `period` says how the amount relates to time (annual,
    /// one_off, total); the years go in `years` and `year`. True when reported.
    static func periodRangeInLine(_ fields: MappingReader, _ c: DiagnosticCollector) -> Bool {
        guard let node = fields.value("period"), let text = node.scalar, let (first, last) = yearRange(text) else { return false }
        let years = last - first + 1
        c.error("period-year-range", node.location,
                Bilingual(fr: typo("sur une ligne de budget ou de financement, « period » dit comment le montant se rapporte au temps (annual, one_off ou total), pas les années : ") + q(text),
                          en: "on a budget or funding line, 'period' says how the amount relates to time (annual, one_off or total), not the years: '\(text)'"),
                hint: Bilingual(fr: typo("si le montant couvre toute la période, écrivez period: total, years: \(years), year: \(first) ; s’il est donné par an, écrivez period: annual, year: \(first)"),
                                en: "if the amount covers the whole period, write period: total, years: \(years), year: \(first); if it is given per year, write period: annual, year: \(first)"),
                end: valueEnd(node))
        return true
    }

    static func yearRangeInLine(_ fields: MappingReader, _ c: DiagnosticCollector) -> Bool {
        guard let node = fields.value("year"), let text = node.scalar, let (first, last) = yearRange(text) else { return false }
        let years = last - first + 1
        let hint = fields.has("period")
            ? Bilingual(fr: typo("gardez la première année : year: \(first)"), en: "keep the first year: year: \(first)")
            : Bilingual(fr: typo("si le montant couvre toute la période, écrivez period: total, years: \(years), year: \(first) ; s’il est donné par an, écrivez period: annual, year: \(first)"),
                        en: "if the amount covers the whole period, write period: total, years: \(years), year: \(first); if it is given per year, write period: annual, year: \(first)")
        c.error("year-range", node.location,
                Bilingual(fr: typo("« year » est une seule année, la première ; ") + q(text) + typo(" est une période"),
                          en: "'year' is one year, the first; '\(text)' is a period"),
                hint: hint, end: valueEnd(node))
        return true
    }
}
