import Foundation

/// JSON as every Passerelle file and report writes it: pretty, keys sorted (so output is deterministic), slashes unescaped.
public enum JSONText {
    public static func encode<T: Encodable>(_ value: T, fallback: String = "{}") -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return fallback + "\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
