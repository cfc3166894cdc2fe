import Foundation
import Testing
@testable import PasserelleBuild
import PasserelleExports
import PasserelleModel

// MARK: - A deterministic generator of Content folders

/// SplitMix64: a tiny seeded generator, the same numbers on every machine.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double(next() % 1_000_000) / 1_000_000 < probability
    }

    mutating func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }
}

/// A generated site, kept as the values its record text was written from, so every expected figure can be
/// recomputed from the text alone, without the code under test.
struct GeneratedSite {
    enum Period: Equatable {
        case annual, total(Int), oneOff

        var yaml: String {
            switch self {
            case .annual: return "period: annual"
            case .total(let years): return "period: total, years: \(years)"
            case .oneOff: return "period: one_off"
            }
        }

        /// A key for "the same horizon": `annual`, `years3`, `oneoff`.
        var key: String {
            switch self {
            case .annual: return "annual"
            case .total(let years): return "years\(years)"
            case .oneOff: return "oneoff"
            }
        }

        /// What one year of it is, when it has one.
        func perYear(_ amount: Double) -> Double? {
            switch self {
            case .annual: return amount
            case .total(let years): return amount / Double(years)
            case .oneOff: return nil
            }
        }
    }

    struct BudgetLine {
        var amount: Int
        /// nil: the line states no period.
        var period: Period?
        var year: Int?
        var investment: Bool
        var inKind: Bool

        var horizonKey: String { period?.key ?? "unstated" }
    }

    struct FundingLine {
        var funders: [String]
        var amount: Int?
        var sharePercent: Int?
        /// nil: the line states no period and takes the budget's.
        var period: Period?
        var isJoint: Bool { funders.count > 1 }
    }

    struct Result {
        var year: Int?
        var people: Int
    }

    struct Card {
        var id: String
        var title: String
        var themes: [String]
        var department: String?
        var budget: [BudgetLine]
        var funding: [FundingLine]
        var results: [Result]
    }

    static let organisations: [(id: String, title: String, type: String, label: String)] = [
        ("region-x", "Région X", "region", "Région"),
        ("etat", "État", "state", "État"),
        ("departement-y", "Département Y", "department", "Département"),
        ("entrepreneurs", "Entrepreneurs", "self_financing", "Autofinancement"),
        ("mecene", "Mécène", "private", "Privé"),
    ]
    static let allThemes: [(id: String, label: String)] = [("alpha", "Thème Alpha"), ("beta", "Thème Bêta"), ("gamma", "Thème Gamma")]
    static let departments: [String?] = ["42", "76", "35", "59", nil]

    var seed: UInt64
    var themes: [(id: String, label: String)]
    var cards: [Card]

    static func make(seed: UInt64) -> GeneratedSite {
        var random = SplitMix64(seed: seed)
        let themes = Array(allThemes.prefix(random.int(0...3)))
        var cards: [Card] = []
        for index in 1...random.int(20...40) {
            let id = String(format: "fiche-%02d", index)
            var budget: [BudgetLine] = []
            for _ in 0..<random.int(0...3) {
                let roll = random.int(0...9)
                let period: Period? = roll < 3 ? .annual : roll < 5 ? .total(random.int(2...5)) : roll < 8 ? .oneOff : nil
                let year: Int? = period != nil && random.chance(0.5) ? random.int(2010...2022) : nil
                let investment = period == .oneOff ? random.chance(0.5) : period == nil ? random.chance(0.3) : false
                let inKind = period == .oneOff && random.chance(0.2)
                budget.append(BudgetLine(amount: random.int(10...5000) * 100, period: period, year: year, investment: investment, inKind: inKind))
            }
            let horizons = Set(budget.map(\.horizonKey))
            let uniform = horizons.count == 1 && horizons.first != "unstated"
            var funding: [FundingLine] = []
            for _ in 0..<random.int(0...4) {
                var funders = [random.pick(organisations).id]
                if random.chance(0.15) {
                    for other in organisations.map(\.id).shuffled(using: &random).prefix(random.int(1...2)) where !funders.contains(other) {
                        funders.append(other)
                    }
                }
                var line = FundingLine(funders: funders)
                if !budget.isEmpty && random.chance(0.25) {
                    let roll = random.int(0...2)
                    line.period = roll == 0 ? .annual : roll == 1 ? .oneOff : .total(random.int(2...5))
                    if random.chance(0.8) { line.amount = random.int(5...3000) * 100 }
                } else if uniform && random.chance(0.3) {
                    line.sharePercent = random.int(1...12) * 5
                } else if random.chance(0.75) {
                    line.amount = random.int(5...3000) * 100
                }
                funding.append(line)
            }
            var results: [Result] = []
            var usedYears = Set<Int>()
            for _ in 0..<random.int(0...2) {
                var year: Int? = random.chance(0.75) ? random.int(2005...2023) : nil
                if let y = year, usedYears.contains(y) { year = nil }
                if let y = year { usedYears.insert(y) }
                results.append(Result(year: year, people: random.int(1...200)))
            }
            cards.append(Card(id: id, title: "Fiche \(index)", themes: themes.filter { _ in random.chance(0.4) }.map(\.id),
                              department: random.pick(departments), budget: budget, funding: funding, results: results))
        }
        return GeneratedSite(seed: seed, themes: themes, cards: cards)
    }

