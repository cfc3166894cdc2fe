import PasserelleIndicators
import PasserelleModel

/// The funding lines in the French public schema for subsidies (SCDL "subventions", schema.data.gouv.fr),
/// for the lines that carry every required field, and a report of what the others lack.
enum SCDLExport {
    static let csvPath = Routes.dataSCDL + ".csv"
    static let reportPath = Routes.dataSCDLReport + ".csv"

    static let columns: [DataTable.Column] = [
        .init("nomAttribuant", .string, "Nom de l'autorité administrative qui attribue la subvention."),
        .init("idAttribuant", .string, "SIRET de l'attribuant (14 chiffres)."),
        .init("dateConvention", .string, "Date de la convention de subvention (AAAA-MM-JJ)."),
        .init("referenceDecision", .string, "Référence de la décision d'attribution."),
        .init("nomBeneficiaire", .string, "Nom du bénéficiaire (le porteur de la fiche)."),
        .init("idBeneficiaire", .string, "SIRET du bénéficiaire (14 chiffres)."),
        .init("objet", .string, "Objet de la subvention : le titre de la fiche."),
        .init("montant", .number, "Montant de la subvention en euros, tel qu'écrit sur sa ligne, quel que soit son horizon (annuel, pluriannuel, ponctuel ou non précisé)."),
        .init("nature", .string, "Nature de la subvention : aide en numéraire ou aide en nature."),
        .init("conditionsVersement", .string, "Conditions de versement : Unique ou Echelonné."),
        .init("datesPeriodeVersement", .string, "Dates ou période de versement, telles qu'écrites."),
        .init("idRAE", .string, "Identifiant au répertoire des aides aux entreprises (non renseigné)."),
        .init("notificationUE", .string, "oui si la subvention a été notifiée à l'Union européenne, non sinon."),
        .init("pourcentageSubvention", .number, "Part de la subvention dans le budget de même horizon de la fiche, en fraction de 1."),
        .init("dispositifAide", .string, "Dispositif d'aide (non renseigné)."),
    ]
    static let required: Set<String> = ["nomAttribuant", "idAttribuant", "dateConvention", "nomBeneficiaire", "idBeneficiaire",
                                        "objet", "montant", "nature", "conditionsVersement", "notificationUE"]

    static let reportColumns: [DataTable.Column] = [
        .init("card", .string, "Identifiant de la fiche."),
        .init("line", .integer, "Rang de la ligne dans les financements de la fiche (1 pour la première)."),
        .init("funders", .string, "Identifiants des financeurs de la ligne, séparés par des espaces."),
        .init("amount", .number, "Montant de la ligne en euros, tel qu'écrit ; vide quand il n'est pas précisé."),
        .init("horizon", .string, "Horizon du montant : annual, years_N, one_off, unstated, not_broken_down."),
        .init("status", .string, "exporté (dans subventions-scdl.csv), incomplet (un champ obligatoire manque) ou non exportable (pas une subvention publique à un seul attribuant, ou sans montant)."),
        .init("missing", .string, "Les champs SCDL obligatoires qui manquent, séparés par « ; », ou la raison de la non-publication."),
    ]

    /// The SCDL table and its report, from the measured funding lines (`ResolvedFunding`).
    static func tables(site: Site, figures: SiteMeasures) -> [DataTable] {
        var rows: [[DataTable.Cell]] = []
        var report: [[DataTable.Cell]] = []
        for record in site.cards {
            guard let card = record.card, let facts = figures.cards[record.id]?.facts else { continue }
            for (index, line) in facts.funding.enumerated() {
                let funderIDs = line.line.funders.map(\.id).joined(separator: " ")
                func reportRow(_ status: String, _ missing: String) {
                    report.append([.text(record.id), .integer(index + 1), .text(funderIDs), .number(line.amount),
                                   .text(line.horizon.code), .text(status), .text(missing)])
                }
                // A subsidy has one public grantor and an amount; the others cannot be published in this schema.
                guard !line.line.isJoint else { reportRow("non exportable", "financement conjoint : pas d'attribuant unique"); continue }
                guard let funderID = line.line.funders.first?.id, let funder = site.organisation(funderID), funder.type.isPublic else {
                    reportRow("non exportable", "financeur non public : pas une subvention"); continue
                }
                guard let amount = line.amount else { reportRow("non exportable", "montant non précisé"); continue }
                var values: [String: DataTable.Cell] = [
                    "nomAttribuant": .text(funder.name), "objet": .text(record.title), "montant": .number(amount),
                    "nature": .text(line.line.inKind ? "aide en nature" : "aide en numéraire"),
                ]
                if let siret = funder.siret { values["idAttribuant"] = .text(siret.filter { $0 != " " }) }
                if let date = line.line.grant.conventionDate { values["dateConvention"] = .text(date.description) }
                if let reference = line.line.grant.decisionReference { values["referenceDecision"] = .text(reference) }
                switch card.carrier {
                case .organisation(let reference):
                    if let carrier = site.organisation(reference.id) {
                        values["nomBeneficiaire"] = .text(carrier.name)
                        if let siret = carrier.siret { values["idBeneficiaire"] = .text(siret.filter { $0 != " " }) }
                    }
                case .named(let name, _): values["nomBeneficiaire"] = .text(name)
                case nil: break
                }
                if let conditions = line.line.grant.paymentConditions { values["conditionsVersement"] = .text(conditions.scdl) }
                if let dates = line.line.grant.paymentDates { values["datesPeriodeVersement"] = .text(dates) }
                if let notified = line.line.grant.euNotification { values["notificationUE"] = .text(notified ? "oui" : "non") }
                if let share = line.share { values["pourcentageSubvention"] = .number(share) }
                let missing = columns.map(\.name).filter { required.contains($0) && values[$0] == nil }
                if missing.isEmpty {
                    rows.append(columns.map { column in values[column.name] ?? (column.type == .number ? .number(nil) : .text(nil)) })
                    reportRow("exporté", "")
                } else {
                    reportRow("incomplet", missing.joined(separator: "; "))
                }
            }
        }
        return [
            DataTable(stem: String(csvPath.dropLast(4)), title: "Subventions (schéma SCDL)",
                      description: "Les lignes de financement publiques à un seul attribuant qui portent tous les champs obligatoires du schéma national des subventions (SCDL).",
                      columns: columns, primaryKey: [], rows: rows, hasJSON: false),
            DataTable(stem: String(reportPath.dropLast(4)), title: "Subventions : lignes non publiées et champs manquants",
                      description: "Pour chaque ligne de financement, si elle est dans subventions-scdl.csv et sinon ce qui lui manque.",
                      columns: reportColumns, primaryKey: ["card", "line"], rows: report, hasJSON: false),
        ]
    }
}
