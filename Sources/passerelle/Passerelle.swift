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
          passerelle build          write the site into Output/ (only if there is no error)
          passerelle new project "Ma fiche"   start a new record from a commented skeleton
          passerelle serve          preview the site while you write
          passerelle indicators --by region   the figures of the cards, aggregated, in the terminal
        """,
        subcommands: [Build.self, Check.self, New.self, Serve.self, Indicators.self]
    )
}

/// Prints diagnostics the way compilers do, then a one-line count.
enum DiagnosticPrinter {
    /// One diagnostic is one line (and its hint one more): a control character of a file name or message (newline,
    /// carriage return, tab, escape…), a line separator or a bidirectional override is printed as an escape (`\n`,
    /// `\u{1B}`), so it can neither split the line nor drive the terminal.
    static func text(_ diagnostics: [Diagnostic]) -> String {
        var out = diagnostics.map { diagnostic in
            escaped(diagnostic.headline) + (diagnostic.hint.map { "\n    hint: " + escaped($0) } ?? "") + "\n"
        }.joined()
        let errors = diagnostics.errors.count
        let warnings = diagnostics.warnings.count
        out += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
        return out
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
    static func json(_ diagnostics: [Diagnostic]) -> String {
        struct Entry: Encodable {
            var severity: String
            var file: String
            var line: Int
            var column: Int
            var message: String
            var hint: String?
        }
        struct Report: Encodable {
            var errors: Int
            var warnings: Int
            var diagnostics: [Entry]
        }
        let report = Report(errors: diagnostics.errors.count, warnings: diagnostics.warnings.count,
                            diagnostics: diagnostics.map {
                                Entry(severity: $0.severity.rawValue, file: $0.file, line: $0.location.line,
                                      column: $0.location.column, message: $0.message, hint: $0.hint)
                            })
        return JSONText.encode(report)
    }
}

/// The folders a build reads and writes, shared by `build` and `serve`.
struct SiteFolders: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder of records and settings (site.yml, indicators.yml).", valueName: "DIR"))
    var content = "Content"

    @Option(name: .long, help: ArgumentHelp("The theme: Mustache templates, i18n labels, assets.", valueName: "DIR"))
    var templates = "Templates"

    @Option(name: .long, help: ArgumentHelp("Where the site is written. Replaced as a whole on success.", valueName: "DIR"))
    var output = "Output"

    @Flag(name: .long, help: "Also publish records marked draft: true (for previewing).")
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

    func run() async throws {
        let quiet = self.quiet
        let options = site.options
        let output = site.output
        let report = await Pipeline.build(options) { step in
            if !quiet { print("  " + step.name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%8.1f ms", step.seconds * 1000)) }
        }
        if !report.diagnostics.isEmpty { printError(DiagnosticPrinter.text(report.diagnostics)) }
        guard report.succeeded else {
            printError("Build failed: \(output)/ was left unchanged.\n")
            throw ExitCode(1)
        }
        if !quiet {
            let total = report.steps.reduce(0) { $0 + $1.seconds }
            print("Built \(report.filesWritten) files into \(output)/ in \(String(format: "%.0f", total * 1000)) ms.")
        }
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the content without writing anything.",
        discussion: """
        Runs every check of a build (front matter, YAML, keys and types, references between records, \
        metrics, formulas of indicators.yml, funding that does not add up) and prints all diagnostics, \
        sorted by file and line:

          Content/projects/x.md:7:12: error: unknown metric 'peple_accompanied'
              hint: did you mean 'people_accompanied'?

        Use --format json to feed another tool or an editor.

        Exit status: 0 no error (warnings allowed), 1 errors found, 64 wrong options.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The folder of records and settings.", valueName: "DIR"))
    var content = "Content"

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .long, help: "How diagnostics are printed: text (for people) or json (for tools).")
    var format: Format = .text

    func run() async throws {
        let analysis = await Pipeline.analyse(content: content)
        switch format {
        case .text:
            if analysis.diagnostics.isEmpty {
                print("No problem found in \(content)/: \(analysis.site.records.count) records.")
            } else {
                print(DiagnosticPrinter.text(analysis.diagnostics), terminator: "")
            }
        case .json:
            print(DiagnosticPrinter.json(analysis.diagnostics), terminator: "")
        }
        if analysis.diagnostics.hasErrors { throw ExitCode(1) }
    }
}
