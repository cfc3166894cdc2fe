import PasserelleContent
import PasserelleModel

/// The kinds of record the form editor edits.
public enum EditorKind: String, Sendable, CaseIterable {
    case project, initiative, organisation

    /// The folder a new record of this kind is written to.
    public var folder: String {
        switch self {
        case .project: return "projects"
        case .initiative: return "initiatives"
        case .organisation: return "organisations"
        }
    }

    public var isCard: Bool { self != .organisation }
}

/// A budget line as typed in the form (every value as text: what the author typed is never lost).
public struct BudgetRow: Sendable, Equatable {
    public var amount = "", period = "", years = "", year = "", nature = "", inKind = false, label = ""
    public init(amount: String = "", period: String = "", years: String = "", year: String = "", nature: String = "",
                inKind: Bool = false, label: String = "") {
        (self.amount, self.period, self.years, self.year, self.nature, self.inKind, self.label)
            = (amount, period, years, year, nature, inKind, label)
    }
    var isEmpty: Bool { self == BudgetRow() }
}

/// A funding line as typed: one funder picked, and other funders of a joint line.
public struct FundingRow: Sendable, Equatable {
    public var funder = "", joint = "", amount = "", share = "", note = "", period = "", years = "", year = "", nature = ""
    public var inKind = false
    public init(funder: String = "", joint: String = "", amount: String = "", share: String = "", note: String = "",
                period: String = "", years: String = "", year: String = "", nature: String = "", inKind: Bool = false) {
        (self.funder, self.joint, self.amount, self.share, self.note) = (funder, joint, amount, share, note)
        (self.period, self.years, self.year, self.nature, self.inKind) = (period, years, year, nature, inKind)
    }
    var isEmpty: Bool { self == FundingRow() }
    /// The funders of the line, the picked one first.
    var funders: [String] {
        ([funder] + joint.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)).filter { !$0.isEmpty }
    }
}

/// One result of a result block: a metric and its value as typed (a number, or YAML such as `{value: 30, approx: true}`).
public struct MetricRow: Sendable, Equatable {
    public var metric = "", value = ""
    public init(metric: String = "", value: String = "") { (self.metric, self.value) = (metric, value) }
}

public struct ResultRow: Sendable, Equatable {
    public var year = "", period = ""
    public var metrics: [MetricRow] = []
    public init(year: String = "", period: String = "", metrics: [MetricRow] = []) {
        (self.year, self.period, self.metrics) = (year, period, metrics)
    }
    var isEmpty: Bool { year.isEmpty && period.isEmpty && metrics.allSatisfy { $0.metric.isEmpty && $0.value.isEmpty } }
}

/// The fields of the form of one record: a card (project, initiative) or an organisation.
public struct RecordForm: Sendable, Equatable {
    public var kind: EditorKind
    public var id = ""
    public var title = "", subtitle = "", summary = ""
    public var draft = false
    public var themes: [String] = []
    public var carrier = ""
    public var territoryName = "", territoryLevel = "", departments = "", population = ""
    public var periodStart = "", periodEnd = ""
    public var status = ""
    public var budget: [BudgetRow] = []
    public var funding: [FundingRow] = []
    public var results: [ResultRow] = []
    // Organisation
    public var name = "", type = "", website = "", siret = ""

    public init(kind: EditorKind) { self.kind = kind }

    /// The top-level keys this form writes, in the content model's order.
    static func formKeys(_ kind: EditorKind) -> [String] {
        kind.isCard
            ? ["title", "subtitle", "summary", "draft", "themes", "carrier", "territory", "period", "status", "budget", "funding", "results"]
            : ["title", "summary", "draft", "name", "type", "website", "siret"]
    }

    /// Every key of the content model in the order the editor writes them; keys outside it come last, as written.
    static func canonicalOrder(_ kind: EditorKind) -> [String] {
        let head = ["kind", "id", "title", "subtitle", "summary", "date", "updated", "draft", "themes", "source", "aliases"]
        let card = ["carrier", "territory", "period", "status", "audiences", "objectives", "budget", "funding", "results", "targets",
                    "partners", "value_chains", "contacts", "links", "award"]
        let organisation = ["name", "type", "territory", "website", "siret"]
        return head + (kind.isCard ? card : organisation) + ["glossary"]
    }

    static let budgetKeys: Set<String> = ["amount", "period", "years", "year", "nature", "in_kind", "label"]
    static let fundingKeys: Set<String> = ["funder", "funders", "amount", "share", "note", "period", "years", "year", "nature", "in_kind"]
}

