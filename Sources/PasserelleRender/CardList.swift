import Foundation
import PasserelleIndicators
import PasserelleModel

extension CardCatalog {
    /// The one funder-type slug of the site, read from the id of the funder type's generated page
    /// (`financeurs-<slug>`), so the list's addresses follow that slug wherever it is defined.
    public static func funderTypeSlug(_ type: OrganisationType) -> String {
        let id = GeneratedScope.funderType(type).id
        let prefix = "financeurs-"
        return id.hasPrefix(prefix) ? String(id.dropFirst(prefix.count)) : id
    }
}

/// The card list (every card once, with its key facts, filtered by one dimension, sorted, paginated), the home
/// page's cards, the related cards of a card, and the JSON index the list's script reads.
extension PageContext {
    var catalog: CardCatalog { input.catalog }

    /// "3 fiches", "1 fiche".
    func cardCount(_ n: Int) -> String {
        labels.plural("cards_count", count: n)
    }

    /// A card's key facts, each formatted from the measures (never recomputed): territory, period, budget with its
    /// horizon, funders, status.
    func keyFacts(_ entry: CardEntry) -> [[String: Any]] {
        let record = entry.record
        guard let card = record.card else { return [] }
        var facts: [[String: Any]] = []
        if let territory = card.territory {
            var text = territory.name
            let regions = entry.regions.filter { !Regions.sameName($0, territory.name) }
            if !regions.isEmpty { text += " (" + regions.joined(separator: ", ") + ")" }
            facts.append(["label": labels["fact_territory"], "value": text])
        }
        if let period = card.period {
            let text = period.end.map { labels.format("period_range", ["start": String(period.start), "end": String($0)]) }
                ?? labels.format("period_from", ["start": String(period.start)])
            facts.append(["label": labels["fact_period"], "value": text])
        }
        if let totals = input.measures[record.id]?.facts.budgetTotals, let written = totals.asWritten {
            let text = totals.horizons.count == 1 ? money(written, totals.horizons[0])
                : labels.format("budget_total_breakdown", ["total": format.euros(written), "breakdown": breakdown(totals)])
            facts.append(["label": labels["fact_budget"], "value": text])
        } else {
            facts.append(["label": labels["fact_budget"], "value": labels["fact_budget_not_stated"]])
        }
        if !entry.funders.isEmpty {
            let shown = Array(entry.funders.prefix(3))
            var text = names(shown)
            if entry.funders.count > shown.count {
                text = labels.format("fact_funders_more", ["names": text, "n": String(entry.funders.count - shown.count)])
            }
            facts.append(["label": labels["fact_funders"], "value": text])
        }
        if let status = card.status { facts.append(["label": labels["fact_status"], "value": labels["status_\(status.rawValue)"]]) }
        return facts
    }

    /// A card in a list: title, link, summary and key facts.
    func cardItem(_ entry: CardEntry) -> [String: Any] {
        var values = item(entry.record)
        // The territory is among the key facts.
        values["territory"] = nil
        values["facts"] = keyFacts(entry)
        return values
    }

    /// The label of a value of a dimension: the theme's label, the region, the funder type, the year, the status,
    /// or what the cards without a value are called.
    func facetValueLabel(_ facet: CardFacet, _ value: FacetValue) -> String {
        guard let key = value.key else { return labels["facet_none_\(facet.rawValue)"] }
        switch facet {
        case .theme: return site.theme(key)?.label ?? key
        case .region, .year: return key
        case .funder: return labels["type_\(key)"]
        case .status: return labels["status_\(key)"]
        }
    }

