import PasserelleModel

/// Decodes `site.yml` and `indicators.yml`.
public enum SettingsDecoder {
    public static func site(_ node: YAMLNode, collector c: DiagnosticCollector) -> SiteConfig? {
        guard let fields = MappingReader(node, c, what: Bilingual(fr: "site.yml", en: "site.yml"),
                                         allowed: siteKeys) else { return nil }
        let title = fields.string("title", required: "\"Pratiques de l'ESS en région\"")
        var config = SiteConfig(title: title ?? "")
        config.description = fields.string("description")
        config.baseURL = fields.string("base_url") ?? ""
        if !config.baseURL.isEmpty {
            if !(config.baseURL.hasPrefix("https://") || config.baseURL.hasPrefix("http://")) {
                c.error("base-url-scheme", fields.value("base_url")?.location ?? node.location,
                        Bilingual(fr: "«\u{A0}base_url\u{A0}» doit commencer par https:// ou http://, et non «\u{A0}\(config.baseURL)\u{A0}»",
                                  en: "'base_url' must start with https:// or http://"),
                        hint: Bilingual(fr: config.baseURL.contains("://")
                                            ? "écrivez l’adresse où le site est publié, en https://, ou laissez-la vide"
                                            : "écrivez l’adresse complète\u{A0}: base_url: \"https://\(config.baseURL)\", ou laissez-la vide",
                                        en: "write the address the site is published at, e.g. base_url: \"https://www.example.org/\", or leave it empty"))
            } else if !config.baseURL.hasSuffix("/") {
                config.baseURL += "/"
            }
        }
        config.language = fields.enumValue("language", Language.self) ?? .fr
        if let publisher = fields.value("publisher") {
            if let name = publisher.scalar {
                config.publisher = name
            } else if let reader = MappingReader(publisher, c, what: Bilingual(fr: "l’éditeur", en: "the publisher"), allowed: publisherKeys) {
                config.publisher = reader.string("name", required: "\"Union régionale des Scop\"")
            }
        }
        if let licence = fields.mapping("licence", what: Bilingual(fr: "la licence", en: "the licence"), allowed: licenceKeys),
           let name = licence.string("name", required: "\"CC BY-SA 4.0\"") {
            config.licence = Link(label: name, url: licence.url("url") ?? "")
        }
        config.contactsPrivacy = fields.enumValue("contacts_privacy", ContactsPrivacy.self) ?? .obfuscate
        if let markdown = fields.mapping("markdown", what: Bilingual(fr: "les réglages markdown", en: "the markdown settings"), allowed: markdownKeys) {
            config.unsafeHTML = markdown.bool("unsafe_html") ?? false
        }
        config.sections = declarations(fields, key: "sections", c).compactMap { id, reader in
            reader.string("title", required: "\"Les coopératives d'activité et d'emploi\"").map {
                SectionInfo(id: id, title: $0, description: reader.string("description"))
            }
        }
        config.themes = declarations(fields, key: "themes", c).compactMap { id, reader in
            reader.string("label", required: "\"Insertion\"").map {
                ThemeInfo(id: id, label: $0, description: reader.string("description"))
            }
        }
        return title == nil ? nil : config
    }

