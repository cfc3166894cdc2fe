import PasserelleIndicators
import PasserelleModel

/// The machine names the open data gives to what the measure stage computed: reasons, gaps, groups.
extension Exports {
    /// Why a value is not available, as a stable machine code (`<indicator>_reason` columns).
    public static func reasonCode(_ reason: Unavailability) -> String {
        switch reason {
        case .missing: return "missing"
        case .noBudget: return "no_budget"
        case .noYearlyBudget: return "no_yearly_budget"
        case .budgetMixesHorizons: return "budget_mixes_horizons"
        case .budgetWithoutPeriod: return "budget_without_period"
        case .noFunding: return "no_funding"
        case .noFundingOfHorizon: return "no_funding_of_horizon"
        case .fundingMixesHorizons: return "funding_mixes_horizons"
        case .amountsNotStated: return "amounts_not_stated"
        case .insideJointLine: return "inside_joint_line"
        case .divisionByZero: return "division_by_zero"
        case .range: return "range"
        case .notFinite: return "not_finite"
        }
    }

    /// Every reason code with its meaning, for the description of the `_reason` columns.
    static let reasonCodes: [(String, String)] = [
        ("missing", "une donnée dont la formule a besoin n'est pas dans la fiche"),
        ("no_budget", "la fiche n'a pas de budget"),
        ("no_yearly_budget", "le budget n'a pas de part de fonctionnement annuelle ou pluriannuelle"),
        ("budget_mixes_horizons", "le budget mêle des horizons différents"),
        ("budget_without_period", "aucune ligne du budget ne dit sa période"),
        ("no_funding", "la fiche n'a pas de financement"),
        ("no_funding_of_horizon", "aucun financement de l'horizon demandé"),
        ("funding_mixes_horizons", "les financements couvrent des horizons différents"),
        ("amounts_not_stated", "des lignes de financement nécessaires n'ont pas de montant"),
        ("inside_joint_line", "une part de l'argent est dans une ligne conjointe, jamais répartie"),
        ("division_by_zero", "division par zéro"),
        ("range", "valeur donnée comme fourchette"),
        ("not_finite", "valeur hors limites"),
    ]

    /// Why a funder's leverage cannot be given, as a machine code.
    public static func leverageGapCode(_ gap: LeverageGap) -> String {
        switch gap {
        case .joint: return "joint"
        case .amountNotStated: return "amount_not_stated"
        case .notBrokenDown: return "not_broken_down"
        case .noBudgetOfHorizon: return "no_budget_of_horizon"
        }
    }

    /// A group id as the files write it: `none` for the cards without one.
    public static func groupCode(_ group: String) -> String {
        group == GroupValue.none ? "none" : group
    }

    /// The row of an indicator table that gives the value over every card of the scope, each counted once.
    public static let allDistinct = "all_distinct"

    /// A group's name from the site's own data (a theme's label, an organisation's title, a region's name, a
    /// year, or the code); empty for the cards without a group, which `is_without_group` marks.
    public static func groupLabel(_ group: String, by key: GroupingKey, site: Site) -> String {
        guard group != GroupValue.none else { return "" }
        switch key {
        case .site: return site.config.title
        case .theme: return site.theme(group)?.label ?? group
        case .funder: return site.record(group)?.title ?? group
        case .region, .department, .level, .funderType, .year, .kind: return group
        }
    }

    /// Horizons as the files write them: space-separated codes (`annual years_3`).
    static func horizonCodes<S: Sequence>(_ horizons: S) -> String where S.Element == Horizon {
        horizons.sorted().map(\.code).joined(separator: " ")
    }
}
