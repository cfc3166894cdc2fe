#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PasserelleBuild
import PasserelleServe
import Testing

/// A raw HTTP client on 127.0.0.1: sends bytes exactly as given (no normalisation of `..` or `//`), reads one response.
enum RawHTTP {
    struct Answer {
        var status: Int
        var statusLine: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func connect(_ port: UInt16, timeout: Int = 5) throws -> Int32 {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(description: "socket") }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc_connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Failure(description: "connect: \(String(cString: strerror(errno)))")
        }
        return descriptor
    }

    /// Sends everything; false if the server closed the connection first.
    @discardableResult
    static func send(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            #else
            let sent = bytes.withUnsafeBytes { Darwin.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, 0) }
            #endif
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// Reads one response (its body by Content-Length, none for HEAD).
    static func read(_ descriptor: Int32, head: Bool = false, pending: inout [UInt8]) throws -> Answer {
        var buffer = pending
        var chunk = [UInt8](repeating: 0, count: 65536)
        func more() throws {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw Failure(description: "connection closed or timed out after \(buffer.count) bytes") }
            buffer.append(contentsOf: chunk[0..<count])
        }
        let separator = Array("\r\n\r\n".utf8)
        var end: Int?
        while end == nil {
            if buffer.count >= 4 {
                end = (0...(buffer.count - 4)).first { buffer[$0..<$0 + 4].elementsEqual(separator) }
            }
            if end == nil { try more() }
        }
        let headText = String(decoding: buffer[0..<end!], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let status = Int(statusLine.split(separator: " ")[1]) ?? 0
        let headers = lines.map { line -> (String, String) in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1].dropFirst()) : "")
        }
        let length = head ? 0 : Int(headers.first { $0.0.lowercased() == "content-length" }?.1 ?? "0") ?? 0
        let bodyStart = end! + 4
        while buffer.count < bodyStart + length { try more() }
        pending = Array(buffer[(bodyStart + length)...])
        return Answer(status: status, statusLine: statusLine, headers: headers, body: Array(buffer[bodyStart..<bodyStart + length]))
    }

    /// One request on a new connection.
    static func request(_ port: UInt16, _ raw: String, head: Bool = false) throws -> Answer {
        try request(port, Array(raw.utf8), head: head)
    }

    static func request(_ port: UInt16, _ raw: [UInt8], head: Bool = false) throws -> Answer {
        let descriptor = try connect(port)
        defer { close(descriptor) }
        send(descriptor, raw)
        var pending: [UInt8] = []
        return try read(descriptor, head: head, pending: &pending)
    }

    static func get(_ port: UInt16, _ path: String) throws -> Answer {
        try request(port, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    }
}

#if canImport(Glibc)
private let Glibc_connect = Glibc.connect
#else
private let Glibc_connect = Darwin.connect
#endif

/// `passerelle serve`: its server in-process (exact statuses and headers), and the real executable (port, refusal,
/// rebuild and reload).
@Suite("The preview server", .serialized)
struct ServeTests {
    /// An output folder as a build leaves it: the marker, pages, a style sheet.
    static func makeOutput(in directory: URL) throws -> URL {
        let output = directory.appendingPathComponent("Output")
        let fm = FileManager.default
        try fm.createDirectory(at: output.appendingPathComponent("fiches/cap-ondaine"), withIntermediateDirectories: true)
        try fm.createDirectory(at: output.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try Data(OutputWriter.marker.utf8).write(to: output.appendingPathComponent(OutputWriter.markerName))
        try Data("<!doctype html>\n<html><body><p>Accueil</p>\n</body>\n</html>\n".utf8).write(to: output.appendingPathComponent("index.html"))
        try Data("<html><body>Fiches</body></html>\n".utf8).write(to: output.appendingPathComponent("fiches/index.html"))
        try Data("<html><body>Cap</body></html>\n".utf8).write(to: output.appendingPathComponent("fiches/cap-ondaine/index.html"))
        try Data("body { color: black; }\n".utf8).write(to: output.appendingPathComponent("assets/style.css"))
        return output
    }

    /// Runs `body` against a preview server of a fresh output folder, then stops the server.
    static func withServer(state: PreviewState = PreviewState(), _ body: (_ port: UInt16, _ output: URL, _ reload: ReloadSignal) throws -> Void) throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-serve")
        defer { BuildSupport.cleanUp(directory) }
        let output = try makeOutput(in: directory)
        let server = try PreviewServer(port: 0)
        let reload = ReloadSignal()
        let site = PreviewSite(root: output.resolvingSymlinksInPath().path, reload: reload, state: state)
        server.start { site.respond(to: $0) }
        defer {
            reload.stop()
            state.stop()
            server.stop()
        }
        try body(server.port, output, reload)
    }

    static func seconds(since start: Date) -> Double { Date().timeIntervalSince(start) }

    // MARK: What is served