    /// `key: {id: {title/label…}, …}` with ids checked.
    private static func declarations(_ fields: MappingReader, key: String, _ c: DiagnosticCollector) -> [(String, MappingReader)] {
        guard let node = fields.value(key) else { return [] }
        guard let pairs = node.pairs else {
            c.error("value-type", node.location,
                    Bilingual(fr: "«\u{A0}\(key)\u{A0}» s’écrit en lignes «\u{A0}identifiant: {…}\u{A0}», et non \(node.typeName.fr)",
                              en: "'\(key)' must be a mapping of id: {…}, found \(node.typeName.en)"))
            return []
        }
        let what = key == "themes" ? Bilingual(fr: "le thème", en: "a theme") : Bilingual(fr: "la rubrique", en: "a section")
        return pairs.compactMap { pair in
            if !RecordDecoder.isValidID(pair.key) {
                c.error("id-invalid", pair.keyLocation,
                        Bilingual(fr: "identifiant invalide «\u{A0}\(pair.key)\u{A0}»\u{A0}: un identifiant ne contient que des lettres a-z minuscules sans accent, des chiffres et des tirets",
                                  en: "invalid id '\(pair.key)': ids may only contain a-z, 0-9 and -"),
                        hint: Bilingual(fr: "écrivez par exemple \(Slug.make(pair.key).isEmpty ? "insertion" : Slug.make(pair.key)):",
                                        en: "write e.g. \(Slug.make(pair.key).isEmpty ? "insertion" : Slug.make(pair.key)):"))
                return nil
            }
            if let text = pair.value.scalar {
                // `economie-circulaire:` left empty, or `economie-circulaire: "Économie circulaire"`: the name goes
                // under the id, as its label (a theme) or title (a section), with the author's own words (trial2).
                let name = key == "themes" ? "label" : "title"
                let shown = pair.value.isNull || text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text
                let nameLine = shown.map { "\(name): \"\($0)\"" }
                c.error("value-type", pair.value.isNull ? pair.keyLocation : pair.value.location,
                        Bilingual(fr: "\(what.fr) «\u{A0}\(pair.key)\u{A0}» s’écrit en lignes «\u{A0}clé: valeur\u{A0}» sous son identifiant, avec au moins «\u{A0}\(name)\u{A0}»",
                                  en: "\(key == "themes" ? "the theme" : "the section") '\(pair.key)' is written as key: value lines under its id, with at least '\(name)'"),
                        hint: nameLine.map {
                            Bilingual(fr: "écrivez «\u{A0}\(pair.key):\u{A0}» seul sur sa ligne, puis dessous, décalé de deux espaces de plus\u{A0}: \($0)",
                                      en: "write '\(pair.key):' alone on its line, then under it, indented by two more spaces: \($0)")
                        } ?? Bilingual(fr: "ajoutez dessous, décalée de deux espaces de plus, une ligne \(name): suivie du nom à afficher, entre guillemets",
                                       en: "add under it, indented by two more spaces, a line \(name): followed by the name to show, in quotes"))
                return nil
            }
            guard let reader = MappingReader(pair.value, c, what: what, allowed: declarationKeys) else { return nil }
            return (pair.key, reader)
        }
    }

    /// The units of `indicators.yml`, each with what it counts.
    static let unitChoices = (
        fr: "people (des personnes), jobs (des emplois), EUR (des euros), hours (des heures), tonnes (des tonnes), count (un nombre d’unités, comme des filières), percent (un pourcentage), number (un nombre sans unité)",
        en: "people, jobs, EUR (euros), hours, tonnes, count (a number of items, such as value chains), percent, number (a number without unit)")

    public static func dictionary(_ node: YAMLNode, collector c: DiagnosticCollector) -> MetricDictionary {
        var dictionary = MetricDictionary(file: c.file)
        guard let fields = MappingReader(node, c, what: Bilingual(fr: "indicators.yml", en: "indicators.yml"), allowed: dictionaryKeys) else { return dictionary }
        for pair in fields.value("metrics")?.pairs ?? [] {
            guard checkID(pair, c),
                  let reader = MappingReader(pair.value, c, what: Bilingual(fr: "la mesure", en: "a metric"), allowed: metricKeys) else { continue }
            let label = localized(reader, "label", c) ?? LocalizedText(pair.key)
            if !reader.has("unit") {
                // No example unit: the author chooses the one of what the metric counts, from the whole list.
                c.error("key-missing", pair.keyLocation,
                        Bilingual(fr: "clé obligatoire «\u{A0}unit\u{A0}» absente dans la mesure «\u{A0}\(pair.key)\u{A0}»",
                                  en: "missing required key 'unit' in the metric '\(pair.key)'"),
                        hint: Bilingual(fr: "ajoutez sous «\u{A0}\(pair.key):\u{A0}» une ligne unit: suivie de ce que la mesure compte\u{A0}: " + unitChoices.fr,
                                        en: "add under '\(pair.key):' a line unit: followed by what the metric counts: " + unitChoices.en))
            }
            let unit = reader.enumValue("unit", MeasureUnit.self) ?? .number
            var parts: [String: LocalizedText] = [:]
            if let partsNode = reader.value("parts") {
                for part in partsNode.pairs ?? [] {
                    parts[part.key] = localizedValue(part.value, key: part.key, c)
                }
            }
            dictionary.metrics.append(MetricDefinition(id: pair.key, label: label, unit: unit, parts: parts,
                                                       description: localized(reader, "description", c)))
        }
        for pair in fields.value("indicators")?.pairs ?? [] {
            guard checkID(pair, c),
                  let reader = MappingReader(pair.value, c, what: Bilingual(fr: "l’indicateur", en: "an indicator"),
                                             allowed: indicatorKeys) else { continue }
            let label = localized(reader, "label", c) ?? LocalizedText(pair.key)
            let unit = reader.enumValue("unit", MeasureUnit.self, required: "EUR")
            let aggregate = reader.enumValue("aggregate", AggregateFunction.self) ?? .sum
            guard let formulaNode = reader.value("formula") else {
                reader.missing("formula", example: "budget.annual / results.people_accompanied")
                continue
            }
            guard case .scalar(let formula, let plain) = formulaNode.value else {
                c.error("value-type", formulaNode.location,
                        Bilingual(fr: "«\u{A0}formula\u{A0}» doit être un texte, et non \(formulaNode.typeName.fr)",
                                  en: "'formula' must be text, found \(formulaNode.typeName.en)"),
                        hint: Bilingual(fr: "écrivez la formule sur une ligne, entre guillemets\u{A0}: formula: \"budget.annual / results.people_accompanied\"",
                                        en: "write the formula on one line, in quotes: formula: \"budget.annual / results.people_accompanied\""))
                continue
            }
            // A quoted formula starts one column after its quote.
            let start = SourceLocation(line: formulaNode.location.line,
                                       column: formulaNode.location.column + (plain || formulaNode.isBlock ? 0 : 1))
            guard let unit else { continue }
            var source = IndicatorSource(id: pair.key, label: label, unit: unit, formula: formula,
                                         formulaLocation: start, aggregate: aggregate,
                                         description: localized(reader, "description", c))
            source.formulaPositions = formulaNode.characterPositions()
            source.caveat = localized(reader, "caveat", c)
            dictionary.indicators.append(source)
        }
        let metricIDs = Set(dictionary.metrics.map(\.id))
        for pair in fields.value("indicators")?.pairs ?? [] where metricIDs.contains(pair.key) {
            c.error("indicator-id-clash", pair.keyLocation,
                    Bilingual(fr: "«\u{A0}\(pair.key)\u{A0}» est à la fois une mesure et un indicateur", en: "'\(pair.key)' is both a metric and an indicator"),
                    hint: Bilingual(fr: "donnez un autre identifiant à l’indicateur", en: "give the indicator another id"))
        }
        return dictionary
    }

