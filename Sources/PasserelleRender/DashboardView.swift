import PasserelleIndicators
import PasserelleMarkdown
import PasserelleModel

/// Dashboards: Markdown pages whose ```indicator blocks become a chart, a table, coverage and provenance.
extension PageContext {
    func dashboardPage(_ record: Record, _ dashboard: Dashboard) -> [String: Any] {
        var context = common(title: record.title, description: summary(record))
        context["title"] = record.title
        let options = MarkdownOptions(unsafeHTML: site.config.unsafeHTML, indicatorPlaceholders: true)
        var html = Markdown.render(record.body, options: options).html
        let blocks = input.blocks.dashboards[record.id] ?? []
        for block in blocks {
            html = html.replacingOccurrences(of: Markdown.placeholder(block.index), with: blockHTML(block))
        }
        let generated = GeneratedDashboard.all(site: site, labels: labels)
        if !generated.isEmpty {
            html += "<h2 id=\"_more\">\(HTML.escape(labels["more_dashboards"]))</h2>\n<ul>\n"
            for page in generated { html += "<li><a href=\"\(url(page.route))\">\(HTML.escape(page.title))</a></li>\n" }
            html += "</ul>\n"
        }
        context["body"] = html
        context["methodology_url"] = url(Routes.methodology)
        return context
    }

    /// A region's or a funder type's page: its cards, every indicator over them, their funding.
    func generatedDashboardPage(_ page: GeneratedDashboard) -> [String: Any] {
        var context = common(title: page.title, description: nil)
        context["title"] = page.title
        let cards = site.cards.filter { page.includes($0, in: site) }
        var html = "<p class=\"lead\">\(HTML.escape(labels.format("generated_intro", ["n": String(cards.count)])))</p>\n"
        html += "<h2 id=\"_cards\">\(HTML.escape(labels["nav_cards"]))</h2>\n<ul>\n"
        for card in cards { html += "<li><a href=\"\(url(Routes.record(card)))\">\(HTML.escape(card.title))</a></li>\n" }
        html += "</ul>\n" + cardListDownloads(page.cardsStem) + "<h2 id=\"_figures\">\(HTML.escape(labels["key_figures"]))</h2>\n"
        let blocks = input.blocks.generated[page.id] ?? []
        html += summaryHTML(blocks.filter { !$0.isFunding }, stem: page.summaryStem)
        for block in blocks where block.isFunding { html += blockHTML(block) }
        context["body"] = html
        context["methodology_url"] = url(Routes.methodology)
        return context
    }

    /// Value formatted in the block's unit, or "–" with the reason given by coverage.
    private func formatted(_ value: Double?, _ unit: MeasureUnit) -> String {
        value.map { format.value($0, unit: unit) } ?? "–"
    }