// MARK: Reading a record into the form

extension RecordForm {
    /// The form of an existing record, and the keys the form cannot show faithfully (kept as written).
    public static func read(_ source: RecordSource, kind: EditorKind, id: String) -> (form: RecordForm, kept: Set<String>) {
        var form = RecordForm(kind: kind)
        form.id = id
        var kept: Set<String> = []
        for key in formKeys(kind) {
            guard let node = source.node(key) else { continue }
            if !form.take(key, node) { kept.insert(key) }
        }
        return (form, kept)
    }

    /// The keys of a source the form cannot show faithfully: they are kept as written, whatever the form says.
    public static func keptKeys(_ source: RecordSource?, kind: EditorKind) -> Set<String> {
        guard let source else { return [] }
        return read(source, kind: kind, id: "").kept
    }

    static func text(_ node: YAMLNode) -> String? {
        node.isNull ? "" : node.scalar
    }

    static func scalars(_ node: YAMLNode) -> [String]? {
        if node.isNull { return [] }
        if let text = node.scalar { return [text] }
        guard let items = node.items else { return nil }
        let texts = items.compactMap(\.scalar)
        return texts.count == items.count ? texts : nil
    }

    static func scalarMapping(_ node: YAMLNode, allowed: Set<String>) -> [String: String]? {
        guard let pairs = node.pairs else { return nil }
        var values: [String: String] = [:]
        for pair in pairs {
            guard allowed.contains(pair.key), values[pair.key] == nil, let text = text(pair.value) else { return nil }
            values[pair.key] = text
        }
        return values
    }

    /// Fills the field of one key; false when the value has a shape the form cannot show.
    mutating func take(_ key: String, _ node: YAMLNode) -> Bool {
        switch key {
        case "title", "subtitle", "summary", "carrier", "status", "name", "type", "website", "siret":
            guard let value = Self.text(node) else { return false }
            switch key {
            case "title": title = value
            case "subtitle": subtitle = value
            case "summary": summary = value
            case "carrier": carrier = value
            case "status": status = value
            case "name": name = value
            case "type": type = value
            case "website": website = value
            default: siret = value
            }
            return true
        case "draft":
            guard let value = Self.text(node), ["true", "false", ""].contains(value) else { return false }
            draft = value == "true"
            return true
        case "themes":
            guard let values = Self.scalars(node) else { return false }
            themes = values
            return true
        case "territory":
            guard let pairs = node.pairs, Set(pairs.map(\.key)).isSubset(of: ["name", "level", "departments", "population"]) else {
                return false
            }
            for pair in pairs {
                switch pair.key {
                case "departments":
                    guard let codes = Self.scalars(pair.value) else { return false }
                    departments = codes.joined(separator: ", ")
                default:
                    guard let value = Self.text(pair.value) else { return false }
                    if pair.key == "name" { territoryName = value } else if pair.key == "level" { territoryLevel = value } else { population = value }
                }
            }
            return true
        case "period":
            if let value = Self.text(node) {
                periodStart = value
                return true
            }
            guard let values = Self.scalarMapping(node, allowed: ["start", "end"]) else { return false }
            periodStart = values["start"] ?? ""
            periodEnd = values["end"] ?? ""
            return true
        case "budget":
            let items = node.pairs != nil ? [node] : (node.items ?? [])
            guard node.pairs != nil || node.items != nil else { return false }
            var rows: [BudgetRow] = []
            for item in items {
                guard let v = Self.scalarMapping(item, allowed: Self.budgetKeys) else { return false }
                guard let inKind = Self.flag(v["in_kind"]) else { return false }
                rows.append(BudgetRow(amount: v["amount"] ?? "", period: v["period"] ?? "", years: v["years"] ?? "", year: v["year"] ?? "",
                                      nature: v["nature"] ?? "", inKind: inKind, label: v["label"] ?? ""))
            }
            budget = rows
            return true
        case "funding":
            guard let items = node.items else { return false }
            var rows: [FundingRow] = []
            for item in items {
                guard let pairs = item.pairs, Set(pairs.map(\.key)).isSubset(of: Self.fundingKeys) else { return false }
                var v: [String: String] = [:]
                var funders: [String] = []
                for pair in pairs {
                    if pair.key == "funders" {
                        guard let list = Self.scalars(pair.value) else { return false }
                        funders += list
                    } else {
                        guard let value = Self.text(pair.value) else { return false }
                        v[pair.key] = value
                    }
                }
                if let single = v["funder"] { funders.insert(single, at: 0) }
                guard let inKind = Self.flag(v["in_kind"]) else { return false }
                rows.append(FundingRow(funder: funders.first ?? "", joint: funders.dropFirst().joined(separator: ", "),
                                       amount: v["amount"] ?? "", share: v["share"] ?? "", note: v["note"] ?? "",
                                       period: v["period"] ?? "", years: v["years"] ?? "", year: v["year"] ?? "",
                                       nature: v["nature"] ?? "", inKind: inKind))
            }
            funding = rows
            return true
        case "results":
            let items = node.pairs != nil ? [node] : (node.items ?? [])
            guard node.pairs != nil || node.items != nil else { return false }
            var rows: [ResultRow] = []
            for item in items {
                guard let pairs = item.pairs else { return false }
                var row = ResultRow()
                for pair in pairs {
                    switch pair.key {
                    case "year":
                        guard let value = Self.text(pair.value) else { return false }
                        row.year = value
                    case "period":
                        guard let value = Self.text(pair.value) else { return false }
                        row.period = value
                    default:
                        row.metrics.append(MetricRow(metric: pair.key, value: CanonicalYAML.flow(pair.value)))
                    }
                }
                rows.append(row)
            }
            results = rows
            return true
        default:
            return false
        }
    }

