import Foundation
import PasserelleModel

/// What a skeleton lists from the site itself: its themes, sections, organisations and the metrics of `indicators.yml`.
public struct SkeletonVocabulary: Sendable {
    /// Whether `indicators.yml` exists and could be read.
    public enum Dictionary: Sendable, Hashable {
        case absent, unreadable, read
    }

    /// The content folder as the author typed it (`Content`).
    public var content: String
    public var themes: [ThemeInfo]
    public var sections: [SectionInfo]
    public var dictionaryState: Dictionary
    public var metrics: [MetricDefinition]
    public var indicators: [IndicatorSource]
    /// The ids of the organisations already described, sorted.
    public var organisations: [String]
    /// Today, for an article's date.
    public var today: Day

    public init(content: String = "Content", themes: [ThemeInfo] = [], sections: [SectionInfo] = [],
                dictionaryState: Dictionary = .absent, metrics: [MetricDefinition] = [], indicators: [IndicatorSource] = [],
                organisations: [String] = [], today: Day) {
        self.content = content
        self.themes = themes
        self.sections = sections
        self.dictionaryState = dictionaryState
        self.metrics = metrics
        self.indicators = indicators
        self.organisations = organisations
        self.today = today
    }

    /// The vocabulary of the site in `content`, read as a build reads it (what cannot be read is left out).
    public static func read(content: String, today: Day) async -> SkeletonVocabulary {
        let loaded = await ContentLoader.load(contentDirectory: content, includeDrafts: true)
        let folder = content.hasSuffix("/") ? String(content.dropLast()) : content
        let state: Dictionary
        if !FileManager.default.fileExists(atPath: folder + "/indicators.yml") {
            state = .absent
        } else if !loaded.dictionaryReadable || loaded.diagnostics.contains(where: { $0.severity == .error && $0.file.hasSuffix("/indicators.yml") }) {
            state = .unreadable
        } else {
            state = .read
        }
        return SkeletonVocabulary(content: folder, themes: loaded.config.themes, sections: loaded.config.sections,
                                  dictionaryState: state, metrics: loaded.dictionary.metrics, indicators: loaded.dictionary.indicators,
                                  organisations: loaded.records.filter { $0.kind == .organisation }.map(\.id).sorted(), today: today)
    }
}

/// The commented skeletons `passerelle new` writes: valid records that `passerelle check` accepts with warnings only
/// (their placeholder sentences, `placeholder-text`), drafts, with every optional key shown in a comment by a
/// real-looking French example of each shape (money of each horizon, joint and in-kind funding, dated and multi-year
/// results, ranges and approximate values, an image of `media/`), and the site's own themes, sections, organisations
/// and metrics listed. An organisation's `type` is left to be chosen: until it is, `check` reports it with the list.
public enum Skeletons {
    /// The folder of the content a kind of record is written in.
    public static func folder(_ kind: RecordKind) -> String {
        switch kind {
        case .project: return "projects"
        case .initiative: return "initiatives"
        case .article: return "articles"
        case .page: return "pages"
        case .organisation: return "organisations"
        case .term: return "glossary"
        case .dashboard: return "dashboards"
        }
    }

    /// The address of the new record's page in the site (a page without section: `pages/<id>/`).
    public static func route(_ kind: RecordKind, id: String) -> String {
        switch kind {
        case .project, .initiative: return Routes.card(id)
        case .article: return Routes.article(id)
        case .page: return Routes.page(id, section: nil)
        case .organisation: return Routes.organisation(id)
        case .term: return Routes.term(id)
        case .dashboard: return Routes.dashboard(id)
        }
    }

    /// A YAML double-quoted string.
    public static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func placeholder(_ instruction: String) -> String { PlaceholderText.sentence(instruction) }

    /// The line that makes a record a draft, with what that means.
    static let draftLine = "draft: true        # brouillon : visible dans l'aperçu (passerelle serve), jamais publié ; supprimez cette ligne pour publier\n"

    static let optionalNote = """

    # Tout ce qui suit est facultatif. Pour utiliser une ligne, retirez le « # » du début (et gardez le décalage :
    # les lignes d'une liste commencent par deux espaces et un tiret). Le guide complet : docs/guide-auteur.md.
    #

    """

