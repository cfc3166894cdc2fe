/// A rendered file: its path inside the output folder and its bytes.
public struct RenderedFile: Sendable {
    public var path: String
    public var contents: [UInt8]

    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }
}
