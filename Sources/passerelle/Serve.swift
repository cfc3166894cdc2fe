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
        the site, serves it at http://127.0.0.1:8000/ (this computer only), and watches the content and \
        templates folders. When you save a file, the site is rebuilt and the page open in your browser reloads \
        by itself. If the change has an error, the diagnostics are printed here and the last good version stays \
        on screen.

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
            printError(Self.message(for: error))
            throw ExitCode(1)
        }
        let options = site.options
        let output = site.output
        let writer = OutputWriter(output: output, force: options.forceOutput)
        let watched = [site.content, site.templates]
        var last = Fingerprint.of(watched)
        let first = await rebuild(options)
        if !first.succeeded, isRefused(writer, options) {
            server.stop()
            printError("Nothing is served: the output folder was refused (see above).\n")
            throw ExitCode(1)
        }
        if !first.succeeded { say("Not rebuilt: fix the errors above; the preview shows the last good version, if there is one.") }
        let reload = ReloadSignal()
        let preview = PreviewSite(root: writer.output.path, reload: reload)
        let editor = EditorHook.make(content: site.content, port: server.port, language: messages.resolve(site: first.site?.config.language))
        server.start { request in
            // The form editor (/_passerelle/editeur/…), then the files of the site.
            if let editor, let response = editor.respond(to: request) { return response }
            return preview.respond(to: request)
        }
        defer {
            reload.stop()
            server.stop()
        }
        say("Serving \(output)/ at http://127.0.0.1:\(server.port)/ — edit a file and the page reloads. Ctrl-C to stop.")
        if editor != nil { say("Form editor: http://127.0.0.1:\(server.port)\(FormEditor.prefix)/") }
        while !Task.isCancelled {
            try await Task.sleep(nanoseconds: 400_000_000)
            let now = Fingerprint.of(watched)
            guard now != last else { continue }
            last = now
            let report = await rebuild(options)
            if report.succeeded {
                reload.bump()
            } else if isRefused(writer, options) {
                printError("Stopped: the output folder was refused (see above); nothing more is served.\n")
                throw ExitCode(1)
            } else {
                say("Not rebuilt: fix the errors above; the preview shows the last good version.")
            }
        }
    }

    /// Builds once and prints what happened (but for the line about a failed build, which depends on when).
    func rebuild(_ options: BuildOptions) async -> BuildReport {
        let report = await Pipeline.build(options)
        if !report.diagnostics.isEmpty {
            printError(DiagnosticPrinter.text(report.diagnostics, messages.resolve(site: report.site?.config.language)))
        }
        let time = report.steps.reduce(0) { $0 + $1.seconds }
        if report.succeeded {
            say("Rebuilt \(report.filesWritten) files in \(String(format: "%.0f", time * 1000)) ms.")
        }
        return report
    }

    /// Whether the build was refused because of the output folder (rather than an error of the content): the checks
    /// the build makes before it writes.
    func isRefused(_ writer: OutputWriter, _ options: BuildOptions) -> Bool {
        writer.checkProtected() != nil || writer.checkSafe(against: [options.content, options.templates]) != nil
            || writer.checkOwnership() != nil
    }

    /// The error for a port that cannot be listened on, with the option to use instead.
    static func message(for error: PreviewServer.BindError) -> String {
        let other = { (port: UInt16) in PreviewServer.freePort(after: port).map { "--port \($0)" } ?? "another --port" }
        switch error {
        case .inUse(let port):
            return "error: port \(port) is already in use\n"
                + "    hint: another program listens on it (another passerelle serve?); use a free port, e.g. \(other(port))\n"
        case .denied(let port):
            return "error: port \(port) cannot be used: permission denied\n"
                + "    hint: ports below 1024 are for the system; use e.g. \(other(8000 - 1))\n"
        case .other(let port, let reason):
            return "error: cannot listen on 127.0.0.1:\(port): \(reason)\n    hint: use another port, e.g. \(other(port))\n"
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
