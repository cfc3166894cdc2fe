import ArgumentParser
import Foundation
import PasserelleBuild
import PasserelleEditor
import PasserelleModel
import PasserelleServe

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site while you write: rebuilds on every change and reloads the page.",
        discussion: """
        Takes the port first (a port already in use is an error at once, with a free one to use instead), builds \
        the site with its drafts (records marked draft: true, marked as such on their page), serves it at \
        http://127.0.0.1:8000/ (this computer only), and watches the content and templates folders. When you save \
        a file, the page open in your browser shows "Reconstruction…", and reloads by itself once the site is \
        rebuilt. If the change has an error, the page keeps the last good version and shows the errors over it \
        (file, line, column, message, hint and the lines around); while no build has succeeded, every page lists \
        them. The terminal prints one line per rebuild, or its diagnostics (once, while they stay the same); \
        messages are in French unless --lang en, LANG or the site's language asks for English.

        Stop with Ctrl-C. The preview is written to the output folder, like `passerelle build`, with the same \
        rules: a folder that is not empty and was not written by Passerelle (it has no .passerelle-output \
        file) is refused unless you add --force (everything in it is then deleted); the working folder, your home folder and / are always refused. A \
        refused output folder stops serve at once: nothing is served. A \
        rebuild waits while another build is writing the same folder.

        Only the regular files of the last good build are served: never a symbolic link, a hidden file or \
        anything outside the output folder. A request line or a header over 8 KB is refused at once (414, 431).

        Exit status: 1 port in use or output folder refused, 64 wrong options.
        """
    )

    @OptionGroup var site: SiteFolders

    @OptionGroup var messages: MessageLanguage

    @Option(name: .long, help: "The port to serve on (0: any free port).")
    var port: UInt16 = 8000

    func run() async throws {
        // The port first: a busy port is said at once, before a build that would be for nothing.
        let server: PreviewServer
        do {
            server = try PreviewServer(port: port)
        } catch {
            printError(Self.message(for: error, messages.resolve(site: nil)))
            throw ExitCode(1)
        }
        var options = site.options
        options.includeDrafts = true
        options.messageLanguage = messages.explicit
        let output = site.output
        let writer = OutputWriter(output: output, force: options.forceOutput)
        let watched = [site.content, site.templates]
        let state = PreviewState()
        var log = RebuildLog()
        var last = Fingerprint.of(watched)
        let first = await rebuild(options, writer: writer, state: state, log: &log)
        if !first.succeeded, isRefused(writer, options) {
            server.stop()
            printError(log.language == .en ? "Nothing is served: the output folder was refused (see above).\n"
                                           : "Rien n’est servi : le dossier de sortie a été refusé (voir ci-dessus).\n")
            throw ExitCode(1)
        }
        let reload = ReloadSignal()
        let preview = PreviewSite(root: writer.output.path, reload: reload, state: state)
        let editor = EditorHook.make(content: site.content, port: server.port, language: log.language)
        server.start { request in
            // Only this computer's names (DNS rebinding), then the form editor (/_passerelle/editeur/…), then the site.
            guard PreviewSite.hostAllowed(request.headers) else { return PreviewSite.otherHost() }
            if let editor, let response = editor.respond(to: request) { return response }
            return preview.respond(to: request)
        }
        defer {
            reload.stop()
            state.stop()
            server.stop()
        }
        let address = "http://127.0.0.1:\(server.port)/"
        say(log.language == .en ? "Serving \(output)/ at \(address) — edit a file and the page reloads. Ctrl-C to stop."
                                : "Aperçu de \(output)/ sur \(address) — enregistrez un fichier, la page se recharge. Ctrl-C pour arrêter.")
        if editor != nil {
            let editorAddress = "http://127.0.0.1:\(server.port)\(FormEditor.prefix)/"
            say(log.language == .en ? "Form editor: \(editorAddress)" : "Éditeur de fiches\u{00A0}: \(editorAddress)")
        }
        while !Task.isCancelled {
            try await Task.sleep(nanoseconds: 400_000_000)
            let now = Fingerprint.of(watched)
            guard now != last else { continue }
            last = now
            let report = await rebuild(options, writer: writer, state: state, log: &log)
            if report.succeeded {
                reload.bump()
            } else if isRefused(writer, options) {
                printError(log.language == .en ? "Stopped: the output folder was refused (see above); nothing more is served.\n"
                                               : "Arrêt : le dossier de sortie a été refusé (voir ci-dessus) ; plus rien n’est servi.\n")
                throw ExitCode(1)
            }
        }
    }

    /// Builds once: publishes "building" first, then the new state (computed here, once), and prints one line, or the
    /// diagnostics when they are not the ones printed last (for a refused output folder, the caller says what follows).
    func rebuild(_ options: BuildOptions, writer: OutputWriter, state: PreviewState, log: inout RebuildLog) async -> BuildReport {
        state.publish(phase: .building)
        let report = await Pipeline.build(options)
        let language = messages.resolve(site: report.site?.config.language)
        log.language = language
        var status = state.current.status
        status.language = language == .en ? .en : .fr
        status.problems = Self.problems(report.diagnostics, language)
        if report.succeeded {
            status.phase = .ready
            status.builds += 1
            status.drafts = Set((report.site?.records ?? []).filter { $0.draft && $0.kind != .term }.map { "/" + Routes.record($0) })
        } else {
            status.phase = .failed
        }
        state.publish(status)
        let printed = log.lines(for: report, language)
        if let diagnostics = printed.diagnostics { printError(diagnostics) }
        if report.succeeded {
            say(printed.line)
        } else if !isRefused(writer, options) {
            printError(printed.line + "\n")
        }
        return report
    }

    /// The diagnostics as the preview shows them, in `language`, each with the lines around it (read now).
    static func problems(_ diagnostics: [Diagnostic], _ language: Language) -> [PreviewProblem] {
        var sources = SourceLines()
        return diagnostics.map { diagnostic in
            PreviewProblem(isError: diagnostic.severity == .error, file: diagnostic.file, line: diagnostic.location.line,
                           column: diagnostic.location.column, rule: diagnostic.rule, message: diagnostic.message(language),
                           hint: diagnostic.hint(language),
                           excerpt: sources.excerpt(diagnostic.file, line: diagnostic.location.line, column: diagnostic.location.column))
        }
    }

    /// Whether the build was refused because of the output folder (rather than an error of the content): the checks
    /// the build makes before it writes.
    func isRefused(_ writer: OutputWriter, _ options: BuildOptions) -> Bool {
        writer.checkProtected() != nil || writer.checkSafe(against: [options.content, options.templates]) != nil
            || writer.checkOwnership() != nil
    }

    /// The error for a port that cannot be listened on, with the option to use instead.
    static func message(for error: PreviewServer.BindError, _ language: Language) -> String {
        let english = language == .en
        let other = { (port: UInt16) in
            PreviewServer.freePort(after: port).map { "--port \($0)" } ?? (english ? "another --port" : "un autre --port")
        }
        switch (error, english) {
        case (.inUse(let port), true):
            return "error: port \(port) is already in use\n"
                + "    hint: another program listens on it (another passerelle serve?); use a free port, e.g. \(other(port))\n"
        case (.inUse(let port), false):
            return "erreur: le port \(port) est déjà utilisé\n"
                + "    conseil : un autre programme l’écoute (un autre passerelle serve ?) ; prenez un port libre, par exemple \(other(port))\n"
        case (.denied(let port), true):
            return "error: port \(port) cannot be used: permission denied\n"
                + "    hint: ports below 1024 are for the system; use e.g. \(other(8000 - 1))\n"
        case (.denied(let port), false):
            return "erreur: le port \(port) est interdit : permission refusée\n"
                + "    conseil : les ports sous 1024 sont réservés au système ; prenez par exemple \(other(8000 - 1))\n"
        case (.other(let port, let reason), true):
            return "error: cannot listen on 127.0.0.1:\(port): \(reason)\n    hint: use another port, e.g. \(other(port))\n"
        case (.other(let port, let reason), false):
            return "erreur: impossible d’écouter sur 127.0.0.1:\(port) : \(reason)\n    conseil : prenez un autre port, par exemple \(other(port))\n"
        }
    }
}

