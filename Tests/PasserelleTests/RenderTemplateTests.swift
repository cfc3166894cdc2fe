import Foundation
import Testing
@testable import PasserelleRender
import PasserelleModel

/// The theme's templates are checked at load: syntax, partials and required templates, each with its place.
@Suite("Render templates")
struct RenderTemplateTests {
    /// A theme folder holding every required template as a trivial one, plus `extra` files (name → text).
    static func theme(_ extra: [String: String] = [:], omitting: Set<String> = []) throws -> URL {
        let directory = BuildSupport.makeTempDirectory("passerelle-templates")
        var files: [String: String] = [:]
        for name in TemplateSet.required where !omitting.contains(name) { files[name] = "<p>{{title}}</p>\n" }
        for (name, text) in extra { files[name] = text }
        for (name, text) in files {
            let url = directory.appendingPathComponent(name + ".mustache")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return directory
    }

    static func load(_ directory: URL) -> (TemplateSet?, [Diagnostic]) {
        TemplateSet.load(directory: directory.path, displayDirectory: "Templates")
    }

    @Test("a complete set of valid templates loads without diagnostics")
    func validSet() throws {
        let directory = try Self.theme(["partials/item": "<li>{{title}}</li>", "cards": "<ul>{{#all}}{{> partials/item}}{{/all}}</ul>"])
        defer { BuildSupport.cleanUp(directory) }
        let (set, diagnostics) = Self.load(directory)
        #expect(diagnostics.isEmpty)
        let loaded = try #require(set)
        #expect(loaded.render("cards", ["all": [["title": "A & B"]]]) == "<ul><li>A &amp; B</li></ul>")
    }

    @Test("an unclosed section is a syntax error at the tag that opens it")
    func unclosedSection() throws {
        let directory = try Self.theme(["card": "<article>\n{{#a}}\n<p>{{b}}</p>\n</article>\n"])
        defer { BuildSupport.cleanUp(directory) }
        let (set, diagnostics) = Self.load(directory)
        #expect(set == nil)
        #expect(diagnostics.map(\.headline) == ["Templates/card.mustache:2:1: erreur: erreur de syntaxe du modèle\u{A0}: la section {{#a}} n’est pas fermée [template-syntax]"])
        #expect(diagnostics.first?.hint == "fermez-la par {{/a}}")
    }

    @Test("a closing tag that does not match names the section left open, at its opening tag")
    func mismatchedClose() throws {
        let directory = try Self.theme(["page": "<main>\n  {{#a}}x{{/b}}\n</main>\n"])
        defer { BuildSupport.cleanUp(directory) }
        let (set, diagnostics) = Self.load(directory)
        #expect(set == nil)
        #expect(diagnostics.map(\.headline)
                == ["Templates/page.mustache:2:3: erreur: erreur de syntaxe du modèle\u{A0}: la section {{#a}} n’est pas fermée [template-syntax]"])
        #expect(diagnostics.first?.hint == "fermez-la par {{/a}} avant {{/b}}")
    }

    @Test("a partial that does not exist is an error at the tag's line and column")
    func missingPartial() throws {
        let directory = try Self.theme(["home": "<main>\n  <ul>{{> nope}}</ul>\n</main>\n"])
        defer { BuildSupport.cleanUp(directory) }
        let (set, diagnostics) = Self.load(directory)
        #expect(set == nil)
        #expect(diagnostics.said == [Said.error("template-missing", "Templates/home.mustache", PasserelleModel.SourceLocation(line: 2, column: 7), "modèle «\u{A0}nope\u{A0}» introuvable",
                                       hint: "modèles existants\u{A0}: 404, article, articles, base, card, cards, dashboard, dashboards, data, generated, glossary, home, methodology, organisation, organisations, page, partials/cofunded-results, partials/contributions, partials/data-table, partials/downloads, partials/indicator-block, partials/indicator-summary, partials/provenance, redirect, section, theme, themes")])
    }

    @Test("a missing partial in a template saved with CRLF line endings is reported at its real line")
    func missingPartialCRLF() throws {
        let directory = try Self.theme(["home": "<main>\r\n<ul>\r\n  {{> nope}}\r\n</ul>\r\n</main>\r\n"])
        defer { BuildSupport.cleanUp(directory) }
        let (_, diagnostics) = Self.load(directory)
        #expect(diagnostics.map(\.headline) == ["Templates/home.mustache:3:3: erreur: modèle «\u{A0}nope\u{A0}» introuvable [template-missing]"])
    }

    @Test("a misspelt partial suggests the closest template")
    func misspeltPartial() throws {
        let directory = try Self.theme(["home": "{{<bsae}}{{/bsae}}\n"])
        defer { BuildSupport.cleanUp(directory) }
        let (_, diagnostics) = Self.load(directory)
        #expect(diagnostics.said == [Said.error("template-missing", "Templates/home.mustache", PasserelleModel.SourceLocation(line: 1, column: 1), "modèle «\u{A0}bsae\u{A0}» introuvable",
                                       hint: "vouliez-vous dire «\u{A0}base\u{A0}»\u{A0}?")])
    }

    @Test("a missing required template is an error naming it")
    func missingRequired() throws {
        let directory = try Self.theme(omitting: ["dashboard"])
        defer { BuildSupport.cleanUp(directory) }
        let (set, diagnostics) = Self.load(directory)
        #expect(set == nil)
        #expect(diagnostics.said == [Said.error("template-required-missing", "Templates/dashboard.mustache", .start, "le modèle obligatoire «\u{A0}dashboard\u{A0}» manque",
                                       hint: "copiez-le depuis le dossier Templates/ fourni avec Passerelle")])
    }

    @Test("a templates folder that does not exist is one error")
    func missingFolder() {
        let (set, diagnostics) = TemplateSet.load(directory: "/nonexistent-\(UUID().uuidString)", displayDirectory: "Themes/x")
        #expect(set == nil)
        #expect(diagnostics.map(\.headline) == ["Themes/x:1:1: erreur: le dossier des modèles «\u{A0}Themes/x\u{A0}» n’existe pas [templates-folder-missing]"])
    }

    @Test("the default theme loads without diagnostics")
    func defaultTheme() {
        let (set, diagnostics) = TemplateSet.load(directory: BuildSupport.templates, displayDirectory: "Templates")
        #expect(diagnostics.isEmpty)
        #expect(set != nil)
    }

    // MARK: safeURL

    @Test("safeURL keeps web, mail and phone links", arguments: [
        "https://example.org/a?b=c#d", "http://www.cauxseine.fr", "mailto:contact@example.org", "tel:+33232846434",
    ])
    func safeSchemes(_ url: String) {
        #expect(safeURL(url) == url)
    }

    @Test("safeURL keeps relative links", arguments: ["../fiches/cap-ondaine/", "page.html", "/a/b", "#top", "?q=1", "a/b:c"])
    func safeRelative(_ url: String) {
        #expect(safeURL(url) == url)
    }

    @Test("safeURL drops javascript:, data:, other schemes and protocol-relative links", arguments: [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox", "//evil.example/x", "",
    ])
    func unsafe(_ url: String) {
        #expect(safeURL(url) == nil)
    }

    @Test("safeURL drops a scheme hidden by a tab or newline, as browsers strip them")
    func hiddenScheme() {
        #expect(safeURL("java\tscript:alert(1)") == nil)
        #expect(safeURL("\njavascript:alert(1)") == nil)
    }
}
