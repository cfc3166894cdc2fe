import ArgumentParser
import Foundation
import PasserelleBuild
import PasserelleExports
import PasserelleIndicators
import PasserelleModel
import PasserelleRender

/// `passerelle indicators`: prints the figures the measure stage computed, never aggregating on its own. The blocks are
/// computed by `SiteMeasures.blocks`, as the dashboards' are, and the CSV and JSON are written by the open data's table
/// writers, so the terminal, the pages and `data/` give the same digits.
struct Indicators: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Print the cards' indicators, aggregated by group, without a browser.",
        discussion: """
        For every indicator of indicators.yml: its value for each group of cards, aggregated as the \
        dictionary says (sum, mean, median, min, max, count, ratio_of_sums), the year it refers to, and its \
        coverage: how many cards of the group report it. Cards without the grouping key form their own group; \
        when a card can be in several groups, a last row gives the value over all cards, each counted once. \
        Then the funding by funder type (by group and type unless --by site), one column per horizon: per year, \
        yearly and multi-year amounts as written, one-off, not broken down, without a period, and the lines \
        whose amount is not stated. One-off money is never counted per year; an unknown amount is never 0.

        Groups (--by): site (everything), theme, region, department, level, funder, funder_type, year, kind.

        --format csv prints two tables separated by an empty line (the indicators, then the funding), with \
        the columns of the dashboards' files in data/tableaux-de-bord/; --format json prints \
        {"indicators": [...], "funding_by_type": [...]}. Unknown values are empty cells or null.

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

    @OptionGroup var messages: MessageLanguage

    func run() async throws {
        let analysis = await Pipeline.analyse(content: content)
        if analysis.diagnostics.hasErrors {
            printError(DiagnosticPrinter.text(analysis.diagnostics, messages.resolve(site: analysis.site.config.language)))
            throw ExitCode(1)
        }
        let report = Exports.indicatorReport(site: analysis.site, figures: analysis.figures, by: by)
        switch format {
        case .table: print(IndicatorText(site: analysis.site, figures: analysis.figures).text(report), terminator: "")
        case .csv: print(report.csv, terminator: "")
        case .json: print(report.json, terminator: "")
        }
    }
}

/// The report as aligned text for people: the same cells as the CSV, formatted in the site's language.
struct IndicatorText {
    let site: Site
    let figures: SiteMeasures

    var format: PasserelleRender.Formatter { PasserelleRender.Formatter(language: site.config.language) }

    func text(_ report: IndicatorReport) -> String {
        let table = report.indicators
        let units = Dictionary(figures.indicators.map { ($0.id, $0.source.unit) }, uniquingKeysWith: { first, _ in first })
        let labels = Dictionary(figures.indicators.map { ($0.id, $0.source.label.text(site.config.language)) },
                                uniquingKeysWith: { first, _ in first })
        var lines: [[String]] = [["indicator", "group", "value", "year", "coverage", "note"]]
        var overlapping = false
        var previous: String?
        for row in table.rows {
            let id = text(table.cell(row, "indicator")) ?? ""
            let group = text(table.cell(row, "group")) ?? ""
            let value = number(table.cell(row, "value"))
            let approximate = table.cell(row, "approximate") == .boolean(true)
            var shown = value.map { format.value($0, unit: units[id] ?? .number) } ?? "—"
            if approximate, value != nil { shown = format.approximately(shown) }
            let groupName: String
            if group == Exports.allDistinct {
                overlapping = true
                groupName = "all cards, each once"
            } else if table.cell(row, "is_without_group") == .boolean(true) {
                groupName = "(no \(report.by.rawValue.replacingOccurrences(of: "_", with: " ")))"
            } else if report.by == .site {
                groupName = "all cards"
            } else {
                groupName = text(table.cell(row, "label")).flatMap { $0.isEmpty ? nil : $0 } ?? group
            }
            let year = integer(table.cell(row, "year")).map(String.init) ?? "—"
            let coverage = "\(integer(table.cell(row, "cards_reporting")) ?? 0)/\(integer(table.cell(row, "cards")) ?? 0)"
            var note = ""
            if table.cell(row, "mixes_horizons") == .boolean(true) {
                note = "adds money of different horizons (" + (text(table.cell(row, "horizons")) ?? "") + ")"
            }
            lines.append([previous == id ? "" : labels[id] ?? id, groupName, shown, year, coverage, note])
            previous = id
        }
        var out = "Indicators by \(report.by.rawValue)\n\n" + aligned(lines)
        if overlapping {
            out += "\nA card can be in several groups: do not add the rows; \"all cards, each once\" gives the total.\n"
        }
        out += "\nFunding by funder type" + (report.by == .site ? "" : ", by \(report.by.rawValue)")
            + " (one column per horizon; one-off money is never counted per year)\n\n"
        out += aligned(fundingLines(report.funding, by: report.by))
        let fundingOverlaps = report.blocks.contains { result in
            if case .stacked(let stacked) = result.content { return stacked.overlapping }
            return false
        }
        if fundingOverlaps { out += "\nA card can be in several groups: do not add the groups.\n" }
        return out
    }

    func fundingLines(_ table: DataTable, by key: GroupingKey) -> [[String]] {
        let stacked = table.index(of: "funder_type") != nil
        var lines: [[String]] = [(stacked ? ["group"] : []) + ["funder type", "per year", "yearly", "multi-year", "one-off",
                                                                 "not broken down", "no period", "lines without amount", "cards"]]
        var previous: String?
        for row in table.rows {
            var cells: [String] = []
            if stacked {
                let group = text(table.cell(row, "group")) ?? ""
                let label = table.cell(row, "is_without_group") == .boolean(true)
                    ? "(no \(key.rawValue.replacingOccurrences(of: "_", with: " ")))"
                    : text(table.cell(row, "label")).flatMap { $0.isEmpty ? nil : $0 } ?? group
                cells.append(previous == group ? "" : label)
                previous = group
            }
            let type = text(table.cell(row, stacked ? "funder_type" : "group")) ?? ""
            cells.append(stacked && type == "none" ? "(no funding line)" : type)
            let money = ["per_year", "annual_as_written", "multi_year_as_written", "one_off", "not_broken_down", "unstated"]
                .map { number(table.cell(row, $0)) }
            let withoutAmount = integer(table.cell(row, "lines_without_amount")) ?? 0
            for (index, amount) in money.enumerated() {
                guard let amount else {
                    // A group whose money is all unknown says so, never "0 €" (money.md §4).
                    cells.append(index == 0 && money.allSatisfy { $0 == nil } && withoutAmount > 0 ? "not stated" : "—")
                    continue
                }
                var shown = format.euros(amount)
                if index == 2, let years = text(table.cell(row, "multi_year_years")) {
                    let spans: [String] = years.split(separator: " ").map { "\($0) years" }
                    shown += " (over " + spans.joined(separator: ", ") + ")"
                }
                cells.append(shown)
            }
            cells.append(String(withoutAmount))
            cells.append(String(integer(table.cell(row, "cards")) ?? 0))
            lines.append(cells)
        }
        return lines
    }

    func text(_ cell: DataTable.Cell?) -> String? {
        if case .text(let value) = cell { return value }
        return nil
    }

    func number(_ cell: DataTable.Cell?) -> Double? {
        if case .number(let value) = cell, let value, value.isFinite { return value }
        return nil
    }

    func integer(_ cell: DataTable.Cell?) -> Int? {
        if case .integer(let value) = cell { return value }
        return nil
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
}

extension GroupingKey: ExpressibleByArgument {}
