import FuzzSupport
import PasserelleContent

// Any bytes through the whole record reader: text checks, front matter, YAML, typed decoding.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    switch SourceText.decode(bytes(data, size), file: "fuzz.md") {
    case .failure:
        break
    case .success(let text):
        _ = ContentLoader.decodeRecord(text: text, file: "fuzz.md", defaultID: "fuzz")
        // The pitfall scan on the whole text too, not only on what the front matter splitter keeps.
        _ = YAMLPitfalls.scan(text, file: "fuzz.md")
    }
    return 0
}

fuzz(testOneInput)
