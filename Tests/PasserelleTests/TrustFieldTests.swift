import Foundation
import Testing
@testable import PasserelleBuild
@testable import PasserelleContent
import PasserelleModel

/// The trust fixture (`Tests/Fixtures/trust/Content`): one card, article, page and organisation per optional field,
/// each with that field alone, built once per test process.
enum TrustFixture {
    static let content = BuildSupport.root.appendingPathComponent("Tests/Fixtures/trust/Content").path

    static func site() async -> BuiltSite {
        await SiteBuilds.shared.site(name: "trust", content: content)
    }

    static func example() async -> BuiltSite {
        await SiteBuilds.shared.site(name: "example", content: BuildSupport.content)
    }

    /// The `<main>` of a page: what the record shows, without the navigation and footer every page shares.
    static func main(_ html: String) -> String {
        HTMLText.between(html, "<main", "</main>") ?? ""
    }

    /// What a page must never show, whatever field is missing: each match names the placeholder found.
    static func placeholders(in html: String) -> [String] {
        let patterns = [#"\bnil\b"#, #"Optional\("#, #"\{\{"#, #"href="""#, #"<h([1-6])[^>]*>\s*</h\1>"#,
                        #"<dl[^>]*>\s*</dl>"#, #"<ul[^>]*>\s*</ul>"#, #"<p[^>]*>\s*</p>"#, #"<dd>\s*</dd>"#]
        return patterns.flatMap { pattern in HTMLText.matches(pattern, in: html).map { $0[0] } }
    }
}

@Suite("Trust: every field shown, never a placeholder")
struct TrustFieldTests {
    /// Every optional card key of the content model, with the fixture card that has it alone and what its page shows.
    static let cardFields: [(key: String, file: String, fragment: String)] = [
        ("subtitle", "champ-subtitle", "<p class=\"subtitle\">Un sous-titre seul</p>"),
        ("summary", "champ-summary", "<p class=\"lead\">Une fiche qui se résume en une phrase.</p>"),
        ("body", "champ-body", "<h2 id=\"_description\">Présentation</h2>\n<p>Une fiche qui a une description.</p>"),
        ("carrier", "champ-carrier", "<div><dt>Porteur</dt><dd><a href=\"../../organisations/porteur/\">Communauté de communes d&#39;essai</a> (Intercommunalité)</dd></div>"),
        ("carrier", "champ-carrier-named", "<div><dt>Porteur</dt><dd>Association Tartempion (Association)</dd></div>"),
        ("territory", "champ-territory", "<div><dt>Territoire</dt><dd>Vallée d&#39;essai</dd></div>"),
        ("territory", "champ-territory-level", "<div><dt>Territoire</dt><dd>Commune d&#39;essai (commune)</dd></div>"),
        ("territory", "champ-territory-departments",
         "<div><dt>Territoire</dt><dd>Loire d&#39;essai, département 42, <a href=\"../../regions/auvergne-rhone-alpes/\">Auvergne-Rhône-Alpes</a></dd></div>"),
        ("territory", "champ-territory-region", "<div><dt>Territoire</dt><dd>Bretagne d&#39;essai, Bretagne</dd></div>"),
        ("territory", "champ-territory-population", "<div><dt>Population</dt><dd>12\u{202F}000 habitants</dd></div>"),
        ("territory", "champ-territory-communes", "<div><dt>Communes</dt><dd>Firminy, Roche-la-Molière</dd></div>"),
        ("period", "champ-period", "<div><dt>Période</dt><dd>depuis 2002</dd></div>"),
        ("period", "champ-period-range", "<div><dt>Période</dt><dd>2002–2004</dd></div>"),
        ("status", "champ-status", "<div><dt>État d&#39;avancement</dt><dd>Terminé</dd></div>"),
        ("audiences", "champ-audiences", "<h2 id=\"_audiences\">Publics</h2>\n<ul>\n<li>Jeunes de moins de 26 ans</li>\n</ul>"),
        ("objectives", "champ-objectives", "<h2 id=\"_objectives\">Objectifs</h2>\n<ul>\n<li>Créer des emplois durables</li>\n</ul>"),
        ("budget", "champ-budget", "<data value=\"50000\">50\u{202F}000\u{00A0}€ par an</data>"),
        ("funding", "champ-funding", "<td class=\"num\"><data value=\"10000\">10\u{202F}000\u{00A0}€</data></td>"),
        ("results", "champ-results", "<h3>Résultats 2019</h3>\n<dl class=\"results\">\n<div><dt>Personnes accompagnées</dt><dd><data value=\"25\">25</data></dd></div>"),
        ("targets", "champ-targets", "<h2 id=\"_targets\">Objectifs chiffrés</h2>\n<ul>\n<li>Emplois d&#39;insertion\u{00A0}: 30, année non précisée</li>"),
        ("targets", "champ-targets-year", "<li>Emplois d&#39;insertion\u{00A0}: 30, en 2010</li>"),
        ("partners", "champ-partners", "<li><a href=\"../../organisations/porteur/\">Communauté de communes d&#39;essai</a> (experts)</li>"),
        ("value_chains", "champ-value-chains", "<h2 id=\"_chains\">Filières et communautés d&#39;acteurs</h2>\n<h3>Filière bois</h3>"),
        ("contacts", "champ-contacts", "<address>\n<strong>Jeanne Martin</strong><br>\n</address>"),
        ("links", "champ-links", "<li><a href=\"https://example.org/projet\">Site du projet</a></li>"),
        ("award", "champ-award", "<h2 id=\"_award\">Distinction</h2>\n<p>Prix de l&#39;essai (2003)</p>"),
        ("award", "champ-award-year", "<h2 id=\"_award\">Distinction</h2>\n<p>2003</p>"),
        ("award", "champ-award-jury", "<h2 id=\"_award\">Commentaire du jury</h2>\n<blockquote><p>Un dispositif exemplaire.</p></blockquote>"),
        ("source", "champ-source", "<p>Source\u{00A0}: <a href=\"https://example.org/fiche\">Fiche de l&#39;Avise</a> (CC BY 4.0)</p>"),
        ("source", "champ-source-label", "<p>Source\u{00A0}: Document du porteur, 2003</p>"),
        ("date", "champ-date", "<p class=\"meta dates\">Publiée le <time datetime=\"2024-03-03\">3 mars 2024</time></p>"),
        ("updated", "champ-updated", "<p class=\"meta dates\">Mise à jour le <time datetime=\"2025-01-01\">1er janvier 2025</time></p>"),
        ("themes", "champ-themes", "<div><dt>Thèmes</dt><dd><a class=\"tag\" href=\"../../themes/theme-essai/\">Thème d&#39;essai</a> </dd></div>"),
    ]

