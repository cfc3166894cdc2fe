/// The body of a project or initiative card: who carries it, where, with what money, for what results.
public struct Card: Sendable {
    public var subtitle: String?
    public var carrier: Carrier?
    public var territory: Territory?
    public var period: YearSpan?
    public var status: CardStatus?
    public var audiences: [String]
    public var objectives: [Objective]
    public var budget: [BudgetLine]
    public var funding: [FundingLine]
    public var results: [ResultBlock]
    public var targets: [Target]
    public var partners: [Partner]
    public var valueChains: [ValueChain]
    public var contacts: [Contact]
    public var links: [Link]
    public var award: Award?

    public init(subtitle: String? = nil, carrier: Carrier? = nil, territory: Territory? = nil, period: YearSpan? = nil,
                status: CardStatus? = nil, audiences: [String] = [], objectives: [Objective] = [],
                budget: [BudgetLine] = [], funding: [FundingLine] = [], results: [ResultBlock] = [],
                targets: [Target] = [], partners: [Partner] = [], valueChains: [ValueChain] = [],
                contacts: [Contact] = [], links: [Link] = [], award: Award? = nil) {
        self.subtitle = subtitle
        self.carrier = carrier
        self.territory = territory
        self.period = period
        self.status = status
        self.audiences = audiences
        self.objectives = objectives
        self.budget = budget
        self.funding = funding
        self.results = results
        self.targets = targets
        self.partners = partners
        self.valueChains = valueChains
        self.contacts = contacts
        self.links = links
        self.award = award
    }
}

public enum CardStatus: String, Sendable, Hashable, CaseIterable {
    case idea, ongoing, completed, stopped
}

/// Who carries a card: an organisation of the site, or a body named in passing.
public enum Carrier: Sendable, Hashable {
    case organisation(Reference)
    case named(name: String, type: OrganisationType?)
}

/// A span of years (`{start: 2006, end: 2008}` or `2002`).
public struct YearSpan: Sendable, Hashable {
    public var start: Int
    public var end: Int?

    public init(start: Int, end: Int? = nil) {
        self.start = start
        self.end = end
    }
}

public enum TerritoryLevel: String, Sendable, Hashable, CaseIterable {
    case commune, intercommunality, department, region, national
}

public struct Territory: Sendable, Hashable {
    public var name: String
    public var level: TerritoryLevel?
    /// Department codes ("42", "2A", "971").
    public var departments: [String]
    public var communes: [String]
    public var population: Int?
    /// The region as written, if any; the region derived from the departments is the reference.
    public var region: String?

    public init(name: String, level: TerritoryLevel? = nil, departments: [String] = [], communes: [String] = [],
                population: Int? = nil, region: String? = nil) {
        self.name = name
        self.level = level
        self.departments = departments
        self.communes = communes
        self.population = population
        self.region = region
    }
}

public struct Objective: Sendable, Hashable {
    public var label: String
    /// The metric this objective is measured by, when it has a target.
    public var target: Reference?

    public init(label: String, target: Reference? = nil) {
        self.label = label
        self.target = target
    }
}

/// How a budget amount relates to time.
public enum BudgetPeriod: String, Sendable, Hashable, CaseIterable {
    /// The amount is spent every year.
    case annual
    /// Spent once (typically an investment).
    case oneOff = "one_off"
    /// The amount covers `years` years in all.
    case total
}

public enum BudgetNature: String, Sendable, Hashable, CaseIterable {
    case operating, investment
}

public struct BudgetLine: Sendable, Hashable {
    public var amount: Double
    /// nil when the record does not say: the line is then shown as written and kept out of yearly figures.
    public var period: BudgetPeriod?
    public var years: Int?
    public var year: Int?
    public var nature: BudgetNature
    public var inKind: Bool
    public var label: String?
    public var location: SourceLocation

    public init(amount: Double, period: BudgetPeriod? = .annual, years: Int? = nil, year: Int? = nil,
                nature: BudgetNature = .operating, inKind: Bool = false, label: String? = nil,
                location: SourceLocation = .start) {
        self.amount = amount
        self.period = period
        self.years = years
        self.year = year
        self.nature = nature
        self.inKind = inKind
        self.label = label
        self.location = location
    }

    public var horizon: Horizon { Horizon(period: period, years: years) }
}

/// One funding line: one funder (or several jointly) with an amount, a share of the budget, or neither.
public struct FundingLine: Sendable, Hashable {
    public var funders: [Reference]
    public var amount: Double?
    /// A fraction between 0 and 1 (`15%` is 0.15).
    public var share: Double?
    public var note: String?
    /// The line's own horizon, when it states one; otherwise it takes the budget's (money.md §2).
    public var period: BudgetPeriod?
    public var years: Int?
    public var year: Int?
    public var nature: BudgetNature?
    public var inKind: Bool
    public var location: SourceLocation
    /// The grant's administrative details, for the French subsidies open-data schema (SCDL).
    public var grant: GrantDetails