    // MARK: The record text

    func write(to content: URL) throws {
        let fm = FileManager.default
        for folder in ["organisations", "projects", "dashboards"] {
            try fm.createDirectory(at: content.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        var site = "title: \"Site généré \(seed)\"\nlanguage: fr\n"
        if !themes.isEmpty {
            site += "themes:\n" + themes.map { "  \($0.id):\n    label: \"\($0.label)\"\n" }.joined()
        }
        try Data(site.utf8).write(to: content.appendingPathComponent("site.yml"))
        try Data(Self.indicators.utf8).write(to: content.appendingPathComponent("indicators.yml"))
        for organisation in Self.organisations {
            let text = "---\nkind: organisation\ntitle: \"\(organisation.title)\"\ntype: \(organisation.type)\n---\n\nUn financeur.\n"
            try Data(text.utf8).write(to: content.appendingPathComponent("organisations/\(organisation.id).md"))
        }
        for card in cards {
            try Data(text(of: card).utf8).write(to: content.appendingPathComponent("projects/\(card.id).md"))
        }
        try Data(Self.dashboard.utf8).write(to: content.appendingPathComponent("dashboards/overview.md"))
    }

    func text(of card: Card) -> String {
        var text = "---\nkind: project\ntitle: \"\(card.title)\"\n"
        if !card.themes.isEmpty { text += "themes: [\(card.themes.joined(separator: ", "))]\n" }
        if let department = card.department {
            text += "territory: {name: \"Territoire \(card.id)\", departments: [\"\(department)\"]}\n"
        }
        if !card.budget.isEmpty {
            text += "budget:\n"
            for line in card.budget {
                var fields = ["amount: \(line.amount)"]
                if let period = line.period { fields.append(period.yaml) }
                if let year = line.year { fields.append("year: \(year)") }
                if line.investment { fields.append("nature: investment") }
                if line.inKind { fields.append("in_kind: true") }
                text += "  - {\(fields.joined(separator: ", "))}\n"
            }
        }
        if !card.funding.isEmpty {
            text += "funding:\n"
            for line in card.funding {
                var fields = [line.isJoint ? "funders: [\(line.funders.joined(separator: ", "))]" : "funder: \(line.funders[0])"]
                if let amount = line.amount { fields.append("amount: \(amount)") }
                if let share = line.sharePercent { fields.append("share: \(share)%") }
                if let period = line.period { fields.append(period.yaml) }
                text += "  - {\(fields.joined(separator: ", "))}\n"
            }
        }
        if !card.results.isEmpty {
            text += "results:\n"
            for block in card.results {
                text += block.year.map { "  - year: \($0)\n    people_accompanied: \(block.people)\n" } ?? "  - people_accompanied: \(block.people)\n"
            }
        }
        return text + "---\n\nUne fiche générée.\n"
    }

    static let indicators = """
        metrics:
          people_accompanied:
            label: {fr: "Personnes accompagnées", en: "People supported"}
            unit: people
        indicators:
          annual_cost:
            label: {fr: "Coût annuel", en: "Annual cost"}
            unit: EUR
            formula: budget.annual
            aggregate: sum
          yearly_funding:
            label: {fr: "Financements par an", en: "Funding per year"}
            unit: EUR
            formula: funding.per_year
            aggregate: sum
          public_funding_share:
            label: {fr: "Part des financements publics (par an)", en: "Public share (per year)"}
            unit: percent
            formula: funding.public_per_year / funding.per_year
            aggregate: ratio_of_sums
          region_share:
            label: {fr: "Part de la Région", en: "Regional share"}
            unit: percent
            formula: funding.share.region
            aggregate: median
          people_accompanied_total:
            label: {fr: "Personnes accompagnées", en: "People supported"}
            unit: people
            formula: results.people_accompanied
            aggregate: sum

        """

    /// `yearly_funding` is `funding.per_year` under an id of its own: an indicator named like a column of data/fiches.json
    /// (`funding_per_year`) stops the build ("the column 'funding_per_year' is listed twice").
    /// The blocks, by index: 0 funding by type, 1 funding by region (stacked), 2 people by theme, 3 annual cost by theme,
    /// 4 people by year, 5 annual cost by year, 6 funding per year by region, 7 public share (figure).
    static let dashboard = """
        ---
        kind: dashboard
        title: "Vue d'ensemble"
        ---

        ```indicator
        indicator: funding_by_type
        chart: table
        ```

        ```indicator
        indicator: funding_by_type
        by: region
        chart: stacked
        ```

        ```indicator
        indicator: people_accompanied_total
        by: theme
        chart: table
        ```

        ```indicator
        indicator: annual_cost
        by: theme
        chart: table
        ```

        ```indicator
        indicator: people_accompanied_total
        by: year
        chart: table
        ```

        ```indicator
        indicator: annual_cost
        by: year
        chart: table
        ```

        ```indicator
        indicator: yearly_funding
        by: region
        chart: table
        ```

        ```indicator
        indicator: public_funding_share
        chart: figure
        ```

        """

    // MARK: Expected figures, from the record text alone (money.md §1–2, §5)

    /// The yearly cost: yearly lines plus multi-year totals divided by their years; never one-off or period-less money.
    static func budgetPerYear(_ card: Card) -> Double? {
        let parts = card.budget.filter { !$0.investment }.compactMap { line in line.period?.perYear(Double(line.amount)) }
        return parts.isEmpty ? nil : parts.reduce(0, +)
    }

    /// The year the yearly cost refers to: the one year all its lines state, else none.
    static func budgetPerYearYear(_ card: Card) -> Int? {
        let lines = card.budget.filter { line in !line.investment && line.period?.perYear(1) != nil }
        let years = Set(lines.map(\.year))
        return years.count == 1 ? years.first ?? nil : nil
    }

    /// A funding line's horizon key: its own, the budget's when the budget has one, "notbrokendown" against a mixed
    /// budget, "unstated" without budget or against a period-less budget.
    static func horizon(_ line: FundingLine, of card: Card) -> String {
        if let period = line.period { return period.key }
        let budget = Set(card.budget.map(\.horizonKey))
        if budget.isEmpty { return "unstated" }
        return budget.count == 1 ? budget.first ?? "unstated" : "notbrokendown"
    }

    /// The line's period, stated or inherited from a one-horizon budget.
    static func period(_ line: FundingLine, of card: Card) -> Period? {
        if let period = line.period { return period }
        let periods = card.budget.compactMap(\.period)
        guard periods.count == card.budget.count, let first = periods.first, periods.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    /// The amount as written, or its share of the budget of the same horizon.
    static func amount(_ line: FundingLine, of card: Card) -> Double? {
        if let amount = line.amount { return Double(amount) }
        guard let share = line.sharePercent else { return nil }
        let key = horizon(line, of: card)
        let base = card.budget.filter { $0.horizonKey == key }.reduce(0) { $0 + $1.amount }
        return Double(share) / 100 * Double(base)
    }

    /// The line's money for one year, when its horizon has one.
    static func perYear(_ line: FundingLine, of card: Card) -> Double? {
        guard let amount = amount(line, of: card), let period = period(line, of: card) else { return nil }
        return period.perYear(amount)
    }

    /// `funding.per_year`: yearly and multi-year lines brought to one year; unknown when such a line (or one of unknown
    /// horizon) has no amount, and when there is none.
    static func fundingPerYear(_ card: Card) -> Double? {
        let yearly = card.funding.filter { period($0, of: card).map { $0 != .oneOff } ?? false }
        let unknownHorizon = card.funding.filter { horizon($0, of: card) == "unstated" }
        if (yearly + unknownHorizon).contains(where: { amount($0, of: card) == nil }) { return nil }
        guard !yearly.isEmpty else { return nil }
        return yearly.compactMap { perYear($0, of: card) }.reduce(0, +)
    }

    /// The known yearly funding: yearly and multi-year lines with an amount, brought to one year; lines without amount are
    /// counted apart (`funding_lines_without_amount`), never in the sum. nil when no such line has an amount.
    static func fundingPerYearKnown(_ card: Card) -> Double? {
        let parts = card.funding.compactMap { perYear($0, of: card) }
        return parts.isEmpty ? nil : parts.reduce(0, +)
    }

    /// The people figure: the latest dated block, else the last block; and its year.
    static func people(_ card: Card) -> (value: Int, year: Int?)? {
        if let latest = card.results.filter({ $0.year != nil }).max(by: { ($0.year ?? 0) < ($1.year ?? 0) }) { return (latest.people, latest.year) }
        return card.results.last.map { ($0.people, nil) }
    }

    static func typeLabel(_ funder: String) -> String { organisations.first { $0.id == funder }?.label ?? funder }

    /// The funding-by-type row a line belongs to.
    static func group(_ line: FundingLine) -> String { line.isJoint ? "financement conjoint" : typeLabel(line.funders[0]) }

    func themeLabel(_ id: String) -> String { themes.first { $0.id == id }?.label ?? id }
}

/// Generated sites, written and built once per seed.
actor GeneratedSites {
    static let shared = GeneratedSites()
    private var sites: [UInt64: Task<(GeneratedSite, BuiltSite), Never>] = [:]

    func site(_ seed: UInt64) async -> (GeneratedSite, BuiltSite) {
        if let task = sites[seed] { return await task.value }
        let task = Task<(GeneratedSite, BuiltSite), Never> {
            let generated = GeneratedSite.make(seed: seed)
            let content = MoneyFixtures.tempRoot.appendingPathComponent("generated-\(seed)").appendingPathComponent("Content")
            do { try generated.write(to: content) } catch { Issue.record("seed \(seed): \(error)") }
            return (generated, await SiteBuilds.shared.site(name: "generated-\(seed)", content: content.path))
        }
        sites[seed] = task
        return await task.value
    }
}

// MARK: - Machine values

/// True when a page's machine number is the open data's value as the page rounds it (to 0–4 decimals), or equal to 1e-6.
func sameMachineValue(_ page: String, _ data: Double) -> Bool {
    guard let value = Double(page) else { return false }
    if abs(value - data) <= 1e-6 * max(1, abs(data)) { return true }
    return (0...4).contains { decimals in
        var text = String(format: "%.\(decimals)f", data)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == page || Double(text) == value
    }
}

func close(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (x?, y?): return abs(x - y) <= 1e-6 * max(1, abs(y)) || abs(x - y) < 0.00005 + 1e-9
    default: return false
    }
}

// MARK: - Properties over generated sites

@Suite("Money properties over generated sites")
struct MoneyPropertyTests {
    /// The data file of block `index` of the generated dashboard, as the build names it (from the block's title).
    static func blockStem(_ site: BuiltSite, _ index: Int) -> String {
        guard let model = site.report.site else { return "" }
        return Exports.blockStem(site: model, dashboardID: "overview", index: index)
    }

    static let seeds: [UInt64] = Array(1...20)

    @Test("every generated site builds without error", arguments: Self.seeds)
    func builds(_ seed: UInt64) async {
        let (_, site) = await GeneratedSites.shared.site(seed)
        #expect(site.report.succeeded, "seed \(seed): \(site.diagnostics.errors.map(\.description))")
    }

    // MARK: (a) per-year figures hold yearly money only

    @Test("(a) each card's annual cost is its yearly lines plus multi-year totals ÷ years, never one-off or period-less money",
          arguments: Self.seeds)
    func annualCostPerCard(_ seed: UInt64) async {
        let (generated, site) = await GeneratedSites.shared.site(seed)
        for card in generated.cards {
            let figure = site.card(card.id).keyFigure("annual_cost")
            let expected = GeneratedSite.budgetPerYear(card)
            #expect((figure == nil) == (expected == nil), "seed \(seed) \(card.id): page \(figure?.machine ?? "none"), expected \(expected.map { "\($0)" } ?? "none")")
            if let figure, let expected {
                #expect(sameMachineValue(figure.machine, expected), "seed \(seed) \(card.id): page \(figure.machine), expected \(expected)")
            }
        }
    }

    @Test("(a) each card's funding per year counts yearly and multi-year lines only, and is unknown when such a line has no amount",
          arguments: Self.seeds)
    func fundingPerYearPerCard(_ seed: UInt64) async {
        let (generated, site) = await GeneratedSites.shared.site(seed)
        for card in generated.cards {
            let figure = site.card(card.id).keyFigure("yearly_funding")
            let expected = GeneratedSite.fundingPerYear(card)
            #expect((figure == nil) == (expected == nil), "seed \(seed) \(card.id): page \(figure?.machine ?? "none"), expected \(expected.map { "\($0)" } ?? "none")")
            if let figure, let expected {
                #expect(sameMachineValue(figure.machine, expected), "seed \(seed) \(card.id): page \(figure.machine), expected \(expected)")
            }
        }
    }

    @Test("(a) the open data's budget_per_year and funding_per_year hold yearly and multi-year money only (known amounts)", arguments: Self.seeds)
    func perYearInOpenData(_ seed: UInt64) async throws {
        let (generated, site) = await GeneratedSites.shared.site(seed)
        let rows = try #require(site.json("data/fiches.json") as? [[String: Any]])
        let byID = Dictionary(rows.compactMap { row in (row["id"] as? String).map { ($0, row) } }, uniquingKeysWith: { a, _ in a })
        for card in generated.cards {
            let row = try #require(byID[card.id], "seed \(seed): \(card.id) missing from data/fiches.json")
            #expect(close(row["budget_per_year"] as? Double, GeneratedSite.budgetPerYear(card)),
                    "seed \(seed) \(card.id): budget_per_year \(String(describing: row["budget_per_year"]))")
            #expect(close(row["funding_per_year"] as? Double, GeneratedSite.fundingPerYearKnown(card)),
                    "seed \(seed) \(card.id): funding_per_year \(String(describing: row["funding_per_year"]))")
        }
    }

