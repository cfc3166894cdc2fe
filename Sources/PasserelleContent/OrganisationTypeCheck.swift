import Foundation
import PasserelleModel

/// An organisation without `type:`: an error (`organisation-type-missing`) that lists every type with what it means.
///
/// Nothing is assumed: a local authority left as `association` would be counted as private money on every page and in
/// the open data, so the author chooses. When the organisation's name says what it is (« Région Bretagne »,
/// « Communauté de communes… »), the hint names that type, for the author to confirm.
enum OrganisationTypeCheck {
    /// Reports the missing type at `type:` when the key is written without a value, else at the start of the fields.
    /// Returns nil, for `fields.enumValue("type", …) ?? OrganisationTypeCheck.missing(fields, title: title)`.
    static func missing(_ fields: MappingReader, title: String?) -> OrganisationType? {
        guard !fields.has("type") else { return nil }
        let written = fields.node.pairs?.contains { $0.key == "type" } ?? false
        let location = written ? fields.keyLocation("type") : fields.location
        let name = fields.value("name")?.scalar ?? title ?? ""
        var hint = Bilingual(fr: "écrivez type: suivi du mot qui décrit «\u{A0}\(name)\u{A0}»\u{A0}: ",
                             en: "write type: followed by the word that describes '\(name)': ")
        if let guess = guess(name) {
            hint = Bilingual(fr: "«\u{A0}\(name)\u{A0}» semble être du type \(guess.rawValue) (\(guess.meaning.fr))\u{A0}: si c’est bien le cas, "
                                 + "écrivez\u{A0}: type: \(guess.rawValue)\u{A0}; sinon, choisissez parmi\u{A0}: ",
                             en: "'\(name)' looks like the type \(guess.rawValue) (\(guess.meaning.en)): if so, write: type: \(guess.rawValue); "
                                 + "otherwise choose among: ")
        }
        fields.collector.error("organisation-type-missing", location,
            Bilingual(fr: "le type de l’organisation n’est pas choisi\u{A0}: il décide si son argent compte comme public ou privé, et n’a pas de valeur par défaut",
                      en: "the organisation's type is not chosen: it decides whether its money counts as public or private, and has no default"),
            hint: hint + Bilingual(fr: OrganisationType.choices(.fr), en: OrganisationType.choices(.en)),
            end: written ? SourceLocation(line: location.line, column: location.column + "type:".count) : nil)
        return nil
    }

    /// The type a name states plainly (« Région … », « Communauté de communes … », « Association … »), if any.
    static func guess(_ name: String) -> OrganisationType? {
        let words = " " + name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .map { $0.isLetter || $0.isNumber ? $0 : " " }.reduce(into: "") { $0.append($1) } + " "
        let rules: [(OrganisationType, [String])] = [
            (.intercommunality, ["communaute de communes", "communaute d agglomeration", "agglomeration", "metropole",
                                 "syndicat intercommunal", "intercommunal"]),
            (.region, ["region ", "conseil regional"]),
            (.department, ["departement", "conseil departemental", "conseil general"]),
            (.europe, ["union europeenne", "fse", "feder", "feader"]),
            (.state, ["etat", "prefecture", "ministere", "dreets", "direccte", "ddtefp", "ddets"]),
            (.publicAgency, ["caisse des depots", "ademe", "bpifrance", "france travail", "pole emploi"]),
            (.commune, ["commune", "ville ", "mairie"]),
            (.cooperative, ["scop", "scic", "cooperative", "cae "]),
            (.association, ["association"]),
            // « Fondation Crédit Coopératif », « Fondation de France »: a foundation is private money (trial2).
            (.private, ["fondation", "fonds de dotation"]),
        ]
        for (type, keys) in rules where keys.contains(where: { words.contains(" " + $0) }) {
            return type
        }
        return nil
    }
}
