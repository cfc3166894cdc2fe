import Foundation
import PasserelleIndicators
import PasserelleModel
import PasserelleRender

/// Open data: the cards and their figures as CSV and JSON, with plain machine numbers (dot decimal, no grouping).
public enum Exports {
    public static let cardsCSV = "data/fiches.csv"
    public static let cardsJSON = "data/fiches.json"

    /// One row per card: identity, territory, budget, funding, and every indicator of the dictionary.
    struct CardRow: Encodable {
        var id: String
        var kind: String
        var title: String
        var url: String
        var carrier: String?
        var territory: String?
        var departments: [String]
        var regions: [String]
        var themes: [String]
        var budgetAnnual: Double?
        var budgetTotal: Double?
        var periodYears: Int?
        var fundingTotal: Double?
        var indicators: [String: Double?]

        enum CodingKeys: String, CodingKey {
            case id, kind, title, url, carrier, territory, departments, regions, themes, indicators
            case budgetAnnual = "budget_annual", budgetTotal = "budget_total", periodYears = "period_years"
            case fundingTotal = "funding_total"
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(kind, forKey: .kind)
            try container.encode(title, forKey: .title)
            try container.encode(url, forKey: .url)
            try container.encode(carrier, forKey: .carrier)
            try container.encode(territory, forKey: .territory)
            try container.encode(departments, forKey: .departments)
            try container.encode(regions, forKey: .regions)
            try container.encode(themes, forKey: .themes)
            try container.encode(budgetAnnual, forKey: .budgetAnnual)
            try container.encode(budgetTotal, forKey: .budgetTotal)
            try container.encode(periodYears, forKey: .periodYears)
            try container.encode(fundingTotal, forKey: .fundingTotal)
            try container.encode(indicators, forKey: .indicators)
        }
    }

    static func rows(site: Site, measures: [String: CardMeasures], indicators: [String],
                     including include: (Record) -> Bool = { _ in true }) -> [CardRow] {
        site.cards.filter(include).compactMap { record in
            guard let card = record.card else { return nil }
            let measure = measures[record.id]
            var carrier: String?
            switch card.carrier {
            case .organisation(let reference): carrier = reference.id
            case .named(let name, _): carrier = name
            case nil: carrier = nil
            }
            var values: [String: Double?] = [:]
            for id in indicators { values.updateValue(measure?.value(id)?.number.map(round), forKey: id) }
            return CardRow(id: record.id, kind: record.kind.rawValue, title: record.title, url: Routes.record(record),
                           carrier: carrier, territory: card.territory?.name, departments: card.territory?.departments ?? [],
                           regions: site.regions(of: card), themes: record.themes.map(\.id),
                           budgetAnnual: measure?.facts.budgetAnnual.map(round), budgetTotal: measure?.facts.budgetTotal.map(round),
                           periodYears: measure?.facts.periodYears, fundingTotal: measure?.facts.fundingTotal.map(round),
                           indicators: values)
        }
    }

    /// Machine precision for exports: 4 decimals is enough for shares (0.7826) and cents.
    static func round(_ value: Double) -> Double {
        (value * 10_000).rounded(.toNearestOrAwayFromZero) / 10_000
    }

    /// The open data of the site. `blocks` are the dashboards' blocks as the pages show them; without them (no
    /// labels to name the groups), only the cards and the subsidies are exported.
    public static func files(site: Site, measures: [String: CardMeasures], engine: IndicatorEngine, blocks: ComputedBlocks? = nil,
                             labels: Labels? = nil) -> [RenderedFile] {
        let indicatorIDs = engine.indicators.map(\.id)
        var files: [RenderedFile] = []
        var resources: [DataResource] = []
        /// A table as CSV (described in the data package) and, when given, the same as JSON beside it.
        func publish(_ stem: String, title: String, fields: [(name: String, type: String)], key: String?, csv: String, json: String?) {
            files.append(RenderedFile(path: stem + ".csv", contents: Array(csv.utf8)))
            if let json { files.append(RenderedFile(path: stem + ".json", contents: Array(json.utf8))) }
            resources.append(DataResource(path: stem + ".csv", title: title, fields: fields, primaryKey: key))
        }
        func publishCards(_ stem: String, title: String, including include: (Record) -> Bool = { _ in true }) {
            let cards = rows(site: site, measures: measures, indicators: indicatorIDs, including: include)
            publish(stem, title: title, fields: cardFields(indicators: indicatorIDs), key: "id",
                    csv: csv(cards, indicators: indicatorIDs), json: json(cards))
        }
        func publishBlock(_ block: BlockData, title: String) {
            publish(block.fileStem, title: title, fields: blockFields(block), key: "group", csv: blockCSV(block), json: blockJSON(block))
        }

        publishCards(String(cardsCSV.dropLast(4)), title: "Fiches")
        let scdl = SCDLExport.files(site: site, measures: measures)
        publish(String(SCDLExport.csvPath.dropLast(4)), title: "Subventions (schéma SCDL)", fields: SCDLExport.fields, key: nil,
                csv: scdl.csv, json: nil)
        publish(String(SCDLExport.reportPath.dropLast(4)), title: "Subventions : lignes non publiées et champs manquants",
                fields: SCDLExport.reportFields, key: nil, csv: scdl.report, json: nil)
        if let labels, let blocks {
            for record in site.records(of: .dashboard) {
                for block in blocks.dashboards[record.id] ?? [] { publishBlock(block, title: "\(record.title) : \(block.title)") }
            }
            // The generated pages (regions, funder types) exist when the site has dashboards; theme pages always do.
            let pages = (site.records(of: .dashboard).isEmpty ? [] : GeneratedDashboard.all(site: site, labels: labels))
                + GeneratedDashboard.themes(site: site)
            for page in pages {
                publishCards(page.cardsStem, title: "\(page.title) : fiches") { page.includes($0, in: site) }
                let pageBlocks = blocks.generated[page.id] ?? []
                let summary = pageBlocks.filter { !$0.isFunding }
                publish(page.summaryStem, title: page.title, fields: summaryFields, key: "indicator",
                        csv: summaryCSV(summary), json: summaryJSON(summary))
                for block in pageBlocks where block.isFunding { publishBlock(block, title: "\(page.title) : \(block.title)") }
            }
        }
        files.append(RenderedFile(path: dataPackage, contents: Array(dataPackageJSON(site: site, resources: resources).utf8)))
        return files
    }

