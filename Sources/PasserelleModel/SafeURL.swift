import Foundation

/// The one rule for links taken from the user's files, for the pages and the open data alike: only web, mail and
/// phone links, and relative ones, are kept; anything else (`javascript:`, `data:`, `//host`…) is dropped.
public enum SafeURL {
    /// The link, trimmed, or nil when it must not be published.
    public static func sanitise(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        let lowered = trimmed.lowercased()
        for scheme in ["https://", "http://", "mailto:", "tel:"] where lowered.hasPrefix(scheme) { return trimmed }
        if let colon = lowered.firstIndex(of: ":") {
            let beforeColon = lowered[..<colon]
            // A colon before any '/', '?' or '#' means a scheme, and no other scheme is allowed.
            if !beforeColon.contains("/") && !beforeColon.contains("?") && !beforeColon.contains("#") { return nil }
        }
        if lowered.hasPrefix("//") { return nil }
        return trimmed
    }
}