    /// The skeleton of a record of `kind` titled `title`.
    public static func text(_ kind: RecordKind, title: String, vocabulary: SkeletonVocabulary) -> String {
        var text = "---\nkind: \(kind.rawValue)\ntitle: \(quoted(title))\n"
        switch kind {
        case .project, .initiative:
            text += draftLine
            text += "summary: \"\(placeholder("une phrase qui résume la fiche, montrée dans les listes et les résultats de recherche."))\"\n"
            text += optionalNote
            text += card(kind, vocabulary)
            text += "---\n\n## Idée\n\n\(placeholder("en deux ou trois phrases, le besoin auquel le projet répond."))\n\n"
            text += "## Démarche\n\n\(placeholder("qui a fait quoi, depuis quand, avec quels partenaires."))\n\n"
            text += "## Résultats\n\n\(placeholder("ce que le projet a produit, avec les chiffres du document source."))\n"
        case .article:
            text += draftLine
            text += "date: \(vocabulary.today)                               # date de publication (obligatoire)\n"
            text += "summary: \"\(placeholder("une phrase qui résume l'actualité, montrée dans les listes et le fil d'actualités."))\"\n"
            text += optionalNote
            text += """
            # author: "Service communication de l'union régionale"
            \(sectionLine(vocabulary))
            \(themesLine(vocabulary))
            # figures:                                   # un encadré de chiffres clés
            #   - {value: 70, label: "coopératives d'activité et d'emploi en France"}
            #   - {value: 6500, label: "porteurs de projets accompagnés"}
            #   - {value: 67, unit: "%", label: "des entrepreneurs encore en activité après trois ans"}
            # updated: \(vocabulary.today)                          # date de la dernière mise à jour
            \(imageNote)
            ---

            \(placeholder("le texte de l'actualité, en Markdown."))

            """
        case .page:
            text += draftLine
            text += "summary: \"\(placeholder("une phrase qui résume la page, montrée dans la liste de sa rubrique."))\"\n"
            text += optionalNote
            text += """
            \(sectionLine(vocabulary))
            #   (avec une rubrique, la page est publiée à l'adresse rubriques/<rubrique>/<id>/)
            # weight: 1                                  # ordre dans la rubrique : 1 en premier
            \(imageNote)
            ---

            \(placeholder("le texte de la page, en Markdown."))

            """
        case .organisation:
            // Not a draft: a card citing a draft organisation could not be published at all. The type is its safeguard.
            text += """
            type:                # à choisir, obligatoire : un mot de la liste ci-dessous
            #
            # Le type décide si l'argent de l'organisation compte comme public ou privé sur toutes les pages :
            \(typeList)
            #
            # Une organisation n'est pas un brouillon : elle est publiée dès qu'une fiche la cite.
            # Tant que la ligne type: est vide, passerelle check signale une erreur.
            \(optionalNote)# name: "Conseil régional de Bretagne"         # le nom complet, s'il diffère du titre
            # website: "https://www.exemple.fr"
            # siret: "…"                                  # 14 chiffres, copiés de annuaire-entreprises.data.gouv.fr
            # territory: {name: "Bretagne", level: region, departments: ["22", "29", "35", "56"]}
            ---

            \(placeholder("une ou deux phrases de présentation de l'organisation."))

            """
        case .term:
            text += draftLine
            text += """
            # term: "CAE"                                 # le mot tel qu'il apparaît dans les textes (par défaut : le titre)
            # aliases: ["coopérative d'activité et d'emploi", "coopératives d'activité et d'emploi"]
            #                                             # autres façons de l'écrire : elles renvoient aussi à la définition
            ---

            \(placeholder("la définition, en deux à quatre phrases."))

            """
        case .dashboard:
            text += draftLine
            text += "summary: \"\(placeholder("une phrase qui dit ce que montre ce tableau de bord."))\"\n"
            text += "#\n\(indicatorList(vocabulary))---\n\n\(placeholder("une phrase qui présente ces chiffres."))\n\n"
            if let first = vocabulary.indicators.first {
                text += """
                ```indicator
                indicator: \(first.id)
                by: region        # site, theme, region, department, level, funder, funder_type, year, kind
                chart: bar        # bar, figure, donut, stacked, table
                ```

                """
            }
        }
        return text
    }

    // MARK: The blocks of a card

