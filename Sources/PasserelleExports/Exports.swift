import Foundation
import PasserelleIndicators
import PasserelleModel

/// Open data: the cards, the dashboards' blocks, the generated pages and the funders' contributions, as CSV and JSON
/// tables described by `data/datapackage.json`. Every number is read from the measure stage (money.md §9): nothing
/// here adds, averages or labels with the theme; it only writes what `SiteMeasures` holds.
public enum Exports {
    public static let cardsCSV = Routes.dataAllCards + ".csv"
    public static let cardsJSON = Routes.dataAllCards + ".json"
    public static let fundersCSV = Routes.dataFunders + ".csv"
    public static let fundersJSON = Routes.dataFunders + ".json"
    public static let dataPackage = "data/datapackage.json"
    /// The codes of the `_reason` columns and what each means.
    public static let reasonsCSV = "data/raisons.csv"

    static let cardsStem = "data/fiches"
    static let fundersStem = Routes.dataFunders

    /// The files of a dashboard block (`.csv`, `.json`): `data/tableaux-de-bord/<dashboard id>/<block name>`, the name from
    /// the block's title or indicator (`Routes.dataBlock`, the address the dashboard links to).
    public static func blockStem(site: Site, dashboardID: String, index: Int) -> String {
        var blocks: [DashboardBlock] = []
        if case .dashboard(let dashboard) = site.record(dashboardID)?.payload { blocks = dashboard.blocks }
        return Routes.dataBlock(dashboard: dashboardID, blocks: blocks, site: site, index: index)
    }

    /// The cards of a generated page: `data/fiches/<scope id>` (`Routes.dataCards`).
    public static func cardsStem(_ scope: GeneratedScope) -> String {
        Routes.dataCards(scope.id)
    }

    /// The indicators of a generated page, one row each: `data/tableaux-de-bord/<scope id>` (`Routes.dataSummary`).
    public static func summaryStem(_ scope: GeneratedScope) -> String {
        Routes.dataSummary(scope.id)
    }

    /// The funding by type of a generated page: `data/tableaux-de-bord/<scope id>-financements`, the address the
    /// generated page links to.
    public static func fundingStem(_ scope: GeneratedScope) -> String {
        Routes.dataFunding(scope.id)
    }

    // MARK: The files

    /// Every table of the site's open data and `data/datapackage.json`. A table that cannot be written as it is
    /// (two tables on one path, a column listed twice, a repeated key) is an error naming its file, never a file
    /// silently emptied or dropped.
    public static func files(site: Site, figures: SiteMeasures) -> (files: [RenderedFile], diagnostics: [Diagnostic]) {
        let publication = publication(site: site, figures: figures)
        return (publication.files, publication.diagnostics)
    }

    /// The open data: its files, what is wrong with it, and the catalogue of its tables for the pages.
    public struct Publication: Sendable {
        public var files: [RenderedFile]
        public var diagnostics: [Diagnostic]
        /// Every table, written or left out because it has no row: the list the "Données" page and the links read.
        public var catalogue: DataCatalogue
    }

    /// Every table of the site's open data, its files, datapackage.json and the catalogue the pages read.
    public static func publication(site: Site, figures: SiteMeasures) -> Publication {
        publish(tables(site: site, figures: figures), site: site)
    }