    public static let dataPackage = "data/datapackage.json"

    static let summaryFields: [(name: String, type: String)] = [("indicator", "string"), ("label", "string"), ("unit", "string"),
                                                                 ("value", "number"), ("cards_reporting", "integer"), ("cards", "integer")]

    /// One row per indicator over a page's cards (a region's, a funder type's).
    static func summaryCSV(_ blocks: [BlockData]) -> String {
        var lines: [[CSVCell]] = [summaryFields.map { .text($0.name) }]
        for block in blocks {
            let row = block.rows.first
            lines.append([.text(block.block.indicator.id), .text(block.title), .text(block.unit.rawValue), .number(row?.value),
                          .number(Double(row?.reporting ?? 0)), .number(Double(row?.cards ?? 0))])
        }
        return lines.map { $0.map(\.encoded).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func summaryJSON(_ blocks: [BlockData]) -> String {
        struct Row: Encodable {
            var indicator: String
            var label: String
            var unit: String
            var value: Double?
            var cards_reporting: Int
            var cards: Int
        }
        return JSONText.encode(blocks.map { block in
            Row(indicator: block.block.indicator.id, label: block.title, unit: block.unit.rawValue,
                value: block.rows.first?.value.map(round), cards_reporting: block.rows.first?.reporting ?? 0,
                cards: block.rows.first?.cards ?? 0)
        }, fallback: "[]")
    }

    /// A CSV file and its Table Schema.
    struct DataResource {
        var path: String
        var title: String
        var fields: [(name: String, type: String)]
        var primaryKey: String?
    }

    static func cardFields(indicators: [String]) -> [(name: String, type: String)] {
        ["id", "kind", "title", "url", "carrier", "territory", "departments", "regions", "themes"].map { ($0, "string") }
            + [("budget_annual", "number"), ("budget_total", "number"), ("period_years", "integer"), ("funding_total", "number")]
            + indicators.map { ($0, "number") }
    }

    static func blockFields(_ block: BlockData) -> [(name: String, type: String)] {
        if !block.segmentKeys.isEmpty {
            return [("group", "string"), ("label", "string")] + block.segmentKeys.map { ("per_year_" + $0, "number") }
                + [("per_year_total", "number")]
        }
        return block.isFunding
            ? [("group", "string"), ("label", "string"), ("total_as_written", "number"), ("periods_years", "string"),
               ("per_year", "number"), ("cards", "integer")]
            : [("group", "string"), ("label", "string"), ("value", "number"), ("cards_reporting", "integer"), ("cards", "integer")]
    }

    /// `data/datapackage.json`: every CSV of the site described by a Frictionless Table Schema (the format of
    /// schema.data.gouv.fr), so any open-data portal or `frictionless validate` can check it.
    static func dataPackageJSON(site: Site, resources: [DataResource]) -> String {
        struct Field: Encodable {
            var name: String
            var type: String
        }
        struct Schema: Encodable {
            var fields: [Field]
            var primaryKey: String?
            var missingValues: [String]
        }
        struct Resource: Encodable {
            var name: String
            var path: String
            var title: String
            var profile = "tabular-data-resource"
            var format = "csv"
            var mediatype = "text/csv"
            var encoding = "utf-8"
            var schema: Schema
        }
        struct License: Encodable {
            var title: String
            var path: String?
        }
        struct Package: Encodable {
            var profile = "tabular-data-package"
            var name: String
            var title: String
            var licenses: [License]?
            var resources: [Resource]
        }
        let name = Slug.make(site.config.title)
        let package = Package(
            name: name.isEmpty ? "passerelle" : name, title: site.config.title,
            licenses: site.config.licence.map { [License(title: $0.label, path: $0.url.isEmpty ? nil : $0.url)] },
            resources: resources.map { resource in
                let relative = String(resource.path.dropFirst("data/".count))
                let stem = (relative as NSString).deletingPathExtension.replacingOccurrences(of: "/", with: "-")
                return Resource(name: stem, path: relative, title: resource.title,
                                schema: Schema(fields: resource.fields.map { Field(name: $0.name, type: $0.type) },
                                               primaryKey: resource.primaryKey, missingValues: [""]))
            })
        return JSONText.encode(package)
    }

    /// One row per group: its id, label, value (machine number), coverage; funding blocks add the total and periods.
    static func blockCSV(_ block: BlockData) -> String {
        var lines: [[CSVCell]] = []
        if !block.segmentKeys.isEmpty {
            lines.append((["group", "label"] + block.segmentKeys.map { "per_year_" + $0 } + ["per_year_total"]).map(CSVCell.text))
            for row in block.rows {
                lines.append([.text(row.group), .text(row.label)] + row.segments.map { .number($0) } + [.number(row.value)])
            }
        } else if block.isFunding {
            lines.append(["group", "label", "total_as_written", "periods_years", "per_year", "cards"].map(CSVCell.text))
            for row in block.rows {
                lines.append([.text(row.group), .text(row.label), .number(row.total),
                              .text(row.periods.map(String.init).joined(separator: " ")), .number(row.value), .number(Double(row.reporting))])
            }
        } else {
            lines.append(["group", "label", "value", "cards_reporting", "cards"].map(CSVCell.text))
            for row in block.rows {
                lines.append([.text(row.group), .text(row.label), .number(row.value), .number(Double(row.reporting)), .number(Double(row.cards))])
            }
        }
        return lines.map { $0.map(\.encoded).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func blockJSON(_ block: BlockData) -> String {
        struct Row: Encodable {
            var group: String
            var label: String
            var value: Double?
            var cards_reporting: Int
            var cards: Int
            var total_as_written: Double?
            var periods_years: [Int]?
            var per_year_by_type: [String: Double]?
            var provenance: [Card]?
        }
        struct Card: Encodable {
            var id: String
            var value: Double?
        }
        struct Block: Encodable {
            var indicator: String
            var by: String
            var unit: String
            var aggregate: String?
            var rows: [Row]
        }
        let rows = block.rows.map { row in
            Row(group: row.group, label: row.label, value: row.value.map(round), cards_reporting: row.reporting, cards: row.cards,
                total_as_written: row.total.map(round), periods_years: block.isFunding ? row.periods : nil,
                per_year_by_type: block.segmentKeys.isEmpty ? nil
                    : Dictionary(uniqueKeysWithValues: zip(block.segmentKeys, row.segments.map(round))),
                provenance: block.isFunding ? nil : row.contributions.map { Card(id: $0.cardID, value: $0.evaluation.number.map(round)) })
        }
        return JSONText.encode(Block(indicator: block.block.indicator.id, by: block.block.by.rawValue, unit: block.unit.rawValue,
                                     aggregate: block.aggregate?.rawValue, rows: rows))
    }

    static func csv(_ rows: [CardRow], indicators: [String]) -> String {
        var lines: [[CSVCell]] = [
            (["id", "kind", "title", "url", "carrier", "territory", "departments", "regions", "themes",
              "budget_annual", "budget_total", "period_years", "funding_total"] + indicators).map(CSVCell.text),
        ]
        for row in rows {
            var cells: [CSVCell] = [.text(row.id), .text(row.kind), .text(row.title), .text(row.url), .text(row.carrier ?? ""),
                                    .text(row.territory ?? ""), .text(row.departments.joined(separator: " ")),
                                    .text(row.regions.joined(separator: "; ")), .text(row.themes.joined(separator: " ")),
                                    .number(row.budgetAnnual), .number(row.budgetTotal), .number(row.periodYears.map(Double.init)),
                                    .number(row.fundingTotal)]
            cells += indicators.map { .number(row.indicators[$0] ?? nil) }
            lines.append(cells)
        }
        return lines.map { $0.map(\.encoded).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func json(_ rows: [CardRow]) -> String {
        JSONText.encode(rows, fallback: "[]")
    }
}

/// A CSV cell (RFC 4180), safe to open in a spreadsheet.
public enum CSVCell: Sendable {
    case text(String)
    case number(Double?)

    public var encoded: String {
        switch self {
        case .number(let value):
            return value.map { Formatter.machine($0, decimals: 4) } ?? ""
        case .text(var text):
            // A text starting with = + - @ (or a tab or carriage return) would run as a formula in a
            // spreadsheet: a leading apostrophe keeps it text (OWASP "CSV injection").
            if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
            if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return text
        }
    }
}
