import Foundation
import PasserelleModel

/// Collects the diagnostics of one file while its values are decoded.
public final class DiagnosticCollector {
    public let file: String
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String) {
        self.file = file
    }

    public func error(_ rule: String, _ location: SourceLocation, _ text: Bilingual, hint: Bilingual? = nil,
                      end: SourceLocation? = nil, fix: Fix? = nil) {
        diagnostics.append(.error(rule, file, location, text, hint: hint, end: end, fix: fix))
    }

    public func warning(_ rule: String, _ location: SourceLocation, _ text: Bilingual, hint: Bilingual? = nil,
                        end: SourceLocation? = nil, fix: Fix? = nil) {
        diagnostics.append(.warning(rule, file, location, text, hint: hint, end: end, fix: fix))
    }

    public func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public func append(contentsOf more: [Diagnostic]) {
        diagnostics.append(contentsOf: more)
    }
}

/// Typed, positioned access to the keys of one YAML mapping.
///
/// Every accessor reports what is wrong (wrong type, bad value) at the value's own line and column,
/// and returns nil so decoding goes on and all mistakes of a file are reported at once.
public struct MappingReader {
    public let node: YAMLNode
    public let collector: DiagnosticCollector
    /// How messages name the thing being read: « la ligne de financement » / "a funding line". The French is a
    /// noun phrase with its definite article (elided where French elides it: « l’organisation »), written to follow
    /// « dans » or to start a sentence.
    public let what: Bilingual
    /// The allowed keys proposed for the unknown keys of this mapping (`montant` → `amount`): not reported missing again.
    var suggested: Set<String> = []

    /// Nil (with a diagnostic) when `node` is not a mapping. Keys not in `allowed` are reported with a suggestion.
    public init?(_ node: YAMLNode, _ collector: DiagnosticCollector, what: Bilingual, allowed: [String]) {
        guard let pairs = node.pairs else {
            collector.error("value-type", node.location,
                            Bilingual(fr: "\(what.fr) s’écrit en lignes «\u{A0}clé: valeur\u{A0}», pas \(node.typeName.fr)",
                                      en: "\(what.en) must be a mapping (key: value lines), found \(node.typeName.en)"),
                            hint: Bilingual(fr: "écrivez une ligne par clé, sous la forme «\u{A0}clé: valeur\u{A0}», indentée sous la clé qui l’annonce",
                                            en: "write one key: value line per key, indented under the key that introduces them"))
            return nil
        }
        self.node = node
        self.collector = collector
        self.what = what
        var suggested: Set<String> = []
        defer { self.suggested = suggested }
        for pair in pairs where !allowed.contains(pair.key) {
            let keyEnd = SourceLocation(line: pair.keyLocation.line, column: pair.keyLocation.column + pair.key.unicodeScalars.count)
            let french = FrenchValues.key(for: pair.key, in: allowed)
            let near = french ?? Suggestions.closest(to: pair.key, in: allowed)
            if let near { suggested.insert(near) }
            let hint: Bilingual
            var fix: Fix?
            if let near, let line = node.sourceLine(pair.keyLocation.line), Self.keyStarts(line, pair.key, at: pair.keyLocation.column) {
                let corrected = Self.replacing(line, from: pair.keyLocation.column, count: pair.key.unicodeScalars.count, with: near)
                hint = french != nil
                    ? Bilingual(fr: "les clés s’écrivent en anglais\u{A0}: «\u{A0}\(pair.key)\u{A0}» s’écrit «\u{A0}\(near)\u{A0}»\u{A0}; écrivez\u{A0}: \(corrected.shownAsHint)",
                                en: "keys are written in English: '\(pair.key)' is '\(near)'; write: \(corrected.shownAsHint)")
                    : Bilingual(fr: "vouliez-vous dire «\u{A0}\(near)\u{A0}»\u{A0}? écrivez\u{A0}: \(corrected.shownAsHint)",
                                en: "did you mean '\(near)'? write: \(corrected.shownAsHint)")
                fix = Fix(start: pair.keyLocation, end: keyEnd, replacement: near)
            } else {
                hint = Suggestions.hint(for: pair.key, in: allowed, listName: Bilingual(fr: "clés possibles", en: "allowed keys"))
            }
            collector.error("key-unknown", pair.keyLocation,
                            Bilingual(fr: "clé inconnue «\u{A0}\(pair.key)\u{A0}» dans \(what.fr)", en: "unknown key '\(pair.key)' in \(what.en)"),
                            hint: hint, end: keyEnd, fix: fix)
        }
    }

