import Foundation
import PasserelleIndicators
import PasserelleMarkdown
import PasserelleModel

/// The view model of a project or initiative card.
extension PageContext {
    func cardPage(_ record: Record, _ card: Card) -> [String: Any] {
        var context = common(title: record.title, description: summary(record))
        let labels = self.labels
        context["kind_label"] = labels["kind_\(record.kind.rawValue)"]
        context["title"] = record.title
        if let subtitle = card.subtitle { context["subtitle"] = subtitle }
        let rendered = body(record, headingOffset: 1)
        if let summary = leadSummary(record, rendered) { context["summary"] = summary }
        if let dates = dateValues(record) { context["dates"] = dates }
        switch card.carrier {
        case .organisation(let reference): context["carrier"] = organisationLink(reference.id)
        case .named(let name, let type):
            context["carrier"] = compact(["name": name, "type": type.map { labels["type_\($0.rawValue)"] }])
        case nil: break
        }
        if let territory = card.territory { context["territory"] = territoryValues(territory) }
        if let period = card.period {
            context["period"] = period.end.map { labels.format("period_range", ["start": String(period.start), "end": String($0)]) }
                ?? labels.format("period_from", ["start": String(period.start)])
        }
        if let status = card.status { context["status"] = labels["status_\(status.rawValue)"] }
        context["themes"] = themeLinks(record)
        // The facts list only when it has a fact: never an empty <dl>.
        if ["carrier", "territory", "period", "status"].contains(where: { context[$0] != nil }) || !record.themes.isEmpty {
            context["has_facts"] = true
        }
        if !card.audiences.isEmpty { context["audiences"] = card.audiences }
        if !card.objectives.isEmpty {
            context["objectives"] = card.objectives.map { objective -> [String: Any] in
                var item: [String: Any] = ["label": objective.label]
                if let metric = objective.target?.id, let target = card.targets.first(where: { $0.metric.id == metric }) {
                    item["target"] = reported(target.value, precision: target.precision, unit: site.dictionary.metric(metric)?.unit ?? .number)
                }
                return item
            }
        }
        context["body"] = rendered.html
        if !rendered.html.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { context["has_body"] = true }
        if let measures = input.measures[record.id] {
            keyFigures(measures, into: &context)
            context["budget"] = budget(card, measures.facts)
            if !card.funding.isEmpty { context["funding"] = funding(measures.facts) }
        }
        if !card.results.isEmpty { context["results"] = card.results.map(results) }
        if !card.targets.isEmpty {
            context["targets"] = card.targets.map { target -> [String: Any] in
                let unit = site.dictionary.metric(target.metric.id)?.unit ?? .number
                var item: [String: Any] = ["label": metricLabel(target.metric.id), "value": reported(target.value, precision: target.precision, unit: unit)]
                item["year"] = target.year.map { labels.format("in_year", ["year": String($0)]) } ?? labels["year_unstated"]
                return item
            }
        }
        if !card.valueChains.isEmpty { context["value_chains"] = card.valueChains.map(valueChain) }
        if !card.partners.isEmpty {
            context["partners"] = card.partners.map { partner -> [String: Any] in
                var item = organisationLink(partner.organisation.id)
                item["role"] = labels["role_\(partner.role.rawValue)"]
                return item
            }
        }
        let contacts = contactValues(card.contacts)
        if !contacts.isEmpty { context["contacts"] = contacts }
        let links = card.links.compactMap { link in self.link(link.url).map { ["label": link.label, "url": $0] } }
        if !links.isEmpty { context["links"] = links }
        if let award = card.award {
            // The prize and its year, each shown even without the other; the heading names what the block holds.
            let year = award.year.map(String.init)
            let line = award.name.map { name in year.map { "\(name) (\($0))" } ?? name } ?? year
            context["award"] = compact(["heading": award.juryComment == nil ? labels["award"] : labels["jury_comment"],
                                        "line": line, "jury_comment": award.juryComment])
        }
        if let source = sourceValues(record) { context["source"] = source }
        return context
    }

    /// The attribution of a record written from someone else's document: its label, link and licence.
    func sourceValues(_ record: Record) -> [String: Any]? {
        guard let source = record.source else { return nil }
        return compact(["label": source.label, "url": source.url.flatMap(link), "licence": source.licence])
    }

    /// When the record was published and last updated, each as text and as an ISO day for `<time datetime>`.
    func dateValues(_ record: Record) -> [String: Any]? {
        var values: [String: Any] = [:]
        if let date = record.date { values["published"] = ["text": format.date(date), "iso": date.description] }
        if let updated = record.updated { values["updated"] = ["text": format.date(updated), "iso": updated.description] }
        return values.isEmpty ? nil : values
    }

