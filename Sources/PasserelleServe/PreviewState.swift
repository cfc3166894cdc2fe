import Foundation

/// The language of what the preview itself says (overlay, pages of its own, draft banner).
public enum PreviewLanguage: String, Sendable {
    case fr
    case en
}

/// One diagnostic as the preview shows it: already in the reader's language, with the lines around it.
public struct PreviewProblem: Sendable, Equatable {
    public var isError: Bool
    /// The path as the author sees it, e.g. `Content/projects/cap-ondaine.md`.
    public var file: String
    public var line: Int
    public var column: Int
    /// The rule code, e.g. `number-ambiguous`.
    public var rule: String
    public var message: String
    public var hint: String?
    /// The faulty line and up to 2 lines before and after it, read from the file when the build ended.
    public var excerpt: [ExcerptLine]

    public init(isError: Bool, file: String, line: Int, column: Int, rule: String, message: String, hint: String? = nil,
                excerpt: [ExcerptLine] = []) {
        self.isError = isError
        self.file = file
        self.line = line
        self.column = column
        self.rule = rule
        self.message = message
        self.hint = hint
        self.excerpt = excerpt
    }
}

/// A line of a file shown around a problem; a long line is cut to a window around the faulty column.
public struct ExcerptLine: Sendable, Equatable {
    public var number: Int
    public var text: String
    /// On the faulty line: how many Unicode scalars of `text` come before the faulty column (where the caret goes).
    public var caret: Int?
    public var isFaulty: Bool

    public init(number: Int, text: String, caret: Int? = nil, isFaulty: Bool = false) {
        self.number = number
        self.text = text
        self.caret = caret
        self.isFaulty = isFaulty
    }

    /// The longest part of a line shown, in Unicode scalars (an absurdly long line is cut, with `…` where it is).
    public static let maxWidth = 160

    /// Lines `line - 2 ... line + 2` of `lines` (1-based `line`), the faulty one with its caret; none when the line
    /// is not in the file.
    public static func around(_ lines: [String], line: Int, column: Int) -> [ExcerptLine] {
        guard line >= 1, line <= lines.count else { return [] }
        return (max(1, line - 2)...min(lines.count, line + 2)).map { number in
            let scalars = Array(lines[number - 1].unicodeScalars)
            guard number == line else {
                return ExcerptLine(number: number, text: cut(scalars, from: 0).text)
            }
            // A window that holds the faulty column, at its middle when the line is too long.
            let target = max(0, min(column - 1, scalars.count))
            let start = scalars.count > maxWidth && target > maxWidth / 2 ? min(target - maxWidth / 2, scalars.count - maxWidth) : 0
            let (text, offset) = cut(scalars, from: start)
            // The caret lines up under the column: the scalars before it, tabs kept, anything else as a space.
            return ExcerptLine(number: number, text: text, caret: offset + target - start, isFaulty: true)
        }
    }

    /// `maxWidth` scalars from `start`, with `…` at a cut end; and how many scalars the leading `…` adds.
    static func cut(_ scalars: [Unicode.Scalar], from start: Int) -> (text: String, offset: Int) {
        guard scalars.count > maxWidth else { return (String(String.UnicodeScalarView(scalars)), 0) }
        let end = min(scalars.count, start + maxWidth)
        var text = String(String.UnicodeScalarView(scalars[start..<end]))
        if end < scalars.count { text += "…" }
        if start > 0 { text = "…" + text }
        return (text, start > 0 ? 1 : 0)
    }
}

/// Reads the lines of the files problems are in, each file once, and only small regular files.
public struct SourceLines {
    public static let maxBytes = 4 * 1024 * 1024
    private var cache: [String: [String]] = [:]

    public init() {}