    @Test("A card with one optional field alone shows it", arguments: cardFields.map { [$0.file, $0.fragment] })
    func cardShowsField(_ pair: [String]) async throws {
        let site = await TrustFixture.site()
        #expect(site.diagnostics.errors.isEmpty, "\(site.diagnostics.errors)")
        let html = TrustFixture.main(site.file("fiches/\(pair[0])/index.html"))
        #expect(html.contains(pair[1]), "\(pair[0]): \(html)")
    }

    @Test("Every optional key of a card has its fixture card (cardKeys and the dated common keys)")
    func everyCardKeyHasACard() {
        let covered = Set(Self.cardFields.map(\.key))
        let expected = Set(RecordDecoder.cardKeys + ["summary", "date", "updated", "themes", "source"])
        #expect(expected.subtracting(covered).sorted() == [])
    }

    @Test("No page of the trust fixture shows a placeholder, an empty link, heading, list or paragraph")
    func fixtureHasNoPlaceholder() async throws {
        let site = await TrustFixture.site()
        let pages = site.allPages()
        #expect(pages.count > 60)
        for (path, html) in pages.sorted(by: { $0.key < $1.key }) {
            #expect(TrustFixture.placeholders(in: html) == [], "\(path)")
        }
    }

    @Test("No page of the example site shows a placeholder, an empty link, heading, list or paragraph")
    func exampleHasNoPlaceholder() async throws {
        let site = await TrustFixture.example()
        for (path, html) in site.allPages().sorted(by: { $0.key < $1.key }) {
            #expect(TrustFixture.placeholders(in: html) == [], "\(path)")
        }
    }

    @Test("A card with audiences alone shows them and no empty objectives or results section")
    func audiencesWithoutObjectives() async throws {
        let html = TrustFixture.main(await TrustFixture.site().file("fiches/champ-audiences/index.html"))
        #expect(html.contains("<h2 id=\"_audiences\">Publics</h2>"))
        #expect(!html.contains("_objectives"))
        #expect(!html.contains("_results"))
    }

