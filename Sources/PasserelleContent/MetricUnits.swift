import Foundation
import PasserelleModel

/// Result values checked against the unit of their metric in `indicators.yml`: a sum in euros (`50 k€`) given for a
/// count of people or jobs would otherwise be read as that many people (50 000).
enum MetricUnits {
    /// Every value of every result block of a card's front matter (`results:`, one block or a list of blocks).
    static func check(_ front: YAMLNode, dictionary: MetricDictionary, _ c: DiagnosticCollector) {
        guard let results = front["results"] else { return }
        for block in results.items ?? [results] {
            for pair in block.pairs ?? [] where pair.key != "year" && pair.key != "period" {
                guard let metric = dictionary.metric(pair.key), metric.unit != .EUR else { continue }
                for value in scalars(pair.value) { checkValue(value, key: pair.key, unit: metric.unit, c) }
            }
        }
    }

    /// The numbers of a value: itself, or those of {value, approx}, {min, max} and {total, parts}.
    static func scalars(_ node: YAMLNode) -> [YAMLNode] {
        if node.scalar != nil { return [node] }
        var found: [YAMLNode] = []
        for pair in node.pairs ?? [] {
            switch pair.key {
            case "value", "min", "max", "total": if pair.value.scalar != nil { found.append(pair.value) }
            case "parts": found += (pair.value.pairs ?? []).map(\.value).filter { $0.scalar != nil }
            default: break
            }
        }
        return found
    }

    /// True when the text names euros: `€`, `EUR`, `euro(s)`, `d’euros`.
    static func namesEuros(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.contains("€") || lower.range(of: #"(^|[\s\d’'])(eur|euros?)$"#, options: .regularExpression) != nil
            || lower.range(of: #"(^|[\s\d])(eur|euros?)\s"#, options: .regularExpression) != nil
    }

    static func checkValue(_ node: YAMLNode, key: String, unit: MeasureUnit, _ c: DiagnosticCollector) {
        guard let text = node.scalar else { return }
        // People come whole: `12,5` people is a typing slip more often than an average. A warning, never a rewrite:
        // the figure to write is in the source document, not in the value (jobs may be full-time equivalents).
        if unit == .people, !namesEuros(text), case .success(let value) = NumberParser.amount(text), value.isFinite,
           value != value.rounded() {
            c.warning("metric-people-fraction", node.location,
                      Bilingual(fr: AuthorHints.typo("« \(key) » compte des personnes, mais « \(text) » n’est pas un nombre entier"),
                                en: "'\(key)' counts people, but '\(text)' is not a whole number"),
                      hint: Bilingual(fr: AuthorHints.typo("vérifiez le chiffre dans le document source : un nombre de personnes s’écrit sans virgule (une moyenne se garde telle quelle, l’avertissement reste)"),
                                      en: "check the figure in the source document: a number of people has no decimals (an average is kept as it is, and the warning stays)"),
                      end: SourceLocation(line: node.location.line, column: node.location.column + text.unicodeScalars.count))
        }
        // A value that is no number at all (`97 000 € par an`) is already reported as such by the decoder.
        guard namesEuros(text), case .success(let value) = NumberParser.amount(text) else { return }
        let what = noun(unit)
        let message = Bilingual(
            fr: AuthorHints.typo("« \(key) » compte \(what.fr) (unité « \(unit.rawValue) » dans indicators.yml), mais « \(text) » est une somme en euros"),
            en: "'\(key)' counts \(what.en) (unit '\(unit.rawValue)' in indicators.yml), but '\(text)' is a sum in euros")
        let figure = PlainNumber.number(value)
        let hint = Bilingual(fr: AuthorHints.typo("si c’est bien un nombre, écrivez-le en entier, sans « € » : \(key): \(figure) ; si c’est une somme, elle va dans une mesure en euros ou dans budget:"),
                             en: "if it is indeed a number, write it in full, without '€': \(key): \(figure); if it is a sum, it belongs in a metric in euros or in budget:")
        c.error("metric-unit-euro", node.location, message, hint: hint)
    }

    static func noun(_ unit: MeasureUnit) -> Bilingual {
        switch unit {
        case .people: Bilingual(fr: "des personnes", en: "people")
        case .jobs: Bilingual(fr: "des emplois", en: "jobs")
        case .tonnes: Bilingual(fr: "des tonnes", en: "tonnes")
        case .hours: Bilingual(fr: "des heures", en: "hours")
        case .percent: Bilingual(fr: "un pourcentage", en: "a percentage")
        case .count, .number, .EUR: Bilingual(fr: "un nombre", en: "a number")
        }
    }
}
