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
            var item: [String: Any] = ["label": theme.label, "url": url(Routes.theme(theme.id)), "count": String(count)]
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
        if let summary = record.summary { context["summary"] = summary }
        if let date = record.date {
            context["date"] = format.date(date)
            context["date_iso"] = date.description
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
        context["body"] = body(record).html
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
            .sorted { ($0.page?.weight ?? 0, $0.title, $0.id) < ($1.page?.weight ?? 0, $1.title, $1.id) }
    }

    func pagePage(_ record: Record, _ page: Page) -> [String: Any] {
        var context = common(title: record.title, description: summary(record))
        context["title"] = record.title
        if let summary = record.summary { context["summary"] = summary }
        context["body"] = body(record).html
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
        context["organisations"] = site.records(of: .organisation).sorted { $0.title < $1.title }.map { record -> [String: Any] in
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
        if let website = organisation.website.flatMap(safeURL) { context["website"] = website }
        if let territory = organisation.territory { context["territory"] = territoryValues(territory) }
        if let siret = organisation.siret { context["siret"] = siret }
        context["body"] = body(record).html
        let carried = site.cards.filter { card in
            if case .organisation(let reference) = card.card?.carrier { return reference.id == record.id }
            return false
        }
        if !carried.isEmpty { context["carries"] = carried.map(item) }
        if let report = input.figures.funders[record.id] {
            context["contributions"] = contributions(report)
            context["cofunded"] = cofundedResults(report.cardIDs)
        }
        let partnered = site.cards.filter { card in
            (card.card?.partners ?? []).contains { $0.organisation.id == record.id && $0.role != .carrier && $0.role != .funder }
                || (card.card?.valueChains ?? []).contains { $0.actors.contains { $0.organisation?.id == record.id } }
        }
        if !partnered.isEmpty { context["partners_of"] = partnered.map(item) }
        return context
    }

    func glossaryPage() -> [String: Any] {
        var context = common(title: labels["nav_glossary"], description: nil)
        context["terms"] = site.records(of: .term).sorted { ($0.term?.term ?? $0.title).lowercased() < ($1.term?.term ?? $1.title).lowercased() }
            .map { record -> [String: Any] in
                var entry: [String: Any] = ["id": record.id, "term": record.term?.term ?? record.title, "title": record.title,
                                            "definition": body(record).html]
                if let aliases = record.term?.aliases, !aliases.isEmpty { entry["aliases"] = aliases.joined(separator: ", ") }
                return entry
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


    /// Every indicator: what it means, how it is computed and aggregated, how many cards report it.
    func methodologyPage() -> [String: Any] {
        var context = common(title: labels["methodology"], description: nil)
        let language = site.config.language
        context["indicators"] = input.indicators.map { indicator -> [String: Any] in
            let source = indicator.source
            let overall = input.figures.site[source.id]
            var entry: [String: Any] = ["id": source.id, "label": source.label.text(language), "formula": source.formula,
                                        "unit": labels["unit_\(source.unit.rawValue)"],
                                        "aggregate": labels["aggregate_\(source.aggregate.rawValue)"],
                                        "coverage": coverageText(overall?.reporting ?? 0, site.cards.count)]
            if let description = source.description?.text(language) { entry["description"] = description }
            if let caveat = source.caveat?.text(language) { entry["caveat"] = caveat }
            return entry
        }
        context["metrics"] = site.dictionary.metrics.map { metric -> [String: Any] in
            var entry: [String: Any] = ["id": metric.id, "label": metric.label.text(language), "unit": labels["unit_\(metric.unit.rawValue)"]]
            if let description = metric.description?.text(language) { entry["description"] = description }
            return entry
        }
        return context
    }
}

extension KeyFigure {
    /// A four-digit whole number between 1800 and 2100 reads as a year and is never grouped ("1995").
    var isYear: Bool {
        value == value.rounded() && value >= 1800 && value <= 2100 && unit == nil
    }
}
