import Foundation
import PasserelleModel

/// One table of the open data: its columns, listed once with their type and meaning, and its rows. The same table
/// is written as CSV, as JSON and as its datapackage.json resource, so the three can never disagree.
public struct DataTable: Sendable {
    /// The Table Schema types the tables use.
    public enum ColumnType: String, Sendable, Hashable {
        case string, number, integer, boolean
    }

    public struct Column: Sendable, Hashable {
        public var name: String
        public var type: ColumnType
        /// What the column means, in one French sentence (published in datapackage.json).
        public var description: String

        public init(_ name: String, _ type: ColumnType, _ description: String) {
            self.name = name
            self.type = type
            self.description = description
        }
    }

    /// A value of a row. nil is an unknown or unavailable value: an empty CSV cell and a JSON null, never 0.
    public enum Cell: Sendable, Hashable {
        case text(String?)
        case number(Double?)
        case integer(Int?)
        case boolean(Bool?)

        public static let empty = Cell.text(nil)

        /// Numbers keep 4 decimals: enough for shares (0.7826) and cents.
        public static let decimals = 4

        /// The number as a machine text ("76666.6667"), or nil when it is unknown or not finite.
        public var machine: String? {
            switch self {
            case .number(let value):
                guard let value else { return nil }
                let text = PlainNumber.machine(value, decimals: Self.decimals)
                return text.isEmpty ? nil : text
            case .integer(let value): return value.map(String.init)
            case .boolean(let value): return value.map { $0 ? "true" : "false" }
            case .text(let value): return value
            }
        }

        /// The cell in a CSV line (RFC 4180), text guarded against spreadsheet formulas.
        public var csv: String {
            switch self {
            case .text(let value): return value.map { CSVCell.text($0).encoded } ?? ""
            default: return machine ?? ""
            }
        }

        /// The cell in a line of the spreadsheet copy: `;` between cells, a decimal comma (`10952,381`), text guarded
        /// against formulas and quoted when it holds a `;`, a quote or a line break.
        public var spreadsheet: String {
            switch self {
            case .text(let value): return value.map { CSVCell.text($0).encoded(separator: ";") } ?? ""
            case .number: return (machine ?? "").replacingOccurrences(of: ".", with: ",")
            default: return machine ?? ""
            }
        }

        public var json: JSONValue {
            switch self {
            case .text(let value): return value.map(JSONValue.string) ?? .null
            case .number, .integer: return machine.map(JSONValue.number) ?? .null
            case .boolean(let value): return value.map(JSONValue.bool) ?? .null
            }
        }

        /// True when the cell is unknown (empty in CSV, null in JSON).
        public var isEmpty: Bool { machine == nil || machine == "" }

        var type: ColumnType {
            switch self {
            case .text: return .string
            case .number: return .number
            case .integer: return .integer
            case .boolean: return .boolean
            }
        }
    }

    /// The files' path without extension, e.g. `data/tableaux-de-bord/vue-d-ensemble-1`.
    public var stem: String
    public var title: String
    /// What the table holds, in French (published in datapackage.json).
    public var description: String?
    public var columns: [Column]
    public var primaryKey: [String]
    public var rows: [[Cell]]
    /// False for tables published in a CSV-only schema (SCDL).
    public var hasJSON: Bool

    public init(stem: String, title: String, description: String? = nil, columns: [Column], primaryKey: [String],
                rows: [[Cell]] = [], hasJSON: Bool = true) {
        self.stem = stem
        self.title = title
        self.description = description
        self.columns = columns
        self.primaryKey = primaryKey
        self.rows = rows
        self.hasJSON = hasJSON
    }

    public var csvPath: String { stem + ".csv" }
    public var jsonPath: String { stem + ".json" }

    /// The index of a column by name.
    public func index(of column: String) -> Int? {
        columns.firstIndex { $0.name == column }
    }

    /// The cell of `row` in `column`, or nil when there is no such column.
    public func cell(_ row: [Cell], _ column: String) -> Cell? {
        index(of: column).flatMap { $0 < row.count ? row[$0] : nil }
    }

    // MARK: Writers

