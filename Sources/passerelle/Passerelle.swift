import ArgumentParser
import Foundation
import PasserelleBuild
import PasserelleExports
import PasserelleModel

@main
struct Passerelle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passerelle",
        abstract: "Turns the records of a social and solidarity economy union into a complete static website.",
        discussion: """
        Records are Markdown files with YAML front matter in Content/ (good-practice cards, territorial \
        initiatives, news, explainers, organisations, glossary). Templates/ holds the theme. Output/ receives \
        the site: plain files any web host can serve.

        Typical use, from the site's folder:
          passerelle check          find every mistake in Content/, with file:line:column and a hint
          passerelle check Content/projects/x.md   the same for one record
          passerelle build          write the site into Output/ (only if there is no error)
          passerelle new project "Ma fiche"   start a new record from a commented skeleton
          passerelle serve          preview the site while you write
          passerelle indicators --by region   the figures of the cards, aggregated, in the terminal
          passerelle schema         JSON Schemas of the records, for editors (docs/editeur-vscode.md)
        """,
        subcommands: [Build.self, Check.self, New.self, Serve.self, Indicators.self, Schema.self]
    )
}

/// Prints diagnostics the way compilers do, then a one-line count.
enum DiagnosticPrinter {
    /// One diagnostic is one line (and its hint one more): a control character of a file name or message (newline,
    /// carriage return, tab, escape…), a line separator or a bidirectional override is printed as an escape (`\n`,
    /// `\u{1B}`), so it can neither split the line nor drive the terminal.
    static func text(_ diagnostics: [Diagnostic], _ language: Language) -> String {
        var out = diagnostics.map { diagnostic in
            escaped(diagnostic.headline(language))
                + (diagnostic.hint(language).map { "\n    " + (language == .en ? "hint: " : "conseil : ") + escaped($0) } ?? "")
                + "\n"
        }.joined()
        out += count(diagnostics, language) + "\n"
        return out
    }

    /// `2 erreurs, 1 avertissement` / `2 errors, 1 warning`.
    static func count(_ diagnostics: [Diagnostic], _ language: Language) -> String {
        let errors = diagnostics.errors.count
        let warnings = diagnostics.warnings.count
        switch language {
        case .fr:
            return "\(errors) erreur\(errors > 1 ? "s" : ""), \(warnings) avertissement\(warnings > 1 ? "s" : "")"
        case .en:
            return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        }
    }

    static func escaped(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n".unicodeScalars
            case "\r": out += "\\r".unicodeScalars
            case "\t": out += "\\t".unicodeScalars
            case "\u{2028}", "\u{2029}", "\u{200E}", "\u{200F}", "\u{202A}"..."\u{202E}", "\u{2066}"..."\u{2069}":
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars
            default:
                if scalar.properties.generalCategory == .control {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    /// JSON escapes every control character itself: file names stay as they are on disk, for the editor to open.
    /// Positions are 1-based, columns in Unicode scalars; `end` and `fix` are there when they are known.
    static func json(_ diagnostics: [Diagnostic], _ language: Language) -> String {
        struct Position: Encodable {
            var line: Int
            var column: Int
            init(_ location: SourceLocation) {
                line = location.line
                column = location.column
            }
        }
        struct FixEntry: Encodable {
            var start: Position
            var end: Position
            var replacement: String
        }
        struct Entry: Encodable {
            var severity: String
            var rule: String
            var file: String
            var line: Int
            var column: Int
            var start: Position
            var end: Position?
            var message: String
            var hint: String?
            var fix: FixEntry?
        }
        struct Report: Encodable {
            var language: String
            var errors: Int
            var warnings: Int
            var diagnostics: [Entry]
        }
        let report = Report(language: language.rawValue, errors: diagnostics.errors.count, warnings: diagnostics.warnings.count,
                            diagnostics: diagnostics.map { diagnostic in
                                Entry(severity: diagnostic.severity.rawValue, rule: diagnostic.rule, file: diagnostic.file,
                                      line: diagnostic.location.line, column: diagnostic.location.column,
                                      start: Position(diagnostic.location), end: diagnostic.end.map(Position.init), message: diagnostic.message(language),
                                      hint: diagnostic.hint(language),
                                      fix: diagnostic.fix.map {
                                          FixEntry(start: Position($0.start), end: Position($0.end), replacement: $0.replacement)
                                      })
                            })
        return JSONText.encode(report)
    }
}

/// The language of messages: `--lang`, else `LC_ALL`, `LC_MESSAGES` or `LANG` when it names French or English, else the
/// site's language (`language:` of site.yml), else French.
struct MessageLanguage: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The language of messages: fr (default) or en. Without it: LANG, then the site's language.",
                                            valueName: "fr|en"))
    var lang: Language?

    func resolve(site: Language?) -> Language {
        Self.resolve(flag: lang, environment: ProcessInfo.processInfo.environment, site: site)
    }

    /// The language asked for by `--lang` or the environment, nil when neither says (the site's language then decides).
    var explicit: Language? {
        Self.resolve(flag: lang, environment: ProcessInfo.processInfo.environment, site: nil, fallback: nil)
    }

    static func resolve(flag: Language?, environment: [String: String], site: Language?) -> Language {
        resolve(flag: flag, environment: environment, site: site, fallback: .fr) ?? .fr
    }

    static func resolve(flag: Language?, environment: [String: String], site: Language?, fallback: Language?) -> Language? {
        if let flag { return flag }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            let code = value.prefix(2).lowercased()
            if code == "fr" { return .fr }
            if code == "en" { return .en }
            // C, POSIX, C.UTF-8 or another language: the first variable set decides that the environment does not say.
            break
        }
        return site ?? fallback
    }
}

