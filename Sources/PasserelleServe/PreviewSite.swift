#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A counter bumped after each good rebuild; pages wait on it to know when to reload.
public final class ReloadSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var version = 0
    private var stopped = false

    public init() {}

    public var current: Int { condition.withLock { version } }

    public func bump() {
        condition.withLock {
            version += 1
            condition.broadcast()
        }
    }

    /// Wakes every waiting page, for good.
    public func stop() {
        condition.withLock {
            stopped = true
            condition.broadcast()
        }
    }

    /// Returns at once for a new page (or another version), else when the version changes or after `seconds`.
    public func wait(since: Int?, seconds: Double = 20) -> Int {
        condition.withLock {
            guard let since, since == version else { return version }
            let deadline = Date().addingTimeInterval(seconds)
            while version == since, !stopped, condition.wait(until: deadline) {}
            return version
        }
    }
}

/// The answers of the preview: the files of the last good build, and the two addresses of the live reload.
///
/// Only regular files inside the output folder are served, opened one path segment at a time without following any
/// symbolic link, and only while the folder carries the marker of a Passerelle build (`.passerelle-output`): an output
/// folder that is not (yet) a build of this site shows a page saying so. Hidden names (`.passerelle-output`, `.git`),
/// `..`, and anything but a folder or a regular file are 404. A folder is served as its `index.html`; asked without
/// its final `/`, or with empty segments (`//fiches`), it is redirected to its one canonical path, percent-encoded.
public struct PreviewSite: Sendable {
    /// The output folder, every link in its own path already resolved.
    public let root: String
    public let reload: ReloadSignal
    /// The last build's state, published by serve once per rebuild: the overlay, the page without a build, the drafts.
    public let state: PreviewState

    public init(root: String, reload: ReloadSignal, state: PreviewState = PreviewState()) {
        self.root = root
        self.reload = reload
        self.state = state
    }

    static let markerName = ".passerelle-output"