    /// The files of `tables` and their datapackage.json, each table checked and its paths claimed once. A table with no
    /// row is not written (no empty file to download): the catalogue keeps it, marked as not written, so the "Données"
    /// page can say why it is absent.
    static func publish(_ tables: [DataTable], site: Site) -> Publication {
        var diagnostics: [Diagnostic] = []
        var published: [DataTable] = []
        var entries: [DataCatalogueEntry] = []
        var owners: [String: String] = [:]
        for table in tables {
            guard !table.rows.isEmpty else {
                entries.append(entry(table, isWritten: false))
                continue
            }
            let problems = table.problems
            guard problems.isEmpty else {
                for problem in problems {
                    diagnostics.append(.error("export-table-invalid", table.csvPath, .start,
                                              Bilingual(fr: "la table de données ouvertes «\u{A0}\(table.title)\u{A0}» ne peut pas être écrite\u{A0}: \(problem)",
                                                        en: "the open data table « \(table.title) » cannot be written: \(problem)"),
                                              hint: Bilingual(fr: "c’est un défaut de Passerelle ou un conflit d’identifiants dans Content/\u{A0}; signalez-le avec ce message",
                                                              en: "this is a bug of Passerelle or a clash of ids in Content/; please report it with this message")))
                }
                continue
            }
            let claims = [table.csvPath, table.spreadsheetPath] + (table.hasJSON ? [table.jsonPath] : []) + ["resource " + table.resourceName]
            if let clash = claims.first(where: { owners[$0] != nil }) {
                let path = clash.hasPrefix("resource ") ? table.csvPath : clash
                diagnostics.append(.error("export-table-clash", path, .start,
                    Bilingual(fr: "deux tables de données ouvertes seraient écrites dans \(path)\u{A0}: «\u{A0}\(owners[clash] ?? "")\u{A0}» et «\u{A0}\(table.title)\u{A0}»",
                              en: "two open data tables would be written to \(path): « \(owners[clash] ?? "") » and « \(table.title) »"),
                    hint: Bilingual(fr: "donnez un autre identifiant à l’une des fiches (un tableau de bord, un thème ou une région dont l’identifiant donne le même nom de fichier)",
                                    en: "give one of the records another id (a dashboard, a theme or a region whose id makes the same file name)")))
                continue
            }
            for claim in claims { owners[claim] = table.title }
            published.append(table)
            entries.append(entry(table, isWritten: true))
        }
        var files = published.flatMap(\.files)
        files.append(RenderedFile(path: dataPackage, contents: Array(dataPackageJSON(site: site, tables: published).utf8)))
        return Publication(files: files, diagnostics: diagnostics, catalogue: DataCatalogue(tables: entries, dataPackage: dataPackage))
    }

    /// A table as the catalogue lists it.
    static func entry(_ table: DataTable, isWritten: Bool) -> DataCatalogueEntry {
        DataCatalogueEntry(stem: table.stem, title: table.title, description: table.description,
                           columns: table.columns.map { .init(name: $0.name, type: $0.type.rawValue, description: $0.description) },
                           rows: table.rows.count, isWritten: isWritten, hasJSON: table.hasJSON,
                           resourceName: isWritten ? table.resourceName : nil)
    }

    /// Every table, in the order datapackage.json lists them: cards, funders, subsidies, dashboards, generated pages.
    public static func tables(site: Site, figures: SiteMeasures) -> [DataTable] {
        var tables: [DataTable] = []
        tables.append(cardsTable(stem: cardsStem, title: "Fiches",
                                 description: "Une ligne par fiche (projet ou initiative) : identité, territoire, budget et financements par horizon, et la valeur de chaque indicateur (voir la page Méthodologie).",
                                 records: site.cards, site: site, figures: figures))
        tables.append(fundersTable(site: site, figures: figures))
        tables.append(reasonsTable)
        tables += SCDLExport.tables(site: site, figures: figures)
        for record in site.records(of: .dashboard) {
            for result in figures.dashboards[record.id] ?? [] {
                tables.append(blockTable(result, site: site, stem: blockStem(site: site, dashboardID: record.id, index: result.index),
                                         title: "\(record.title) : \(blockTitle(result, site: site))"))
            }
        }
        for page in figures.generated {
            let title = scopeTitle(page.scope, site: site)
            let members = Set(page.cardIDs)
            tables.append(cardsTable(stem: cardsStem(page.scope), title: "\(title) : fiches",
                                     description: "Les fiches de la page « \(title) », avec les mêmes colonnes que fiches.csv.",
                                     records: site.cards.filter { members.contains($0.id) }, site: site, figures: figures))
            let indicators = page.blocks.compactMap { result -> IndicatorTable? in
                if case .indicator(let table) = result.content { return table }
                return nil
            }
            tables.append(summaryTable(indicators, stem: summaryStem(page.scope), title: title, scope: page.scope, site: site))
            for result in page.blocks where !isIndicator(result) {
                tables.append(blockTable(result, site: site, stem: fundingStem(page.scope),
                                         title: "\(title) : \(blockTitle(result, site: site))"))
            }
        }
        return tables
    }

