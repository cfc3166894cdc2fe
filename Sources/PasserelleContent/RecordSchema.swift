import PasserelleModel

/// The JSON Schemas (draft 2020-12) of a site's records, `site.yml` and `indicators.yml`, for editors: one file per
/// kind of record, with French titles and descriptions, the site's own themes, sections, organisations and metrics as
/// the allowed values, and `additionalProperties: false` so a key with a typo is refused.
///
/// Every object's keys come from the lists the decoders check against (`RecordDecoder.keysByKind`, `DecoderKeys.swift`):
/// a key the decoder accepts but this file does not describe still gets a property (described as such, and caught by
/// the tests), and a description of a key the decoder does not accept is never written.
///
/// The front matter is YAML: a validator reads it as JSON first (YAML dates become `"2014-01-10"` strings). A schema
/// cannot see how a number was spelled (`74.000` and `74000` are the same number once read), so `passerelle check`
/// stays the judge; the schema helps while typing.
public enum RecordSchema {
    /// What the schemas draw from the site: its declared ids and the metric dictionary.
    public struct Context: Sendable {
        public var themes: [ThemeInfo]
        public var sections: [SectionInfo]
        /// Organisation ids and names, sorted by id.
        public var organisations: [(id: String, name: String)]
        public var metrics: [MetricDefinition]

        public init(themes: [ThemeInfo], sections: [SectionInfo], organisations: [(id: String, name: String)],
                    metrics: [MetricDefinition]) {
            self.themes = themes
            self.sections = sections
            self.organisations = organisations
            self.metrics = metrics
        }

        /// From what `ContentLoader.load` read: every organisation record (the first of a duplicated id).
        public init(_ content: LoadedContent) {
            var seen = Set<String>()
            var organisations: [(id: String, name: String)] = []
            for record in content.records where record.kind == .organisation && !seen.contains(record.id) {
                seen.insert(record.id)
                organisations.append((record.id, record.organisation?.name ?? record.title))
            }
            self.init(themes: content.config.themes, sections: content.config.sections,
                      organisations: organisations.sorted { $0.id < $1.id }, metrics: content.dictionary.metrics)
        }
    }

    /// The description given to a key the decoders accept but this file does not describe yet.
    static let undescribed = "Clé acceptée par Passerelle (non décrite dans ce schéma)."

    /// Every schema file: `<kind>.schema.json` for each kind of record, then `site.schema.json` and
    /// `indicators.schema.json`, each as the exact text to write.
    public static func files(_ site: Context) -> [(name: String, text: String)] {
        RecordKind.allCases.map { ("\($0.rawValue).schema.json", record($0, site).text) }
            + [("site.schema.json", settings(site).text), ("indicators.schema.json", dictionary().text)]
    }

    // MARK: Records

    static let kindTitles: [RecordKind: (String, String)] = [
        .project: ("Fiche de bonne pratique", "Une fiche de bonne pratique (dossier projects/) : une coopérative, un service, un dispositif, avec ses chiffres clés, son budget et ses financements."),
        .initiative: ("Initiative territoriale", "Un programme territorial (dossier initiatives/), avec ses filières et leurs acteurs, son budget et ses financements."),
        .article: ("Actualité", "Une actualité datée (dossier articles/), avec d’éventuels chiffres clés."),
        .page: ("Page explicative", "Une page explicative (dossier pages/), rangée dans une rubrique déclarée dans site.yml."),
        .organisation: ("Organisation", "Un porteur, un financeur ou un partenaire (dossier organisations/), avec son type."),
        .term: ("Terme du glossaire", "Un terme du glossaire (dossier glossary/) : le texte sous les champs en est la définition."),
        .dashboard: ("Tableau de bord", "Une page (dossier dashboards/) dont le texte contient des blocs ```indicator."),
    ]

