import Foundation
import PasserelleModel

/// The full-text search index, written by Pagefind (https://pagefind.app) when it is installed: run on the pages it
/// indexes (cards, articles, pages, glossary: those whose `<main>` carries `data-pagefind-body`), in a folder of its
/// own, and its files added to the site before the site is written, so they are published with it in one swap.
enum Search {
    /// The command that runs Pagefind: `pagefind` on the PATH, else the binary of the PyPI package (`pagefind[extended]`
    /// or `pagefind`, found through `python3`), else `python3 -m pagefind`; nil when none is there. Looked up once per
    /// process (asking Python takes a while).
    static func command() -> [String]? { cached }

    private static let cached: [String]? = command(environment: ProcessInfo.processInfo.environment)

    static func command(environment: [String: String]) -> [String]? {
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        func find(_ name: String) -> String? {
            folders.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        if let pagefind = find("pagefind") { return [pagefind] }
        guard let python = find("python3") else { return nil }
        for module in ["pagefind_bin_extended", "pagefind_bin"] {
            let found = run([python, "-c", "import \(module) as m; print(m.bin)"], in: nil)
            let path = found.output.trimmingCharacters(in: .whitespacesAndNewlines)
            if found.status == 0, path.hasPrefix("/"), FileManager.default.isExecutableFile(atPath: path) { return [path] }
        }
        if run([python, "-m", "pagefind", "--version"], in: nil).status == 0 { return [python, "-m", "pagefind"] }
        return nil
    }

    /// Runs a command, its output collected; the exit status and what it printed.
    static func run(_ arguments: [String], in folder: URL?) -> (status: Int32, output: String) {
        guard let executable = arguments.first else { return (-1, "") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(arguments.dropFirst())
        if let folder { process.currentDirectoryURL = folder }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return (-1, "\(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    enum Failure: Error, CustomStringConvertible {
        case failed(String)
        var description: String { if case .failed(let message) = self { return message }; return "" }
    }

    /// The files of the search index (`pagefind/…`) for these pages.
    static func index(_ files: [RenderedFile], command: [String]) throws -> [RenderedFile] {
        let manager = FileManager.default
        let work = manager.temporaryDirectory.appendingPathComponent("passerelle-search-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        let site = work.appendingPathComponent("site")
        defer { try? manager.removeItem(at: work) }
        let marker = Array("data-pagefind-body".utf8)
        for file in files where file.path.hasSuffix(".html") && contains(file.contents, marker) {
            let target = site.appendingPathComponent(file.path)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents).write(to: target)
        }
        try manager.createDirectory(at: site, withIntermediateDirectories: true)
        let result = run(command + ["--site", site.path, "--output-subdir", "pagefind", "--silent"], in: work)
        guard result.status == 0 else {
            throw Failure.failed(result.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let bundle = site.appendingPathComponent("pagefind")
        guard let walker = manager.enumerator(at: bundle, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var out: [RenderedFile] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(bundle.standardizedFileURL.path.count + 1))
            out.append(RenderedFile(path: "pagefind/" + relative, contents: Array(try Data(contentsOf: url))))
        }
        return out.sorted { $0.path < $1.path }
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var index = 0
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first && Array(bytes[index..<index + needle.count]) == needle { return true }
            index += 1
        }
        return false
    }
}
