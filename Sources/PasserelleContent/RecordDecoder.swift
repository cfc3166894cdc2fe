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
            collector.error("front-matter-not-mapping", front.location,
                            Bilingual(fr: "l’en-tête de la fiche doit être fait de lignes «\u{A0}clé: valeur\u{A0}», et non \(front.typeName.fr)",
                                      en: "the front matter must be key: value lines, found \(front.typeName.en)"),
                            hint: Bilingual(fr: "commencez l’en-tête par les lignes «\u{A0}kind: project\u{A0}» et «\u{A0}title: \"…\"\u{A0}»",
                                            en: "start with kind: project and title: \"...\""))
            return nil
        }
        let allKinds = RecordKind.allCases.map(\.rawValue)
        guard let kindNode = front["kind"], !kindNode.isNull else {
            collector.error("kind-missing", front.location,
                            Bilingual(fr: "la clé «\u{A0}kind\u{A0}» manque\u{A0}: elle dit de quelle sorte de fiche il s’agit",
                                      en: "missing required key 'kind'"),
                            hint: Bilingual(fr: "ajoutez une ligne «\u{A0}kind: project\u{A0}» (sortes possibles\u{A0}: \(allKinds.joined(separator: ", ")))",
                                            en: "add a line such as kind: project (kinds: \(allKinds.joined(separator: ", ")))"))
            return nil
        }
        guard let kindText = kindNode.scalar else {
            collector.error("value-type", kindNode.location,
                            Bilingual(fr: "«\u{A0}kind\u{A0}» doit être un seul mot, et non \(kindNode.typeName.fr)",
                                      en: "'kind' must be one word, found \(kindNode.typeName.en)"),
                            hint: Bilingual(fr: "sortes possibles\u{A0}: \(allKinds.joined(separator: ", "))",
                                            en: "kinds are \(allKinds.joined(separator: ", "))"))
            return nil
        }
        guard let kind = RecordKind(rawValue: kindText) else {
            let text = kindText
            let near = Suggestions.closest(to: text, in: allKinds)
            let kinds = allKinds.joined(separator: ", ")
            let end = SourceLocation(line: kindNode.location.line, column: kindNode.location.column + text.unicodeScalars.count)
            let hint = near.map { Bilingual(fr: "vouliez-vous dire «\u{A0}\($0)\u{A0}»\u{A0}? écrivez\u{A0}: kind: \($0)", en: "did you mean '\($0)'? write: kind: \($0)") }
                ?? Bilingual(fr: "sortes possibles\u{A0}: \(kinds)", en: "kinds are \(kinds)")
            let fix = near.flatMap { near in kindNode.isPlain ? Fix(start: kindNode.location, end: end, replacement: near) : nil }
            collector.error("kind-unknown", kindNode.location,
                            Bilingual(fr: "sorte de fiche inconnue\u{A0}: «\u{A0}\(text)\u{A0}»", en: "unknown kind '\(text)'"),
                            hint: hint, end: end, fix: fix)
            return nil
        }
        let allowed = commonKeys + (keysByKind[kind] ?? [])
        guard let fields = MappingReader(front, collector, what: kind.named, allowed: allowed) else { return nil }

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
            let slug = Slug.make(id).isEmpty ? "cap-ondaine" : Slug.make(id)
            collector.error("id-invalid", idLocation,
                            Bilingual(fr: "identifiant invalide «\u{A0}\(id)\u{A0}»\u{A0}: un identifiant ne contient que des lettres a-z minuscules sans accent, des chiffres et des tirets",
                                      en: "invalid id '\(id)': ids may only contain a-z, 0-9 and -"),
                            hint: idLocation == .start
                                // No id: line: the file's name is the id; renaming the file is the fix (trial2).
                                ? Bilingual(fr: "le nom du fichier donne l’identifiant, qui devient l’adresse de la page\u{A0}: renommez le fichier «\u{A0}\(id).md\u{A0}» en «\u{A0}\(slug).md\u{A0}», ou ajoutez la ligne id: \(slug)",
                                            en: "the file's name gives the id, which becomes the page's address: rename the file '\(id).md' to '\(slug).md', or add the line id: \(slug)")
                                : Bilingual(fr: "l’identifiant devient l’adresse de la page\u{A0}; écrivez par exemple\u{A0}: id: \(slug)",
                                            en: "the id becomes the page's address; write e.g. id: \(slug)"))
        }
        let title = fields.string("title", required: "\"Coopérative d'activités intercommunale\"")
        if title?.isEmpty == true {
            collector.error("value-empty", fields.value("title")?.location ?? front.location,
                            Bilingual(fr: "le titre («\u{A0}title\u{A0}») est vide", en: "'title' must not be empty"),
                            hint: Bilingual(fr: "écrivez le titre entre guillemets\u{A0}: title: \"…\"", en: "write the title in quotes: title: \"…\""))
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
                    collector.error("alias-invalid", location,
                                    Bilingual(fr: "l’ancienne adresse «\u{A0}\(alias)\u{A0}» \(problem.french)", en: "the alias '\(alias)' \(problem.message)"),
                                    hint: Bilingual(fr: "écrivez l’ancienne adresse comme un chemin de ce site, par exemple aliases: [\"fiches/ancienne-adresse/\"]",
                                                    en: "write the old address as a path of this site, e.g. aliases: [\"fiches/ancienne-adresse/\"]"))
                }
            }
            aliases = kept
        }
        let source = decodeSource(fields)
        var record = Record(kind: kind, id: id, title: title ?? "", summary: fields.string("summary"), date: date,
                            updated: fields.day("updated"), draft: fields.bool("draft") ?? false,
                            themes: AuthorHints.references(fields, "themes"), source: source, aliases: aliases, body: body,
                            bodyLine: bodyLine, file: collector.file, idLocation: idLocation,
                            linksGlossary: fields.bool("glossary") ?? true, payload: finalPayload)
        record.aliasLocations = aliasLocations
        return title == nil ? nil : record
    }

    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 120 && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func decodeSource(_ fields: MappingReader) -> SourceAttribution? {
        guard let source = fields.mapping("source", what: Bilingual(fr: "la source", en: "source"), allowed: sourceKeys) else { return nil }
        guard let label = source.string("label", required: "\"Fiche de l'Avise\"") else { return nil }
        return SourceAttribution(label: label, url: source.url("url"), licence: source.string("licence"))
    }

    /// `67 %` → ("67", "%"), `6 500 personnes` → ("6500", "personnes"): the author's figure (as written, without the
    /// spaces between thousands) and the unit after it; nil when the text is not a number followed by a unit, or
    /// when that unit is euros (an amount, read as one).
    static func figureWithUnit(_ text: String) -> (String, String)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let split = trimmed.firstIndex(where: { !($0.isNumber || $0 == " " || $0 == "\u{A0}" || $0 == "\u{202F}" || $0 == ",") }) else { return nil }
        let figure = trimmed[..<split].trimmingCharacters(in: CharacterSet(charactersIn: " \u{A0}\u{202F}"))
        let unit = trimmed[split...].trimmingCharacters(in: .whitespaces)
        guard !figure.isEmpty, !unit.isEmpty, !unit.contains("€"), !["eur", "euro", "euros", "k€", "m€"].contains(unit.lowercased()),
              unit == "%" || unit.allSatisfy({ $0.isLetter || $0 == " " || $0 == "’" || $0 == "'" }),
              case .success = NumberParser.number(figure) else { return nil }
        return (figure.filter { $0 != " " && $0 != "\u{A0}" && $0 != "\u{202F}" }, unit)
    }

    static func decodeArticle(_ fields: MappingReader) -> Article {
        let figures = fields.list("figures").compactMap { node -> KeyFigure? in
            guard let figure = MappingReader(node, fields.collector, what: Bilingual(fr: "le chiffre clé", en: "a key figure"), allowed: figureKeys) else { return nil }
            // `value: 67 %`, `value: "6 500 personnes"`: the figure with its unit; the unit has its own key.
            if let node = figure.value("value"), let text = node.scalar, !figure.has("unit"),
               let (figureText, unit) = Self.figureWithUnit(text) {
                // With a decimal comma the figure goes between quotes: between braces, a bare comma would split it.
                let number = figureText.contains(",") ? "\"\(figureText)\"" : figureText
                fields.collector.error("number-not-a-number", node.location,
                                       Bilingual(fr: "«\u{A0}value\u{A0}» doit être un nombre, «\u{A0}\(text)\u{A0}» n’en est pas un",
                                                 en: "'value' must be a number, found '\(text)'"),
                                       hint: Bilingual(fr: "écrivez le chiffre et son unité à part\u{A0}: value: \(number), unit: \"\(unit)\"",
                                                       en: "write the figure and its unit apart: value: \(number), unit: \"\(unit)\""),
                                       end: AuthorHints.valueEnd(node))
                return nil
            }
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
            fields.collector.error("siret-invalid", fields.value("siret")?.location ?? fields.location,
                                   Bilingual(fr: "numéro SIRET invalide\u{A0}: «\u{A0}\(siret)\u{A0}»", en: "invalid SIRET '\(siret)'"),
                                   hint: Bilingual(fr: "un SIRET a 14 chiffres et une clé de contrôle\u{A0}; copiez-le depuis annuaire-entreprises.data.gouv.fr",
                                                   en: "a SIRET has 14 digits and passes the Luhn check; copy it from annuaire-entreprises.data.gouv.fr"))
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

extension RecordKind {
    /// How messages name a record of this kind: « la fiche » / "a project", « l’article » / "an article".
    public var named: Bilingual {
        switch self {
        case .project: Bilingual(fr: "la fiche projet", en: "a project")
        case .initiative: Bilingual(fr: "la fiche initiative", en: "an initiative")
        case .article: Bilingual(fr: "l’article", en: "an article")
        case .page: Bilingual(fr: "la page", en: "a page")
        case .organisation: Bilingual(fr: "la fiche de l’organisation", en: "an organisation")
        case .term: Bilingual(fr: "le terme du glossaire", en: "a term")
        case .dashboard: Bilingual(fr: "le tableau de bord", en: "a dashboard")
        }
    }
}

extension AliasPath.Problem {
    /// The French of `message`: « est une adresse absolue… ».
    var french: String {
        switch self {
        case .absoluteURL: "est une adresse complète (https://…)\u{A0}; une ancienne adresse est un chemin à l’intérieur de ce site"
        case .home: "est la page d’accueil"
        case .characters: "contient un caractère autre que a-z, A-Z, 0-9, «\u{A0}-\u{A0}», «\u{A0}_\u{A0}», «\u{A0}.\u{A0}» et «\u{A0}/\u{A0}»"
        case .parent: "contient un segment «\u{A0}..\u{A0}» ou «\u{A0}.\u{A0}»"
        case .emptySegment: "contient un segment vide («\u{A0}//\u{A0}»)"
        case .hidden: "contient un segment qui commence par «\u{A0}.\u{A0}» (un fichier caché)"
        case .notAPage: "désigne un fichier qui n’est pas une page HTML"
        }
    }
}