    /// The schema of one kind of record.
    public static func record(_ kind: RecordKind, _ site: Context) -> SchemaValue {
        let keys = RecordDecoder.commonKeys + (RecordDecoder.keysByKind[kind] ?? [])
        var properties = commonProperties(kind, site)
        switch kind {
        case .project, .initiative: properties.merge(cardProperties(site)) { $1 }
        case .article:
            properties["author"] = described("Auteur", "Le nom de l’auteur de l’actualité.", ref("text"))
            properties["section"] = sectionProperty()
            properties["figures"] = described("Chiffres clés", "L’encadré de chiffres clés : une liste de {value, unit, label}, par exemple {value: 70, label: \"CAE en France\"}.",
                                              oneOrList(object(RecordDecoder.figureKeys, [
                                                  "value": described("Valeur", "Le chiffre, par exemple 70 ou \"6 500\".", ref("amount")),
                                                  "unit": described("Unité", "L’unité affichée après le chiffre, par exemple « % » ou « € ».", ref("text")),
                                                  "label": described("Libellé", "Ce que compte le chiffre, par exemple \"CAE en France\".", ref("text")),
                                              ], required: ["value", "label"])))
        case .page:
            properties["section"] = sectionProperty()
            properties["weight"] = described("Ordre", "La place de la page dans sa rubrique : les plus petits nombres d’abord.", ref("integer"))
        case .organisation:
            properties["name"] = described("Nom", "Le nom complet de l’organisation, s’il diffère du titre.", ref("text"))
            properties["type"] = described("Type d’organisation", "Obligatoire : il classe l’argent de ses financements (public ou privé). "
                                           + valueList(OrganisationType.allCases.map(\.rawValue)),
                                           [("enum", .array(OrganisationType.allCases.map { .string($0.rawValue) }))])
            properties["territory"] = territoryProperty()
            properties["website"] = described("Site web", "L’adresse du site de l’organisation, avec https://.", ref("text"))
            properties["siret"] = described("SIRET", "Les 14 chiffres du SIRET (annuaire-entreprises.data.gouv.fr), vérifiés par Passerelle.",
                                            either("string", .object([("pattern", .string("^[0-9 ]+$"))]), else: .object([("type", .string("integer"))])))
        case .term:
            properties["term"] = described("Terme", "Le mot défini, s’il diffère du titre, par exemple \"CAE\".", ref("text"))
        case .dashboard:
            break
        }
        let (title, description) = kindTitles[kind] ?? (kind.rawValue, kind.rawValue)
        var required = ["kind", "title"]
        if kind == .article { required.append("date") }
        let body = object(keys, properties, required: required)
        guard case .object(let members) = body else { return body }
        return .object(header(title: "\(title) (kind: \(kind.rawValue))", description: description)
                       + members + [("$defs", definitions(site))])
    }

    static func commonProperties(_ kind: RecordKind, _ site: Context) -> [String: SchemaValue] {
        [
            "kind": described("Sorte d’enregistrement", "Toujours kind: \(kind.rawValue) dans ce fichier.", [("const", .string(kind.rawValue))]),
            "id": described("Identifiant", "Le nom de la page dans l’adresse du site : lettres minuscules sans accent, chiffres et tirets. Par défaut, le nom du fichier sans .md.",
                            [("type", .string("string")), ("pattern", .string("^[a-z0-9-]{1,120}$"))]),
            "title": described("Titre", "Obligatoire : le titre de la page, entre guillemets.", [("type", .string("string")), ("minLength", .int(1))]),
            "summary": described("Résumé", "Une ou deux phrases, montrées dans les listes et les moteurs de recherche. Par défaut, le premier paragraphe du texte.", ref("text")),
            "date": described("Date", kind == .article ? "Obligatoire pour une actualité : année-mois-jour, par exemple 2014-01-10." : "La date de la fiche : année-mois-jour, par exemple 2014-01-10.", ref("date")),
            "updated": described("Mise à jour", "La date de la dernière mise à jour : année-mois-jour.", ref("date")),
            "draft": described("Brouillon", "true : la page n’est publiée qu’avec --drafts (et dans l’aperçu).", ref("boolean")),
            "themes": described("Thèmes", "Les thèmes déclarés dans site.yml, entre crochets : themes: [a, b].", ref("themes")),
            "source": described("Source", "Le document dont la fiche est tirée : {label, url, licence}.",
                                object(RecordDecoder.sourceKeys, [
                                    "label": described("Nom de la source", "Obligatoire, par exemple \"Fiche de l’Avise\".", ref("text")),
                                    "url": described("Adresse de la source", "Le lien vers le document, avec https://.", ref("text")),
                                    "licence": described("Licence", "La licence du document d’origine, par exemple \"CC BY-SA 4.0\".", ref("text")),
                                ], required: ["label"])),
            "aliases": described(kind == .term ? "Autres formes" : "Anciennes adresses",
                                 kind == .term ? "Les autres façons d’écrire le terme (pluriel, sigle développé)."
                                               : "Les anciennes adresses de la page, qui y renvoient : aliases: [\"fiches/ancien-nom/\"].",
                                 ref("texts")),
            "glossary": described("Liens vers le glossaire", "false : aucun mot du texte n’est relié au glossaire.", ref("boolean")),
        ]
    }

