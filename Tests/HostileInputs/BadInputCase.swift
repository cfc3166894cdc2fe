import Foundation
import PasserelleModel

/// One folder of `Tests/Fixtures/bad/`: a tiny site where exactly one thing is wrong, and the exact diagnostics it must give.
///
/// A case folder holds `Content/` (the site), optionally `Templates/` (only the theme files the case changes: they are laid
/// over a copy of the default theme), `expected.txt` (one `severity file:line:column [rule] message` line per diagnostic, in
/// French, each followed by its hint as `  conseil : …` when it has one, in the tool's order, files relative to the case
/// folder), optionally `expected.en.txt` (the same in English, hints as `  hint: …`) and optionally `generate.txt` (inputs
/// that cannot be committed: `big PATH MEGABYTES`, `symlink PATH TARGET`, `remove PATH`).
///
/// A library of its own, so that the corpus tests and the benchmark (`Benchmarks/Scaling`) build the very same sites.
public struct BadInputCase: Sendable {
    public var name: String

    public init(name: String) { self.name = name }

    /// The package root (Tests/HostileInputs/BadInputCase.swift → ../../..).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures/bad`.
    public static let corpus: URL = repositoryRoot.appendingPathComponent("Tests/Fixtures/bad")

    /// Every case folder on disk, sorted: adding a folder adds a case.
    public static let all: [BadInputCase] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.sorted().filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: corpus.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.map(BadInputCase.init(name:))
    }()

    public var folder: URL { Self.corpus.appendingPathComponent(name) }

    /// The lines of `expected.txt`, without empty lines.
    public func expected() throws -> [String] {
        let text = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// The lines of `expected.en.txt` (the same diagnostics in English), nil when the case has none.
    public func expected(language: Language) throws -> [String]? {
        let file = folder.appendingPathComponent("expected.\(language.rawValue).txt")
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let text = try String(contentsOf: file, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// A case laid out in a folder of its own, ready to build.
    public struct Prepared: Sendable {
        /// The copy of the case folder: diagnostics name files relative to it.
        public var directory: URL
        public var content: URL
        /// The default theme with the case's own theme files laid over it.
        public var templates: URL
        /// Where a build of the case writes (it does not exist yet).
        public var output: URL
    }

    /// Copies the case into `parent/<name>`: its files, the default theme under the case's own theme files, then the
    /// inputs of `generate.txt`.
    public func prepare(in parent: URL) throws -> Prepared {
        let manager = FileManager.default
        let directory = parent.appendingPathComponent(name)
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        try manager.copyItem(at: folder, to: directory)
        let templates = directory.appendingPathComponent("Templates")
        let overlay = directory.appendingPathComponent("Templates-case")
        if manager.fileExists(atPath: templates.path) { try manager.moveItem(at: templates, to: overlay) }
        try manager.copyItem(at: Self.repositoryRoot.appendingPathComponent("Templates"), to: templates)
        if manager.fileExists(atPath: overlay.path), let files = manager.enumerator(atPath: overlay.path) {
            for case let path as String in files {
                var isDirectory: ObjCBool = false
                let source = overlay.appendingPathComponent(path)
                guard manager.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                let target = templates.appendingPathComponent(path)
                try? manager.removeItem(at: target)
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try manager.copyItem(at: source, to: target)
            }
            try manager.removeItem(at: overlay)
        }
        try generate(in: directory)
        return Prepared(directory: directory, content: directory.appendingPathComponent("Content"), templates: templates,
                        output: directory.appendingPathComponent("Output"))
    }

    /// Runs the instructions of `generate.txt` inside `directory` (a copy of the case).
    public func generate(in directory: URL) throws {
        let file = folder.appendingPathComponent("generate.txt")
        guard FileManager.default.fileExists(atPath: file.path) else { return }
        let text = try String(contentsOf: file, encoding: .utf8)
        for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty && !line.hasPrefix("#") {
            let words = line.split(separator: " ").map(String.init)
            switch (words.first, words.count) {
            case ("big", 3):
                guard let megabytes = Int(words[2]) else { throw GenerateError.badLine(String(line)) }
                try Self.writeBig(directory.appendingPathComponent(words[1]), bytes: megabytes * 1_048_576)
            case ("remove", 2):
                try FileManager.default.removeItem(at: directory.appendingPathComponent(words[1]))
            case ("symlink", 3):
                let link = directory.appendingPathComponent(words[1])
                try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: words[2])
            default:
                throw GenerateError.badLine(String(line))
            }
        }
    }

    public enum GenerateError: Error { case badLine(String) }

    /// A record of exactly `bytes` bytes: a valid front matter, then filler text, written in chunks.
    static func writeBig(_ url: URL, bytes: Int) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let head = Array("---\nkind: project\ntitle: \"Un très gros fichier\"\n---\n\n".utf8)
        let filler = Array("Texte collé depuis un document : coopérative, insertion, accompagnement, territoire.\n".utf8)
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: head)
        var remaining = bytes - head.count
        var chunk: [UInt8] = []
        while chunk.count < 1_048_576 { chunk += filler }
        while remaining > 0 {
            let slice = chunk.prefix(remaining)
            try handle.write(contentsOf: slice)
            remaining -= slice.count
        }
    }
}