    static func isIndicator(_ result: BlockResult) -> Bool {
        if case .indicator = result.content { return true }
        return false
    }

    /// The French title of a block in datapackage.json: its own title, else its indicator's label.
    static func blockTitle(_ result: BlockResult, site: Site) -> String {
        if let title = result.block.title { return title }
        switch result.content {
        case .indicator(let table): return table.indicator.source.label.text(site.config.language)
        case .funding: return "Financements par type de financeur"
        case .stacked: return "Financements par type de financeur, par \(keyName(result.block.by))"
        }
    }

    static func scopeTitle(_ scope: GeneratedScope, site: Site) -> String {
        switch scope {
        case .region(let name): return "Région \(name)"
        case .funderType(let type): return "Financeurs de type « \(type.rawValue) »"
        case .theme(let id): return "Thème « \(site.theme(id)?.label ?? id) »"
        }
    }

    /// The grouping key in French words, for titles and descriptions.
    static func keyName(_ key: GroupingKey) -> String {
        switch key {
        case .site: return "site"
        case .theme: return "thème"
        case .region: return "région"
        case .department: return "département"
        case .level: return "niveau de territoire"
        case .funder: return "financeur"
        case .funderType: return "type de financeur"
        case .year: return "année"
        case .kind: return "type de fiche"
        }
    }

    // MARK: Cards

    static let identityColumns: [DataTable.Column] = [
        .init("id", .string, "Identifiant de la fiche (le nom de son fichier, sans extension)."),
        .init("kind", .string, "Type de fiche : project (projet) ou initiative (initiative territoriale)."),
        .init("title", .string, "Titre de la fiche."),
        .init("url", .string, "Adresse de la page de la fiche, relative à la racine du site."),
        .init("carrier", .string, "Porteur : identifiant de son organisation sur le site, ou son nom quand il n'en a pas ; vide si la fiche ne le dit pas."),
        .init("territory", .string, "Nom du territoire de la fiche ; vide si elle ne le dit pas."),
        .init("departments", .string, "Codes des départements du territoire, séparés par des espaces."),
        .init("regions", .string, "Régions du territoire, déduites des départements, séparées par « ; »."),
        .init("themes", .string, "Identifiants des thèmes de la fiche, séparés par des espaces."),
    ]

    static let budgetColumns: [DataTable.Column] = [
        .init("budget_per_year", .number, "Budget de fonctionnement par an, en euros : lignes annuelles et lignes pluriannuelles divisées par leur nombre d'années (budget.annual) ; vide quand il n'y en a pas, la raison dans budget_per_year_reason. Jamais d'investissement ponctuel ni de montant sans période."),
        .init("budget_per_year_reason", .string, "Pourquoi budget_per_year est vide, en code machine (leur liste et leur sens : \(reasonsCSV)) ; vide quand il est donné."),
        .init("budget_annual_as_written", .number, "Somme des lignes de budget annuelles (fonctionnement et investissement), en euros par an ; vide s'il n'y en a pas."),
        .init("budget_multi_year", .number, "Somme des lignes de budget pluriannuelles, en euros, chacune telle qu'écrite sur toute sa durée ; vide s'il n'y en a pas."),
        .init("budget_multi_year_years", .string, "Nombre d'années que couvrent les lignes de budget pluriannuelles (plusieurs nombres séparés par des espaces quand elles diffèrent)."),
        .init("budget_one_off", .number, "Somme des lignes de budget ponctuelles (investissement, dépense unique), en euros ; jamais comptée dans un montant par an ; vide s'il n'y en a pas."),
        .init("budget_unstated", .number, "Somme des lignes de budget dont la période n'est pas précisée, en euros, telles qu'écrites ; jamais comptée dans un montant par an ; vide s'il n'y en a pas."),
        .init("budget_in_kind", .number, "Part du budget apportée en nature (un local, un véhicule…), en euros, tous horizons ; vide s'il n'y en a pas."),
    ]

