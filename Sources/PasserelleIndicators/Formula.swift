import PasserelleModel

/// A path into a card's data, as formulas name it (`results.people_accompanied`).
public enum FormulaPath: Sendable, Hashable, CustomStringConvertible {
    case budgetAnnual, budgetTotal, budgetInvestment
    /// Every known funding amount as written, and its public part (when the lines share one horizon).
    case fundingTotal, fundingPublic
    /// Funding brought to one year (yearly lines, multi-year lines ÷ years), and its public part.
    case fundingPerYear, fundingPublicPerYear
    /// One-off funding, and its public part.
    case fundingOneOff, fundingPublicOneOff
    case fundingByType(OrganisationType)
    case fundingShare(OrganisationType)
    /// `results.<metric>` (latest year) or `results[year].<metric>`, optionally one part of its breakdown.
    case result(metric: String, year: Int?, part: String?)
    case target(metric: String)
    /// A collection for `count(...)`.
    case collection(String)

    public var description: String {
        switch self {
        case .budgetAnnual: return "budget.annual"
        case .budgetTotal: return "budget.total"
        case .budgetInvestment: return "budget.investment"
        case .fundingTotal: return "funding.total"
        case .fundingPublic: return "funding.public"
        case .fundingPerYear: return "funding.per_year"
        case .fundingPublicPerYear: return "funding.public_per_year"
        case .fundingOneOff: return "funding.one_off"
        case .fundingPublicOneOff: return "funding.public_one_off"
        case .fundingByType(let type): return "funding.by_type.\(type.rawValue)"
        case .fundingShare(let type): return "funding.share.\(type.rawValue)"
        case let .result(metric, year, part):
            let head = year.map { "results[\($0)]" } ?? "results"
            return "\(head).\(metric)" + (part.map { ".parts.\($0)" } ?? "")
        case .target(let metric): return "targets.\(metric)"
        case .collection(let name): return name
        }
    }

    /// The metric this path reads, if any (for labels in "not available" reasons).
    public var metric: String? {
        switch self {
        case .result(let metric, _, _), .target(let metric): return metric
        default: return nil
        }
    }

    static let collections = ["funding", "budget", "results", "partners", "value_chains", "contacts", "objectives"]
}

public enum FormulaFunction: String, Sendable, Hashable, CaseIterable {
    case sum, min, max, coalesce, count
}

/// A parsed formula.
public indirect enum Formula: Sendable, Hashable {
    case number(Double)
    case path(FormulaPath)
    case negate(Formula)
    case binary(Operator, Formula, Formula)
    case call(FormulaFunction, [Formula])

    public enum Operator: Character, Sendable, Hashable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
    }

    /// Every path the formula reads.
    public var paths: [FormulaPath] {
        switch self {
        case .number: return []
        case .path(let path): return [path]
        case .negate(let inner): return inner.paths
        case .binary(_, let lhs, let rhs): return lhs.paths + rhs.paths
        case .call(_, let arguments): return arguments.flatMap(\.paths)
        }
    }
}

/// A formula error: what is wrong and at which character of the formula (0-based).
public struct FormulaError: Error, Sendable, Equatable {
    /// The diagnostic's rule code (`formula-unknown-metric`…).
    public var rule: String
    public var offset: Int
    public var text: Bilingual
    public var help: Bilingual?

    public init(_ rule: String, offset: Int, _ text: Bilingual, hint: Bilingual? = nil) {
        self.rule = rule
        self.offset = offset
        self.text = text
        self.help = hint
    }

    /// The message in French.
    public var message: String { text.fr }
    /// The hint in French.
    public var hint: String? { help?.fr }
}

/// Parses the small formula language of `indicators.yml`: numbers, paths, + - * /, parentheses, functions.
public struct FormulaParser {
    private let characters: [Character]
    private var position = 0
    private var depth = 0
    private let metrics: Set<String>

    /// Longer formulas, or deeper nesting, are refused: no indicator needs them, and they could exhaust the stack.
    public static let maxLength = 2_000
    public static let maxDepth = 64

