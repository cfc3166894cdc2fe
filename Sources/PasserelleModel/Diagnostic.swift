/// A position in a source file, 1-based, as editors count (columns in Unicode scalars).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static let start = SourceLocation(line: 1, column: 1)

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// How serious a diagnostic is: errors stop the build, warnings never do.
public enum Severity: String, Sendable, Hashable, Comparable, Codable {
    case error
    case warning

    private var rank: Int { self == .error ? 0 : 1 }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem found in the user's files, with where it is, a stable rule code, and how to fix it.
///
/// Every stage reports problems as values of this type; the CLI sorts and prints them all, in French unless English
/// is asked for. The text of each message and hint is written in both languages where the problem is found.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var severity: Severity
    /// The path as the user typed or sees it, e.g. `Content/projects/cap-ondaine.md`.
    public var file: String
    public var location: SourceLocation
    /// Where the faulty text ends (exclusive), when it is known: editors underline `location..<end`.
    public var end: SourceLocation?
    /// A stable code naming the rule (`number-ambiguous`, `yaml-curly-quotes`): the author's guide explains each one.
    public var rule: String
    public var text: Bilingual
    public var help: Bilingual?
    /// The corrected text, for editors, when the fix is certain.
    public var fix: Fix?

    public init(_ severity: Severity, _ rule: String, file: String, at location: SourceLocation = .start,
                end: SourceLocation? = nil, _ text: Bilingual, hint: Bilingual? = nil, fix: Fix? = nil) {
        self.severity = severity
        self.rule = rule
        self.file = file
        self.location = location
        self.end = end
        self.text = text
        self.help = hint
        self.fix = fix
    }

    public static func error(_ rule: String, _ file: String, _ location: SourceLocation, _ text: Bilingual,
                             hint: Bilingual? = nil, end: SourceLocation? = nil, fix: Fix? = nil) -> Diagnostic {
        Diagnostic(.error, rule, file: file, at: location, end: end, text, hint: hint, fix: fix)
    }

    public static func warning(_ rule: String, _ file: String, _ location: SourceLocation, _ text: Bilingual,
                               hint: Bilingual? = nil, end: SourceLocation? = nil, fix: Fix? = nil) -> Diagnostic {
        Diagnostic(.warning, rule, file: file, at: location, end: end, text, hint: hint, fix: fix)
    }

    // MARK: Reading

    /// The message in French, the default language.
    public var message: String { text.fr }
    /// The hint in French, the default language.
    public var hint: String? { help?.fr }

    public func message(_ language: Language) -> String { text.text(language) }
    public func hint(_ language: Language) -> String? { help?.text(language) }

    /// Sorted by file, then line and column, then errors before warnings, then text.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        if lhs.text != rhs.text { return lhs.text < rhs.text }
        return lhs.rule < rhs.rule
    }

    /// `file:line:col: erreur: message [rule]`, the form compilers use and editors link.
    public func headline(_ language: Language) -> String {
        "\(file):\(location.line):\(location.column): \(severity.label(language)): \(message(language)) [\(rule)]"
    }

    /// The headline in French.
    public var headline: String { headline(.fr) }

    /// The headline, then the hint on its own indented line when there is one.
    public func description(_ language: Language) -> String {
        guard let hint = hint(language) else { return headline(language) }
        return headline(language) + "\n    " + (language == .en ? "hint: " : "conseil : ") + hint
    }

    public var description: String { description(.fr) }
}

extension Severity {
    /// `erreur` / `error`, `avertissement` / `warning`.
    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.error, .fr): "erreur"
        case (.warning, .fr): "avertissement"
        case (.error, .en): "error"
        case (.warning, .en): "warning"
        }
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}

/// A message written in French and in English: every diagnostic is written in both, and shown in the reader's
/// language (French unless the site, `--lang` or `LANG` asks for English).
public struct Bilingual: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var fr: String
    public var en: String

    public init(fr: String, en: String) {
        self.fr = fr
        self.en = en
    }

    public func text(_ language: Language) -> String {
        language == .en ? en : fr
    }

    /// The two texts concatenated, language by language.
    public static func + (lhs: Bilingual, rhs: Bilingual) -> Bilingual {
        Bilingual(fr: lhs.fr + rhs.fr, en: lhs.en + rhs.en)
    }

    public static func < (lhs: Bilingual, rhs: Bilingual) -> Bool { (lhs.fr, lhs.en) < (rhs.fr, rhs.en) }

    public var description: String { fr }
}

/// A structured fix: replace the text from `start` up to (not including) `end` by `replacement`.
///
/// Editors apply it as is (`check --format json`); the hint says the same in words, quoting the corrected line.
public struct Fix: Sendable, Hashable {
    public var start: SourceLocation
    public var end: SourceLocation
    public var replacement: String

    public init(start: SourceLocation, end: SourceLocation, replacement: String) {
        self.start = start
        self.end = end
        self.replacement = replacement
    }

    /// Replaces the whole of line `line` (whose current text is `current`, without its line break) by `replacement`.
    public static func line(_ line: Int, current: String, replacement: String) -> Fix {
        Fix(start: SourceLocation(line: line, column: 1),
            end: SourceLocation(line: line, column: current.unicodeScalars.count + 1),
            replacement: replacement)
    }
}
