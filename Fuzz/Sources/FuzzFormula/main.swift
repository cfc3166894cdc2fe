import FuzzSupport
import PasserelleIndicators

// Formulas of indicators.yml: parsing never crashes, and errors point inside the formula.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: bytes(data, size), as: UTF8.self)
    let metrics: Set<String> = ["people_accompanied", "jobs_created", "turnover", "insertion_jobs"]
    if case .failure(let error) = FormulaParser.parse(text, metrics: metrics) {
        precondition(error.offset >= 0 && error.offset <= text.count, "offset \(error.offset) outside \(text.debugDescription)")
    }
    return 0
}

fuzz(testOneInput)