    static func flag(_ text: String?) -> Bool? {
        switch text {
        case nil, "", "false": return false
        case "true": return true
        default: return nil
        }
    }
}

// MARK: Reading the posted form

extension RecordForm {
    /// At most this many lines of each list: a form never holds more.
    static let maxRows = 200

    /// The form as posted. Row counts come from hidden fields; every value is kept as typed.
    public static func posted(_ fields: FormFields, kind: EditorKind) -> RecordForm {
        var form = RecordForm(kind: kind)
        let v = { (name: String) in fields.value(name) ?? "" }
        form.id = v("id").trimmed
        form.title = v("title").trimmed
        form.summary = v("summary").trimmed
        form.draft = fields.value("draft") == "true"
        if kind.isCard {
            form.subtitle = v("subtitle").trimmed
            // Checked themes keep the record's order (the first one matters to readers), new ones come after.
            let order = (fields.value("themes.order") ?? "").split(separator: ",").map(String.init)
            let checked = fields.values("themes").filter { !$0.isEmpty }
            form.themes = order.filter(checked.contains) + checked.filter { !order.contains($0) }
            form.carrier = v("carrier")
            form.territoryName = v("territory.name").trimmed
            form.territoryLevel = v("territory.level")
            form.departments = v("territory.departments").trimmed
            form.population = v("territory.population").trimmed
            form.periodStart = v("period.start").trimmed
            form.periodEnd = v("period.end").trimmed
            form.status = v("status")
            for index in 0..<fields.count("budget.count", max: maxRows) {
                let p = "budget.\(index)."
                form.budget.append(BudgetRow(amount: v(p + "amount").trimmed, period: v(p + "period"), years: v(p + "years").trimmed,
                                             year: v(p + "year").trimmed, nature: v(p + "nature"), inKind: fields.value(p + "in_kind") == "true",
                                             label: v(p + "label").trimmed))
            }
            for index in 0..<fields.count("funding.count", max: maxRows) {
                let p = "funding.\(index)."
                form.funding.append(FundingRow(funder: v(p + "funder"), joint: v(p + "joint").trimmed, amount: v(p + "amount").trimmed,
                                               share: v(p + "share").trimmed, note: v(p + "note").trimmed, period: v(p + "period"),
                                               years: v(p + "years").trimmed, year: v(p + "year").trimmed, nature: v(p + "nature"),
                                               inKind: fields.value(p + "in_kind") == "true"))
            }
            for index in 0..<fields.count("results.count", max: maxRows) {
                let p = "results.\(index)."
                var row = ResultRow(year: v(p + "year").trimmed, period: v(p + "period").trimmed)
                for entry in 0..<fields.count(p + "count", max: maxRows) {
                    row.metrics.append(MetricRow(metric: v(p + "\(entry).metric"), value: v(p + "\(entry).value").trimmed))
                }
                form.results.append(row)
            }
        } else {
            form.name = v("name").trimmed
            form.type = v("type")
            form.website = v("website").trimmed
            form.siret = v("siret").trimmed
        }
        return form
    }
}

extension String {
    var trimmed: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}

// MARK: Writing the record