    /// RFC 4180: a header of the column names, CRLF line ends.
    public func csv() -> String {
        var lines = [columns.map { CSVCell.text($0.name).encoded }.joined(separator: ",")]
        for row in rows { lines.append(row.map(\.csv).joined(separator: ",")) }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The UTF-8 byte-order mark that tells a spreadsheet (Excel, LibreOffice) the file is UTF-8, so accents survive.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The copy for French spreadsheets: a byte-order mark, `;` between cells, a decimal comma, CRLF line ends. The same
    /// header and rows as `csv()`; not listed in datapackage.json (a presentation copy, not a second dataset).
    public func spreadsheetCSV() -> [UInt8] {
        var lines = [columns.map { CSVCell.text($0.name).encoded(separator: ";") }.joined(separator: ";")]
        for row in rows { lines.append(row.map(\.spreadsheet).joined(separator: ";")) }
        return Self.byteOrderMark + Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// Its spreadsheet copy's path: `data/fiches-tableur.csv`.
    public var spreadsheetPath: String { Routes.dataSpreadsheet(stem) }

    /// An array of objects whose keys are the column names, in column order.
    public var jsonValue: JSONValue {
        .array(rows.map { row in .object(zip(columns, row).map { ($0.name, $1.json) }) })
    }

    public func json() -> String {
        JSONText.write(jsonValue)
    }

    /// The name of its resource in datapackage.json: its path under `data/`, without extension, `/` as `-`.
    public var resourceName: String {
        let relative = stem.hasPrefix("data/") ? String(stem.dropFirst("data/".count)) : stem
        return relative.replacingOccurrences(of: "/", with: "-")
    }

    /// Its datapackage.json resource: a Frictionless Table Schema with every field's type and meaning.
    public var resource: JSONValue {
        let relative = csvPath.hasPrefix("data/") ? String(csvPath.dropFirst("data/".count)) : csvPath
        var pairs: [(String, JSONValue)] = [("name", .string(resourceName)), ("path", .string(relative)), ("title", .string(title))]
        if let description { pairs.append(("description", .string(description))) }
        pairs += [("profile", .string("tabular-data-resource")), ("format", .string("csv")), ("mediatype", .string("text/csv")),
                  ("encoding", .string("utf-8"))]
        var schema: [(String, JSONValue)] = [
            ("fields", .array(columns.map { column in
                .object([("name", .string(column.name)), ("type", .string(column.type.rawValue)),
                         ("description", .string(column.description))])
            })),
        ]
        if primaryKey.count == 1 {
            schema.append(("primaryKey", .string(primaryKey[0])))
        } else if !primaryKey.isEmpty {
            schema.append(("primaryKey", .array(primaryKey.map(JSONValue.string))))
        }
        schema.append(("missingValues", .array([.string("")])))
        pairs.append(("schema", .object(schema)))
        return .object(pairs)
    }

    /// The files of the table: its CSV, its spreadsheet copy, and its JSON unless its schema is CSV only.
    public var files: [RenderedFile] {
        var files = [RenderedFile(path: csvPath, contents: Array(csv().utf8)), RenderedFile(path: spreadsheetPath, contents: spreadsheetCSV())]
        if hasJSON { files.append(RenderedFile(path: jsonPath, contents: Array(json().utf8))) }
        return files
    }

    // MARK: Checks

    /// What makes the table unpublishable as it is (each a sentence): a column listed twice, a row of the wrong
    /// width, a cell of the wrong type, a primary key missing or repeated.
    public var problems: [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for column in columns where !seen.insert(column.name).inserted {
            problems.append("the column '\(column.name)' is listed twice")
        }
        let keyIndices = primaryKey.compactMap { index(of: $0) }
        for key in primaryKey where index(of: key) == nil { problems.append("the primary key '\(key)' is not a column") }
        var keys: Set<[String]> = []
        for (number, row) in rows.enumerated() {
            guard row.count == columns.count else {
                problems.append("row \(number + 1) has \(row.count) cells for \(columns.count) columns")
                continue
            }
            for (cell, column) in zip(row, columns) where cell.type != column.type {
                problems.append("row \(number + 1): the column '\(column.name)' is \(column.type.rawValue), the cell is \(cell.type.rawValue)")
            }
            guard keyIndices.count == primaryKey.count, !keyIndices.isEmpty else { continue }
            let key = keyIndices.map { row[$0].machine ?? "" }
            if key.contains("") {
                problems.append("row \(number + 1) has no value for its key (\(primaryKey.joined(separator: ", ")))")
            } else if !keys.insert(key).inserted {
                problems.append("two rows have the key \(key.joined(separator: ", "))")
            }
        }
        return problems
    }

    // MARK: Composition

    /// Tables of the same columns one after the other, each row prefixed by its table's value in `column`
    /// (the command line's indicators, one block per indicator, in one table).
    public static func concatenating(_ parts: [(key: Cell, table: DataTable)], column: Column, stem: String, title: String,
                                     description: String? = nil) -> DataTable {
        let columns = [column] + (parts.first?.table.columns ?? [])
        let key = [column.name] + (parts.first?.table.primaryKey ?? [])
        let rows = parts.flatMap { part in part.table.rows.map { [part.key] + $0 } }
        return DataTable(stem: stem, title: title, description: description, columns: columns, primaryKey: key, rows: rows)
    }
}

/// A CSV cell (RFC 4180), safe to open in a spreadsheet.
public enum CSVCell: Sendable {
    case text(String)
    case number(Double?)

    /// The characters a spreadsheet may read as the start of a formula, with their full-width forms.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// True when the first scalar that is neither a format character (Cf: joiners, zero-width space, byte-order
    /// mark, direction marks…) nor a combining mark (Mn, Mc, Me) starts a formula: invisible scalars before or
    /// after the `=` cannot hide it.
    public static func startsLikeFormula(_ text: String) -> Bool {
        let first = text.unicodeScalars.first { scalar in
            switch scalar.properties.generalCategory {
            case .format, .nonspacingMark, .spacingMark, .enclosingMark: return false
            default: return true
            }
        }
        return first.map(formulaStarts.contains) ?? false
    }

    public var encoded: String { encoded(separator: ",") }

    /// The cell for a CSV whose cells are separated by `separator` (`,`, or `;` in the spreadsheet copy).
    public func encoded(separator: Unicode.Scalar) -> String {
        switch self {
        case .number(let value):
            return DataTable.Cell.number(value).machine ?? ""
        case .text(var text):
            // A text starting with = + - @ (or a tab or carriage return) would run as a formula in a
            // spreadsheet: a leading apostrophe keeps it text (OWASP "CSV injection").
            // Scalars, not characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
            if Self.startsLikeFormula(text) { text = "'" + text }
            if text.unicodeScalars.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return text
        }
    }
}