    static func cardProperties(_ site: Context) -> [String: SchemaValue] {
        let horizon: [String: SchemaValue] = [
            "period": described("Horizon", "Comment le montant se rapporte au temps : annual (par an), one_off (ponctuel), total (sur plusieurs années, avec years).",
                                [("enum", .array(BudgetPeriod.allCases.map { .string($0.rawValue) }))]),
            "years": described("Nombre d’années", "Avec period: total : le nombre d’années que couvre le montant, par exemple 3.", ref("integer")),
            "year": described("Année", "L’année du montant (pour un total sur plusieurs années, la première).", ref("year")),
            "nature": described("Nature", "operating (fonctionnement) ou investment (investissement).",
                                [("enum", .array(BudgetNature.allCases.map { .string($0.rawValue) }))]),
            "in_kind": described("En nature", "true pour un don en nature valorisé (un local, un véhicule).", ref("boolean")),
        ]
        let budgetLine = object(CardDecoder.budgetLineKeys, horizon.merging([
            "amount": described("Montant", "Obligatoire : le montant en euros, par exemple 97000 ou \"97 000 €\".", ref("amount")),
            "label": described("Libellé", "Ce que couvre la ligne, par exemple \"Coût annuel de la coopérative\".", ref("text")),
        ]) { $1 }, required: ["amount"])
        let fundingLine = object(CardDecoder.fundingLineKeys, horizon.merging([
            "funder": described("Financeur", "L’identifiant d’une organisation de organisations/.", ref("organisation")),
            "funders": described("Financeurs conjoints", "Plusieurs organisations pour un seul montant : funders: [a, b]. La répartition n’est jamais devinée.", ref("organisations")),
            "amount": described("Montant", "Le montant en euros, par exemple 180000 ou \"180 000 €\".", ref("amount")),
            "share": described("Part du budget", "Un pourcentage, par exemple 15% ou \"14,5 %\".", ref("share")),
            "note": described("Note", "Une précision montrée avec la ligne.", ref("text")),
            "convention_date": described("Date de la convention", "Année-mois-jour, pour les données des subventions (SCDL).", ref("date")),
            "decision_reference": described("Référence de la décision", "La référence de la délibération ou de l’arrêté.", ref("text")),
            "payment_conditions": described("Conditions de versement", "single (unique), staggered (échelonné) ou other (autre).",
                                            [("enum", .array(PaymentConditions.allCases.map { .string($0.rawValue) }))]),
            "payment_dates": described("Dates de versement", "Les dates ou périodes de versement, en texte.", ref("text")),
            "eu_notification": described("Notification européenne", "true si l’aide a été notifiée à la Commission européenne.", ref("boolean")),
        ]) { $1 }, required: [], extra: [("if", .object([("required", .array([.string("funders")]))])), ("then", .object([])),
                                           ("else", .object([("required", .array([.string("funder")]))]))])
        var resultProperties: [String: SchemaValue] = [
            "year": described("Année", "L’année des résultats, par exemple 2002.", ref("year")),
            "period": described("Période", "La période mesurée, en texte, par exemple \"2013-01/2013-03\".", ref("text")),
        ]
        var targetProperties: [String: SchemaValue] = [
            "year": described("Année visée", "L’année à laquelle les objectifs chiffrés se rapportent.", ref("year")),
        ]
        for metric in site.metrics {
            resultProperties[metric.id] = described(metric.label.text(.fr), metricDescription(metric), ref("measure"))
            targetProperties[metric.id] = described(metric.label.text(.fr), metricDescription(metric), ref("value"))
        }
        let metricIDs = site.metrics.map(\.id)
        let resultBlock = object(CardDecoder.resultBlockKeys + metricIDs, resultProperties)
        let partner = object(CardDecoder.partnerKeys, [
            "organisation": described("Organisation", "Obligatoire : l’identifiant d’une organisation de organisations/.", ref("organisation")),
            "role": described("Rôle", valueList(PartnerRole.allCases.map(\.rawValue)), [("enum", .array(PartnerRole.allCases.map { .string($0.rawValue) }))]),
        ], required: ["organisation"])
        let actor = object(CardDecoder.actorKeys, [
            "name": described("Nom", "Le nom de l’acteur (ou organisation:).", ref("text")),
            "organisation": described("Organisation", "L’identifiant d’une organisation de organisations/.", ref("organisation")),
            "role": described("Rôle", valueList(PartnerRole.allCases.map(\.rawValue)), [("enum", .array(PartnerRole.allCases.map { .string($0.rawValue) }))]),
        ])
        return [
            "subtitle": described("Sous-titre", "Par exemple le nom de la structure : \"Cap Ondaine\".", ref("text")),
            "carrier": described("Porteur", "L’identifiant d’une organisation de organisations/, ou {name, type} pour un porteur sans fiche.",
                                 either("object", object(CardDecoder.carrierKeys, [
                                                        "name": described("Nom", "Obligatoire : le nom du porteur.", ref("text")),
                                                        "type": described("Type", valueList(OrganisationType.allCases.map(\.rawValue)),
                                                                          [("enum", .array(OrganisationType.allCases.map { .string($0.rawValue) }))]),
                                                    ], required: ["name"]), else: ref("organisation").object)),
            "territory": territoryProperty(),
            "period": described("Période", "L’année de début (period: 2002) ou {start: 2006, end: 2008}.",
                                either("object", object(CardDecoder.periodKeys, [
                                                       "start": described("Début", "Obligatoire : la première année.", ref("year")),
                                                       "end": described("Fin", "La dernière année.", ref("year")),
                                                   ], required: ["start"]), else: ref("year").object)),
            "status": described("État d’avancement", "idea (idée), ongoing (en cours), completed (terminé) ou stopped (arrêté).",
                                [("enum", .array(CardStatus.allCases.map { .string($0.rawValue) }))]),
            "audiences": described("Publics", "Les publics visés, en texte : une ligne « - \"…\" » par public.", ref("texts")),
            "objectives": described("Objectifs", "Une liste d’objectifs en texte, ou {label, target} pour un objectif relié à une mesure.",
                                    oneOrList(either("object", object(CardDecoder.objectiveKeys, [
                                                                      "label": described("Objectif", "Obligatoire : l’objectif en une phrase.", ref("text")),
                                                                      "target": described("Mesure visée", "Une mesure de indicators.yml.", ref("metric")),
                                                                  ], required: ["label"]), else: ref("text").object))),
            "budget": described("Budget", "Une ligne de budget ou une liste de lignes : {amount, period, years, year, nature, in_kind, label}.", oneOrList(budgetLine)),
            "funding": described("Financements", "Les lignes de financement : {funder, share} ou {funder, amount}, éventuellement avec leur horizon.", oneOrList(fundingLine)),
            "results": described("Résultats", "Un bloc de résultats ou une liste de blocs : year, puis une ligne par mesure de indicators.yml.", oneOrList(resultBlock)),
            "targets": described("Objectifs chiffrés", "Une mesure de indicators.yml et sa valeur visée, par exemple insertion_jobs: {value: 30, approx: true}.",
                                 object(CardDecoder.targetsKeys + metricIDs, targetProperties)),
            "partners": described("Partenaires", "Une liste de {organisation, role}.", oneOrList(partner)),
            "value_chains": described("Filières", "Une liste de {name, description, actors}.",
                                      oneOrList(object(CardDecoder.valueChainKeys, [
                                          "name": described("Nom de la filière", "Obligatoire, par exemple \"Textiles usagés\".", ref("text")),
                                          "description": described("Description", "La filière en une ou deux phrases.", ref("text")),
                                          "actors": described("Acteurs", "Une liste de {name ou organisation, role}.", oneOrList(actor)),
                                      ], required: ["name"]))),
            "contacts": described("Contacts", "Une liste de {name, role, organisation, phone, email, address}, publiés selon contacts_privacy de site.yml.",
                                  oneOrList(object(CardDecoder.contactKeys, [
                                      "name": described("Nom", "Obligatoire : le nom de la personne.", ref("text")),
                                      "role": described("Fonction", "Sa fonction.", ref("text")),
                                      "organisation": described("Organisation", "Le nom de sa structure, en texte.", ref("text")),
                                      "phone": described("Téléphone", "Le numéro, entre guillemets.", ref("text")),
                                      "email": described("Courriel", "L’adresse électronique.", ref("text")),
                                      "address": described("Adresse", "L’adresse postale.", ref("text")),
                                  ], required: ["name"]))),
            "links": described("Liens", "Une liste de {label, url}.",
                               oneOrList(object(CardDecoder.linkKeys, [
                                   "label": described("Libellé", "Obligatoire : le texte du lien.", ref("text")),
                                   "url": described("Adresse", "Obligatoire : l’adresse, avec https://.", ref("text")),
                               ], required: ["label", "url"]))),
            "award": described("Prix", "Le prix reçu : {name, year, jury_comment}.",
                               object(CardDecoder.awardKeys, [
                                   "name": described("Nom du prix", "Le nom du concours ou du prix.", ref("text")),
                                   "year": described("Année", "L’année du prix.", ref("year")),
                                   "jury_comment": described("Commentaire du jury", "Le commentaire du jury, entre guillemets.", ref("text")),
                               ])),
        ]
    }