    /// `metrics` are the ids a path may name after `results.` or `targets.`.
    public static func parse(_ text: String, metrics: Set<String>) -> Result<Formula, FormulaError> {
        if text.count > maxLength {
            return .failure(FormulaError("formula-too-complex", offset: 0,
                                         Bilingual(fr: "formule trop longue\u{A0}: \(text.count) caractères, la limite est de \(maxLength)",
                                                   en: "formula too long: \(text.count) characters, the limit is \(maxLength)"),
                                         hint: Bilingual(fr: "coupez-la en plusieurs indicateurs", en: "split it into several indicators")))
        }
        var parser = FormulaParser(characters: Array(text), metrics: metrics)
        do {
            let formula = try parser.expression()
            parser.skipSpaces()
            if parser.position < parser.characters.count {
                let character = parser.characters[parser.position]
                throw FormulaError("formula-syntax", offset: parser.position,
                                   Bilingual(fr: "«\u{A0}\(character)\u{A0}» inattendu dans la formule", en: "unexpected '\(character)' in formula"),
                                   hint: Bilingual(fr: "les opérations sont + - * / et les parenthèses", en: "operators are + - * / and parentheses"))
            }
            return .success(formula)
        } catch let error as FormulaError {
            return .failure(error)
        } catch {
            return .failure(FormulaError("formula-syntax", offset: 0, Bilingual(fr: "la formule ne peut pas être lue", en: "formula could not be read")))
        }
    }

    private init(characters: [Character], metrics: Set<String>) {
        self.characters = characters
        self.metrics = metrics
    }

    private var current: Character? { position < characters.count ? characters[position] : nil }

    private mutating func skipSpaces() {
        while let c = current, c == " " { position += 1 }
    }

    private var operators = 0

    /// Counts operators: a left-deep chain of thousands of `+ 0` would be as deep as nested parentheses.
    private mutating func countOperator() throws {
        operators += 1
        if operators > 256 {
            throw FormulaError("formula-too-complex", offset: position,
                               Bilingual(fr: "la formule a plus de 256 opérations", en: "formula has more than 256 operators"),
                               hint: Bilingual(fr: "coupez-la en plusieurs indicateurs", en: "split it into several indicators"))
        }
    }

    private mutating func expression() throws -> Formula {
        var lhs = try term()
        while true {
            skipSpaces()
            guard let c = current, c == "+" || c == "-" else { return lhs }
            try countOperator()
            position += 1
            let rhs = try term()
            lhs = .binary(c == "+" ? .add : .subtract, lhs, rhs)
        }
    }

    private mutating func term() throws -> Formula {
        var lhs = try factor()
        while true {
            skipSpaces()
            guard let c = current, c == "*" || c == "/" else { return lhs }
            try countOperator()
            position += 1
            let rhs = try factor()
            lhs = .binary(c == "*" ? .multiply : .divide, lhs, rhs)
        }
    }

