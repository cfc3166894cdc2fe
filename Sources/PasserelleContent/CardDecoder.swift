import PasserelleModel

/// Decodes the fields of project and initiative cards: territory, budget, funding, results, targets…
enum CardDecoder {
    static func decode(_ fields: MappingReader) -> Card {
        let c = fields.collector
        var card = Card()
        card.subtitle = fields.string("subtitle")
        card.carrier = fields.value("carrier").flatMap { carrier($0, c) }
        card.territory = fields.value("territory").flatMap { territory($0, c) }
        card.period = fields.value("period").flatMap { yearSpan($0, c) }
        card.status = fields.enumValue("status", CardStatus.self)
        card.audiences = fields.strings("audiences")
        card.objectives = fields.list("objectives").compactMap { objective($0, c) }
        card.budget = fields.list("budget").compactMap { budgetLine($0, c) }
        card.funding = fields.list("funding").compactMap { fundingLine($0, c) }
        card.results = fields.list("results").compactMap { resultBlock($0, c) }
        card.targets = targets(fields, c)
        card.partners = fields.list("partners").compactMap { partner($0, c) }
        card.valueChains = fields.list("value_chains").compactMap { valueChain($0, c) }
        card.contacts = fields.list("contacts").compactMap { contact($0, c) }
        card.links = fields.list("links").compactMap { link($0, c) }
        card.award = fields.mapping("award", what: Bilingual(fr: "le prix", en: "the award"), allowed: awardKeys).map { award in
            Award(name: award.string("name"), year: award.int("year", range: 1800...2200), juryComment: award.string("jury_comment"))
        }
        return card
    }

    static func carrier(_ node: YAMLNode, _ c: DiagnosticCollector) -> Carrier? {
        if let id = node.scalar { return .organisation(Reference(id, at: node.location)) }
        guard let fields = MappingReader(node, c, what: Bilingual(fr: "le porteur", en: "the carrier"), allowed: carrierKeys) else { return nil }
        guard let name = fields.string("name", required: "\"Communauté de communes …\"") else { return nil }
        return .named(name: name, type: fields.enumValue("type", OrganisationType.self))
    }

    static func territory(_ node: YAMLNode, _ c: DiagnosticCollector) -> Territory? {
        guard let fields = MappingReader(node, c, what: Bilingual(fr: "le territoire", en: "the territory"),
                                         allowed: territoryKeys) else { return nil }
        let name = fields.string("name", required: "\"Vallée de l'Ondaine\"")
        let level = fields.enumValue("level", TerritoryLevel.self)
        var departments: [String] = []
        if let value = fields.value("departments") {
            let items = value.items ?? [value]
            for item in items {
                guard let code = item.scalar else {
                    c.error("value-type", item.location,
                            Bilingual(fr: "chaque département doit être un code comme \"42\", et non \(item.typeName.fr)",
                                      en: "each department must be a code such as \"42\", found \(item.typeName.en)"))
                    continue
                }
                let normalized = code.count == 1 ? "0" + code : code.uppercased()
                guard Regions.region(ofDepartment: normalized) != nil else {
                    c.error("department-unknown", item.location,
                            Bilingual(fr: "code de département inconnu\u{A0}: «\u{A0}\(code)\u{A0}»", en: "unknown department code '\(code)'"),
                            hint: Bilingual(fr: "écrivez le code INSEE entre guillemets, par exemple departments: [\"42\"] (\"2A\" et \"2B\" pour la Corse, \"971\" à \"976\" outre-mer)",
                                            en: "write the INSEE code in quotes, e.g. departments: [\"42\"] (\"2A\" and \"2B\" for Corsica, \"971\" to \"976\" overseas)"))
                    continue
                }
                departments.append(normalized)
            }
        }
        let population = fields.int("population", range: 0...100_000_000, example: "120000")
        let region = fields.string("region")
        if let region, !departments.isEmpty {
            let derived = Set(departments.compactMap { Regions.region(ofDepartment: $0) })
            if !derived.contains(where: { Regions.sameName($0, region) }) {
                let derivedList = derived.sorted().joined(separator: ", ")
                c.error("region-mismatch", fields.value("region")?.location ?? fields.location,
                        Bilingual(fr: "la région «\u{A0}\(region)\u{A0}» ne correspond pas aux départements (\(derivedList))",
                                  en: "region '\(region)' does not match the departments (\(derivedList))"),
                        hint: Bilingual(fr: "la région se déduit des codes de département\u{A0}; supprimez la ligne region: ou corrigez-la",
                                        en: "the region is derived from the department codes; remove region: or correct it"))
            }
        }
        guard let name else { return nil }
        return Territory(name: name, level: level, departments: departments, communes: fields.strings("communes"),
                         population: population, region: region)
    }