    @Test("(a) the per-year column of funding by type holds only yearly and multi-year money, per type and in total", arguments: Self.seeds)
    func fundingByTypePerYear(_ seed: UInt64) async throws {
        let (generated, site) = await GeneratedSites.shared.site(seed)
        let table = try #require(BlockView.all(in: site.file("tableaux-de-bord/overview/index.html")).first?.table)
        var expected: [String: Double] = [:]
        var labels = Set<String>()
        for card in generated.cards {
            for line in card.funding {
                labels.insert(GeneratedSite.group(line))
                if let perYear = GeneratedSite.perYear(line, of: card) { expected[GeneratedSite.group(line), default: 0] += perYear }
            }
        }
        #expect(Set(table.rows.map(\.label)) == labels, "seed \(seed)")
        #expect(table.columns.dropFirst().first == "Par an")
        for row in table.rows {
            let page = row.cells.first?.machine.flatMap(Double.init)
            #expect(close(page, expected[row.label]), "seed \(seed) \(row.label): page \(row.cells.first?.text ?? ""), expected \(expected[row.label].map { "\($0)" } ?? "none")")
        }
        let total = expected.isEmpty ? nil : expected.values.reduce(0, +)
        #expect(close(table.footer.first?.cells.first?.machine.flatMap(Double.init), total), "seed \(seed) total")
    }

