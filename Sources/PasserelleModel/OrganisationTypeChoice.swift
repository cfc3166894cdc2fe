/// How authors choose an organisation's `type:`: the word to write and what it means, in French and English.
///
/// The type decides whether the organisation's money is counted as public or private on every page and in the open
/// data, so it is never given by default: `passerelle new organisation` leaves it to be chosen, and a missing type is
/// an error listing these choices.
extension OrganisationType {
    /// What the word means, for the author choosing it: `region` → « Région, conseil régional ».
    public var meaning: Bilingual {
        switch self {
        case .region: Bilingual(fr: "Région, conseil régional", en: "region, regional council")
        case .state: Bilingual(fr: "État, ministère, préfecture, DREETS…", en: "the State, a ministry, a prefecture…")
        case .europe: Bilingual(fr: "Union européenne, FSE, FEDER…", en: "the European Union, ESF, ERDF…")
        case .department: Bilingual(fr: "Département, conseil départemental", en: "department, departmental council")
        case .intercommunality: Bilingual(fr: "intercommunalité, communauté de communes, agglomération, métropole",
                                          en: "inter-municipality, community of municipalities, metropolis")
        case .commune: Bilingual(fr: "commune", en: "municipality")
        case .publicAgency: Bilingual(fr: "établissement public, Caisse des Dépôts, Ademe, France Travail…",
                                      en: "public agency, Caisse des Dépôts, Ademe…")
        case .private: Bilingual(fr: "entreprise ou fondation privée", en: "private company or foundation")
        case .selfFinancing: Bilingual(fr: "autofinancement, le porteur ou ses membres", en: "self-financing, the carrier or its members")
        case .association: Bilingual(fr: "association", en: "association")
        case .cooperative: Bilingual(fr: "coopérative, Scop, Scic, CAE…", en: "cooperative, Scop, Scic…")
        case .other: Bilingual(fr: "autre", en: "other")
        }
    }

    /// Every choice as `word (meaning)`, separated by commas: public types first (« argent public : region (…), … ;
    /// argent privé : private (…), … »).
    public static func choices(_ language: Language) -> String {
        func list(_ types: [OrganisationType]) -> String {
            types.map { "\($0.rawValue) (\($0.meaning.text(language)))" }.joined(separator: ", ")
        }
        let publicTypes = list(allCases.filter(\.isPublic))
        let privateTypes = list(allCases.filter { !$0.isPublic })
        return language == .en ? "public money: \(publicTypes); private money: \(privateTypes)"
                               : "argent public\u{A0}: \(publicTypes)\u{A0}; argent privé\u{A0}: \(privateTypes)"
    }
}
