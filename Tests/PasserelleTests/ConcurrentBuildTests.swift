import Foundation
import Testing
@testable import PasserelleBuild
import PasserelleModel

/// One build at a time per output folder: a second build waits (and says for which process), temporary folders
/// belong to their build, and two builds of different sites into one folder leave exactly one complete site.
@Suite("Concurrent builds", .serialized)
struct ConcurrentBuildTests {
    typealias Support = OutputTestSupport

    /// Takes the lock of `path` as another build would, writing `pid` into it. Returns the descriptor (close to release).
    static func holdLock(_ path: String, pid: Int32?) throws -> Int32 {
        let descriptor = open(path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { throw CocoaError(.fileLocking) }
        if let pid {
            let text = Array("\(pid)\n".utf8)
            _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        }
        return descriptor
    }

    /// Collects the notices of a writer.
    final class Notices: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    static let page = [RenderedFile(path: "index.html", contents: Array("<p>un</p>\n".utf8))]

    // MARK: The lock

    @Test("a write waits while another build holds the lock, says once which process holds it, then writes")
    func writeWaitsForLock() async throws {
        let directory = Support.makeDirectory("passerelle-concurrent")
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Out")
        let lockPath = directory.appendingPathComponent(".Out.passerelle-lock").path
        let notices = Notices()
        let writer = OutputWriter(output: output.path, notice: { notices.add($0) })
        #expect(writer.lockPath == lockPath)
        let held = try Self.holdLock(lockPath, pid: 4242)
        let write = Task { try await writer.write(Self.page) }
        let deadline = ContinuousClock.now + .seconds(120)  // ends at the notice; long only for a starved task
        while notices.all.isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!FileManager.default.fileExists(atPath: output.path), "the write did not wait for the lock")
        #expect(notices.all == ["attente de la fin de l’écriture de «\u{A0}\(output.path)\u{A0}» par la construction du processus 4242"])
        close(held)
        #expect(try await write.value == 2)
        #expect(notices.all.count == 1)
        #expect(BuildSupport.snapshot(output)["index.html"] == Data("<p>un</p>\n".utf8))
        // The lock file is removed once the build is done: nothing is left beside the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["Out"])
    }