    static func yearSpan(_ node: YAMLNode, _ c: DiagnosticCollector) -> YearSpan? {
        if let text = node.scalar {
            if let (first, last) = AuthorHints.yearRange(text) {
                // `period: 2021/2023`, `period: "2021-2023"`: the first and last year, written as start and end.
                let span = "{start: \(first), end: \(last)}"
                let corrected = AuthorHints.valueEnd(node).flatMap { AuthorHints.rewrite(node, from: node.location, to: $0, with: span) }
                let line = corrected.map { AuthorHints.shown($0.line) } ?? "period: \(span)"
                c.error("period-years-as-text", node.location,
                        Bilingual(fr: AuthorHints.typo("« period » est une année, ou un début et une fin : ") + AuthorHints.q(text)
                                      + AuthorHints.typo(" donne deux années en un seul texte"),
                                  en: "'period' is one year, or a start and an end: '\(text)' gives two years as one text"),
                        hint: Bilingual(fr: AuthorHints.typo("écrivez : ") + line, en: "write: " + line),
                        end: AuthorHints.valueEnd(node), fix: corrected?.fix)
                return nil
            }
            return MappingReader.int(node, key: "period", range: 1800...2200, example: "2002", collector: c).map { YearSpan(start: $0) }
        }
        guard let fields = MappingReader(node, c, what: Bilingual(fr: "la période", en: "the period"), allowed: periodKeys) else { return nil }
        let start = fields.int("start", range: 1800...2200)
        if start == nil && !fields.has("start") { fields.missing("start", example: "2006") }
        let end = fields.int("end", range: 1800...2200)
        guard let start else { return nil }
        if let end, end < start {
            c.error("period-reversed", fields.value("end")?.location ?? fields.location,
                    Bilingual(fr: "la période finit (\(end)) avant de commencer (\(start))", en: "the period ends (\(end)) before it starts (\(start))"),
                    hint: Bilingual(fr: "vérifiez les deux années\u{A0}: start est l’année de début, end l’année de fin",
                                    en: "check both years: start is the first year, end the last"))
            return nil
        }
        return YearSpan(start: start, end: end)
    }

    static func objective(_ node: YAMLNode, _ c: DiagnosticCollector) -> Objective? {
        if let label = node.scalar { return Objective(label: label) }
        guard let fields = MappingReader(node, c, what: Bilingual(fr: "l’objectif", en: "an objective"), allowed: objectiveKeys) else { return nil }
        guard let label = fields.string("label", required: "\"Créer une trentaine d'emplois\"") else { return nil }
        return Objective(label: label, target: fields.reference("target"))
    }

    /// The keys budget and funding lines share to say how their amount relates to time.
    static let horizonKeys = ["period", "years", "year", "nature", "in_kind"]

    /// `period`, `years`, `year`, `nature` and `in_kind` of a budget or funding line.
    static func horizon(_ fields: MappingReader, _ c: DiagnosticCollector, line: Bilingual)
        -> (period: BudgetPeriod?, years: Int?, year: Int?, nature: BudgetNature?, inKind: Bool) {
        let period = AuthorHints.periodRangeInLine(fields, c) ? nil : fields.enumValue("period", BudgetPeriod.self)
        let years = fields.int("years", range: 1...100, example: "3")
        if period == .total && years == nil && !fields.has("years") {
            c.error("horizon-years-missing", fields.keyLocation("period"),
                    Bilingual(fr: "\(line.fr) a period: total mais pas de «\u{A0}years\u{A0}»", en: "a \(line.en) line with period: total needs 'years'"),
                    hint: Bilingual(fr: "ajoutez le nombre d’années que couvre le montant, par exemple years: 3",
                                    en: "say how many years the amount covers, e.g. years: 3"))
        }
        if years != nil && period != .total && fields.has("period") {
            c.error("horizon-years-without-total", fields.keyLocation("years"),
                    Bilingual(fr: "«\u{A0}years\u{A0}» ne va qu’avec period: total", en: "'years' goes with period: total"),
                    hint: Bilingual(fr: "pour un montant qui couvre plusieurs années, écrivez period: total et years: \(years ?? 0)\u{A0}; sinon supprimez years:",
                                    en: "for an amount that covers several years, write period: total and years: \(years ?? 0); otherwise remove years:"))
        }
        let year = AuthorHints.yearRangeInLine(fields, c) ? nil : fields.int("year", range: 1800...2200)
        return (period, years, year, fields.enumValue("nature", BudgetNature.self),
                fields.bool("in_kind") ?? false)
    }

