import ArgumentParser
import Foundation
import PasserelleContent
import PasserelleModel

struct Schema: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the JSON Schemas of the site's records, site.yml and indicators.yml, for editors.",
        discussion: """
        Writes one JSON Schema (draft 2020-12) per kind of record (project.schema.json, initiative.schema.json, \
        article…, organisation…), plus site.schema.json and indicators.schema.json, into the output folder. \
        Descriptions are in French; the site's own themes, sections, organisations and metrics are the allowed \
        values, so run it again after adding one. A key the site does not know (a typo) is refused.

        Editors validate with them as you type (see docs/editeur-vscode.md). The front matter is YAML: read as \
        JSON, its dates are strings. passerelle check remains the complete check.

        The same content always gives the same bytes. Only the *.schema.json files are written; nothing else in \
        the output folder is touched.

        Exit status: 0 written, 1 the content could not be read or a file could not be written, 64 wrong options.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The folder of records and settings.", valueName: "DIR"))
    var content = "Content"

    @Option(name: .long, help: ArgumentHelp("Where the schemas are written (created if missing).", valueName: "DIR"))
    var output = "Schemas"

    @OptionGroup var messages: MessageLanguage

    func run() async throws {
        let loaded = await ContentLoader.load(contentDirectory: content)
        let language = messages.resolve(site: loaded.config.language)
        // The schemas list what the site declares: with site.yml or indicators.yml in error they would be wrong.
        let settingsErrors = loaded.diagnostics.errors.filter { $0.file.hasSuffix("/site.yml") || $0.file.hasSuffix("/indicators.yml") }
        if !settingsErrors.isEmpty {
            printError(DiagnosticPrinter.text(settingsErrors, language))
            printError(language == .en ? "No schema written: correct site.yml and indicators.yml first.\n"
                                       : "Aucun schéma écrit\u{A0}: corrigez d’abord site.yml et indicators.yml.\n")
            throw ExitCode(1)
        }
        let files = RecordSchema.files(RecordSchema.Context(loaded))
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for file in files {
                let path = (output as NSString).appendingPathComponent(file.name)
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            }
        } catch {
            printError(language == .en ? "The schemas could not be written into \(output)/: \(error.localizedDescription)\n"
                                       : "Impossible d’écrire les schémas dans \(output)/\u{A0}: \(error.localizedDescription)\n")
            throw ExitCode(1)
        }
        let display = output.hasSuffix("/") ? String(output.dropLast()) : output
        print(language == .en ? "\(files.count) schemas written into \(display)/: \(files.map(\.name).joined(separator: ", "))."
                              : "\(files.count) schémas écrits dans \(display)/\u{A0}: \(files.map(\.name).joined(separator: ", ")).")
    }
}
