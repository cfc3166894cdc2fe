import PasserelleIndicators
import PasserelleMarkdown
import PasserelleModel

/// A table as the `partials/data-table` template draws it: caption, column heads, rows (a heading cell, then values),
/// an optional footer row. Built from computed values; the markup is the template's.
struct TableView {
    struct Cell {
        var text: String
        var machine: String?
        var numeric: Bool
        var note: String?
    }

    struct Row {
        var label: String
        var url: String?
        var cells: [Cell]
    }

    var caption: String
    var columns: [(label: String, numeric: Bool)]
    var rows: [Row]
    var footer: [Row] = []

    func context(region: String) -> [String: Any] {
        func row(_ row: Row) -> [String: Any] {
            var values: [String: Any] = ["label": row.label, "cells": row.cells.enumerated().map { index, cell -> [String: Any] in
                var values: [String: Any] = ["text": cell.text, "num": cell.numeric]
                // Its column's head, written beside the value when a phone stacks the row (data-label).
                if index + 1 < columns.count { values["header"] = columns[index + 1].label }
                if let machine = cell.machine { values["machine"] = machine }
                if let note = cell.note { values["note"] = note }
                return values
            }]
            if let url = row.url { values["url"] = url }
            return values
        }
        return ["caption": caption, "region_label": region,
                "columns": columns.map { ["label": $0.label, "num": $0.numeric] },
                "rows": rows.map(row), "footer": footer.map(row)]
    }
}