    public static let types = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json", "csv": "text/csv; charset=utf-8", "xml": "application/xml", "svg": "image/svg+xml",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "pdf": "application/pdf", "txt": "text/plain; charset=utf-8", "ico": "image/x-icon", "woff2": "font/woff2",
    ]

    static let noStore: [(name: String, value: String)] = [("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")]

    public func respond(to request: Request) -> Response {
        // POST is for the form editor only (see `passerelle serve`).
        if request.method == "POST" {
            return Response.text(405, "The preview answers GET and HEAD only.\n", headers: [("Allow", "GET, HEAD")])
        }
        switch request.path {
        case "/_passerelle/reload.js":
            return Response(status: 200, headers: [("Content-Type", "text/javascript; charset=utf-8")] + Self.noStore,
                            body: .bytes(Array(LiveReload.script.utf8)))
        case "/_passerelle/overlay.css":
            return Response(status: 200, headers: [("Content-Type", "text/css; charset=utf-8")] + Self.noStore,
                            body: .bytes(Array(PreviewReport.css.utf8)))
        case "/_passerelle/wait":
            let since = Self.queryValue("since", in: request.query).flatMap { Int($0) }
            let version = request.method == "HEAD" ? reload.current : reload.wait(since: since)
            return Response.text(200, String(version), headers: Self.noStore)
        case "/_passerelle/state":
            // The state of the last build, at once for a new page, else once it changes (or after 20 s).
            let since = Self.queryValue("since", in: request.query).flatMap { Int($0) }
            let snapshot = request.method == "HEAD" ? state.current : state.wait(since: since)
            return Response(status: 200, headers: [("Content-Type", "application/json")] + Self.noStore, body: .bytes(snapshot.json))
        default:
            return file(for: request.path)
        }
    }

    static func queryValue(_ name: String, in query: String?) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts[0] == name { return parts.count > 1 ? String(parts[1]) : "" }
        }
        return nil
    }

    /// Whether a request names this computer as its host (`127.0.0.1`, `localhost` or `[::1]`, any port, or no Host at
    /// all): a page of another site that had its name point here (DNS rebinding) sends its own name, and is refused, so
    /// it cannot read the preview, its drafts or the overlay's excerpts of the content.
    public static func hostAllowed(_ headers: [String: String]) -> Bool {
        guard let host = headers["host"]?.lowercased() else { return true }
        var name = Substring(host)
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return false }
            name = name[...close]
        } else if let colon = name.lastIndex(of: ":") {
            name = name[..<colon]
        }
        return name == "127.0.0.1" || name == "localhost" || name == "[::1]"
    }

    /// The answer to a request for another host.
    public static func otherHost() -> Response {
        Response.text(403, "Refusé : cet aperçu ne répond qu’à 127.0.0.1 et localhost.\n", headers: noStore)
    }

    public static func notFound() -> Response { Response.text(404, "Not found\n", headers: noStore) }

    /// The page shown while the output folder holds no build of this site: in the site's language, with the errors of
    /// the last build, made once per rebuild (`PreviewReport.noBuildPage`).
    func noSite() -> Response {
        Response(status: 503, headers: [("Content-Type", "text/html; charset=utf-8")] + Self.noStore, body: .bytes(state.current.noBuildPage))
    }

    /// The path's segments, percent-decoded; nil when an escape is malformed.
    static func segments(of path: String) -> (names: [String], canonical: Bool)? {
        var names: [String] = []
        var canonical = true
        let raw = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst()
        for (index, part) in raw.enumerated() {
            if part.isEmpty {
                if index != raw.count - 1 { canonical = false }  // `//` or a leading `//`; a final `/` is fine
                continue
            }
            guard let bytes = percentDecode(part) else { return nil }
            // Not valid UTF-8, or holding a `/` or NUL once decoded: no file of the site has such a name.
            guard let name = String(bytes: bytes, encoding: .utf8), !name.contains("/"), !name.contains("\0") else {
                names.append("\0")
                continue
            }
            names.append(name)
        }
        return (names, canonical)
    }

    static func percentDecode(_ bytes: Substring.UTF8View.SubSequence) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                let high = bytes.index(after: index)
                guard high < bytes.endIndex else { return nil }
                let low = bytes.index(after: high)
                guard low < bytes.endIndex, let h = hexValue(bytes[high]), let l = hexValue(bytes[low]) else { return nil }
                result.append(h << 4 | l)
                index = bytes.index(after: low)
            } else {
                result.append(byte)
                index = bytes.index(after: index)
            }
        }
        return result
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// A path for a `Location` header: each segment percent-encoded but for letters, digits and `-._~`, so no name
    /// (a CR or LF in a folder name) can end the header, and never starting with `//`.
    public static func location(_ names: [String], folder: Bool) -> String {
        let encoded = names.map { name in
            name.utf8.map { byte -> String in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                    return String(UnicodeScalar(byte))
                default:
                    let hex = String(byte, radix: 16, uppercase: true)
                    return "%" + (hex.count == 1 ? "0" + hex : hex)
                }
            }.joined()
        }
        let path = "/" + encoded.joined(separator: "/")
        return folder && !names.isEmpty ? path + "/" : path
    }

    static let openFlags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK

    /// What is at a path of the site.
    public func file(for path: String) -> Response {
        guard let (names, canonical) = Self.segments(of: path).map({ ($0.names, $0.canonical) }) else {
            return Response.text(400, "Bad Request: a malformed %-escape in the path.\n", headers: Self.noStore)
        }
        guard !names.contains(where: { $0.hasPrefix(".") || $0.contains("\0") }) else { return Self.notFound() }
        let rootDescriptor = open(root, Self.openFlags | O_DIRECTORY)
        guard rootDescriptor >= 0 else { return noSite() }
        guard Self.hasMarker(in: rootDescriptor) else {
            close(rootDescriptor)
            return noSite()
        }
        // Walk down one segment at a time: a link anywhere (ELOOP with O_NOFOLLOW) is not found.
        var current = rootDescriptor
        var isFolder = true
        for (index, name) in names.enumerated() {
            let next = openat(current, name, Self.openFlags)
            close(current)
            guard next >= 0 else { return Self.notFound() }
            current = next
            switch Self.kind(of: current) {
            case .folder:
                isFolder = true
            case .file where index == names.count - 1:
                isFolder = false
            default:
                close(current)
                return Self.notFound()
            }
        }
        let wantsFolder = path.hasSuffix("/") || names.isEmpty
        if !canonical || (isFolder && !wantsFolder) {
            close(current)
            return Response(status: 301, headers: [("Location", Self.location(names, folder: isFolder))] + Self.noStore)
        }
        if !isFolder && wantsFolder {
            close(current)
            return Self.notFound()
        }
        var name = names.last ?? ""
        if isFolder {
            let index = openat(current, "index.html", Self.openFlags)
            close(current)
            guard index >= 0 else { return Self.notFound() }
            current = index
            name = "index.html"
            guard Self.kind(of: current) == .file else {
                close(current)
                return Self.notFound()
            }
        }
        let status = state.current.status
        let banner = isFolder && status.drafts.contains(Self.location(names, folder: true)) ? PreviewReport.draftBanner(status.language) : nil
        return Self.serve(current, named: name, banner: banner)
    }

    enum Kind { case folder, file, other }

    static func kind(of descriptor: Int32) -> Kind {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .file
        default: return .other
        }
    }

    /// A regular file `.passerelle-output` whose first line is the marker's.
    static func hasMarker(in folder: Int32) -> Bool {
        let descriptor = openat(folder, markerName, openFlags)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard kind(of: descriptor) == .file else { return false }
        let expected = Array("passerelle-output ".utf8)
        var start = [UInt8](repeating: 0, count: expected.count)
        let count = start.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        return count == expected.count && start == expected
    }

    /// The response for an open regular file: streamed as it is, but for HTML pages, which get the reload script (and
    /// the draft banner, for a draft's page).
    static func serve(_ descriptor: Int32, named name: String, banner: String? = nil) -> Response {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            return notFound()
        }
        let size = Int(info.st_size)
        let suffix = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        let type = types[name.contains(".") ? suffix : ""] ?? "application/octet-stream"
        let headers = [("Content-Type", type)] + noStore
        guard suffix == "html", size <= 64 * 1024 * 1024 else {
            return Response(status: 200, headers: headers, body: .file(OpenFile(descriptor: descriptor, size: size)))
        }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, size - filled, off_t(filled)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return Response(status: 200, headers: headers, body: .bytes(LiveReload.inject(into: bytes, banner: banner)))
    }
}