    static func territoryProperty() -> SchemaValue {
        described("Territoire", "{name, level, departments: [\"42\"], communes, population} : la région se déduit des départements.",
                  object(CardDecoder.territoryKeys, [
                      "name": described("Nom du territoire", "Obligatoire, par exemple \"Vallée de l’Ondaine\".", ref("text")),
                      "level": described("Échelon", valueList(TerritoryLevel.allCases.map(\.rawValue)),
                                         [("enum", .array(TerritoryLevel.allCases.map { .string($0.rawValue) }))]),
                      "departments": described("Départements", "Les codes INSEE entre guillemets : departments: [\"42\"] (\"2A\", \"2B\", \"971\"…).",
                                               oneOrList(either("string", .object([("pattern", .string("^ *([0-9]{1,3}|2[AaBb]) *$"))]),
                                                                else: .object([("type", .string("integer"))])))),
                      "communes": described("Communes", "Les communes concernées, en texte.", ref("texts")),
                      "population": described("Population", "Le nombre d’habitants, par exemple 120000.", ref("integer")),
                      "region": described("Région", "Facultatif : elle se déduit des départements, et doit leur correspondre.", ref("text")),
                  ], required: ["name"]))
    }

    static func sectionProperty() -> SchemaValue {
        described("Rubrique", "L’identifiant d’une rubrique déclarée sous sections: dans site.yml.", ref("section"))
    }

