import PasserelleIndicators
import PasserelleModel

/// View models of every page other than cards.
extension PageContext {
    func homePage() -> [String: Any] {
        var context = common(title: site.config.title, description: site.config.description)
        context["is_home"] = true
        // The latest few cards with their key facts, and links to all of them (find): never every card.
        context["cards"] = homeCards()
        context["cards_total"] = labels.format("all_cards_count", ["count": String(site.cards.count)])
        context["search_url"] = url(Routes.search)
        let articles = sortedArticles()
        if !articles.isEmpty { context["articles"] = articles.prefix(5).map(item) }
        let sections = sectionItems()
        if !sections.isEmpty { context["sections"] = sections }
        let themes = themeItems()
        if !themes.isEmpty { context["themes"] = themes }
        return context
    }

    func sortedArticles() -> [Record] {
        site.records(of: .article).sorted { ($0.date ?? .distantPast, $1.id) > ($1.date ?? .distantPast, $0.id) }
    }

    func sectionItems() -> [[String: Any]] {
        site.config.sections.map { section in
            var item: [String: Any] = ["title": section.title, "url": url(Routes.section(section.id))]
            if let description = section.description { item["description"] = description }
            return item
        }
    }

    func themeItems() -> [[String: Any]] {
        site.config.themes.map { theme in
            let count = site.cards.filter { $0.themes.contains { $0.id == theme.id } }.count
            var item: [String: Any] = ["label": theme.label, "url": url(Routes.theme(theme.id)), "count": String(count),
                                       "count_text": labels.plural("cards_count", count: count)]
            if let description = theme.description { item["description"] = description }
            return item
        }
    }

    /// The articles, newest first, 24 a page (find).
    func articlesPage(page: Int = 1) -> [String: Any] {
        let articles = sortedArticles()
        let pages = CardCatalog.pageCount(articles.count)
        var title = labels["nav_articles"]
        if page > 1 { title += " — " + labels.format("page_of", ["page": String(page), "pages": String(pages)]) }
        var context = common(title: title, description: nil)
        context["articles"] = articles.dropFirst((page - 1) * CardCatalog.pageSize).prefix(CardCatalog.pageSize).map(item)
        if pages > 1 {
            func link(_ number: Int) -> String { url(Routes.listPage(Routes.articles, page: number)) }
            var pagination: [String: Any] = ["label": labels.format("page_of", ["page": String(page), "pages": String(pages)]),
                                             "pages": (1...pages).map { number -> [String: Any] in
                                                 var entry: [String: Any] = ["number": String(number), "url": link(number)]
                                                 if number == page { entry["current"] = true }
                                                 return entry
                                             }]
            if page > 1 { pagination["previous"] = link(page - 1) }
            if page < pages { pagination["next"] = link(page + 1) }
            context["pagination"] = pagination
        }
        return context
    }

    /// The search page (find): Pagefind's interface when the build wrote its index, otherwise a message.
    func searchPage() -> [String: Any] {
        var context = common(title: labels["search_title"], description: nil)
        context["cards_url"] = url(Routes.cards)
        if input.searchAvailable {
            context["search"] = ["bundle": url("pagefind/"), "ui_css": url("pagefind/pagefind-ui.css"), "ui_js": url("pagefind/pagefind-ui.js"),
                                 "script": url("assets/search.js")]
        }
        return context
    }

    func articlePage(_ record: Record, _ article: Article) -> [String: Any] {
        var context = common(title: record.title, description: summary(record))
        context["title"] = record.title
        let rendered = body(record)
        // Trust: the summary once, the dates, the section and the source.
        if let summary = leadSummary(record, rendered) { context["summary"] = summary }
        if let dates = dateValues(record) { context["dates"] = dates }
        if let source = sourceValues(record) { context["source"] = source }
        if let sectionID = article.section?.id, let section = site.section(sectionID) {
            context["section"] = ["title": section.title, "url": url(Routes.section(section.id))]
        }
        if let author = article.author { context["author"] = author }
        if !article.figures.isEmpty {
            context["figures"] = article.figures.map { figure -> [String: Any] in
                var value = figure.isYear ? String(Int(figure.value)) : format.number(figure.value)
                if let unit = figure.unit {
                    value += unit == "%" ? (site.config.language == .fr ? "\u{00A0}%" : "%") : "\u{00A0}" + unit
                }
                return ["value": value, "label": figure.label]
            }
        }
        context["themes"] = themeLinks(record)
        context["body"] = rendered.html
        if !rendered.html.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { context["has_body"] = true }
        return context
    }