    /// One page of the card list.
    func cardListPage(_ page: CardListPage) -> [String: Any] {
        let members = catalog.members(facet: page.facet, value: page.value) ?? []
        var heading = labels["nav_cards"]
        if let facet = page.facet, let value = catalog.facets[facet]?.first(where: { $0.slug == page.value }) {
            heading = labels.format("cards_filtered", ["facet": labels["facet_\(facet.rawValue)"], "value": facetValueLabel(facet, value)])
        } else if page.facet == nil, page.sort != .title {
            // A sorted copy of the list says which order it is in (its title and breadcrumbs too).
            heading = labels.format("cards_sorted", ["sort": labels["sort_\(page.sort.rawValue)"]])
        }
        let pages = CardCatalog.pageCount(members.count)
        var title = heading
        if page.page > 1 { title += " — " + labels.format("page_of", ["page": String(page.page), "pages": String(pages)]) }
        var context = common(title: title, description: nil)
        context["heading"] = heading
        context["is_filtered"] = page.facet != nil
        context["all_url"] = url(Routes.cards)
        context["count_text"] = cardCount(members.count)
        // Methodology and data: only links to files the open data wrote.
        if let cards = dataLinks(Routes.dataAllCards) { context["cards_data"] = cards }
        if let scdl = dataLinks(Routes.dataSCDL) { context["scdl_data"] = scdl }
        if let report = dataLinks(Routes.dataSCDLReport) { context["scdl_report_data"] = report }
        context["data_url"] = url(Routes.data)
        let ordered = catalog.ordered(facet: page.facet, value: page.value, sort: page.sort)
        let start = (page.page - 1) * CardCatalog.pageSize
        context["cards"] = ordered.dropFirst(start).prefix(CardCatalog.pageSize).map { cardItem(catalog.entries[$0]) }
        // The filters: every value of every dimension, as links to its first page in the current order.
        context["facets"] = CardFacet.allCases.compactMap { facet -> [String: Any]? in
            guard let values = catalog.facets[facet], !values.isEmpty else { return nil }
            let items = values.map { value -> [String: Any] in
                var entry: [String: Any] = ["label": facetValueLabel(facet, value), "count": String(value.members.count), "slug": value.slug,
                                            "filter_key": facet.rawValue + "=" + value.slug,
                                            "url": url(CardListPage(facet: facet, value: value.slug).route)]
                if facet == page.facet && value.slug == page.value { entry["current"] = true }
                return entry
            }
            var group: [String: Any] = ["id": facet.rawValue, "label": labels["facet_\(facet.rawValue)"], "values": items]
            if facet == page.facet { group["open"] = true }
            return group
        }
        // The orders as links on the list of every card (a filtered list is sorted by the script).
        if page.facet == nil { context["sorts"] = CardSort.allCases.map { sort -> [String: Any] in
            var entry: [String: Any] = ["label": labels["sort_\(sort.rawValue)"], "id": sort.rawValue, "filter_key": "sort=" + sort.rawValue,
                                        "url": url(CardListPage(facet: page.facet, value: page.value, sort: sort).route)]
            if sort == page.sort { entry["current"] = true }
            return entry
        } }
        if pages > 1 {
            func link(_ number: Int) -> String { url(CardListPage(facet: page.facet, value: page.value, sort: page.sort, page: number).route) }
            var pagination: [String: Any] = ["label": labels.format("page_of", ["page": String(page.page), "pages": String(pages)]),
                                             "pages": (1...pages).map { number -> [String: Any] in
                                                 var entry: [String: Any] = ["number": String(number), "url": link(number)]
                                                 if number == page.page { entry["current"] = true }
                                                 return entry
                                             }]
            if page.page > 1 { pagination["previous"] = link(page.page - 1) }
            if page.page < pages { pagination["next"] = link(page.page + 1) }
            context["pagination"] = pagination
        }
        // What the script starts from: the page's filter and order.
        context["script"] = url("assets/cards.js")
        context["index_url"] = url(Routes.cardIndex)
        context["current_facet"] = page.facet?.rawValue ?? ""
        context["current_value"] = page.value ?? ""
        context["current_sort"] = page.sort.rawValue
        return context
    }

    /// Up to four other cards sharing themes, territory or funders, each with its key facts.
    func relatedCards(_ record: Record) -> [[String: Any]] {
        catalog.related(to: record.id).map(cardItem)
    }

    /// The cards of the home page: the latest few, with a link to all.
    func homeCards() -> [[String: Any]] {
        catalog.latest.map(cardItem)
    }

    /// The JSON index of the card list's script: per card only what the list shows and filters by; the dimensions'
    /// values with their labels; each order as positions. Keys sorted, so two builds write the same bytes.
    func cardIndex() -> [String: Any] {
        var slugs = [[String: [String]]](repeating: [:], count: catalog.entries.count)
        for facet in CardFacet.allCases {
            for value in catalog.facets[facet] ?? [] {
                for member in value.members { slugs[member][facet.rawValue, default: []].append(value.slug) }
            }
        }
        let cards = catalog.entries.enumerated().map { position, entry -> [String: Any] in
            var values: [String: Any] = [
                "t": entry.record.title, "u": Routes.record(entry.record),
                "f": keyFacts(entry).map { [$0["label"] as? String ?? "", $0["value"] as? String ?? ""] },
            ]
            if let subtitle = entry.record.card?.subtitle { values["st"] = subtitle }
            // The script writes the summary as text: typeset here as the pages are (no-break spaces inside « »).
            if let summary = summary(entry.record) { values["s"] = site.config.language == .fr ? Typography.french(summary) : summary }
            values["k"] = slugs[position]
            return values
        }
        let facets = CardFacet.allCases.map { facet -> [String: Any] in
            ["id": facet.rawValue, "label": labels["facet_\(facet.rawValue)"], "segment": facet.segment, "all": labels["filter_all_\(facet.rawValue)"],
             "values": (catalog.facets[facet] ?? []).map { [$0.slug, facetValueLabel(facet, $0)] }]
        }
        let sorts = CardSort.allCases.map { sort -> [String: Any] in
            ["id": sort.rawValue, "label": labels["sort_\(sort.rawValue)"], "order": catalog.orders[sort] ?? []]
        }
        return ["cards": cards, "facets": facets, "sorts": sorts, "page_size": CardCatalog.pageSize,
                "labels": ["all": labels["filter_all"], "heading": labels["nav_cards"], "count_one": labels["cards_count_one"], "count_many": labels["cards_count_other"],
                           "singular": labels["plural_singular"],
                           "more": labels["show_more"], "sort": labels["sort_label"], "filters": labels["filter_label"]]]
    }
}

extension SiteRenderer {
    /// `fiches/index.json`: what the card list's script filters and sorts.
    public static func cardIndexFile(_ input: RenderInput) -> RenderedFile {
        let context = PageContext(input: input, route: Routes.cards)
        let data = (try? JSONSerialization.data(withJSONObject: context.cardIndex(), options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return RenderedFile(path: Routes.cardIndex, contents: Array(data))
    }
}
