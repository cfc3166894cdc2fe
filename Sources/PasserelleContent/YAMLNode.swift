import PasserelleModel

/// A YAML value with the position it was written at, in the coordinates of the whole file.
///
/// Built from `Yams.compose` so that every value, not only syntax errors, has a line and a column.
public struct YAMLNode: Sendable {
    public enum Value: Sendable {
        /// A scalar's text and whether it was written plain (unquoted), which decides if `null` or `true` are keywords.
        case scalar(String, plain: Bool)
        case mapping([Pair])
        case sequence([YAMLNode])
    }

    public struct Pair: Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: YAMLNode

        public init(key: String, keyLocation: SourceLocation, value: YAMLNode) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    public var value: Value
    public var location: SourceLocation
    /// A block scalar (`|` or `>`): `location` is its first character, on the line after the indicator.
    public var isBlock: Bool

    public init(_ value: Value, at location: SourceLocation, block: Bool = false) {
        self.value = value
        self.location = location
        self.isBlock = block
    }

    /// A plain `~`, `null` or nothing at all: YAML's way to say "no value".
    public var isNull: Bool {
        if case .scalar(let text, true) = value {
            return ["", "~", "null", "Null", "NULL"].contains(text)
        }
        return false
    }

    public var scalar: String? {
        if case .scalar(let text, _) = value { return text }
        return nil
    }

    public var pairs: [Pair]? {
        if case .mapping(let pairs) = value { return pairs }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    /// The value under `key` in a mapping.
    public subscript(key: String) -> YAMLNode? {
        pairs?.first { $0.key == key }?.value
    }

    /// What a reader would call this value: "text", "a list", "a mapping".
    public var typeDescription: String {
        switch value {
        case .scalar: return isNull ? "nothing" : "text"
        case .mapping: return "a mapping (key: value lines)"
        case .sequence: return "a list"
        }
    }
}