    func sectionPage(_ section: SectionInfo) -> [String: Any] {
        var context = common(title: section.title, description: section.description)
        context["title"] = section.title
        if let description = section.description { context["description"] = description }
        context["pages"] = pages(in: section.id).map(item)
        return context
    }

    func pages(in section: String) -> [Record] {
        site.records(of: .page).filter { $0.page?.section?.id == section }
            .sorted { ($0.page?.weight ?? 0, Collation.key($0.title), $0.id) < ($1.page?.weight ?? 0, Collation.key($1.title), $1.id) }
    }

    func pagePage(_ record: Record, _ page: Page) -> [String: Any] {
        var context = common(title: record.title, description: summary(record))
        context["title"] = record.title
        let rendered = body(record)
        // Trust: the summary once, the dates and the source.
        if let summary = leadSummary(record, rendered) { context["summary"] = summary }
        if let dates = dateValues(record) { context["dates"] = dates }
        if let source = sourceValues(record) { context["source"] = source }
        context["body"] = rendered.html
        if !rendered.html.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { context["has_body"] = true }
        context["themes"] = themeLinks(record)
        if let sectionID = page.section?.id, let section = site.section(sectionID) {
            context["section"] = ["title": section.title, "url": url(Routes.section(section.id))]
            let others = pages(in: sectionID).filter { $0.id != record.id }
            if !others.isEmpty { context["others"] = others.map(item) }
        }
        return context
    }

    func organisationsPage() -> [String: Any] {
        var context = common(title: labels["nav_organisations"], description: nil)
        context["organisations"] = Collation.sorted(site.records(of: .organisation), by: \.title).map { record -> [String: Any] in
            var entry = item(record)
            if let organisation = record.organisation { entry["type"] = labels["type_\(organisation.type.rawValue)"] }
            return entry
        }
        return context
    }

    func organisationPage(_ record: Record, _ organisation: Organisation) -> [String: Any] {
        var context = common(title: record.title, description: summary(record))
        context["title"] = record.title
        if organisation.name != record.title { context["name"] = organisation.name }
        context["type"] = labels["type_\(organisation.type.rawValue)"]
        if input.figures.generated(.funderType(organisation.type)) != nil {
            context["type_url"] = url(route(of: .funderType(organisation.type)))
        }
        if let website = organisation.website.flatMap(link) { context["website"] = website }
        if let territory = organisation.territory { context["territory"] = territoryValues(territory) }
        if let siret = organisation.siret { context["siret"] = siret }
        let rendered = body(record)
        // Trust: the summary once, the dates, the themes and the source.
        if let summary = leadSummary(record, rendered) { context["summary"] = summary }
        if let dates = dateValues(record) { context["dates"] = dates }
        if let source = sourceValues(record) { context["source"] = source }
        context["themes"] = themeLinks(record)
        context["body"] = rendered.html
        if !rendered.html.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { context["has_body"] = true }
        if ["territory", "website", "siret"].contains(where: { context[$0] != nil }) || !record.themes.isEmpty {
            context["has_facts"] = true
        }
        let carried = site.cards.filter { card in
            if case .organisation(let reference) = card.card?.carrier { return reference.id == record.id }
            return false
        }
        if !carried.isEmpty {
            context["carries"] = carried.prefix(Self.listLimit).map(item)
            if carried.count > Self.listLimit { context["carries_more"] = moreCards(carried.count - Self.listLimit) }
        }
        if let report = input.figures.funders[record.id] {
            context["contributions"] = contributions(report)
            let cofunded = cofundedResults(report.cardIDs)
            context["cofunded"] = cofunded.cards
            if let more = cofunded.more { context["cofunded_more"] = more }
        }
        let partnered = site.cards.filter { card in
            (card.card?.partners ?? []).contains { $0.organisation.id == record.id && $0.role != .carrier && $0.role != .funder }
                || (card.card?.valueChains ?? []).contains { $0.actors.contains { $0.organisation?.id == record.id } }
        }
        if !partnered.isEmpty {
            context["partners_of"] = partnered.prefix(Self.listLimit).map(item)
            if partnered.count > Self.listLimit { context["partners_of_more"] = moreCards(partnered.count - Self.listLimit) }
        }
        return context
    }

    /// "… and 940 more cards", linked to the card list, under a list cut at `listLimit`.
    func moreCards(_ count: Int) -> [String: Any] {
        ["text": labels.plural("more_cards", count: count, ["n": format.number(Double(count))]), "url": url(Routes.cards)]
    }

