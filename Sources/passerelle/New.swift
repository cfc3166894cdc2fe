import ArgumentParser
import Foundation
import PasserelleModel

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new record from a commented skeleton.",
        discussion: """
        Writes Content/<folder>/<id>.md for the kind you name, with every field explained in comments. \
        The id comes from the title: "Coopérative d'activités" becomes cooperative-d-activites. Fill in \
        the fields, delete the ones you do not need, then run `passerelle check`.

        Kinds: project, initiative, article, page, organisation, term, dashboard.

        Example:
          passerelle new project "Coopérative d'activités intercommunale"
        """
    )

    @Argument(help: "The kind of record: project, initiative, article, page, organisation, term, dashboard.")
    var kind: String

    @Argument(help: "The record's title, in quotes.")
    var title: String

    @Option(name: .long, help: ArgumentHelp("The folder of records.", valueName: "DIR"))
    var content = "Content"

    @Option(name: .long, help: "The id (and address) of the record. Default: made from the title.")
    var id: String?

    func validate() throws {
        guard RecordKind(rawValue: kind) != nil else {
            throw ValidationError("unknown kind '\(kind)': kinds are \(RecordKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        guard let kind = RecordKind(rawValue: kind) else { throw ExitCode(64) }
        let slug = id ?? Slug.make(title)
        guard !slug.isEmpty, slug.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw ValidationError("the id '\(slug)' may only contain a-z, 0-9 and -; pass one with --id")
        }
        let folder = "\(content)/\(Skeletons.folder(kind))"
        let path = "\(folder)/\(slug).md"
        guard !FileManager.default.fileExists(atPath: path) else {
            printError("\(path) already exists; choose another title or pass --id\n")
            throw ExitCode(1)
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Skeletons.text(kind, title: title).write(toFile: path, atomically: true, encoding: .utf8)
        print("Created \(path). Fill it in, then run: passerelle check")
    }
}

enum Skeletons {
    static func folder(_ kind: RecordKind) -> String {
        switch kind {
        case .project: return "projects"
        case .initiative: return "initiatives"
        case .article: return "articles"
        case .page: return "pages"
        case .organisation: return "organisations"
        case .term: return "glossary"
        case .dashboard: return "dashboards"
        }
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func text(_ kind: RecordKind, title: String) -> String {
        let head = "---\nkind: \(kind.rawValue)\ntitle: \(quoted(title))\n"
        let body: String
        switch kind {
        case .project, .initiative:
            body = """
            # subtitle: "Nom court du projet"
            # summary: "Une phrase qui résume la fiche (sinon : le premier paragraphe du texte)."
            # themes: [insertion]                 # ids déclarés dans site.yml, rubrique themes:
            # carrier: id-de-l-organisation       # qui porte le projet (fichier de organisations/)
            # territory: {name: "Vallée de l'Ondaine", level: intercommunality, departments: ["42"]}
            # period: {start: 2006, end: 2008}    # ou une seule année : period: 2002
            # status: ongoing                     # idea, ongoing, completed, stopped
            # audiences: ["Personnes éloignées de l'emploi"]
            # objectives:
            #   - "Créer des activités"
            #   - {label: "Une trentaine d'emplois d'insertion", target: insertion_jobs}
            # budget: {amount: 97000, period: annual, nature: operating}
            #   # period: annual (par an), total (sur plusieurs années, avec years: 3), one_off
            # funding:                            # une part (15%) ou un montant (50000), ou les deux
            #   - {funder: region-x, share: 15%}
            #   - {funder: intercommunalite-y, amount: 180000}
            #   - {funders: [a, b], amount: 120000}   # financement conjoint, répartition inconnue
            # results:
            #   - year: 2002
            #     people_accompanied: 40
            #     exits: {total: 11, parts: {salaried_job: 6, self_employed: 5}}
            # targets: {insertion_jobs: 30}
            # partners: [{organisation: id, role: expert}]   # carrier, funder, expert, operator, buyer, territorial, other
            # contacts: [{name: "…", role: "…", organisation: id, phone: "…", email: "…", address: "…"}]
            # links: [{label: "Site du projet", url: "https://…"}]
            # source: {label: "Fiche de …", url: "https://…"}
            ---

            ## Idée

            Décrivez ici le projet, en Markdown.

            """
        case .article:
            body = """
            date: 2026-01-01                      # date de publication, obligatoire
            # author: "…"
            # summary: "…"
            # themes: [cooperatives]
            # figures: [{value: 70, label: "CAE en France"}, {value: 67, unit: "%", label: "…"}]
            ---

            Le texte de l'actualité, en Markdown.

            """
        case .page:
            body = """
            # section: id-de-la-rubrique          # déclarée dans site.yml, rubrique sections:
            # weight: 1                           # ordre dans la rubrique
            # summary: "…"
            ---

            Le texte de la page, en Markdown.

            """
        case .organisation:
            body = """
            type: association                     # region, state, europe, department, intercommunality, commune,
                                                  # public_agency, private, self_financing, association, cooperative, other
            # name: "Nom complet"
            # website: "https://…"
            # siret: "…"                          # 14 chiffres
            ---

            Une ou deux phrases de présentation.

            """
        case .term:
            body = """
            term: "SIGLE"
            # aliases: ["forme développée"]
            ---

            La définition, en deux à quatre phrases.

            """
        case .dashboard:
            body = """
            ---

            Le texte du tableau de bord, en Markdown.

            """
        }
        return head + body
    }
}
