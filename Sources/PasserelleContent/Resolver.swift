import Foundation
import PasserelleModel

/// The resolve stage: ids unique, every reference pointing at something that exists.
public enum Resolver {
    public static func resolve(_ content: LoadedContent) -> (Site, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var firstFile: [String: String] = [:]
        var firstRecord: [String: Record] = [:]
        var unique: [Record] = []
        for record in content.records.sorted(by: { $0.file < $1.file }) {
            if let other = firstFile[record.id] {
                // Reported where the clash was written: at the `id:` line of the record that has one, when the other
                // takes its id from its file name (an `id: cap-ondaine` added to an initiative clashes with
                // projects/cap-ondaine.md, and the initiative is the file to change).
                var (file, location, taken) = (record.file, record.idLocation, other)
                if record.idLocation == .start, let first = firstRecord[record.id], first.idLocation != .start {
                    (file, location, taken) = (first.file, first.idLocation, record.file)
                }
                diagnostics.append(.error("id-duplicate", file, location,
                                          Bilingual(fr: "identifiant «\u{A0}\(record.id)\u{A0}» déjà pris par \(taken)",
                                                    en: "duplicate id '\(record.id)': also used by \(taken)"),
                                          hint: Bilingual(fr: "chaque identifiant est unique dans le site\u{A0}: renommez l’un des fichiers, ou donnez à cette fiche son propre identifiant (id: \(record.id)-2)",
                                                          en: "ids must be unique across the site: rename one of the files, or give one record its own id (id: another-name)")))
                continue
            }
            firstFile[record.id] = record.file
            firstRecord[record.id] = record
            unique.append(record)
        }
        let site = Site(config: content.config, dictionary: content.dictionary, records: unique)
        let organisationIDs = site.records(of: .organisation).map(\.id)
        let themeIDs = site.config.themes.map(\.id)
        let sectionIDs = site.config.sections.map(\.id)
        let metricIDs = site.dictionary.metrics.map(\.id)

        // The drafts left out of the build are checked after the published records: what is wrong in them is a
        // warning, marked as being in a draft (the build does not stop for a page it does not publish).
        for (record, isDraft) in site.records.map({ ($0, false) }) + content.drafts.map({ ($0, true) }) {
            let before = diagnostics.count
            defer {
                if isDraft {
                    for index in before..<diagnostics.count {
                        diagnostics[index].severity = .warning
                        diagnostics[index].text = diagnostics[index].text + Bilingual(fr: " (brouillon non publié)", en: " (draft, not published)")
                    }
                }
            }
            let file = record.file
            func check(_ reference: Reference, among ids: [String], what: ReferenceKind, rule: String) {
                guard !ids.contains(reference.id) else { return }
                // `type: fondation` made the organisation's file fail: its own error is the one to fix, not this line.
                if what == .organisation && content.unreadableIDs.contains(reference.id) { return }
                // indicators.yml could not be read: its own error says so; every metric would look unknown.
                if what == .metric && !content.dictionaryReadable { return }
                // `Région Haute-Normandie`, `État français`: the name where the identifier (the file name without .md) is
                // expected; the organisation whose title it is, or holds, when there is exactly one.
                let named = reference.id.contains(" ") && what == .organisation
                let byTitle = named ? Self.organisation(named: reference.id, in: site) : nil
                let near = byTitle ?? Suggestions.closest(to: reference.id, in: ids)
                let end = SourceLocation(line: reference.location.line, column: reference.location.column + reference.id.unicodeScalars.count)
                let hint = near.map {
                    named ? Bilingual(fr: "une organisation se désigne par son identifiant, le nom de son fichier sans .md\u{A0}: vouliez-vous dire «\u{A0}\($0)\u{A0}»\u{A0}?",
                                      en: "an organisation is named by its identifier, its file name without .md: did you mean '\($0)'?")
                          : Bilingual(fr: "vouliez-vous dire «\u{A0}\($0)\u{A0}»\u{A0}?", en: "did you mean '\($0)'?")
                }
                    ?? (named && !Slug.make(reference.id).isEmpty
                        // `Préfecture de la Loire`: a name, and no organisation has it. How to describe it, and the id
                        // its file will have.
                        ? Bilingual(fr: "une organisation se désigne par son identifiant, le nom de son fichier sans .md\u{A0}; celle-ci n’est pas encore décrite\u{A0}: créez-la avec passerelle new organisation \"\(reference.id)\", puis écrivez son identifiant, \(Slug.make(reference.id))",
                                    en: "an organisation is named by its identifier, its file name without .md; this one is not described yet: create it with passerelle new organisation \"\(reference.id)\", then write its identifier, \(Slug.make(reference.id))")
                        : declared(what, ids))
                diagnostics.append(.error(rule, file, reference.location,
                                          Bilingual(fr: "\(what.noun.fr) inconnu\(what.feminine ? "e" : "")\u{A0}: «\u{A0}\(reference.id)\u{A0}»",
                                                    en: "unknown \(what.noun.en) '\(reference.id)'"),
                                          hint: hint, end: end))
            }
            func organisation(_ reference: Reference) {
                if site.record(reference.id) != nil && !organisationIDs.contains(reference.id) {
                    let kind = site.record(reference.id)?.kind
                    diagnostics.append(.error("ref-not-organisation", file, reference.location,
                                              Bilingual(fr: "«\u{A0}\(reference.id)\u{A0}» est \(kind.map(Self.indefinite) ?? "une fiche"), pas une organisation",
                                                        en: "'\(reference.id)' is a \(kind?.rawValue ?? "record"), not an organisation"),
                                              hint: Bilingual(fr: "les porteurs, financeurs et partenaires doivent être des fiches d’organisation (kind: organisation)",
                                                              en: "carriers, funders and partners must be organisation records")))
                    return
                }
                check(reference, among: organisationIDs, what: .organisation, rule: "ref-unknown-organisation")
            }
            for theme in record.themes {
                check(theme, among: themeIDs, what: .theme, rule: "ref-unknown-theme")
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
                        check(entry.metric, among: metricIDs, what: .metric, rule: "ref-unknown-metric")
                    }
                }
                for target in card.targets {
                    check(target.metric, among: metricIDs, what: .metric, rule: "ref-unknown-metric")
                }
                for objective in card.objectives {
                    objective.target.map { check($0, among: metricIDs, what: .metric, rule: "ref-unknown-metric") }
                }
            case .article(let article):
                article.section.map { check($0, among: sectionIDs, what: .section, rule: "ref-unknown-section") }
            case .page(let page):
                if let section = page.section {
                    check(section, among: sectionIDs, what: .section, rule: "ref-unknown-section")
                }
            case .dashboard(let dashboard):
                let indicatorIDs = site.dictionary.indicators.map(\.id) + [DashboardBlock.fundingByType]
                for block in dashboard.blocks {
                    check(block.indicator, among: indicatorIDs, what: .indicator, rule: "ref-unknown-indicator")
                    let isFunding = block.indicator.id == DashboardBlock.fundingByType
                    let aggregate = site.dictionary.indicators.first { $0.id == block.indicator.id }?.aggregate
                    if block.chart == .donut && !isFunding && aggregate != nil && aggregate != .sum && aggregate != .count {
                        diagnostics.append(.error("chart-donut-not-sum", file, block.indicator.location,
                                                  Bilingual(fr: "un anneau montre les parts d’un tout, et «\u{A0}\(block.indicator.id)\u{A0}» n’est pas une somme",
                                                            en: "a donut shows parts of a whole, and '\(block.indicator.id)' is not a sum"),
                                                  hint: Bilingual(fr: "écrivez chart: bar pour cet indicateur, ou gardez l’anneau pour un indicateur dont l’agrégat est sum",
                                                                  en: "use chart: bar for it, or a donut with an indicator whose aggregate is sum")))
                    }
                    if block.chart == .stacked && !isFunding {
                        diagnostics.append(.error("chart-stacked-not-funding", file, block.indicator.location,
                                                  Bilingual(fr: "un graphique empilé découpe les financements par type de financeur\u{A0}: il demande indicator: funding_by_type",
                                                            en: "a stacked chart cuts funding by funder type: it needs indicator: funding_by_type"),
                                                  hint: Bilingual(fr: "écrivez chart: bar pour «\u{A0}\(block.indicator.id)\u{A0}»", en: "use chart: bar for '\(block.indicator.id)'")))
                    }
                    for theme in block.filter.themes {
                        check(theme, among: themeIDs, what: .theme, rule: "ref-unknown-theme")
                    }
                }
            case .organisation, .term:
                break
            }
        }
        diagnostics += InternalLinks.check(site.records + content.drafts, published: site.records, drafts: content.drafts,
                                           baseURL: site.config.baseURL)
        diagnostics += AddressesInText.check(site.records, privacy: site.config.contactsPrivacy)
        diagnostics += glossaryClashes(site)
        return (site, diagnostics)
    }

    /// Where an unknown theme or section is declared and, when the site has some, which ones it has: `business-creation`
    /// is none of them, but the author sees `creation-activite` among them.
    static func declared(_ what: ReferenceKind, _ ids: [String]) -> Bilingual {
        let declare = Bilingual(fr: "déclarez-\(what.feminine ? "la" : "le") \(what.declaredIn.fr)", en: "declare it in \(what.declaredIn.en)")
        guard what == .theme || what == .section, !ids.isEmpty, ids.count <= 20 else { return declare }
        let list = ids.joined(separator: ", ")
        return what == .theme
            ? Bilingual(fr: "les thèmes de site.yml sont\u{A0}: \(list)\u{A0}; pour un nouveau thème, " + declare.fr,
                        en: "the themes of site.yml are: \(list); for a new theme, " + declare.en)
            : Bilingual(fr: "les rubriques de site.yml sont\u{A0}: \(list)\u{A0}; pour une nouvelle rubrique, " + declare.fr,
                        en: "the sections of site.yml are: \(list); for a new section, " + declare.en)
    }

    /// The id of the one organisation whose title is `name`, or is contained in it, or contains it (case and accents
    /// aside); nil when none or several.
    static func organisation(named name: String, in site: Site) -> String? {
        func folded(_ text: String) -> String {
            text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).trimmingCharacters(in: .whitespaces)
        }
        let wanted = folded(name)
        let organisations = site.records(of: .organisation)
        if let exact = organisations.first(where: { folded($0.title) == wanted }) { return exact.id }
        let close = organisations.filter {
            let title = folded($0.title)
            return !title.isEmpty && (wanted.contains(title) || title.contains(wanted))
        }
        return close.count == 1 ? close.first?.id : nil
    }

    /// « une page », « un article »: a record of this kind, with its indefinite article.
    static func indefinite(_ kind: RecordKind) -> String {
        switch kind {
        case .project: "une fiche projet"
        case .initiative: "une fiche initiative"
        case .article: "un article"
        case .page: "une page"
        case .organisation: "une organisation"
        case .term: "un terme du glossaire"
        case .dashboard: "un tableau de bord"
        }
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
                    diagnostics.append(.warning("glossary-duplicate-word", record.file, record.idLocation,
                                                Bilingual(fr: "le mot du glossaire «\u{A0}\(word)\u{A0}» est aussi défini par «\u{A0}\(other)\u{A0}»",
                                                          en: "the glossary word '\(word)' is also defined by '\(other)'"),
                                                hint: Bilingual(fr: "gardez chaque mot ou variante dans un seul terme", en: "keep each word or alias in one term only")))
                } else {
                    owner[key] = record.id
                }
            }
        }
        return diagnostics
    }
}

