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

    /// The form of `key` for `count`: `<key>_one` when the language puts `count` in the singular (the counts listed by
    /// the label `plural_singular`: "0, 1" in French, "1" in English), else `<key>_other`; `{n}` is the count unless
    /// `arguments` gives it (a formatted number).
    public func plural(_ key: String, count: Int, _ arguments: [String: String] = [:]) -> String {
        let singular = (values["plural_singular"] ?? "1").split(separator: ",")
            .compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        var arguments = arguments
        if arguments["n"] == nil { arguments["n"] = String(count) }
        return format(key + (singular.contains(count) ? "_one" : "_other"), arguments)
    }

    /// Keys the renderer itself uses; a labels file must define them all.
    public static let required: [String] = [
        "nav_home", "nav_cards", "nav_articles", "nav_organisations", "nav_glossary", "nav_themes", "skip_to_content",
        "kind_project", "kind_initiative", "kind_article", "kind_page", "kind_organisation", "kind_dashboard",
        "status_idea", "status_ongoing", "status_completed", "status_stopped", "level_commune",
        "level_intercommunality", "level_department", "level_region", "level_national", "type_region", "type_state",
        "type_europe", "type_department", "type_intercommunality", "type_commune", "type_public_agency", "type_private",
        "type_self_financing", "type_association", "type_cooperative", "type_other", "role_carrier", "role_funder",
        "role_expert", "role_operator", "role_buyer", "role_territorial", "role_other", "per_year", "over_years",
        "one_off", "investment", "in_kind", "amount_not_stated", "joint_funding", "discrepancy_shares",
        "discrepancy_amounts", "discrepancy_line", "parts_mismatch", "results_year", "results_period",
        "results_undated", "email_at", "email_dot", "no_theme", "department", "departments", "period_from",
        "period_range", "colon", "funder_type", "funding_by_type_title", "all_cards_group", "data_download_block",
        "methodology", "value", "coverage", "coverage_text", "provenance", "provenance_elsewhere", "group_site", "group_theme", "group_region",
        "group_department", "group_level", "group_funder", "group_funder_type", "group_year", "group_kind",
        "aggregate_sum", "aggregate_mean", "aggregate_median", "aggregate_min", "aggregate_max", "aggregate_count",
        "aggregate_ratio_of_sums", "unit_people", "unit_jobs", "unit_percent", "unit_count", "unit_tonnes",
        "unit_hours", "unit_number", "indicator", "indicators", "more_dashboards", "generated_intro_one", "generated_intro_other",
        "funder_type_page", "key_figures", "table_region", "mixed_periods", "data_download_cards", "period_unstated",
        "not_broken_down", "not_broken_down_between", "and", "from_year", "in_year", "year_unstated", "year",
        "approximately", "range", "basis_budget_annual", "basis_budget_total", "basis_budget_investment",
        "basis_funding", "basis_funding_per_year", "basis_funding_one_off", "basis_other", "basis_target",
        "not_available", "reason_missing_metric", "reason_missing", "reason_no_budget", "reason_no_yearly_budget",
        "reason_line_one_off", "reason_line_one_off_investment", "reason_line_years", "reason_line_years_investment",
        "reason_line_annual", "reason_line_annual_investment", "reason_line_unstated",
        "reason_line_unstated_investment", "reason_budget_mixed", "reason_budget_without_period", "reason_no_funding",
        "reason_no_yearly_funding", "reason_no_one_off_funding", "reason_funding_mixed", "reason_amounts_not_stated",
        "reason_joint", "reason_division", "reason_range", "reason_not_finite", "of_which_in_kind", "caveat",
        "annualised_value", "budget_total_breakdown", "lines_without_amount_one", "lines_without_amount_many",
        "discrepancy_horizon", "mixed_horizons", "coverage_text_one", "per_year_total", "no_funding",
        "adjective_annual", "discrepancy_no_budget_horizon", "all_distinct_cards", "funding_by_type_caption",
        "per_year_column", "as_written_over_years", "one_off_column", "not_broken_down_column", "unstated_column",
        "lines_without_amount", "not_stated", "no_yearly_money", "apart_one_off", "apart_not_broken_down",
        "apart_unstated", "apart_note", "joint_note", "stacked_note", "joint_with", "leverage_gap_joint",
        "leverage_gap_amount", "leverage_gap_not_broken_down", "leverage_gap_horizon", "total_per_year",
        "total_over_years", "total_one_off", "total_not_broken_down", "total_unstated", "total_joint",
        "cofunded_results", "cofunded_note", "funds_caption", "leverage_value", "card", "amount", "share_of_budget",
        "leverage", "leverage_note", "total", "funds", "without_group_site", "without_group_theme",
        "without_group_region", "without_group_department", "without_group_funder", "without_group_funder_type",
        "without_group_year", "without_group_kind", "without_group_level", "overlap_theme", "overlap_region",
        "overlap_department", "overlap_funder", "overlap_funder_type", "overlap_year", "overlap_kind", "overlap_level",
        "plural_singular", "cards_count_one", "cards_count_other", "print_note", "print_address",
    ]
}