    @Test("folders are served as their index.html with the reload script, other files as they are; HEAD has no body")
    func servesBuiltFiles() throws {
        try Self.withServer { port, _, _ throws in
            let home = try RawHTTP.get(port, "/")
            #expect(home.status == 200)
            #expect(home.header("Content-Type") == "text/html; charset=utf-8")
            #expect(home.text == "<!doctype html>\n<html><body><p>Accueil</p>\n\(LiveReload.tag)\n</body>\n</html>\n")
            let css = try RawHTTP.get(port, "/assets/style.css")
            #expect(css.status == 200)
            #expect(css.header("Content-Type") == "text/css; charset=utf-8")
            #expect(css.text == "body { color: black; }\n")
            #expect(try RawHTTP.get(port, "/fiches/cap-ondaine/").status == 200)
            let head = try RawHTTP.request(port, "HEAD /assets/style.css HTTP/1.1\r\nConnection: close\r\n\r\n", head: true)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "23")
            #expect(try RawHTTP.get(port, "/_passerelle/reload.js").status == 200)
            #expect(try RawHTTP.get(port, "/nothing-here").status == 404)
        }
    }

    @Test("a symbolic link inside the output is never followed: to /etc/passwd, to /etc, or to a page of the site")
    func neverFollowsLinks() throws {
        try Self.withServer { port, output, _ throws in
            let fm = FileManager.default
            try fm.createSymbolicLink(atPath: output.appendingPathComponent("assets/passwd.css").path, withDestinationPath: "/etc/passwd")
            try fm.createSymbolicLink(atPath: output.appendingPathComponent("etc").path, withDestinationPath: "/etc")
            try fm.createSymbolicLink(atPath: output.appendingPathComponent("accueil.html").path, withDestinationPath: "index.html")
            try fm.createSymbolicLink(atPath: output.appendingPathComponent("copie").path, withDestinationPath: "fiches")
            for path in ["/assets/passwd.css", "/etc/passwd", "/etc/", "/etc", "/accueil.html", "/copie/", "/copie/cap-ondaine/"] {
                let answer = try RawHTTP.get(port, path)
                #expect(answer.status == 404, "\(path)")
                #expect(!answer.text.contains("root:"), "\(path)")
            }
        }
    }

    @Test("'..', encoded '..', hidden files and encoded slashes never leave the site", arguments: [
        ("/../../../etc/passwd", 404), ("/fiches/../../etc/passwd", 404), ("/%2e%2e/%2e%2e/etc/passwd", 404),
        ("/fiches/%2E%2E/%2E%2E/etc/passwd", 404), ("/..%2f..%2fetc%2fpasswd", 404), ("/fiches%2F..%2F..%2Fetc/passwd", 404),
        ("/.passerelle-output", 404), ("/./index.html", 404), ("/assets/%00style.css", 404), ("/%ff", 404),
        ("/%zz", 400), ("/assets/style.css%", 400),
    ])
    func staysInsideTheSite(_ path: String, _ status: Int) throws {
        try Self.withServer { port, _, _ throws in
            let answer = try RawHTTP.get(port, path)
            #expect(answer.status == status)
            #expect(!answer.text.contains("root:"))
        }
    }

    @Test("anything but a folder or a regular file is not found: a named pipe does not block the server")
    func onlyRegularFiles() throws {
        try Self.withServer { port, output, _ throws in
            #expect(mkfifo(output.appendingPathComponent("pipe.html").path, 0o644) == 0)
            let start = Date()
            #expect(try RawHTTP.get(port, "/pipe.html").status == 404)
            #expect(Self.seconds(since: start) < 5)
        }
    }

    @Test("a folder without the marker of a build is never served: 503 and a page that waits for the build")
    func needsMarker() throws {
        try Self.withServer(state: PreviewState(PreviewStatus(phase: .ready, builds: 1))) { port, output, _ throws in
            #expect(try RawHTTP.get(port, "/assets/style.css").status == 200)
            try FileManager.default.removeItem(at: output.appendingPathComponent(OutputWriter.markerName))
            for path in ["/", "/assets/style.css", "/fiches/"] {
                let answer = try RawHTTP.get(port, path)
                #expect(answer.status == 503, "\(path)")
                #expect(answer.header("Content-Type") == "text/html; charset=utf-8")
                #expect(answer.text.contains("<p id=\"pw-summary\">Le dossier de sortie ne contient aucune construction de ce site. "
                                             + "Enregistrez un fichier pour le reconstruire\u{A0}: cette page se recharge d’elle-même dès que le site est construit.</p>"))
                #expect(answer.text.contains(LiveReload.tag))
            }
            // A marker that is a link (to a marker elsewhere) does not count.
            let elsewhere = output.deletingLastPathComponent().appendingPathComponent("marker")
            try Data(OutputWriter.marker.utf8).write(to: elsewhere)
            try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent(OutputWriter.markerName).path,
                                                       withDestinationPath: elsewhere.path)
            #expect(try RawHTTP.get(port, "/").status == 503)
            // Nor does an output folder that is gone.
            try FileManager.default.removeItem(at: output)
            #expect(try RawHTTP.get(port, "/").status == 503)
        }
    }

    // MARK: Redirects

    @Test("a folder asked without its final '/' is redirected to its one path, percent-encoded", arguments: [
        ("/fiches", "/fiches/"), ("//fiches", "/fiches/"), ("//fiches/", "/fiches/"), ("///fiches//cap-ondaine", "/fiches/cap-ondaine/"),
        ("//", "/"), ("//assets//style.css", "/assets/style.css"), ("/fiches?x=1", "/fiches/"),
        ("/%66iches", "/fiches/"), ("/fiches/cap-ondaine", "/fiches/cap-ondaine/"),
    ])
    func redirects(_ path: String, _ location: String) throws {
        try Self.withServer { port, _, _ throws in
            let answer = try RawHTTP.get(port, path)
            #expect(answer.status == 301)
            #expect(answer.header("Location") == location)
        }
    }

    @Test("a folder name with CR and LF cannot inject a header into the redirect")
    func locationIsEncoded() throws {
        try Self.withServer { port, output, _ throws in
            let name = "a\r\nSet-Cookie: pris=1\r\nX: é"
            try FileManager.default.createDirectory(at: output.appendingPathComponent(name), withIntermediateDirectories: true)
            try Data("<p>ok</p>".utf8).write(to: output.appendingPathComponent(name).appendingPathComponent("index.html"))
            let answer = try RawHTTP.get(port, "/a%0D%0ASet-Cookie:%20pris=1%0D%0AX:%20%C3%A9")
            #expect(answer.statusLine == "HTTP/1.1 301 Moved Permanently")
            #expect(answer.header("Location") == "/a%0D%0ASet-Cookie%3A%20pris%3D1%0D%0AX%3A%20%C3%A9/")
            #expect(answer.header("Set-Cookie") == nil)
            #expect(answer.headers.map(\.name) == ["Location", "Cache-Control", "X-Content-Type-Options", "Content-Length", "Connection"])
            let page = try RawHTTP.get(port, "/a%0D%0ASet-Cookie%3A%20pris%3D1%0D%0AX%3A%20%C3%A9/")
            #expect(page.status == 200)
        }
    }

    // MARK: Limits

    /// A request line of exactly `length` bytes (without CRLF).
    static func requestLine(length: Int) -> String {
        let fixed = "GET / HTTP/1.1".count
        return "GET /" + String(repeating: "a", count: length - fixed) + " HTTP/1.1"
    }

    @Test("a request line of 8 KB is read, one byte more is 414 URI Too Long")
    func requestLineLimit() throws {
        try Self.withServer { port, _, _ throws in
            let fits = try RawHTTP.request(port, Self.requestLine(length: 8192) + "\r\nConnection: close\r\n\r\n")
            #expect(fits.status == 404)
            let over = try RawHTTP.request(port, Self.requestLine(length: 8193) + "\r\nConnection: close\r\n\r\n")
            #expect(over.statusLine == "HTTP/1.1 414 URI Too Long")
            #expect(over.text == "URI Too Long: the request line is longer than 8 KB.\n")
            #expect(over.header("Connection") == "close")
        }
    }

    @Test("a header line of 8 KB is read, one byte more is 431; so are 32 KB of headers and 101 header lines")
    func headerLimits() throws {
        try Self.withServer { port, _, _ throws in
            func header(length: Int) -> String { "X-Long: " + String(repeating: "b", count: length - 8) }
            let fits = try RawHTTP.request(port, "GET / HTTP/1.1\r\n\(header(length: 8192))\r\nConnection: close\r\n\r\n")
            #expect(fits.status == 200)
            let over = try RawHTTP.request(port, "GET / HTTP/1.1\r\n\(header(length: 8193))\r\nConnection: close\r\n\r\n")
            #expect(over.statusLine == "HTTP/1.1 431 Request Header Fields Too Large")
            #expect(over.text == "Request Header Fields Too Large: a header line is longer than 8 KB.\n")
            let many = (0..<40).map { "X-H\($0): " + String(repeating: "c", count: 1000) + "\r\n" }.joined()
            let total = try RawHTTP.request(port, "GET / HTTP/1.1\r\n\(many)\r\n")
            #expect(total.text == "Request Header Fields Too Large: the headers are longer than 32 KB.\n")
            let lines = (0..<101).map { "X-H\($0): 1\r\n" }.joined()
            let count = try RawHTTP.request(port, "GET / HTTP/1.1\r\n\(lines)\r\n")
            #expect(count.text == "Request Header Fields Too Large: more than 100 header lines.\n")
        }
    }

    @Test("three 1 MB request lines and a 1 MB header are answered at once, and a normal page meanwhile")
    func hugeRequestsDoNotFreeze() throws {
        try Self.withServer { port, _, _ throws in
            let huge = Array(("GET /" + String(repeating: "a", count: 1_000_000) + " HTTP/1.1\r\n\r\n").utf8)
            let header = Array(("GET / HTTP/1.1\r\nX-Big: " + String(repeating: "a", count: 1_000_000) + "\r\n\r\n").utf8)
            let results = Results()
            let start = Date()
            var threads: [Thread] = []
            for (index, bytes) in [huge, huge, huge, header].enumerated() {
                threads.append(Thread {
                    let answer = try? RawHTTP.request(port, bytes)
                    results.add("\(index): \(answer?.status ?? 0) in \(Date().timeIntervalSince(start) < 5 ? "<5" : ">=5") s")
                })
            }
            // And one sent slowly, 1 KB each 300 ms: it holds only its own connection until it passes 8 KB, 3.6 s later.
            // The bounds below are far from a busy machine's delays and still tell a server that waits for it apart.
            threads.append(Thread {
                guard let descriptor = try? RawHTTP.connect(port) else { return }
                defer { close(descriptor) }
                RawHTTP.send(descriptor, Array("GET /".utf8))
                for _ in 0..<12 {
                    guard RawHTTP.send(descriptor, Array(repeating: UInt8(ascii: "a"), count: 1024)) else { break }
                    usleep(300_000)
                }
                var pending: [UInt8] = []
                let answer = try? RawHTTP.read(descriptor, pending: &pending)
                results.add("slow: \(answer?.status ?? 0)")
            })
            threads.forEach { $0.start() }
            usleep(100_000)
            let normalStart = Date()
            let normal = try RawHTTP.get(port, "/")
            #expect(normal.status == 200)
            #expect(Self.seconds(since: normalStart) < 3)
            let deadline = Date().addingTimeInterval(10)
            while results.all.count < 5, Date() < deadline { usleep(20_000) }
            #expect(results.all.sorted() == ["0: 414 in <5 s", "1: 414 in <5 s", "2: 414 in <5 s", "3: 431 in <5 s", "slow: 414"])
            #expect(try RawHTTP.get(port, "/assets/style.css").status == 200)
        }
    }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    @Test("the head parser, fed 1 MB byte by byte, refuses the request line at its 8 193rd byte")
    func parserStopsAtTheLimit() {
        var parser = HeadParser()
        parser.append(Array("GET /".utf8))
        var fed = 5
        var outcome = parser.parse()
        while outcome == .incomplete, fed < 1_000_000 {
            parser.append([UInt8(ascii: "a")])
            fed += 1
            outcome = parser.parse()
        }
        #expect(outcome == .failed(HeadFailure(status: 414, reason: "the request line is longer than 8 KB")))
        #expect(fed == 8194)  // 8 193 bytes of line, and one more that could have been its CR
    }

    @Test("other requests: methods, versions, bodies, targets", arguments: [
        ("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n", "HTTP/1.1 405 Method Not Allowed"),
        ("BREW / HTTP/1.1\r\n\r\n", "HTTP/1.1 501 Not Implemented"),
        ("GET / HTTP/2.0\r\n\r\n", "HTTP/1.1 505 HTTP Version Not Supported"),
        ("GET / HTTP/1.1 extra\r\n\r\n", "HTTP/1.1 400 Bad Request"),
        ("GET  / HTTP/1.1\r\n\r\n", "HTTP/1.1 400 Bad Request"),
        ("GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", "HTTP/1.1 400 Bad Request"),
        ("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "HTTP/1.1 400 Bad Request"),
        ("GET http://example.org/ HTTP/1.1\r\n\r\n", "HTTP/1.1 400 Bad Request"),
        ("GET / HTTP/1.1\r\n Folded: x\r\n\r\n", "HTTP/1.1 400 Bad Request"),
        ("GET / HTTP/1.1\r\nNo colon\r\n\r\n", "HTTP/1.1 400 Bad Request"),
        ("\r\n\r\nGET / HTTP/1.0\r\n\r\n", "HTTP/1.1 200 OK"),
        ("GET / HTTP/1.1\nHost: x\n\n", "HTTP/1.1 200 OK"),
    ])
    func otherRequests(_ raw: String, _ statusLine: String) throws {
        try Self.withServer { port, _, _ throws in
            #expect(try RawHTTP.request(port, raw).statusLine == statusLine)
        }
    }

    @Test("only this computer's names are served: another Host (DNS rebinding) is refused", arguments: [
        ("127.0.0.1:8000", true), ("localhost:8000", true), ("LOCALHOST", true), ("[::1]:8000", true), ("127.0.0.1", true),
        ("attacker.example:8000", false), ("127.0.0.1.attacker.example:8000", false), ("localhost.attacker.example", false),
        ("[::1", false),
    ])
    func hostAllowed(_ host: String, _ allowed: Bool) {
        #expect(PreviewSite.hostAllowed(["host": host]) == allowed)
    }

    @Test("keep-alive: requests one after the other, and pipelined, on one connection")
    func keepAlive() throws {
        try Self.withServer { port, _, _ throws in
            let descriptor = try RawHTTP.connect(port)
            defer { close(descriptor) }
            var pending: [UInt8] = []
            RawHTTP.send(descriptor, Array("GET /assets/style.css HTTP/1.1\r\n\r\n".utf8))
            #expect(try RawHTTP.read(descriptor, pending: &pending).header("Connection") == "keep-alive")
            RawHTTP.send(descriptor, Array("GET /fiches HTTP/1.1\r\n\r\nHEAD / HTTP/1.1\r\n\r\nGET /nope HTTP/1.1\r\nConnection: close\r\n\r\n".utf8))
            #expect(try RawHTTP.read(descriptor, pending: &pending).status == 301)
            #expect(try RawHTTP.read(descriptor, head: true, pending: &pending).status == 200)
            let last = try RawHTTP.read(descriptor, pending: &pending)
            #expect(last.status == 404)
            #expect(last.header("Connection") == "close")
        }
    }

    @Test("the reload: a new page learns the version at once, a waiting page is answered when a build is done")
    func reloadWaits() throws {
        try Self.withServer { port, _, reload throws in
            #expect(try RawHTTP.get(port, "/_passerelle/wait?since=").text == "0")
            let bump = Thread {
                usleep(300_000)
                reload.bump()
            }
            let start = Date()
            bump.start()
            #expect(try RawHTTP.get(port, "/_passerelle/wait?since=0").text == "1")
            // After the bump (0.3 s), long before the 20 s a long poll waits at most, whatever the machine's load.
            #expect((0.2..<10).contains(Self.seconds(since: start)))
            #expect(try RawHTTP.get(port, "/_passerelle/wait?since=0").text == "1")
        }
    }

    @Test("the port is taken before anything else: a second server on it is 'in use', and it is free once stopped")
    func portInUse() throws {
        let server = try PreviewServer(port: 0)
        #expect(throws: PreviewServer.BindError.inUse(server.port)) { try PreviewServer(port: server.port) }
        let other = try #require(PreviewServer.freePort(after: server.port))
        #expect(other != server.port)
        server.stop()
        let again = try PreviewServer(port: server.port)
        again.stop()
    }

    // MARK: The command

    /// Runs the executable to its end, killing it after `seconds`.
    static func run(_ arguments: [String], in directory: URL, seconds: Double = 60) throws -> (status: Int32, output: String, seconds: Double) {
        let log = directory.appendingPathComponent("serve.log")
        let start = Date()
        let process = try ConcurrentBuildTests.start(arguments, in: directory, log: log)
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let output = ConcurrentBuildTests.text(log)
        try? FileManager.default.removeItem(at: log)
        return (process.terminationStatus, output, Self.seconds(since: start))
    }

    @Test("serve on a busy port says so at once, in French, with --port and a free port, before building or serving",
          .enabled(if: ProcessTests.executable != nil, "needs the passerelle executable beside the test bundle"))
    func commandPortInUse() throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-serve")
        defer { BuildSupport.cleanUp(directory) }
        try ProcessTests.exampleSite(in: directory)
        let busy = try PreviewServer(port: 0)
        defer { busy.stop() }
        let result = try Self.run(["serve", "--port", String(busy.port)], in: directory)
        #expect(result.status == 1)
        // Said before any build: nothing was built (rather than a time, which a busy machine stretches).
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("Output").path))
        let prefix = "erreur: le port \(busy.port) est déjà utilisé\n"
            + "    conseil : un autre programme l’écoute (un autre passerelle serve ?) ; prenez un port libre, par exemple --port "
        #expect(result.output.hasPrefix(prefix), "\(result.output)")
        let suggested = UInt16(result.output.dropFirst(prefix.count).dropLast())
        #expect(suggested != nil && suggested != busy.port && result.output.hasSuffix("\n"), "\(result.output)")
        #expect(!result.output.contains("Aperçu de"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("Output").path), "it built before checking the port")
        // In English when asked.
        let english = try Self.run(["serve", "--port", String(busy.port), "--lang", "en"], in: directory)
        #expect(english.status == 1)
        #expect(english.output.hasPrefix("error: port \(busy.port) is already in use\n"
            + "    hint: another program listens on it (another passerelle serve?); use a free port, e.g. --port "), "\(english.output)")
    }

    @Test("serve whose build is refused (an output folder holding the content) stops at once and serves nothing",
          .enabled(if: ProcessTests.executable != nil, "needs the passerelle executable beside the test bundle"))
    func commandRefusedOutput() throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-serve")
        defer { BuildSupport.cleanUp(directory) }
        let site = directory.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try ProcessTests.exampleSite(in: site)
        let port = try #require(ConcurrentBuildTests.freePort())
        let before = BuildSupport.snapshot(site)
        let result = try Self.run(["serve", "--port", String(port), "--content", "site/Content", "--templates", "site/Templates",
                                   "--output", "site"], in: directory)
        let real = site.resolvingSymlinksInPath().path
        #expect(result.status == 1)
        #expect(result.output == """
            site:1:1: erreur: le dossier de sortie «\u{A0}\(real)\u{A0}» contient «\u{A0}site/Content\u{A0}»\u{A0}: la construction l’effacerait [output-inside-sources]
                conseil : choisissez un dossier de sortie hors du contenu et des modèles, par exemple --output Output
            1 erreur, 0 avertissement
            Rien n’est servi : le dossier de sortie a été refusé (voir ci-dessus).

            """, "\(result.output)")
        #expect(BuildSupport.snapshot(site) == before)
        // Nothing listens on the port any more.
        #expect(throws: RawHTTP.Failure.self) { try RawHTTP.get(port, "/") }
    }

    /// A copy of the example site in `directory`, served by the real executable on a free port, once it says so.
    static func serveExampleSite(in directory: URL, copy: Bool = true) throws -> (process: Process, log: URL) {
        if copy { try ProcessTests.exampleSite(in: directory) }
        let log = directory.appendingPathComponent("serve.log")
        let process = try ConcurrentBuildTests.start(["serve", "--port", "0"], in: directory, log: log)
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, !ConcurrentBuildTests.text(log).contains("Aperçu de"), Date() < deadline { usleep(20_000) }
        return (process, log)
    }

    @Test("serve builds, serves, never follows a link planted in the output, rebuilds on save and tells the page to reload",
          .enabled(if: ProcessTests.executable != nil, "needs the passerelle executable beside the test bundle"))
    func commandServesAndReloads() throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-serve")
        defer { BuildSupport.cleanUp(directory) }
        let (process, log) = try Self.serveExampleSite(in: directory)
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let text = ConcurrentBuildTests.text(log)
        let pattern = /Aperçu de Output\/ sur http:\/\/127\.0\.0\.1:(\d+)\/ — enregistrez un fichier, la page se recharge\. Ctrl-C pour arrêter\.\n/
        let match = try #require(text.firstMatch(of: pattern), "\(text)")
        #expect(text.hasPrefix("Site reconstruit : "))
        let port = try #require(UInt16(match.1))

        let home = try RawHTTP.get(port, "/")
        #expect(home.status == 200)
        #expect(home.text.contains(LiveReload.tag + "\n</body>"))
        #expect(try RawHTTP.get(port, "/fiches").header("Location") == "/fiches/")
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("Output/leak.txt").path,
                                                   withDestinationPath: "/etc/passwd")
        #expect(try RawHTTP.get(port, "/leak.txt").status == 404)
        #expect(try RawHTTP.get(port, "/_passerelle/wait?since=").text == "0")

        // Save a record: the site is rebuilt and a waiting page hears of it.
        let card = directory.appendingPathComponent("Content/projects/cap-ondaine.md")
        let source = try String(contentsOf: card, encoding: .utf8)
        try (source + "\nUne ligne de plus.\n").write(to: card, atomically: true, encoding: .utf8)
        var version = ""
        let deadline = Date().addingTimeInterval(30)
        while version != "1", Date() < deadline {
            // The server answers within 20 s, the client gives up after 5: ask again until the deadline.
            version = (try? RawHTTP.get(port, "/_passerelle/wait?since=0"))?.text ?? ""
        }
        #expect(version == "1")
        #expect(ConcurrentBuildTests.text(log).components(separatedBy: "Site reconstruit : ").count >= 3)
        #expect(try RawHTTP.get(port, "/fiches/cap-ondaine/").text.contains("Une ligne de plus."))
    }

    @Test("an output folder that stops being Passerelle's while serve runs is not served, and the next rebuild stops serve",
          .enabled(if: ProcessTests.executable != nil, "needs the passerelle executable beside the test bundle"))
    func commandStopsWhenRefusedLater() throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-serve")
        defer { BuildSupport.cleanUp(directory) }
        let (process, log) = try Self.serveExampleSite(in: directory)
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        let pattern = /127\.0\.0\.1:(\d+)\//
        let port = try #require(ConcurrentBuildTests.text(log).firstMatch(of: pattern).flatMap { UInt16($0.1) })
        #expect(try RawHTTP.get(port, "/").status == 200)

        // Someone puts documents of their own in place of the site.
        let output = directory.appendingPathComponent("Output")
        try FileManager.default.removeItem(at: output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: output.appendingPathComponent("budget.txt"))
        try Data("<p>mine</p>".utf8).write(to: output.appendingPathComponent("index.html"))
        #expect(try RawHTTP.get(port, "/budget.txt").status == 503)
        #expect(try RawHTTP.get(port, "/").status == 503)

        // The next save: the build refuses the folder, and serve stops.
        let card = directory.appendingPathComponent("Content/projects/cap-ondaine.md")
        try (try String(contentsOf: card, encoding: .utf8) + "\nEncore.\n").write(to: card, atomically: true, encoding: .utf8)
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        #expect(!process.isRunning)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let text = ConcurrentBuildTests.text(log)
        #expect(text.contains("Output:1:1: erreur: "), "\(text)")
        #expect(text.hasSuffix("""
            Output:1:1: erreur: le dossier de sortie «\u{A0}Output\u{A0}» n’est pas vide et n’a pas été écrit par Passerelle\u{A0}: il contient 2 fichiers, par exemple «\u{A0}budget.txt\u{A0}» [output-refused]
                conseil : choisissez un dossier nouveau ou vide, par exemple --output Output\u{A0}; ou ajoutez --force pour remplacer ce dossier, ce qui efface tout ce qu’il contient
            1 erreur, 0 avertissement
            Arrêt : le dossier de sortie a été refusé (voir ci-dessus) ; plus rien n’est servi.

            """), "\(text)")
        #expect(throws: RawHTTP.Failure.self) { try RawHTTP.get(port, "/") }
        #expect(try String(contentsOf: output.appendingPathComponent("budget.txt"), encoding: .utf8) == "secret")
    }
}

/// What serve shows of its builds: the state pages follow, the overlay of a failed build, the page while there is no
/// build, the drafts' banner, and what the terminal prints (one line per rebuild, no line per request).
@Suite("The preview's state: overlay, page without a build, drafts, quiet logs", .serialized)
struct ServeStateTests {
    static let excerpt = [
        ExcerptLine(number: 18, text: "objectives: []"),
        ExcerptLine(number: 19, text: "budget:"),
        ExcerptLine(number: 20, text: "  amount: 97.000", caret: 10, isFaulty: true),
        ExcerptLine(number: 21, text: "  period: annual"),
    ]

    static let failed = PreviewStatus(phase: .failed, builds: 1, problems: [
        PreviewProblem(isError: true, file: "Content/projects/cap-ondaine.md", line: 20, column: 11, rule: "number-ambiguous",
                       message: "nombre ambigu « 97.000 »", hint: "écrivez : amount: 97000", excerpt: excerpt),
        PreviewProblem(isError: false, file: "Content/site.yml", line: 3, column: 1, rule: "key-unknown", message: "clé inconnue"),
    ])

    static let list = """
        <ol class="pw-list">
        <li class="pw-item">
        <p class="pw-where"><span class="pw-severity">Erreur</span> <code class="pw-file">Content/projects/cap-ondaine.md:20:11</code> <span class="pw-rule">[number-ambiguous]</span></p>
        <p class="pw-message">nombre ambigu « 97.000 »</p>
        <p class="pw-hint"><strong>Conseil\u{A0}:</strong> écrivez : amount: 97000</p>
        <pre class="pw-code" tabindex="0">  18 │ objectives: []
          19 │ budget:
        <span class="pw-faulty">&gt; 20 │   amount: 97.000</span>
        <span class="pw-caret">     │           ^</span>
          21 │   period: annual
        </pre>
        </li>
        </ol>

        """

    @Test("the overlay of a failed build: French title, counts, every error with its place, rule, message, hint and lines")
    func overlayPayload() throws {
        let overlay = PreviewReport.overlay(Self.failed)
        #expect(overlay == """
            <div class="pw-backdrop">
            <div class="pw-dialog" role="alertdialog" aria-labelledby="pw-title" aria-describedby="pw-summary" lang="fr">
            <div class="pw-head"><h2 id="pw-title">Le site n’a pas été reconstruit</h2><button type="button" class="pw-close">Fermer</button></div>
            <p id="pw-summary">1 erreur, 1 avertissement. La page montre la dernière version réussie. Corrigez puis enregistrez le fichier\u{A0}: la page se recharge d’elle-même.</p>
            \(Self.list)</div>
            </div>

            """)
        // The state's JSON carries it, as it is.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(PreviewReport.json(Self.failed, change: 7))) as? [String: Any])
        #expect(json["overlay"] as? String == overlay)
        #expect(json["phase"] as? String == "failed")
        #expect(json["errors"] as? Int == 1 && json["warnings"] as? Int == 1 && json["builds"] as? Int == 1 && json["change"] as? Int == 7)
        // None once the build succeeds, even with warnings.
        var ready = Self.failed
        ready.phase = .ready
        ready.problems.removeFirst()
        #expect(PreviewReport.overlay(ready) == "")
    }

    @Test("the overlay in English under --lang en")
    func overlayInEnglish() {
        var status = Self.failed
        status.language = .en
        let overlay = PreviewReport.overlay(status)
        #expect(overlay.contains("lang=\"en\""))
        #expect(overlay.contains("<h2 id=\"pw-title\">The site was not rebuilt</h2><button type=\"button\" class=\"pw-close\">Close</button>"))
        #expect(overlay.contains("<p id=\"pw-summary\">1 error, 1 warning. The page shows the last good version. Fix the file and save it: the page reloads by itself.</p>"))
        #expect(overlay.contains("<span class=\"pw-severity\">Error</span>"))
        #expect(overlay.contains("<strong>Hint:</strong>"))
    }

    @Test("everything taken from the files and messages is escaped as HTML")
    func overlayEscapes() {
        let status = PreviewStatus(phase: .failed, problems: [
            PreviewProblem(isError: true, file: "Content/<x>.md", line: 1, column: 1, rule: "r\"", message: "<script>alert('x')</script> & co",
                           hint: "<b>", excerpt: [ExcerptLine(number: 1, text: "title: \"<img src=x onerror=alert(1)>\"\u{1B}", caret: 0, isFaulty: true)]),
        ])
        let overlay = PreviewReport.overlay(status)
        #expect(overlay.contains("<code class=\"pw-file\">Content/&lt;x&gt;.md:1:1</code> <span class=\"pw-rule\">[r&quot;]</span>"))
        #expect(overlay.contains("<p class=\"pw-message\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</p>"))
        #expect(overlay.contains("<strong>Conseil\u{A0}:</strong> &lt;b&gt;</p>"))
        #expect(overlay.contains("&gt; 1 │ title: &quot;&lt;img src=x onerror=alert(1)&gt;&quot;\u{FFFD}</span>"))
        #expect(!overlay.contains("<script") && !overlay.contains("<img") && !overlay.contains("<b>"))
    }

    @Test("the lines around a problem: 2 before and after, fewer at the file's ends, none for a line the file does not have")
    func excerptLines() {
        let lines = ["a", "b", "c", "d", "e", "f"]
        #expect(ExcerptLine.around(lines, line: 1, column: 1) == [
            ExcerptLine(number: 1, text: "a", caret: 0, isFaulty: true), ExcerptLine(number: 2, text: "b"), ExcerptLine(number: 3, text: "c"),
        ])
        #expect(ExcerptLine.around(lines, line: 6, column: 2).map(\.number) == [4, 5, 6])
        #expect(ExcerptLine.around(lines, line: 4, column: 1).map(\.number) == [2, 3, 4, 5, 6])
        #expect(ExcerptLine.around(lines, line: 7, column: 1) == [])
        #expect(ExcerptLine.around([], line: 1, column: 1) == [])
    }

    @Test("a file with Windows line ends (CRLF) is read line by line for the excerpt, without the carriage returns")
    func sourceLinesCRLF() throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-crlf")
        defer { BuildSupport.cleanUp(directory) }
        let path = directory.appendingPathComponent("fiche.md").path
        try "---\r\nkind: project\r\ntitle: T\r\n---\r\n".write(toFile: path, atomically: true, encoding: .utf8)
        var lines = SourceLines()
        #expect(lines.lines(of: path) == ["---", "kind: project", "title: T", "---", ""])
    }

    @Test("an absurdly long line is cut to 160 characters around the faulty column, with … where it is cut")
    func excerptCutsLongLines() {
        let long = String(repeating: "x", count: 499) + "!" + String(repeating: "y", count: 500)
        let faulty = ExcerptLine.around([long], line: 1, column: 500)[0]
        #expect(faulty.text == "…" + String(repeating: "x", count: 80) + "!" + String(repeating: "y", count: 79) + "…")
        #expect(faulty.caret == 81)
        #expect(Array(faulty.text.unicodeScalars)[81] == "!")  // the caret is under the faulty character
        let start = ExcerptLine.around([long], line: 1, column: 3)[0]
        #expect(start.text == String(repeating: "x", count: 160) + "…")
        #expect(start.caret == 2)
        let end = ExcerptLine.around([long], line: 1, column: 1000)[0]
        #expect(end.text == "…" + String(repeating: "y", count: 160))
        #expect(end.caret == 160)
    }

    @Test("the state: a new page gets it at once, a waiting page when serve publishes 'building', then the result")
    func stateEndpoint() throws {
        let state = PreviewState()
        try ServeTests.withServer(state: state) { port, _, _ throws in
            let first = try RawHTTP.get(port, "/_passerelle/state?since=")
            #expect(first.status == 200)
            #expect(first.header("Content-Type") == "application/json")
            #expect(first.header("Cache-Control") == "no-store")
            #expect(first.text == #"{"builds":0,"change":0,"errors":0,"overlay":"","phase":"building","rebuilding":"Reconstruction…","warnings":0}"#)
            let publish = Thread {
                usleep(300_000)
                state.publish(PreviewStatus(phase: .ready, builds: 1))
            }
            let start = Date()
            publish.start()
            let second = try RawHTTP.get(port, "/_passerelle/state?since=0")
            #expect((0.2..<10).contains(ServeTests.seconds(since: start)))
            #expect(second.text == #"{"builds":1,"change":1,"errors":0,"overlay":"","phase":"ready","rebuilding":"Reconstruction…","warnings":0}"#)
            state.publish(phase: .building)
            #expect(try RawHTTP.get(port, "/_passerelle/state?since=1").text
                    == #"{"builds":1,"change":2,"errors":0,"overlay":"","phase":"building","rebuilding":"Reconstruction…","warnings":0}"#)
            let css = try RawHTTP.get(port, "/_passerelle/overlay.css")
            #expect(css.status == 200)
            #expect(css.header("Content-Type") == "text/css; charset=utf-8")
            #expect(css.text == PreviewReport.css)
        }
    }

    @Test("while there is no build: a French page (503) listing the errors, that reloads by itself")
    func noBuildPage() throws {
        let state = PreviewState(Self.failed)
        try ServeTests.withServer(state: state) { port, output, _ throws in
            try FileManager.default.removeItem(at: output.appendingPathComponent(OutputWriter.markerName))
            let answer = try RawHTTP.get(port, "/fiches/")
            #expect(answer.status == 503)
            #expect(answer.text == """
                <!doctype html>
                <html lang="fr">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Pas encore d’aperçu — Passerelle</title>
                <link rel="stylesheet" href="/_passerelle/overlay.css">
                </head>
                <body class="pw-page" data-passerelle-preview="no-build">
                <main class="pw-dialog">
                <h1>Pas encore d’aperçu</h1>
                <p id="pw-summary">1 erreur, 1 avertissement. Le site n’a pas pu être construit\u{A0}: corrigez puis enregistrez le fichier. Cette page se recharge d’elle-même dès que le site est construit.</p>
                \(Self.list)</main>
                \(LiveReload.tag)
                </body>
                </html>

                """)
            var english = Self.failed
            english.language = .en
            state.publish(english)
            let page = try RawHTTP.get(port, "/").text
            #expect(page.contains("<html lang=\"en\">"))
            #expect(page.contains("<h1>No preview yet</h1>\n<p id=\"pw-summary\">1 error, 1 warning. The site could not be built: fix the file and save it. This page reloads by itself once the site builds.</p>"))
            state.publish(PreviewStatus(phase: .building))
            #expect(try RawHTTP.get(port, "/").text.contains(
                "<p id=\"pw-summary\">Le site est en cours de construction. Cette page se recharge d’elle-même dès qu’il est prêt.</p>\n</main>"))
        }
    }

    @Test("a draft's page carries the banner at its top, in the preview only; other pages do not")
    func draftBanner() throws {
        let state = PreviewState(PreviewStatus(phase: .ready, builds: 1, drafts: ["/fiches/cap-ondaine/"]))
        try ServeTests.withServer(state: state) { port, output, _ throws in
            let draft = try RawHTTP.get(port, "/fiches/cap-ondaine/")
            #expect(draft.text == "<html><body>\n<link rel=\"stylesheet\" href=\"/_passerelle/overlay.css\"><p id=\"passerelle-brouillon\" role=\"note\">"
                    + "Brouillon — non publié par passerelle build</p>Cap\(LiveReload.tag)\n</body></html>\n")
            #expect(try RawHTTP.get(port, "/fiches/").text == "<html><body>Fiches\(LiveReload.tag)\n</body></html>\n")
            // The built file is left as it was.
            #expect(try String(contentsOf: output.appendingPathComponent("fiches/cap-ondaine/index.html"), encoding: .utf8)
                    == "<html><body>Cap</body></html>\n")
        }
    }

    @Test("the banner goes after an opening body tag with attributes, never after <bodyguard>")
    func bannerPlace() {
        let page = Array("<bodyguard></bodyguard><body class=\"x\">\n<p>a</p></body>".utf8)
        let result = String(decoding: LiveReload.inject(into: page, banner: "B"), as: UTF8.self)
        #expect(result == "<bodyguard></bodyguard><body class=\"x\">\nB\n<p>a</p>\(LiveReload.tag)\n</body>")
    }

    /// The state once it is not "building" any more and its change is past `since`.
    static func state(_ port: UInt16, after since: Int) -> [String: Any]? {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            // The server answers within 20 s, the client gives up after 5: ask again until the deadline.
            guard let text = (try? RawHTTP.get(port, "/_passerelle/state?since=\(since)"))?.body,
                  let json = (try? JSONSerialization.jsonObject(with: Data(text))) as? [String: Any],
                  let change = json["change"] as? Int else { continue }
            if change > since, json["phase"] as? String != "building" { return json }
        }
        return nil
    }

    @Test("serve: a save with an error shows in the state and the overlay; the terminal prints one line per rebuild and the diagnostics once, never a request",
          .enabled(if: ProcessTests.executable != nil, "needs the passerelle executable beside the test bundle"))
    func commandQuietLogsAndOverlay() throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-serve")
        defer { BuildSupport.cleanUp(directory) }
        try ProcessTests.exampleSite(in: directory)
        // A draft: served, and marked as such.
        let article = directory.appendingPathComponent("Content/articles/cae-reussite-nee-en-rhone-alpes.md")
        let text = try String(contentsOf: article, encoding: .utf8)
        try text.replacingOccurrences(of: "---\nkind: article\n", with: "---\nkind: article\ndraft: true\n").write(to: article, atomically: true, encoding: .utf8)
        let (process, log) = try ServeTests.serveExampleSite(in: directory, copy: false)
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let port = try #require(ConcurrentBuildTests.text(log).firstMatch(of: /127\.0\.0\.1:(\d+)\//).flatMap { UInt16($0.1) })
        for path in ["/", "/fiches/", "/fiches/cap-ondaine/", "/assets/style.css", "/nothing", "/_passerelle/reload.js"] {
            _ = try RawHTTP.get(port, path)
        }
        let draft = try RawHTTP.get(port, "/actualites/cae-reussite-nee-en-rhone-alpes/")
        #expect(draft.status == 200)
        #expect(draft.text.contains("<p id=\"passerelle-brouillon\" role=\"note\">Brouillon — non publié par passerelle build</p>"))
        #expect(!(try RawHTTP.get(port, "/").text.contains("passerelle-brouillon")))
        let start = try #require(Self.state(port, after: -1)?["change"] as? Int)

        // An error: the state says so, with the overlay.
        let card = directory.appendingPathComponent("Content/projects/cap-ondaine.md")
        let source = try String(contentsOf: card, encoding: .utf8)
        try source.replacingOccurrences(of: "  amount: 97000\n", with: "  amount: 97.000\n").write(to: card, atomically: true, encoding: .utf8)
        let failed = try #require(Self.state(port, after: start))
        #expect(failed["phase"] as? String == "failed")
        #expect(failed["builds"] as? Int == 1)
        #expect(failed["errors"] as? Int == 1)
        let overlay = try #require(failed["overlay"] as? String)
        #expect(overlay.contains("<code class=\"pw-file\">Content/projects/cap-ondaine.md:20:11</code>"))
        #expect(overlay.contains("<span class=\"pw-faulty\">&gt; 20 │   amount: 97.000</span>"))
        // The last good version is still served.
        #expect(try RawHTTP.get(port, "/fiches/cap-ondaine/").status == 200)

        // Another save, the same error: one line.
        try (text + "\nUne ligne.\n").write(to: article, atomically: true, encoding: .utf8)
        let again = try #require(Self.state(port, after: failed["change"] as? Int ?? 0))
        #expect(again["phase"] as? String == "failed")

        // The fix: a good build, the pages reload.
        try source.write(to: card, atomically: true, encoding: .utf8)
        let fixed = try #require(Self.state(port, after: again["change"] as? Int ?? 0))
        #expect(fixed["phase"] as? String == "ready")
        #expect(fixed["builds"] as? Int == 2)
        #expect(fixed["overlay"] as? String == "")

        let output = ConcurrentBuildTests.text(log)
        let lines = /Site reconstruit : \d+ fichiers en \d+ ms\.\nAperçu de Output\/ sur http:\/\/127\.0\.0\.1:\d+\/ — enregistrez un fichier, la page se recharge\. Ctrl-C pour arrêter\.\nÉditeur de fiches\u{00A0}: http:\/\/127\.0\.0\.1:\d+\/_passerelle\/editeur\/\nContent\/projects\/cap-ondaine\.md:20:11: erreur: [^\n]+ \[[a-z-]+\]\n(    conseil : [^\n]+\n)?1 erreur, 0 avertissement\nPas reconstruit : corrigez les erreurs ci-dessus ; l’aperçu les montre aussi dans le navigateur\.\nPas reconstruit : toujours les mêmes erreurs \(1 erreur, 0 avertissement\), voir ci-dessus\.\nSite reconstruit : \d+ fichiers en \d+ ms\.\n/
        #expect(output.wholeMatch(of: lines) != nil, "\(output)")
    }

    @Test("serve with an error from the start: every page is the French page listing it (503), until the fix builds the site",
          .enabled(if: ProcessTests.executable != nil, "needs the passerelle executable beside the test bundle"))
    func commandNoBuildYet() throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-serve")
        defer { BuildSupport.cleanUp(directory) }
        try ProcessTests.exampleSite(in: directory)
        let card = directory.appendingPathComponent("Content/projects/cap-ondaine.md")
        let source = try String(contentsOf: card, encoding: .utf8)
        try source.replacingOccurrences(of: "  amount: 97000\n", with: "  amount: 97.000\n").write(to: card, atomically: true, encoding: .utf8)
        let (process, log) = try ServeTests.serveExampleSite(in: directory, copy: false)
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let port = try #require(ConcurrentBuildTests.text(log).firstMatch(of: /127\.0\.0\.1:(\d+)\//).flatMap { UInt16($0.1) })
        let page = try RawHTTP.get(port, "/fiches/cap-ondaine/")
        #expect(page.status == 503)
        #expect(page.text.contains("<html lang=\"fr\">"))
        #expect(page.text.contains("<h1>Pas encore d’aperçu</h1>\n<p id=\"pw-summary\">1 erreur, 0 avertissement. Le site n’a pas pu être construit"))
        #expect(page.text.contains("<code class=\"pw-file\">Content/projects/cap-ondaine.md:20:11</code>"))
        #expect(page.text.contains(LiveReload.tag))
        let start = try #require(Self.state(port, after: -1)?["change"] as? Int)
        try source.write(to: card, atomically: true, encoding: .utf8)
        let fixed = try #require(Self.state(port, after: start))
        #expect(fixed["builds"] as? Int == 1)
        #expect(try RawHTTP.get(port, "/fiches/cap-ondaine/").status == 200)
    }
}
