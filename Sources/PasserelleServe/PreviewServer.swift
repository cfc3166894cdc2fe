#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A request the server has read: GET or HEAD without a body, or POST with its body (at most `PreviewServer.maxBody`).
public struct Request: Sendable {
    public var method: String
    /// The path as sent, still percent-encoded, starting with `/`.
    public var path: String
    /// What follows `?`, if anything.
    public var query: String?
    public var headers: [String: String]
    /// The body of a POST (a form of the form editor); empty otherwise.
    public var body: [UInt8]

    public init(method: String = "GET", path: String, query: String? = nil, headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// A file opened for a response: its descriptor is closed once the response is sent (or dropped).
public final class OpenFile {
    public let descriptor: Int32
    public let size: Int

    public init(descriptor: Int32, size: Int) {
        self.descriptor = descriptor
        self.size = size
    }

    deinit { close(descriptor) }
}

/// What the server sends back. `Content-Length` and `Connection` are added by the server.
public struct Response {
    public enum Body {
        case bytes([UInt8])
        case file(OpenFile)

        var count: Int {
            switch self {
            case .bytes(let bytes): return bytes.count
            case .file(let file): return file.size
            }
        }
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Body

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A short plain-text answer.
    public static func text(_ status: Int, _ text: String, headers: [(name: String, value: String)] = []) -> Response {
        Response(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")] + headers, body: .bytes(Array(text.utf8)))
    }

    public static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 303: return "See Other"
        case 301: return "Moved Permanently"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 403: return "Forbidden"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 411: return "Length Required"
        case 413: return "Content Too Large"
        case 415: return "Unsupported Media Type"
        case 414: return "URI Too Long"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status \(status)"
        }
    }
}

/// The HTTP/1.1 server of the preview: GET and HEAD on 127.0.0.1 only, keep-alive, one thread per connection.
///
/// Built for a preview that must stay up whatever a page or another program sends it: a request head is read in
/// linear time and refused at once past its limits (`HeadLimits`: 414, 431), a head that does not arrive within
/// 10 s is 408, an idle connection is closed after 5 s, at most `maxConnections` are served at once (the next ones
/// get 503), and a slow or hostile connection holds only its own thread.
public final class PreviewServer: @unchecked Sendable {
    public typealias Handler = @Sendable (Request) -> Response

    /// Why the port could not be taken.
    public enum BindError: Error, Equatable, Sendable {
        /// Another program listens on it.
        case inUse(UInt16)
        /// The system does not let this user listen on it (a port below 1024).
        case denied(UInt16)
        case other(UInt16, String)
    }

    public static let maxConnections = 128
    /// The largest body a POST may have (a form of the form editor): larger is 413 at once, unread.
    public static let maxBody = 1024 * 1024
    /// How long a request head may take to arrive, from its first byte.
    public static let headTimeout: Double = 10
    /// How long a kept-alive connection waits for the next request.
    public static let idleTimeout: Double = 5

    /// The port listened on (the one the system chose, when 0 was asked).
    public let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var connections: Set<Int32> = []
    private var stopped = false
    private var started = false
    private let acceptDone = DispatchSemaphore(value: 0)

    /// Takes the port at once (bind and listen on 127.0.0.1), before anything else is done; `start` serves it.
    public init(port: UInt16) throws(BindError) {
        let descriptor = Self.makeSocket()
        guard descriptor >= 0 else { throw .other(port, String(cString: strerror(errno))) }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 128) == 0 else {
            let code = errno
            close(descriptor)
            switch code {
            case EADDRINUSE: throw .inUse(port)
            case EACCES, EPERM: throw .denied(port)
            default: throw .other(port, String(cString: strerror(code)))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        var actual = sockaddr_in()
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.port = UInt16(bigEndian: actual.sin_port)
        self.listener = descriptor
    }

    static func makeSocket() -> Int32 {
        #if canImport(Glibc) || canImport(Musl)
        return socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        return socket(AF_INET, SOCK_STREAM, 0)
        #endif
    }

    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    /// A port near `port` that nothing listens on now, for a hint; the system's choice when none of the next 100 is.
    public static func freePort(after port: UInt16) -> UInt16? {
        var candidates = (1...100).compactMap { port.addingReportingOverflow(UInt16($0)).overflow ? nil : port + UInt16($0) }
        candidates.append(0)
        for candidate in candidates where candidate == 0 || candidate >= 1024 {
            if let server = try? PreviewServer(port: candidate) {
                let found = server.port
                server.stop()
                return found
            }
        }
        return nil
    }

    /// Starts accepting connections, each answered by `handler` on a thread of its own. Returns at once.
    public func start(_ handler: @escaping Handler) {
        lock.withLock { started = true }
        let thread = Thread { [self] in acceptLoop(handler) }
        thread.name = "passerelle-serve-accept"
        thread.start()
    }

    /// Stops accepting, closes every open connection and frees the port. Returns once the port is free.
    public func stop() {
        let (wasStarted, open) = lock.withLock { () -> (Bool, Set<Int32>) in
            guard !stopped else { return (false, []) }
            stopped = true
            return (started, connections)
        }
        for descriptor in open { shutdown(descriptor, Int32(SHUT_RDWR)) }
        if wasStarted {
            acceptDone.wait()
        } else {
            close(listener)
        }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop(_ handler: @escaping Handler) {
        defer {
            close(listener)
            acceptDone.signal()
        }
        while !isStopped {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            guard ready > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                usleep(10_000)  // out of descriptors, say: do not spin
                continue
            }
            Self.configure(client)
            let admitted = lock.withLock { () -> Bool in
                guard !stopped, connections.count < Self.maxConnections else { return false }
                connections.insert(client)
                return true
            }
            guard admitted else {
                let busy = Response.text(503, "Too many connections to the preview: try again.\n")
                if case .bytes(let body) = busy.body {
                    _ = Self.send(client, Self.head(busy, length: body.count, keepAlive: false) + body)
                }
                close(client)
                continue
            }
            let thread = Thread { [self] in
                Connection(descriptor: client, handler: handler, isStopped: { [self] in isStopped }).run()
                lock.withLock { _ = connections.remove(client) }
                close(client)
            }
            thread.name = "passerelle-serve-connection"
            thread.start()
        }
    }

    static func configure(_ descriptor: Int32) {
        var one: Int32 = 1
        #if canImport(Darwin)
        setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        // A client that stops reading cannot hold a thread for long.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The status line and headers of a response.
    static func head(_ response: Response, length: Int, keepAlive: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(response.status) \(Response.reason(response.status))\r\n"
        for header in response.headers {
            text += "\(header.name): \(header.value)\r\n"
        }
        text += "Content-Length: \(length)\r\n"
        text += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
        text += "\r\n"
        return Array(text.utf8)
    }

    /// Writes all of `bytes`; false if the connection failed or timed out.
    static func send(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { send(descriptor, $0) }
    }

    static func send(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            #if canImport(Darwin)
            let flags: Int32 = 0
            #else
            let flags = Int32(MSG_NOSIGNAL)
            #endif
            let sent = systemSend(descriptor, bytes.baseAddress! + offset, bytes.count - offset, flags)
            if sent < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += sent
        }
        return true
    }
}

#if canImport(Glibc)
private let systemSend = Glibc.send
private let systemRead = Glibc.read
#elseif canImport(Musl)
private let systemSend = Musl.send
private let systemRead = Musl.read
#else
private let systemSend = Darwin.send
private let systemRead = Darwin.read
#endif

/// One connection: reads requests one after the other, answers each, and closes on error, timeout or request.
struct Connection {
    let descriptor: Int32
    let handler: PreviewServer.Handler
    let isStopped: @Sendable () -> Bool

    enum Read {
        case bytes(Int)
        case closed
        case timedOut
    }

    /// Waits up to `seconds` for bytes, and reads them into `buffer`.
    func read(into buffer: inout [UInt8], within seconds: Double) -> Read {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(max(0, seconds) * 1000))
        if ready == 0 { return .timedOut }
        if ready < 0 { return errno == EINTR ? .bytes(0) : .closed }
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 && errno == EINTR { return .bytes(0) }
        return count > 0 ? .bytes(count) : .closed
    }

    func run() {
        var parser = HeadParser()
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var first = true
        while !isStopped() {
            // Read one head: the first byte within the idle time, the whole head within the head time.
            var outcome = parser.parse()
            var deadline: Double? = parser.started ? now() + PreviewServer.headTimeout : nil
            let idleUntil = now() + (first ? PreviewServer.headTimeout : PreviewServer.idleTimeout)
            while outcome == .incomplete {
                let limit = deadline ?? idleUntil
                switch read(into: &chunk, within: limit - now()) {
                case .closed:
                    return
                case .timedOut:
                    if parser.started { answerAndClose(Response.text(408, "The request took too long to arrive.\n")) }
                    return
                case .bytes(let count):
                    if isStopped() { return }
                    parser.append(chunk[0..<count])
                    if deadline == nil, parser.started { deadline = now() + PreviewServer.headTimeout }
                    outcome = parser.parse()
                }
            }
            first = false
            switch outcome {
            case .incomplete:
                return
            case .failed(let failure):
                answerAndClose(Response.text(failure.status, "\(Response.reason(failure.status)): \(failure.reason).\n"))
                return
            case .complete(let head):
                guard answer(head, parser: &parser) else { return }
            }
        }
    }

    /// Answers one request; false when the connection is to be closed.
    func answer(_ head: RequestHead, parser: inout HeadParser) -> Bool {
        var body: [UInt8] = []
        if head.method == "POST" {
            // A POST carries a form: its body is read (Content-Length only, at most `maxBody`) and given to the handler.
            guard head.headers["transfer-encoding"] == nil, let lengthText = head.headers["content-length"],
                  let length = Int(lengthText), length >= 0 else {
                answerAndClose(Response.text(411, "Length Required: a POST gives its Content-Length.\n"))
                return false
            }
            guard length <= PreviewServer.maxBody else {
                answerAndClose(Response.text(413, "Content Too Large: a form of at most 1 MB is accepted.\n"))
                return false
            }
            guard let read = readBody(length, parser: &parser) else { return false }
            body = read
        } else {
            guard head.method == "GET" || head.method == "HEAD" else {
                let status = ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"].contains(head.method) ? 405 : 501
                answerAndClose(Response.text(status, "The preview answers GET and HEAD only.\n", headers: [("Allow", "GET, HEAD")]))
                return false
            }
            // No body is read: a request that announces one is refused, so no byte of it is taken for a request.
            if head.headers["transfer-encoding"] != nil || (head.headers["content-length"].map { $0 != "0" } ?? false) {
                answerAndClose(Response.text(400, "Bad Request: a GET or HEAD request has no body.\n"))
                return false
            }
        }
        guard head.target.hasPrefix("/") else {
            answerAndClose(Response.text(400, "Bad Request: the request target must be a path starting with '/'.\n"))
            return false
        }
        let parts = head.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let request = Request(method: head.method, path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : nil,
                              headers: head.headers, body: body)
        let response = handler(request)
        let keepAlive = head.keepAlive && !isStopped()
        return write(response, body: head.method != "HEAD", keepAlive: keepAlive) && keepAlive
    }

    /// The `length` bytes of a body: those the parser already holds, then from the connection, within the head time.
    func readBody(_ length: Int, parser: inout HeadParser) -> [UInt8]? {
        var body = parser.takeBuffered(max: length)
        let deadline = now() + PreviewServer.headTimeout
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while body.count < length {
            switch read(into: &chunk, within: deadline - now()) {
            case .closed:
                return nil
            case .timedOut:
                answerAndClose(Response.text(408, "The request took too long to arrive.\n"))
                return nil
            case .bytes(let count):
                let wanted = min(count, length - body.count)
                body += chunk[0..<wanted]
                // Bytes past the body belong to the next request.
                if wanted < count { parser.append(chunk[wanted..<count]) }
            }
        }
        return body
    }

    /// Sends a response; false if the connection failed.
    func write(_ response: Response, body: Bool, keepAlive: Bool) -> Bool {
        guard PreviewServer.send(descriptor, PreviewServer.head(response, length: response.body.count, keepAlive: keepAlive)) else {
            return false
        }
        guard body else { return true }
        switch response.body {
        case .bytes(let bytes):
            return PreviewServer.send(descriptor, bytes)
        case .file(let file):
            var remaining = file.size
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while remaining > 0 {
                let count = chunk.withUnsafeMutableBytes { systemRead(file.descriptor, $0.baseAddress, min($0.count, remaining)) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }  // the file shrank: the length sent is wrong, close
                guard chunk.withUnsafeBytes({ PreviewServer.send(descriptor, UnsafeRawBufferPointer(rebasing: $0[0..<count])) }) else {
                    return false
                }
                remaining -= count
            }
            return true
        }
    }

    /// Sends an error and closes gracefully: stops writing, then reads and drops what the client is still sending (up to
    /// 2 s), so that it reads the answer instead of a reset.
    func answerAndClose(_ response: Response) {
        guard write(response, body: true, keepAlive: false) else { return }
        shutdown(descriptor, Int32(SHUT_WR))
        let until = now() + 2
        var sink = [UInt8](repeating: 0, count: 64 * 1024)
        var drained = 0
        while drained < 64 * 1024 * 1024, !isStopped() {
            guard case .bytes(let count) = read(into: &sink, within: until - now()) else { return }
            drained += count
        }
    }

    func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