    static func budgetLine(_ node: YAMLNode, _ c: DiagnosticCollector) -> BudgetLine? {
        guard let fields = MappingReader(node, c, what: Bilingual(fr: "la ligne de budget", en: "a budget line"), allowed: budgetLineKeys) else { return nil }
        let amount = fields.amount("amount")
        if amount == nil && !fields.has("amount") { fields.missing("amount", example: "97000") }
        let terms = horizon(fields, c, line: Bilingual(fr: "la ligne de budget", en: "budget"))
        if terms.period == nil && !fields.has("period") {
            c.warning("budget-period-missing", node.location,
                      Bilingual(fr: "ligne de budget sans période\u{A0}: elle est publiée telle quelle et n’entre dans aucun chiffre annuel",
                                en: "budget line without a period: it is published as written and kept out of every yearly figure"),
                      hint: Bilingual(fr: "dites comment le montant se rapporte au temps\u{A0}: period: annual (par an), period: one_off (ponctuel), ou period: total avec years: et le nombre d’années",
                                      en: "say how the amount relates to time: period: annual, period: one_off, or period: total with years: and the number of years"))
        }
        let line = BudgetLine(amount: amount ?? 0, period: terms.period, years: terms.years, year: terms.year,
                              nature: terms.nature ?? .operating, inKind: terms.inKind, label: fields.string("label"),
                              location: node.location)
        return amount == nil ? nil : line
    }

    static func fundingLine(_ node: YAMLNode, _ c: DiagnosticCollector) -> FundingLine? {
        guard let fields = MappingReader(node, c, what: Bilingual(fr: "la ligne de financement", en: "a funding line"),
                                         allowed: fundingLineKeys) else { return nil }
        var funders = AuthorHints.references(fields, "funders")
        if let listed = AuthorHints.funderList(fields) {
            funders += listed
        } else if let single = fields.reference("funder") {
            if !funders.isEmpty {
                let joint = ([single] + funders).map(\.id).joined(separator: ", ")
                c.error("funding-funder-and-funders", fields.keyLocation("funder"),
                        Bilingual(fr: "une ligne de financement a «\u{A0}funder\u{A0}» ou «\u{A0}funders\u{A0}», pas les deux",
                                  en: "a funding line has 'funder' or 'funders', not both"),
                        hint: Bilingual(fr: "pour un financement conjoint, écrivez tous les financeurs dans funders\u{A0}: funders: [\(joint)]",
                                        en: "use funders: [a, b] for a joint line: funders: [\(joint)]"))
            }
            funders.insert(single, at: 0)
        }
        if funders.isEmpty {
            c.error("funding-funder-missing", node.location,
                    Bilingual(fr: "la ligne de financement ne dit pas qui finance («\u{A0}funder\u{A0}»)", en: "a funding line needs a 'funder'"),
                    hint: Bilingual(fr: "ajoutez une ligne funder: suivie de l’identifiant de l’organisation, par exemple funder: region-rhone-alpes",
                                    en: "add e.g. funder: region-rhone-alpes"))
            return nil
        }
        let grant = GrantDetails(conventionDate: fields.day("convention_date"), decisionReference: fields.string("decision_reference"),
                                 paymentConditions: fields.enumValue("payment_conditions", PaymentConditions.self),
                                 paymentDates: fields.string("payment_dates"), euNotification: fields.bool("eu_notification"))
        let terms = horizon(fields, c, line: Bilingual(fr: "la ligne de financement", en: "funding"))
        let amount = fields.amount("amount")
        if amount == 0, let written = fields.value("amount")?.scalar {
            // `amount: 0` is published as « 0 € », and counted as nothing given: an unknown amount is left out (money.md).
            c.warning("funding-amount-zero", fields.keyLocation("amount"),
                      Bilingual(fr: AuthorHints.typo("la ligne de financement donne « amount: \(written) » : la fiche publiera 0 € pour ce financeur"),
                                en: "the funding line gives 'amount: \(written)': the card will publish 0 € for this funder"),
                      hint: Bilingual(fr: AuthorHints.typo("si le montant n’est pas connu, supprimez « amount: \(written) » de la ligne : la fiche dira que le montant n’est pas précisé"),
                                      en: "if the amount is not known, remove 'amount: \(written)' from the line: the card will say the amount is not stated"))
        }
        return FundingLine(funders: funders, amount: amount, share: fields.share("share"),
                           note: fields.string("note"), period: terms.period, years: terms.years, year: terms.year,
                           nature: terms.nature, inKind: terms.inKind, location: node.location, grant: grant)
    }