    static let cardFundingColumns: [DataTable.Column] = [
        .init("funding_per_year", .number, "Financements par an, en euros : montants connus des lignes annuelles et des lignes pluriannuelles divisées par leur nombre d'années ; vide s'il n'y en a pas."),
        .init("funding_annual_as_written", .number, "Somme des montants connus des lignes de financement annuelles, en euros par an ; vide s'il n'y en a pas."),
        .init("funding_multi_year", .number, "Somme des montants connus des lignes de financement pluriannuelles, en euros, chacune sur toute sa durée ; vide s'il n'y en a pas."),
        .init("funding_multi_year_years", .string, "Nombre d'années que couvrent les lignes de financement pluriannuelles (plusieurs nombres séparés par des espaces quand elles diffèrent)."),
        .init("funding_one_off", .number, "Somme des montants connus des lignes de financement ponctuelles, en euros ; jamais comptée dans un montant par an ; vide s'il n'y en a pas."),
        .init("funding_not_broken_down", .number, "Somme des montants des lignes de financement non ventilées (le budget mêle des horizons et la ligne ne dit pas lequel elle paie), en euros, telles qu'écrites ; vide s'il n'y en a pas."),
        .init("funding_unstated", .number, "Somme des montants des lignes de financement dont la période n'est pas précisée, en euros ; vide s'il n'y en a pas."),
        .init("funding_in_kind", .number, "Part des financements apportée en nature, en euros, tous horizons ; vide s'il n'y en a pas."),
        .init("funding_lines_without_amount", .integer, "Nombre de lignes de financement sans montant ni part (« montant non précisé ») : elles ne sont comptées dans aucune somme."),
    ]

    /// French words for a unit, in the description of a value column.
    static func unitName(_ unit: MeasureUnit) -> String {
        switch unit {
        case .people: return "en personnes"
        case .jobs: return "en emplois"
        case .EUR: return "en euros"
        case .percent: return "en fraction de 1 (0.7 pour 70 %)"
        case .count: return "en nombre"
        case .tonnes: return "en tonnes"
        case .hours: return "en heures"
        case .number: return "en nombre"
        }
    }

    static func indicatorColumns(_ indicator: Indicator, site: Site) -> [DataTable.Column] {
        let language = site.config.language
        let id = indicator.id
        var meaning = "« \(indicator.source.label.text(language)) », \(unitName(indicator.source.unit)), calculé par la formule \(indicator.source.formula)."
        if let description = indicator.source.description?.text(language) { meaning += " " + description }
        if let caveat = indicator.source.caveat?.text(language) { meaning += " Attention : " + caveat }
        return [
            .init(id, .number, meaning + " Vide quand la valeur n'est pas disponible (raison dans \(id)_reason), jamais 0."),
            .init(id + "_approximate", .boolean, "true quand \(id) repose sur une valeur approchée (« environ 30 ») ; vide quand \(id) n'est pas disponible."),
            .init(id + "_year", .integer, "L'année à laquelle \(id) se rapporte, quand ses données datées en partagent une ; vide sinon."),
            .init(id + "_reason", .string, "Pourquoi \(id) n'est pas disponible, en code machine (leur liste et leur sens : \(reasonsCSV)) ; vide quand la valeur est donnée."),
        ]
    }

    static func cardColumns(indicators: [Indicator], site: Site) -> [DataTable.Column] {
        identityColumns + budgetColumns + cardFundingColumns + indicators.flatMap { indicatorColumns($0, site: site) }
    }

