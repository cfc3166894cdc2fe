import Foundation
import PasserelleModel

/// Turns a record's front matter (a `YAMLNode`) and body into a typed `Record`, reporting every mistake.
public enum RecordDecoder {
    static let commonKeys = ["kind", "id", "title", "summary", "date", "updated", "draft", "themes", "source", "aliases", "glossary"]

    static let keysByKind: [RecordKind: [String]] = [
        .project: cardKeys,
        .initiative: cardKeys,
        .article: ["author", "section", "figures"],
        .page: ["section", "weight"],
        .organisation: ["name", "type", "territory", "website", "siret"],
        .term: ["term"],
        .dashboard: [],
    ]

    static let cardKeys = ["subtitle", "carrier", "territory", "period", "status", "audiences", "objectives", "budget",
                           "funding", "results", "targets", "partners", "value_chains", "contacts", "links", "award"]

    /// Decodes one record. `defaultID` is the file name without its extension.
    public static func decode(_ front: YAMLNode, body: String, bodyLine: Int, defaultID: String,
                              collector: DiagnosticCollector) -> Record? {
        guard front.pairs != nil else {
            collector.error(front.location, "the front matter must be key: value lines, found \(front.typeDescription)",
                            hint: "start with kind: project and title: \"...\"")
            return nil
        }
        let allKinds = RecordKind.allCases.map(\.rawValue)
        guard let kindNode = front["kind"], !kindNode.isNull else {
            collector.error(front.location, "missing required key 'kind'",
                            hint: "add a line such as kind: project (kinds: \(allKinds.joined(separator: ", ")))")
            return nil
        }
        guard let kindText = kindNode.scalar else {
            collector.error(kindNode.location, "'kind' must be one word, found \(kindNode.typeDescription)",
                            hint: "kinds are \(allKinds.joined(separator: ", "))")
            return nil
        }
        guard let kind = RecordKind(rawValue: kindText) else {
            let text = kindText
            let near = Suggestions.closest(to: text, in: allKinds).map { "did you mean '\($0)'? " } ?? ""
            collector.error(kindNode.location, "unknown kind '\(text)'", hint: "\(near)kinds are \(allKinds.joined(separator: ", "))")
            return nil
        }
        let allowed = commonKeys + (keysByKind[kind] ?? [])
        guard let fields = MappingReader(front, collector, what: kind.withArticle, allowed: allowed) else { return nil }

        let id: String
        let idLocation: SourceLocation
        if let written = fields.string("id") {
            id = written
            idLocation = fields.value("id")?.location ?? front.location
        } else {
            id = defaultID
            idLocation = .start
        }
        if !isValidID(id) {
            collector.error(idLocation, "invalid id '\(id)': ids may only contain a-z, 0-9 and -",
                            hint: "the id becomes the page's address; write e.g. id: \(Slug.make(id).isEmpty ? "cap-ondaine" : Slug.make(id))")
        }
        let title = fields.string("title", required: "\"Coopérative d'activités intercommunale\"")
        if title?.isEmpty == true {
            collector.error(fields.value("title")?.location ?? front.location, "'title' must not be empty")
        }
        let date = fields.day("date")
        if kind == .article && date == nil && !fields.has("date") {
            fields.missing("date", example: "2014-01-10")
        }
        let payload: Record.Payload
        switch kind {
        case .project, .initiative: payload = .card(CardDecoder.decode(fields))
        case .article: payload = .article(decodeArticle(fields))
        case .page: payload = .page(Page(section: fields.reference("section"), weight: fields.int("weight") ?? 0))
        case .organisation:
            guard let organisation = decodeOrganisation(fields, title: title) else { return nil }
            payload = .organisation(organisation)
        case .term:
            payload = .term(Term(term: fields.string("term") ?? title ?? id, aliases: []))
        case .dashboard: payload = .dashboard(DashboardDecoder.decode(body: body, bodyLine: bodyLine, collector: collector))
        }
        var aliases = fields.strings("aliases")
        var finalPayload = payload
        if kind == .term, case .term(var term) = payload {
            // A term's aliases are other spellings of the word, not old URLs.
            term.aliases = aliases
            aliases = []
            finalPayload = .term(term)
        }
        // Old addresses that redirect here: each becomes a page, so each must be a safe path inside the site.
        var aliasLocations: [SourceLocation] = []
        if kind != .term, let node = fields.value("aliases") {
            let locations = (node.items ?? [node]).filter { $0.scalar != nil && !$0.isNull }.map(\.location)
            var kept: [String] = []
            for (alias, location) in zip(aliases, locations) {
                switch AliasPath.file(for: alias) {
                case .success:
                    kept.append(alias)
                    aliasLocations.append(location)
                case .failure(let problem):
                    collector.error(location, "the alias '\(alias)' \(problem.message)",
                                    hint: "write the old address as a path of this site, e.g. aliases: [\"fiches/ancienne-adresse/\"]")
                }
            }
            aliases = kept
        }
        let source = decodeSource(fields)
        var record = Record(kind: kind, id: id, title: title ?? "", summary: fields.string("summary"), date: date,
                            updated: fields.day("updated"), draft: fields.bool("draft") ?? false,
                            themes: fields.references("themes"), source: source, aliases: aliases, body: body,
                            bodyLine: bodyLine, file: collector.file, idLocation: idLocation,
                            linksGlossary: fields.bool("glossary") ?? true, payload: finalPayload)
        record.aliasLocations = aliasLocations
        return title == nil ? nil : record
    }

    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 120 && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func decodeSource(_ fields: MappingReader) -> SourceAttribution? {
        guard let source = fields.mapping("source", what: "source", allowed: sourceKeys) else { return nil }
        guard let label = source.string("label", required: "\"Fiche de l'Avise\"") else { return nil }
        return SourceAttribution(label: label, url: source.url("url"), licence: source.string("licence"))
    }