    /// A number, `{value: 30, approx: true}` or `{min: 20, max: 25}` (money.md §8); nil for anything else.
    static func plainValue(_ node: YAMLNode, key: String, _ c: DiagnosticCollector) -> (Double, Precision)? {
        if node.scalar != nil {
            return MappingReader.amount(node, key: key, collector: c).map { ($0, .exact) }
        }
        guard let keys = node.pairs?.map(\.key) else { return nil }
        if keys.contains("value") || keys.contains("approx") {
            guard let fields = MappingReader(node, c, what: Bilingual(fr: "la valeur de «\u{A0}\(key)\u{A0}»", en: "the value of '\(key)'"), allowed: approximateKeys) else { return nil }
            let value = fields.amount("value")
            if value == nil && !fields.has("value") { fields.missing("value", example: "30") }
            let approx = fields.bool("approx") ?? false
            return value.map { ($0, approx ? .approximate : .exact) }
        }
        if keys.contains("min") || keys.contains("max") {
            guard let fields = MappingReader(node, c, what: Bilingual(fr: "la fourchette de «\u{A0}\(key)\u{A0}»", en: "the range of '\(key)'"), allowed: rangeKeys) else { return nil }
            let low = fields.amount("min")
            let high = fields.amount("max")
            if low == nil && !fields.has("min") { fields.missing("min", example: "20") }
            if high == nil && !fields.has("max") { fields.missing("max", example: "25") }
            guard let low, let high else { return nil }
            guard low <= high else {
                // The author's own figures, as written (`50 k€`), in the corrected order.
                let from = fields.value("min")?.scalar ?? PlainNumber.number(low)
                let to = fields.value("max")?.scalar ?? PlainNumber.number(high)
                c.error("number-range-reversed", node.location,
                        Bilingual(fr: AuthorHints.typo("l’intervalle de « \(key) » va de \(from) à \(to), en descendant"),
                                  en: "the range of '\(key)' goes from \(from) down to \(to)"),
                        hint: Bilingual(fr: "écrivez d’abord le plus petit nombre : {min: \(to), max: \(from)}",
                                        en: "write the smaller number first: {min: \(to), max: \(from)}"))
                return nil
            }
            return (low, low == high ? .exact : .range(min: low, max: high))
        }
        return nil
    }