public enum LiveReload {
    /// Added to HTML pages by the preview server only; the built files never contain it.
    public static let tag = "<script src=\"/_passerelle/reload.js\" defer></script>"

    /// The tag before the last `</body>` of a page (at its end when it has none); `banner` (the draft's mark) just after
    /// the opening `<body …>` tag, when the page has one.
    public static func inject(into page: [UInt8], banner: String? = nil) -> [UInt8] {
        let closing = Array("</body>".utf8)
        var result = page
        var done = false
        if page.count >= closing.count {
            for start in stride(from: page.count - closing.count, through: 0, by: -1)
            where page[start..<start + closing.count].elementsEqual(closing) {
                result.insert(contentsOf: Array((tag + "\n").utf8), at: start)
                done = true
                break
            }
        }
        if !done { result.append(contentsOf: Array(("\n" + tag + "\n").utf8)) }
        if let banner, let end = openingBodyEnd(in: result) {
            result.insert(contentsOf: Array(("\n" + banner).utf8), at: end)
        }
        return result
    }

    /// Just after the `>` of the first `<body>` or `<body …>` tag.
    static func openingBodyEnd(in page: [UInt8]) -> Int? {
        let opening = Array("<body".utf8)
        guard page.count > opening.count else { return nil }
        for start in 0...(page.count - opening.count - 1) where page[start..<start + opening.count].elementsEqual(opening) {
            let next = page[start + opening.count]
            guard next == UInt8(ascii: ">") || next == UInt8(ascii: " ") || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\t") else {
                continue
            }
            guard let close = page[(start + opening.count)...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
            return close + 1
        }
        return nil
    }

    /// Follows the state of the builds (`/_passerelle/state`): reloads the page after each good build, shows the overlay
    /// with the errors of a failed one (in a shadow root, styled by `/_passerelle/overlay.css` only), and
    /// "Reconstruction…" while a build runs. On the page shown while there is no build, reloads after every build.
    public static let script = """
    (function () {
      'use strict';
      var noBuild = document.body !== null && document.body.getAttribute('data-passerelle-preview') === 'no-build';
      var change = null, builds = null, root = null, indicator = null, box = null;
      var shown = '', dismissed = '', before = null;
      function ensure() {
        if (root !== null) { return; }
        var host = document.createElement('div');
        host.id = 'passerelle-preview';
        root = host.attachShadow ? host.attachShadow({mode: 'open'}) : host;
        var link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = '/_passerelle/overlay.css';
        root.appendChild(link);
        indicator = document.createElement('p');
        indicator.className = 'pw-building';
        indicator.setAttribute('role', 'status');
        root.appendChild(indicator);
        box = document.createElement('div');
        root.appendChild(box);
        (document.body || document.documentElement).appendChild(host);
      }
      function close() {
        if (shown === '') { return; }
        dismissed = shown;
        shown = '';
        box.innerHTML = '';
        if (before !== null && document.contains(before) && before.focus) { before.focus(); }
        before = null;
      }
      function show(html) {
        if (html === shown) { return; }
        if (html === '' || html === dismissed) { if (shown !== '') { shown = ''; box.innerHTML = ''; } return; }
        if (shown === '') { before = document.activeElement; }
        shown = html;
        box.innerHTML = html;
        var button = box.querySelector('.pw-close');
        if (button !== null) {
          button.addEventListener('click', close);
          button.focus();
        }
      }
      document.addEventListener('keydown', function (event) {
        if (event.key === 'Escape' && shown !== '') { close(); }
      });
      function render(state) {
        ensure();
        indicator.textContent = state.phase === 'building' ? state.rebuilding : '';
        if (!noBuild) { show(state.overlay); }
      }
      function poll() {
        fetch('/_passerelle/state?since=' + (change === null ? '' : change), {cache: 'no-store'})
          .then(function (r) { return r.json(); })
          .then(function (state) {
            var done = state.phase !== 'building';
            if (done && builds !== null && state.builds !== builds) { location.reload(); return; }
            if (done && noBuild && change !== null && state.change !== change) { location.reload(); return; }
            change = state.change;
            builds = state.builds;
            render(state);
            poll();
          })
          .catch(function () { setTimeout(poll, 2000); });
      }
      poll();
    })();
    """
}
