import Testing
@testable import PasserelleMarkdown

/// The GitHub Flavored Markdown specification's examples for the extensions Passerelle attaches (GFM spec 0.29,
/// as in cmark-gfm's test/spec.txt): tables (section "Tables (extension)", examples 198–205), strikethrough (491–492)
/// and extended autolinks (621–631), and the tag filter (653). The Markdown and the expected HTML are the spec's.
/// Where Passerelle writes something else on purpose, the expected value is Passerelle's and a comment says why:
/// - every table is wrapped in a focusable, labelled region that scrolls sideways on a phone;
/// - alignment is a class (`align-center`), not the `align` attribute (obsolete in HTML5; a `style` would break the
///   site's Content-Security-Policy);
/// - smart punctuation is on (`isn't` becomes `isn’t`);
/// - raw HTML is omitted unless the site sets `unsafe_html`.
@Suite("GFM spec examples")
struct GFMSpecTests {
    func html(_ text: String, _ options: MarkdownOptions = MarkdownOptions()) -> String {
        Markdown.render(text, options: options).html
    }

    @Test("spec example 198: a pipe table")
    func example198() {
        // Passerelle: the table in its scrolling region.
        #expect(html("| foo | bar |\n| --- | --- |\n| baz | bim |\n") == "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Tableau\">\n<table>\n<thead>\n<tr>\n<th>foo</th>\n<th>bar</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>baz</td>\n<td>bim</td>\n</tr>\n</tbody>\n</table>\n</div>\n")
    }

    @Test("spec example 199: alignment from the delimiter row")
    func example199() {
        // Passerelle: the table in its scrolling region; alignment as classes, not the obsolete `align`.
        #expect(html("| abc | defghi |\n:-: | -----------:\nbar | baz\n") == "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Tableau\">\n<table>\n<thead>\n<tr>\n<th class=\"align-center\">abc</th>\n<th class=\"align-right\">defghi</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td class=\"align-center\">bar</td>\n<td class=\"align-right\">baz</td>\n</tr>\n</tbody>\n</table>\n</div>\n")
    }

    @Test("spec example 200: an escaped pipe inside cells")
    func example200() {
        // Passerelle: the table in its scrolling region.
        #expect(html("| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |\n") == "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Tableau\">\n<table>\n<thead>\n<tr>\n<th>f|oo</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b <code>|</code> az</td>\n</tr>\n<tr>\n<td>b <strong>|</strong> im</td>\n</tr>\n</tbody>\n</table>\n</div>\n")
    }

    @Test("spec example 201: a block quote ends the table")
    func example201() {
        // Passerelle: the table in its scrolling region.
        #expect(html("| abc | def |\n| --- | --- |\n| bar | baz |\n> bar\n") == "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Tableau\">\n<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>bar</td>\n<td>baz</td>\n</tr>\n</tbody>\n</table>\n</div>\n<blockquote>\n<p>bar</p>\n</blockquote>\n")
    }

    @Test("spec example 202: a paragraph line ends up as a row; a blank line ends the table")
    func example202() {
        // Passerelle: the table in its scrolling region.
        #expect(html("| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n\nbar\n") == "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Tableau\">\n<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>bar</td>\n<td>baz</td>\n</tr>\n<tr>\n<td>bar</td>\n<td></td>\n</tr>\n</tbody>\n</table>\n</div>\n<p>bar</p>\n")
    }

    @Test("spec example 203: a delimiter row of another width makes no table")
    func example203() {
        // Passerelle: smart punctuation turns `---` into an em dash.
        #expect(html("| abc | def |\n| --- |\n| bar |\n") == "<p>| abc | def |\n| — |\n| bar |</p>\n")
    }

    @Test("spec example 204: rows shorter or longer than the header are padded or cut")
    func example204() {
        // Passerelle: the table in its scrolling region.
        #expect(html("| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |\n") == "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Tableau\">\n<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>bar</td>\n<td></td>\n</tr>\n<tr>\n<td>bar</td>\n<td>baz</td>\n</tr>\n</tbody>\n</table>\n</div>\n")
    }

    @Test("spec example 205: a header without rows has no tbody")
    func example205() {
        // Passerelle: the table in its scrolling region.
        #expect(html("| abc | def |\n| --- | --- |\n") == "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Tableau\">\n<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n</table>\n</div>\n")
    }

    @Test("spec example 491: two tildes strike")
    func example491() {
        #expect(html("~~Hi~~ Hello, world!\n") == "<p><del>Hi</del> Hello, world!</p>\n")
    }

    @Test("spec example 492: strikethrough does not cross paragraphs")
    func example492() {
        #expect(html("This ~~has a\n\nnew paragraph~~.\n") == "<p>This ~~has a</p>\n<p>new paragraph~~.</p>\n")
    }

    @Test("spec example 621: www. autolink")
    func example621() {
        #expect(html("www.commonmark.org\n") == "<p><a href=\"http://www.commonmark.org\">www.commonmark.org</a></p>\n")
    }

    @Test("spec example 622: www. autolink with a path")
    func example622() {
        #expect(html("Visit www.commonmark.org/help for more information.\n") == "<p>Visit <a href=\"http://www.commonmark.org/help\">www.commonmark.org/help</a> for more information.</p>\n")
    }

