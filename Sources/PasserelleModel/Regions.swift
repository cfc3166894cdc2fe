import Foundation


/// French departments and the region (2016 map) each belongs to, for deriving a card's region.
public enum Regions {
    public static let all: [String] = [
        "Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne", "Centre-Val de Loire", "Corse", "Grand Est",
        "Hauts-de-France", "Île-de-France", "Normandie", "Nouvelle-Aquitaine", "Occitanie", "Pays de la Loire",
        "Provence-Alpes-Côte d'Azur", "Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte",
    ]

    private static let byRegion: [String: [String]] = [
        "Auvergne-Rhône-Alpes": ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"],
        "Bourgogne-Franche-Comté": ["21", "25", "39", "58", "70", "71", "89", "90"],
        "Bretagne": ["22", "29", "35", "56"],
        "Centre-Val de Loire": ["18", "28", "36", "37", "41", "45"],
        "Corse": ["2A", "2B"],
        "Grand Est": ["08", "10", "51", "52", "54", "55", "57", "67", "68", "88"],
        "Hauts-de-France": ["02", "59", "60", "62", "80"],
        "Île-de-France": ["75", "77", "78", "91", "92", "93", "94", "95"],
        "Normandie": ["14", "27", "50", "61", "76"],
        "Nouvelle-Aquitaine": ["16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"],
        "Occitanie": ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"],
        "Pays de la Loire": ["44", "49", "53", "72", "85"],
        "Provence-Alpes-Côte d'Azur": ["04", "05", "06", "13", "83", "84"],
        "Guadeloupe": ["971"],
        "Martinique": ["972"],
        "Guyane": ["973"],
        "La Réunion": ["974"],
        "Mayotte": ["976"],
    ]

    private static let byDepartment: [String: String] = {
        var table: [String: String] = [:]
        for (region, departments) in byRegion {
            for department in departments { table[department] = region }
        }
        return table
    }()

    /// The region of an INSEE department code ("42" → "Auvergne-Rhône-Alpes"), nil if unknown.
    public static func region(ofDepartment code: String) -> String? {
        byDepartment[code]
    }

    /// Region names compared without case, accents, hyphens or spaces ("Auvergne Rhone Alpes" matches).
    public static func sameName(_ a: String, _ b: String) -> Bool {
        key(a) == key(b)
    }

    private static func key(_ name: String) -> String {
        name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .filter { $0.isLetter }
            .lowercased()
    }

    /// A URL-safe id for a region ("Auvergne-Rhône-Alpes" → "auvergne-rhone-alpes").
    public static func slug(_ name: String) -> String {
        Slug.make(name)
    }
}