    /// A table of cards: one row per card, every figure read from its measures.
    public static func cardsTable(stem: String, title: String, description: String? = nil, records: [Record], site: Site,
                                  figures: SiteMeasures) -> DataTable {
        let rows = records.compactMap { record -> [DataTable.Cell]? in
            guard let card = record.card else { return nil }
            let measures = figures.cards[record.id]
            var carrier: String?
            switch card.carrier {
            case .organisation(let reference): carrier = reference.id
            case .named(let name, _): carrier = name
            case nil: carrier = nil
            }
            var cells: [DataTable.Cell] = [
                .text(record.id), .text(record.kind.rawValue), .text(record.title), .text(Routes.record(record)), .text(carrier),
                .text(card.territory?.name), .text((card.territory?.departments ?? []).joined(separator: " ")),
                .text(site.regions(of: card).joined(separator: "; ")), .text(record.themes.map(\.id).joined(separator: " ")),
            ]
            let facts = measures?.facts
            let perYear = measures?.budgetPerYear
            let budget = facts?.budgetTotals ?? HorizonTotals()
            cells += [.number(perYear?.number), .text(perYear.flatMap(reason)), .number(budget.annual), .number(multiYear(budget)),
                      .text(multiYearYears(budget)), .number(budget.oneOff), .number(budget.unstated), .number(budget.inKind)]
            let funding = facts?.fundingTotals ?? HorizonTotals()
            cells += [.number(funding.perYear), .number(funding.annual), .number(multiYear(funding)), .text(multiYearYears(funding)),
                      .number(funding.oneOff), .number(funding.notBrokenDown), .number(funding.unstated), .number(funding.inKind),
                      .integer(facts?.funding.filter { $0.amount == nil }.count ?? 0)]
            for indicator in figures.indicators {
                let evaluation = measures?.value(indicator.id)
                let measured = evaluation?.measured
                cells += [.number(measured?.value), .boolean(measured?.approximate), .integer(measured?.year),
                          .text(evaluation.flatMap(reason))]
            }
            return cells
        }
        return DataTable(stem: stem, title: title, description: description,
                         columns: cardColumns(indicators: figures.indicators, site: site), primaryKey: ["id"], rows: rows)
    }

    static func reason(_ evaluation: Evaluation) -> String? {
        if case .unavailable(let reason) = evaluation { return reasonCode(reason) }
        return nil
    }

    /// The multi-year amounts as written, summed in the order of their durations (deterministic to the last digit).
    static func multiYear(_ totals: HorizonTotals) -> Double? {
        totals.multiYear.isEmpty ? nil : totals.multiYear.keys.sorted().reduce(0) { $0 + (totals.multiYear[$1] ?? 0) }
    }

    static func multiYearYears(_ totals: HorizonTotals) -> String? {
        totals.multiYear.isEmpty ? nil : totals.multiYear.keys.sorted().map(String.init).joined(separator: " ")
    }

    // MARK: Blocks

    /// The table of one computed block: what the dashboard draws, the data files hold and the command line prints.
    public static func blockTable(_ result: BlockResult, site: Site, stem: String, title: String) -> DataTable {
        switch result.content {
        case .indicator(let table): return indicatorTable(table, site: site, stem: stem, title: title)
        case .funding(let table): return fundingTable(table, stem: stem, title: title)
        case .stacked(let stacked): return stackedTable(stacked, by: result.block.by, site: site, stem: stem, title: title)
        }
    }

    static func groupColumns(_ key: GroupingKey) -> [DataTable.Column] {
        [
            .init("group", .string, "Identifiant du groupe (\(keyName(key))) : id du thème ou du financeur, nom de la région, code, année… ; « none » pour les fiches qui n'en ont pas."),
            .init("label", .string, "Nom du groupe tel que le site l'écrit (libellé du thème, titre de l'organisation, nom de la région, année) ; vide pour « none »."),
            .init("is_without_group", .boolean, "true pour le groupe des fiches sans \(keyName(key)) (« none »)."),
        ]
    }

    static let valueColumns: [DataTable.Column] = [
        .init("value", .number, "Valeur de l'indicateur sur les fiches du groupe, agrégée comme la page Méthodologie l'explique ; vide quand aucune fiche du groupe ne la donne, jamais 0."),
        .init("approximate", .boolean, "true quand la valeur repose sur une donnée approchée (« environ 30 ») ; vide quand il n'y a pas de valeur."),
        .init("year", .integer, "L'année à laquelle la valeur se rapporte, quand toutes ses données datées en partagent une ; vide sinon."),
        .init("cards_reporting", .integer, "Nombre de fiches du groupe qui donnent une valeur."),
        .init("cards", .integer, "Nombre de fiches du groupe."),
        .init("mixes_horizons", .boolean, "true quand la valeur additionne de l'argent d'horizons différents (annuel, pluriannuel…)."),
        .init("horizons", .string, "Horizons de l'argent dont la valeur est faite, séparés par des espaces : annual, years_N (sur N ans), one_off, unstated, not_broken_down."),
    ]