/// What a reference names, for the « … inconnu » messages: its noun and where it is declared.
enum ReferenceKind {
    case organisation, theme, section, metric, indicator

    var noun: Bilingual {
        switch self {
        case .organisation: Bilingual(fr: "organisation", en: "organisation")
        case .theme: Bilingual(fr: "thème", en: "theme")
        case .section: Bilingual(fr: "rubrique", en: "section")
        case .metric: Bilingual(fr: "mesure", en: "metric")
        case .indicator: Bilingual(fr: "indicateur", en: "indicator")
        }
    }

    var feminine: Bool { self == .organisation || self == .section || self == .metric }

    var declaredIn: Bilingual {
        switch self {
        case .organisation: Bilingual(fr: "dans un fichier du dossier organisations/ avec kind: organisation",
                                      en: "a file under organisations/ with kind: organisation")
        case .theme: Bilingual(fr: "dans site.yml, sous themes:", en: "site.yml under themes:")
        case .section: Bilingual(fr: "dans site.yml, sous sections:", en: "site.yml under sections:")
        case .metric: Bilingual(fr: "dans indicators.yml, sous metrics:", en: "indicators.yml under metrics:")
        case .indicator: Bilingual(fr: "dans indicators.yml, sous indicators:", en: "indicators.yml under indicators:")
        }
    }
}