/// A record's text as the form writes it, and which form field each line of it comes from.
public struct WrittenRecord: Sendable {
    public var text: String
    /// File line → form field id (`budget.0.amount`), for showing a diagnostic next to its field.
    public var fields: [Int: String]
}

extension RecordForm {
    /// What an amount field holds: a plain number when it reads as one (French forms accepted), else the text as typed,
    /// quoted, so that the check says what is wrong with it.
    public static func amountYAML(_ typed: String) -> String {
        if case .success(let value) = NumberParser.amount(typed) { return PlainNumber.number(value) }
        return CanonicalYAML.quoted(typed)
    }

    /// The stored value of an amount field, for « enregistré : 97000 »; nil when it does not read as a number.
    public static func storedAmount(_ typed: String) -> String? {
        if case .success(let value) = NumberParser.amount(typed) { return PlainNumber.number(value) }
        return nil
    }

    /// A share: `15`, `15 %` and `15,5 %` are written `15%` and `15.5%`.
    public static func shareYAML(_ typed: String) -> String {
        let text = typed.trimmed
        let number = text.hasSuffix("%") ? String(text.dropLast()) : text
        if case .success(let value) = NumberParser.number(number) { return PlainNumber.number(value) + "%" }
        // Not a number: written as typed, with the % the field stands for, so the check explains it as a share.
        let looksNumeric = text.contains { $0.isNumber }
        return CanonicalYAML.quoted(looksNumeric && !text.hasSuffix("%") ? text + "%" : text)
    }

    /// The stored value of a share field, for « enregistré : 15% »; nil when it does not read as a number.
    public static func storedShare(_ typed: String) -> String? {
        let yaml = shareYAML(typed)
        return yaml.hasPrefix("\"") ? nil : yaml
    }

    /// A whole number (a year, a number of years, a population): plain when it is one (spaces between thousands
    /// allowed), else quoted as typed.
    public static func integerYAML(_ typed: String) -> String {
        let digits = typed.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 15 {
            return String(digits.drop { $0 == "0" }.isEmpty ? "0" : String(digits.drop { $0 == "0" }))
        }
        return CanonicalYAML.quoted(typed)
    }

    /// A metric's value: a number, YAML written by the author (`{value: 30, approx: true}`), or the text quoted.
    public static func metricYAML(_ typed: String) -> String {
        let text = typed.replacingNewlines
        if case .success(let value) = NumberParser.amount(text) { return PlainNumber.number(value) }
        if text.hasPrefix("{") { return text }
        return CanonicalYAML.quoted(text)
    }

    /// The record's text: the form's fields in canonical order, the keys it does not know (and those it cannot show)
    /// as they were written, the body byte for byte. `source` is the record as it is on disk (nil for a new one).
    public func write(source: RecordSource?, kept: Set<String>) -> WrittenRecord {
        var writer = FrontMatterWriter()
        let managed = Set(Self.formKeys(kind)).subtracting(kept)
        let order = Self.canonicalOrder(kind)
        var keys = order
        for block in source?.blocks ?? [] where !order.contains(block.key) { keys.append(block.key) }
        var written: Set<String> = []
        for key in keys where !written.contains(key) {
            written.insert(key)
            let block = source?.block(key)
            if key == "kind" {
                writer.add(raw: block?.leading ?? [])
                writer.add("kind: " + kind.rawValue)
            } else if managed.contains(key) {
                var probe = FrontMatterWriter()
                writeField(key, into: &probe)
                guard !probe.lines.isEmpty else { continue }
                // Comments written above the key stay above it.
                writer.add(raw: block?.leading ?? [])
                writeField(key, into: &writer)
            } else if let block {
                writer.add(raw: block.leading)
                writer.add(raw: block.lines, field: key == "id" ? "id" : nil)
            }
        }
        writer.add(raw: source?.trailing ?? [])
        return WrittenRecord(text: writer.text(body: source?.body ?? "\n", lineEnding: source?.lineEnding ?? "\n"), fields: writer.fields)
    }

    /// The horizon of a budget or funding line, in the order both write it: period, years, year, nature, in_kind.
    static func horizon(period: String, years: String, year: String, nature: String, inKind: Bool) -> [ListEntry] {
        var entries: [ListEntry] = []
        if !period.isEmpty { entries.append(ListEntry("period", CanonicalYAML.scalar(period), "period")) }
        if !years.isEmpty { entries.append(ListEntry("years", integerYAML(years), "years")) }
        if !year.isEmpty { entries.append(ListEntry("year", integerYAML(year), "year")) }
        if !nature.isEmpty { entries.append(ListEntry("nature", CanonicalYAML.scalar(nature), "nature")) }
        if inKind { entries.append(ListEntry("in_kind", "true", "in_kind")) }
        return entries
    }