    private mutating func factor() throws -> Formula {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            throw FormulaError("formula-too-complex", offset: position,
                               Bilingual(fr: "la formule est imbriquée sur plus de \(Self.maxDepth) niveaux", en: "formula nested more than \(Self.maxDepth) levels deep"),
                               hint: Bilingual(fr: "supprimez des parenthèses ou coupez la formule en plusieurs indicateurs",
                                               en: "remove parentheses or split the formula into several indicators"))
        }
        skipSpaces()
        guard let c = current else {
            throw FormulaError("formula-syntax", offset: position, Bilingual(fr: "la formule s’arrête trop tôt", en: "formula ends too early"),
                               hint: Bilingual(fr: "il manque à la fin un nombre, un chemin ou une «\u{A0}(\u{A0}»", en: "a number, a path or '(' is missing at the end"))
        }
        if c == "-" {
            position += 1
            return .negate(try factor())
        }
        if c == "(" {
            let open = position
            position += 1
            let inner = try expression()
            skipSpaces()
            guard current == ")" else {
                throw FormulaError("formula-syntax", offset: position,
                                   Bilingual(fr: "il manque la «\u{A0})\u{A0}» qui ferme la «\u{A0}(\u{A0}» du caractère \(open + 1)", en: "missing ')' for the '(' at character \(open + 1)"),
                                   hint: Bilingual(fr: "ajoutez la «\u{A0})\u{A0}» qui ferme cette parenthèse", en: "add the ')' that closes it"))
            }
            position += 1
            return inner
        }
        if c.isNumber {
            let start = position
            while let d = current, d.isNumber || d == "." { position += 1 }
            guard let value = Double(String(characters[start..<position])) else {
                let written = String(characters[start..<position])
                throw FormulaError("formula-syntax", offset: start,
                                   Bilingual(fr: "«\u{A0}\(written)\u{A0}» n’est pas un nombre", en: "'\(written)' is not a number"),
                                   hint: Bilingual(fr: "dans une formule, les nombres s’écrivent sans espace, avec un point décimal\u{A0}: 12.5",
                                                   en: "write numbers without spaces, with a decimal point: 12.5"))
            }
            return .number(value)
        }
        if c.isLetter || c == "_" {
            let start = position
            let name = identifier()
            skipSpaces()
            if current == "(" {
                guard let function = FormulaFunction(rawValue: name) else {
                    throw FormulaError("formula-unknown-function", offset: start,
                                       Bilingual(fr: "fonction inconnue «\u{A0}\(name)\u{A0}»", en: "unknown function '\(name)'"),
                                       hint: Suggestions.hint(for: name, in: FormulaFunction.allCases.map(\.rawValue),
                                                              listName: Bilingual(fr: "fonctions possibles", en: "functions")))
                }
                position += 1
                var arguments: [Formula] = []
                skipSpaces()
                if current != ")" {
                    repeat {
                        if function == .count {
                            arguments.append(try countArgument())
                        } else {
                            arguments.append(try expression())
                        }
                        skipSpaces()
                    } while consume(",")
                }
                guard consume(")") else {
                    throw FormulaError("formula-syntax", offset: position,
                                       Bilingual(fr: "il manque la «\u{A0})\u{A0}» après les arguments de \(name)", en: "missing ')' after the arguments of \(name)"),
                                       hint: Bilingual(fr: "fermez la parenthèse\u{A0}: \(name)(…)", en: "close the parenthesis: \(name)(…)"))
                }
                if arguments.isEmpty {
                    throw FormulaError("formula-syntax", offset: start,
                                       Bilingual(fr: "\(name)() demande au moins un argument", en: "\(name)() needs at least one argument"),
                                       hint: Bilingual(fr: "écrivez entre les parenthèses ce qu’il faut calculer, par exemple \(name)(budget.annual)",
                                                       en: "write what to compute between the parentheses, e.g. \(name)(budget.annual)"))
                }
                return .call(function, arguments)
            }
            return .path(try path(head: name, start: start))
        }
        throw FormulaError("formula-syntax", offset: position,
                           Bilingual(fr: "«\u{A0}\(c)\u{A0}» inattendu dans la formule", en: "unexpected '\(c)' in formula"),
                           hint: Bilingual(fr: "un nombre, un chemin comme budget.annual, ou une «\u{A0}(\u{A0}» était attendu ici",
                                           en: "a number, a path such as budget.annual, or '(' was expected"))
    }

    private mutating func consume(_ c: Character) -> Bool {
        skipSpaces()
        guard current == c else { return false }
        position += 1
        return true
    }

    private mutating func identifier() -> String {
        let start = position
        while let c = current, c.isLetter || c.isNumber || c == "_" { position += 1 }
        return String(characters[start..<position])
    }

    private mutating func countArgument() throws -> Formula {
        skipSpaces()
        let start = position
        let name = identifier()
        guard FormulaPath.collections.contains(name) else {
            throw FormulaError("formula-count-not-list", offset: start,
                               Bilingual(fr: "count() compte une liste\u{A0}: «\u{A0}\(name)\u{A0}» n’en est pas une", en: "count() counts a list: '\(name)' is not one"),
                               hint: Suggestions.hint(for: name, in: FormulaPath.collections, listName: Bilingual(fr: "listes possibles", en: "lists")))
        }
        return .path(.collection(name))
    }

    /// Reads `.segment` parts after a head identifier and checks them against what cards hold.
    private mutating func path(head: String, start: Int) throws -> FormulaPath {
        var year: Int?
        if head == "results", current == "[" {
            position += 1
            let yearStart = position
            while let c = current, c.isNumber { position += 1 }
            guard let value = Int(String(characters[yearStart..<position])), current == "]" else {
                throw FormulaError("formula-syntax", offset: yearStart,
                                   Bilingual(fr: "results[…] prend une année entre les crochets", en: "results[…] takes a year, e.g. results[2002].people_accompanied"),
                                   hint: Bilingual(fr: "écrivez par exemple results[2002].people_accompanied", en: "write e.g. results[2002].people_accompanied"))
            }
            year = value
            position += 1
        }
        var segments: [(String, Int)] = []
        while current == "." {
            position += 1
            let segmentStart = position
            let segment = identifier()
            guard !segment.isEmpty else {
                throw FormulaError("formula-syntax", offset: segmentStart,
                                   Bilingual(fr: "il manque un nom après le «\u{A0}.\u{A0}»", en: "a name is missing after '.'"),
                                   hint: Bilingual(fr: "écrivez le nom collé au point, par exemple budget.annual", en: "write the name right after the dot, e.g. budget.annual"))
            }
            segments.append((segment, segmentStart))
        }
        let names = segments.map(\.0)
        func unknownPath(_ offset: Int) -> Bilingual {
            Bilingual(fr: "chemin inconnu «\u{A0}\(text(from: start))\u{A0}»", en: "unknown path '\(text(from: start))'")
        }
        func unknown(_ offset: Int, _ candidates: [String]) -> FormulaError {
            FormulaError("formula-unknown-path", offset: offset, unknownPath(offset),
                         hint: Suggestions.hint(for: names.last ?? head, in: candidates, listName: Bilingual(fr: "chemins possibles", en: "known names")))
        }
        switch head {
        case "budget":
            let allowed = ["annual": FormulaPath.budgetAnnual, "total": .budgetTotal, "investment": .budgetInvestment]
            guard names.count == 1, let path = allowed[names[0]] else {
                throw unknown(start, allowed.keys.sorted().map { "budget.\($0)" })
            }
            return path
        case "funding":
            let single: [String: FormulaPath] = ["total": .fundingTotal, "public": .fundingPublic, "per_year": .fundingPerYear,
                                                 "public_per_year": .fundingPublicPerYear, "one_off": .fundingOneOff,
                                                 "public_one_off": .fundingPublicOneOff]
            if names.count == 1, let path = single[names[0]] { return path }
            if names.count == 2, names[0] == "by_type" || names[0] == "share" {
                guard let type = OrganisationType(rawValue: names[1]) else {
                    throw FormulaError("formula-unknown-funder-type", offset: segments[1].1,
                                       Bilingual(fr: "type de financeur inconnu «\u{A0}\(names[1])\u{A0}»", en: "unknown funder type '\(names[1])'"),
                                       hint: Suggestions.hint(for: names[1], in: OrganisationType.allCases.map(\.rawValue),
                                                              listName: Bilingual(fr: "types de financeur", en: "funder types")))
                }
                return names[0] == "by_type" ? .fundingByType(type) : .fundingShare(type)
            }
            throw unknown(start, single.keys.sorted().map { "funding.\($0)" } + ["funding.by_type.region", "funding.share.region"])
        case "results", "targets":
            guard let (metric, metricStart) = segments.first else {
                throw FormulaError("formula-unknown-path", offset: start,
                                   Bilingual(fr: "«\u{A0}\(head)\u{A0}» doit être suivi d’une mesure", en: "'\(head)' needs a metric, e.g. \(head).people_accompanied"),
                                   hint: Bilingual(fr: "écrivez par exemple \(head).people_accompanied", en: "write e.g. \(head).people_accompanied"))
            }
            guard metrics.contains(metric) else {
                throw FormulaError("formula-unknown-metric", offset: metricStart,
                                   Bilingual(fr: "mesure inconnue «\u{A0}\(metric)\u{A0}» dans la formule", en: "unknown metric '\(metric)' in formula"),
                                   hint: Suggestions.hint(for: metric, in: metrics.sorted(), listName: Bilingual(fr: "mesures déclarées", en: "metrics")))
            }
            if head == "targets" {
                guard segments.count == 1 else {
                    throw FormulaError("formula-unknown-path", offset: start, unknownPath(start),
                                       hint: Bilingual(fr: "écrivez targets.\(metric)", en: "write targets.\(metric)"))
                }
                return .target(metric: metric)
            }
            if segments.count == 1 { return .result(metric: metric, year: year, part: nil) }
            guard segments.count == 3, names[1] == "parts" else {
                throw FormulaError("formula-unknown-path", offset: segments[1].1, unknownPath(start),
                                   hint: Bilingual(fr: "écrivez results.\(metric) ou results.\(metric).parts.<libellé>",
                                                   en: "write results.\(metric) or results.\(metric).parts.<label>"))
            }
            return .result(metric: metric, year: year, part: names[2])
        default:
            throw FormulaError("formula-unknown-path", offset: start, unknownPath(start),
                               hint: Suggestions.hint(for: head, in: ["budget", "funding", "results", "targets"],
                                                      listName: Bilingual(fr: "débuts de chemin possibles", en: "paths start with")))
        }
    }

    private func text(from start: Int) -> String {
        String(characters[start..<position])
    }
}
