import Foundation
import Testing
@testable import PasserelleIndicators
@testable import PasserelleRender
import PasserelleModel

/// French as it is printed: no-break spaces where a line must not break, never inside code, tags or URLs.
@Suite("French typography")
struct FrenchTypographyTests {
    @Test("Spaces before : ; ? and inside « » become no-break; code, attributes and URLs are kept")
    func fragment() {
        let html = "<p>Bonjour : « oui » ; <code>a:b</code> <a href=\"x?y\">z ?</a></p>"
        #expect(Typography.french(html)
            == "<p>Bonjour\u{00A0}: «\u{00A0}oui\u{00A0}»\u{202F}; <code>a:b</code> <a href=\"x?y\">z\u{202F}?</a></p>")
    }

    @Test("Typesetting a page twice gives the same page")
    func idempotent() {
        let html = "<p>Bonjour : « oui » ; <code>a:b</code> <a href=\"x?y\">z ?</a> Vrai! «non»</p>"
        let once = Typography.french(html)
        #expect(Typography.french(once) == once)
    }

    @Test("A missing space is added after a word, and only there")
    func missingSpace() {
        #expect(Typography.french("<p>Vraiment? Oui!</p>") == "<p>Vraiment\u{202F}? Oui\u{202F}!</p>")
        #expect(Typography.french("<p>«oui»</p>") == "<p>«\u{00A0}oui\u{00A0}»</p>")
    }

    @Test("Times, URLs written in text, entities, comments, scripts and preformatted text are left alone")
    func leftAlone() {
        let html = "<p>à 14:30, voir https://exemple.fr/a?b=1 &amp; R&amp;D</p><!-- a : b --><pre>x ; y</pre>"
            + "<script>if (a ? b : c) {}</script><kbd>Ctrl :</kbd><samp>ok ?</samp><style>a:hover{}</style>"
        #expect(Typography.french(html) == html)
    }

    @Test("A line break before a sign is joined with a no-break space")
    func lineBreak() {
        #expect(Typography.french("<p>Note\n: la suite</p>") == "<p>Note\u{00A0}: la suite</p>")
    }

    @Test("Text inside SVG charts is typeset too")
    func svgText() {
        #expect(Typography.french("<svg><text x=\"0\">Région : 12 €</text></svg>")
            == "<svg><text x=\"0\">Région\u{00A0}: 12 €</text></svg>")
    }
}

/// The order a French reader expects.
@Suite("French collation")
struct FrenchCollationTests {
    @Test("Accents and case are ignored at the first level")
    func order() {
        #expect(Collation.sorted(["Agence", "État", "Europe", "Union européenne", "Élus"])
            == ["Agence", "Élus", "État", "Europe", "Union européenne"])
    }

    @Test("Ties are broken by accents, then case, the same way on every run")
    func ties() {
        #expect(Collation.sorted(["été", "Ete", "ete", "Été"]) == ["Ete", "ete", "Été", "été"])
        #expect(Collation.sorted(["œuvre", "Oeuf", "Orange"]) == ["Oeuf", "œuvre", "Orange"])
    }
}

/// Words in French: plurals, addresses, the glossary.
@Suite("French words")
struct FrenchWordsTests {
    static let french = Labels(["plural_singular": "0, 1", "cards_count_one": "{n} fiche", "cards_count_other": "{n} fiches"])
    /// The example site, built once for the tests of this process.
    static func example() async -> BuiltSite {
        await SiteBuilds.shared.site(name: "example", content: BuildSupport.content)
    }

    static let english = Labels(["plural_singular": "1", "cards_count_one": "{n} card", "cards_count_other": "{n} cards"])

    @Test("French plurals: 0 and 1 take the singular, 2 the plural")
    func frenchPlurals() {
        #expect([0, 1, 2].map { Self.french.plural("cards_count", count: $0) } == ["0 fiche", "1 fiche", "2 fiches"])
    }

    @Test("English plurals: only 1 takes the singular")
    func englishPlurals() {
        #expect([0, 1, 2].map { Self.english.plural("cards_count", count: $0) } == ["0 cards", "1 card", "2 cards"])
    }

