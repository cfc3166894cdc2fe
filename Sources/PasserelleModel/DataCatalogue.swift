/// What the open data holds, table by table: the list the exports write from, handed to the pages (the "Données" page,
/// the download links) so that they never list a file of their own. Label-free: titles and descriptions are the
/// French texts of the datapackage.
public struct DataCatalogueEntry: Sendable, Hashable {
    public struct Column: Sendable, Hashable {
        public var name: String
        /// `string`, `number`, `integer` or `boolean` (Table Schema).
        public var type: String
        public var description: String

        public init(name: String, type: String, description: String) {
            self.name = name
            self.type = type
            self.description = description
        }
    }

    /// The files' path without extension, e.g. `data/fiches`.
    public var stem: String
    public var title: String
    public var description: String?
    public var columns: [Column]
    /// The number of data rows (the header not counted).
    public var rows: Int
    /// False when the table has no row: then no file of it is written, and nothing links to it.
    public var isWritten: Bool
    /// Whether a JSON copy is written beside the CSV.
    public var hasJSON: Bool
    /// Its resource name in `datapackage.json`, when it is listed there.
    public var resourceName: String?

    public init(stem: String, title: String, description: String?, columns: [Column], rows: Int, isWritten: Bool, hasJSON: Bool,
                resourceName: String?) {
        self.stem = stem
        self.title = title
        self.description = description
        self.columns = columns
        self.rows = rows
        self.isWritten = isWritten
        self.hasJSON = hasJSON
        self.resourceName = resourceName
    }

    public var csvPath: String { stem + ".csv" }
    public var jsonPath: String? { hasJSON ? stem + ".json" : nil }
    public var spreadsheetPath: String { Routes.dataSpreadsheet(stem) }

    /// Every file written for this table, under `data/`: the CSV, its spreadsheet copy, the JSON. None when it is empty.
    public var files: [String] {
        guard isWritten else { return [] }
        return [csvPath, spreadsheetPath] + (jsonPath.map { [$0] } ?? [])
    }
}

/// Every table of the open data, in the order of `datapackage.json`, and the package file itself.
public struct DataCatalogue: Sendable, Hashable {
    public let tables: [DataCatalogueEntry]
    /// `data/datapackage.json`.
    public let dataPackage: String
    /// The position of each table by stem, so every page's links look their table up at once.
    private let positions: [String: Int]

    public init(tables: [DataCatalogueEntry] = [], dataPackage: String = "data/datapackage.json") {
        self.tables = tables
        self.dataPackage = dataPackage
        self.positions = Dictionary(tables.enumerated().map { ($1.stem, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The table written under `stem`, if the open data has one.
    public func table(_ stem: String) -> DataCatalogueEntry? {
        positions[stem].map { tables[$0] }
    }

    /// Every file of the open data, in the order they are written.
    public var files: [String] {
        tables.flatMap(\.files) + (tables.isEmpty ? [] : [dataPackage])
    }
}
