import ArgumentParser
import FlyingFox
import Foundation
import PasserelleBuild
import PasserelleModel

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site while you write: rebuilds on every change and reloads the page.",
        discussion: """
        Builds the site, serves it at http://127.0.0.1:8000/ (this computer only), and watches the content \
        and templates folders. When you save a file, the site is rebuilt and the page open in your browser \
        reloads by itself. If the change has an error, the diagnostics are printed here and the last good \
        version stays on screen.

        Stop with Ctrl-C. The preview is written to the output folder, like `passerelle build`, with the same \
        rules: a folder that is not empty and was not written by Passerelle (it has no .passerelle-output \
        file) is refused unless you add --force (everything in it is then deleted); the working folder, your home folder and / are always refused. A \
        rebuild waits while another build is writing the same folder.
        """
    )

    @OptionGroup var site: SiteFolders

    @Option(name: .long, help: "The port to serve on.")
    var port: UInt16 = 8000

    func run() async throws {
        let options = site.options
        let output = site.output
        let reload = ReloadState()
        await rebuild(options)
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: 60)
        let root = URL(fileURLWithPath: output).standardizedFileURL
        await server.appendRoute("GET /_passerelle/reload.js") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                         body: Data(LiveReload.script.utf8))
        }
        await server.appendRoute("GET /_passerelle/wait") { request in
            let since = request.query.first { $0.name == "since" }?.value
            let version = await reload.wait(since: since.flatMap(Int.init))
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain", .cacheControl: "no-store"],
                                body: Data(String(version).utf8))
        }
        await server.appendRoute("GET /*") { request in
            StaticFiles.response(for: request.target.path(percentEncoded: false), root: root)
        }
        say("Serving \(output)/ at http://127.0.0.1:\(port)/ — edit a file and the page reloads. Ctrl-C to stop.")
        let watched = [site.content, site.templates]
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask {
                var last = Fingerprint.of(watched)
                while !Task.isCancelled {
                    try await Task.sleep(nanoseconds: 400_000_000)
                    let now = Fingerprint.of(watched)
                    guard now != last else { continue }
                    last = now
                    if await rebuild(options) { await reload.bump() }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    @discardableResult
    func rebuild(_ options: BuildOptions) async -> Bool {
        let report = await Pipeline.build(options)
        if !report.diagnostics.isEmpty { printError(DiagnosticPrinter.text(report.diagnostics)) }
        let time = report.steps.reduce(0) { $0 + $1.seconds }
        if report.succeeded {
            say("Rebuilt \(report.filesWritten) files in \(String(format: "%.0f", time * 1000)) ms.")
        } else {
            say("Not rebuilt: fix the errors above; the preview shows the last good version.")
        }
        return report.succeeded
    }
}

/// Prints a line at once (unbuffered), so a log file follows the server live.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// A counter bumped after each good rebuild; pages wait on it to know when to reload.
actor ReloadState {
    private var version = 0

    func bump() { version += 1 }

    /// Returns at once for a new page, else when the version changes or after 20 s.
    func wait(since: Int?) async -> Int {
        guard let since, since == version else { return version }
        for _ in 0..<100 {
            try? await Task.sleep(nanoseconds: 200_000_000)
            if version != since { break }
        }
        return version
    }
}

enum LiveReload {
    /// Added to HTML pages by the preview server only; the built files never contain it.
    static let tag = "<script src=\"/_passerelle/reload.js\" defer></script>"

    static let script = """
    (function () {
      var version = null;
      function poll() {
        fetch('/_passerelle/wait?since=' + (version === null ? '' : version), {cache: 'no-store'})
          .then(function (r) { return r.text(); })
          .then(function (text) {
            if (version !== null && text !== version) { location.reload(); return; }
            version = text;
            poll();
          })
          .catch(function () { setTimeout(poll, 2000); });
      }
      poll();
    })();
    """
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

/// Serves the built files: folders as their index.html, nothing outside the output folder.
enum StaticFiles {
    static let types = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json", "csv": "text/csv; charset=utf-8", "xml": "application/xml", "svg": "image/svg+xml",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "pdf": "application/pdf", "txt": "text/plain; charset=utf-8", "ico": "image/x-icon", "woff2": "font/woff2",
    ]

    static func response(for path: String, root: URL) -> HTTPResponse {
        let segments = path.split(separator: "/").map(String.init)
        guard !segments.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) else {
            return HTTPResponse(statusCode: .forbidden)
        }
        var target = root
        for segment in segments { target.appendPathComponent(segment) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) else {
            return notFound()
        }
        if isDirectory.boolValue {
            // Relative links need the trailing slash: /fiches/x → /fiches/x/
            guard path.hasSuffix("/") else {
                return HTTPResponse(statusCode: HTTPStatusCode(301, phrase: "Moved Permanently"), headers: [.location: path + "/"])
            }
            target.appendPathComponent("index.html")
        }
        guard let data = FileManager.default.contents(atPath: target.path) else { return notFound() }
        let type = types[target.pathExtension.lowercased()] ?? "application/octet-stream"
        var body = data
        if target.pathExtension == "html", let html = String(data: data, encoding: .utf8) {
            body = Data(html.replacingOccurrences(of: "</body>", with: LiveReload.tag + "\n</body>").utf8)
        }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: body)
    }

    static func notFound() -> HTTPResponse {
        HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("Not found\n".utf8))
    }
}