    static func metricValue(_ node: YAMLNode, key: String, _ c: DiagnosticCollector) -> MetricValue? {
        let keys = node.pairs?.map(\.key) ?? []
        if node.scalar != nil || !Set(keys).isDisjoint(with: ["value", "approx", "min", "max"]) {
            return plainValue(node, key: key, c).map { MetricValue(total: $0.0, precision: $0.1) }
        }
        guard node.pairs != nil else {
            let found = AuthorHints.kind(node)
            c.error("number-expected", node.location,
                    Bilingual(fr: AuthorHints.typo("« \(key) » doit être un nombre, {value, approx}, {min, max} ou {total, parts}, pas ") + found.fr,
                              en: "'\(key)' must be a number, {value, approx}, {min, max} or {total, parts}, found \(found.en)"),
                    hint: Bilingual(fr: "écrivez le nombre après « \(key): », ou \(key): {value: …, approx: true} pour une valeur approchée, {min: …, max: …} pour une fourchette, {total: …, parts: {…}} pour un détail",
                                    en: "write the number after '\(key):', or \(key): {value: …, approx: true} for an approximate value, {min: …, max: …} for a range, {total: …, parts: {…}} for a breakdown"))
            return nil
        }
        guard let fields = MappingReader(node, c, what: Bilingual(fr: "la valeur de «\u{A0}\(key)\u{A0}»", en: "the value of '\(key)'"), allowed: totalKeys) else { return nil }
        let total = fields.amount("total")
        var parts: [MetricValue.Part] = []
        if let partsNode = fields.value("parts") {
            guard let pairs = partsNode.pairs else {
                let found = AuthorHints.kind(partsNode)
                c.error("number-expected", partsNode.location,
                        Bilingual(fr: AuthorHints.typo("« parts » doit être un groupe de lignes « libellé: nombre », pas ") + found.fr,
                                  en: "'parts' must be a mapping of label: number, found \(found.en)"),
                        hint: Bilingual(fr: "écrivez une ligne par partie sous parts:, chacune avec son nombre : parts: {libellé: …, autre_libellé: …}",
                                        en: "write one line per part under parts:, each with its number: parts: {label: …, other_label: …}"))
                return nil
            }
            for pair in pairs {
                if let value = MappingReader.amount(pair.value, key: pair.key, collector: c) {
                    parts.append(MetricValue.Part(label: pair.key, value: value))
                }
            }
        }
        if total == nil && parts.isEmpty {
            c.error("number-expected", node.location,
                    Bilingual(fr: AuthorHints.typo("« \(key) » a besoin d’un « total », de « parts », ou des deux"),
                              en: "'\(key)' needs a 'total', 'parts', or both"),
                    hint: Bilingual(fr: "écrivez \(key): {total: …, parts: {libellé: …, autre_libellé: …}}",
                                    en: "write \(key): {total: …, parts: {label: …, other_label: …}}"))
            return nil
        }
        let sum = parts.reduce(0) { $0 + $1.value }
        if let total, !parts.isEmpty, abs(total - sum) > 0.005 {
            let (parts, stated) = (PlainNumber.number(sum), PlainNumber.number(total))
            c.warning("number-parts-sum", node.location,
                      Bilingual(fr: AuthorHints.typo("les parties de « \(key) » totalisent \(parts), le total dit \(stated)"),
                                en: "the parts of '\(key)' add up to \(parts), the total says \(stated)"),
                      hint: Bilingual(fr: AuthorHints.typo("corrigez une partie ou le total ; la fiche montre les deux chiffres"),
                                      en: "correct a part or the total; the card shows both figures"))
        }
        return MetricValue(total: total ?? sum, parts: parts)
    }

    static func resultBlock(_ node: YAMLNode, _ c: DiagnosticCollector) -> ResultBlock? {
        guard let pairs = node.pairs else {
            c.error("value-type", node.location,
                    Bilingual(fr: "un bloc de résultats s’écrit en lignes «\u{A0}clé: valeur\u{A0}» (year: 2002, people_accompanied: 40…), et non \(node.typeName.fr)",
                              en: "a result block must be a mapping (year: 2002, people_accompanied: 40…), found \(node.typeName.en)"))
            return nil
        }
        var block = ResultBlock(location: node.location)
        for pair in pairs {
            switch pair.key {
            case "year":
                if AuthorHints.yearRangeInResults(pair, c) { continue }
                block.year = MappingReader.int(pair.value, key: "year", range: 1800...2200, example: "2002", collector: c)
            case "period":
                if let text = pair.value.scalar { block.period = text } else {
                    c.error("value-type", pair.value.location,
                            Bilingual(fr: "«\u{A0}period\u{A0}» doit être un texte, et non \(pair.value.typeName.fr)",
                                      en: "'period' must be text, found \(pair.value.typeName.en)"),
                            hint: Bilingual(fr: "écrivez-la sous la forme «\u{A0}period: \"2013-01/2013-03\"\u{A0}»", en: "write it as period: \"2013-01/2013-03\""))
                }
            default:
                if let value = metricValue(pair.value, key: pair.key, c) {
                    block.entries.append(MetricEntry(metric: Reference(pair.key, at: pair.keyLocation), value: value))
                }
            }
        }
        if block.year == nil && block.period == nil && !pairs.contains(where: { $0.key == "year" }) {
            c.warning("results-year-missing", node.location,
                      Bilingual(fr: "résultats sans année ni période", en: "results without a year or period"),
                      hint: Bilingual(fr: "ajoutez l’année de la mesure, par exemple year: 2002 (ou period: \"2013-01/2013-03\"), pour que le lecteur sache quand ils ont été mesurés",
                                      en: "add year: 2002 (or period: \"2013-01/2013-03\") so readers know when they were measured"))
        }
        return block
    }