    /// True when `line` holds `key` at 1-based `column` (columns in Unicode scalars).
    static func keyStarts(_ line: String, _ key: String, at column: Int) -> Bool {
        let scalars = Array(line.unicodeScalars)
        let keyScalars = Array(key.unicodeScalars)
        let start = column - 1
        guard start >= 0, start + keyScalars.count <= scalars.count else { return false }
        return Array(scalars[start..<(start + keyScalars.count)]) == keyScalars
    }

    /// `line` with `count` scalars from 1-based `column` replaced by `text`.
    static func replacing(_ line: String, from column: Int, count: Int, with text: String) -> String {
        var scalars = Array(line.unicodeScalars)
        scalars.replaceSubrange((column - 1)..<(column - 1 + count), with: Array(text.unicodeScalars))
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    public var location: SourceLocation { node.location }

    /// The value under `key`, nil when absent or written as null.
    public func value(_ key: String) -> YAMLNode? {
        guard let value = node[key], !value.isNull else { return nil }
        return value
    }

    public func has(_ key: String) -> Bool { value(key) != nil }

    public func keyLocation(_ key: String) -> SourceLocation {
        node.pairs?.first { $0.key == key }?.keyLocation ?? node.location
    }

    /// A date written day/month/year as in French (« 14/02/2023 », « 14-02-2023 », « 14.02.2023 »), as year-month-day,
    /// when that day exists.
    static func frenchDate(_ text: String) -> String? {
        let parts = text.trimmingCharacters(in: " ").split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" })
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
              let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        let iso = String(format: "%04d-%02d-%02d", year, month, day)
        return Day(iso: iso) == nil ? nil : iso
    }

    /// « et non « deux mille » » / "found 'deux mille'": what the author wrote, in a wrong-type message.
    static func found(_ value: YAMLNode) -> Bilingual {
        if let text = value.scalar {
            if value.isNull { return Bilingual(fr: ", mais la valeur est vide", en: ", found nothing") }
            return Bilingual(fr: ", et non «\u{A0}\(text)\u{A0}»", en: ", found '\(text)'")
        }
        return Bilingual(fr: ", et non \(value.typeName.fr)", en: ", found \(value.typeName.en)")
    }

    private func wrongType(_ key: String, _ value: YAMLNode, expected: Bilingual, example: String? = nil) {
        collector.error("value-type", value.location,
                        Bilingual(fr: "«\u{A0}\(key)\u{A0}» doit être \(expected.fr)", en: "'\(key)' must be \(expected.en)") + Self.found(value),
                        hint: example.map { Bilingual(fr: "écrivez une valeur de la forme «\u{A0}\(key): \($0)\u{A0}»", en: "write it as \(key): \($0)") })
    }

    public func missing(_ key: String, example: String) {
        // `montant: 50000` has been reported as « montant » s’écrit « amount », with the line rewritten: the missing
        // `amount` is the same mistake.
        if suggested.contains(key) { return }
        collector.error("key-missing", node.location,
                        Bilingual(fr: "clé obligatoire «\u{A0}\(key)\u{A0}» absente dans \(what.fr)", en: "missing required key '\(key)' in \(what.en)"),
                        hint: Bilingual(fr: "ajoutez une ligne «\u{A0}\(key): \(example)\u{A0}» (avec votre propre valeur)",
                                        en: "add a line such as \(key): \(example)"))
    }

    public func string(_ key: String, required example: String? = nil) -> String? {
        guard let value = value(key) else {
            if let example { missing(key, example: example) }
            return nil
        }
        guard let text = value.scalar else {
            wrongType(key, value, expected: Bilingual(fr: "un texte", en: "text"), example: example ?? "\"…\"")
            return nil
        }
        return text
    }

    /// A link address. One pasted without its scheme ("www.example.org") would be a broken relative link:
    /// it is published with https:// and a warning says so.
    public func url(_ key: String, required example: String? = nil) -> String? {
        guard let text = string(key, required: example) else { return nil }
        let trimmed = text.trimmingCharacters(in: " ")
        let lowered = trimmed.lowercased()
        let hasScheme = lowered.contains("://") || lowered.hasPrefix("mailto:") || lowered.hasPrefix("tel:")
        let firstSegment = lowered.split(separator: "/", maxSplits: 1).first ?? ""
        let looksLikeHost = lowered.hasPrefix("www.")
            || (firstSegment.contains(".") && !firstSegment.contains(" ") && !lowered.hasPrefix(".") && !lowered.hasSuffix(".html")
                && firstSegment.split(separator: ".").last.map { $0.count >= 2 && $0.allSatisfy(\.isLetter) } == true)
        guard !hasScheme, looksLikeHost, !lowered.hasPrefix("/"), !lowered.hasPrefix("#") else { return text }
        let location = value(key)?.location ?? node.location
        collector.warning("url-without-scheme", location,
                          Bilingual(fr: "«\u{A0}\(key)\u{A0}» ressemble à une adresse web sans https://\u{A0}: «\u{A0}\(text)\u{A0}»",
                                    en: "'\(key)' looks like a web address without https://: '\(text)'"),
                          hint: Bilingual(fr: "écrivez l’adresse en entier\u{A0}: \(key): https://\(trimmed) (en attendant, la page pointe vers https://\(trimmed))",
                                          en: "write it in full, https://\(trimmed); until then the page links to https://\(trimmed)"))
        return "https://" + trimmed
    }

    public func int(_ key: String, range: ClosedRange<Int>? = nil, example: String = "2002") -> Int? {
        guard let value = value(key) else { return nil }
        return Self.int(value, key: key, range: range, example: example, collector: collector)
    }

    static func int(_ value: YAMLNode, key: String, range: ClosedRange<Int>?, example: String, collector: DiagnosticCollector) -> Int? {
        guard let text = value.scalar, let number = Int(text.trimmingCharacters(in: " ")) else {
            // The author's own figure when it can be read for sure (`2O06` typed with the letter O, `trois`); otherwise
            // the form only, with an example said to be one.
            let hint: Bilingual
            if let text = value.scalar, let figure = Self.intTypos(text) {
                hint = Bilingual(fr: "écrivez-le en chiffres\u{A0}: \(key): \(figure)", en: "write it in figures: \(key): \(figure)")
            } else if let text = value.scalar, let year = Self.yearOfDate(text), range?.contains(year) ?? true {
                // `start: 2021-02-30`, `end: 03/2023`: a date where a year alone is expected; the author's year.
                hint = Bilingual(fr: "seule l’année s’écrit ici\u{A0}: \(key): \(year)", en: "only the year goes here: \(key): \(year)")
            } else {
                hint = Bilingual(fr: "écrivez-le en chiffres, par exemple «\u{A0}\(key): \(example)\u{A0}»", en: "write it in figures, e.g. \(key): \(example)")
            }
            collector.error("value-type", value.location,
                            Bilingual(fr: "«\u{A0}\(key)\u{A0}» doit être un nombre entier", en: "'\(key)' must be a whole number") + found(value),
                            hint: hint)
            return nil
        }
        if let range, !range.contains(number) {
            collector.error("value-out-of-range", value.location,
                            Bilingual(fr: "«\u{A0}\(key)\u{A0}» doit être compris entre \(range.lowerBound) et \(range.upperBound), et non \(number)",
                                      en: "'\(key)' must be between \(range.lowerBound) and \(range.upperBound), found \(number)"),
                            hint: Bilingual(fr: "vérifiez le nombre de chiffres de «\u{A0}\(key): \(text.trimmingCharacters(in: " "))\u{A0}»",
                                            en: "check the digits of \(key): \(text.trimmingCharacters(in: " "))"))
            return nil
        }
        return number
    }

    /// The year of a date written where a year alone is expected (`2021-02-30`, `2021-03`, `30/02/2021`, `03/2021`):
    /// the one group of four digits; nil for anything else.
    static func yearOfDate(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: " ").split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let years = parts.filter { $0.count == 4 }
        guard years.count == 1, parts.allSatisfy({ $0.count == 4 || $0.count <= 2 }),
              parts.first?.count == 4 || parts.last?.count == 4 else { return nil }
        return Int(years[0])
    }

