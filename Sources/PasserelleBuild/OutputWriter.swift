import CSystem
import Foundation
import PasserelleModel
import PasserelleRender

/// The write stage: the whole site goes to a fresh folder beside the output, then replaces it in one step.
///
/// A build that fails, or is killed, before the swap leaves the previous output exactly as it was; the
/// leftover temporary folder is removed by the next run.
public struct OutputWriter: Sendable {
    public let output: URL

    public init(output: String) {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        // An output folder that is a link (to a web server's folder, say) is written where it points,
        // and the link is kept.
        if let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) {
            self.output = URL(fileURLWithPath: destination, relativeTo: url.deletingLastPathComponent()).standardizedFileURL
                .resolvingSymlinksInPath()
        } else {
            self.output = url
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case unsafePath(String)
        case io(String)

        public var description: String {
            switch self {
            case .unsafePath(let path): return "refused to write '\(path)': it is not inside the output folder"
            case .io(let message): return message
            }
        }
    }

    private var parent: URL { output.deletingLastPathComponent() }
    private var tempPrefix: String { ".passerelle-tmp-\(output.lastPathComponent)-" }

    /// Refuses an output folder that holds (or is) the content or templates: a build would erase them.
    public func checkSafe(against sources: [String]) -> String? {
        let out = output.resolvingSymlinksInPath().path
        for source in sources {
            let src = URL(fileURLWithPath: source).standardizedFileURL.resolvingSymlinksInPath().path
            if src == out || src.hasPrefix(out + "/") || out == "/" {
                return "the output folder '\(output.path)' contains '\(source)': building would erase it"
            }
            if out.hasPrefix(src + "/") {
                return "the output folder '\(output.path)' is inside '\(source)': the site would be read back as content"
            }
        }
        return nil
    }

    /// Removes temporary folders left by builds that were killed.
    public func cleanStale() {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(tempPrefix) {
            try? fm.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    /// Writes every file into a new folder, then swaps it with the output.
    public func write(_ files: [RenderedFile]) throws {
        let fm = FileManager.default
        cleanStale()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let temp = parent.appendingPathComponent(tempPrefix + String(ProcessInfo.processInfo.processIdentifier))
        try? fm.removeItem(at: temp)
        try fm.createDirectory(at: temp, withIntermediateDirectories: true)
        do {
            for file in files {
                let target = try resolve(file.path, in: temp)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                guard fm.createFile(atPath: target.path, contents: Data(file.contents),
                                    attributes: [.posixPermissions: 0o644]) else {
                    throw Failure.io("could not write \(file.path)")
                }
            }
            try swap(temp)
        } catch {
            try? fm.removeItem(at: temp)
            throw error
        }
    }

    /// The one place a path becomes a file: relative, no `..`, no empty or hidden tricks, inside `root`.
    func resolve(_ path: String, in root: URL) throws -> URL {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }),
              !path.contains("\0") else {
            throw Failure.unsafePath(path)
        }
        let target = root.appendingPathComponent(path).standardizedFileURL
        guard target.path.hasPrefix(root.standardizedFileURL.path + "/") else { throw Failure.unsafePath(path) }
        return target
    }

    /// Exchanges the new folder with the output atomically (renameat2 RENAME_EXCHANGE), or renames it into
    /// place when there is no output yet.
    private func swap(_ temp: URL) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw Failure.io("'\(output.path)' exists and is not a folder") }
            if exchange(temp.path, output.path) {
                try? fm.removeItem(at: temp)  // now holds the previous site
                return
            }
            // No atomic exchange on this file system: move the old site aside, then the new one in.
            let old = parent.appendingPathComponent(tempPrefix + "old-" + String(ProcessInfo.processInfo.processIdentifier))
            try? fm.removeItem(at: old)
            try fm.moveItem(at: output, to: old)
            do {
                try fm.moveItem(at: temp, to: output)
            } catch {
                try? fm.moveItem(at: old, to: output)
                throw error
            }
            try? fm.removeItem(at: old)
        } else {
            try fm.moveItem(at: temp, to: output)
        }
    }

    private func exchange(_ a: String, _ b: String) -> Bool {
        passerelle_exchange_paths(a, b) == 0
    }
}
