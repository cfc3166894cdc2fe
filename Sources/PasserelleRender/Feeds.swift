import PasserelleModel

/// The Atom feed of the news, the sitemap and robots.txt. Their addresses are absolute, from `base_url`; every date
/// comes from the records (`updated`, else `date`), never from the clock, so a build is byte-identical to the last.
public enum Feeds {
    /// A feed needs absolute addresses and something to say.
    public static func hasFeed(_ site: Site) -> Bool {
        !site.config.baseURL.isEmpty && !site.records(of: .article).isEmpty
    }

    /// `feed.xml`: every article, newest first, with its summary and its text (relative links resolved by `xml:base`).
    static func atom(_ input: RenderInput) -> String? {
        let site = input.site
        let config = site.config
        guard hasFeed(site) else { return nil }
        let base = config.baseURL
        let context = PageContext(input: input, route: Routes.articles)
        let articles = context.sortedArticles()
        let newest = articles.compactMap { $0.updated ?? $0.date }.max()
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(config.language.rawValue)">
        <title>\(XML.escape(config.title))</title>

        """
        if let description = config.description { xml += "<subtitle>\(XML.escape(description))</subtitle>\n" }
        xml += """
        <link rel="self" type="application/atom+xml" href="\(XML.escape(base + Routes.feed))"/>
        <link rel="alternate" type="text/html" href="\(XML.escape(base + Routes.articles))"/>
        <id>\(XML.escape(base + Routes.feed))</id>

        """
        if let newest { xml += "<updated>\(timestamp(newest))</updated>\n" }
        xml += "<author><name>\(XML.escape(config.publisher ?? config.title))</name></author>\n"
        if let licence = config.licence { xml += "<rights>\(XML.escape(licence.label))</rights>\n" }
        for record in articles {
            let address = base + Routes.record(record)
            let page = PageContext(input: input, route: Routes.record(record))
            xml += "<entry>\n<title>\(XML.escape(record.title))</title>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(XML.escape(address))\"/>\n"
            xml += "<id>\(XML.escape(address))</id>\n"
            if let day = record.updated ?? record.date ?? newest { xml += "<updated>\(timestamp(day))</updated>\n" }
            if let date = record.date { xml += "<published>\(timestamp(date))</published>\n" }
            if let author = record.article?.author { xml += "<author><name>\(XML.escape(author))</name></author>\n" }
            if let summary = input.summaries[record.id] { xml += "<summary>\(XML.escape(summary))</summary>\n" }
            xml += "<content type=\"html\" xml:base=\"\(XML.escape(address))\">\(XML.escape(page.body(record).html))</content>\n"
            xml += "</entry>\n"
        }
        xml += "</feed>\n"
        return xml
    }

    /// `sitemap.xml`: every page at `routes`, with the date of its record when it has one.
    static func sitemap(_ input: RenderInput, routes: [String]) -> String? {
        let base = input.site.config.baseURL
        guard !base.isEmpty else { return nil }
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

        """
        for route in routes {
            xml += "<url><loc>\(XML.escape(base + route))</loc>"
            if let record = input.recordsByRoute[route], let day = record.updated ?? record.date {
                xml += "<lastmod>\(day.description)</lastmod>"
            }
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        return xml
    }

    /// `robots.txt`: every robot may read every page; the sitemap's address when it has one.
    static func robots(_ site: Site) -> String {
        var text = "User-agent: *\nAllow: /\n"
        if !site.config.baseURL.isEmpty { text += "\nSitemap: \(site.config.baseURL)\(Routes.sitemap)\n" }
        return text
    }

    /// A day as an Atom date-time, at midnight UTC: `2014-01-10T00:00:00Z`.
    static func timestamp(_ day: Day) -> String {
        day.description + "T00:00:00Z"
    }
}

/// Escaping for the XML files Swift writes (feed, sitemap): the HTML escaping (valid XML too), without the control
/// characters XML 1.0 forbids even as references.
enum XML {
    static func escape(_ text: String) -> String {
        var allowed = String.UnicodeScalarView()
        allowed.append(contentsOf: text.unicodeScalars.filter { scalar in
            scalar.value >= 0x20 ? scalar.value != 0xFFFE && scalar.value != 0xFFFF : "\t\n\r".unicodeScalars.contains(scalar)
        })
        return HTML.escape(String(allowed))
    }
}
