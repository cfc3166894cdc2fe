import Testing
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