/// What serve prints after each rebuild: one line for a good one; the diagnostics of a failed one, but only once while
/// they stay the same (then one line saying so).
struct RebuildLog {
    var language: Language = .fr
    private var printed: [Diagnostic]?

    /// The diagnostics to print, if any, and the line that ends the rebuild's report.
    mutating func lines(for report: BuildReport, _ language: Language) -> (diagnostics: String?, line: String) {
        let english = language == .en
        let milliseconds = String(format: "%.0f", report.steps.reduce(0) { $0 + $1.seconds } * 1000)
        let fresh = report.diagnostics != printed
        let diagnostics = !report.diagnostics.isEmpty && fresh ? DiagnosticPrinter.text(report.diagnostics, language) : nil
        printed = report.diagnostics
        let count = DiagnosticPrinter.count(report.diagnostics, language)
        if report.succeeded {
            let warnings = report.diagnostics.isEmpty ? "" : " (\(count))"
            return (diagnostics, english ? "Rebuilt \(report.filesWritten) files in \(milliseconds) ms\(warnings)."
                                         : "Site reconstruit : \(report.filesWritten) fichiers en \(milliseconds) ms\(warnings).")
        } else if fresh {
            return (diagnostics, english ? "Not rebuilt: fix the errors above; the preview shows them in the browser too."
                                         : "Pas reconstruit : corrigez les erreurs ci-dessus ; l’aperçu les montre aussi dans le navigateur.")
        } else {
            return (nil, english ? "Not rebuilt: the same \(count) as above."
                                 : "Pas reconstruit : toujours les mêmes erreurs (\(count)), voir ci-dessus.")
        }
    }
}

/// Prints a line at once (unbuffered), so a log file follows the server live.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Sizes and modification times of every file under some folders: changes when anything is saved.
enum Fingerprint {
    static func of(_ folders: [String]) -> [String: String] {
        var result: [String: String] = [:]
        let fm = FileManager.default
        for folder in folders {
            guard let enumerator = fm.enumerator(atPath: folder) else { continue }
            for case let path as String in enumerator {
                let full = folder + "/" + path
                guard let attributes = try? fm.attributesOfItem(atPath: full) else { continue }
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                result[full] = "\(size)-\(modified)"
            }
        }
        return result
    }
}
