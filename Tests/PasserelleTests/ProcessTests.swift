import Foundation
import Testing

/// Runs the real `passerelle` executable, as a webmaster or a CI job does.
@Suite("The passerelle command", .serialized)
struct ProcessTests {
    static let repository = BuildSupport.root

    /// `swift build --build-tests` puts the tool beside the test bundle.
    static var executable: URL? {
        let candidates = [Bundle.main.executableURL?.deletingLastPathComponent(), Bundle.main.bundleURL.deletingLastPathComponent(),
                          repository.appendingPathComponent(".build/debug")]
        for directory in candidates.compactMap({ $0 }) {
            let tool = directory.appendingPathComponent("passerelle")
            if FileManager.default.isExecutableFile(atPath: tool.path) { return tool }
        }
        return nil
    }

    /// Runs the tool in `directory`: its standard output and error together, or its standard output alone. With
    /// `unprivileged`, as the user nobody (through setpriv) when the tests run as root, for whom no permission is denied.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:], outputOnly: Bool = false,
                    unprivileged: Bool = false) throws -> (status: Int32, output: String) {
        guard let tool = executable else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        if unprivileged && getuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", tool.path] + arguments
        } else {
            process.executableURL = tool
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        if !outputOnly { process.standardError = pipe }
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A copy of the example site with `extra` more cards, so a build takes long enough to be interrupted.
    static func exampleSite(in directory: URL, extraCards: Int = 0) throws {
        let fm = FileManager.default
        try fm.copyItem(at: repository.appendingPathComponent("Content"), to: directory.appendingPathComponent("Content"))
        try fm.copyItem(at: repository.appendingPathComponent("Templates"), to: directory.appendingPathComponent("Templates"))
        guard extraCards > 0 else { return }
        let card = try String(contentsOf: repository.appendingPathComponent("Content/projects/cap-ondaine.md"), encoding: .utf8)
        for index in 0..<extraCards {
            try card.write(to: directory.appendingPathComponent("Content/projects/copy-\(index).md"), atomically: false, encoding: .utf8)
        }
    }

    @Test("the tool is built beside the tests")
    func toolIsBuilt() {
        #expect(Self.executable != nil)
    }

    @Test("a build killed while writing leaves the previous site intact, and the next build cleans up")
    func killedBuildLeavesPreviousSite() throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-process")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.exampleSite(in: directory, extraCards: 1500)
        let first = try Self.run(["build", "--quiet"], in: directory)
        #expect(first.status == 0)
        let output = directory.appendingPathComponent("Output")
        try Data("sentinel\n".utf8).write(to: output.appendingPathComponent("sentinel.txt"))
        let before = BuildSupport.snapshot(output)
        #expect(before.count > 1500)

        // Start a rebuild and kill it as soon as its temporary folder appears, that is, in the middle of writing.
        guard let tool = Self.executable else { return }
        let process = Process()
        process.executableURL = tool
        process.arguments = ["build", "--quiet"]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var killedWhileWriting = false
        // It ends as soon as the writing starts; the bound is for a machine so loaded that 1 500 cards take minutes.
        let deadline = Date().addingTimeInterval(300)
        while process.isRunning && Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            if names.contains(where: { $0.hasPrefix(".passerelle-tmp-Output-") }) {
                kill(process.processIdentifier, SIGKILL)
                killedWhileWriting = true
                break
            }
            usleep(200)
        }
        process.waitUntilExit()
        #expect(killedWhileWriting)
        #expect(BuildSupport.snapshot(output) == before)

        let again = try Self.run(["build", "--quiet"], in: directory)
        #expect(again.status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".passerelle-tmp-") }
        #expect(leftovers.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("sentinel.txt").path))
    }

    @Test("two builds in different folders, at different times, with other LANG and TZ, are byte-identical")
    func buildsAreDeterministicAcrossEnvironments() throws {
        let a = BuildSupport.makeTempDirectory("passerelle-process")
        let b = BuildSupport.makeTempDirectory("passerelle-process")
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        try Self.exampleSite(in: a)
        try Self.exampleSite(in: b)
        let first = try Self.run(["build", "--quiet"], in: a, environment: ["LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8", "TZ": "Europe/Paris"])
        Thread.sleep(forTimeInterval: 1.1)
        let second = try Self.run(["build", "--quiet"], in: b, environment: ["LANG": "C", "LC_ALL": "C", "TZ": "Pacific/Kiritimati"])
        #expect(first.status == 0 && second.status == 0)
        let one = BuildSupport.snapshot(a.appendingPathComponent("Output"))
        let two = BuildSupport.snapshot(b.appendingPathComponent("Output"))
        #expect(one.count > 20)
        #expect(one.keys.sorted() == two.keys.sorted())
        for (path, data) in one {
            #expect(two[path] == data, "\(path) differs")
        }
    }

    @Test("check exits 1 and prints every diagnostic with file:line:column and hint")
    func checkReportsErrors() throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-process")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.exampleSite(in: directory)
        let file = directory.appendingPathComponent("Content/projects/cap-ondaine.md")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "    people_accompanied: 40", with: "    peple_accompanied: 40")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try Self.run(["check"], in: directory)
        #expect(result.status == 1)
        #expect(result.output == """
        Content/projects/cap-ondaine.md:32:5: erreur: mesure inconnue\u{A0}: «\u{A0}peple_accompanied\u{A0}» [ref-unknown-metric]
            conseil : vouliez-vous dire «\u{A0}people_accompanied\u{A0}»\u{A0}?
        1 erreur, 0 avertissement

        """)
    }

    @Test("an unknown option is a usage error with exit status 64")
    func usageErrorExits64() throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-process")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Self.run(["build", "--no-such-option"], in: directory)
        #expect(result.status == 64)
    }
}