extension Language: ExpressibleByArgument {}

/// The folders a build reads and writes, shared by `build` and `serve`.
struct SiteFolders: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder of records and settings (site.yml, indicators.yml).", valueName: "DIR"))
    var content = "Content"

    @Option(name: .long, help: ArgumentHelp("The theme: Mustache templates, i18n labels, assets.", valueName: "DIR"))
    var templates = "Templates"

    @Option(name: .long, help: ArgumentHelp("Where the site is written. Replaced as a whole on success.", valueName: "DIR"))
    var output = "Output"

    @Flag(name: .long, help: "build: also publish records marked draft: true. serve always shows them (marked as drafts).")
    var drafts = false

    @Flag(name: .long, help: """
        Replace the output folder even if Passerelle did not write it: everything in it is deleted. \
        Never for /, your home folder or the working folder.
        """)
    var force = false

    var options: BuildOptions {
        BuildOptions(content: content, templates: templates, output: output, includeDrafts: drafts, forceOutput: force,
                     searchIndex: true)
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site from Content/ and Templates/ into Output/.",
        discussion: """
        Reads every record, checks it, computes the indicators of each card, renders every page and writes \
        the whole site into a fresh folder that replaces the output folder only once it is complete.

        If any error is found, every diagnostic is printed (file:line:column, message, hint), nothing is \
        written, the previous site stays exactly as it was, and the exit status is 1. Warnings (for example \
        funding shares that do not add up to 100 %) are printed but never stop a build: the card is \
        published and shows the discrepancy.

        The same content always gives byte-identical files.

        The output folder belongs to Passerelle. A build writes into it only if it does not exist yet, is \
        empty, or was written by an earlier build (it then holds a small .passerelle-output file). A folder \
        of your own documents given by mistake is refused, and nothing in it is touched. Add --force to \
        replace such a folder anyway: everything in it is deleted. The working folder, a folder that \
        contains it, your home folder and / are refused even with --force.

        Two builds into the same output folder never mix (a serve rebuilding while a build runs, two CI \
        jobs): the second waits until the first has finished writing, says which process it waits for, \
        then replaces the site with its own.

        Exit status: 0 built, 1 errors found or output folder refused, 64 wrong options.
        """
    )

    @OptionGroup var site: SiteFolders

    @Flag(name: .shortAndLong, help: "Print only diagnostics, not the steps.")
    var quiet = false

    @OptionGroup var messages: MessageLanguage

    func run() async throws {
        let quiet = self.quiet
        var options = site.options
        options.messageLanguage = messages.explicit
        let output = site.output
        let report = await Pipeline.build(options) { step in
            if !quiet { print("  " + step.name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%8.1f ms", step.seconds * 1000)) }
        }
        let language = messages.resolve(site: report.site?.config.language)
        if !report.diagnostics.isEmpty { printError(DiagnosticPrinter.text(report.diagnostics, language)) }
        guard report.succeeded else {
            printError(language == .en ? "Build failed: \(output)/ was left unchanged.\n"
                                       : "Construction arrêtée : \(output)/ n’a pas été modifié.\n")
            throw ExitCode(1)
        }
        if !quiet {
            let milliseconds = String(format: "%.0f", report.steps.reduce(0) { $0 + $1.seconds } * 1000)
            print(language == .en ? "Built \(report.filesWritten) files into \(output)/ in \(milliseconds) ms."
                                  : "\(report.filesWritten) fichiers écrits dans \(output)/ en \(milliseconds) ms.")
        }
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the content and the theme without writing anything; or one record, saved or not.",
        discussion: """
        Runs every check of a build (front matter, YAML, keys and types, references between records, \
        metrics, formulas of indicators.yml, funding that does not add up, and the theme: templates, labels, \
        assets) and prints all diagnostics, sorted by file and line:

          Content/projects/x.md:19:1: erreur: clé inconnue « budjet » dans la fiche projet [key-unknown]
              conseil : vouliez-vous dire « budget » ? écrivez : budget:

        passerelle check FILE checks one record (a file of the content folder) in the context of the whole \
        site (its references, its id) and prints only what concerns it. passerelle check - reads the text of \
        one record on standard input, as an editor holds it before saving; --path says which file it is \
        (projects/x.md, relative to the content folder; default: a new record, nouveau.md). A record checked \
        by name is checked fully even when it is a draft.

        --drafts also checks the references of records marked draft: true, as serve shows them.

        The theme is the folder given by --templates; without the option, Templates/ when it exists.

        Use --format json to feed another tool or an editor: each diagnostic has its rule code, start and end \
        positions, message, hint and, when the correction is certain, a fix (the text that replaces start..end).

        Exit status: 0 no error (warnings allowed), 1 errors found, 64 wrong options.
        """
    )

    @Argument(help: ArgumentHelp("One record to check, or - to read its text from standard input. Without it: the whole site.",
                                 valueName: "FILE"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp("The folder of records and settings.", valueName: "DIR"))
    var content = "Content"

    @Option(name: .long, help: ArgumentHelp("The theme to check (default: Templates, when it exists).", valueName: "DIR"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("With -: the record's path in the content folder, e.g. projects/x.md (default: nouveau.md).",
                                            valueName: "PATH"))
    var path: String?

    @Flag(name: .long, help: "Also check records marked draft: true against the rest of the site, as serve and build --drafts publish them.")
    var drafts = false

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .long, help: "How diagnostics are printed: text (for people) or json (for tools).")
    var format: Format = .text

    @OptionGroup var messages: MessageLanguage

    /// The path given to a record read from standard input without --path.
    static let defaultNewRecord = "nouveau.md"

    func validate() throws {
        if path != nil && file != "-" {
            throw ValidationError("--path goes with -, when the record's text is read from standard input")
        }
    }

    func run() async throws {
        let display = content.hasSuffix("/") ? String(content.dropLast()) : content
        var overrides: [String: String] = [:]
        var target: String?
        if let file {
            if file == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                guard let text = String(data: data, encoding: .utf8) else {
                    printError(messages.resolve(site: nil) == .en ? "Error: the text read on standard input is not UTF-8\n"
                                                                  : "Erreur\u{A0}: le texte lu sur l’entrée standard n’est pas en UTF-8\n")
                    throw ExitCode(1)
                }
                let relative = try usage { try Self.recordPath(path ?? Self.defaultNewRecord, content: content, mustExist: false) }
                overrides[relative] = text
                target = relative
            } else {
                target = try usage { try Self.recordPath(file, content: content, mustExist: true) }
            }
        }
        // One record named by its path is checked fully, draft or not: its author is writing it.
        let includeDrafts = drafts || target != nil
        let site: Site?
        var diagnostics: [Diagnostic]
        if let theme = themeFolder {
            // With a theme, a build that writes nothing: the pages are rendered, so what only rendering finds (an alias
            // taken by a generated page, a media file named like a page) is found too.
            var options = BuildOptions(content: content, templates: theme, includeDrafts: includeDrafts)
            options.dryRun = true
            options.overrides = overrides
            let report = await Pipeline.build(options)
            diagnostics = report.diagnostics
            site = report.site
        } else {
            let analysis = await Pipeline.analyse(content: content, includeDrafts: includeDrafts, overrides: overrides)
            diagnostics = analysis.diagnostics
            site = analysis.site
        }
        let language = messages.resolve(site: site?.config.language)
        if let target { diagnostics = Self.concerning(display + "/" + target, diagnostics) }
        switch format {
        case .text:
            if diagnostics.isEmpty {
                if let target {
                    print(language == .en ? "No problem found in \(display)/\(target)." : "Aucun problème dans \(display)/\(target).")
                } else {
                    let count = site?.records.count ?? 0
                    print(language == .en ? "No problem found in \(content)/: \(count) records."
                                          : "Aucun problème dans \(content)/ : \(count) enregistrement\(count > 1 ? "s" : "").")
                }
            } else {
                print(DiagnosticPrinter.text(diagnostics, language), terminator: "")
            }
        case .json:
            print(DiagnosticPrinter.json(diagnostics, language), terminator: "")
        }
        if diagnostics.hasErrors { throw ExitCode(1) }
    }

    /// A path the command cannot use: said in the reader's language, exit status 64 (wrong options).
    struct PathProblem: Error {
        var text: Bilingual
    }

    func usage<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let problem as PathProblem {
            let language = messages.resolve(site: nil)
            printError((language == .en ? "Error: " : "Erreur\u{A0}: ") + problem.text.text(language) + "\n")
            throw ExitCode(64)
        }
    }

    /// The theme to check with: `--templates`, else `Templates/` when it exists. A content folder checked on its own (no
    /// theme beside it) is not an error; a theme asked for by name that is missing is.
    var themeFolder: String? {
        if let templates { return templates }
        return FileManager.default.fileExists(atPath: "Templates") ? "Templates" : nil
    }

    /// The diagnostics of one file, and those of other files that name it (the other record of a duplicated id).
    static func concerning(_ file: String, _ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.filter { $0.file == file || $0.text.fr.contains(file) || $0.text.en.contains(file) }
    }

    /// `path` as a path relative to the content folder: a path that leads into it (`Content/projects/x.md`, an
    /// absolute path), or, for a record not written yet, a path already relative to it (`projects/x.md`).
    static func recordPath(_ path: String, content: String, mustExist: Bool) throws -> String {
        let manager = FileManager.default
        let base = URL(fileURLWithPath: manager.currentDirectoryPath, isDirectory: true)
        func absolute(_ text: String) -> URL { URL(fileURLWithPath: text, relativeTo: base).standardizedFileURL }
        let root = absolute(content)
        func inside(_ candidate: URL, _ root: URL) -> String? {
            let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
            guard candidate.path.hasPrefix(prefix) else { return nil }
            return String(candidate.path.dropFirst(prefix.count))
        }
        let candidate = absolute(path)
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: candidate.path, isDirectory: &isDirectory)
        if mustExist {
            guard exists, !isDirectory.boolValue else { throw PathProblem(text: Bilingual(fr: "fichier introuvable\u{A0}: «\u{A0}\(path)\u{A0}»", en: "no such file: '\(path)'")) }
        }
        var relative = inside(candidate, root) ?? inside(candidate.resolvingSymlinksInPath(), root.resolvingSymlinksInPath())
        if relative == nil && !mustExist && !path.hasPrefix("/") {
            // `projects/x.md`: already relative to the content folder.
            let parts = path.split(separator: "/", omittingEmptySubsequences: true)
            if !parts.isEmpty && !parts.contains("..") && !parts.contains(".") { relative = parts.joined(separator: "/") }
        }
        guard let relative, !relative.isEmpty else {
            throw PathProblem(text: Bilingual(fr: "«\u{A0}\(path)\u{A0}» n’est pas dans le dossier de contenu «\u{A0}\(content)\u{A0}»",
                                              en: "'\(path)' is not in the content folder '\(content)'"))
        }
        guard relative.hasSuffix(".md") || relative == "site.yml" || relative == "indicators.yml" else {
            throw PathProblem(text: Bilingual(fr: "«\u{A0}\(path)\u{A0}» n’est ni un enregistrement (.md), ni site.yml, ni indicators.yml",
                                              en: "'\(path)' is not a record (.md), site.yml or indicators.yml"))
        }
        return relative
    }
}
