/// The keys each mapping of the content accepts. The decoders refuse any other key (`key-unknown`) and
/// `RecordSchema` writes these same lists into the JSON Schemas of `passerelle schema`, so an editor's schema and
/// `passerelle check` cannot disagree about which keys exist.
///
/// The keys of a record itself are `RecordDecoder.commonKeys` and `RecordDecoder.keysByKind`.
extension RecordDecoder {
    static let sourceKeys = ["label", "url", "licence"]
    static let figureKeys = ["value", "unit", "label"]
}

extension CardDecoder {
    static let awardKeys = ["name", "year", "jury_comment"]
    static let carrierKeys = ["name", "type"]
    static let territoryKeys = ["name", "level", "departments", "communes", "population", "region"]
    static let periodKeys = ["start", "end"]
    static let objectiveKeys = ["label", "target"]
    static let budgetLineKeys = ["amount", "label"] + horizonKeys
    static let fundingLineKeys = ["funder", "funders", "amount", "share", "note", "convention_date", "decision_reference",
                                  "payment_conditions", "payment_dates", "eu_notification"] + horizonKeys
    /// `{value: 30, approx: true}`, `{min: 20, max: 25}`, `{total: 11, parts: {…}}`.
    static let approximateKeys = ["value", "approx"]
    static let rangeKeys = ["min", "max"]
    static let totalKeys = ["total", "parts"]
    /// The keys of a result block besides its metrics.
    static let resultBlockKeys = ["year", "period"]
    /// The key of `targets:` besides its metrics.
    static let targetsKeys = ["year"]
    static let partnerKeys = ["organisation", "role"]
    static let valueChainKeys = ["name", "description", "actors"]
    static let actorKeys = ["name", "organisation", "role"]
    static let contactKeys = ["name", "role", "organisation", "phone", "email", "address"]
    static let linkKeys = ["label", "url"]
}

extension SettingsDecoder {
    static let siteKeys = ["title", "description", "base_url", "language", "publisher", "licence", "contacts_privacy", "sections",
                           "themes", "markdown"]
    static let publisherKeys = ["name", "url"]
    static let licenceKeys = ["name", "url"]
    static let markdownKeys = ["unsafe_html"]
    /// A theme (`label`) or a section (`title`) of site.yml.
    static let declarationKeys = ["title", "label", "description"]
    static let dictionaryKeys = ["metrics", "indicators"]
    static let metricKeys = ["label", "unit", "parts", "description"]
    static let indicatorKeys = ["label", "unit", "formula", "aggregate", "description", "caveat"]
}