    static func card(_ kind: RecordKind, _ vocabulary: SkeletonVocabulary) -> String {
        var text = """
        # subtitle: "Cap Ondaine"                      # le nom court du projet
        \(themesLine(vocabulary))
        # carrier: si-vallee-ondaine                   # qui porte le projet : un fichier de \(vocabulary.content)/organisations/
        # territory: {name: "Vallée de l'Ondaine", level: intercommunality, departments: ["42"]}
        #                                              # level : commune, intercommunality, department, region, national
        # period: {start: 2006, end: 2008}             # ou une seule année : period: 2002
        # status: ongoing                              # idea (en projet), ongoing (en cours), completed (terminé), stopped (arrêté)
        # audiences: ["Personnes éloignées de l'emploi", "Créateurs d'activité"]
        # objectives:
        #   - "Créer des activités dans la vallée"
        #   - {label: "Une trentaine d'emplois d'insertion", target: insertion_jobs}
        #
        # Budget : chaque ligne dit comment son montant se rapporte au temps. Montants en euros : 97000 ou "97 000 €".
        # budget:
        #   - {amount: 97000, period: annual, nature: operating, label: "Fonctionnement de la coopérative"}
        #                                              # par an : « 97 000 € par an »
        #   - {amount: 230000, period: total, years: 3, year: 2006, label: "Animation de la démarche"}
        #                                              # sur plusieurs années : « 230 000 € sur 3 ans » (year : la première année)
        #   - {amount: 240000, period: one_off, year: 2012, nature: investment, label: "Achat et aménagement du local"}
        #                                              # ponctuel : « 240 000 € (ponctuel, 2012) », jamais dans un coût annuel
        #   - {amount: 3000, period: one_off, nature: investment, in_kind: true, label: "Camion benne prêté par la commune"}
        #                                              # don en nature, valorisé : « 3 000 € en nature »
        #
        # Financements : une part du budget (share: 15%), un montant (amount: 36000), les deux, ou rien quand le
        # document ne dit pas combien (le financeur est cité, « montant non précisé » : n'écrivez jamais 0).
        # funding:
        #   - {funder: region-rhone-alpes, share: 15%}   # une part du budget (quand toutes ses lignes ont le même horizon)
        #   - {funder: etat, amount: 36000, period: annual, note: "aides aux postes d'insertion"}       # par an
        #   - {funder: cc-caux-vallee-de-seine, amount: 180000, period: total, years: 3}               # sur 3 ans
        #   - {funder: caisse-des-depots, amount: 8000, period: one_off, year: 2012, nature: investment}  # ponctuel
        #   - {funders: [departement-seine-maritime, union-europeenne], amount: 120000, period: total, years: 3}
        #                                              # financement conjoint : un montant pour plusieurs, répartition inconnue
        #   - {funder: si-vallee-ondaine, amount: 3000, period: one_off, in_kind: true, note: "local prêté"}  # en nature
        #   - {funder: avise}                          # cité sans montant : « montant non précisé »
        \(organisationList(vocabulary))
        #
        # Résultats : un bloc par année (year) ou par période (period) ; chaque clé est un indicateur (liste ci-dessous).
        # results:
        #   - year: 2002                               # un résultat daté
        #     people_accompanied: 40
        #     exits: {total: 11, parts: {salaried_job: 6, self_employed: 5}}   # un total et sa répartition
        #   - period: "2006-2008"                      # un résultat sur plusieurs années
        #     jobs_created: {min: 40, max: 60}         # une fourchette : « 40 à 60 »
        #     people_trained: {value: 40, approx: true}  # une valeur approchée : « environ 40 »
        # targets: {year: 2010, insertion_jobs: {value: 30, approx: true}}   # un objectif : « une trentaine d'emplois »
        #
        \(metricList(vocabulary))#
        # partners: [{organisation: si-vallee-ondaine, role: carrier}]   # rôles : carrier, funder, expert, operator, buyer, territorial, other

        """
        if kind == .initiative {
            text += """
            # value_chains:                              # les filières de l'initiative et leurs acteurs
            #   - name: "Textiles usagés"
            #     description: "Collecte, tri et transformation des textiles du territoire."
            #     actors: [{name: "Atelier de tri de l'estuaire", role: operator}, {organisation: si-vallee-ondaine, role: territorial}]

            """
        }
        text += """
        # contacts: [{name: "Marie Dupont", role: "Chargée de mission", organisation: si-vallee-ondaine, email: "contact@exemple.fr", phone: "04 77 00 00 00"}]
        # links:
        #   - {label: "Site de la coopérative", url: "https://www.exemple.fr"}
        #   - {label: "Rapport d'activité 2023 (PDF)", url: "media/rapport-activite-2023.pdf"}   # un document de \(vocabulary.content)/media/
        # source: {label: "Fiche de l'Avise", url: "https://www.avise.org", licence: "CC BY-SA 4.0"}   # document d'origine
        # award: {name: "Trophées de l'ESS", year: 2004, jury_comment: "Un dispositif exemplaire de développement local."}
        # updated: \(vocabulary.today)                          # date de la dernière mise à jour
        # aliases: ["fiches/ancien-nom/"]                # anciennes adresses de la fiche, redirigées ici
        \(imageNote)

        """
        return text
    }

    /// How to put an image in the text: a comment of the front matter, so the skeleton names no file that is missing.
    static let imageNote = """
    #
    # Une image dans le texte (sous la ligne ---) : placez le fichier dans le dossier media/ du contenu, puis écrivez
    #   ![Les entrepreneurs devant l'atelier de la coopérative](media/atelier-cooperative.jpg)
    # Le texte entre crochets décrit l'image pour qui ne la voit pas. Un lien vers un document : [Le rapport](media/rapport.pdf)
    """

