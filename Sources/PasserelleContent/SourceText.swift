import Foundation
import PasserelleModel

/// Turns a file's bytes into text the parser can trust: valid UTF-8, no NUL, no BOM, LF line endings.
public enum SourceText {
    /// Records larger than this are refused before they are decoded.
    public static let maxRecordBytes = 5 * 1024 * 1024

    /// The decoded text, or the diagnostic that says why the file cannot be read.
    public static func decode(_ bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
        if let encoding = wideEncoding(bytes, sawNUL: false) { return .failure(wide(encoding, file: file)) }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            start = 3  // A byte-order mark, as Windows editors write: accepted and dropped.
        }
        var line = 1
        var lineStart = start
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0 {
                if let encoding = wideEncoding(bytes, sawNUL: true) { return .failure(wide(encoding, file: file)) }
                return .failure(.error("file-nul-byte", file, SourceLocation(line: line, column: column(bytes, from: lineStart, to: index)),
                                       Bilingual(fr: "le fichier contient un octet nul", en: "the file contains a NUL byte"),
                                       hint: Bilingual(fr: "le fichier est binaire ou abîmé\u{A0}; enregistrez-le de nouveau en texte brut UTF-8",
                                                       en: "the file is binary or corrupted; re-save it as plain UTF-8 text")))
            }
            if byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) {
                // LF, or a CR alone (old Mac files): a line ends. The CR of a CRLF counts with its LF.
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index)
            if length == 0 {
                let hex = String(byte, radix: 16, uppercase: true)
                let byteText = "0x" + (hex.count == 1 ? "0" + hex : hex)
                return .failure(.error("file-not-utf8", file, SourceLocation(line: line, column: column(bytes, from: lineStart, to: index)),
                                       Bilingual(fr: "le fichier n’est pas en UTF-8 (octet \(byteText))", en: "the file is not valid UTF-8 (byte \(byteText))"),
                                       hint: Bilingual(fr: "enregistrez le fichier en UTF-8 (dans la plupart des éditeurs\u{A0}: Enregistrer sous… › Encodage › UTF-8)",
                                                       en: "save the file as UTF-8 (in most editors: Save as… › Encoding › UTF-8)")))
            }
            index += length
        }
        var text = String(decoding: bytes[start...], as: UTF8.self)
        if text.contains("\r") {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        // Text pasted from word processors may hold Unicode line and paragraph separators (U+2028, U+2029) or NEL
        // (U+0085). YAML breaks lines there; reading them as line breaks keeps every line number the same everywhere.
        if text.unicodeScalars.contains(where: { $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}" }) {
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                scalars.append(scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}" ? "\n" : scalar)
            }
            text = String(scalars)
        }
        return .success(text)
    }

    /// "UTF-16" or "UTF-32" when the bytes are text in one of them: a byte-order mark (FF FE, FE FF, FF FE 00 00,
    /// 00 00 FE FF), or, once a NUL byte is found, NULs in every other byte (UTF-16 without a mark, as Windows tools
    /// write it). A binary file has its NULs anywhere, and stays "contains a NUL byte".
    static func wideEncoding(_ bytes: [UInt8], sawNUL: Bool) -> String? {
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32" }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16" }
        guard sawNUL else { return nil }
        let pairs = min(bytes.count, 4096) / 2
        var zeros = (even: 0, odd: 0)
        for pair in 0..<pairs {
            if bytes[2 * pair] == 0 { zeros.even += 1 }
            if bytes[2 * pair + 1] == 0 { zeros.odd += 1 }
        }
        let (most, least) = (max(zeros.even, zeros.odd), min(zeros.even, zeros.odd))
        return most >= max(2, pairs / 2) && least <= pairs / 8 ? "UTF-16" : nil
    }

    static func wide(_ encoding: String, file: String) -> Diagnostic {
        .error("file-not-utf8", file, .start,
               Bilingual(fr: "le fichier est encodé en \(encoding)\u{A0}; enregistrez-le en UTF-8", en: "the file is encoded in \(encoding); save it as UTF-8"),
               hint: Bilingual(fr: "dans la plupart des éditeurs\u{A0}: Enregistrer sous… › Encodage › UTF-8" + (encoding == "UTF-16" ? " (le Bloc-notes de Windows appelle l’UTF-16 «\u{A0}Unicode\u{A0}»)" : ""),
                               en: "in most editors: Save as… › Encoding › UTF-8" + (encoding == "UTF-16" ? " (Windows Notepad calls UTF-16 \"Unicode\")" : "")))
    }

    /// Column (1-based, in Unicode scalars) of byte `index` on a line starting at byte `lineStart`.
    private static func column(_ bytes: [UInt8], from lineStart: Int, to index: Int) -> Int {
        var scalars = 0
        for i in lineStart..<index where bytes[i] & 0xC0 != 0x80 { scalars += 1 }
        return scalars + 1
    }

    /// Length of the well-formed UTF-8 sequence at `index`, or 0 if it is not well formed.
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let b0 = bytes[index]
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < bytes.count && range.contains(bytes[index + offset])
        }
        switch b0 {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }
}
