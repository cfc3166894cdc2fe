import ArgumentParser
import Foundation
import PasserelleBuild
import PasserelleIndicators
import PasserelleModel
import PasserelleRender

struct Indicators: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Print the cards' indicators, aggregated by group, without a browser.",
        discussion: """
        For every indicator of indicators.yml: its value for each group of cards, aggregated as the \
        dictionary says (sum, mean, median, min, max, count, ratio_of_sums), and its coverage: how many \
        cards of the group report it. Then the funding by funder type: the amounts as written (each over \
        its own period, which is said), and the same amounts brought to one year.

        Groups (--by): site (everything), theme, region, department, level, funder, funder_type, year, kind.

        Examples:
          passerelle indicators
          passerelle indicators --by region --format csv > indicateurs.csv
        """
    )

    @Option(name: .long, help: ArgumentHelp("The folder of records and settings.", valueName: "DIR"))
    var content = "Content"

    @Option(name: .long, help: "How cards are grouped: site, theme, region, department, level, funder, funder_type, year, kind.")
    var by: GroupingKey = .site

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @Option(name: .long, help: "table (for people, in the site's language), csv or json (plain machine numbers).")
    var format: Format = .table

    func run() async throws {
        let analysis = await Pipeline.analyse(content: content)
        if analysis.diagnostics.hasErrors {
            printError(DiagnosticPrinter.text(analysis.diagnostics))
            throw ExitCode(1)
        }
        let aggregator = Aggregator(site: analysis.site, measures: analysis.measures)
        var rows: [Row] = []
        for indicator in analysis.engine.indicators {
            for group in aggregator.aggregate(indicator, by: by) {
                // A sum of amounts over different periods is flagged, never shown as if comparable.
                let periods = Set(group.contributions.compactMap { contribution -> Int? in
                    contribution.evaluation.number == nil ? nil : analysis.measures[contribution.cardID]?.facts.periodYears
                })
                let mixed = indicator.source.aggregate == .sum && indicator.formula.readsPeriodAmounts && periods.count > 1
                rows.append(Row(indicator: indicator.id, label: indicator.source.label.text(analysis.site.config.language),
                                unit: indicator.source.unit, aggregate: indicator.source.aggregate.rawValue, group: group.group,
                                value: group.value, reporting: group.reporting, cards: group.total,
                                mixedPeriods: mixed ? periods.sorted() : nil))
            }
        }
        let funding = aggregator.fundingByType()
        switch format {
        case .table: print(table(rows, funding, language: analysis.site.config.language), terminator: "")
        case .csv: print(csv(rows), terminator: "")
        case .json: print(json(rows, funding), terminator: "")
        }
    }

    struct Row: Encodable {
        var indicator: String
        var label: String
        var unit: MeasureUnit
        var aggregate: String
        var group: String
        var value: Double?
        var reporting: Int
        var cards: Int
        /// The periods (in years) a sum adds together, when they differ.
        var mixedPeriods: [Int]?

        enum CodingKeys: String, CodingKey {
            case indicator, aggregate, group, value, reporting, cards, unit
            case mixedPeriods = "mixed_periods_years"
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(indicator, forKey: .indicator)
            try container.encode(unit.rawValue, forKey: .unit)
            try container.encode(aggregate, forKey: .aggregate)
            try container.encode(group, forKey: .group)
            try container.encode(value.map { ($0 * 10_000).rounded() / 10_000 }, forKey: .value)
            try container.encode(reporting, forKey: .reporting)
            try container.encode(cards, forKey: .cards)
            try container.encodeIfPresent(mixedPeriods, forKey: .mixedPeriods)
        }
    }

    func table(_ rows: [Row], _ funding: [FundingGroup], language: Language) -> String {
        let format = Formatter(language: language)
        var lines: [[String]] = [["indicator", "group", "value", "coverage", "note"]]
        for row in rows {
            let note = row.mixedPeriods.map { "adds different periods (" + $0.map { $0 == 1 ? "yearly" : "\($0) years" }.joined(separator: " + ") + ")" }
            lines.append([row.label, row.group, row.value.map { format.value($0, unit: row.unit) } ?? "—",
                          "\(row.reporting)/\(row.cards)", note ?? ""])
        }
        var out = aligned(lines)
        out += "\nFunding by funder type\n"
        var fundingLines: [[String]] = [["funder type", "total (own periods)", "periods", "per year"]]
        for group in funding {
            let periods = group.periods.map { $0 == 1 ? "yearly" : "\($0) years" }.joined(separator: " + ")
            fundingLines.append([group.group, format.euros(group.total), periods, format.euros(group.annualised)])
        }
        out += aligned(fundingLines)
        return out
    }

    /// Columns padded to their widest cell (counted in characters, so accents line up).
    func aligned(_ lines: [[String]]) -> String {
        guard let columns = lines.map(\.count).max() else { return "" }
        let widths = (0..<columns).map { column in lines.map { $0.count > column ? $0[column].count : 0 }.max() ?? 0 }
        return lines.map { cells in
            var line = cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }.joined()
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }

    func csv(_ rows: [Row]) -> String {
        var out = "indicator,aggregate,group,value,reporting,cards,mixed_periods_years\r\n"
        for row in rows {
            let value = row.value.map { Formatter.machine($0, decimals: 4) } ?? ""
            out += [CSVCell.text(row.indicator).encoded, CSVCell.text(row.aggregate).encoded, CSVCell.text(row.group).encoded,
                    value, String(row.reporting), String(row.cards),
                    row.mixedPeriods.map { $0.map(String.init).joined(separator: " ") } ?? ""].joined(separator: ",") + "\r\n"
        }
        return out
    }

    func json(_ rows: [Row], _ funding: [FundingGroup]) -> String {
        struct Funding: Encodable {
            var group: String
            var total: Double
            var periods_years: [Int]
            var annualised: Double
        }
        struct Report: Encodable {
            var indicators: [Row]
            var funding_by_type: [Funding]
        }
        let report = Report(indicators: rows, funding_by_type: funding.map {
            Funding(group: $0.group, total: ($0.total * 100).rounded() / 100, periods_years: $0.periods,
                    annualised: ($0.annualised * 100).rounded() / 100)
        })
        return JSONText.encode(report)
    }
}

extension GroupingKey: ExpressibleByArgument {}