    func writeField(_ key: String, into w: inout FrontMatterWriter) {
        func line(_ key: String, _ value: String, field: String, indent: String = "") {
            guard !value.isEmpty else { return }
            w.add(indent + key + ": " + CanonicalYAML.scalar(value), field: field)
        }
        switch key {
        case "title": line("title", title, field: "title")
        case "subtitle": line("subtitle", subtitle, field: "subtitle")
        case "summary": line("summary", summary, field: "summary")
        case "draft": if draft { w.add("draft: true", field: "draft") }
        case "themes":
            guard !themes.isEmpty else { return }
            w.add("themes:", field: "themes")
            for theme in themes { w.add("  - " + CanonicalYAML.scalar(theme), field: "themes") }
        case "carrier": line("carrier", carrier, field: "carrier")
        case "territory":
            guard !(territoryName + territoryLevel + departments + population).isEmpty else { return }
            w.add("territory:", field: "territory.name")
            line("name", territoryName, field: "territory.name", indent: "  ")
            line("level", territoryLevel, field: "territory.level", indent: "  ")
            let codes = departments.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
            if !codes.isEmpty {
                w.add("  departments:", field: "territory.departments")
                for code in codes { w.add("    - " + CanonicalYAML.quoted(code), field: "territory.departments") }
            }
            if !population.isEmpty { w.add("  population: " + Self.integerYAML(population), field: "territory.population") }
        case "period":
            guard !periodStart.isEmpty || !periodEnd.isEmpty else { return }
            if periodEnd.isEmpty {
                w.add("period: " + Self.integerYAML(periodStart), field: "period.start")
            } else {
                w.add("period:", field: "period.start")
                if !periodStart.isEmpty { w.add("  start: " + Self.integerYAML(periodStart), field: "period.start") }
                w.add("  end: " + Self.integerYAML(periodEnd), field: "period.end")
            }
        case "status": line("status", status, field: "status")
        case "budget":
            w.list("budget", budget.enumerated().filter { !$0.element.isEmpty }) { row in
                (row.amount.isEmpty ? [] : [ListEntry("amount", Self.amountYAML(row.amount), "amount")])
                    + Self.horizon(period: row.period, years: row.years, year: row.year, nature: row.nature, inKind: row.inKind)
                    + (row.label.isEmpty ? [] : [ListEntry("label", CanonicalYAML.scalar(row.label), "label")])
            }
        case "funding":
            w.list("funding", funding.enumerated().filter { !$0.element.isEmpty }) { row in
                let funders = row.funders
                var entries: [ListEntry] = []
                if funders.count > 1 {
                    entries.append(ListEntry("funders", "", "funder", items: funders.map(CanonicalYAML.scalar), itemsField: "joint"))
                } else if let funder = funders.first {
                    entries.append(ListEntry("funder", CanonicalYAML.scalar(funder), "funder"))
                }
                if !row.amount.isEmpty { entries.append(ListEntry("amount", Self.amountYAML(row.amount), "amount")) }
                if !row.share.isEmpty { entries.append(ListEntry("share", Self.shareYAML(row.share), "share")) }
                entries += Self.horizon(period: row.period, years: row.years, year: row.year, nature: row.nature, inKind: row.inKind)
                if !row.note.isEmpty { entries.append(ListEntry("note", CanonicalYAML.scalar(row.note), "note")) }
                return entries
            }
        case "results":
            w.list("results", results.enumerated().filter { !$0.element.isEmpty }) { row in
                (row.year.isEmpty ? [] : [ListEntry("year", Self.integerYAML(row.year), "year")])
                    + (row.period.isEmpty ? [] : [ListEntry("period", CanonicalYAML.quoted(row.period), "period")])
                    + row.metrics.enumerated().filter { !$0.element.metric.isEmpty }.map { entry, metric in
                        ListEntry(CanonicalYAML.scalar(metric.metric), metric.value.isEmpty ? "\"\"" : Self.metricYAML(metric.value),
                                  "\(entry).value")
                    }
            }
        case "name": line("name", name, field: "name")
        case "type": line("type", type, field: "type")
        case "website": line("website", website, field: "website")
        case "siret": line("siret", siret, field: "siret")
        default: break
        }
    }
}

extension String {
    var replacingNewlines: String {
        String(map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