/// Dashboards: Markdown pages whose ```indicator blocks become a chart, a table, coverage and provenance.
extension PageContext {
    func dashboardPage(_ record: Record, _ dashboard: Dashboard) -> [String: Any] {
        var context = common(title: record.title, description: summary(record))
        context["title"] = record.title
        let options = MarkdownOptions(unsafeHTML: site.config.unsafeHTML, indicatorPlaceholders: true,
                                      tableLabel: labels["markdown_table"], siteRoot: root)
        let blocks = Dictionary((input.figures.dashboards[record.id] ?? []).map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
        // One pass over the page, however many blocks it holds.
        let html = Markdown.fillPlaceholders(Markdown.render(record.body, options: options).html) { index in
            blocks[index].map { blockHTML($0, stem: Routes.dataBlock(dashboard: record.id, blocks: dashboard.blocks, site: site, index: $0.index)) }
        }
        context["body"] = html
        let generated = input.figures.generated.filter { if case .theme = $0.scope { return false } else { return true } }
        if !generated.isEmpty {
            context["more"] = generated.map { ["title": title(of: $0.scope), "url": url(route(of: $0.scope))] }
        }
        context["methodology_url"] = url(Routes.methodology)
        return context
    }

    /// A region's or a funder type's page: its cards, then its figures. A funder type's page shows what the type
    /// paid first, and the co-funded cards' results under their own heading (money.md §7).
    func generatedDashboardPage(_ page: GeneratedPage) -> [String: Any] {
        let title = title(of: page.scope)
        var context = common(title: title, description: nil)
        context["title"] = title
        context["intro"] = labels.plural("generated_intro", count: page.cardIDs.count)
        // The first page of its cards; all of them on the card list filtered the same way, page by page.
        context["cards"] = page.cardIDs.prefix(CardCatalog.pageSize).compactMap(site.record).map(item)
        if page.cardIDs.count > CardCatalog.pageSize {
            let filter: String?
            switch page.scope {
            case .region(let name): filter = "region/" + Regions.slug(name)
            case .funderType(let type): filter = "financeur/" + CardCatalog.funderTypeSlug(type)
            default: filter = nil
            }
            context["cards_more"] = ["text": labels.format("all_cards_count", ["count": format.number(Double(page.cardIDs.count))]),
                                     "url": url(filter.map { Routes.cardList(filter: $0) } ?? Routes.cards)]
        }
        context["downloads"] = downloads(Routes.dataCards(page.scope.id), key: "data_download_cards")
        if case .funderType(let type) = page.scope, let report = input.figures.funderTypes[type] {
            context["contributions"] = contributions(report)
            context["figures_heading"] = labels["cofunded_results"]
        } else {
            context["figures_heading"] = labels["key_figures"]
        }
        context["figures"] = figuresHTML(page)
        context["methodology_url"] = url(Routes.methodology)
        return context
    }

    /// The summary of every indicator of a generated page, then its funding block.
    func figuresHTML(_ page: GeneratedPage) -> String {
        summaryHTML(page.blocks.filter { !$0.isFunding }, stem: Routes.dataSummary(page.scope.id), cardsStem: Routes.dataCards(page.scope.id))
            + page.blocks.filter(\.isFunding).map {
                blockHTML($0, stem: Routes.dataFunding(page.scope.id), cardsStem: Routes.dataCards(page.scope.id))
            }.joined()
    }

    func title(of scope: GeneratedScope) -> String {
        switch scope {
        case .region(let name): return name
        case .funderType(let type): return labels.format("funder_type_page", ["type": labels["type_\(type.rawValue)"]])
        case .theme(let id): return site.theme(id)?.label ?? id
        }
    }

    func route(of scope: GeneratedScope) -> String {
        switch scope {
        case .region(let name): return "regions/\(Slug.make(name))/"
        case .funderType(let type): return "financeurs/\(type.slug)/"
        case .theme(let id): return Routes.theme(id)
        }
    }

    /// "Télécharger les données : CSV, JSON" for a file stem.
    func downloads(_ stem: String, key: String = "data_download_block") -> [String: Any] {
        var links: [String: Any] = ["label": labels[key], "methodology": url(Routes.methodology)]
        // Methodology and data: the spreadsheet copy beside the CSV, and no link to a table the open data did not write.
        if let data = dataLinks(stem) { links.merge(data) { _, new in new } }
        return links
    }

    /// What a reader calls a group: a theme's label, an organisation's name, "Région" for a funder type, "sans thème"…
    func groupLabel(_ group: String, by key: GroupingKey) -> String {
        if group == GroupValue.none { return labels["without_group_\(key.rawValue)"] }
        switch key {
        case .site: return labels["all_cards_group"]
        case .theme: return site.theme(group)?.label ?? group
        case .region, .year: return group
        case .department: return labels.format("department", ["codes": group])
        case .level: return labels["level_\(group)"]
        case .funder: return site.record(group)?.title ?? group
        case .funderType: return fundingGroupLabel(group)
        case .kind: return labels["kind_\(group)"]
        }
    }

    func fundingGroupLabel(_ group: String) -> String {
        group == Aggregator.joint ? labels["joint_funding"] : labels["type_\(group)"]
    }

    /// The block's title: as written in the block, else the indicator's label or the funding title.
    func title(of block: BlockResult) -> String {
        if let title = block.block.title { return title }
        if case .indicator(let table) = block.content { return table.indicator.source.label.text(site.config.language) }
        return labels["funding_by_type_title"]
    }

    /// The horizon a value is over, for titles: "par an", "sur 3 ans"; "périodes différentes" when mixed; nil for counts.
    func horizonCaption(_ horizons: [Horizon]) -> String? {
        guard !horizons.isEmpty else { return nil }
        return horizons.count == 1 ? horizons.first.map(horizonText) : labels["mixed_horizons"]
    }

    func yearText(_ value: GroupValue) -> String {
        guard value.reporting > 0 else { return "–" }
        if value.mixesYears {
            return value.years.map { $0.map(String.init) ?? labels["year_unstated"] }.joined(separator: ", ")
        }
        return value.year.map(String.init) ?? labels["year_unstated"]
    }

    func valueText(_ value: GroupValue, unit: MeasureUnit) -> String {
        value.value.map { figure($0, unit: unit, approximate: value.approximate) } ?? "–"
    }

    func coverageText(_ reporting: Int, _ total: Int) -> String {
        labels.format(reporting <= 1 ? "coverage_text_one" : "coverage_text", ["n": String(reporting), "total": String(total)])
    }

    /// One block: heading, chart, table, notes, provenance and data links, drawn by `partials/indicator-block`.
    func blockHTML(_ block: BlockResult, stem: String, cardsStem: String = Routes.dataAllCards) -> String {
        let id = "bloc-\(block.index + 1)"
        let title = title(of: block)
        var context: [String: Any] = ["id": id, "title": title, "t": labels.values, "downloads": downloads(stem)]
        var notes: [String] = []
        switch block.content {
        case .indicator(let table):
            let unit = table.indicator.source.unit
            context["meta"] = labels["aggregate_\(table.indicator.source.aggregate.rawValue)"]
            if let caveat = table.indicator.source.caveat?.text(site.config.language) { context["caveat"] = caveat }
            let charted = table.rows.filter { $0.value != nil }
            let heading = [title, horizonCaption(table.overall.horizons)].compactMap { $0 }.joined(separator: ", ")
            switch block.block.chart {
            case .bar where !charted.isEmpty:
                let bars = charted.sorted { ($0.value ?? 0) > ($1.value ?? 0) }.map {
                    BarChart.Bar(label: groupLabel($0.group, by: table.by), value: max($0.value ?? 0, 0), text: valueText($0, unit: unit))
                }
                context["chart"] = BarChart(id: id, title: heading, description: bars.map { "\($0.label) : \($0.text)" }.joined(separator: " ; "),
                                            bars: bars).svg
            case .donut where !charted.isEmpty:
                if let shares = table.shares {
                    context["chart"] = donut(id: id, title: heading, parts: charted.map {
                        (groupLabel($0.group, by: table.by), $0.value ?? 0, valueText($0, unit: unit), shares[$0.group] ?? 0)
                    })
                }
            case .figure:
                let first = table.rows.first ?? table.overall
                context["figure"] = ["text": valueText(first, unit: unit), "machine": first.value.map { Formatter.machine($0, decimals: 4) } ?? ""]
            default: break
            }
            context["table"] = indicatorTable(table, caption: heading).context(region: labels.format("table_region", ["title": title]))
            if table.overlapping { notes.append(labels["overlap_\(table.by.rawValue)"]) }
            if table.overall.mixesHorizons {
                notes.append(labels.format("mixed_periods", ["periods": table.overall.horizons.map(horizonText).joined(separator: " + ")]))
            }
            if table.rows.reduce(0, { $0 + $1.contributions.count }) <= Self.provenanceLimit {
                context["provenance"] = provenance(table, unit: unit)
            } else {
                context["provenance_elsewhere"] = provenanceElsewhere(cards: table.overall.total, stem: cardsStem)
            }
        case .funding(let funding):
            let heading = labels["funding_by_type_caption"]
            let perYear = funding.rows.filter { $0.perYear != nil }
            switch block.block.chart {
            case .bar where !perYear.isEmpty:
                let bars = perYear.sorted { ($0.perYear ?? 0) > ($1.perYear ?? 0) }.map {
                    BarChart.Bar(label: fundingGroupLabel($0.group), value: max($0.perYear ?? 0, 0), text: format.euros($0.perYear ?? 0))
                }
                context["chart"] = BarChart(id: id, title: "\(title) (\(labels["per_year"]))",
                                            description: bars.map { "\($0.label) : \($0.text)" }.joined(separator: " ; "), bars: bars).svg
            case .donut where !perYear.isEmpty:
                let shares = funding.perYearShares
                context["chart"] = donut(id: id, title: "\(title) (\(labels["per_year"]))",
                                         parts: perYear.map { (fundingGroupLabel($0.group), $0.perYear ?? 0, format.euros($0.perYear ?? 0), shares[$0.group] ?? 0) })
            default: break
            }
            context["table"] = fundingTable(funding, caption: heading).context(region: labels.format("table_region", ["title": title]))
            let apart = [funding.overall.totals.oneOff.map { labels.format("apart_one_off", ["amount": format.euros($0)]) },
                         funding.overall.totals.notBrokenDown.map { labels.format("apart_not_broken_down", ["amount": format.euros($0)]) },
                         funding.overall.totals.unstated.map { labels.format("apart_unstated", ["amount": format.euros($0)]) }]
                .compactMap { $0 }
            if !apart.isEmpty { notes.append(labels.format("apart_note", ["list": apart.joined(separator: ", ")])) }
            if funding.rows.contains(where: { $0.group == Aggregator.joint }) { notes.append(labels["joint_note"]) }
        case .stacked(let stacked):
            let heading = "\(title) (\(labels["per_year"]))"
            let charted = stacked.rows.filter { $0.perYear != nil }
            if block.block.chart == .stacked && !charted.isEmpty {
                let legend = stacked.types.map(fundingGroupLabel)
                let bars = charted.sorted { ($0.perYear ?? 0) > ($1.perYear ?? 0) }.map { row in
                    StackedChart.Bar(label: groupLabel(row.group, by: block.block.by),
                                     segments: stacked.types.map { row.byType[$0]?.perYear ?? 0 }, text: format.euros(row.perYear ?? 0))
                }
                context["chart"] = StackedChart(id: id, title: heading, description: bars.map { bar in
                    "\(bar.label) : " + zip(legend, bar.segments).filter { $0.1 > 0 }.map { "\($0.0) \(format.euros($0.1))" }.joined(separator: ", ")
                }.joined(separator: " ; "), legend: legend, bars: bars).svg
            }
            context["table"] = stackedTable(stacked, by: block.block.by, caption: heading)
                .context(region: labels.format("table_region", ["title": title]))
            if stacked.overlapping { notes.append(labels["overlap_\(block.block.by.rawValue)"]) }
            notes.append(labels["stacked_note"])
        }
        if !notes.isEmpty { context["notes"] = notes }
        return input.templates.render("partials/indicator-block", SiteRenderer.flagLists(context))
    }

    private func donut(id: String, title: String, parts: [(label: String, value: Double, text: String, share: Double)]) -> String {
        // In group order: the chart sorts by value itself and keeps each group's fill (a type looks the same everywhere).
        let shaped = parts.map { part in
            DonutChart.Part(label: part.label, value: max(part.value, 0), text: part.text, share: format.percent(part.share))
        }
        let described = ChartText.byValue(shaped, value: \.value, label: \.label)
        return DonutChart(id: id, title: title, description: described.map { "\($0.label) : \($0.text) (\($0.share))" }.joined(separator: " ; "),
                          parts: shaped).svg
    }

    func indicatorTable(_ table: IndicatorTable, caption: String) -> TableView {
        let unit = table.indicator.source.unit
        func row(_ value: GroupValue, label: String) -> TableView.Row {
            TableView.Row(label: label, cells: [
                TableView.Cell(text: valueText(value, unit: unit), machine: value.value.map { Formatter.machine($0, decimals: 4) }, numeric: true,
                               note: value.mixesHorizons ? labels.format("mixed_periods", ["periods": value.horizons.map(horizonText).joined(separator: " + ")]) : nil),
                TableView.Cell(text: yearText(value), numeric: false),
                TableView.Cell(text: coverageText(value.reporting, value.total), numeric: false),
            ])
        }
        var view = TableView(caption: caption,
                             columns: [(labels["group_\(table.by.rawValue)"], false), (labels["value"], true), (labels["year"], false),
                                       (labels["coverage"], false)],
                             rows: table.rows.map { row($0, label: groupLabel($0.group, by: table.by)) })
        if table.overlapping { view.footer = [row(table.overall, label: labels["all_distinct_cards"])] }
        return view
    }

    /// A money cell: the amount, "non précisé" when the group's money of that horizon is all unknown, "–" when none.
    private func moneyCell(_ amount: Double?, unknown: Bool = false) -> TableView.Cell {
        if let amount { return TableView.Cell(text: format.euros(amount), machine: Formatter.machine(amount), numeric: true) }
        return TableView.Cell(text: unknown ? labels["not_stated"] : "–", numeric: true)
    }

    func fundingTable(_ funding: FundingTable, caption: String) -> TableView {
        let overall = funding.overall.totals
        let multi = overall.multiYear.keys.sorted()
        var columns: [(label: String, numeric: Bool)] = [(labels["funder_type"], false), (labels["per_year_column"], true)]
        columns += multi.map { (labels.format("as_written_over_years", ["years": String($0)]), true) }
        if overall.oneOff != nil { columns.append((labels["one_off_column"], true)) }
        if overall.notBrokenDown != nil { columns.append((labels["not_broken_down_column"], true)) }
        if overall.unstated != nil { columns.append((labels["unstated_column"], true)) }
        columns.append((labels["lines_without_amount"], true))
        func row(_ group: FundingGroup, label: String) -> TableView.Row {
            let totals = group.totals
            let unknown = group.unknownHorizons
            var cells = [moneyCell(totals.perYear, unknown: group.perYearUnknown)]
            cells += multi.map { moneyCell(totals.multiYear[$0], unknown: unknown.contains(.years($0))) }
            if overall.oneOff != nil { cells.append(moneyCell(totals.oneOff, unknown: unknown.contains(.oneOff))) }
            if overall.notBrokenDown != nil { cells.append(moneyCell(totals.notBrokenDown, unknown: unknown.contains(.notBrokenDown))) }
            if overall.unstated != nil { cells.append(moneyCell(totals.unstated, unknown: unknown.contains(.unstated))) }
            cells.append(TableView.Cell(text: String(group.linesWithoutAmount), machine: String(group.linesWithoutAmount), numeric: true))
            return TableView.Row(label: label, cells: cells)
        }
        return TableView(caption: caption, columns: columns, rows: funding.rows.map { row($0, label: fundingGroupLabel($0.group)) },
                         footer: [row(funding.overall, label: labels["total"])])
    }

    /// Per group: the yearly money of each funder type and in all, then, apart, the group's one-off, not-broken-down
    /// and period-less money, so no money of a group is missing from its row (money.md §5).
    func stackedTable(_ stacked: StackedFunding, by key: GroupingKey, caption: String) -> TableView {
        let all = stacked.rows.reduce(HorizonTotals()) { $0 + $1.totals }
        var columns = [(labels["group_\(key.rawValue)"], false)] + stacked.types.map { (fundingGroupLabel($0), true) }
            + [(labels["per_year_total"], true)]
        let apart: [(label: String, amount: (HorizonTotals) -> Double?)] = [
            (labels["one_off_column"], { $0.oneOff }), (labels["not_broken_down_column"], { $0.notBrokenDown }),
            (labels["unstated_column"], { $0.unstated }),
        ].filter { $0.amount(all) != nil }
        columns += apart.map { ($0.label, true) }
        let rows = stacked.rows.map { row -> TableView.Row in
            let cells = stacked.types.map { type -> TableView.Cell in
                guard let group = row.byType[type] else { return moneyCell(nil) }
                if let perYear = group.perYear { return moneyCell(perYear) }
                return TableView.Cell(text: group.allUnknown ? labels["not_stated"] : labels["no_yearly_money"], numeric: true)
            }
            let total: TableView.Cell
            if let perYear = row.perYear { total = moneyCell(perYear) }
            else if !row.hasLines { total = TableView.Cell(text: labels["no_funding"], numeric: true) }
            else { total = TableView.Cell(text: row.totals.isEmpty ? labels["not_stated"] : labels["no_yearly_money"], numeric: true) }
            return TableView.Row(label: groupLabel(row.group, by: key), cells: cells + [total] + apart.map { moneyCell($0.amount(row.totals)) })
        }
        return TableView(caption: caption, columns: columns.map { (label: $0.0, numeric: $0.1) }, rows: rows)
    }

    /// Past this many entries, a provenance list moves to the open data (every card's value is in its CSV), so a
    /// page over hundreds of cards stays light and fast.
    static let provenanceLimit = 60

    /// "La valeur de chacune des 1 000 fiches, et la raison de celles qui n'en ont pas, est dans les données : CSV, JSON."
    func provenanceElsewhere(cards: Int, stem: String) -> [String: Any] {
        ["text": labels.format("provenance_elsewhere", ["n": String(cards)]), "csv": url(stem + ".csv"), "json": url(stem + ".json")]
    }

    /// Every card of the table with its own value and what it rests on, or the exact reason it has none.
    func provenance(_ table: IndicatorTable, unit: MeasureUnit) -> [[String: Any]] {
        table.rows.flatMap { row in
            row.contributions.compactMap { contribution -> [String: Any]? in
                guard let card = site.record(contribution.cardID) else { return nil }
                var item: [String: Any] = ["title": card.title, "url": url(Routes.record(card)), "value": contributionText(contribution.evaluation, unit: unit)]
                if table.by != .site { item["group"] = groupLabel(row.group, by: table.by) }
                return item
            }
        }
    }

    func contributionText(_ evaluation: Evaluation, unit: MeasureUnit) -> String {
        switch evaluation {
        case .value(let measured):
            let basis = basisText(measured)
            return figure(measured.value, unit: unit, approximate: measured.approximate) + (basis.isEmpty ? "" : " (\(basis))")
        case .unavailable(let reason): return explain(reason)
        }
    }

    /// Every indicator over one scope, one row each, then the provenance of each.
    func summaryHTML(_ blocks: [BlockResult], stem: String, cardsStem: String) -> String {
        let tables = blocks.compactMap { block -> IndicatorTable? in
            if case .indicator(let table) = block.content { return table } else { return nil }
        }
        guard !tables.isEmpty else { return "" }
        let language = site.config.language
        let view = TableView(caption: labels["indicators"],
                             columns: [(labels["indicator"], false), (labels["value"], true), (labels["year"], false), (labels["coverage"], false)],
                             rows: tables.map { table in
                                 let value = table.overall
                                 var note = table.indicator.source.caveat?.text(language)
                                 if value.mixesHorizons {
                                     note = labels.format("mixed_periods", ["periods": value.horizons.map(horizonText).joined(separator: " + ")])
                                 }
                                 return TableView.Row(label: table.indicator.source.label.text(language),
                                                      url: url(Routes.methodology) + "#" + table.indicator.id, cells: [
                                    TableView.Cell(text: valueText(value, unit: table.indicator.source.unit),
                                                   machine: value.value.map { Formatter.machine($0, decimals: 4) }, numeric: true, note: note),
                                    TableView.Cell(text: yearText(value), numeric: false),
                                    TableView.Cell(text: coverageText(value.reporting, value.total), numeric: false),
                                 ])
                             })
        var context: [String: Any] = ["t": labels.values, "table": view.context(region: labels.format("table_region", ["title": labels["indicators"]])),
                                      "downloads": downloads(stem)]
        // One entry per card and indicator: the list stays on the page while the scope has few enough cards.
        if (tables.first?.overall.total ?? 0) <= Self.provenanceLimit {
            context["provenance"] = tables.flatMap { table in
                self.provenance(table, unit: table.indicator.source.unit).map { item -> [String: Any] in
                    var item = item
                    item["group"] = table.indicator.source.label.text(language)
                    return item
                }
            }
        } else {
            context["provenance_elsewhere"] = provenanceElsewhere(cards: tables.first?.overall.total ?? 0, stem: cardsStem)
        }
        return input.templates.render("partials/indicator-summary", SiteRenderer.flagLists(context))
    }
}
