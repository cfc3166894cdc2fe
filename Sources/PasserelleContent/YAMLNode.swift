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
    /// The lines of the YAML text this node comes from (shared by all nodes of a document) and the file
    /// line of its first one, so a position inside a value can be traced back to the file.
    var source: [Substring]
    var sourceFirstLine: Int

    public init(_ value: Value, at location: SourceLocation, block: Bool = false) {
        self.value = value
        self.location = location
        self.isBlock = block
        self.source = []
        self.sourceFirstLine = 1
    }

    /// The file position of every character of a scalar's text, following it across folded lines.
    ///
    /// YAML folds a value written over several lines into one line of text; an error found at character
    /// 40 of that text must still point at the line and column where that character was written.
    public func characterPositions() -> [SourceLocation] {
        guard case .scalar(let text, let plain) = value else { return [] }
        var lineIndex = location.line - sourceFirstLine
        guard lineIndex >= 0, lineIndex < source.count else { return [] }
        var line = Array(source[lineIndex])
        var column = location.column - 1 + (plain || isBlock ? 0 : 1)
        var positions: [SourceLocation] = []
        positions.reserveCapacity(text.count)
        // `column == line.count` stands for the line break at the end of the line.
        func advance() {
            if column < line.count {
                column += 1
            } else if lineIndex + 1 < source.count {
                lineIndex += 1
                line = Array(source[lineIndex])
                column = 0
                while column < line.count, line[column] == " " { column += 1 }
            }
        }
        for character in text {
            if character != " " && character != "\n" {
                // Folding turned a line break and indentation into nothing or one space: skip them in the source.
                while column < line.count ? line[column] == " " : lineIndex + 1 < source.count { advance() }
            }
            positions.append(SourceLocation(line: lineIndex + sourceFirstLine, column: column + 1))
            advance()
        }
        return positions
    }

    /// The text of file line `line` of the YAML this node comes from, nil when it is not part of it.
    public func sourceLine(_ line: Int) -> String? {
        let index = line - sourceFirstLine
        guard index >= 0, index < source.count else { return nil }
        return String(source[index])
    }

    /// A scalar written without quotes.
    public var isPlain: Bool {
        if case .scalar(_, true) = value { return true }
        return false
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
    /// What the node is, in a diagnostic's words: « une liste » / "a list".
    public var typeName: Bilingual {
        switch value {
        case .scalar: return isNull ? Bilingual(fr: "une valeur vide", en: "nothing") : Bilingual(fr: "un texte", en: "text")
        case .mapping: return Bilingual(fr: "des lignes «\u{A0}clé: valeur\u{A0}»", en: "a mapping (key: value lines)")
        case .sequence: return Bilingual(fr: "une liste", en: "a list")
        }
    }

    public var typeDescription: String {
        switch value {
        case .scalar: return isNull ? "nothing" : "text"
        case .mapping: return "a mapping (key: value lines)"
        case .sequence: return "a list"
        }
    }

    /// Gives every node of a tree the document's lines (one shared array).
    mutating func attach(source: [Substring], firstLine: Int) {
        self.source = source
        self.sourceFirstLine = firstLine
        switch value {
        case .scalar: break
        case .sequence(var items):
            for index in items.indices { items[index].attach(source: source, firstLine: firstLine) }
            value = .sequence(items)
        case .mapping(var pairs):
            for index in pairs.indices { pairs[index].value.attach(source: source, firstLine: firstLine) }
            value = .mapping(pairs)
        }
    }
}