    static func valueCells(_ value: GroupValue) -> [DataTable.Cell] {
        [.number(value.value), .boolean(value.value == nil ? nil : value.approximate), .integer(value.year),
         .integer(value.reporting), .integer(value.total), .boolean(value.mixesHorizons), .text(horizonCodes(value.horizons))]
    }

    /// One row per group, then, when a card can be in several groups, the `all_distinct` row over every card once.
    public static func indicatorTable(_ table: IndicatorTable, site: Site, stem: String, title: String) -> DataTable {
        var rows = table.rows.map { value -> [DataTable.Cell] in
            [.text(groupCode(value.group)), .text(groupLabel(value.group, by: table.by, site: site)),
             .boolean(value.group == GroupValue.none)] + valueCells(value)
        }
        if table.overlapping {
            rows.append([.text(allDistinct), .text(""), .boolean(false)] + valueCells(table.overall))
        }
        let source = table.indicator.source
        var description = "« \(source.label.text(site.config.language)) » (\(table.indicator.id), \(unitName(source.unit)), agrégation \(source.aggregate.rawValue)) par \(keyName(table.by))."
        if table.overlapping {
            description += " Une fiche peut relever de plusieurs groupes : ne pas additionner les lignes ; la ligne « all_distinct » donne la valeur sur toutes les fiches, chacune comptée une fois."
        }
        if let caveat = source.caveat?.text(site.config.language) { description += " Attention : " + caveat }
        var columns = groupColumns(table.by) + valueColumns
        columns[0].description += " « all_distinct » : la valeur sur toutes les fiches, chacune une fois."
        return DataTable(stem: stem, title: title, description: description, columns: columns, primaryKey: ["group"], rows: rows)
    }

    static let moneyColumns: [DataTable.Column] = [
        .init("per_year", .number, "Financements par an, en euros : montants connus des lignes annuelles et des lignes pluriannuelles divisées par leur nombre d'années ; jamais d'argent ponctuel ou non ventilé ; vide quand il n'y en a pas, jamais 0."),
        .init("annual_as_written", .number, "Somme des montants connus des lignes annuelles, en euros par an ; vide s'il n'y en a pas."),
        .init("multi_year_as_written", .number, "Somme des montants connus des lignes pluriannuelles, en euros, chacune sur toute sa durée (voir multi_year_years) ; vide s'il n'y en a pas."),
        .init("multi_year_years", .string, "Nombre d'années que couvrent les lignes pluriannuelles (plusieurs nombres séparés par des espaces quand elles diffèrent)."),
        .init("one_off", .number, "Somme des montants connus des lignes ponctuelles, en euros ; jamais comptée par an ; vide s'il n'y en a pas."),
        .init("not_broken_down", .number, "Somme des montants des lignes non ventilées (budget mêlant des horizons), en euros, telles qu'écrites ; vide s'il n'y en a pas."),
        .init("unstated", .number, "Somme des montants des lignes dont la période n'est pas précisée, en euros ; vide s'il n'y en a pas."),
        .init("lines_without_amount", .integer, "Nombre de lignes sans montant ni part (« montant non précisé ») : comptées ici, dans aucune somme."),
        .init("lines", .integer, "Nombre de lignes de financement."),
        .init("cards", .integer, "Nombre de fiches auxquelles ces lignes appartiennent."),
    ]

    static func moneyCells(_ group: FundingGroup) -> [DataTable.Cell] {
        let totals = group.totals
        return [.number(totals.perYear), .number(totals.annual), .number(multiYear(totals)), .text(multiYearYears(totals)),
                .number(totals.oneOff), .number(totals.notBrokenDown), .number(totals.unstated),
                .integer(group.linesWithoutAmount), .integer(group.contributions.count), .integer(group.cards)]
    }

    static let fundingGroupColumn = DataTable.Column("funder_type", .string,
        "Type de financeur (region, state, europe, department, intercommunality, commune, public_agency, private, self_financing, association, cooperative, other) ; « joint » pour les lignes partagées entre plusieurs financeurs, jamais réparties ; « unknown » pour un financeur sans type.")

