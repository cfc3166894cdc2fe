/// The limits of a request head. A request line or a header past them is answered at once (414 or 431), without
/// reading the rest: the server never holds more than about 50 KB of any request.
public enum HeadLimits {
    /// The request line (`GET /path HTTP/1.1`), without its line end: longer is 414 URI Too Long.
    public static let requestLine = 8 * 1024
    /// One header line, without its line end: longer is 431 Request Header Fields Too Large.
    public static let headerLine = 8 * 1024
    /// All header lines together: more is 431.
    public static let headers = 32 * 1024
    /// How many header lines: more is 431.
    public static let headerCount = 100
}

/// The request line and headers of one request.
public struct RequestHead: Sendable, Equatable {
    public var method: String
    /// The request target as sent: `/path?query`, still percent-encoded.
    public var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    /// Header names in lower case; a repeated header's values joined with ", ".
    public var headers: [String: String]

    /// Whether the connection stays open after the response (HTTP/1.1 unless `Connection: close`).
    public var keepAlive: Bool {
        let tokens = (headers["connection"] ?? "").lowercased().split(separator: ",").map { $0.trimmingSpaces }
        if tokens.contains("close") { return false }
        return minorVersion >= 1 || tokens.contains("keep-alive")
    }
}

/// Why a request head is refused: the status to answer, and a line for the body.
public struct HeadFailure: Error, Equatable, Sendable {
    public var status: Int
    public var reason: String

    public init(status: Int, reason: String) {
        self.status = status
        self.reason = reason
    }
}

/// Reads a request head from bytes as they arrive, in time linear in their number: each byte is looked at once,
/// and a line past its limit is refused as soon as the limit is passed, without waiting for its end.
public struct HeadParser: Sendable {
    public enum Outcome: Equatable, Sendable {
        /// More bytes are needed.
        case incomplete
        case complete(RequestHead)
        case failed(HeadFailure)
    }

    private var buffer: [UInt8] = []
    /// Where the current line starts, and how far the search for its end has gone.
    private var lineStart = 0
    private var scanned = 0
    private var requestLine: (method: String, target: String, minor: Int)?
    private var headers: [String: String] = [:]
    private var headerBytes = 0
    private var headerCount = 0

    public init() {}

    /// Whether a request has begun: some byte of it arrived (blank lines before a request do not count, once read).
    public var started: Bool { requestLine != nil || buffer.count > lineStart }