    func glossaryPage() -> [String: Any] {
        var context = common(title: labels["nav_glossary"], description: nil)
        // The term and its definition only: the spelling variants serve the links from other pages, not the reader.
        context["terms"] = Collation.sorted(site.records(of: .term)) { $0.term?.term ?? $0.title }
            .map { record -> [String: Any] in
                ["id": record.id, "term": record.term?.term ?? record.title, "title": record.title, "definition": body(record).html]
            }
        return context
    }

    func themesPage() -> [String: Any] {
        var context = common(title: labels["nav_themes"], description: nil)
        context["themes"] = themeItems()
        return context
    }

    func themePage(_ theme: ThemeInfo) -> [String: Any] {
        var context = common(title: theme.label, description: theme.description)
        context["title"] = theme.label
        if let description = theme.description { context["description"] = description }
        let tagged = site.records.filter { $0.themes.contains { $0.id == theme.id } }
        // The first cards with their key facts, then a link to the theme's full list (find).
        let members = catalog.members(facet: .theme, value: theme.id) ?? []
        if !members.isEmpty {
            context["cards"] = members.prefix(CardCatalog.pageSize).map { cardItem(catalog.entries[$0]) }
            if members.count > CardCatalog.pageSize {
                context["more_cards"] = ["url": url(CardListPage(facet: .theme, value: theme.id).route),
                                         "label": labels.format("all_cards_of_theme", ["count": String(members.count)])]
            }
        }
        let others = tagged.filter { !$0.kind.isCard }
        if !others.isEmpty { context["others"] = others.map(item) }
        if let page = input.figures.generated(.theme(theme.id)) {
            context["downloads"] = downloads(Routes.dataCards(page.scope.id), key: "data_download_cards")
            context["figures"] = figuresHTML(page)
        }
        return context
    }


    /// Every indicator for readers: its label, its formula in plain words (made from the parsed formula), its unit, how
    /// it is combined over several cards, what it does not say, how many cards it is computed for; the raw formula only
    /// in a "Formule technique" box. Each indicator's section has its id as anchor (`methodologie/#cost_per_job`).
    func methodologyPage() -> [String: Any] {
        var context = common(title: labels["methodology"], description: nil)
        let language = site.config.language
        let words = FormulaText(labels: labels, site: site)
        context["indicators"] = input.indicators.map { indicator -> [String: Any] in
            let source = indicator.source
            let overall = input.figures.site[source.id]
            var entry: [String: Any] = ["id": source.id, "label": source.label.text(language), "formula": source.formula,
                                        "formula_text": sentence(words.text(indicator.formula)),
                                        "unit": labels["unit_\(source.unit.rawValue)"],
                                        "aggregate": aggregationText(indicator, words),
                                        "coverage": labels.format("method_coverage_site",
                                                                  ["coverage": coverageText(overall?.reporting ?? 0, site.cards.count)])]
            if let description = source.description?.text(language) { entry["description"] = description }
            if let caveat = source.caveat?.text(language) { entry["caveat"] = sentence(caveat, stop: true) }
            return entry
        }
        context["metrics"] = site.dictionary.metrics.map { metric -> [String: Any] in
            var entry: [String: Any] = ["id": metric.id, "label": metric.label.text(language), "unit": labels["unit_\(metric.unit.rawValue)"]]
            if let description = metric.description?.text(language) { entry["description"] = description }
            return entry
        }
        context["data_url"] = url(Routes.data)
        return context
    }