    // MARK: (b) groups list every card once per group

    /// The provenance of a grouped block as (card title, group label) pairs.
    static func provenancePairs(_ block: BlockView) -> [String] {
        block.provenance.compactMap { line in
            HTMLText.matches("^(.*?) \\((.*?)\\)\u{00A0}: ", in: line).first.map { "\($0[1]) | \($0[2])" }
        }
    }

    /// Checks one grouped table: every group with its cards, coverage n of m, and each card listed once per group.
    static func checkGroups(_ block: BlockView, expected: [String: [String]], reporting: Set<String>, cards: Int, overlapping: Bool,
                            seed: UInt64, name: String) {
        guard let table = block.table else { Issue.record("seed \(seed) \(name): no table"); return }
        #expect(table.rows.map(\.label).sorted() == expected.keys.sorted(), "seed \(seed) \(name)")
        for row in table.rows {
            let members = expected[row.label] ?? []
            let reported = members.filter(reporting.contains).count
            let coverage = reported <= 1 ? "\(reported) fiche sur \(members.count)" : "\(reported) fiches sur \(members.count)"
            #expect(row.texts.last == coverage, "seed \(seed) \(name) \(row.label)")
        }
        let pairs = provenancePairs(block).sorted()
        let wanted = expected.flatMap { group, members in members.map { "\($0) | \(group)" } }.sorted()
        #expect(pairs == wanted, "seed \(seed) \(name): each card once in each of its groups")
        if overlapping {
            let reported = reporting.count
            let coverage = reported <= 1 ? "\(reported) fiche sur \(cards)" : "\(reported) fiches sur \(cards)"
            #expect(table.footer.map { [$0.label, $0.texts.last ?? ""] } == [["Ensemble des fiches (chacune comptée une fois)", coverage]],
                    "seed \(seed) \(name): the distinct-cards row counts each card once")
            #expect(block.notes.contains { $0.contains("ne pas additionner") }, "seed \(seed) \(name)")
        } else {
            #expect(table.footer.isEmpty, "seed \(seed) \(name)")
        }
    }

    @Test("(b) by theme: every card in each of its themes or under Sans thème, once; the distinct row counts each card once", arguments: Self.seeds)
    func byTheme(_ seed: UInt64) async {
        let (generated, site) = await GeneratedSites.shared.site(seed)
        let blocks = BlockView.all(in: site.file("tableaux-de-bord/overview/index.html"))
        var groups: [String: [String]] = [:]
        for card in generated.cards {
            for label in card.themes.isEmpty ? ["Sans thème"] : card.themes.map(generated.themeLabel) { groups[label, default: []].append(card.title) }
        }
        let overlapping = generated.cards.contains { $0.themes.count > 1 }
        let withPeople = Set(generated.cards.filter { GeneratedSite.people($0) != nil }.map(\.title))
        let withCost = Set(generated.cards.filter { GeneratedSite.budgetPerYear($0) != nil }.map(\.title))
        guard blocks.count == 8 else { Issue.record("seed \(seed): \(blocks.count) blocks"); return }
        Self.checkGroups(blocks[2], expected: groups, reporting: withPeople, cards: generated.cards.count, overlapping: overlapping,
                         seed: seed, name: "people by theme")
        Self.checkGroups(blocks[3], expected: groups, reporting: withCost, cards: generated.cards.count, overlapping: overlapping,
                         seed: seed, name: "annual cost by theme")
    }

    @Test("(b) by year: every card once, in the year its figure refers to or under Année non précisée", arguments: Self.seeds)
    func byYear(_ seed: UInt64) async {
        let (generated, site) = await GeneratedSites.shared.site(seed)
        let blocks = BlockView.all(in: site.file("tableaux-de-bord/overview/index.html"))
        guard blocks.count == 8 else { Issue.record("seed \(seed): \(blocks.count) blocks"); return }
        var people: [String: [String]] = [:]
        var cost: [String: [String]] = [:]
        for card in generated.cards {
            people[GeneratedSite.people(card)?.year.map(String.init) ?? "Année non précisée", default: []].append(card.title)
            let year = GeneratedSite.budgetPerYear(card) == nil ? nil : GeneratedSite.budgetPerYearYear(card)
            cost[year.map(String.init) ?? "Année non précisée", default: []].append(card.title)
        }
        Self.checkGroups(blocks[4], expected: people, reporting: Set(generated.cards.filter { GeneratedSite.people($0) != nil }.map(\.title)),
                         cards: generated.cards.count, overlapping: false, seed: seed, name: "people by year")
        Self.checkGroups(blocks[5], expected: cost, reporting: Set(generated.cards.filter { GeneratedSite.budgetPerYear($0) != nil }.map(\.title)),
                         cards: generated.cards.count, overlapping: false, seed: seed, name: "annual cost by year")
    }

    @Test("(b) by region: every card in its region or under Région non précisée, once", arguments: Self.seeds)
    func byRegion(_ seed: UInt64) async {
        let (generated, site) = await GeneratedSites.shared.site(seed)
        let blocks = BlockView.all(in: site.file("tableaux-de-bord/overview/index.html"))
        guard blocks.count == 8 else { Issue.record("seed \(seed): \(blocks.count) blocks"); return }
        let regions = ["42": "Auvergne-Rhône-Alpes", "76": "Normandie", "35": "Bretagne", "59": "Hauts-de-France"]
        var groups: [String: [String]] = [:]
        for card in generated.cards { groups[card.department.flatMap { regions[$0] } ?? "Région non précisée", default: []].append(card.title) }
        Self.checkGroups(blocks[6], expected: groups, reporting: Set(generated.cards.filter { GeneratedSite.fundingPerYear($0) != nil }.map(\.title)),
                         cards: generated.cards.count, overlapping: false, seed: seed, name: "funding per year by region")
    }

    // MARK: (c) unknown is never zero

    @Test("(c) no funding table cell reads 0 €, and a type whose money is all unknown reads non précisé", arguments: Self.seeds)
    func unknownNeverZero(_ seed: UInt64) async throws {
        let (generated, site) = await GeneratedSites.shared.site(seed)
        let html = site.file("tableaux-de-bord/overview/index.html")
        let blocks = BlockView.all(in: html)
        let table = try #require(blocks.first?.table)
        var known: [String: Bool] = [:]
        for card in generated.cards {
            for line in card.funding {
                known[GeneratedSite.group(line), default: false] = known[GeneratedSite.group(line), default: false] || GeneratedSite.amount(line, of: card) != nil
            }
        }
        for row in table.rows where known[row.label] == false {
            #expect(row.texts.first == "non précisé", "seed \(seed) \(row.label): \(row.texts)")
        }
        var tables = blocks.prefix(2).compactMap(\.table)
        for (path, page) in site.allPages() where path.hasPrefix("organisations/") || path.hasPrefix("financeurs/") || path.hasPrefix("regions/") {
            tables += HTMLTable.all(in: page)
        }
        for card in generated.cards { if let funding = site.card(card.id).funding { tables.append(funding) } }
        for table in tables {
            for row in table.rows + table.footer {
                #expect(!row.cells.map(\.main).contains(fr("0 €")), "seed \(seed): « \(table.caption) », row \(row.label): \(row.texts)")
            }
        }
    }

    // MARK: (d) pages and open data give the same figures

    @Test("(d) every key figure of a card equals its value in data/fiches.json, and a missing one is null there", arguments: Self.seeds)
    func keyFiguresMatchOpenData(_ seed: UInt64) async throws {
        let (generated, site) = await GeneratedSites.shared.site(seed)
        let rows = try #require(site.json("data/fiches.json") as? [[String: Any]])
        for card in generated.cards {
            let row = try #require(rows.first { $0["id"] as? String == card.id }, "seed \(seed): \(card.id)")
            let page = site.card(card.id)
            for indicator in ["annual_cost", "yearly_funding", "public_funding_share", "region_share", "people_accompanied_total"] {
                let data = row[indicator] as? Double
                let figure = page.keyFigure(indicator)
                #expect((figure == nil) == (data == nil), "seed \(seed) \(card.id) \(indicator): page \(figure?.machine ?? "none"), data \(String(describing: row[indicator]))")
                if let figure, let data {
                    #expect(sameMachineValue(figure.machine, data), "seed \(seed) \(card.id) \(indicator): page \(figure.machine), data \(data)")
                }
            }
        }
    }

    @Test("(d) every value of a grouped block's table equals the value of its row in the block's data file", arguments: Self.seeds)
    func blockTablesMatchOpenData(_ seed: UInt64) async throws {
        let (_, site) = await GeneratedSites.shared.site(seed)
        let blocks = BlockView.all(in: site.file("tableaux-de-bord/overview/index.html"))
        for index in [2, 3, 4, 5, 6, 7] where index < blocks.count {
            let rows = try #require(site.json(Self.blockStem(site, index) + ".json") as? [[String: Any]], "seed \(seed) block \(index + 1)")
            let table = try #require(blocks[index].table)
            for row in table.rows + table.footer {
                let data = rows.first { data in
                    if row.label == "Ensemble des fiches (chacune comptée une fois)" { return data["group"] as? String == "all_distinct" }
                    if data["is_without_group"] as? Bool == true { return ["Sans thème", "Année non précisée", "Région non précisée"].contains(row.label) }
                    return data["label"] as? String == row.label || (index == 7 && data["group"] as? String == "site")
                }
                let found = try #require(data, "seed \(seed) block \(index + 1): no data row for « \(row.label) »")
                let value = found["value"] as? Double
                let machine = row.cells.first?.machine
                #expect((machine == nil) == (value == nil), "seed \(seed) block \(index + 1) \(row.label): page \(machine ?? "none"), data \(String(describing: found["value"]))")
                if let machine, let value {
                    #expect(sameMachineValue(machine, value), "seed \(seed) block \(index + 1) \(row.label): page \(machine), data \(value)")
                }
                if let reporting = found["cards_reporting"] as? Int, let cards = found["cards"] as? Int {
                    let coverage = reporting <= 1 ? "\(reporting) fiche sur \(cards)" : "\(reporting) fiches sur \(cards)"
                    #expect(row.texts.last == coverage, "seed \(seed) block \(index + 1) \(row.label)")
                }
            }
            if let figure = blocks[index].figure, let site = rows.first(where: { $0["group"] as? String == "site" }) {
                #expect(close(Double(figure.machine), site["value"] as? Double) || sameMachineValue(figure.machine, site["value"] as? Double ?? .nan),
                        "seed \(seed) block \(index + 1) figure")
            }
        }
    }

    @Test("(d) every amount of the funding-by-type table equals its data file, column by column", arguments: Self.seeds)
    func fundingTableMatchesOpenData(_ seed: UInt64) async throws {
        let (_, site) = await GeneratedSites.shared.site(seed)
        let table = try #require(BlockView.all(in: site.file("tableaux-de-bord/overview/index.html")).first?.table)
        let rows = try #require(site.json(Self.blockStem(site, 0) + ".json") as? [[String: Any]])
        let codes = Dictionary(uniqueKeysWithValues: GeneratedSite.organisations.map { ($0.label, $0.type) } + [("financement conjoint", "joint")])
        let columns: [String: String] = ["Par an": "per_year", "Ponctuel": "one_off", "Non ventilé": "not_broken_down",
                                         "Période non précisée": "unstated", "Lignes sans montant": "lines_without_amount"]
        for row in table.rows {
            let code = try #require(codes[row.label], "seed \(seed): unknown row \(row.label)")
            let data = try #require(rows.first { $0["group"] as? String == code }, "seed \(seed): no data row \(code)")
            for (index, column) in table.columns.dropFirst().enumerated() {
                guard let key = columns[column] else { continue }
                let value = data[key] as? Double
                let machine = row.cells[index].machine
                #expect((machine == nil) == (value == nil), "seed \(seed) \(row.label) \(column): page \(row.cells[index].text), data \(String(describing: data[key]))")
                if let machine, let value {
                    #expect(sameMachineValue(machine, value), "seed \(seed) \(row.label) \(column): page \(machine), data \(value)")
                }
            }
        }
    }
}
