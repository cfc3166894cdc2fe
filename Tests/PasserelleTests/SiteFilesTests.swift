import Foundation
import Testing
@testable import PasserelleBuild
@testable import PasserelleRender
import PasserelleModel

/// What every site has: the Atom feed, the sitemap, robots.txt, the 404 page, redirects at old addresses, head tags,
/// breadcrumbs and the menu. The fixture `Tests/Fixtures/site/news` has two articles, a card with two aliases, a page
/// in a section and a `base_url` in a sub-folder.
@Suite("What every site has")
struct SiteFilesTests {
    static let news = BuildSupport.root.appendingPathComponent("Tests/Fixtures/site/news/Content").path

    static func site() async -> BuiltSite {
        await SiteBuilds.shared.site(name: "site-news", content: news)
    }

    /// The news fixture with its `base_url` line removed, built into a temporary folder.
    static func siteWithoutBaseURL() async throws -> (BuiltSite, URL) {
        let directory = BuildSupport.makeTempDirectory("passerelle-site-files")
        let content = directory.appendingPathComponent("Content")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: news), to: content)
        let settings = content.appendingPathComponent("site.yml")
        let text = try String(contentsOf: settings, encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("base_url:") }.joined(separator: "\n")
        try text.write(to: settings, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("Output")
        let report = await BuildSupport.build(content: content.path, output: output)
        return (BuiltSite(name: "site-news-without-base-url", content: content.path, output: output, report: report), directory)
    }

    @Test("the Atom feed lists the two articles newest first, with absolute links, dates from the records and escaped text")
    func atomFeed() async {
        let site = await Self.site()
        #expect(site.diagnostics.isEmpty, "\(site.diagnostics)")
        #expect(site.file("feed.xml") == """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
        <title>Réseau &lt;ESS&gt; &amp; territoires</title>
        <subtitle>Les fiches et les actualités du réseau.</subtitle>
        <link rel="self" type="application/atom+xml" href="https://reseau.example.org/ess/feed.xml"/>
        <link rel="alternate" type="text/html" href="https://reseau.example.org/ess/actualites/"/>
        <id>https://reseau.example.org/ess/feed.xml</id>
        <updated>2024-04-02T00:00:00Z</updated>
        <author><name>Union régionale</name></author>
        <rights>CC BY 4.0</rights>
        <entry>
        <title>Assemblée générale : « Coopérer » &amp; décider</title>
        <link rel="alternate" type="text/html" href="https://reseau.example.org/ess/actualites/assemblee-generale/"/>
        <id>https://reseau.example.org/ess/actualites/assemblee-generale/</id>
        <updated>2024-04-02T00:00:00Z</updated>
        <published>2024-03-05T00:00:00Z</published>
        <author><name>Équipe du réseau</name></author>
        <summary>Le compte rendu de l&#39;assemblée générale.</summary>
        <content type="html" xml:base="https://reseau.example.org/ess/actualites/assemblee-generale/">&lt;p&gt;Le réseau s’est réuni en assemblée générale.&lt;/p&gt;
        </content>
        </entry>
        <entry>
        <title>Une nouvelle CAE</title>
        <link rel="alternate" type="text/html" href="https://reseau.example.org/ess/actualites/nouvelle-cae/"/>
        <id>https://reseau.example.org/ess/actualites/nouvelle-cae/</id>
        <updated>2024-01-15T00:00:00Z</updated>
        <published>2024-01-15T00:00:00Z</published>
        <summary>Une coopérative d’activité et d’emploi ouvre dans la Loire.</summary>
        <content type="html" xml:base="https://reseau.example.org/ess/actualites/nouvelle-cae/">&lt;p&gt;Une coopérative d’activité et d’emploi ouvre dans la Loire.&lt;/p&gt;
        </content>
        </entry>
        </feed>

        """)
    }

    @Test("the sitemap lists every HTML page of the build, and neither the 404 page nor the redirects")
    func sitemapListsEveryPage() async throws {
        let site = await Self.site()
        let sitemap = site.file("sitemap.xml")
        let listed = sitemap.components(separatedBy: "<loc>").dropFirst().compactMap { $0.components(separatedBy: "</loc>").first }
        let pages = site.allPages().keys.filter { !["404.html", "vieux/atelier.html", "anciennes-fiches/atelier/index.html"].contains($0) }
            .map { "https://reseau.example.org/ess/" + $0.dropLast("index.html".count) }
        #expect(listed.sorted() == pages.sorted())
        #expect(listed.count == 23)  // 14 pages of the fixture, the "Données" page, 7 filter pages of the card list, the search page
        #expect(sitemap.contains("<url><loc>https://reseau.example.org/ess/fiches/atelier/</loc><lastmod>2023-11-20</lastmod></url>"))
        #expect(sitemap.contains("<url><loc>https://reseau.example.org/ess/actualites/assemblee-generale/</loc><lastmod>2024-04-02</lastmod></url>"))
        #expect(sitemap.contains("<url><loc>https://reseau.example.org/ess/fiches/</loc></url>"))
    }

    @Test("robots.txt allows every robot and names the sitemap")
    func robots() async {
        #expect(await Self.site().file("robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://reseau.example.org/ess/sitemap.xml\n")
    }

    @Test("without base_url: one warning, no feed, no sitemap, no canonical or feed link, robots.txt without Sitemap")
    func noBaseURL() async throws {
        let (site, directory) = try await Self.siteWithoutBaseURL()
        defer { BuildSupport.cleanUp(directory) }
        #expect(site.diagnostics.map(\.description) == ["""
        \(site.content)/site.yml:1:1: avertissement: «\u{A0}base_url\u{A0}» absent\u{A0}: pas de flux, de plan du site ni de lien canonique [base-url-missing]
            conseil : ajoutez à site.yml l’adresse où le site est publié, par exemple base_url: "https://www.example.org/"
        """])
        #expect(!site.exists("feed.xml"))
        #expect(!site.exists("sitemap.xml"))
        #expect(site.file("robots.txt") == "User-agent: *\nAllow: /\n")
        for (path, html) in site.allPages() {
            #expect(!html.contains("application/atom+xml"), "\(path)")
            #expect(!html.contains("rel=\"canonical\""), "\(path)")
            #expect(!html.contains("og:url"), "\(path)")
            #expect(!html.contains("https://reseau"), "\(path)")
        }
    }

    @Test("an alias becomes a page that sends readers and robots to the record")
    func aliasRedirect() async {
        let site = await Self.site()
        #expect(site.file("anciennes-fiches/atelier/index.html") == """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'; form-action 'none'">
        <meta name="robots" content="noindex">
        <meta http-equiv="refresh" content="0; url=../../fiches/atelier/">
        <title>Page déplacée · Réseau &lt;ESS&gt; &amp; territoires</title>
        <link rel="canonical" href="https://reseau.example.org/ess/fiches/atelier/">
        </head>
        <body>
        <main>
        <h1>Page déplacée</h1>
        <p>Cette page a changé d&#39;adresse : <a href="../../fiches/atelier/">Atelier partagé</a></p>
        </main>
        </body>
        </html>

        """)
        #expect(site.file("vieux/atelier.html").contains("<meta http-equiv=\"refresh\" content=\"0; url=../fiches/atelier/\">"))
    }

    @Test("a card's breadcrumbs: Accueil › Fiches › its title")
    func cardBreadcrumbs() async {
        #expect(await Self.site().file("fiches/atelier/index.html").contains("""
        <main id="_contenu" data-pagefind-body>
        <nav class="breadcrumbs" aria-label="Fil d&#39;Ariane">
        <ol>
        <li><a href="../../">Accueil</a></li>
        <li><a href="../../fiches/">Fiches</a></li>
        <li><span aria-current="page">Atelier partagé</span></li>
        </ol>
        </nav>
        """))
    }

    @Test("a section page's breadcrumbs: Accueil › its section › its title")
    func sectionPageBreadcrumbs() async {
        #expect(await Self.site().file("rubriques/cae/statut/index.html").contains("""
        <nav class="breadcrumbs" aria-label="Fil d&#39;Ariane">
        <ol>
        <li><a href="../../../">Accueil</a></li>
        <li><a href="../../../rubriques/cae/">Les coopératives d&#39;activité</a></li>
        <li><span aria-current="page">Le statut d&#39;entrepreneur salarié</span></li>
        </ol>
        </nav>
        """))
    }

    @Test("the home page has no breadcrumbs")
    func homeWithoutBreadcrumbs() async {
        #expect(!(await Self.site().file("index.html").contains("breadcrumbs")))
    }

    @Test("the methodology sits under the index of dashboards, whose menu entry is marked current")
    func methodologyUnderDashboards() async {
        let html = await Self.site().file("methodologie/index.html")
        #expect(html.contains("<li><a href=\"../tableaux-de-bord/\">Tableaux de bord</a></li>\n<li><span aria-current=\"page\">Méthodologie des indicateurs</span></li>"))
        #expect(html.contains("<li><a href=\"../tableaux-de-bord/\" aria-current=\"page\">Tableaux de bord</a></li>"))
    }

    @Test("the menu: home, cards, news, the section, the index of dashboards")
    func menu() async {
        #expect(await Self.site().file("fiches/atelier/index.html").contains("""
        <ul>
        <li><a href="../../">Accueil</a></li>
        <li><a href="../../fiches/" aria-current="page">Fiches</a></li>
        <li><a href="../../actualites/">Actualités</a></li>
        <li><a href="../../rubriques/cae/">Les coopératives d&#39;activité</a></li>
        <li><a href="../../tableaux-de-bord/">Tableaux de bord</a></li>
        <li><a href="../../recherche/">Recherche</a></li>
        </ul>
        """))
    }

    @Test("the index of dashboards links the methodology, the themes and the organisations")
    func dashboardIndex() async {
        #expect(await Self.site().file("tableaux-de-bord/index.html").contains("""
        <section aria-labelledby="_dashboards_more">
        <h2 id="_dashboards_more">Thèmes, organisations et méthode</h2>
        <ul class="link-list">
        <li><a href="../themes/">Thèmes</a></li>
        <li><a href="../organisations/">Organisations</a></li>
        <li><a href="../methodologie/">Méthodologie des indicateurs</a></li>
        </ul>
        </section>
        """))
    }

    @Test("a card's head: description cut at a word, canonical, Open Graph, feed, favicon")
    func cardHeadTags() async {
        #expect(await Self.site().file("fiches/atelier/index.html").contains("""
        <meta name="description" content="Un atelier partagé où les créateurs d&#39;activité testent leur projet, avec des machines, un accompagnement et un collectif de coopérateurs qui se retrouvent…">
        <link rel="canonical" href="https://reseau.example.org/ess/fiches/atelier/">
        <meta property="og:title" content="Atelier partagé">
        <meta property="og:description" content="Un atelier partagé où les créateurs d&#39;activité testent leur projet, avec des machines, un accompagnement et un collectif de coopérateurs qui se retrouvent…">
        <meta property="og:type" content="article">
        <meta property="og:url" content="https://reseau.example.org/ess/fiches/atelier/">
        <meta property="og:site_name" content="Réseau &lt;ESS&gt; &amp; territoires">
        <meta property="og:locale" content="fr_FR">
        <link rel="alternate" type="application/atom+xml" title="Actualités · Réseau &lt;ESS&gt; &amp; territoires" href="../../feed.xml">
        <link rel="icon" href="../../assets/favicon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="../../assets/style.css">
        </head>
        """))
    }

    @Test("a list page's head: the site's description, og:type website")
    func listHeadTags() async {
        let html = await Self.site().file("fiches/index.html")
        #expect(html.contains("<meta name=\"description\" content=\"Les fiches et les actualités du réseau.\">"))
        #expect(html.contains("<meta property=\"og:type\" content=\"website\">"))
    }

    @Test("a description is one line of at most 160 characters, cut after a whole word", arguments: [
        ("  Deux\nlignes  ", "Deux lignes"),
        (String(repeating: "mot ", count: 50), String(repeating: "mot ", count: 39) + "mot…"),
        (String(repeating: "x", count: 200), String(repeating: "x", count: 159) + "…"),
        (String(repeating: "a, ", count: 60), String(repeating: "a, ", count: 52) + "a…"),
    ])
    func descriptionCut(_ text: String, _ expected: String) {
        let cut = PageContext.plainDescription(text)
        #expect(cut == expected)
        #expect(cut.count <= 160)
    }

    @Test("the 404 page links from the path of the site's address, whatever folder it is served in, and is not indexed")
    func notFoundWithBaseURL() async {
        let html = await Self.site().file("404.html")
        #expect(html.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(!html.contains("rel=\"canonical\""))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/ess/assets/style.css\">"))
        #expect(html.contains("""
        <h1>Page introuvable</h1>
        <p>L&#39;adresse demandée ne correspond à aucune page de ce site. Elle a peut-être changé : ces pages vous aideront à retrouver ce que vous cherchez.</p>
        <ul>
        <li><a href="/ess/">Accueil</a></li>
        <li><a href="/ess/fiches/">Fiches</a></li>
        <li><a href="/ess/recherche/">Recherche</a></li>
        <li><a href="/ess/actualites/">Actualités</a></li>
        </ul>
        """))
    }

    @Test("without base_url, the 404 page links from the root of the host")
    func notFoundWithoutBaseURL() async throws {
        let (site, directory) = try await Self.siteWithoutBaseURL()
        defer { BuildSupport.cleanUp(directory) }
        let html = site.file("404.html")
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/assets/style.css\">"))
        #expect(html.contains("<li><a href=\"/fiches/\">Fiches</a></li>"))
        #expect(!html.contains("../"))
    }

    @Test("XML text: markup characters escaped, control characters XML forbids dropped")
    func xmlEscape() {
        #expect(XML.escape("a<b & \"c\" 'd'\u{1B}[31m\u{0}\tz") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;[31m\tz")
    }

    @Test("the path of the site's address, from the root of its host", arguments: [
        ("https://example.org/", "/"), ("https://example.org/ess/", "/ess/"), ("http://example.org", "/"), ("", "/"),
    ])
    func rootPath(_ baseURL: String, _ path: String) {
        #expect(SiteFiles.rootPath(baseURL) == path)
    }

    @Test("an alias's path: a folder, an HTML page, a leading slash dropped", arguments: [
        ("ancien/", "ancien/index.html"), ("/ancien/atelier", "ancien/atelier/index.html"),
        ("Vieux_Site/page.html", "Vieux_Site/page.html"), ("a/b.htm", "a/b.htm"),
    ])
    func aliasPath(_ alias: String, _ file: String) throws {
        #expect(try AliasPath.file(for: alias).get() == file)
    }
}