    /// The "Données" page: every table of the open data from the catalogue the exports wrote (never a list of its own),
    /// with its files, its row count, its licence and the meaning of its columns. A table without row is listed, marked
    /// as not published, and nothing links to it.
    func dataPage() -> [String: Any] {
        var context = common(title: labels["data_page_title"], description: labels["data_page_intro"])
        let catalogue = input.dataCatalogue
        var licence: [String: Any] = ["name": labels["data_licence_none"]]
        if let siteLicence = site.config.licence {
            licence = ["name": siteLicence.label]
            if let link = safeURL(siteLicence.url) { licence["url"] = link }
        }
        context["licence"] = licence
        // The columns of a kind of table (each region's cards, each funder type's funding…) are described once, at the
        // first table of that kind; the others link to it, so the page stays light with hundreds of generated pages.
        var described: [[String]: (id: String, title: String)] = [:]
        let tables = catalogue.tables.map { table -> (stem: String, entry: [String: Any]) in
            let id = "t-" + Slug.make(table.stem)
            var entry: [String: Any] = ["title": table.title, "id": id, "rows": rowsText(table.rows, written: table.isWritten)]
            let signature = table.columns.flatMap { [$0.name, $0.description] }
            if let first = described[signature] {
                entry["columns_as"] = ["url": "#" + first.id, "title": first.title]
            } else {
                described[signature] = (id, table.title)
                entry["columns"] = table.columns.map { ["name": $0.name, "description": $0.description] }
            }
            if let description = table.description { entry["description"] = description }
            if table.isWritten {
                var files: [[String: Any]] = [
                    ["label": labels["data_csv"], "url": url(table.csvPath), "name": fileName(table.csvPath), "type": "text/csv"],
                    ["label": labels["data_csv_spreadsheet"], "url": url(table.spreadsheetPath), "name": fileName(table.spreadsheetPath),
                     "type": "text/csv"],
                ]
                if let json = table.jsonPath {
                    files.append(["label": labels["data_json"], "url": url(json), "name": fileName(json), "type": "application/json"])
                }
                entry["files"] = files
            } else if table.stem == Routes.dataSCDL {
                entry["absent_note"] = labels["data_scdl_empty"]
            }
            return (table.stem, entry)
        }
        // Grouped as a reader looks for them: the site's tables, each dashboard's blocks, the generated pages' tables.
        let dashboards = site.records(of: .dashboard)
        func group(_ stem: String) -> Int {
            let relative = stem.dropFirst("data/".count)
            if !relative.contains("/") { return 0 }
            if let index = dashboards.firstIndex(where: { stem.hasPrefix("data/tableaux-de-bord/\($0.id)/") }) { return index + 1 }
            return dashboards.count + 1
        }
        let titles = [labels["data_group_general"]] + dashboards.map { labels.format("data_group_dashboard", ["title": $0.title]) }
            + [labels["data_group_generated"]]
        context["groups"] = titles.enumerated().compactMap { index, title -> [String: Any]? in
            let members = tables.filter { group($0.stem) == index }.map(\.entry)
            guard !members.isEmpty else { return nil }
            return ["title": title, "id": "_groupe-\(index + 1)", "tables": members]
        }
        context["files_count"] = labels.format("data_files_count", ["n": String(catalogue.files.count)])
        context["datapackage"] = url(catalogue.dataPackage)
        context["methodology_url"] = url(Routes.methodology)
        return context
    }

    /// A phrase as a sentence: its first letter in capitals ("Le budget…"), and with `stop` a full stop if it has none.
    func sentence(_ phrase: String, stop: Bool = false) -> String {
        guard let first = phrase.first else { return phrase }
        var text = first.uppercased() + phrase.dropFirst()
        if stop, let last = text.last, !".!?…".contains(last) { text += "." }
        return text
    }

    /// How an indicator is combined over several cards, in words. A ratio of sums names its two terms, from its formula
    /// ("On additionne le budget total de la période de chaque fiche, et à part le nombre d'emplois créés…").
    func aggregationText(_ indicator: Indicator, _ words: FormulaText) -> String {
        if indicator.source.aggregate == .ratioOfSums, let terms = words.terms(indicator.formula) {
            return sentence(labels.format("method_ratio_of_sums", ["a": terms.numerator, "b": terms.denominator]))
        }
        return labels["aggregate_\(indicator.source.aggregate.rawValue)"]
    }

    /// "12 lignes", "1 ligne", or "aucune ligne : fichier non publié".
    func rowsText(_ rows: Int, written: Bool) -> String {
        guard written, rows > 0 else { return labels["data_rows_none"] }
        return labels.format(rows == 1 ? "data_rows_one" : "data_rows_many", ["n": format.number(Double(rows), decimals: 0)])
    }

    /// `data/tableaux-de-bord/vue-d-ensemble/financements.csv` → `financements.csv`.
    func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The links of the open data of a table under `stem`: its CSV, its spreadsheet copy, its JSON. Nil when the
    /// catalogue knows the table and it was not written (no row): no link to a file that does not exist.
    func dataLinks(_ stem: String) -> [String: Any]? {
        if let table = input.dataCatalogue.table(stem), !table.isWritten { return nil }
        var links: [String: Any] = ["has_data": true, "csv": url(stem + ".csv"), "csv_spreadsheet": url(Routes.dataSpreadsheet(stem))]
        if input.dataCatalogue.table(stem)?.hasJSON ?? true {
            links["json"] = url(stem + ".json")
            links["has_json"] = true
        }
        return links
    }
}

extension KeyFigure {
    /// A four-digit whole number between 1800 and 2100 reads as a year and is never grouped ("1995").
    var isYear: Bool {
        value == value.rounded() && value >= 1800 && value <= 2100 && unit == nil
    }
}