    static func targets(_ fields: MappingReader, _ c: DiagnosticCollector) -> [Target] {
        guard let node = fields.value("targets") else { return [] }
        guard let pairs = node.pairs else {
            c.error("value-type", node.location,
                    Bilingual(fr: "«\u{A0}targets\u{A0}» s’écrit en lignes «\u{A0}mesure: valeur\u{A0}», et non \(node.typeName.fr)",
                              en: "'targets' must be a mapping of metric: value, found \(node.typeName.en)"),
                    hint: Bilingual(fr: "écrivez-les sous la forme targets: {insertion_jobs: 30}", en: "write it as targets: {insertion_jobs: 30}"))
            return []
        }
        let year = pairs.first { $0.key == "year" }.flatMap {
            MappingReader.int($0.value, key: "year", range: 1800...2200, example: "2010", collector: c)
        }
        return pairs.filter { $0.key != "year" }.compactMap { pair in
            guard let (value, precision) = plainValue(pair.value, key: pair.key, c) else {
                if pair.value.scalar == nil {
                    c.error("value-type", pair.value.location,
                            Bilingual(fr: "l’objectif «\u{A0}\(pair.key)\u{A0}» doit être un nombre, {value, approx} ou {min, max}, et non \(pair.value.typeName.fr)",
                                      en: "the target '\(pair.key)' must be a number, {value, approx} or {min, max}, found \(pair.value.typeName.en)"),
                            hint: Bilingual(fr: "écrivez-le sous la forme \(pair.key): 30, ou \(pair.key): {value: 30, approx: true} pour «\u{A0}une trentaine\u{A0}»",
                                            en: "write it as \(pair.key): 30, or \(pair.key): {value: 30, approx: true} for « une trentaine »"))
                }
                return nil
            }
            return Target(metric: Reference(pair.key, at: pair.keyLocation), value: value, year: year, precision: precision)
        }
    }

    static func partner(_ node: YAMLNode, _ c: DiagnosticCollector) -> Partner? {
        guard let fields = MappingReader(node, c, what: Bilingual(fr: "le partenaire", en: "a partner"), allowed: partnerKeys) else { return nil }
        let organisation = fields.reference("organisation")
        if organisation == nil && !fields.has("organisation") { fields.missing("organisation", example: "region-rhone-alpes") }
        let role = fields.enumValue("role", PartnerRole.self) ?? .other
        return organisation.map { Partner(organisation: $0, role: role) }
    }

    static func valueChain(_ node: YAMLNode, _ c: DiagnosticCollector) -> ValueChain? {
        guard let fields = MappingReader(node, c, what: Bilingual(fr: "la filière", en: "a value chain"), allowed: valueChainKeys) else { return nil }
        let name = fields.string("name", required: "\"Textiles usagés\"")
        let actors = fields.list("actors").compactMap { node -> Actor? in
            guard let actor = MappingReader(node, c, what: Bilingual(fr: "l’acteur", en: "an actor"), allowed: actorKeys) else { return nil }
            let name = actor.string("name")
            let organisation = actor.reference("organisation")
            if name == nil && organisation == nil {
                c.error("key-missing", node.location,
                        Bilingual(fr: "un acteur a besoin d’un nom («\u{A0}name\u{A0}») ou d’une organisation («\u{A0}organisation\u{A0}»)",
                                  en: "an actor needs a 'name' or an 'organisation'"),
                        hint: Bilingual(fr: "ajoutez par exemple name: \"ISPA\" à cet acteur", en: "write e.g. {name: \"ISPA\", role: expert}"))
                return nil
            }
            return Actor(name: name, organisation: organisation, role: actor.enumValue("role", PartnerRole.self) ?? .other)
        }
        return name.map { ValueChain(name: $0, description: fields.string("description"), actors: actors) }
    }

