import PasserelleModel

/// The files every site has beside its pages: the news feed, the sitemap, robots.txt, the 404 page and a redirect
/// page at each record's old address (`aliases`). Made after the pages, from the list of files the build writes.
public enum SiteFiles {
    /// `pages`: the rendered pages (for the sitemap); `existing`: every path the build writes so far (pages, assets,
    /// media, open data), which no redirect may replace; `settingsFile`: how `site.yml` is named in diagnostics.
    public static func make(_ input: RenderInput, pages: [RenderedFile], existing: [String],
                            settingsFile: String) -> (files: [RenderedFile], diagnostics: [Diagnostic]) {
        let site = input.site
        var files: [RenderedFile] = []
        var diagnostics: [Diagnostic] = []
        if site.config.baseURL.isEmpty {
            diagnostics.append(missingBaseURL(settingsFile))
        }
        if let feed = Feeds.atom(input) { files.append(RenderedFile(path: Routes.feed, contents: Array(feed.utf8))) }
        let routes = pages.map(\.path).filter { $0.hasSuffix(".html") }.map { path in
            path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
        }
        if let sitemap = Feeds.sitemap(input, routes: routes) {
            files.append(RenderedFile(path: Routes.sitemap, contents: Array(sitemap.utf8)))
        }
        files.append(RenderedFile(path: Routes.robots, contents: Array(Feeds.robots(site).utf8)))
        files.append(notFoundPage(input))
        let redirects = self.redirects(input, taken: existing + files.map(\.path))
        return (files + redirects.files, diagnostics + redirects.diagnostics)
    }

    /// The one warning of a site without `base_url`: the pages work, but nothing absolute can be written.
    public static func missingBaseURL(_ settingsFile: String) -> Diagnostic {
        .warning("base-url-missing", settingsFile, .start,
                 Bilingual(fr: "«\u{A0}base_url\u{A0}» absent\u{A0}: pas de flux, de plan du site ni de lien canonique",
                           en: "'base_url' missing: no feed, sitemap or canonical link"),
                 hint: Bilingual(fr: "ajoutez à site.yml l’adresse où le site est publié, par exemple base_url: \"https://www.example.org/\"",
                                 en: "add the address the site is published at to site.yml, e.g. base_url: \"https://www.example.org/\""))
    }

    /// `404.html`, served by the web host for a missing address at any depth: its links cannot be relative to its
    /// own folder. They start with the path of `base_url` (`/` for `https://example.org/`, `/ess/` for
    /// `https://example.org/ess/`): right wherever the site is published, even in a sub-folder, and on the same host
    /// as the page, so a preview or a test server never fetches the stylesheet from the published site. Without
    /// `base_url` they start with `/`, the root of the host, the only address known to hold the site then.
    static func notFoundPage(_ input: RenderInput) -> RenderedFile {
        let context = PageContext(input: input, route: Routes.notFound, root: rootPath(input.site.config.baseURL))
        var values = context.common(title: context.labels["not_found_title"], description: nil)
        values["canonical"] = nil
        if var og = values["og"] as? [String: Any] {
            og["url"] = nil
            values["og"] = og
        }
        values["noindex"] = true
        values["title"] = context.labels["not_found_title"]
        values["text"] = context.labels["not_found_text"]
        var links: [[String: Any]] = [["title": context.labels["nav_home"], "url": context.url(Routes.home)],
                                      ["title": context.labels["nav_cards"], "url": context.url(Routes.cards)]]
        if context.hasSearch { links.append(["title": context.labels["nav_search"], "url": context.url(PageContext.searchRoute)]) }
        if !input.site.records(of: .article).isEmpty {
            links.append(["title": context.labels["nav_articles"], "url": context.url(Routes.articles)])
        }
        values["links"] = links
        let html = input.templates.render("404", SiteRenderer.flagLists(values))
        return RenderedFile(path: Routes.notFound, contents: Array(html.utf8))
    }

    /// The path of an absolute address, from the root of its host: `https://example.org/ess/` → `/ess/`.
    static func rootPath(_ baseURL: String) -> String {
        guard let scheme = baseURL.range(of: "://") else { return "/" }
        let afterHost = baseURL[scheme.upperBound...].drop { $0 != "/" }
        return afterHost.isEmpty ? "/" : String(afterHost)
    }

    /// A page at each alias that sends the reader (and robots) to the record's page. An alias that would replace a
    /// file of the site, or that another alias already takes, is an error at its line.
    static func redirects(_ input: RenderInput, taken: [String]) -> (files: [RenderedFile], diagnostics: [Diagnostic]) {
        let takenFiles = Set(taken)
        var aliasOwners: [String: Record] = [:]
        var files: [RenderedFile] = []
        var diagnostics: [Diagnostic] = []
        for record in input.site.records where record.kind != .term {
            for (index, alias) in record.aliases.enumerated() {
                guard case .success(let path) = AliasPath.file(for: alias) else { continue }
                let location = index < record.aliasLocations.count ? record.aliasLocations[index] : record.idLocation
                let parts = path.split(separator: "/")
                let folders = (1..<parts.count).map { parts.prefix($0).joined(separator: "/") }
                if let clash = ([path] + folders).first(where: takenFiles.contains) {
                    diagnostics.append(.error("alias-collision", record.file, location,
                                              Bilingual(fr: "l’ancienne adresse «\u{A0}\(alias)\u{A0}» remplacerait «\u{A0}\(clash)\u{A0}», un fichier du site",
                                                        en: "the alias '\(alias)' would replace '\(clash)', a file of the site"),
                                              hint: Bilingual(fr: "supprimez cette ancienne adresse\u{A0}: une page du site a déjà cette adresse",
                                                              en: "remove this alias: a page of the site already has this address")))
                    continue
                }
                if let owner = aliasOwners[path] {
                    let other = owner.file == record.file ? Bilingual(fr: "cette fiche", en: "this record") : Bilingual(fr: owner.file, en: owner.file)
                    diagnostics.append(.error("alias-taken", record.file, location,
                                              Bilingual(fr: "l’ancienne adresse «\u{A0}\(alias)\u{A0}» est déjà une ancienne adresse de \(other.fr)",
                                                        en: "the alias '\(alias)' is already an alias of \(other.en)"),
                                              hint: Bilingual(fr: "gardez chaque ancienne adresse dans une seule fiche", en: "keep each old address in one record only")))
                    continue
                }
                aliasOwners[path] = record
                files.append(redirectPage(input, record: record, file: path))
            }
        }
        return (files, diagnostics)
    }

    /// The page at an old address: an immediate refresh to the record, a link for whoever arrives there, the
    /// canonical address of the record, and `noindex` so search engines keep only the record's page.
    static func redirectPage(_ input: RenderInput, record: Record, file: String) -> RenderedFile {
        let config = input.site.config
        let target = Routes.root(from: file) + Routes.record(record)
        var values: [String: Any] = ["lang": config.language.rawValue, "t": input.labels.values, "site_title": config.title,
                                     "title": record.title, "target": target.isEmpty ? "./" : target]
        if !config.baseURL.isEmpty { values["canonical"] = config.baseURL + Routes.record(record) }
        let html = input.templates.render("redirect", values)
        return RenderedFile(path: file, contents: Array(html.utf8))
    }
}