    /// `2O06` (the letter O for a zero, l or I for a one) and the numbers from one to twelve in words, as figures;
    /// nil for anything else.
    static func intTypos(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: " ")
        let words = ["un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
                     "neuf": 9, "dix": 10, "onze": 11, "douze": 12]
        if let number = words[trimmed.lowercased()] { return number }
        guard trimmed.contains(where: \.isNumber), trimmed.count <= 6 else { return nil }
        let digits = String(trimmed.map { "oO".contains($0) ? "0" : "lI".contains($0) ? "1" : $0 })
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    public func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        switch value.scalar {
        case "true", "True", "TRUE", "yes", "oui": return true
        case "false", "False", "FALSE", "no", "non": return false
        default:
            collector.error("value-type", value.location,
                            Bilingual(fr: "«\u{A0}\(key)\u{A0}» doit valoir true ou false", en: "'\(key)' must be true or false") + Self.found(value),
                            hint: Bilingual(fr: "écrivez «\u{A0}\(key): true\u{A0}» (oui) ou «\u{A0}\(key): false\u{A0}» (non)",
                                            en: "write \(key): true or \(key): false"))
            return nil
        }
    }

    public func day(_ key: String) -> Day? {
        guard let value = value(key) else { return nil }
        guard let text = value.scalar else {
            wrongType(key, value, expected: Bilingual(fr: "une date", en: "a date"), example: "2014-01-10")
            return nil
        }
        guard let day = Day(iso: text.trimmingCharacters(in: " ")) else {
            if let iso = Self.frenchDate(text) {
                collector.error("date-invalid", value.location,
                                Bilingual(fr: "«\u{A0}\(key)\u{A0}» n’est pas une date valide\u{A0}: «\u{A0}\(text)\u{A0}»", en: "'\(key)' is not a valid date: '\(text)'"),
                                hint: Bilingual(fr: "écrivez la date sous la forme année-mois-jour\u{A0}: \(key): \(iso)",
                                                en: "write dates as year-month-day: \(key): \(iso)"),
                                end: AuthorHints.valueEnd(value))
                return nil
            }
            if let hint = DateHints.hint(text, key: key) {
                collector.error("date-invalid", value.location,
                                Bilingual(fr: "«\u{A0}\(key)\u{A0}» n’est pas une date valide\u{A0}: «\u{A0}\(text)\u{A0}»", en: "'\(key)' is not a valid date: '\(text)'"),
                                hint: hint, end: AuthorHints.valueEnd(value))
                return nil
            }
            collector.error("date-invalid", value.location,
                            Bilingual(fr: "«\u{A0}\(key)\u{A0}» n’est pas une date valide\u{A0}: «\u{A0}\(text)\u{A0}»", en: "'\(key)' is not a valid date: '\(text)'"),
                            hint: Bilingual(fr: "écrivez la date sous la forme année-mois-jour, par exemple «\u{A0}\(key): 2014-01-10\u{A0}», et vérifiez que ce jour existe",
                                            en: "write dates as year-month-day, e.g. \(key): 2014-01-10, and check the day exists"),
                            end: AuthorHints.valueEnd(value))
            return nil
        }
        return day
    }

    /// An amount in euros (see `NumberParser.amount`), never negative.
    public func amount(_ key: String) -> Double? {
        guard let value = value(key) else { return nil }
        return Self.amount(value, key: key, collector: collector)
    }

    static func amount(_ value: YAMLNode, key: String, collector: DiagnosticCollector) -> Double? {
        guard let text = value.scalar else {
            AuthorHints.notOneNumber(value, key: key, percent: false, collector)
            return nil
        }
        switch NumberParser.amount(text) {
        case .success(let number):
            return number
        case .failure(let failure):
            AuthorHints.numberRefused(failure, text: text, node: value, key: key, percent: false, collector)
            return nil
        }
    }

    /// A share written with a percent sign (`15%`, `14,5 %`), as a fraction between 0 and 1.
    public func share(_ key: String) -> Double? {
        guard let value = value(key) else { return nil }
        guard let text = value.scalar else {
            AuthorHints.notOneNumber(value, key: key, percent: true, collector)
            return nil
        }
        guard let parsed = NumberParser.share(text) else {
            AuthorHints.shareWithoutPercent(value, text: text, key: key, collector)
            return nil
        }
        switch parsed {
        case .success(let fraction) where fraction > 1:
            AuthorHints.shareOver100(value, text: text, key: key, collector)
            return nil
        case .success(let fraction):
            return fraction
        case .failure(let failure):
            AuthorHints.numberRefused(failure, text: text, node: value, key: key, percent: true, collector)
            return nil
        }
    }

    public func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required example: String? = nil) -> E?
    where E.RawValue == String {
        guard let value = value(key) else {
            if let example { missing(key, example: example) }
            return nil
        }
        let allowed = E.allCases.map(\.rawValue)
        guard let text = value.scalar else {
            wrongType(key, value, expected: Bilingual(fr: "l’une des valeurs \(allowed.joined(separator: ", "))",
                                                      en: "one of \(allowed.joined(separator: ", "))"))
            return nil
        }
        guard let result = E(rawValue: text) else {
            let valueEnd = SourceLocation(line: value.location.line, column: value.location.column + text.unicodeScalars.count)
            var fix: Fix?
            var hint = Suggestions.hint(for: text, in: allowed, listName: Bilingual(fr: "valeurs possibles", en: "valid values"))
            let french = FrenchValues.value(for: text, in: allowed)
            if let french, !(value.isPlain && node.sourceLine(value.location.line).map({ Self.keyStarts($0, text, at: value.location.column) }) == true) {
                hint = Bilingual(fr: "«\u{A0}\(text)\u{A0}» s’écrit «\u{A0}\(french)\u{A0}»\u{A0}: écrivez\u{A0}: \(key): \(french)",
                                 en: "'\(text)' is written '\(french)': write: \(key): \(french)")
            }
            if let near = french ?? Suggestions.closest(to: text, in: allowed), value.isPlain,
               let line = node.sourceLine(value.location.line), Self.keyStarts(line, text, at: value.location.column) {
                let corrected = Self.replacing(line, from: value.location.column, count: text.unicodeScalars.count, with: near)
                hint = french == nil
                    ? Bilingual(fr: "vouliez-vous dire «\u{A0}\(near)\u{A0}»\u{A0}? écrivez\u{A0}: \(corrected.shownAsHint)",
                                en: "did you mean '\(near)'? write: \(corrected.shownAsHint)")
                    : Bilingual(fr: "«\u{A0}\(text)\u{A0}» s’écrit «\u{A0}\(near)\u{A0}»\u{A0}: écrivez\u{A0}: \(corrected.shownAsHint)",
                                en: "'\(text)' is written '\(near)': write: \(corrected.shownAsHint)")
                fix = Fix(start: value.location, end: valueEnd, replacement: near)
            }
            collector.error("value-not-allowed", value.location,
                            Bilingual(fr: "«\u{A0}\(text)\u{A0}» n’est pas une valeur possible pour «\u{A0}\(key)\u{A0}»", en: "'\(text)' is not a valid \(key)"),
                            hint: hint, end: valueEnd, fix: fix)
            return nil
        }
        return result
    }

    /// A list of strings; a single string is accepted as a list of one.
    public func strings(_ key: String) -> [String] {
        guard let value = value(key) else { return [] }
        if let text = value.scalar { return [text] }
        guard let items = value.items else {
            wrongType(key, value, expected: Bilingual(fr: "une liste de textes", en: "a list of texts"), example: "[\"...\", \"...\"]")
            return []
        }
        return items.compactMap { item in
            guard let text = item.scalar, !item.isNull else {
                collector.error("value-type", item.location,
                                Bilingual(fr: "chaque élément de «\u{A0}\(key)\u{A0}» doit être un texte, et non \(item.typeName.fr)",
                                          en: "each item of '\(key)' must be text, found \(item.typeName.en)"))
                return nil
            }
            return text
        }
    }

    public func reference(_ key: String) -> Reference? {
        guard let value = value(key) else { return nil }
        guard let text = value.scalar else {
            wrongType(key, value, expected: Bilingual(fr: "un identifiant", en: "an id"), example: "region-rhone-alpes")
            return nil
        }
        return Reference(text, at: value.location)
    }

    /// A list of ids; a single id is accepted as a list of one.
    public func references(_ key: String) -> [Reference] {
        guard let value = value(key) else { return [] }
        if let text = value.scalar { return [Reference(text, at: value.location)] }
        guard let items = value.items else {
            wrongType(key, value, expected: Bilingual(fr: "une liste d’identifiants", en: "a list of ids"), example: "[insertion, developpement-local]")
            return []
        }
        return items.compactMap { item in
            guard let text = item.scalar, !item.isNull else {
                collector.error("value-type", item.location,
                                Bilingual(fr: "chaque élément de «\u{A0}\(key)\u{A0}» doit être un identifiant, et non \(item.typeName.fr)",
                                          en: "each item of '\(key)' must be an id, found \(item.typeName.en)"))
                return nil
            }
            return Reference(text, at: item.location)
        }
    }

    /// The items of a list; a single mapping is accepted as a list of one ("budget: one line").
    public func list(_ key: String) -> [YAMLNode] {
        guard let value = value(key) else { return [] }
        if let items = value.items { return items }
        if value.pairs != nil { return [value] }
        wrongType(key, value, expected: Bilingual(fr: "une liste", en: "a list"), example: "[...]")
        return []
    }

    /// Reads a nested mapping under `key`.
    public func mapping(_ key: String, what: Bilingual, allowed: [String]) -> MappingReader? {
        guard let value = value(key) else { return nil }
        return MappingReader(value, collector, what: what, allowed: allowed)
    }
}

extension String {
    /// The line without its indentation, as a hint quotes it.
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }

    /// A rewritten line as a hint shows it: without its indentation, and without a trailing `# comment` (a skeleton's
    /// `type: private # à choisir…` is shown `type: private`). A `#` inside quotes, or glued to text, is kept.
    var shownAsHint: String {
        var quote: Character?
        var previous: Character = " "
        var cut = endIndex
        for index in indices {
            let character = self[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if (character == "\"" || character == "'") && " \t[{,:".contains(previous) {
                quote = character
            } else if character == "#" && (previous == " " || previous == "\t") {
                cut = index
                break
            }
            previous = character
        }
        var line = String(self[..<cut])
        while let last = line.last, last == " " || last == "\t" { line.removeLast() }
        return line.trimmingLeadingSpaces
    }
}