    private static func checkID(_ pair: YAMLNode.Pair, _ c: DiagnosticCollector) -> Bool {
        let valid = !pair.key.isEmpty && pair.key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
        if !valid {
            c.error("metric-id-invalid", pair.keyLocation,
                    Bilingual(fr: "identifiant de mesure ou d’indicateur invalide\u{A0}: «\u{A0}\(pair.key)\u{A0}»", en: "invalid metric or indicator id '\(pair.key)'"),
                    hint: Bilingual(fr: "écrivez-le en minuscules sans accent, les mots reliés par _, par exemple people_accompanied",
                                    en: "use lowercase snake_case, e.g. people_accompanied"))
        }
        return valid
    }

    private static func localized(_ reader: MappingReader, _ key: String, _ c: DiagnosticCollector) -> LocalizedText? {
        reader.value(key).flatMap { localizedValue($0, key: key, c) }
    }

    /// `"text"` or `{fr: "…", en: "…"}`.
    static func localizedValue(_ node: YAMLNode, key: String, _ c: DiagnosticCollector) -> LocalizedText? {
        if let text = node.scalar { return LocalizedText(text) }
        guard let pairs = node.pairs else {
            c.error("value-type", node.location,
                    Bilingual(fr: "«\u{A0}\(key)\u{A0}» doit être un texte ou {fr: \"…\", en: \"…\"}, et non \(node.typeName.fr)",
                              en: "'\(key)' must be text or {fr: \"…\", en: \"…\"}, found \(node.typeName.en)"))
            return nil
        }
        var values: [String: String] = [:]
        for pair in pairs {
            guard Language(rawValue: pair.key) != nil else {
                c.error("language-unknown", pair.keyLocation,
                        Bilingual(fr: "langue inconnue «\u{A0}\(pair.key)\u{A0}» dans «\u{A0}\(key)\u{A0}»", en: "unknown language '\(pair.key)' in '\(key)'"),
                        hint: Bilingual(fr: "les langues possibles sont fr et en", en: "languages are fr and en"))
                continue
            }
            guard let text = pair.value.scalar else {
                c.error("value-type", pair.value.location,
                        Bilingual(fr: "«\u{A0}\(key).\(pair.key)\u{A0}» doit être un texte, et non \(pair.value.typeName.fr)",
                                  en: "'\(key).\(pair.key)' must be text, found \(pair.value.typeName.en)"))
                continue
            }
            values[pair.key] = text
        }
        return LocalizedText(values)
    }
}
