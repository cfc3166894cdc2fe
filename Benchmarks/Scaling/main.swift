// passerelle-bench: the speed checks of Passerelle's hostile inputs, as figures rather than as timed unit tests.
//
//   .build/debug/passerelle-bench            (scripts/test runs it after the unit tests, in the debug build)
//
// 1. Every case of the bad-input corpus (Tests/Fixtures/bad/) is built as the corpus test builds it; a case slower
//    than its budget is timed again (the fastest of three runs counts) and fails the benchmark.
// 2. Each hostile Markdown shape (HostileBodies) is rendered at 10, 20, 40 and 80 KB: eight times the input may cost
//    at most 32 times the time (quadratic is 64) and 0,5 s at 80 KB.
// 3. The YAML pitfall scan is run on two hostile front matters (about 220 and 870 KB): four times the text may cost at most 9 times the time
//    (quadratic is 16).
// It prints a table of each, and exits 1 when a limit is passed.
import Foundation
import HostileInputs
import PasserelleBuild
import PasserelleContent
import PasserelleMarkdown

let clock = ContinuousClock()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// The fastest of `runs` timings of `body`.
func fastest(_ runs: Int, _ body: () -> Void) -> Double {
    (0..<runs).map { _ in seconds(clock.measure(body)) }.min() ?? 0
}

func format(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }

var failures: [String] = []

// MARK: 1. The bad-input corpus

let caseBudget = 2.0
print("== Bad-input corpus: one build per case (budget \(format(caseBudget, 1)) s a case, fastest of 3 when over)")
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("passerelle-bench-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: scratch) }
var caseTimes: [(name: String, seconds: Double)] = []
for badCase in BadInputCase.all {
    let folder = scratch.appendingPathComponent(badCase.name)
    do {
        let prepared = try badCase.prepare(in: folder)
        var best = Double.infinity
        for attempt in 0..<3 where best >= caseBudget {
            let output = prepared.output.appendingPathExtension("\(attempt)")
            let start = clock.now
            _ = await Pipeline.build(BuildOptions(content: prepared.content.path, templates: prepared.templates.path,
                                                  output: output.path))
            best = min(best, seconds(clock.now - start))
        }
        caseTimes.append((badCase.name, best))
        if best >= caseBudget { failures.append("bad-input case \(badCase.name): \(format(best, 2)) s") }
    } catch {
        failures.append("bad-input case \(badCase.name) could not be prepared: \(error)")
    }
    try? FileManager.default.removeItem(at: folder)
}
let total = caseTimes.reduce(0) { $0 + $1.seconds }
print("\(caseTimes.count) cases in \(format(total, 2)) s; the slowest:")
print("| case | s |\n|---|---:|")
for (name, time) in caseTimes.sorted(by: { $0.seconds > $1.seconds }).prefix(8) { print("| \(name) | \(format(time)) |") }

// MARK: 2. Hostile Markdown bodies

print("\n== Hostile Markdown bodies: render time at " + HostileBodies.sizes.map { "\($0 / 1000) KB" }.joined(separator: ", ")
      + " (fastest of 3); 8× the input may cost at most 32× the time, and 0.5 s at 80 KB")
print("| shape | " + HostileBodies.sizes.map { "\($0 / 1000) KB (s)" }.joined(separator: " | ") + " | ratio |")
print("|---|" + String(repeating: "---:|", count: HostileBodies.sizes.count + 1))
for shape in HostileBodies.all {
    let times = HostileBodies.sizes.map { bytes in
        let text = shape.make(bytes)
        return fastest(3) { _ = Markdown.render(text) }
    }
    let ratio = (times.last ?? 0) / max(times[0], 0.000_001)
    print("| \(shape.name) | " + times.map { format($0, 4) }.joined(separator: " | ") + " | \(format(ratio, 1)) |")
    // Under 5 ms at 10 KB the clock's noise dominates: the ratio is then taken against 5 ms.
    if (times.last ?? 0) / max(times[0], 0.005) >= 32 { failures.append("hostile body \(shape.name): 8× the input took \(format(ratio, 1))× the time") }
    if (times.last ?? 0) >= 0.5 { failures.append("hostile body \(shape.name): \(format(times.last ?? 0)) s at 80 KB") }
}

// MARK: 3. The YAML pitfall scan

print("\n== YAML pitfall scan: two hostile front matters, the second 4× the first (fastest of 3); it may cost at most 9× the time")
let small = PitfallScanInput.text(50_000)
let large = PitfallScanInput.text(200_000)
let smallTime = fastest(3) { _ = YAMLPitfalls.scan(small, file: "Content/projects/x.md") }
let largeTime = fastest(3) { _ = YAMLPitfalls.scan(large, file: "Content/projects/x.md") }
let scanRatio = largeTime / max(smallTime, 0.0005)
print("| text | bytes | s |\n|---|---:|---:|")
print("| small | \(small.utf8.count) | \(format(smallTime, 4)) |\n| large | \(large.utf8.count) | \(format(largeTime, 4)) |")
print("ratio large / small: \(format(scanRatio, 1))")
if scanRatio >= 9 { failures.append("YAML pitfall scan: 4× the text took \(format(scanRatio, 1))× the time") }

// MARK: Verdict

if failures.isEmpty {
    print("\npasserelle-bench: every figure within its limit")
} else {
    print("\npasserelle-bench: \(failures.count) figure(s) over the limit:")
    for failure in failures { print("  - \(failure)") }
    exit(1)
}
