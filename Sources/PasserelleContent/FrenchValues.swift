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
        // organisation types, as their French names (trial2)
        "préfecture": "state", "prefecture": "state", "ministère": "state", "ministere": "state", "dreets": "state",
        "conseil régional": "region", "conseil regional": "region", "conseil départemental": "department",
        "conseil departemental": "department", "departement": "department", "mairie": "commune", "ville": "commune",
        "agglomération": "intercommunality", "métropole": "intercommunality", "metropole": "intercommunality",
        "communauté d'agglomération": "intercommunality", "scop": "cooperative", "scic": "cooperative", "cae": "cooperative",
        "société": "private", "societe": "private", "fondation privée": "private", "caisse des dépôts": "public_agency",
        "france travail": "public_agency", "pôle emploi": "public_agency", "ademe": "public_agency", "fse": "europe",
        "feder": "europe", "ue": "europe", "europe": "europe", "publique": "public_agency",
        // units of indicators.yml (trial2)
        "euros": "EUR", "euro": "EUR", "€": "EUR", "eur": "EUR", "personnes": "people", "personne": "people",
        "emplois": "jobs", "emploi": "jobs", "heures": "hours", "heure": "hours", "tonne": "tonnes",
        "pourcentage": "percent", "pour cent": "percent", "%": "percent", "nombre": "count",
    ]

    /// The French names authors give keys (`titre:`, `résumé:`, `financeur:`), with the key the format expects
    /// (trial2). Used only when that key is allowed where it is written.
    static let keys: [String: String] = [
        "titre": "title", "sous-titre": "subtitle", "soustitre": "subtitle", "résumé": "summary", "resume": "summary",
        "thèmes": "themes", "theme": "themes", "thème": "themes", "porteur": "carrier", "territoire": "territory",
        "statut": "status", "état": "status", "publics": "audiences", "public": "audiences", "objectifs": "objectives",
        "financements": "funding", "financement": "funding", "financeur": "funder", "financeurs": "funders",
        "montant": "amount", "période": "period", "année": "year", "années": "years", "part": "share",
        "résultats": "results", "objectif": "targets", "partenaires": "partners", "liens": "links", "lien": "url",
        "adresse": "url", "libellé": "label", "libelle": "label", "nom": "name", "rôle": "role", "courriel": "email",
        "mél": "email", "e-mail": "email", "téléphone": "phone", "telephone": "phone", "auteur": "author",
        "rubrique": "section", "brouillon": "draft", "unité": "unit", "unite": "unit", "site": "website",
        "site web": "website", "niveau": "level", "départements": "departments", "chiffres": "figures",
        "valeur": "value", "mis à jour": "updated", "mise à jour": "updated", "nature": "nature",
    ]

    /// The key `text` stands for among `allowed`, or nil.
    static func key(for text: String, in allowed: [String]) -> String? {
        guard let key = keys[text.trimmingCharacters(in: .whitespaces).lowercased()], allowed.contains(key) else { return nil }
        return key
    }

    /// The value `text` stands for among `allowed`, or nil.
    static func value(for text: String, in allowed: [String]) -> String? {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let value = words[key], allowed.contains(value) else { return nil }
        return value
    }
}