    @Test("A card with no field shows no facts list, no status and no description heading")
    func emptyCard() async throws {
        let html = TrustFixture.main(await TrustFixture.site().file("fiches/champ-subtitle/index.html"))
        #expect(!html.contains("<dl class=\"facts\">"))
        #expect(!html.contains("État d&#39;avancement"))
        #expect(!html.contains("_description"))
    }

    @Test("Each key figure links to its definition, and the methodology page has that anchor")
    func keyFigureLinksToDefinition() async throws {
        let site = await TrustFixture.site()
        let html = site.file("fiches/champ-results/index.html")
        #expect(html.contains("<div class=\"figure\" id=\"indicateur-people_accompanied_total\"><dt><a href=\"../../methodologie/#people_accompanied_total\">Personnes accompagnées</a></dt>"
            + "<dd><data value=\"25\">25</data><span class=\"basis\">25 personnes accompagnées en 2019</span>"))
        let methodology = site.file("methodologie/index.html")
        for id in HTMLText.matches(#"href="\.\./\.\./methodologie/#([a-z_]+)""#, in: html).map({ $0[1] }) {
            #expect(methodology.contains("id=\"\(id)\""), "\(id)")
        }
    }

    @Test("A funder's type links to the funder-type page the site generates")
    func funderTypeLinksToItsPage() async throws {
        let site = await TrustFixture.site()
        let html = site.file("fiches/champ-funding/index.html")
        let href = try #require(HTMLText.matches(#"<td><a href="\.\./\.\./([^"]+)">Région</a></td>"#, in: html).first?[1])
        #expect(site.exists(href + "index.html"), "\(href)")
        #expect(site.file(href + "index.html").contains("<h1>Financeurs : Région</h1>"))
    }

    @Test("An organisation's type links to the funder-type page when the site generates one, and only then")
    func organisationTypeLinked() async throws {
        let site = await TrustFixture.site()
        let html = TrustFixture.main(site.file("organisations/region-essai/index.html"))
        let href = try #require(HTMLText.matches(#"<p class="kind"><a href="\.\./\.\./([^"]+)">Région</a></p>"#, in: html).first?[1])
        #expect(site.exists(href + "index.html"), "\(href)")
        #expect(TrustFixture.main(site.file("organisations/orga-name/index.html")).contains("<p class=\"kind\">Association</p>"))
    }

    @Test("A region written without departments has no generated page, so it is shown without a link")
    func writtenRegionNotLinked() async throws {
        let site = await TrustFixture.site()
        #expect(!site.exists("regions/bretagne/index.html"))
        #expect(!site.file("fiches/champ-territory-region/index.html").contains("regions/bretagne"))
    }

    static let articleFields: [(file: String, fragment: String)] = [
        ("article-date", "<p class=\"meta dates\">Publiée le <time datetime=\"2024-03-03\">3 mars 2024</time></p>"),
        ("article-updated", "Publiée le <time datetime=\"2024-03-03\">3 mars 2024</time> · Mise à jour le <time datetime=\"2025-01-01\">1er janvier 2025</time></p>"),
        ("article-author", "<time datetime=\"2024-03-03\">3 mars 2024</time> · Union régionale d&#39;essai</p>"),
        ("article-section", "<p class=\"kind\">Actualité · <a href=\"../../rubriques/essais/\">Rubrique d&#39;essai</a></p>"),
        ("article-figures", "<div class=\"figure\"><dt>porteurs de projets</dt><dd>6\u{202F}500</dd></div>"),
        ("article-themes", "<p class=\"tags\">Thèmes\u{00A0}: <a class=\"tag\" href=\"../../themes/theme-essai/\">Thème d&#39;essai</a> </p>"),
        ("article-source", "<p>Source\u{00A0}: <a href=\"https://example.org/actu\">Union régionale d&#39;essai, actualité du 3 mars 2024</a> (CC BY-SA 4.0)</p>"),
        ("article-summary", "<p class=\"lead\">Un chapeau qui ne répète pas le texte.</p>"),
    ]

    @Test("An article with one optional field alone shows it", arguments: articleFields.map { [$0.file, $0.fragment] })
    func articleShowsField(_ pair: [String]) async throws {
        let html = TrustFixture.main(await TrustFixture.site().file("actualites/\(pair[0])/index.html"))
        #expect(html.contains(pair[1]), "\(pair[0]): \(html)")
    }

    static let pageFields: [(path: String, fragment: String)] = [
        ("rubriques/essais/page-section", "<p class=\"kind\"><a href=\"../../../rubriques/essais/\">Rubrique d&#39;essai</a></p>"),
        ("pages/page-date", "<p class=\"meta dates\">Publiée le <time datetime=\"2024-03-03\">3 mars 2024</time></p>"),
        ("pages/page-updated", "<p class=\"meta dates\">Mise à jour le <time datetime=\"2025-01-01\">1er janvier 2025</time></p>"),
        ("pages/page-themes", "<p class=\"tags\">Thèmes\u{00A0}: <a class=\"tag\" href=\"../../themes/theme-essai/\">Thème d&#39;essai</a> </p>"),
        ("pages/page-source", "<p>Source\u{00A0}: <a href=\"https://example.org/be\">Texte d&#39;un organisme belge</a> (CC BY 4.0)</p>"),
        ("pages/page-summary", "<p class=\"lead\">Un chapeau qui ne répète pas le texte.</p>"),
    ]

    @Test("A page with one optional field alone shows it", arguments: pageFields.map { [$0.path, $0.fragment] })
    func pageShowsField(_ pair: [String]) async throws {
        let html = TrustFixture.main(await TrustFixture.site().file("\(pair[0])/index.html"))
        #expect(html.contains(pair[1]), "\(pair[0]): \(html)")
    }

    static let organisationFields: [(file: String, fragment: String)] = [
        ("orga-name", "<h1>Organisation nommée</h1>\n<p class=\"subtitle\">Association des essais réunis</p>"),
        ("orga-territory", "<div><dt>Territoire</dt><dd>Pays d&#39;essai (commune), département 42, <a href=\"../../regions/auvergne-rhone-alpes/\">Auvergne-Rhône-Alpes</a></dd></div>\n"
            + "<div><dt>Population</dt><dd>12\u{202F}000 habitants</dd></div>\n<div><dt>Communes</dt><dd>Firminy, Roche-la-Molière</dd></div>"),
        ("orga-website", "<div><dt>Site internet</dt><dd><a href=\"https://example.org/orga\">https://example.org/orga</a></dd></div>"),
        ("orga-siret", "<div><dt>SIRET</dt><dd>73282932000074</dd></div>"),
        ("orga-summary", "<p class=\"lead\">Une association qui se résume en une phrase.</p>"),
        ("orga-date", "<p class=\"meta dates\">Publiée le <time datetime=\"2024-03-03\">3 mars 2024</time></p>"),
        ("orga-updated", "<p class=\"meta dates\">Mise à jour le <time datetime=\"2025-01-01\">1er janvier 2025</time></p>"),
        ("orga-themes", "<div><dt>Thèmes</dt><dd><a class=\"tag\" href=\"../../themes/theme-essai/\">Thème d&#39;essai</a> </dd></div>"),
        ("orga-source", "<p>Source\u{00A0}: <a href=\"https://example.org/annuaire\">Annuaire d&#39;essai</a> (Licence Ouverte 2.0)</p>"),
        ("orga-body", "<div class=\"body\">\n<p>Une association qui a un texte de présentation.</p>"),
    ]

    @Test("An organisation with one optional field alone shows it", arguments: organisationFields.map { [$0.file, $0.fragment] })
    func organisationShowsField(_ pair: [String]) async throws {
        let html = TrustFixture.main(await TrustFixture.site().file("organisations/\(pair[0])/index.html"))
        #expect(html.contains(pair[1]), "\(pair[0]): \(html)")
    }

    @Test("A summary the body opens with is printed once, as the body's first paragraph", arguments: [
        "actualites/article-summary-repeated", "pages/page-summary-repeated",
    ])
    func summaryPrintedOnce(_ path: String) async throws {
        let html = TrustFixture.main(await TrustFixture.site().file("\(path)/index.html"))
        #expect(!html.contains("<p class=\"lead\">"), "\(html)")
    }
}