    @Test("a holder that has not written its process number yet is 'another build'")
    func waitsForUnnamedHolder() async throws {
        let directory = Support.makeDirectory("passerelle-concurrent")
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Out")
        let notices = Notices()
        let writer = OutputWriter(output: output.path, notice: { notices.add($0) })
        let held = try Self.holdLock(writer.lockPath, pid: nil)
        let write = Task { try await writer.write(Self.page) }
        // The notice comes after a second without a process number; on a busy machine, a little later.
        let deadline = ContinuousClock.now + .seconds(120)  // ends at the notice; long only for a starved task
        while notices.all.isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(notices.all == ["attente de la fin de l’écriture de «\u{A0}\(output.path)\u{A0}» par une autre construction"])
        close(held)
        _ = try await write.value
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["Out"])
    }

    @Test("a lock file left by a killed build does not block: the kernel released its lock")
    func staleLockFileIgnored() async throws {
        let directory = Support.makeDirectory("passerelle-concurrent")
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Out")
        try Data("99999\n".utf8).write(to: directory.appendingPathComponent(".Out.passerelle-lock"))
        let notices = Notices()
        let writer = OutputWriter(output: output.path, notice: { notices.add($0) })
        _ = try await writer.write(Self.page)
        #expect(notices.all.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["Out"])
    }

    @Test("a waiting build whose lock file was removed by the holder takes the new one (never two holders)")
    func manyWritersOneAtATime() async throws {
        let directory = Support.makeDirectory("passerelle-concurrent")
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Out")
        // Eight writers of eight different one-page sites at once: each result is one whole site.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let files = (0...index).map { RenderedFile(path: "p\($0).html", contents: Array("\(index)".utf8)) }
                    try await OutputWriter(output: output.path, notice: { _ in }).write(files)
                }
            }
            try await group.waitForAll()
        }
        let files = BuildSupport.snapshot(output)
        let pages = files.keys.filter { $0.hasSuffix(".html") }
        let site = pages.count - 1
        #expect(Set(pages) == Set((0...site).map { "p\($0).html" }))
        #expect(pages.allSatisfy { files[$0] == Data("\(site)".utf8) })
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["Out"])
    }

    // MARK: Temporary folders

    @Test("a build leaves alone the temporary folder another build is writing, and those of another output")
    func temporaryFoldersOfOthersKept() async throws {
        let directory = Support.makeDirectory("passerelle-concurrent")
        defer { BuildSupport.cleanUp(directory) }
        let fm = FileManager.default
        // Another build of Out, still running: its folder is locked.
        let running = directory.appendingPathComponent(".passerelle-tmp-Out-12345-0123456789abcdef")
        // A build of Out that was killed: same kind of name, no lock.
        let killed = directory.appendingPathComponent(".passerelle-tmp-Out-12346-fedcba9876543210")
        let killedEarlier = directory.appendingPathComponent(".passerelle-tmp-Out-777")
        // Folders of another output whose name starts the same, locked or not.
        let preview = directory.appendingPathComponent(".passerelle-tmp-Out-preview-12347-0123456789abcdef")
        let previewOld = directory.appendingPathComponent(".passerelle-tmp-Out-preview-778")
        let numbered = directory.appendingPathComponent(".passerelle-tmp-Out-2-12348-0123456789abcdef")
        for folder in [running, killed, killedEarlier, preview, previewOld, numbered] {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("half".utf8).write(to: folder.appendingPathComponent("index.html"))
        }
        let runningLock = open(running.path, O_RDONLY)
        #expect(flock(runningLock, LOCK_EX | LOCK_NB) == 0)
        defer { close(runningLock) }

        let report = await Support.build(output: directory.appendingPathComponent("Out").path)
        #expect(report.succeeded, "\(report.diagnostics)")
        let names = Set(try fm.contentsOfDirectory(atPath: directory.path))
        #expect(names == ["Out", running.lastPathComponent, preview.lastPathComponent, previewOld.lastPathComponent,
                          numbered.lastPathComponent])
        #expect(fm.contents(atPath: running.appendingPathComponent("index.html").path) == Data("half".utf8))
    }

    @Test("temporary folder names: this output's, of this version or earlier ones, and no other", arguments: [
        ("12345-0123456789abcdef", true), ("1-ffffffffffffffff", true), ("99999", true), ("old-4242", true),
        ("preview-12345-0123456789abcdef", false), ("preview-99", false), ("2-12345-0123456789abcdef", false),
        ("12345-0123456789ABCDEF", false), ("12345-0123", false), ("", false), ("old-", false), ("12a", false),
    ])
    func temporarySuffixes(_ rest: String, _ matches: Bool) {
        #expect(OutputWriter.isTemporarySuffix(Substring(rest)) == matches)
    }

    @Test("each build's temporary folder is its own: process number and a random part")
    func uniqueTemporaryNames() {
        let names = (0..<100).map { _ in OutputWriter.uniqueSuffix() }
        #expect(Set(names).count == 100)
        #expect(names.allSatisfy { OutputWriter.isTemporarySuffix(Substring($0)) && $0.hasPrefix("\(getpid())-") })
    }

    // MARK: Two processes, one output folder

    /// A copy of site A with `extraPages` more pages (so its build takes longer than site B's), in `directory`.
    static func largeSiteA(in directory: URL, extraPages: Int) throws -> String {
        let content = directory.appendingPathComponent("SiteA")
        try FileManager.default.copyItem(atPath: Support.siteA, toPath: content.path)
        let page = try String(contentsOfFile: Support.siteA + "/pages/alpha-1.md", encoding: .utf8)
        for index in 0..<extraPages {
            try page.replacingOccurrences(of: "title: \"Alpha 1\"", with: "title: \"Alpha \(index + 100)\"")
                .write(to: content.appendingPathComponent("pages/alpha-\(index + 100).md"), atomically: false, encoding: .utf8)
        }
        return content.path
    }

    /// The files of a clean build of `content`, by the command.
    static func referenceSite(_ content: String, in directory: URL, name: String) throws -> [String: Data] {
        let result = try Support.run(Support.buildArguments(name, content: content), in: directory)
        #expect(result.status == 0, "\(result.output)")
        return BuildSupport.snapshot(directory.appendingPathComponent(name))
    }

    /// Starts `passerelle` with standard output and error going to `log`.
    static func start(_ arguments: [String], in directory: URL, log: URL) throws -> Process {
        guard let tool = ProcessTests.executable else { throw CocoaError(.fileNoSuchFile) }
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try handle.close()
        return process
    }

    static func text(_ log: URL) -> String {
        String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
    }

    /// The line a build prints when it waits for `pid`: in French, or in English for a command run with `--lang en`.
    static func waited(for pid: Int32, _ language: Language = .fr) -> String {
        language == .en ? "waiting for the build of process \(pid) to finish writing 'Out'\n"
            : "attente de la fin de l’écriture de «\u{A0}Out\u{A0}» par la construction du processus \(pid)\n"
    }

    /// Which of the two reference sites `output` is, byte for byte, if any.
    static func whichSite(_ output: URL, _ sites: [String: [String: Data]]) -> String? {
        let files = BuildSupport.snapshot(output)
        return sites.first { $0.value == files }?.key
    }

    @Test("two builds of different sites into one folder, 20 times: always one complete site, each exits 0 or waited",
          .enabled(if: ProcessTests.executable != nil, "needs the passerelle executable beside the test bundle"))
    func twoBuildsOneFolder() throws {
        let directory = Support.makeDirectory("passerelle-concurrent")
        defer { BuildSupport.cleanUp(directory) }
        let siteA = try Self.largeSiteA(in: directory, extraPages: 150)
        let sites = ["A": try Self.referenceSite(siteA, in: directory, name: "RefA"),
                     "B": try Self.referenceSite(Support.siteB, in: directory, name: "RefB")]
        #expect(sites["A"]!.keys.contains("pages/alpha-100/index.html") && sites["B"]!.keys.contains("pages/beta-1/index.html"))
        #expect(Set(sites["A"]!.keys) != Set(sites["B"]!.keys))
        let race = directory.appendingPathComponent("race")
        try FileManager.default.createDirectory(at: race, withIntermediateDirectories: true)
        var outcomes: [String: Int] = [:]
        var waits = 0
        for round in 0..<20 {
            // Alternate which one starts first; every other round starts from an empty folder.
            if round % 2 == 0 { try? FileManager.default.removeItem(at: race.appendingPathComponent("Out")) }
            let order = round % 4 < 2 ? [siteA, Support.siteB] : [Support.siteB, siteA]
            let logs = [race.appendingPathComponent("../log-1-\(round)"), race.appendingPathComponent("../log-2-\(round)")]
            let first = try Self.start(Support.buildArguments("Out", content: order[0]), in: race, log: logs[0])
            // The second starts 0 to 160 ms later, so that it often reaches its write while the first is writing.
            usleep(UInt32(round % 5) * 40_000)
            let second = try Self.start(Support.buildArguments("Out", content: order[1]), in: race, log: logs[1])
            first.waitUntilExit()
            second.waitUntilExit()
            let outputs = logs.map(Self.text)
            #expect(first.terminationStatus == 0 && second.terminationStatus == 0, "round \(round): \(outputs)")
            #expect(outputs[0] == "" || outputs[0] == Self.waited(for: second.processIdentifier), "round \(round): \(outputs[0])")
            #expect(outputs[1] == "" || outputs[1] == Self.waited(for: first.processIdentifier), "round \(round): \(outputs[1])")
            waits += outputs.filter { !$0.isEmpty }.count
            let site = Self.whichSite(race.appendingPathComponent("Out"), sites)
            #expect(site != nil, "round \(round): the folder holds no complete site")
            outcomes[site ?? "mixed", default: 0] += 1
            #expect(try FileManager.default.contentsOfDirectory(atPath: race.path) == ["Out"], "round \(round)")
        }
        #expect(outcomes["mixed"] == nil, "\(outcomes), \(waits) waits")
    }

    /// A TCP port nobody listens on now.
    static func freePort() -> UInt16? {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { return nil }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { return nil }
        return UInt16(bigEndian: address.sin_port)
    }

    @Test("serve and build of different sites into one folder, 10 times: always one complete site",
          .enabled(if: ProcessTests.executable != nil, "needs the passerelle executable beside the test bundle"))
    func serveAndBuildOneFolder() throws {
        let directory = Support.makeDirectory("passerelle-concurrent")
        defer { BuildSupport.cleanUp(directory) }
        let siteA = try Self.largeSiteA(in: directory, extraPages: 150)
        let sites = ["A": try Self.referenceSite(siteA, in: directory, name: "RefA"),
                     "B": try Self.referenceSite(Support.siteB, in: directory, name: "RefB")]
        let race = directory.appendingPathComponent("race")
        try FileManager.default.createDirectory(at: race, withIntermediateDirectories: true)
        var outcomes: [String: Int] = [:]
        for round in 0..<10 {
            let port = try #require(Self.freePort())
            // Serve site A (the larger) or B, while a build writes the other.
            let (served, built) = round % 2 == 0 ? (siteA, Support.siteB) : (Support.siteB, siteA)
            let serveLog = race.appendingPathComponent("../serve-\(round)")
            let buildLog = race.appendingPathComponent("../build-\(round)")
            let serve = try Self.start(["serve", "--lang", "en", "--port", String(port), "--content", served, "--templates", BuildSupport.templates,
                                        "--output", "Out"], in: race, log: serveLog)
            usleep(UInt32(round % 5) * 40_000)
            let build = try Self.start(Support.buildArguments("Out", content: built), in: race, log: buildLog)
            // serve builds once as it starts, then serves: stop it after that first build.
            let deadline = Date().addingTimeInterval(30)
            while serve.isRunning, !Self.text(serveLog).contains("ebuilt"), Date() < deadline { usleep(10_000) }
            let serveText = Self.text(serveLog)
            serve.terminate()
            serve.waitUntilExit()
            build.waitUntilExit()
            let buildText = Self.text(buildLog)
            #expect(serveText.contains("Rebuilt "), "round \(round): \(serveText)")
            #expect(!serveText.contains("waiting") || serveText.hasPrefix(Self.waited(for: build.processIdentifier, .en)),
                    "round \(round): \(serveText)")
            #expect(build.terminationStatus == 0, "round \(round): \(buildText)")
            #expect(buildText == "" || buildText == Self.waited(for: serve.processIdentifier), "round \(round): \(buildText)")
            let site = Self.whichSite(race.appendingPathComponent("Out"), sites)
            #expect(site != nil, "round \(round): the folder holds no complete site")
            outcomes[site ?? "mixed", default: 0] += 1
            #expect(try FileManager.default.contentsOfDirectory(atPath: race.path) == ["Out"], "round \(round)")
        }
        #expect(outcomes["mixed"] == nil, "\(outcomes)")
    }
}