    /// Funding by funder type over a scope: one row per type, one column per horizon.
    public static func fundingTable(_ table: FundingTable, stem: String, title: String) -> DataTable {
        DataTable(stem: stem, title: title,
                  description: "Financements par type de financeur, un horizon par colonne : l'argent ponctuel ou non ventilé n'est jamais compté par an, un montant inconnu n'est jamais 0.",
                  columns: fundingColumns, primaryKey: ["group"],
                  rows: table.rows.map { [.text($0.group)] + moneyCells($0) })
    }

    static var fundingColumns: [DataTable.Column] {
        var group = fundingGroupColumn
        group.name = "group"
        return [group] + moneyColumns
    }

    /// Funding per group of cards cut by funder type: one row per group and type. A group whose cards have no
    /// funding line keeps a row (funder type `none`, no money).
    public static func stackedTable(_ stacked: StackedFunding, by key: GroupingKey, site: Site, stem: String, title: String) -> DataTable {
        var rows: [[DataTable.Cell]] = []
        for row in stacked.rows {
            let head: [DataTable.Cell] = [.text(groupCode(row.group)), .text(groupLabel(row.group, by: key, site: site)),
                                          .boolean(row.group == GroupValue.none), .integer(row.cards)]
            let types = stacked.types.filter { row.byType[$0] != nil }
            if types.isEmpty {
                rows.append(head + [.text("none"), .number(nil), .number(nil), .number(nil), .text(nil), .number(nil), .number(nil),
                                    .number(nil), .integer(0), .integer(0), .integer(0)])
            }
            for type in types {
                guard let group = row.byType[type] else { continue }
                rows.append(head + [.text(type)] + moneyCells(group))
            }
        }
        var funderType = fundingGroupColumn
        funderType.description += " « none » : aucune ligne de financement dans le groupe."
        var description = "Financements par \(keyName(key)) et par type de financeur, un horizon par colonne."
        if stacked.overlapping { description += " Une fiche peut relever de plusieurs groupes : ne pas additionner les groupes." }
        return DataTable(stem: stem, title: title, description: description,
                         columns: groupColumns(key) + [.init("group_cards", .integer, "Nombre de fiches du groupe."), funderType]
                            + moneyColumns,
                         primaryKey: ["group", "funder_type"], rows: rows)
    }

    // MARK: Generated pages

    /// One row per indicator over a generated page's cards, each card counted once.
    static func summaryTable(_ tables: [IndicatorTable], stem: String, title: String, scope: GeneratedScope, site: Site) -> DataTable {
        var description = "Chaque indicateur sur les fiches de la page « \(title) », chaque fiche comptée une fois."
        if case .funderType = scope {
            description += " Seuls les indicateurs de résultats : ce sont les résultats des fiches cofinancées, pas ceux du financeur."
        }
        return DataTable(stem: stem, title: title, description: description,
                         columns: [.init("indicator", .string, "Identifiant de l'indicateur dans indicators.yml."),
                                   .init("label", .string, "Libellé de l'indicateur dans indicators.yml, dans la langue du site."),
                                   .init("unit", .string, "Unité de la valeur : EUR (euros), percent (fraction de 1 : 0.7 pour 70 %), people, jobs, count, tonnes, hours, number.")]
                            + valueColumns,
                         primaryKey: ["indicator"],
                         rows: tables.map { table in
                             [.text(table.indicator.id), .text(table.indicator.source.label.text(site.config.language)),
                              .text(table.indicator.source.unit.rawValue)] + valueCells(table.overall)
                         })
    }

    // MARK: Reasons

    /// Every code a `_reason` column can hold, with its meaning: the key to read them.
    static var reasonsTable: DataTable {
        DataTable(stem: String(reasonsCSV.dropLast(4)), title: "Raisons d'une valeur non disponible",
                  description: "Les codes des colonnes _reason de fiches.csv et leur sens.",
                  columns: [.init("code", .string, "Code machine d'une raison, tel que les colonnes _reason l'écrivent."),
                            .init("description", .string, "Ce que le code veut dire, en français.")],
                  primaryKey: ["code"], rows: reasonCodes.map { [.text($0.0), .text($0.1)] })
    }

