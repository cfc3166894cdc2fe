import PasserelleModel

/// The tags of every page's head beside its title: description, Open Graph, the news feed and the favicon.
/// Absolute addresses (canonical, `og:url`, the feed) exist only when `site.yml` gives `base_url`: never made up.
extension PageContext {
    /// The longest description search engines show whole; longer texts are cut at a word boundary.
    static let descriptionLimit = 160

    func headTags(title: String, description: String?) -> [String: Any] {
        let config = site.config
        var tags: [String: Any] = ["favicon": url(Routes.favicon)]
        let text = Self.plainDescription(description.flatMap { $0.isEmpty ? nil : $0 } ?? config.description ?? "")
        if !text.isEmpty { tags["page_description"] = text }
        var og: [String: Any] = [
            "title": title,
            "type": input.recordsByRoute[route].map { $0.kind == .organisation || $0.kind == .dashboard ? "website" : "article" }
                ?? "website",
            "site_name": config.title,
            "locale": config.language == .fr ? "fr_FR" : "en_GB",
        ]
        if !text.isEmpty { og["description"] = text }
        if !config.baseURL.isEmpty {
            og["url"] = config.baseURL + route
            if Feeds.hasFeed(site) {
                tags["feed"] = ["url": url(Routes.feed), "title": labels["feed_title"] + " · " + config.title]
            }
        }
        tags["og"] = og
        return tags
    }

    /// One line of plain text, at most `descriptionLimit` characters, cut after a whole word with "…".
    static func plainDescription(_ text: String) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let line = words.joined(separator: " ")
        guard line.count > descriptionLimit else { return line }
        var kept = ""
        for word in words {
            let next = kept.isEmpty ? String(word) : kept + " " + word
            if next.count + 1 > descriptionLimit { break }
            kept = next
        }
        if kept.isEmpty { kept = String(line.prefix(descriptionLimit - 1)) }
        while let last = kept.last, ",;:.".contains(last) { kept.removeLast() }
        return kept + "…"
    }
}
