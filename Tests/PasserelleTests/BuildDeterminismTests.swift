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