    static func decodeArticle(_ fields: MappingReader) -> Article {
        let figures = fields.list("figures").compactMap { node -> KeyFigure? in
            guard let figure = MappingReader(node, fields.collector, what: "a key figure", allowed: figureKeys) else { return nil }
            let value = figure.amount("value")
            let label = figure.string("label", required: "\"CAE en France\"")
            if value == nil && !figure.has("value") { figure.missing("value", example: "70") }
            guard let value, let label else { return nil }
            return KeyFigure(value: value, unit: figure.string("unit"), label: label)
        }
        return Article(author: fields.string("author"), section: fields.reference("section"), figures: figures)
    }

    static func decodeOrganisation(_ fields: MappingReader, title: String?) -> Organisation? {
        let type = fields.enumValue("type", OrganisationType.self) ?? OrganisationTypeCheck.missing(fields, title: title)
        let siret = fields.string("siret")
        if let siret, !isValidSIRET(siret) {
            fields.collector.error(fields.value("siret")?.location ?? fields.location, "invalid SIRET '\(siret)'",
                                   hint: "a SIRET has 14 digits and passes the Luhn check; copy it from annuaire-entreprises.data.gouv.fr")
        }
        let territory = fields.value("territory").flatMap { CardDecoder.territory($0, fields.collector) }
        guard let type else { return nil }
        return Organisation(name: fields.string("name") ?? title ?? "", type: type, territory: territory,
                            website: fields.url("website"), siret: siret)
    }

    /// 14 digits with a valid Luhn checksum (La Poste's SIRETs are the documented exception).
    public static func isValidSIRET(_ text: String) -> Bool {
        let digits = text.filter { $0 != " " }
        guard digits.count == 14, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        if digits.hasPrefix("356000000") {
            return digits.compactMap(\.wholeNumberValue).reduce(0, +) % 5 == 0
        }
        var sum = 0
        for (index, char) in digits.reversed().enumerated() {
            guard var digit = char.wholeNumberValue else { return false }
            if index % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return sum % 10 == 0
    }
}