    static func metricDescription(_ metric: MetricDefinition) -> String {
        let text = metric.description?.text(.fr) ?? metric.label.text(.fr)
        let parts = metric.parts.keys.sorted()
        return text + " Unité : \(metric.unit.rawValue)." + (parts.isEmpty ? "" : " Parties : \(parts.joined(separator: ", ")).")
    }

    // MARK: Shared definitions

    /// Spaces as regular-expression escapes (JSON Schema patterns are ECMA-262; Python's `re` reads them too).
    static let spaces = "[ \\u00A0\\u202F]"

    /// An amount as `NumberParser` reads it from text: digits with spaces, dots or commas, an optional multiplier and
    /// euro sign. The pattern only says the shape; `passerelle check` decides what is ambiguous.
    static let amountPattern = "^\(spaces)*\\+?[0-9][0-9 \\u00A0\\u202F.,]*(\(spaces)*(k|K|M|Md))?\(spaces)*(€|EUR|euros?)?\(spaces)*$"
    static let sharePattern = "^\(spaces)*[0-9]+([.,][0-9]+)?\(spaces)*%\(spaces)*$"

    static func definitions(_ site: Context) -> SchemaValue {
        func ids(_ values: [String], _ text: String) -> SchemaValue {
            let description = french(text)
            guard !values.isEmpty else { return .object([("description", .string(description)), ("not", .object([]))]) }
            return .object([("description", .string(description)), ("enum", .array(values.map { .string($0) }))])
        }
        let text = SchemaValue.object([("type", .string("string"))])
        func has(_ keys: [String]) -> SchemaValue {
            .object([("anyOf", .array(keys.map { .object([("required", .array([.string($0)]))]) }))])
        }
        let amount = SchemaValue.object([
            ("description", .string(french("Un montant ou un nombre : 97000, ou en texte \"97 000 €\", \"1 234,5\". Un nombre ambigu comme 74.000 est refusé par passerelle check.")))]
            + either("string", .object([("pattern", .string(amountPattern))]),
                     else: .object([("type", .string("number")), ("minimum", .int(0)), ("maximum", .int(1_000_000_000_000_000))])))
        let approximate = object(CardDecoder.approximateKeys, [
            "value": described("Valeur", "Obligatoire : le nombre.", ref("amount")),
            "approx": described("Approché", "true : la valeur est approchée (« environ 30 »).", ref("boolean")),
        ], required: ["value"])
        let range = object(CardDecoder.rangeKeys, [
            "min": described("Minimum", "Obligatoire : le plus petit nombre de la fourchette.", ref("amount")),
            "max": described("Maximum", "Obligatoire : le plus grand nombre de la fourchette.", ref("amount")),
        ], required: ["min", "max"])
        // As the decoder reads it: a mapping with value or approx is an approximate value, any other mapping a range.
        let value = SchemaValue.object([
            ("description", .string(french("Un nombre, une valeur approchée {value: 30, approx: true} ou une fourchette {min: 20, max: 25}.")))]
            + either("object", .object([("if", has(CardDecoder.approximateKeys)), ("then", approximate), ("else", range)]),
                     else: ref("amount").object))
        // A mapping without value, approx, min or max is a {total, parts} breakdown.
        let total = object(CardDecoder.totalKeys, [
            "total": described("Total", "Le total ; par défaut, la somme des parties.", ref("amount")),
            "parts": described("Parties", "Une partie par ligne : nom: nombre, par exemple {salaried_job: 6, self_employed: 5}.",
                               [("type", .string("object")), ("additionalProperties", ref("amount").object)]),
        ])
        let measure = SchemaValue.object([
            ("description", .string(french("Un nombre, {value, approx}, {min, max}, ou {total, parts: {…}} dont les parties sont comprises dans le total."))),
            ("if", .object([("type", .string("object")), ("not", has(CardDecoder.approximateKeys + CardDecoder.rangeKeys))])),
            ("then", total), ("else", ref("value").object),
        ])
        func oneOrMany(_ name: String) -> SchemaValue {
            .object(either("array", .object([("items", ref(name).object)]), else: ref(name).object))
        }
        return .object([
            ("text", text),
            ("texts", oneOrMany("text")),
            ("date", .object([("description", .string(french("Une date année-mois-jour, par exemple 2014-01-10."))),
                              ("type", .string("string")), ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))])),
            ("boolean", .object([("description", .string(french("true ou false.")))]
                                + either("string", .object([("enum", .array(["true", "false", "True", "False", "TRUE", "FALSE", "yes", "no", "oui", "non"].map { .string($0) }))]),
                                         else: .object([("type", .string("boolean"))])))),
            ("integer", .object([("description", .string(french("Un nombre entier.")))]
                                + either("string", .object([("pattern", .string("^ *[0-9]+ *$"))]), else: .object([("type", .string("integer"))])))),
            ("year", .object([("description", .string(french("Une année, par exemple 2002.")))]
                             + either("string", .object([("pattern", .string("^ *[12][0-9]{3} *$"))]),
                                      else: .object([("type", .string("integer")), ("minimum", .int(1800)), ("maximum", .int(2200))])))),
            ("amount", amount),
            ("share", .object([("description", .string(french("Un pourcentage avec le signe %, par exemple 15% ou \"14,5 %\"."))),
                               ("type", .string("string")), ("pattern", .string(sharePattern))])),
            ("value", value),
            ("measure", measure),
            ("organisation", ids(site.organisations.map(\.id), "Une organisation du site (dossier organisations/).")),
            ("organisations", oneOrMany("organisation")),
            ("theme", ids(site.themes.map(\.id), "Un thème déclaré sous themes: dans site.yml.")),
            ("themes", oneOrMany("theme")),
            ("section", ids(site.sections.map(\.id), "Une rubrique déclarée sous sections: dans site.yml.")),
            ("metric", ids(site.metrics.map(\.id), "Une mesure déclarée sous metrics: dans indicators.yml.")),
        ])
    }

    // MARK: site.yml and indicators.yml

    static func settings(_ site: Context) -> SchemaValue {
        let declaration = { (titleKey: String, title: String) -> SchemaValue in
            .object([("type", .string("object")),
                     ("propertyNames", .object([("pattern", .string("^[a-z0-9-]{1,120}$"))])),
                     ("additionalProperties", object(SettingsDecoder.declarationKeys.filter { $0 == titleKey || $0 == "description" }, [
                         titleKey: described(title, "Obligatoire : le nom montré aux lecteurs.", ref("text")),
                         "description": described("Description", "Une ou deux phrases montrées sur la page.", ref("text")),
                     ], required: [titleKey]))])
        }
        let body = object(SettingsDecoder.siteKeys, [
            "title": described("Titre du site", "Obligatoire, par exemple \"Pratiques de l’ESS en région\".", ref("text")),
            "description": described("Description du site", "Une phrase, pour les moteurs de recherche et le flux.", ref("text")),
            "base_url": described("Adresse du site", "L’adresse de publication, par exemple \"https://www.example.org/\".",
                                  [("type", .string("string")), ("pattern", .string("^(https?://.*)?$"))]),
            "language": described("Langue", "fr (par défaut) ou en.", [("enum", .array(Language.allCases.map { .string($0.rawValue) }))]),
            "publisher": described("Éditeur", "Le nom de l’éditeur, ou {name, url}.",
                                   either("object", object(SettingsDecoder.publisherKeys, [
                                                          "name": described("Nom", "Obligatoire : le nom de l’éditeur.", ref("text")),
                                                          "url": described("Adresse", "Le site de l’éditeur.", ref("text")),
                                                      ], required: ["name"]), else: ref("text").object)),
            "licence": described("Licence", "La licence du contenu : {name, url}.",
                                 object(SettingsDecoder.licenceKeys, [
                                     "name": described("Nom", "Obligatoire, par exemple \"CC BY-SA 4.0\".", ref("text")),
                                     "url": described("Adresse", "Le texte de la licence.", ref("text")),
                                 ], required: ["name"])),
            "contacts_privacy": described("Publication des contacts", "hide (non publiés), obfuscate (adresses protégées des robots, par défaut) ou show.",
                                          [("enum", .array(ContactsPrivacy.allCases.map { .string($0.rawValue) }))]),
            "sections": described("Rubriques", "Les rubriques des pages : identifiant: {title, description}.", declaration("title", "Titre de la rubrique")),
            "themes": described("Thèmes", "Les thèmes des fiches : identifiant: {label, description}.", declaration("label", "Nom du thème")),
            "markdown": described("Markdown", "{unsafe_html: true} publie le HTML écrit dans les textes (à éviter).",
                                  object(SettingsDecoder.markdownKeys, [
                                      "unsafe_html": described("HTML brut", "true : le HTML des textes est publié tel quel.", ref("boolean")),
                                  ])),
        ], required: ["title"])
        guard case .object(let members) = body else { return body }
        return .object(header(title: "Réglages du site (site.yml)", description: "Le titre, la langue, l’éditeur, la licence, les rubriques et les thèmes du site.")
                       + members + [("$defs", definitions(site))])
    }

    static func dictionary() -> SchemaValue {
        let localized = SchemaValue.object([("description", .string(french("Un texte, ou {fr: \"…\", en: \"…\"} pour chaque langue.")))]
            + either("object", .object([("properties", .object(Language.allCases.map { ($0.rawValue, .object([("type", .string("string"))])) })),
                                        ("additionalProperties", false)]),
                     else: .object([("type", .string("string"))])))
        let units = SchemaValue.array(MeasureUnit.allCases.map { .string($0.rawValue) })
        let metric = object(SettingsDecoder.metricKeys, [
            "label": described("Libellé", "Obligatoire en pratique : le nom montré, en texte ou {fr: \"…\", en: \"…\"}.", [("$ref", .string("#/$defs/localized"))]),
            "unit": described("Unité", "Obligatoire : " + valueList(MeasureUnit.allCases.map(\.rawValue)), [("enum", units)]),
            "parts": described("Parties", "Les parties d’une répartition : identifiant: libellé.", [("type", .string("object")),
                                                                                                   ("additionalProperties", .object([("$ref", .string("#/$defs/localized"))]))]),
            "description": described("Définition", "Ce que compte la mesure, en une ou deux phrases.", [("$ref", .string("#/$defs/localized"))]),
        ], required: ["unit"])
        let indicator = object(SettingsDecoder.indicatorKeys, [
            "label": described("Libellé", "Le nom de l’indicateur, en texte ou {fr: \"…\", en: \"…\"}.", [("$ref", .string("#/$defs/localized"))]),
            "unit": described("Unité", "Obligatoire : " + valueList(MeasureUnit.allCases.map(\.rawValue)), [("enum", units)]),
            "formula": described("Formule", "Obligatoire, par exemple budget.annual / results.people_accompanied.", [("type", .string("string"))]),
            "aggregate": described("Agrégation", valueList(AggregateFunction.allCases.map(\.rawValue)),
                                   [("enum", .array(AggregateFunction.allCases.map { .string($0.rawValue) }))]),
            "description": described("Définition", "Ce que dit l’indicateur.", [("$ref", .string("#/$defs/localized"))]),
            "caveat": described("Précaution de lecture", "Ce qu’il faut savoir pour lire le chiffre.", [("$ref", .string("#/$defs/localized"))]),
        ], required: ["unit", "formula"])
        func table(_ title: String, _ description: String, _ item: SchemaValue) -> SchemaValue {
            described(title, description, [("type", .string("object")), ("propertyNames", .object([("pattern", .string("^[a-z0-9_]+$"))])),
                                           ("additionalProperties", item)])
        }
        let body = object(SettingsDecoder.dictionaryKeys, [
            "metrics": table("Mesures", "Les mesures que les fiches peuvent donner dans results: et targets:, par identifiant (people_accompanied…).", metric),
            "indicators": table("Indicateurs", "Les indicateurs calculés pour chaque fiche, par identifiant, chacun avec sa formule.", indicator),
        ])
        guard case .object(let members) = body else { return body }
        return .object(header(title: "Mesures et indicateurs (indicators.yml)", description: "Le dictionnaire des mesures et les formules des indicateurs.")
                       + members + [("$defs", .object([("localized", localized)]))])
    }

    // MARK: Building blocks

    static func header(title: String, description: String) -> [(String, SchemaValue)] {
        [("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
         ("$comment", .string(french("Écrit par passerelle schema à partir du dossier de contenu : relancez la commande après avoir changé site.yml, indicators.yml ou les organisations."))),
         ("title", .string(french(title))), ("description", .string(french(description)))]
    }

    /// `{"$ref": "#/$defs/name"}` as members, to add a title and a description to.
    static func ref(_ name: String) -> [(String, SchemaValue)] {
        [("$ref", .string("#/$defs/\(name)"))]
    }

    static func described(_ title: String, _ description: String, _ schema: [(String, SchemaValue)]) -> SchemaValue {
        .object([("title", .string(french(title))), ("description", .string(french(description)))] + schema)
    }

    /// French typography: a no-break space before « : ; ? ! » and inside « ».
    static func french(_ text: String) -> String {
        text.replacingOccurrences(of: " :", with: "\u{A0}:").replacingOccurrences(of: " ;", with: "\u{A0};")
            .replacingOccurrences(of: " ?", with: "\u{A0}?").replacingOccurrences(of: " !", with: "\u{A0}!")
            .replacingOccurrences(of: "« ", with: "«\u{A0}").replacingOccurrences(of: " »", with: "\u{A0}»")
    }

    static func described(_ title: String, _ description: String, _ schema: SchemaValue) -> SchemaValue {
        guard case .object(let members) = schema else { return schema }
        return described(title, description, members)
    }

    /// An object whose keys are exactly `keys` (the decoder's list), in that order; a key without a description
    /// here gets `undescribed`, a description of a key not in the list is left out.
    static func object(_ keys: [String], _ properties: [String: SchemaValue], required: [String] = [],
                       extra: [(String, SchemaValue)] = []) -> SchemaValue {
        var seen = Set<String>()
        let ordered = keys.filter { seen.insert($0).inserted }
        let members = ordered.map { key in (key, properties[key] ?? .object([("description", .string(undescribed))])) }
        var out: [(String, SchemaValue)] = [("type", .string("object")), ("properties", .object(members))]
        let kept = required.filter { ordered.contains($0) }
        if !kept.isEmpty { out.append(("required", .array(kept.map { .string($0) }))) }
        out.append(("additionalProperties", false))
        return .object(out + extra)
    }

    /// `if` the value is of JSON type `type` then the first schema applies, else the second. Unlike `anyOf`, a validator
    /// then reports the error of the form the author chose ("'budjet' was unexpected"), not "not valid under any of the
    /// given schemas".
    static func either(_ type: String, _ then: SchemaValue, else other: SchemaValue) -> [(String, SchemaValue)] {
        [("if", .object([("type", .string(type))])), ("then", then), ("else", other)]
    }

    /// One item or a list of them (`budget:` with one line, or a list of lines).
    static func oneOrList(_ item: SchemaValue) -> [(String, SchemaValue)] {
        either("array", .object([("items", item)]), else: item)
    }

    static func oneOrList(_ item: [(String, SchemaValue)]) -> [(String, SchemaValue)] {
        oneOrList(.object(item))
    }

    static func valueList(_ values: [String]) -> String {
        "Valeurs possibles : " + values.joined(separator: ", ") + "."
    }
}

extension Array where Element == (String, SchemaValue) {
    /// These members as an object.
    var object: SchemaValue { .object(self) }
}

/// A JSON value whose object members keep the order they are given in, written the same, byte for byte, every time.
public indirect enum SchemaValue: Sendable, ExpressibleByBooleanLiteral {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([SchemaValue])
    case object([(String, SchemaValue)])

    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }

    /// The member `key` of an object.
    public subscript(key: String) -> SchemaValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// Pretty JSON (two spaces) as every Passerelle file is written, an array of strings on one line when it fits in
    /// 120 characters; ending with a line break.
    public var text: String { JSONText.write(json, inlineStrings: 120) }

    var json: JSONValue {
        switch self {
        case .string(let text): .string(text)
        case .int(let number): .number(String(number))
        case .bool(let flag): .bool(flag)
        case .array(let items): .array(items.map(\.json))
        case .object(let members): .object(members.map { ($0.0, $0.1.json) })
        }
    }
}
