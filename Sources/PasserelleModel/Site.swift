/// The languages the default templates are written in.
public enum Language: String, Sendable, Hashable, CaseIterable {
    case fr, en
}

/// A text given in several languages (`{fr: "Coût annuel", en: "Annual cost"}`) or in one.
public struct LocalizedText: Sendable, Hashable {
    public var values: [String: String]

    public init(_ values: [String: String]) {
        self.values = values
    }

    public init(_ text: String) {
        self.values = ["*": text]
    }

    /// The text in `language`, else French, else any, so a label never disappears.
    public func text(_ language: Language) -> String {
        values[language.rawValue] ?? values["*"] ?? values["fr"] ?? values.sorted { $0.key < $1.key }.first?.value ?? ""
    }
}

/// How contact details of cards are shown to readers.
public enum ContactsPrivacy: String, Sendable, Hashable, CaseIterable {
    /// Contacts are not published.
    case hide
    /// Published with e-mail addresses and phone numbers written so that harvesting robots skip them.
    case obfuscate
    /// Published as written.
    case show
}

public struct SectionInfo: Sendable, Hashable {
    public var id: String
    public var title: String
    public var description: String?

    public init(id: String, title: String, description: String? = nil) {
        self.id = id
        self.title = title
        self.description = description
    }
}

public struct ThemeInfo: Sendable, Hashable {
    public var id: String
    public var label: String
    public var description: String?

    public init(id: String, label: String, description: String? = nil) {
        self.id = id
        self.label = label
        self.description = description
    }
}

/// `Content/site.yml`: the site's settings.
public struct SiteConfig: Sendable {
    public var title: String
    public var description: String?
    /// Absolute URL the site is published at ("https://example.org/"), or empty for relative links only.
    public var baseURL: String
    public var language: Language
    public var publisher: String?
    public var licence: Link?
    public var contactsPrivacy: ContactsPrivacy
    public var sections: [SectionInfo]
    public var themes: [ThemeInfo]
    /// Raw HTML in bodies is emitted only when the site opts in.
    public var unsafeHTML: Bool

    public init(title: String, description: String? = nil, baseURL: String = "", language: Language = .fr,
                publisher: String? = nil, licence: Link? = nil, contactsPrivacy: ContactsPrivacy = .obfuscate,
                sections: [SectionInfo] = [], themes: [ThemeInfo] = [], unsafeHTML: Bool = false) {
        self.title = title
        self.description = description
        self.baseURL = baseURL
        self.language = language
        self.publisher = publisher
        self.licence = licence
        self.contactsPrivacy = contactsPrivacy
        self.sections = sections
        self.themes = themes
        self.unsafeHTML = unsafeHTML
    }
}

/// The whole site in memory: settings, dictionary and records, with every reference checked.
public struct Site: Sendable {
    public var config: SiteConfig
    public var dictionary: MetricDictionary
    /// Records sorted by kind, then id: the order everything is rendered and listed in.
    public var records: [Record]
    private var index: [String: Int]
    private var byKind: [RecordKind: [Record]]
    /// Projects and initiatives, in record order.
    public let cards: [Record]

    public init(config: SiteConfig, dictionary: MetricDictionary, records: [Record]) {
        self.config = config
        self.dictionary = dictionary
        self.records = records.sorted { ($0.kind, $0.id) < ($1.kind, $1.id) }
        var index: [String: Int] = [:]
        for (position, record) in self.records.enumerated() where index[record.id] == nil {
            index[record.id] = position
        }
        self.index = index
        self.byKind = Dictionary(grouping: self.records, by: \.kind)
        self.cards = self.records.filter(\.kind.isCard)
    }

    public func record(_ id: String) -> Record? {
        index[id].map { records[$0] }
    }

    public func organisation(_ id: String) -> Organisation? {
        record(id)?.organisation
    }

    public func records(of kind: RecordKind) -> [Record] {
        byKind[kind] ?? []
    }


    public func theme(_ id: String) -> ThemeInfo? {
        config.themes.first { $0.id == id }
    }

    public func section(_ id: String) -> SectionInfo? {
        config.sections.first { $0.id == id }
    }

    /// The regions a card's territory lies in, derived from its departments.
    public func regions(of card: Card) -> [String] {
        Collation.sorted(Array(Set((card.territory?.departments ?? []).compactMap { Regions.region(ofDepartment: $0) })))
    }
}

