/// An old address of a record (`aliases: [old/path/]`), where the build writes a page that redirects to the record.
///
/// Only a path inside the site is accepted, as a folder (`old/path/`, written `old/path/index.html`) or an HTML page
/// (`old/page.html`), with plain characters: never `..`, an absolute URL, a hidden segment or a character a web server
/// would have to encode. A leading `/` (copied from a browser's address bar) is dropped.
public enum AliasPath {
    /// The file the redirect is written to, e.g. `old/path/` → `old/path/index.html`, or why the alias is refused.
    public static func file(for alias: String) -> Result<String, Problem> {
        var path = alias.drop { $0 == " " }
        while path.last == " " { path = path.dropLast() }
        if path.contains("://") || path.hasPrefix("//") || path.hasPrefix("mailto:") { return .failure(.absoluteURL) }
        if path.hasPrefix("/") { path = path.dropFirst() }
        if path.isEmpty { return .failure(.home) }
        let allowed = path.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_" || scalar == "." || scalar == "/"
        }
        guard allowed else { return .failure(.characters) }
        let isFolder = path.hasSuffix("/")
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropLast(isFolder ? 1 : 0)
        for segment in segments {
            if segment == ".." || segment == "." { return .failure(.parent) }
            if segment.isEmpty { return .failure(.emptySegment) }
            if segment.hasPrefix(".") { return .failure(.hidden) }
        }
        if isFolder { return .success(String(path) + "index.html") }
        let last = segments.last ?? ""
        if last.hasSuffix(".html") || last.hasSuffix(".htm") { return .success(String(path)) }
        if last.contains(".") { return .failure(.notAPage) }
        return .success(String(path) + "/index.html")
    }

    /// Why an alias cannot be a redirect page.
    public enum Problem: Error, Sendable, Hashable {
        case absoluteURL, home, characters, parent, emptySegment, hidden, notAPage

        public var message: String {
            switch self {
            case .absoluteURL: return "is an absolute URL; an alias is an old address inside this site"
            case .home: return "is the home page"
            case .characters: return "holds a character other than a-z, A-Z, 0-9, '-', '_', '.' and '/'"
            case .parent: return "holds a '..' or '.' segment"
            case .emptySegment: return "holds an empty segment ('//')"
            case .hidden: return "holds a segment starting with '.' (a hidden file)"
            case .notAPage: return "is a file that is not an HTML page"
            }
        }
    }
}