@Suite("Trust: the example site's dates, sources, status and summaries")
struct TrustExampleTests {
    static func main(_ path: String) async -> String {
        TrustFixture.main(await TrustFixture.example().file(path))
    }

    @Test("No card states a status its seed does not give", arguments: [
        "fiches/cap-ondaine/index.html", "fiches/entreprendre-en-cooperant/index.html",
    ])
    func noStatusUnstated(_ path: String) async {
        let html = await Self.main(path)
        #expect(!html.contains("État d&#39;avancement"))
        #expect(!html.contains("En cours"))
    }

    @Test("The article says when it was published and where it comes from, and prints its summary once")
    func article() async {
        let html = await Self.main("actualites/cae-reussite-nee-en-rhone-alpes/index.html")
        #expect(html.contains("<p class=\"meta dates\">Publiée le <time datetime=\"2014-01-10\">10 janvier 2014</time> · Union Régionale des SCOP &amp; SCIC Auvergne-Rhône-Alpes</p>"))
        #expect(html.contains("<footer class=\"source\">\n<p>Source\u{00A0}: Union Régionale des SCOP &amp; SCIC Auvergne-Rhône-Alpes, actualité du 10 janvier 2014</p>\n</footer>"))
        #expect(html.components(separatedBy: "Entreprendre de manière individuelle tout en choisissant le statut de salarié").count == 2)
    }

