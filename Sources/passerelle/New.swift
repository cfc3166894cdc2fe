import ArgumentParser
import Foundation
import PasserelleContent
import PasserelleModel

struct New: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new record from a commented skeleton (a draft).",
        discussion: """
        Writes Content/<folder>/<id>.md for the kind you name: a draft (draft: true) with every optional field shown \
        in a comment by a French example of each shape (budget lines per year, over several years and one-off, funding \
        lines, joint and in-kind funding, dated and multi-year results, ranges, approximate values, an image), and the \
        site's own themes, organisations and metrics listed. The id comes from the title: "Coopérative d'activités" \
        becomes cooperative-d-activites. Fill in the fields, replace the [À compléter : …] sentences (check warns \
        about each one left), then run `passerelle check` and look at the page with `passerelle serve`.

        An organisation's type is left to be chosen: check reports it until it is.

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
            let kinds = RecordKind.allCases.map(\.rawValue)
            let near = Suggestions.closest(to: kind, in: kinds).map { "vouliez-vous dire « \($0) » ? " } ?? ""
            throw ValidationError("type d’enregistrement inconnu « \(kind) » : \(near)les types sont \(kinds.joined(separator: ", "))")
        }
    }

    func run() async throws {
        guard let kind = RecordKind(rawValue: kind) else { throw ExitCode(64) }
        let slug = id ?? Slug.make(title)
        guard RecordDecoder.isValidID(slug) else {
            throw ValidationError("l’identifiant « \(slug) » ne peut contenir que a-z, 0-9 et - : donnez-en un avec --id")
        }
        let folder = "\(content)/\(Skeletons.folder(kind))"
        let path = "\(folder)/\(slug).md"
        guard !FileManager.default.fileExists(atPath: path) else {
            printError("\(path) existe déjà : choisissez un autre titre ou donnez un identifiant avec --id\n")
            throw ExitCode(1)
        }
        let vocabulary = await SkeletonVocabulary.read(content: content, today: Self.today())
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Skeletons.text(kind, title: title, vocabulary: vocabulary).write(toFile: path, atomically: true, encoding: .utf8)
        print(Self.report(kind: kind, path: path, id: slug, content: content), terminator: "")
    }

    /// What `new` prints: the file written, what to do next, and the address of the record in the preview.
    static func report(kind: RecordKind, path: String, id: String, content: String) -> String {
        let option = content == "Content" ? "" : " --content \(content)"
        let serve = "passerelle serve" + option
        var text = "Créé : \(path)\n"
        if kind == .organisation {
            text += "Choisissez son type (ligne type:) : tant qu’il manque, passerelle check signale une erreur.\n"
        } else {
            text += "C’est un brouillon (draft: true) : il n’est pas publié tant que cette ligne reste.\n"
        }
        text += "Remplacez les textes [À compléter : …], puis vérifiez : passerelle check\(option)\n"
        text += "Aperçu : lancez \(serve), puis ouvrez http://127.0.0.1:8000/\(Skeletons.route(kind, id: id))\n"
        return text
    }

    /// Today's date in the local time zone, for an article's `date:`.
    static func today() -> Day {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year ?? 2026, month: parts.month ?? 1, day: parts.day ?? 1) ?? Day.distantPast
    }
}
