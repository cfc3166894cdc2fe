import Foundation

/// The French words authors write for the values of pick lists (`status: en cours`, `nature: fonctionnement`,
/// `role: financeur`), with the value the format expects. Used only when that value is one of the list's.
enum FrenchValues {
    static let words: [String: String] = [
        // status
        "en cours": "ongoing", "encours": "ongoing", "en projet": "idea", "idée": "idea", "idee": "idea",
        "terminé": "completed", "termine": "completed", "terminée": "completed", "achevé": "completed", "fini": "completed",
        "arrêté": "stopped", "arrete": "stopped", "arrêtée": "stopped", "abandonné": "stopped", "interrompu": "stopped",
        // budget and funding lines
        "fonctionnement": "operating", "investissement": "investment",
        "annuel": "annual", "annuelle": "annual", "par an": "annual", "ponctuel": "one_off", "ponctuelle": "one_off",
        "pluriannuel": "total", "pluriannuelle": "total",
        // partners and value chain actors
        "financeur": "funder", "porteur": "carrier", "opérateur": "operator", "operateur": "operator",
        "acheteur": "buyer", "autre": "other", "partenaire": "other",
        // territories and organisation types
        "intercommunalité": "intercommunality", "communauté de communes": "intercommunality", "département": "department",
        "région": "region", "nationale": "national", "état": "state", "etat": "state", "union européenne": "europe",
        "entreprise": "private", "fondation": "private", "privé": "private", "autofinancement": "self_financing",
        "coopérative": "cooperative", "établissement public": "public_agency",
        // units of indicators.yml (trial2)
        "euros": "EUR", "euro": "EUR", "€": "EUR", "eur": "EUR", "personnes": "people", "personne": "people",
        "emplois": "jobs", "emploi": "jobs", "heures": "hours", "heure": "hours", "tonne": "tonnes",
        "pourcentage": "percent", "pour cent": "percent", "%": "percent", "nombre": "count",
    ]

    /// The value `text` stands for among `allowed`, or nil.
    static func value(for text: String, in allowed: [String]) -> String? {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let value = words[key], allowed.contains(value) else { return nil }
        return value
    }
}
