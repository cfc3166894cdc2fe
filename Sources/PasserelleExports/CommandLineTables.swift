import PasserelleIndicators
import PasserelleModel

/// What `passerelle indicators --by KEY` prints: every indicator grouped by KEY, and the funding by funder type (by
/// KEY when it is not `site`), computed by the same `SiteMeasures.blocks` as the dashboards and written by the same
/// table builders as the open data, so the terminal, the pages and the files give the same digits.
public struct IndicatorReport: Sendable {
    /// One row per indicator and group (`indicator` first, then the columns of a dashboard block's file).
    public var indicators: DataTable
    /// The funding by funder type: one row per type (`--by site`), or per group and type.
    public var funding: DataTable
    /// The computed blocks, one per indicator then the funding.
    public var blocks: [BlockResult]

    /// The indicators table, a blank line, the funding table: two RFC 4180 tables one after the other.
    public var csv: String {
        indicators.csv() + "\r\n" + funding.csv()
    }

    /// `{"indicators": [...], "funding_by_type": [...]}`, each the array of objects of its table.
    public var json: String {
        JSONText.write(.object([("by", .string(by.rawValue)), ("indicators", indicators.jsonValue),
                                ("funding_by_type", funding.jsonValue)]))
    }

    public var by: GroupingKey
}

extension Exports {
    /// The blocks `passerelle indicators --by KEY` shows: every indicator as a table block, then `funding_by_type`.
    public static func commandLineBlocks(indicators: [Indicator], by key: GroupingKey) -> [DashboardBlock] {
        indicators.map { DashboardBlock(indicator: Reference($0.id, at: .start), by: key, chart: .table) }
            + [DashboardBlock(indicator: Reference(DashboardBlock.fundingByType, at: .start), by: key, chart: .table)]
    }

    /// The report of `passerelle indicators --by KEY` over every card of the site.
    public static func indicatorReport(site: Site, figures: SiteMeasures, by key: GroupingKey) -> IndicatorReport {
        let blocks = SiteMeasures.blocks(commandLineBlocks(indicators: figures.indicators, by: key), over: site.cards, site: site,
                                         cards: figures.cards, indicators: figures.indicators)
        var parts: [(key: DataTable.Cell, table: DataTable)] = []
        var funding: DataTable?
        for result in blocks {
            let table = blockTable(result, site: site, stem: "indicateurs", title: blockTitle(result, site: site))
            if case .indicator(let indicator) = result.content {
                parts.append((.text(indicator.indicator.id), table))
            } else {
                funding = table
            }
        }
        // With no indicator, the table keeps its columns: the columns of any indicator block.
        let empty = DataTable(stem: "indicateurs", title: "", columns: groupColumns(key) + valueColumns, primaryKey: ["group"])
        let indicators = DataTable.concatenating(parts.isEmpty ? [(.text(nil), empty)] : parts,
                                                 column: .init("indicator", .string, "Identifiant de l'indicateur dans indicators.yml."),
                                                 stem: "indicateurs", title: "Indicateurs par \(keyName(key))")
        let fundingTable = funding ?? DataTable(stem: "financements", title: "", columns: fundingColumns, primaryKey: ["group"])
        return IndicatorReport(indicators: indicators, funding: fundingTable, blocks: blocks, by: key)
    }
}