    static func contact(_ node: YAMLNode, _ c: DiagnosticCollector) -> Contact? {
        guard let fields = MappingReader(node, c, what: Bilingual(fr: "le contact", en: "a contact"),
                                         allowed: contactKeys) else { return nil }
        guard let name = fields.string("name", required: "\"Marie-Annick Leroy\"") else { return nil }
        let email = fields.string("email")
        if let email, let alone = Self.addressAlone(email) {
            // `Marie Dupont <m.dupont@example.org>`, `mailto:m.dupont@example.org`: the address copied from a mail
            // program with what surrounds it; the address alone is the author's own.
            c.error("email-invalid", fields.value("email")?.location ?? node.location,
                    Bilingual(fr: "adresse électronique invalide\u{A0}: «\u{A0}\(email)\u{A0}»", en: "invalid e-mail address '\(email)'"),
                    hint: email.contains("<")
                        ? Bilingual(fr: "écrivez l’adresse seule (le nom va dans name:)\u{A0}: email: \(alone)",
                                    en: "write the address alone (the name goes in name:): email: \(alone)")
                        : Bilingual(fr: "écrivez l’adresse seule, sans «\u{A0}mailto:\u{A0}» (le lien est fait par le site)\u{A0}: email: \(alone)",
                                    en: "write the address alone, without 'mailto:' (the site makes the link): email: \(alone)"))
        } else if let email, !Self.plausibleEmail(email) {
            // `m.leroy@` (the end of the address lost in a copy) would be published as a link that goes nowhere.
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            let hint = parts.count == 2 && !parts[0].isEmpty && !parts[0].contains(" ") && !parts[1].contains(" ") && !parts[1].contains(".")
                ? Bilingual(fr: "il manque la fin de l’adresse après le @ (le domaine, avec son point, comme dans contact@example.org)\u{A0}: complétez email: \(email)",
                            en: "the end of the address after the @ is missing (the domain, with its dot, as in contact@example.org): complete email: \(email)")
                : Bilingual(fr: "une adresse électronique contient un seul @, un domaine avec un point et aucune espace, par exemple email: contact@example.org",
                            en: "an e-mail address holds one @, a domain with a dot and no space, e.g. email: contact@example.org")
            c.error("email-invalid", fields.value("email")?.location ?? node.location,
                    Bilingual(fr: "adresse électronique invalide\u{A0}: «\u{A0}\(email)\u{A0}»", en: "invalid e-mail address '\(email)'"),
                    hint: hint)
        }
        return Contact(name: name, role: fields.string("role"), organisation: fields.string("organisation"),
                       phone: fields.string("phone"), email: email, address: fields.string("address"))
    }

    /// The address inside `Nom <adresse>` or after `mailto:`, when it is a plausible one; nil otherwise.
    static func addressAlone(_ email: String) -> String? {
        var inner = email.trimmingCharacters(in: " ")
        if let open = inner.lastIndex(of: "<"), let close = inner.lastIndex(of: ">"), open < close {
            inner = String(inner[inner.index(after: open)..<close]).trimmingCharacters(in: " ")
        }
        if inner.lowercased().hasPrefix("mailto:") { inner = String(inner.dropFirst("mailto:".count)) }
        guard inner != email, plausibleEmail(inner) else { return nil }
        return inner
    }

    /// One @, something before it, a domain with a dot inside after it, no space.
    static func plausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !email.contains(" ") else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }

    static func link(_ node: YAMLNode, _ c: DiagnosticCollector) -> Link? {
        guard let fields = MappingReader(node, c, what: Bilingual(fr: "le lien", en: "a link"), allowed: linkKeys) else { return nil }
        let label = fields.string("label", required: "\"Site de la communauté de communes\"")
        let url = fields.url("url", required: "\"https://www.example.org\"")
        guard let label, let url else { return nil }
        return Link(label: label, url: url)
    }
}
