import PasserelleIndicators
import PasserelleModel
import PasserelleRender

/// The funding lines in the French public schema for subsidies (SCDL "subventions", schema.data.gouv.fr),
/// for the lines that carry every required field, and a report of what the others lack.
enum SCDLExport {
    static let csvPath = "data/subventions-scdl.csv"
    static let reportPath = "data/subventions-scdl-rapport.csv"

    static let columns = ["nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire",
                          "idBeneficiaire", "objet", "montant", "nature", "conditionsVersement", "datesPeriodeVersement",
                          "idRAE", "notificationUE", "pourcentageSubvention", "dispositifAide"]
    static let required: Set<String> = ["nomAttribuant", "idAttribuant", "dateConvention", "nomBeneficiaire", "idBeneficiaire",
                                        "objet", "montant", "nature", "conditionsVersement", "notificationUE"]
    static let reportColumns = ["card", "funders", "amount", "status", "missing"]

    static var fields: [(name: String, type: String)] {
        columns.map { ($0, $0 == "montant" || $0 == "pourcentageSubvention" ? "number" : "string") }
    }

    static var reportFields: [(name: String, type: String)] {
        [("card", "string"), ("funders", "string"), ("amount", "number"), ("status", "string"), ("missing", "string")]
    }

    static func files(site: Site, measures: [String: CardMeasures]) -> (csv: String, report: String) {
        var rows: [[CSVCell]] = [columns.map(CSVCell.text)]
        var report: [[CSVCell]] = [reportColumns.map(CSVCell.text)]
        for record in site.cards {
            guard let card = record.card, let facts = measures[record.id]?.facts else { continue }
            for line in facts.funding {
                let funderIDs = line.line.funders.map(\.id).joined(separator: " ")
                func reportRow(_ status: String, _ missing: String) {
                    report.append([.text(record.id), .text(funderIDs), .number(line.amount), .text(status), .text(missing)])
                }
                // A subsidy has one public grantor and an amount; the others cannot be published in this schema.
                guard !line.line.isJoint else { reportRow("non exportable", "financement conjoint : pas d'attribuant unique"); continue }
                guard let funderID = line.line.funders.first?.id, let funder = site.organisation(funderID), funder.type.isPublic else {
                    reportRow("non exportable", "financeur non public : pas une subvention"); continue
                }
                guard let amount = line.amount else { reportRow("non exportable", "montant non précisé"); continue }
                var values: [String: CSVCell] = [
                    "nomAttribuant": .text(funder.name), "objet": .text(record.title), "montant": .number(amount),
                    "nature": .text("aide en numéraire"),
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
                let missing = columns.filter { required.contains($0) && values[$0] == nil }
                if missing.isEmpty {
                    rows.append(columns.map { values[$0] ?? .text("") })
                    reportRow("exporté", "")
                } else {
                    reportRow("incomplet", missing.joined(separator: "; "))
                }
            }
        }
        func text(_ lines: [[CSVCell]]) -> String {
            lines.map { $0.map(\.encoded).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        }
        return (text(rows), text(report))
    }
}