    func blockHTML(_ data: BlockData) -> String {
        let id = "bloc-\(data.index + 1)"
        let caption = HTML.escape(data.title)
        var out = "<section class=\"indicator-block\" aria-labelledby=\"\(id)-h\">\n<h3 id=\"\(id)-h\">\(caption)</h3>\n"
        if let aggregate = data.aggregate {
            out += "<p class=\"meta\">\(HTML.escape(labels["aggregate_\(aggregate.rawValue)"]))</p>\n"
        }
        let charted = data.rows.filter { $0.value != nil }
        switch data.block.chart {
        case .bar where !charted.isEmpty:
            let chart = BarChart(id: id, title: data.title,
                                 description: charted.map { "\($0.label) : \(formatted($0.value, data.unit))" }.joined(separator: " ; "),
                                 bars: charted.map { BarChart.Bar(label: $0.label, value: max($0.value ?? 0, 0), text: formatted($0.value, data.unit)) })
            out += "<div class=\"chart-wrap\">\(chart.svg)</div>\n"
        case .donut where !charted.isEmpty:
            let total = charted.reduce(0) { $0 + max($1.value ?? 0, 0) }
            let parts = charted.map { row in
                DonutChart.Part(label: row.label, value: max(row.value ?? 0, 0), text: formatted(row.value, data.unit),
                                share: total > 0 ? format.percent(max(row.value ?? 0, 0) / total) : "")
            }
            let chart = DonutChart(id: id, title: data.title,
                                   description: parts.map { "\($0.label) : \($0.text) (\($0.share))" }.joined(separator: " ; "), parts: parts)
            out += "<div class=\"chart-wrap\">\(chart.svg)</div>\n"
        case .stacked where !data.segmentKeys.isEmpty:
            let chart = StackedChart(id: id, title: data.title,
                                     description: data.rows.map { row in
                                         "\(row.label) : " + zip(data.segmentLabels, row.segments).filter { $0.1 > 0 }
                                             .map { "\($0.0) \(format.euros($0.1))" }.joined(separator: ", ")
                                     }.joined(separator: " ; "),
                                     legend: data.segmentLabels,
                                     bars: data.rows.map { StackedChart.Bar(label: $0.label, segments: $0.segments,
                                                                            text: format.euros($0.value ?? 0)) })
            out += "<div class=\"chart-wrap\">\(chart.svg)</div>\n"
        case .figure:
            if let first = data.rows.first {
                out += "<p class=\"big-figure\"><data value=\"\(first.value.map { Formatter.machine($0, decimals: 4) } ?? "")\">\(HTML.escape(formatted(first.value, data.unit)))</data></p>\n"
            }
        default:
            break
        }
        out += !data.segmentKeys.isEmpty ? stackedTable(data) : data.isFunding ? fundingTable(data, id: id) : indicatorTable(data, id: id)
        let csv = url(data.fileStem + ".csv")
        let json = url(data.fileStem + ".json")
        out += "<p class=\"downloads\">\(HTML.escape(labels["data_download_block"]))\(HTML.escape(labels["colon"])) "
            + "<a href=\"\(csv)\" type=\"text/csv\" download>CSV</a>, <a href=\"\(json)\" type=\"application/json\" download>JSON</a>"
            + " · <a href=\"\(url(Routes.methodology))\">\(HTML.escape(labels["methodology"]))</a></p>\n</section>\n"
        return out
    }

    /// Links to a list of cards as data.
    func cardListDownloads(_ stem: String) -> String {
        "<p class=\"downloads\">\(HTML.escape(labels["data_download_cards"]))\(HTML.escape(labels["colon"])) "
            + "<a href=\"\(url(stem + ".csv"))\" type=\"text/csv\" download>CSV</a>, "
            + "<a href=\"\(url(stem + ".json"))\" type=\"application/json\" download>JSON</a></p>\n"
    }

    /// "par an + sur 3 ans" when a sum adds amounts of cards whose periods differ; nil otherwise.
    func mixedPeriods(_ data: BlockData, _ row: BlockRow) -> String? {
        guard data.aggregate == .sum, let indicator = input.indicators.first(where: { $0.id == data.block.indicator.id }),
              indicator.formula.readsPeriodAmounts else { return nil }
        let years = Set(row.contributions.compactMap { contribution -> Int? in
            guard contribution.evaluation.number != nil else { return nil }
            return input.measures[contribution.cardID]?.facts.periodYears
        })
        guard years.count > 1 else { return nil }
        return labels.format("mixed_periods", ["periods": years.sorted().map { periodText(years: $0) }.joined(separator: " + ")])
    }

