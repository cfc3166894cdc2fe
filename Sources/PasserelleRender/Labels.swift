import Foundation
import PasserelleModel

/// The words of the interface in the site's language, from `Templates/i18n/<language>.yml`.
public struct Labels: Sendable {
    public var values: [String: String]

    public init(_ values: [String: String]) {
        self.values = values
    }

    /// The label, or the key itself so a missing label is visible rather than blank.
    public subscript(_ key: String) -> String {
        values[key] ?? key
    }

    /// `{count}`-style placeholders filled in: `labels.format("period_years", ["years": "3"])`.
    public func format(_ key: String, _ arguments: [String: String]) -> String {
        var text = self[key]
        for (name, value) in arguments {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// Keys the renderer itself uses; a labels file must define them all.
    public static let required: [String] = [
        "nav_home", "nav_cards", "nav_articles", "nav_organisations", "nav_glossary", "nav_themes", "skip_to_content",
        "kind_project", "kind_initiative", "kind_article", "kind_page", "kind_organisation", "kind_dashboard",
        "status_idea", "status_ongoing", "status_completed", "status_stopped",
        "level_commune", "level_intercommunality", "level_department", "level_region", "level_national",
        "type_region", "type_state", "type_europe", "type_department", "type_intercommunality", "type_commune",
        "type_public_agency", "type_private", "type_self_financing", "type_association", "type_cooperative", "type_other",
        "role_carrier", "role_funder", "role_expert", "role_operator", "role_buyer", "role_territorial", "role_other",
        "per_year", "over_years", "one_off", "investment", "in_kind", "amount_not_stated", "joint_funding",
        "unavailable_missing", "unavailable_division", "unavailable_budget", "unavailable_funding",
        "discrepancy_shares", "discrepancy_amounts", "discrepancy_line", "parts_mismatch",
        "results_year", "results_period", "results_undated", "email_at", "email_dot",
        "no_theme", "department", "departments", "period_from", "period_range", "colon", "funder_type",
        "funding_by_type_title", "all_cards_group", "data_download_block", "methodology", "value", "coverage", "coverage_text",
        "provenance", "amount_as_written", "periods", "annualised_amount", "cards_with_period", "periods_mixed",
        "group_site", "group_theme", "group_region", "group_department", "group_level", "group_funder", "group_funder_type",
        "group_year", "group_kind", "aggregate_sum", "aggregate_mean", "aggregate_median", "aggregate_min", "aggregate_max",
        "aggregate_count", "aggregate_ratio_of_sums", "unit_people", "unit_jobs", "unit_EUR", "unit_percent", "unit_count",
        "unit_tonnes", "unit_hours", "unit_number", "indicator", "indicators", "more_dashboards", "generated_intro",
        "funder_type_page", "key_figures", "nav_cards", "table_region", "periods_multi", "mixed_periods", "data_download_cards",
    ]
}
