import Foundation
import Testing
@testable import PasserelleBuild
import PasserelleModel

/// The same content gives the same site, byte for byte, wherever it is written.
@Suite("Build determinism")
struct BuildDeterminismTests {
    @Test("two builds into two folders give the same files with the same bytes")
    func identicalBuilds() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-determinism")
        defer { BuildSupport.cleanUp(directory) }
        let a = directory.appendingPathComponent("A/Output")
        let b = directory.appendingPathComponent("B/Site")
        let first = await BuildSupport.build(output: a)
        let second = await BuildSupport.build(output: b)
        #expect(first.succeeded && second.succeeded)
        let filesA = BuildSupport.snapshot(a)
        let filesB = BuildSupport.snapshot(b)
        #expect(filesA.keys.sorted() == filesB.keys.sorted())
        for (path, bytes) in filesA {
            #expect(filesB[path] == bytes, "\(path) differs")
        }
    }

    /// The `passerelle` executable built beside the test bundle, if any.
    static let executable: URL? = {
        let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("passerelle")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }()

    static func run(_ executable: URL, output: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["build", "--content", BuildSupport.content, "--templates", BuildSupport.templates,
                             "--output", output.path, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test("two separate processes (different hash seeds) build byte-identical sites",
          .enabled(if: executable != nil, "needs the passerelle executable beside the test bundle"))
    func identicalAcrossProcesses() async throws {
        let executable = try #require(Self.executable)
        let directory = BuildSupport.makeTempDirectory("passerelle-determinism")
        defer { BuildSupport.cleanUp(directory) }
        let a = directory.appendingPathComponent("one/Output")
        let b = directory.appendingPathComponent("two/Output")
        #expect(try Self.run(executable, output: a) == 0)
        #expect(try Self.run(executable, output: b) == 0)
        let filesA = BuildSupport.snapshot(a)
        #expect(filesA.count > 10)
        #expect(filesA == BuildSupport.snapshot(b))
        let inProcess = directory.appendingPathComponent("three/Output")
        // The command line writes the search index when Pagefind is installed; the in-process build is asked to as well.
        _ = await BuildSupport.build(output: inProcess, searchIndex: true)
        #expect(BuildSupport.snapshot(inProcess) == filesA)
    }

    @Test("the build writes the expected pages of the example site")
    func expectedPages() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-determinism")
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Output")
        _ = await BuildSupport.build(output: output)
        let files = Set(BuildSupport.snapshot(output).keys)
        for page in ["index.html", "fiches/index.html", "fiches/cap-ondaine/index.html", "fiches/entreprendre-en-cooperant/index.html",
                     "glossaire/index.html", "organisations/region-rhone-alpes/index.html", "assets/style.css"] {
            #expect(files.contains(page), "\(page) missing")
        }
    }

    @Test("rendering twice in one process gives the same bytes (parallel rendering keeps a stable order)")
    func stableRender() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-determinism")
        defer { BuildSupport.cleanUp(directory) }
        let output = directory.appendingPathComponent("Output")
        _ = await BuildSupport.build(output: output)
        let first = BuildSupport.snapshot(output)
        _ = await BuildSupport.build(output: output)
        #expect(BuildSupport.snapshot(output) == first)
    }
}