    /// Every indicator over one scope, one row each: value, coverage, how it is aggregated; then the provenance.
    func summaryHTML(_ blocks: [BlockData], stem: String) -> String {
        guard !blocks.isEmpty else { return "" }
        var out = "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"\(HTML.escape(labels.format("table_region", ["title": labels["indicators"]])))\">\n<table>\n<caption>\(HTML.escape(labels["indicators"]))</caption>\n"
        out += "<thead><tr><th scope=\"col\">\(HTML.escape(labels["indicator"]))</th>"
            + "<th scope=\"col\" class=\"num\">\(HTML.escape(labels["value"]))</th>"
            + "<th scope=\"col\">\(HTML.escape(labels["coverage"]))</th></tr></thead>\n<tbody>\n"
        for block in blocks {
            let row = block.rows.first
            let machine = row?.value.map { Formatter.machine($0, decimals: 4) } ?? ""
            out += "<tr><th scope=\"row\"><a href=\"\(url(Routes.methodology))#\(block.block.indicator.id)\">\(HTML.escape(block.title))</a></th>"
                + "<td class=\"num\"><data value=\"\(machine)\">\(HTML.escape(formatted(row?.value, block.unit)))</data></td>"
                + "<td>\(HTML.escape(labels.format("coverage_text", ["n": String(row?.reporting ?? 0), "total": String(row?.cards ?? 0)])))"
                + (row.flatMap { mixedPeriods(block, $0) }.map { "<br><span class=\"note\">\(HTML.escape($0))</span>" } ?? "") + "</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n<details class=\"provenance\">\n<summary>\(HTML.escape(labels["provenance"]))</summary>\n<ul>\n"
        for block in blocks {
            for contribution in block.rows.first?.contributions ?? [] {
                guard let card = site.record(contribution.cardID) else { continue }
                let value: String
                switch contribution.evaluation {
                case .value(let number): value = format.value(number, unit: block.unit)
                case .unavailable(let reason): value = explain(reason)
                }
                out += "<li>\(HTML.escape(block.title)), <a href=\"\(url(Routes.record(card)))\">\(HTML.escape(card.title))</a>\(HTML.escape(labels["colon"])) \(HTML.escape(value))</li>\n"
            }
        }
        out += "</ul>\n</details>\n"
        out += "<p class=\"downloads\">\(HTML.escape(labels["data_download_block"]))\(HTML.escape(labels["colon"])) "
            + "<a href=\"\(url(stem + ".csv"))\" type=\"text/csv\" download>CSV</a>, <a href=\"\(url(stem + ".json"))\" type=\"application/json\" download>JSON</a>"
            + " · <a href=\"\(url(Routes.methodology))\">\(HTML.escape(labels["methodology"]))</a></p>\n"
        return out
    }

    private func indicatorTable(_ data: BlockData, id: String) -> String {
        var out = "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"\(HTML.escape(labels.format("table_region", ["title": data.title])))\">\n<table>\n<caption>\(HTML.escape(data.title))</caption>\n"
        out += "<thead><tr><th scope=\"col\">\(HTML.escape(labels["group_\(data.block.by.rawValue)"]))</th>"
            + "<th scope=\"col\" class=\"num\">\(HTML.escape(labels["value"]))</th>"
            + "<th scope=\"col\">\(HTML.escape(labels["coverage"]))</th></tr></thead>\n<tbody>\n"
        for row in data.rows {
            let machine = row.value.map { Formatter.machine($0, decimals: 4) } ?? ""
            out += "<tr><th scope=\"row\">\(HTML.escape(row.label))</th>"
                + "<td class=\"num\"><data value=\"\(machine)\">\(HTML.escape(formatted(row.value, data.unit)))</data></td>"
                + "<td>\(HTML.escape(labels.format("coverage_text", ["n": String(row.reporting), "total": String(row.cards)])))"
                + (mixedPeriods(data, row).map { "<br><span class=\"note\">\(HTML.escape($0))</span>" } ?? "") + "</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n"
        let provenance = data.rows.flatMap { row in row.contributions.map { (row, $0) } }
        if !provenance.isEmpty {
            out += "<details class=\"provenance\">\n<summary>\(HTML.escape(labels["provenance"]))</summary>\n<ul>\n"
            for (row, contribution) in provenance {
                guard let card = site.record(contribution.cardID) else { continue }
                let value: String
                switch contribution.evaluation {
                case .value(let number): value = format.value(number, unit: data.unit)
                case .unavailable(let reason): value = explain(reason)
                }
                let group = data.block.by == .site ? "" : " (\(row.label))"
                out += "<li><a href=\"\(url(Routes.record(card)))\">\(HTML.escape(card.title))</a>\(HTML.escape(group))\(HTML.escape(labels["colon"])) \(HTML.escape(value))</li>\n"
            }
            out += "</ul>\n</details>\n"
        }
        return out
    }

    /// Funding per group and funder type, per year: the numbers of a stacked chart.
    private func stackedTable(_ data: BlockData) -> String {
        var out = "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"\(HTML.escape(labels.format("table_region", ["title": data.title])))\">\n"
            + "<table>\n<caption>\(HTML.escape(data.title)) (\(HTML.escape(labels["per_year"])))</caption>\n<thead><tr>"
            + "<th scope=\"col\">\(HTML.escape(labels["group_\(data.block.by.rawValue)"]))</th>"
        for label in data.segmentLabels { out += "<th scope=\"col\" class=\"num\">\(HTML.escape(label))</th>" }
        out += "<th scope=\"col\" class=\"num\">\(HTML.escape(labels["total"]))</th></tr></thead>\n<tbody>\n"
        for row in data.rows {
            out += "<tr><th scope=\"row\">\(HTML.escape(row.label))</th>"
            for value in row.segments {
                out += "<td class=\"num\"><data value=\"\(Formatter.machine(value))\">\(HTML.escape(format.euros(value)))</data></td>"
            }
            out += "<td class=\"num\"><data value=\"\(Formatter.machine(row.value ?? 0))\">\(HTML.escape(format.euros(row.value ?? 0)))</data></td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n"
    }

    private func fundingTable(_ data: BlockData, id: String) -> String {
        var out = "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"\(HTML.escape(labels.format("table_region", ["title": data.title])))\">\n<table>\n<caption>\(HTML.escape(data.title))</caption>\n"
        out += "<thead><tr><th scope=\"col\">\(HTML.escape(labels["funder_type"]))</th>"
            + "<th scope=\"col\" class=\"num\">\(HTML.escape(labels["amount_as_written"]))</th>"
            + "<th scope=\"col\">\(HTML.escape(labels["periods"]))</th>"
            + "<th scope=\"col\" class=\"num\">\(HTML.escape(labels["annualised_amount"]))</th></tr></thead>\n<tbody>\n"
        for row in data.rows {
            let periods = row.periods.map { periodText(years: $0) }.joined(separator: " + ")
            out += "<tr><th scope=\"row\">\(HTML.escape(row.label))</th>"
                + "<td class=\"num\"><data value=\"\(Formatter.machine(row.total ?? 0))\">\(HTML.escape(format.euros(row.total ?? 0)))</data></td>"
                + "<td>\(HTML.escape(periods))</td>"
                + "<td class=\"num\"><data value=\"\(Formatter.machine(row.value ?? 0))\">\(HTML.escape(format.euros(row.value ?? 0)))</data></td></tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n"
        // Say which periods the totals mix, card by card, so no one adds yearly and multi-year money unawares.
        var byPeriod: [Int: Int] = [:]
        for id in data.cardIDs {
            guard let facts = input.measures[id]?.facts, facts.fundingTotal != nil else { continue }
            byPeriod[facts.periodYears, default: 0] += 1
        }
        if byPeriod.count > 1 || byPeriod.keys.contains(where: { $0 > 1 }) {
            let parts = byPeriod.keys.sorted().map { years in
                labels.format("cards_with_period", ["n": String(byPeriod[years] ?? 0), "period": periodText(years: years)])
            }
            let key = byPeriod.count > 1 ? "periods_mixed" : "periods_multi"
            out += "<p class=\"notice\" role=\"note\">\(HTML.escape(labels.format(key, ["list": parts.joined(separator: ", ")])))</p>\n"
        }
        return out
    }
}