    public mutating func lines(of path: String) -> [String] {
        if let known = cache[path] { return known }
        var result: [String] = []
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           attributes[.type] as? FileAttributeType == .typeRegular,
           ((attributes[.size] as? NSNumber)?.intValue ?? Int.max) <= Self.maxBytes,
           let data = FileManager.default.contents(atPath: path) {
            let text = String(decoding: data, as: UTF8.self)
            // "\r\n" is one Character in Swift: a file with Windows line ends is split on it too.
            result = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        }
        cache[path] = result
        return result
    }

    /// The lines around a problem in `path`.
    public mutating func excerpt(_ path: String, line: Int, column: Int) -> [ExcerptLine] {
        ExcerptLine.around(lines(of: path), line: line, column: column)
    }
}

/// What serve knows of its last build, computed once per rebuild and read by every request.
public struct PreviewStatus: Sendable {
    public enum Phase: String, Sendable {
        /// A build is running.
        case building
        /// The last build succeeded.
        case ready
        /// The last build failed: the preview shows the last good build, if there is one, with the overlay.
        case failed
    }

    public var phase: Phase
    /// How many builds succeeded since serve started: a page reloads when it changes.
    public var builds: Int
    /// The problems of the last build that ended (errors and warnings).
    public var problems: [PreviewProblem]
    /// The pages of records marked `draft: true` in the last good build, as paths (`/fiches/essai/`).
    public var drafts: Set<String>
    public var language: PreviewLanguage

    public init(phase: Phase = .building, builds: Int = 0, problems: [PreviewProblem] = [], drafts: Set<String> = [],
                language: PreviewLanguage = .fr) {
        self.phase = phase
        self.builds = builds
        self.problems = problems
        self.drafts = drafts
        self.language = language
    }

    public var errors: Int { problems.filter(\.isError).count }
    public var warnings: Int { problems.count - errors }
}

/// The status shared between the loop that builds and the threads that answer: set once per change, under a lock,
/// with what each request sends already made (the state's JSON, the page shown while there is no build).
public final class PreviewState: @unchecked Sendable {
    /// What a request reads: the status, its number, and its answers made once.
    public struct Snapshot: Sendable {
        public var status: PreviewStatus
        /// Bumped by every `publish`: a page waits on it.
        public var change: Int
        /// `/_passerelle/state`, as JSON.
        public var json: [UInt8]
        /// The page shown while the output folder holds no build (HTTP 503).
        public var noBuildPage: [UInt8]
    }

    private let condition = NSCondition()
    private var snapshot: Snapshot
    private var stopped = false

    public init(_ status: PreviewStatus = PreviewStatus()) {
        snapshot = Self.make(status, change: 0)
    }

    public var current: Snapshot { condition.withLock { snapshot } }

    /// Sets a new status, makes its answers, and wakes every waiting page.
    public func publish(_ status: PreviewStatus) {
        condition.withLock {
            snapshot = Self.make(status, change: snapshot.change + 1)
            condition.broadcast()
        }
    }

    /// The current status with another phase (`building` before a rebuild starts).
    public func publish(phase: PreviewStatus.Phase) {
        condition.withLock {
            var status = snapshot.status
            status.phase = phase
            snapshot = Self.make(status, change: snapshot.change + 1)
            condition.broadcast()
        }
    }

    /// Wakes every waiting page, for good.
    public func stop() {
        condition.withLock {
            stopped = true
            condition.broadcast()
        }
    }

    /// Returns at once for a new page (or another change), else when the status changes or after `seconds`.
    public func wait(since: Int?, seconds: Double = 20) -> Snapshot {
        condition.withLock {
            guard let since, since == snapshot.change else { return snapshot }
            let deadline = Date().addingTimeInterval(seconds)
            while snapshot.change == since, !stopped, condition.wait(until: deadline) {}
            return snapshot
        }
    }

    static func make(_ status: PreviewStatus, change: Int) -> Snapshot {
        Snapshot(status: status, change: change, json: PreviewReport.json(status, change: change),
                 noBuildPage: Array(PreviewReport.noBuildPage(status).utf8))
    }
}