    @Test("spec example 623: trailing dot not part of the autolink")
    func example623() {
        #expect(html("Visit www.commonmark.org.\n\nVisit www.commonmark.org/a.b.\n") == "<p>Visit <a href=\"http://www.commonmark.org\">www.commonmark.org</a>.</p>\n<p>Visit <a href=\"http://www.commonmark.org/a.b\">www.commonmark.org/a.b</a>.</p>\n")
    }

    @Test("spec example 624: balanced parentheses in autolinks")
    func example624() {
        #expect(html("www.google.com/search?q=Markup+(business)\n\nwww.google.com/search?q=Markup+(business)))\n\n(www.google.com/search?q=Markup+(business))\n\n(www.google.com/search?q=Markup+(business)\n") == "<p><a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a></p>\n<p><a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a>))</p>\n<p>(<a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a>)</p>\n<p>(<a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a></p>\n")
    }

    @Test("spec example 625: unbalanced parenthesis inside the autolink")
    func example625() {
        #expect(html("www.google.com/search?q=(business))+ok\n") == "<p><a href=\"http://www.google.com/search?q=(business))+ok\">www.google.com/search?q=(business))+ok</a></p>\n")
    }

    @Test("spec example 626: entity-like ending cut from the autolink")
    func example626() {
        #expect(html("www.google.com/search?q=commonmark&hl=en\n\nwww.google.com/search?q=commonmark&hl;\n") == "<p><a href=\"http://www.google.com/search?q=commonmark&amp;hl=en\">www.google.com/search?q=commonmark&amp;hl=en</a></p>\n<p><a href=\"http://www.google.com/search?q=commonmark\">www.google.com/search?q=commonmark</a>&amp;hl;</p>\n")
    }

    @Test("spec example 627: < ends the autolink")
    func example627() {
        #expect(html("www.commonmark.org/he<lp\n") == "<p><a href=\"http://www.commonmark.org/he\">www.commonmark.org/he</a>&lt;lp</p>\n")
    }

    @Test("spec example 628: http, https and ftp autolinks")
    func example628() {
        #expect(html("http://commonmark.org\n\n(Visit https://encrypted.google.com/search?q=Markup+(business))\n\nAnonymous FTP is available at ftp://foo.bar.baz.\n") == "<p><a href=\"http://commonmark.org\">http://commonmark.org</a></p>\n<p>(Visit <a href=\"https://encrypted.google.com/search?q=Markup+(business)\">https://encrypted.google.com/search?q=Markup+(business)</a>)</p>\n<p>Anonymous FTP is available at <a href=\"ftp://foo.bar.baz\">ftp://foo.bar.baz</a>.</p>\n")
    }

    @Test("spec example 629: email autolink")
    func example629() {
        #expect(html("foo@bar.baz\n") == "<p><a href=\"mailto:foo@bar.baz\">foo@bar.baz</a></p>\n")
    }

    @Test("spec example 630: invalid email domain")
    func example630() {
        // Passerelle: smart punctuation turns the apostrophe into ’.
        #expect(html("hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.\n") == "<p>hello@mail+xyz.example isn’t valid, but <a href=\"mailto:hello+xyz@mail.example\">hello+xyz@mail.example</a> is.</p>\n")
    }

    @Test("spec example 631: email autolink endings")
    func example631() {
        #expect(html("a.b-c_d@a.b\n\na.b-c_d@a.b.\n\na.b-c_d@a.b-\n\na.b-c_d@a.b_\n") == "<p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a></p>\n<p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a>.</p>\n<p>a.b-c_d@a.b-</p>\n<p>a.b-c_d@a.b_</p>\n")
    }

    @Test("three tildes do not strike, nor does one (cmark-gfm 0.29.0.gfm.6 with double-tilde strikethrough)")
    func tildesOtherThanTwo() {
        // One tilde means "about" in French notes (`~ 40 000 €`), so Passerelle strikes only with two.
        #expect(html("This will ~~~not~~~ strike. ~a~ ~~b~~\n") == "<p>This will ~~~not~~~ strike. ~a~ <del>b</del></p>\n")
    }

    @Test("spec example 653: the tag filter escapes <title>, <style> and <xmp> under unsafe_html")
    func example653Unsafe() {
        #expect(html("<strong> <title> <style> <em>\n\n<blockquote>\n  <xmp> is disallowed.  <XMP> is also disallowed.\n</blockquote>\n",
                     MarkdownOptions(unsafeHTML: true))
                == "<p><strong> &lt;title> &lt;style> <em></p>\n<blockquote>\n  &lt;xmp> is disallowed.  &lt;XMP> is also disallowed.\n</blockquote>\n")
    }

    @Test("spec example 653 in safe mode: all raw HTML omitted")
    func example653Safe() {
        // Passerelle's default: no raw HTML at all, so the tag filter has nothing to do.
        #expect(html("<strong> <title> <style> <em>\n\n<blockquote>\n  <xmp> is disallowed.  <XMP> is also disallowed.\n</blockquote>\n")
                == "<p><!-- raw HTML omitted --> <!-- raw HTML omitted --> <!-- raw HTML omitted --> <!-- raw HTML omitted --></p>\n<!-- raw HTML omitted -->\n")
    }

    @Test("a <script> under unsafe_html is written as text by the tag filter")
    func scriptFilteredUnsafe() {
        #expect(html("<script src=\"x.js\"></script>\n", MarkdownOptions(unsafeHTML: true)) == "&lt;script src=\"x.js\">&lt;/script>\n")
    }
}
