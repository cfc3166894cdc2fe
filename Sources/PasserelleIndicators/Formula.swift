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
    public var offset: Int
    public var message: String
    public var hint: String?

    public init(offset: Int, message: String, hint: String? = nil) {
        self.offset = offset
        self.message = message
        self.hint = hint
    }
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
            return .failure(FormulaError(offset: 0, message: "formula too long: \(text.count) characters, the limit is \(maxLength)",
                                         hint: "split it into several indicators"))
        }
        var parser = FormulaParser(characters: Array(text), metrics: metrics)
        do {
            let formula = try parser.expression()
            parser.skipSpaces()
            if parser.position < parser.characters.count {
                throw FormulaError(offset: parser.position, message: "unexpected '\(parser.characters[parser.position])' in formula",
                                   hint: "operators are + - * / and parentheses")
            }
            return .success(formula)
        } catch let error as FormulaError {
            return .failure(error)
        } catch {
            return .failure(FormulaError(offset: 0, message: "formula could not be read"))
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
            throw FormulaError(offset: position, message: "formula has more than 256 operators",
                               hint: "split it into several indicators")
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
            throw FormulaError(offset: position, message: "formula nested more than \(Self.maxDepth) levels deep",
                               hint: "remove parentheses or split the formula into several indicators")
        }
        skipSpaces()
        guard let c = current else {
            throw FormulaError(offset: position, message: "formula ends too early", hint: "a number, a path or '(' is missing at the end")
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
                throw FormulaError(offset: position, message: "missing ')' for the '(' at character \(open + 1)")
            }
            position += 1
            return inner
        }
        if c.isNumber {
            let start = position
            while let d = current, d.isNumber || d == "." { position += 1 }
            guard let value = Double(String(characters[start..<position])) else {
                throw FormulaError(offset: start, message: "'\(String(characters[start..<position]))' is not a number")
            }
            return .number(value)
        }
        if c.isLetter || c == "_" {
            let start = position
            let name = identifier()
            skipSpaces()
            if current == "(" {
                guard let function = FormulaFunction(rawValue: name) else {
                    throw FormulaError(offset: start, message: "unknown function '\(name)'",
                                       hint: Suggestions.hint(for: name, in: FormulaFunction.allCases.map(\.rawValue), listName: "functions"))
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
                    throw FormulaError(offset: position, message: "missing ')' after the arguments of \(name)")
                }
                if arguments.isEmpty {
                    throw FormulaError(offset: start, message: "\(name)() needs at least one argument")
                }
                return .call(function, arguments)
            }
            return .path(try path(head: name, start: start))
        }
        throw FormulaError(offset: position, message: "unexpected '\(c)' in formula", hint: "a number, a path such as budget.annual, or '(' was expected")
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
            throw FormulaError(offset: start, message: "count() counts a list: '\(name)' is not one",
                               hint: Suggestions.hint(for: name, in: FormulaPath.collections, listName: "lists"))
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
                throw FormulaError(offset: yearStart, message: "results[…] takes a year, e.g. results[2002].people_accompanied")
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
                throw FormulaError(offset: segmentStart, message: "a name is missing after '.'")
            }
            segments.append((segment, segmentStart))
        }
        let names = segments.map(\.0)
        func unknown(_ offset: Int, _ message: String, _ candidates: [String]) -> FormulaError {
            FormulaError(offset: offset, message: message, hint: Suggestions.hint(for: names.last ?? head, in: candidates, listName: "known names"))
        }
        switch head {
        case "budget":
            let allowed = ["annual": FormulaPath.budgetAnnual, "total": .budgetTotal, "investment": .budgetInvestment]
            guard names.count == 1, let path = allowed[names[0]] else {
                throw unknown(start, "unknown path '\(text(from: start))'", allowed.keys.sorted().map { "budget.\($0)" })
            }
            return path
        case "funding":
            let single: [String: FormulaPath] = ["total": .fundingTotal, "public": .fundingPublic, "per_year": .fundingPerYear,
                                                 "public_per_year": .fundingPublicPerYear, "one_off": .fundingOneOff,
                                                 "public_one_off": .fundingPublicOneOff]
            if names.count == 1, let path = single[names[0]] { return path }
            if names.count == 2, names[0] == "by_type" || names[0] == "share" {
                guard let type = OrganisationType(rawValue: names[1]) else {
                    throw FormulaError(offset: segments[1].1, message: "unknown funder type '\(names[1])'",
                                       hint: Suggestions.hint(for: names[1], in: OrganisationType.allCases.map(\.rawValue), listName: "funder types"))
                }
                return names[0] == "by_type" ? .fundingByType(type) : .fundingShare(type)
            }
            throw unknown(start, "unknown path '\(text(from: start))'", single.keys.sorted().map { "funding.\($0)" } + ["funding.by_type.region", "funding.share.region"])
        case "results", "targets":
            guard let (metric, metricStart) = segments.first else {
                throw FormulaError(offset: start, message: "'\(head)' needs a metric, e.g. \(head).people_accompanied")
            }
            guard metrics.contains(metric) else {
                throw FormulaError(offset: metricStart, message: "unknown metric '\(metric)' in formula",
                                   hint: Suggestions.hint(for: metric, in: metrics.sorted(), listName: "metrics"))
            }
            if head == "targets" {
                guard segments.count == 1 else { throw FormulaError(offset: start, message: "unknown path '\(text(from: start))'") }
                return .target(metric: metric)
            }
            if segments.count == 1 { return .result(metric: metric, year: year, part: nil) }
            guard segments.count == 3, names[1] == "parts" else {
                throw FormulaError(offset: segments[1].1, message: "unknown path '\(text(from: start))'",
                                   hint: "write results.\(metric) or results.\(metric).parts.<label>")
            }
            return .result(metric: metric, year: year, part: names[2])
        default:
            throw FormulaError(offset: start, message: "unknown path '\(text(from: start))'",
                               hint: Suggestions.hint(for: head, in: ["budget", "funding", "results", "targets"], listName: "paths start with"))
        }
    }

    private func text(from start: Int) -> String {
        String(characters[start..<position])
    }
}