    public init(funders: [Reference], amount: Double? = nil, share: Double? = nil, note: String? = nil,
                period: BudgetPeriod? = nil, years: Int? = nil, year: Int? = nil, nature: BudgetNature? = nil,
                inKind: Bool = false, location: SourceLocation = .start, grant: GrantDetails = GrantDetails()) {
        self.funders = funders
        self.amount = amount
        self.share = share
        self.note = note
        self.period = period
        self.years = years
        self.year = year
        self.nature = nature
        self.inKind = inKind
        self.location = location
        self.grant = grant
    }

    /// Several funders and one amount: the split between them is unknown and never guessed.
    public var isJoint: Bool { funders.count > 1 }

    /// The horizon the line states itself; nil when it inherits the budget's.
    public var statedHorizon: Horizon? { period.map { Horizon(period: $0, years: years) } }
}

/// A reported figure: a number, or a total with its breakdown.
public struct MetricValue: Sendable, Hashable {
    /// The value (for a range, its lower bound: read `precision` before using it).
    public var total: Double
    public var parts: [Part]
    public var precision: Precision

    public struct Part: Sendable, Hashable {
        public var label: String
        public var value: Double

        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    /// The parts added up; differs from `total` when the record's breakdown does not add up.
    public var partsSum: Double { parts.reduce(0) { $0 + $1.value } }

    public init(total: Double, parts: [Part] = [], precision: Precision = .exact) {
        self.total = total
        self.parts = parts
        self.precision = precision
    }
}

/// One metric reported in a result block.
public struct MetricEntry: Sendable, Hashable {
    public var metric: Reference
    public var value: MetricValue

    public init(metric: Reference, value: MetricValue) {
        self.metric = metric
        self.value = value
    }
}

/// The results of one year (or one stated period).
public struct ResultBlock: Sendable, Hashable {
    public var year: Int?
    public var period: String?
    public var entries: [MetricEntry]
    public var location: SourceLocation

    public init(year: Int? = nil, period: String? = nil, entries: [MetricEntry] = [], location: SourceLocation = .start) {
        self.year = year
        self.period = period
        self.entries = entries
        self.location = location
    }

    public func value(of metric: String) -> MetricValue? {
        entries.first { $0.metric.id == metric }?.value
    }
}

public struct Target: Sendable, Hashable {
    public var metric: Reference
    public var value: Double
    public var year: Int?
    public var precision: Precision

    public init(metric: Reference, value: Double, year: Int? = nil, precision: Precision = .exact) {
        self.metric = metric
        self.value = value
        self.year = year
        self.precision = precision
    }
}

public enum PartnerRole: String, Sendable, Hashable, CaseIterable {
    case carrier, funder, expert, `operator`, buyer, territorial, other
}

public struct Partner: Sendable, Hashable {
    public var organisation: Reference
    public var role: PartnerRole

    public init(organisation: Reference, role: PartnerRole) {
        self.organisation = organisation
        self.role = role
    }
}

/// An actor of a value chain: an organisation of the site or a named body.
public struct Actor: Sendable, Hashable {
    public var name: String?
    public var organisation: Reference?
    public var role: PartnerRole

    public init(name: String? = nil, organisation: Reference? = nil, role: PartnerRole) {
        self.name = name
        self.organisation = organisation
        self.role = role
    }
}

public struct ValueChain: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var actors: [Actor]

    public init(name: String, description: String? = nil, actors: [Actor] = []) {
        self.name = name
        self.description = description
        self.actors = actors
    }
}

public struct Contact: Sendable, Hashable {
    public var name: String
    public var role: String?
    public var organisation: String?
    public var phone: String?
    public var email: String?
    public var address: String?

    public init(name: String, role: String? = nil, organisation: String? = nil, phone: String? = nil,
                email: String? = nil, address: String? = nil) {
        self.name = name
        self.role = role
        self.organisation = organisation
        self.phone = phone
        self.email = email
        self.address = address
    }
}

public struct Award: Sendable, Hashable {
    public var name: String?
    public var year: Int?
    public var juryComment: String?

    public init(name: String? = nil, year: Int? = nil, juryComment: String? = nil) {
        self.name = name
        self.year = year
        self.juryComment = juryComment
    }
}

/// How a subsidy is paid, as the SCDL "subventions" schema names it.
public enum PaymentConditions: String, Sendable, Hashable, CaseIterable {
    case single, staggered, other

    /// The SCDL value: "Unique", "Echelonné", "Autre".
    public var scdl: String {
        switch self {
        case .single: return "Unique"
        case .staggered: return "Echelonné"
        case .other: return "Autre"
        }
    }
}

/// A funding line's administrative details: what public bodies publish about their subsidies.
public struct GrantDetails: Sendable, Hashable {
    public var conventionDate: Day?
    public var decisionReference: String?
    public var paymentConditions: PaymentConditions?
    public var paymentDates: String?
    /// Whether the aid was notified to the European Commission (state aid).
    public var euNotification: Bool?

    public init(conventionDate: Day? = nil, decisionReference: String? = nil, paymentConditions: PaymentConditions? = nil,
                paymentDates: String? = nil, euNotification: Bool? = nil) {
        self.conventionDate = conventionDate
        self.decisionReference = decisionReference
        self.paymentConditions = paymentConditions
        self.paymentDates = paymentDates
        self.euNotification = euNotification
    }
}
