import Foundation

/// The fields of a form posted as `application/x-www-form-urlencoded`, in order, repeated names kept.
public struct FormFields: Sendable, Equatable {
    public var pairs: [(name: String, value: String)]

    public init(_ pairs: [(name: String, value: String)] = []) { self.pairs = pairs }

    public static func == (lhs: FormFields, rhs: FormFields) -> Bool {
        lhs.pairs.map(\.name) == rhs.pairs.map(\.name) && lhs.pairs.map(\.value) == rhs.pairs.map(\.value)
    }

    /// Decodes a body or a query: `a=1&b=x+y&c=%C3%A9`. Bytes that are not UTF-8 become U+FFFD.
    public static func decode(_ bytes: [UInt8]) -> FormFields {
        var pairs: [(String, String)] = []
        for part in bytes.split(separator: UInt8(ascii: "&")) {
            let halves = part.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = unescape(halves[0])
            let value = halves.count > 1 ? unescape(halves[1]) : ""
            pairs.append((name, value))
        }
        return FormFields(pairs)
    }

    static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(32)
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                      let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        // Line ends as browsers send them (CRLF) become LF.
        return String(decoding: out, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The first value of a field.
    public func value(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Every value of a field (checkboxes of the same name).
    public func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// A count sent in a hidden field, within 0...max.
    func count(_ name: String, max: Int) -> Int {
        guard let text = value(name), let number = Int(text) else { return 0 }
        return Swift.max(0, Swift.min(number, max))
    }
}