    /// The summary to print as the page's lead, unless the body already opens with it: printed once, never twice.
    func leadSummary(_ record: Record, _ rendered: RenderedMarkdown) -> String? {
        guard let summary = record.summary, !summary.isEmpty else { return nil }
        guard let first = rendered.firstParagraph else { return summary }
        let (lead, opening) = (Self.comparable(summary), Self.comparable(first))
        guard !lead.isEmpty, !opening.isEmpty else { return summary }
        return lead.hasPrefix(opening) || opening.hasPrefix(lead) ? nil : summary
    }

    /// Letters and digits only, lower-cased: two texts that differ only by spaces, quotes or punctuation compare equal.
    static func comparable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }))
    }

    func metricLabel(_ id: String) -> String {
        site.dictionary.metric(id)?.label.text(site.config.language) ?? id
    }

    func metricValue(_ id: String, _ value: Double) -> String {
        format.value(value, unit: site.dictionary.metric(id)?.unit ?? .number)
    }

    func territoryValues(_ territory: Territory) -> [String: Any] {
        var values: [String: Any] = ["name": territory.name]
        if let level = territory.level { values["level"] = labels["level_\(level.rawValue)"] }
        if !territory.departments.isEmpty {
            let key = territory.departments.count > 1 ? "departments" : "department"
            values["departments"] = labels.format(key, ["codes": territory.departments.joined(separator: ", ")])
        }
        var regions = Array(Set(territory.departments.compactMap { Regions.region(ofDepartment: $0) })).sorted(by: Collation.precedes)
        if regions.isEmpty, let written = territory.region, !written.isEmpty { regions = [written] }
        if !regions.isEmpty {
            // Each region links to its generated page, only when the site has one.
            values["regions"] = regions.map { name -> [String: Any] in
                var item: [String: Any] = ["name": name]
                if input.figures.generated(.region(name)) != nil { item["url"] = url(route(of: .region(name))) }
                return item
            }
        }
        if let population = territory.population {
            values["population"] = labels.format("population_inhabitants", ["n": format.number(Double(population), decimals: 0)])
        }
        if !territory.communes.isEmpty { values["communes"] = territory.communes.joined(separator: ", ") }
        return values
    }

    /// The key-figures box: every indicator the card has a value for, each with what it rests on and its date, and
    /// its caveat; the others with the exact reason they are missing.
    func keyFigures(_ measures: CardMeasures, into context: inout [String: Any]) {
        var figures: [[String: Any]] = []
        var unavailable: [[String: Any]] = []
        let language = site.config.language
        for value in measures.values {
            let indicator = value.indicator.source
            switch value.evaluation {
            case .value(let measured):
                var item: [String: Any] = ["id": indicator.id, "label": indicator.label.text(language),
                                           "definition_url": url(Routes.methodology) + "#" + indicator.id,
                                           "value": figure(measured.value, unit: indicator.unit, approximate: measured.approximate),
                                           "machine": Formatter.machine(measured.value, decimals: indicator.unit == .percent ? 4 : 2)]
                let basis = basisText(measured)
                if !basis.isEmpty { item["basis"] = basis }
                if let caveat = indicator.caveat?.text(language) { item["caveat"] = caveat }
                if let description = indicator.description?.text(language) { item["description"] = description }
                figures.append(item)
            case .unavailable(let reason):
                unavailable.append(["label": indicator.label.text(language), "reason": explain(reason)])
            }
        }
        if !figures.isEmpty { context["key_figures"] = figures }
        if !unavailable.isEmpty { context["unavailable"] = unavailable }
        // The box shows when the card has a figure or a reason for one missing, so no reason is ever hidden.
        if !figures.isEmpty || !unavailable.isEmpty { context["figures_section"] = true }
    }

    func budget(_ card: Card, _ facts: CardFacts) -> [String: Any]? {
        guard !card.budget.isEmpty else { return nil }
        let lines = facts.budget.map { resolved -> [String: Any] in
            let line = resolved.line
            var item: [String: Any] = ["amount": money(line.amount, resolved.horizon, year: line.year, inKind: line.inKind),
                                       "machine": Formatter.machine(line.amount)]
            if let label = line.label { item["label"] = label }
            if line.nature == .investment { item["nature"] = labels["investment"] }
            if case .years(let n) = resolved.horizon, n > 1, let perYear = resolved.perYear {
                item["annualised"] = labels.format("annualised_value", ["amount": format.euros(perYear)])
            }
            return item
        }
        var values: [String: Any] = ["lines": lines]
        if facts.budgetTotals.horizons.count > 1, let written = facts.budgetTotals.asWritten {
            values["total"] = labels.format("budget_total_breakdown", ["total": format.euros(written), "breakdown": breakdown(facts.budgetTotals)])
        }
        return values
    }

    /// How a funding line's horizon reads: its own, the budget's ("sur 3 ans, comme le budget"), or not broken down.
    func fundingHorizon(_ resolved: ResolvedFunding, _ facts: CardFacts) -> String {
        if resolved.horizon == .notBrokenDown { return notBrokenDownText(facts) }
        var text = horizonText(resolved.horizon)
        if let year = resolved.year { text += ", " + String(year) }
        if resolved.line.inKind { text = labels["in_kind"] + ", " + text }
        return text
    }

    func funding(_ facts: CardFacts) -> [String: Any] {
        let rows = facts.funding.map { resolved -> [String: Any] in
            var row: [String: Any] = ["funders": resolved.line.funders.map { organisationLink($0.id) },
                                      "horizon": fundingHorizon(resolved, facts)]
            if resolved.line.isJoint {
                row["joint"] = labels["joint_funding"]
            } else if let type = resolved.singleType {
                row["type"] = labels["type_\(type.rawValue)"]
                // The funder type's page, by its own route, only when the site generates it.
                if input.figures.generated(.funderType(type)) != nil { row["type_url"] = url(route(of: .funderType(type))) }
            }
            if let amount = resolved.amount {
                row["amount"] = format.euros(amount)
                row["machine"] = Formatter.machine(amount)
            } else {
                row["amount_missing"] = labels["amount_not_stated"]
            }
            if let share = resolved.share { row["share"] = format.percent(share) }
            if let note = resolved.line.note { row["note"] = note }
            return row
        }
        var values: [String: Any] = ["rows": rows]
        let funded = facts.fundingTotals
        if let written = funded.asWritten {
            values["total"] = funded.horizons.count == 1 ? money(written, funded.horizons[0]) : format.euros(written) + " (" + breakdown(funded) + ")"
            if let share = facts.fundingShareOfBudget { values["total_share"] = format.percent(share) }
        }
        let missing = facts.funding.filter { $0.amount == nil }.count
        if missing > 0 {
            values["missing_note"] = labels.format(missing == 1 ? "lines_without_amount_one" : "lines_without_amount_many", ["n": String(missing)])
        }
        let notes = facts.discrepancies.map { discrepancy -> String in
            switch discrepancy {
            case .sharesSum(let sum):
                return labels.format("discrepancy_shares", ["sum": format.percent(sum)])
            case let .horizonSum(horizon, sum, _) where facts.budgetTotals.amount(horizon) == nil:
                return labels.format("discrepancy_no_budget_horizon", ["horizon": horizonText(horizon), "sum": format.euros(sum),
                                                                       "breakdown": breakdown(facts.budgetTotals)])
            case let .horizonSum(horizon, sum, budget):
                return labels.format("discrepancy_horizon", ["horizon": horizonText(horizon), "sum": format.euros(sum),
                                                             "budget": format.euros(budget), "breakdown": breakdown(facts.budgetTotals)])
            case let .writtenSum(sum, budget):
                return labels.format("discrepancy_amounts", ["sum": format.euros(sum), "budget": format.euros(budget.asWritten ?? 0),
                                                             "breakdown": breakdown(budget)])
            case let .lineMismatch(_, share, amount, expected):
                return labels.format("discrepancy_line", ["share": format.percent(share), "amount": format.euros(amount),
                                                          "expected": format.euros(expected)])
            }
        }
        if !notes.isEmpty { values["discrepancies"] = notes }
        return values
    }

    func results(_ block: ResultBlock) -> [String: Any] {
        var values: [String: Any] = [:]
        if let year = block.year {
            values["heading"] = labels.format("results_year", ["year": String(year)])
        } else if let period = block.period {
            values["heading"] = labels.format("results_period", ["period": period])
        } else {
            values["heading"] = labels["results_undated"]
        }
        let language = site.config.language
        values["items"] = block.entries.map { entry -> [String: Any] in
            let id = entry.metric.id
            let unit = site.dictionary.metric(id)?.unit ?? .number
            var item: [String: Any] = ["id": id, "label": metricLabel(id), "value": reported(entry.value.total, precision: entry.value.precision, unit: unit)]
            if entry.value.precision == .exact { item["machine"] = Formatter.machine(entry.value.total) }
            if !entry.value.parts.isEmpty {
                let definition = site.dictionary.metric(id)
                item["parts"] = entry.value.parts.map { part -> [String: Any] in
                    ["label": definition?.parts[part.label]?.text(language) ?? part.label, "value": metricValue(id, part.value)]
                }
                let sum = entry.value.partsSum
                if abs(sum - entry.value.total) > 0.005 {
                    item["mismatch"] = labels.format("parts_mismatch", ["sum": metricValue(id, sum), "total": metricValue(id, entry.value.total)])
                }
            }
            return item
        }
        return values
    }

    func valueChain(_ chain: ValueChain) -> [String: Any] {
        var values: [String: Any] = ["name": chain.name]
        if let description = chain.description { values["description"] = description }
        var roles: [[String: Any]] = []
        for role in PartnerRole.allCases {
            let actors = chain.actors.filter { $0.role == role }
            guard !actors.isEmpty else { continue }
            roles.append(["role": labels["role_\(role.rawValue)"], "actors": actors.map { actor -> [String: Any] in
                if let id = actor.organisation?.id { return organisationLink(id) }
                return ["name": actor.name ?? ""]
            }])
        }
        if !roles.isEmpty { values["roles"] = roles }
        return values
    }

    func contactValues(_ contacts: [Contact]) -> [[String: Any]] {
        switch site.config.contactsPrivacy {
        case .hide: return []
        case .show, .obfuscate:
            let obfuscate = site.config.contactsPrivacy == .obfuscate
            return contacts.map { contact in
                var item: [String: Any] = ["name": contact.name]
                if let role = contact.role { item["role"] = role }
                if let organisation = contact.organisation {
                    item["organisation"] = site.record(organisation) != nil ? organisationLink(organisation) : ["name": organisation]
                }
                if let address = contact.address { item["address"] = address }
                if let phone = contact.phone {
                    item["phone"] = phone
                    // Tappable on a phone whenever it is shown: the number is in the page as text anyway, and
                    // obfuscation is about e-mail harvesting (README, contacts_privacy).
                    if let number = Self.dialledNumber(phone) { item["phone_url"] = "tel:" + number }
                }
                if let email = contact.email {
                    if obfuscate {
                        // Written out for people, unreadable to address harvesters: no mailto, no @.
                        item["email_text"] = email.replacingOccurrences(of: "@", with: " \(labels["email_at"]) ")
                            .replacingOccurrences(of: ".", with: " \(labels["email_dot"]) ")
                    } else if Self.isLinkableEmail(email) {
                        item["email"] = email
                        item["email_url"] = "mailto:" + email.trimmingCharacters(in: .whitespaces)
                    } else {
                        // Shown as written, never as a link: a query (?cc=, ?body=) or an odd address is not a mailbox.
                        item["email_text"] = email
                    }
                }
                return item
            }
        }
    }

    /// The number a `tel:` link dials: the digits of the first number written, up to any extension ("poste 12",
    /// "ext. 12", "x12", ", 12") or second number ("/ 06…"), with a leading "+" kept and the "(0)" of "+33 (0)2…"
    /// dropped. nil when fewer than 3 digits or more than 15 (the longest international number) are left.
    static func dialledNumber(_ phone: String) -> String? {
        let separators: Set<Character> = [" ", ".", "-", "(", ")", "\u{A0}", "\u{202F}", "\u{2009}"]
        func isDigit(_ character: Character) -> Bool { character.asciiValue.map { (48...57).contains($0) } ?? false }
        guard let start = phone.firstIndex(where: { isDigit($0) || $0 == "+" }) else { return nil }
        var written = ""
        for character in phone[start...] {
            if isDigit(character) || separators.contains(character) || (character == "+" && written.isEmpty) {
                written.append(character)
            } else {
                break
            }
        }
        let compact = written.filter { $0 != " " && $0 != "\u{A0}" && $0 != "\u{202F}" && $0 != "\u{2009}" && $0 != "." && $0 != "-" }
        let international = compact.hasPrefix("+") || compact.hasPrefix("00")
        let withoutTrunk = international ? compact.replacingOccurrences(of: "(0)", with: "") : compact
        let digits = withoutTrunk.filter(isDigit)
        guard (3...15).contains(digits.count) else { return nil }
        return (compact.hasPrefix("+") ? "+" : "") + digits
    }

    /// True for an address a `mailto:` link may carry: one `@`, a local part of letters, digits and `. _ + - '`, a
    /// domain of at least two dot-separated labels, and nothing else (no `?`, `&`, `%`, space or second address).
    static func isLinkableEmail(_ email: String) -> Bool {
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        let address = email.trimmingCharacters(in: .whitespaces)
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, address.count <= 254 else { return false }
        let (local, domain) = (parts[0], parts[1])
        guard !local.isEmpty, local.count <= 64, !local.hasPrefix("."), !local.hasSuffix("."), !local.contains(".."),
              local.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || isDigit($0) || "._+-'".unicodeScalars.contains($0) })
        else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-"),
                  label.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || isDigit($0) || $0 == "-" }) else { return false }
        }
        guard let last = labels.last else { return false }
        return last.unicodeScalars.allSatisfy(\.properties.isAlphabetic) && last.count >= 2
    }
}