    @Test("A formatted count replaces {n}")
    func formattedCount() {
        #expect(Self.french.plural("cards_count", count: 1200, ["n": "1\u{202F}200"]) == "1\u{202F}200 fiches")
    }

    @Test("No label of either language says (s)")
    func noParenthesisedPlural() throws {
        for language in ["fr", "en"] {
            let text = try String(contentsOfFile: BuildSupport.templates + "/i18n/\(language).yml", encoding: .utf8)
            #expect(!text.contains("(s)"), "\(language).yml")
        }
    }

    @Test("Funder types have French slugs")
    func slugs() {
        #expect(OrganisationType.allCases.map(\.slug) == ["region", "etat", "europe", "departement", "intercommunalite", "commune",
                                                         "agence-publique", "prive", "autofinancement", "association", "cooperative", "autre"])
        #expect(GeneratedScope.funderType(.state).id == "financeurs-etat")
        #expect(GeneratedScope.funderType(.publicAgency).id == "financeurs-agence-publique")
    }

    @Test("The State's funder page is at financeurs/etat/, its data under the same French name")
    func stateRoute() async throws {
        let site = await Self.example()
        let files = BuildSupport.snapshot(site.output).keys
        #expect(files.contains("financeurs/etat/index.html"))
        #expect(files.contains("data/tableaux-de-bord/financeurs-etat.csv"))
        #expect(!files.contains { $0.contains("state") || $0.contains("public-agency") })
    }

    @Test("The glossary shows each term and its definition only, in French order")
    func glossary() async throws {
        let html = await Self.example().file("glossaire/index.html")
        #expect(!html.contains("aliases"))
        let terms = html.components(separatedBy: "<dt>").dropFirst().compactMap { $0.components(separatedBy: "</dt>").first }
        #expect(terms == ["ACI", "CAE", "ESS", "SCIC", "SCOP", "SIAE"])
    }

    @Test("The themes page counts cards with real plurals")
    func themesPlurals() async throws {
        let html = await Self.example().file("themes/index.html")
        #expect(html.contains("<p class=\"meta\">2 fiches</p>"))
        #expect(html.contains("<p class=\"meta\">1 fiche</p>"))
        #expect(!html.contains("(s)"))
    }

    @Test("Organisations are listed in French order: État before Région and Union européenne")
    func organisationsOrder() async throws {
        let html = await Self.example().file("organisations/index.html")
        let etat = try #require(html.range(of: ">État</a>"))
        let region = try #require(html.range(of: ">Région Rhône-Alpes</a>"))
        let union = try #require(html.range(of: ">Union européenne</a>"))
        #expect(etat.lowerBound < region.lowerBound && region.lowerBound < union.lowerBound)
    }
}

/// Charts anyone can read: sorted, hatched as well as coloured, nothing cut at the edge.
@Suite("Charts for everyone")
struct ChartsForEveryoneTests {
    @Test("Bars are sorted by value, largest first, equal values in French order of their labels")
    func sortedBars() {
        let chart = BarChart(id: "c", title: "T", description: "D", bars: [
            .init(label: "Union européenne", value: 5, text: "5 €"), .init(label: "Région", value: 9, text: "9 €"),
            .init(label: "État", value: 5, text: "5 €"), .init(label: "Europe", value: 7, text: "7 €"),
        ])
        let labels = chart.svg.components(separatedBy: "class=\"chart-label\">").dropFirst().compactMap { $0.components(separatedBy: "<").first }
        #expect(labels == ["Région", "Europe", "État", "Union européenne"])
    }

