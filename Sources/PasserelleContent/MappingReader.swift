import PasserelleModel

/// Collects the diagnostics of one file while its values are decoded.
public final class DiagnosticCollector {
    public let file: String
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String) {
        self.file = file
    }

    public func error(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(file, location, message, hint: hint))
    }

    public func warning(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(.warning(file, location, message, hint: hint))
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
    /// "a project", "a funding line": how messages name the thing being read.
    public let what: String

    /// Nil (with a diagnostic) when `node` is not a mapping. Keys not in `allowed` are reported with a suggestion.
    public init?(_ node: YAMLNode, _ collector: DiagnosticCollector, what: String, allowed: [String]) {
        guard let pairs = node.pairs else {
            collector.error(node.location, "\(what) must be a mapping (key: value lines), found \(node.typeDescription)")
            return nil
        }
        self.node = node
        self.collector = collector
        self.what = what
        for pair in pairs where !allowed.contains(pair.key) {
            collector.error(pair.keyLocation, "unknown key '\(pair.key)' in \(what)",
                            hint: Suggestions.hint(for: pair.key, in: allowed, listName: "allowed keys"))
        }
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

    private func wrongType(_ key: String, _ value: YAMLNode, expected: String, example: String? = nil) {
        let found = value.scalar.map { value.isNull ? "nothing" : "'\($0)'" } ?? value.typeDescription
        collector.error(value.location, "'\(key)' must be \(expected), found \(found)",
                        hint: example.map { "write it as \(key): \($0)" })
    }

    public func missing(_ key: String, example: String) {
        collector.error(node.location, "missing required key '\(key)' in \(what)", hint: "add a line such as \(key): \(example)")
    }

    public func string(_ key: String, required example: String? = nil) -> String? {
        guard let value = value(key) else {
            if let example { missing(key, example: example) }
            return nil
        }
        guard let text = value.scalar else {
            wrongType(key, value, expected: "text", example: example ?? "\"...\"")
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
        collector.warning(value(key)?.location ?? node.location, "'\(key)' looks like a web address without https://: '\(text)'",
                          hint: "write it in full, https://\(trimmed); until then the page links to https://\(trimmed)")
        return "https://" + trimmed
    }

    public func int(_ key: String, range: ClosedRange<Int>? = nil, example: String = "2002") -> Int? {
        guard let value = value(key) else { return nil }
        return Self.int(value, key: key, range: range, example: example, collector: collector)
    }

    static func int(_ value: YAMLNode, key: String, range: ClosedRange<Int>?, example: String, collector: DiagnosticCollector) -> Int? {
        guard let text = value.scalar, let number = Int(text.trimmingCharacters(in: " ")) else {
            collector.error(value.location, "'\(key)' must be a whole number, found \(value.scalar.map { "'\($0)'" } ?? value.typeDescription)",
                            hint: "write it as \(key): \(example)")
            return nil
        }
        if let range, !range.contains(number) {
            collector.error(value.location, "'\(key)' must be between \(range.lowerBound) and \(range.upperBound), found \(number)")
            return nil
        }
        return number
    }

    public func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        switch value.scalar {
        case "true", "True", "TRUE", "yes", "oui": return true
        case "false", "False", "FALSE", "no", "non": return false
        default:
            wrongType(key, value, expected: "true or false", example: "true")
            return nil
        }
    }

    public func day(_ key: String) -> Day? {
        guard let value = value(key) else { return nil }
        guard let text = value.scalar else {
            wrongType(key, value, expected: "a date", example: "2014-01-10")
            return nil
        }
        guard let day = Day(iso: text.trimmingCharacters(in: " ")) else {
            collector.error(value.location, "'\(key)' is not a valid date: '\(text)'",
                            hint: "write dates as year-month-day, e.g. \(key): 2014-01-10, and check the day exists")
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
            wrongType(key, value, expected: "one of \(allowed.joined(separator: ", "))")
            return nil
        }
        guard let result = E(rawValue: text) else {
            collector.error(value.location, "'\(text)' is not a valid \(key)",
                            hint: Suggestions.hint(for: text, in: allowed, listName: "valid values"))
            return nil
        }
        return result
    }

    /// A list of strings; a single string is accepted as a list of one.
    public func strings(_ key: String) -> [String] {
        guard let value = value(key) else { return [] }
        if let text = value.scalar { return [text] }
        guard let items = value.items else {
            wrongType(key, value, expected: "a list of texts", example: "[\"...\", \"...\"]")
            return []
        }
        return items.compactMap { item in
            guard let text = item.scalar, !item.isNull else {
                collector.error(item.location, "each item of '\(key)' must be text, found \(item.typeDescription)")
                return nil
            }
            return text
        }
    }

    public func reference(_ key: String) -> Reference? {
        guard let value = value(key) else { return nil }
        guard let text = value.scalar else {
            wrongType(key, value, expected: "an id", example: "region-rhone-alpes")
            return nil
        }
        return Reference(text, at: value.location)
    }

    /// A list of ids; a single id is accepted as a list of one.
    public func references(_ key: String) -> [Reference] {
        guard let value = value(key) else { return [] }
        if let text = value.scalar { return [Reference(text, at: value.location)] }
        guard let items = value.items else {
            wrongType(key, value, expected: "a list of ids", example: "[insertion, developpement-local]")
            return []
        }
        return items.compactMap { item in
            guard let text = item.scalar, !item.isNull else {
                collector.error(item.location, "each item of '\(key)' must be an id, found \(item.typeDescription)")
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
        wrongType(key, value, expected: "a list", example: "[...]")
        return []
    }

    /// Reads a nested mapping under `key`.
    public func mapping(_ key: String, what: String, allowed: [String]) -> MappingReader? {
        guard let value = value(key) else { return nil }
        return MappingReader(value, collector, what: what, allowed: allowed)
    }
}
