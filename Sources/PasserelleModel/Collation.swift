/// The order a French reader expects in a list: "Élus" beside "Elles", not after "Zone".
///
/// First level: letters without their accents and case ("É" = "e", "œ" = "oe"), so "État" sorts between
/// "Agence" and "Europe". Ties are broken by accents, then case, then the text's own code points, so the order is
/// total and the same on every machine (no locale or ICU data is read).
public enum Collation {
    /// The sort key of a text; compare keys rather than texts when sorting many items.
    public struct Key: Comparable, Hashable, Sendable {
        /// Letters folded to lower case without accents, ligatures spelt out.
        let primary: [UInt32]
        /// Lower case, accents kept.
        let secondary: [UInt32]
        /// The text itself.
        let tertiary: [UInt32]

        public static func < (a: Key, b: Key) -> Bool {
            if a.primary != b.primary { return a.primary.lexicographicallyPrecedes(b.primary) }
            if a.secondary != b.secondary { return a.secondary.lexicographicallyPrecedes(b.secondary) }
            return a.tertiary.lexicographicallyPrecedes(b.tertiary)
        }
    }

    public static func key(_ text: String) -> Key {
        var primary: [UInt32] = []
        var secondary: [UInt32] = []
        primary.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            secondary.append(scalar.value)
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            switch scalar {
            case "œ": primary += [0x6F, 0x65]
            case "æ": primary += [0x61, 0x65]
            case "ß": primary += [0x73, 0x73]
            case "\u{00A0}", "\u{202F}": primary.append(0x20)
            case "’": primary.append(0x27)
            default: primary.append(scalar.value)
            }
        }
        return Key(primary: primary, secondary: secondary, tertiary: text.unicodeScalars.map(\.value))
    }

    /// True when `a` comes before `b` in French order.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        key(a) < key(b)
    }

    /// The items in French order of the text `text` gives for each (each key computed once); items with the same
    /// text keep their order.
    public static func sorted<Item>(_ items: [Item], by text: (Item) -> String) -> [Item] {
        items.enumerated().map { (key: key(text($0.element)), index: $0.offset, item: $0.element) }
            .sorted { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }.map(\.item)
    }

    /// Texts in French order.
    public static func sorted(_ texts: [String]) -> [String] {
        sorted(texts) { $0 }
    }
}