    @Test("An eight-digit amount ends inside the drawing")
    func longAmountFits() throws {
        let text = "12\u{202F}345\u{202F}678\u{00A0}€"
        let chart = BarChart(id: "c", title: "T", description: "D", bars: [.init(label: "A", value: 12_345_678, text: text),
                                                                         .init(label: "B", value: 1, text: "1\u{00A0}€")])
        let svg = chart.svg
        let x = try #require(svg.components(separatedBy: "<text x=\"").dropFirst().first { $0.contains(text) }?
            .components(separatedBy: "\"").first.flatMap(Double.init))
        #expect(x + ChartText.width(text, bold: true) <= BarChart.width)
        #expect(x == 285.1)
    }

    @Test("Each part of a stacked chart has its own hatched fill, repeated in the legend")
    func patterns() {
        let chart = StackedChart(id: "bloc-3", title: "T", description: "D", legend: ["Région", "État", "Europe"],
                                 bars: [.init(label: "Normandie", segments: [1, 1, 1], text: "3 €")])
        let svg = chart.svg
        #expect(svg.contains("<pattern id=\"bloc-3-motif-0\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\"><rect width=\"8\" height=\"8\" fill=\"#0072B2\"/></pattern>"))
        #expect(svg.contains("<pattern id=\"bloc-3-motif-1\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\"><rect width=\"8\" height=\"8\" fill=\"#E69F00\"/>"
            + "<path d=\"M-2 2 L2 -2 M0 8 L8 0 M6 10 L10 6\" stroke=\"#000000\" stroke-width=\"1.5\"/></pattern>"))
        #expect(svg.contains("<pattern id=\"bloc-3-motif-2\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\"><rect width=\"8\" height=\"8\" fill=\"#009E73\"/>"
            + "<circle cx=\"4\" cy=\"4\" r=\"1.6\" fill=\"#ffffff\"/></pattern>"))
        for index in 0..<3 {
            // Once on the bar, once in the legend.
            #expect(svg.components(separatedBy: "fill=\"url(#bloc-3-motif-\(index))\" stroke=\"#1b1f24\"").count == 3)
        }
    }

    @Test("Hatching and colour pairs never repeat within sixteen parts")
    func distinctFills() {
        let pairs = (0..<16).map { "\(Palette.colour($0)) \(Palette.motif($0))" }
        #expect(Set(pairs).count == 16)
    }

    @Test("A label too long for the drawing is shortened with an ellipsis")
    func longLabel() {
        let label = String(repeating: "Communauté de communes ", count: 4)
        let fitted = ChartText.fit(label, BarChart.width)
        #expect(fitted.hasSuffix("…"))
        #expect(ChartText.width(fitted) <= BarChart.width)
    }
}

/// Phones and print.
@Suite("Phones and print")
struct PhonesAndPrintTests {
    @Test("Every value cell of a dashboard table carries its column's name for phones")
    func dataLabels() async throws {
        let html = await FrenchWordsTests.example().file("tableaux-de-bord/vue-d-ensemble/index.html")
        #expect(html.contains("<tfoot>\n<tr><th scope=\"row\">Total</th><td class=\"num\" data-label=\"Par an\"><data value=\"173666.6667\">173\u{202F}667\u{00A0}€</data></td>"))
        let cells = html.components(separatedBy: "<td").dropFirst()
        #expect(!cells.isEmpty)
        #expect(cells.allSatisfy { $0.hasPrefix(" class=\"num\" data-label=\"") || $0.hasPrefix(" data-label=\"") })
    }

    @Test("Every page ends with its address and the content's date for print, never the build's clock")
    func printNote() async throws {
        let site = await FrenchWordsTests.example()
        let newest = try #require(site.report.site?.records.flatMap { [$0.date, $0.updated].compactMap { $0 } }.max())
        #expect(site.file("fiches/cap-ondaine/index.html").contains("<p class=\"print-only\">Adresse de cette page\u{00A0}: https://passerelle.example.org/fiches/cap-ondaine/ "
            + "(contenu mis à jour le \(Formatter(language: .fr).date(newest))).</p>"))
    }

    @Test("With contacts obfuscated, a phone number is still a tel: link and an e-mail is never a mailto: link")
    func phoneLink() async throws {
        let html = await FrenchWordsTests.example().file("fiches/entreprendre-en-cooperant/index.html")
        #expect(html.contains("<a href=\"tel:0232846434\">02 32 84 64 34</a>"))
        #expect(!html.contains("mailto:"))
    }
}