    @Test("A section page heads its list of pages with an h2, so headings go h1, h2, h3 (axe heading-order)")
    func sectionHeadingOrder() async {
        let html = await Self.main("rubriques/cae/index.html")
        #expect(html.contains("<h2 id=\"_pages\">Les pages de cette rubrique</h2>\n<ul class=\"record-list\">\n<li>\n<h3>"))
    }

    @Test("The article's key figures say the date they were given")
    func articleFiguresDated() async {
        let html = await Self.main("actualites/cae-reussite-nee-en-rhone-alpes/index.html")
        #expect(html.contains("<div class=\"figure\"><dt>des entrepreneurs des CAE sont des femmes</dt><dd>50\u{00A0}%</dd></div>\n</dl>\n"
            + "<p class=\"meta\">Chiffres donnés par l&#39;actualité du <time datetime=\"2014-01-10\">10 janvier 2014</time></p>\n</section>"))
    }

    @Test("The explainer written by a Belgian body says so, in its lead and its source")
    func belgianExplainer() async {
        let html = await Self.main("rubriques/cae/qu-est-ce-qu-une-cooperative-activite/index.html")
        #expect(html.contains("<p class=\"lead\">Les quatre principes de la coopérative d&#39;activité, présentés par un texte belge : le cadre juridique qu&#39;il décrit (société coopérative à finalité sociale, FOREM, ONEM) est celui de la Belgique, non de la France.</p>"))
        #expect(html.contains("<p>Source\u{00A0}: « Qu&#39;est-ce qu&#39;une coopérative ? », texte d&#39;un organisme belge (éditeur non nommé dans le document d&#39;origine)"))
        #expect(html.components(separatedBy: "inspire du concept français").count == 2)
    }

    @Test("The other explainer gives its source and prints its summary once")
    func otherExplainer() async {
        let html = await Self.main("rubriques/cae/cooperative-activite-emploi/index.html")
        #expect(html.contains("<p>Source\u{00A0}: « La Coopérative d&#39;Activité et d&#39;Emploi », page d&#39;un site de coopératives d&#39;activité et d&#39;emploi (éditeur et date de publication non indiqués dans le document d&#39;origine)</p>"))
        #expect(html.components(separatedBy: "Une réponse nouvelle et originale pour soutenir la création").count == 2)
    }

    @Test("Caux's card links its region and its funders' types, and dates its target")
    func cauxLinks() async {
        let site = await TrustFixture.example()
        let html = TrustFixture.main(site.file("fiches/entreprendre-en-cooperant/index.html"))
        #expect(html.contains("<dd>Caux vallée de Seine (intercommunalité), département 76, <a href=\"../../regions/normandie/\">Normandie</a></dd>"))
        #expect(html.contains("<li>Emplois d&#39;insertion\u{00A0}: environ 30, année non précisée</li>"))
        let types = HTMLText.matches(#"<td><a href="\.\./\.\./([^"]+)">([^<]+)</a></td>"#, in: html)
        #expect(types.map { $0[2] } == ["Région", "Intercommunalité", "Établissement public"])
        for type in types { #expect(site.exists(type[1] + "index.html"), "\(type[1])") }
    }
}
