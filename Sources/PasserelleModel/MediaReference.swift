import Foundation

/// A `media/…` address written in a record: an image or a link in its text, or a `url:` / `website:` field.
///
/// Media files live in `Content/media/` and are published at the site's root (`media/photo.png`), so a reference is
/// resolved against the root of the site from whatever page shows it, and a reference to a file that does not exist is
/// an error at the line and column where it is written.
public struct MediaReference: Sendable, Hashable {
    /// The address as written, e.g. `media/photo.png` or `media/rapport%202023.pdf#page=2`.
    public var url: String
    public var location: SourceLocation
    /// Just after the address (exclusive).
    public var end: SourceLocation
    /// The whole line the address is written on (when the address is on one line), for a hint that rewrites it.
    public var line: String

    public init(url: String, location: SourceLocation, end: SourceLocation, line: String = "") {
        self.url = url
        self.location = location
        self.end = end
        self.line = line
    }

    /// The file it names, relative to the content folder: `media/rapport 2023.pdf`.
    public var file: String { MediaPath.file(of: url) }
}

/// The one rule for `media/…` addresses, for the content check and the pages alike.
public enum MediaPath {
    /// The folder of the content that holds images and documents, and the folder of the site they are published in.
    public static let folder = "media/"

    /// True for an address that names a file of `media/` (`media/photo.png`, not `https://…/media/x` nor `/media/x`).
    public static func isMedia(_ url: String) -> Bool {
        url.hasPrefix(folder) && url.count > folder.count
    }

    /// The file an address names: its query and fragment dropped, percent escapes decoded
    /// (`media/rapport%202023.pdf#page=2` → `media/rapport 2023.pdf`).
    public static func file(of url: String) -> String {
        var path = Substring(url)
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = path[..<cut] }
        let text = String(path)
        return text.removingPercentEncoding ?? text
    }

    /// The address from a page whose way back to the site's root is `root` (`../../` from `fiches/x/`); other addresses
    /// are returned as they are.
    public static func resolve(_ url: String, root: String) -> String {
        isMedia(url) ? root + url : url
    }
}
