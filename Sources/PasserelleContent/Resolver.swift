import PasserelleModel

/// The resolve stage: ids unique, every reference pointing at something that exists.
public enum Resolver {
    public static func resolve(_ content: LoadedContent) -> (Site, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var firstFile: [String: String] = [:]
        var unique: [Record] = []
        for record in content.records.sorted(by: { $0.file < $1.file }) {
            if let other = firstFile[record.id] {
                diagnostics.append(.error(record.file, record.idLocation, "duplicate id '\(record.id)': also used by \(other)",
                                          hint: "ids must be unique across the site: rename one of the files, or give one record its own id (id: another-name)"))
                continue
            }
            firstFile[record.id] = record.file
            unique.append(record)
        }
        let site = Site(config: content.config, dictionary: content.dictionary, records: unique)
        let organisationIDs = site.records(of: .organisation).map(\.id)
        let themeIDs = site.config.themes.map(\.id)
        let sectionIDs = site.config.sections.map(\.id)
        let metricIDs = site.dictionary.metrics.map(\.id)

        for record in site.records {
            let file = record.file
            func check(_ reference: Reference, among ids: [String], what: String, declaredIn: String) {
                guard !ids.contains(reference.id) else { return }
                // indicators.yml could not be read: its own error says so; every metric would look unknown.
                if what == "metric" && !content.dictionaryReadable { return }
                let near = Suggestions.closest(to: reference.id, in: ids)
                let hint = near.map { "did you mean '\($0)'?" } ?? "declare it in \(declaredIn)"
                diagnostics.append(.error(file, reference.location, "unknown \(what) '\(reference.id)'", hint: hint))
            }
            func organisation(_ reference: Reference) {
                if site.record(reference.id) != nil && !organisationIDs.contains(reference.id) {
                    diagnostics.append(.error(file, reference.location, "'\(reference.id)' is a \(site.record(reference.id)?.kind.rawValue ?? "record"), not an organisation",
                                              hint: "carriers, funders and partners must be organisation records"))
                    return
                }
                check(reference, among: organisationIDs, what: "organisation", declaredIn: "a file under organisations/ with kind: organisation")
            }
            for theme in record.themes {
                check(theme, among: themeIDs, what: "theme", declaredIn: "site.yml under themes:")
            }
            switch record.payload {
            case .card(let card):
                if case .organisation(let reference) = card.carrier { organisation(reference) }
                for line in card.funding { line.funders.forEach(organisation) }
                for partner in card.partners { organisation(partner.organisation) }
                for chain in card.valueChains {
                    for actor in chain.actors { actor.organisation.map(organisation) }
                }
                for block in card.results {
                    for entry in block.entries {
                        check(entry.metric, among: metricIDs, what: "metric", declaredIn: "indicators.yml under metrics:")
                    }
                }
                for target in card.targets {
                    check(target.metric, among: metricIDs, what: "metric", declaredIn: "indicators.yml under metrics:")
                }
                for objective in card.objectives {
                    objective.target.map { check($0, among: metricIDs, what: "metric", declaredIn: "indicators.yml under metrics:") }
                }
            case .article(let article):
                article.section.map { check($0, among: sectionIDs, what: "section", declaredIn: "site.yml under sections:") }
            case .page(let page):
                if let section = page.section {
                    check(section, among: sectionIDs, what: "section", declaredIn: "site.yml under sections:")
                }
            case .dashboard(let dashboard):
                let indicatorIDs = site.dictionary.indicators.map(\.id) + [DashboardBlock.fundingByType]
                for block in dashboard.blocks {
                    check(block.indicator, among: indicatorIDs, what: "indicator", declaredIn: "indicators.yml under indicators:")
                    let isFunding = block.indicator.id == DashboardBlock.fundingByType
                    let aggregate = site.dictionary.indicators.first { $0.id == block.indicator.id }?.aggregate
                    if block.chart == .donut && !isFunding && aggregate != nil && aggregate != .sum && aggregate != .count {
                        diagnostics.append(.error(file, block.indicator.location,
                                                  "a donut shows parts of a whole, and '\(block.indicator.id)' is not a sum",
                                                  hint: "use chart: bar for it, or a donut with an indicator whose aggregate is sum"))
                    }
                    if block.chart == .stacked && !isFunding {
                        diagnostics.append(.error(file, block.indicator.location,
                                                  "a stacked chart cuts funding by funder type: it needs indicator: funding_by_type",
                                                  hint: "use chart: bar for '\(block.indicator.id)'"))
                    }
                    for theme in block.filter.themes {
                        check(theme, among: themeIDs, what: "theme", declaredIn: "site.yml under themes:")
                    }
                }
            case .organisation, .term:
                break
            }
        }
        diagnostics += glossaryClashes(site)
        return (site, diagnostics)
    }

    /// Two terms claiming the same word would link it to either at random: a warning names both.
    private static func glossaryClashes(_ site: Site) -> [Diagnostic] {
        var owner: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for record in site.records(of: .term) {
            guard let term = record.term else { continue }
            for word in [term.term] + term.aliases {
                let key = word.lowercased()
                if let other = owner[key], other != record.id {
                    diagnostics.append(.warning(record.file, record.idLocation, "the glossary word '\(word)' is also defined by '\(other)'",
                                                hint: "keep each word or alias in one term only"))
                } else {
                    owner[key] = record.id
                }
            }
        }
        return diagnostics
    }
}