    // MARK: Funders

    /// One row per funding line of each funding organisation: what it paid, on which card, over which horizon.
    static func fundersTable(site: Site, figures: SiteMeasures) -> DataTable {
        var rows: [[DataTable.Cell]] = []
        for funder in figures.funders.keys.sorted() {
            guard let report = figures.funders[funder] else { continue }
            for contribution in report.contributions {
                rows.append([.text(funder), .text(site.organisation(funder)?.type.rawValue), .text(contribution.cardID),
                             .integer(contribution.line + 1), .number(contribution.amount), .text(contribution.horizon.code),
                             .boolean(contribution.horizonInherited), .integer(contribution.year),
                             .number(contribution.shareOfBudget), .number(contribution.leverage),
                             .text(contribution.leverageGap.map(leverageGapCode)), .boolean(contribution.isJoint),
                             .text(contribution.funders.joined(separator: " "))])
            }
        }
        let columns: [DataTable.Column] = [
            .init("funder", .string, "Identifiant de l'organisation qui finance."),
            .init("funder_type", .string, "Type de l'organisation qui finance (region, state, europe…)."),
            .init("card", .string, "Identifiant de la fiche financée."),
            .init("line", .integer, "Rang de la ligne dans les financements de la fiche (1 pour la première)."),
            .init("amount", .number, "Montant de la ligne en euros, tel qu'écrit ou calculé à partir de sa part ; pour une ligne conjointe, le montant de toute la ligne, partagé ; vide quand il n'est pas précisé, jamais 0."),
            .init("horizon", .string, "Horizon du montant : annual (par an), years_N (sur N ans), one_off (ponctuel), unstated (période non précisée), not_broken_down (non ventilé)."),
            .init("horizon_inherited", .boolean, "true quand la ligne ne dit pas sa période et prend celle du budget de la fiche."),
            .init("year", .integer, "Année de la ligne, quand la fiche la donne."),
            .init("share_of_budget", .number, "Part du budget de la fiche du même horizon que la ligne, en fraction de 1 ; vide quand elle ne peut être calculée."),
            .init("leverage", .number, "Effet de levier : budget de la fiche du même horizon divisé par le montant ; vide quand il n'a pas de sens (raison dans leverage_gap)."),
            .init("leverage_gap", .string, "Pourquoi leverage est vide : joint (ligne conjointe), amount_not_stated (montant non précisé), not_broken_down (ligne non ventilée), no_budget_of_horizon (pas de budget de cet horizon)."),
            .init("joint", .boolean, "true pour une ligne partagée entre plusieurs financeurs, un seul montant jamais réparti."),
            .init("funders", .string, "Tous les financeurs de la ligne, séparés par des espaces."),
        ]
        return DataTable(stem: fundersStem, title: "Contributions des financeurs",
                         description: "Une ligne par ligne de financement et par organisation qui y figure : montant, horizon, part du budget du même horizon et effet de levier. Les montants d'horizons différents ne s'additionnent pas.",
                         columns: columns, primaryKey: ["funder", "card", "line"], rows: rows)
    }

    // MARK: datapackage.json

    /// `data/datapackage.json`: every CSV of the site, once, with its Table Schema (the format of schema.data.gouv.fr),
    /// so any open-data portal or `frictionless validate` can check it.
    static func dataPackageJSON(site: Site, tables: [DataTable]) -> String {
        let name = Slug.make(site.config.title)
        var pairs: [(String, JSONValue)] = [("profile", .string("tabular-data-package")),
                                            ("name", .string(name.isEmpty ? "passerelle" : name)),
                                            ("title", .string(site.config.title))]
        if let description = site.config.description { pairs.append(("description", .string(description))) }
        if let licence = site.config.licence {
            var license: [(String, JSONValue)] = [("title", .string(licence.label))]
            // The rule of the pages' links: a licence link they drop (javascript:…) is not published here either.
            if let url = SafeURL.sanitise(licence.url) { license.append(("path", .string(url))) }
            pairs.append(("licenses", .array([.object(license)])))
        }
        pairs.append(("resources", .array(tables.map(\.resource))))
        return JSONText.write(.object(pairs))
    }
}