    /// Adds bytes that arrived.
    public mutating func append<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
    }

    /// Reads the complete lines received so far. After `.complete`, the parser is ready for the next request on the
    /// same connection, and keeps the bytes that followed the head (a pipelined request).
    public mutating func parse() -> Outcome {
        while scanned < buffer.count {
            guard let end = buffer[scanned...].firstIndex(of: 10) else {
                scanned = buffer.count
                break
            }
            var lineEnd = end
            if lineEnd > lineStart, buffer[lineEnd - 1] == 13 { lineEnd -= 1 }
            let line = buffer[lineStart..<lineEnd]
            lineStart = end + 1
            scanned = end + 1
            if let outcome = take(line) {
                if case .complete = outcome { reset() }
                return outcome
            }
        }
        // The line still open: refuse it as soon as it is too long, whatever follows.
        let open = max(0, buffer.count - lineStart - 1)  // a final CR may belong to the line end
        if requestLine == nil {
            if open > HeadLimits.requestLine { return .failed(Self.uriTooLong) }
        } else {
            if open > HeadLimits.headerLine { return .failed(Self.headerTooLarge("a header line is longer than 8 KB")) }
            if headerBytes + open > HeadLimits.headers { return .failed(Self.headerTooLarge("the headers are longer than 32 KB")) }
        }
        return .incomplete
    }

    static let uriTooLong = HeadFailure(status: 414, reason: "the request line is longer than 8 KB")
    static func headerTooLarge(_ reason: String) -> HeadFailure { HeadFailure(status: 431, reason: reason) }
    static func bad(_ reason: String) -> HeadFailure { HeadFailure(status: 400, reason: reason) }

    /// One complete line, without its line end. Returns an outcome when the head is complete or refused.
    private mutating func take(_ line: ArraySlice<UInt8>) -> Outcome? {
        guard let request = requestLine else {
            if line.isEmpty { return nil }  // blank lines before a request are ignored (RFC 9112 §2.2)
            if line.count > HeadLimits.requestLine { return .failed(Self.uriTooLong) }
            switch Self.parseRequestLine(line) {
            case .success(let parsed): requestLine = parsed
            case .failure(let failure): return .failed(failure)
            }
            return nil
        }
        if line.isEmpty {
            return .complete(RequestHead(method: request.method, target: request.target, minorVersion: request.minor,
                                         headers: headers))
        }
        if line.count > HeadLimits.headerLine { return .failed(Self.headerTooLarge("a header line is longer than 8 KB")) }
        headerBytes += line.count
        headerCount += 1
        if headerBytes > HeadLimits.headers { return .failed(Self.headerTooLarge("the headers are longer than 32 KB")) }
        if headerCount > HeadLimits.headerCount { return .failed(Self.headerTooLarge("more than 100 header lines")) }
        guard let first = line.first, first != 32, first != 9 else { return .failed(Self.bad("a folded header line")) }
        guard let colon = line.firstIndex(of: 58) else { return .failed(Self.bad("a header line without ':'")) }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(Self.isTokenByte) else { return .failed(Self.bad("a header name that is not a token")) }
        var value = line[(colon + 1)...]
        while let byte = value.first, byte == 32 || byte == 9 { value = value.dropFirst() }
        while let byte = value.last, byte == 32 || byte == 9 { value = value.dropLast() }
        guard !value.contains(where: { ($0 < 32 && $0 != 9) || $0 == 127 }) else {
            return .failed(Self.bad("a control character in a header value"))
        }
        let key = String(decoding: name, as: UTF8.self).lowercased()
        let text = String(decoding: value, as: UTF8.self)
        if let previous = headers[key] { headers[key] = previous + ", " + text } else { headers[key] = text }
        return nil
    }

    /// `METHOD SP target SP HTTP/1.x`, with single spaces.
    static func parseRequestLine(_ line: ArraySlice<UInt8>) -> Result<(method: String, target: String, minor: Int), HeadFailure> {
        let parts = line.split(separator: 32, maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return .failure(bad("a request line that is not 'METHOD target HTTP/1.1'")) }
        let method = parts[0], target = parts[1], version = parts[2]
        guard !method.isEmpty, method.allSatisfy(isTokenByte) else { return .failure(bad("a method that is not a token")) }
        guard !target.isEmpty, target.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            return .failure(bad("a request target with a space, a control or a non-ASCII byte"))
        }
        let versionText = String(decoding: version, as: UTF8.self)
        let minor: Int
        switch versionText {
        case "HTTP/1.1": minor = 1
        case "HTTP/1.0": minor = 0
        default:
            if versionText.hasPrefix("HTTP/") { return .failure(HeadFailure(status: 505, reason: "only HTTP/1.0 and HTTP/1.1 are served")) }
            return .failure(bad("a request line that does not end with HTTP/1.1"))
        }
        return .success((String(decoding: method, as: UTF8.self), String(decoding: target, as: UTF8.self), minor))
    }

    /// The characters of a method or header name (RFC 9110 §5.6.2).
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    /// Takes up to `max` bytes received after the head just completed (the start of a POST body).
    public mutating func takeBuffered(max: Int) -> [UInt8] {
        let count = Swift.min(max, buffer.count)
        let taken = Array(buffer[0..<count])
        buffer.removeFirst(count)
        return taken
    }

    /// Ready for the next request: drops the head just read and keeps what followed it.
    private mutating func reset() {
        buffer.removeFirst(lineStart)
        lineStart = 0
        scanned = 0
        requestLine = nil
        headers = [:]
        headerBytes = 0
        headerCount = 0
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return text
    }
}
