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

/// One problem found in the user's files, with where it is and how to fix it.
///
/// Every stage reports problems as values of this type; the CLI sorts and prints them all.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var severity: Severity
    /// The path as the user typed or sees it, e.g. `Content/projects/cap-ondaine.md`.
    public var file: String
    public var location: SourceLocation
    public var message: String
    public var hint: String?

    public init(_ severity: Severity, file: String, at location: SourceLocation = .start, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.file = file
        self.location = location
        self.message = message
        self.hint = hint
    }

    public static func error(_ file: String, _ location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, file: file, at: location, message, hint: hint)
    }

    public static func warning(_ file: String, _ location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, file: file, at: location, message, hint: hint)
    }

    /// Sorted by file, then line and column, then errors before warnings, then text.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        return lhs.message < rhs.message
    }

    /// `file:line:col: severity: message`, the form compilers use and editors link.
    public var headline: String {
        "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }

    /// The headline, then the hint on its own indented line when there is one.
    public var description: String {
        guard let hint else { return headline }
        return headline + "\n    hint: " + hint
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}