    static var typeList: String {
        let ordered = OrganisationType.allCases.filter(\.isPublic) + OrganisationType.allCases.filter { !$0.isPublic }
        var lines = ordered.map { type in
            let padding = String(repeating: " ", count: max(1, 17 - type.rawValue.count))
            return "#   \(type.rawValue)\(padding)\(type.meaning.fr)"
        }
        lines.insert("# argent public :", at: 0)
        lines.insert("# argent privé :", at: ordered.filter(\.isPublic).count + 1)
        return lines.joined(separator: "\n")
    }

    static func themesLine(_ vocabulary: SkeletonVocabulary) -> String {
        guard let first = vocabulary.themes.first else {
            return "# themes: [cooperatives]                      # aucun thème n'est déclaré dans site.yml (rubrique themes:)"
        }
        let list = vocabulary.themes.map { "#   \($0.id) : \($0.label)" }.joined(separator: "\n")
        return "# themes: [\(first.id)]\(String(repeating: " ", count: max(1, 35 - first.id.count)))# thèmes déclarés dans site.yml :\n" + list
    }

    static func sectionLine(_ vocabulary: SkeletonVocabulary) -> String {
        guard let first = vocabulary.sections.first else {
            return "# section: id-de-la-rubrique                  # aucune rubrique n'est déclarée dans site.yml (rubrique sections:)"
        }
        let list = vocabulary.sections.map { "#   \($0.id) : \($0.title)" }.joined(separator: "\n")
        return "# section: \(first.id)\(String(repeating: " ", count: max(1, 36 - first.id.count)))# rubriques déclarées dans site.yml :\n" + list
    }

    static func organisationList(_ vocabulary: SkeletonVocabulary) -> String {
        let ids = vocabulary.organisations
        guard !ids.isEmpty else {
            return "#   (aucune organisation n'est encore décrite : passerelle new organisation \"Nom\" en crée une)"
        }
        let shown = ids.prefix(40).joined(separator: ", ") + (ids.count > 40 ? ", … (\(ids.count) en tout)" : "")
        return wrap("#   organisations déjà décrites : " + shown + " ; une autre : passerelle new organisation \"Nom\"",
                    prefix: "#     ")
    }

    /// The metrics of indicators.yml, one a line: the keys a result block or a target may use.
    static func metricList(_ vocabulary: SkeletonVocabulary) -> String {
        let file = "\(vocabulary.content)/indicators.yml"
        switch vocabulary.dictionaryState {
        case .absent:
            return "# Indicateurs : il n'y a pas de fichier \(file) ; sans lui, aucune clé de results ou targets n'est acceptée.\n"
        case .unreadable:
            return "# Indicateurs : \(file) contient une erreur (voir passerelle check) ; sa liste n'a pas pu être lue.\n"
        case .read where vocabulary.metrics.isEmpty:
            return "# Indicateurs : \(file) ne déclare aucun indicateur (rubrique metrics:).\n"
        case .read:
            var text = "# Indicateurs de \(file) (les clés possibles dans results et targets) :\n"
            for metric in vocabulary.metrics {
                var line = "#   \(metric.id) : \(metric.label.text(.fr)) (\(unitWords(metric.unit)))"
                if !metric.parts.isEmpty { line += " ; parts : " + metric.parts.keys.sorted().joined(separator: ", ") }
                text += line + "\n"
            }
            return text
        }
    }

    /// The indicators a dashboard block may show.
    static func indicatorList(_ vocabulary: SkeletonVocabulary) -> String {
        let file = "\(vocabulary.content)/indicators.yml"
        switch vocabulary.dictionaryState {
        case .absent:
            return "# Indicateurs : il n'y a pas de fichier \(file) ; un bloc ```indicator ne peut montrer que funding_by_type.\n"
        case .unreadable:
            return "# Indicateurs : \(file) contient une erreur (voir passerelle check) ; sa liste n'a pas pu être lue.\n"
        case .read:
            var text = "# Indicateurs que peut montrer un bloc ```indicator (indicator: …) :\n"
            for indicator in vocabulary.indicators {
                text += "#   \(indicator.id) : \(indicator.label.text(.fr))\n"
            }
            return text + "#   \(DashboardBlock.fundingByType) : les financements par type de financeur\n"
        }
    }

    static func unitWords(_ unit: MeasureUnit) -> String {
        switch unit {
        case .people: return "personnes"
        case .jobs: return "emplois"
        case .EUR: return "euros"
        case .percent: return "%"
        case .count: return "nombre"
        case .tonnes: return "tonnes"
        case .hours: return "heures"
        case .number: return "nombre"
        }
    }

    /// A comment line cut at about 116 characters, its continuation lines starting with `prefix`.
    static func wrap(_ line: String, prefix: String) -> String {
        var lines: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty && current.count + 1 + word.count > 116 {
                lines.append(current)
                current = prefix + word
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n")
    }
}
