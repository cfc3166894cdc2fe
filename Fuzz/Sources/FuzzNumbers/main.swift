import FuzzSupport
import PasserelleContent

// Amounts and shares as people type them.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: bytes(data, size), as: UTF8.self)
    if case .success(let value) = NumberParser.amount(text) {
        precondition(value.isFinite && value >= 0, "amount \(value) from \(text.debugDescription)")
    }
    if case .success(let fraction)? = NumberParser.share(text) {
        precondition(fraction.isFinite && fraction >= 0, "share \(fraction) from \(text.debugDescription)")
    }
    return 0
}

fuzz(testOneInput)
