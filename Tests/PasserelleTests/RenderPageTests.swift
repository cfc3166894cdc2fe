import Foundation
import Testing
@testable import PasserelleBuild
@testable import PasserelleRender
import PasserelleModel

/// The real theme rendering the example site: the seed figures as readers and machines see them.
@Suite("Render pages of the example site")
struct RenderPageTests {
    static let capOndaine = "fiches/cap-ondaine/index.html"
    static let caux = "fiches/entreprendre-en-cooperant/index.html"

    @Test("Cap Ondaine's page shows its figures", arguments: [
        "<data value=\"97000\">97\u{202F}000\u{00A0}€</data>",
        "2\u{202F}425\u{00A0}€",
        "<data value=\"0.9\">90\u{00A0}%</data>",
        "14\u{202F}550\u{00A0}€",
        "3\u{202F}125\u{00A0}€",
    ])
    func capOndaineFigures(_ fragment: String) async throws {
        let html = try await BuildSupport.page(Self.capOndaine)
        #expect(html.contains(fragment))
    }

    @Test("Cap Ondaine's key figures are exact <data> elements with their labels, each with what it rests on and its date")
    func capOndaineKeyFigures() async throws {
        let html = try await BuildSupport.page(Self.capOndaine)
        #expect(html.contains("<div class=\"figure\" id=\"indicateur-annual_cost\"><dt><a href=\"../../methodologie/#annual_cost\">Coût annuel</a></dt><dd><data value=\"97000\">97\u{202F}000\u{00A0}€</data>"))
        #expect(html.contains("<div class=\"figure\" id=\"indicateur-cost_per_person\"><dt><a href=\"../../methodologie/#cost_per_person\">Coût par personne accompagnée</a></dt><dd><data value=\"2425\">2\u{202F}425\u{00A0}€</data>"
            + "<span class=\"basis\">coût annuel 97\u{202F}000\u{00A0}€ par an, année non précisée\u{202F}; 40 personnes accompagnées en 2002</span></dd></div>"))
        #expect(html.contains("<div class=\"figure\" id=\"indicateur-turnover_per_person\"><dt><a href=\"../../methodologie/#turnover_per_person\">Chiffre d&#39;affaires par personne accompagnée</a></dt><dd><data value=\"3125\">3\u{202F}125\u{00A0}€</data>"))
        #expect(html.contains("<div class=\"figure\" id=\"indicateur-public_funding_share\"><dt><a href=\"../../methodologie/#public_funding_share\">Part des financements publics</a></dt><dd><data value=\"0.9\">90\u{00A0}%</data>"))
    }

    @Test("Cap Ondaine's annual cost says its horizon and its date: 97 000 € par an, année non précisée (money.md §8)")
    func capOndaineAnnualCostDated() async throws {
        let html = try await BuildSupport.page(Self.capOndaine)
        let figure = try #require(html.components(separatedBy: "<div class=\"figure\" id=\"indicateur-annual_cost\">").dropFirst().first?
            .components(separatedBy: "</div>").first)
        let text = figure.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        #expect(text.contains("97\u{202F}000\u{00A0}€ par an"), "\(text)")
        #expect(text.contains("année non précisée"), "\(text)")
    }

    @Test("Cap Ondaine's funding table gives the Région's amount and share")
    func capOndaineRegionRow() async throws {
        let html = try await BuildSupport.page(Self.capOndaine)
        #expect(html.contains("<td class=\"num\" data-label=\"Montant\"><data value=\"14550\">14\u{202F}550\u{00A0}€</data></td><td data-label=\"Période\">par an</td><td class=\"num\" data-label=\"Part\">15\u{00A0}%</td>"))
    }

    @Test("Cap Ondaine's page says why target achievement is not available")
    func capOndaineUnavailable() async throws {
        let html = try await BuildSupport.page(Self.capOndaine)
        #expect(html.contains("<li>Atteinte de l&#39;objectif d&#39;emplois\u{00A0}: non disponible\u{00A0}: aucune donnée «\u{00A0}Emplois créés\u{00A0}»</li>"))
        #expect(!html.contains("indicateur-target_achievement"))
    }

    @Test("Caux's page shows its figures", arguments: [
        "230\u{202F}000\u{00A0}€",
        "76\u{202F}667\u{00A0}€ par an",
        "≈\u{00A0}70\u{00A0}%",
        "10\u{202F}952\u{00A0}€",
        "78,3\u{00A0}%",
        "21,7\u{00A0}%",
    ])
    func cauxFigures(_ fragment: String) async throws {
        let html = try await BuildSupport.page(Self.caux)
        #expect(html.contains(fragment))
    }

    @Test("Caux's key figures carry machine values: 230000, 76666.67, 10952.38, 0.7 (shown ≈ 70 %: the target is approximate)")
    func cauxMachineValues() async throws {
        let html = try await BuildSupport.page(Self.caux)
        #expect(html.contains("<data value=\"230000\">230\u{202F}000\u{00A0}€</data>"))
        #expect(html.contains("<data value=\"76666.67\">76\u{202F}667\u{00A0}€</data>"))
        #expect(html.contains("<data value=\"10952.38\">10\u{202F}952\u{00A0}€</data>"))
        #expect(html.contains("<data value=\"0.7\">≈\u{00A0}70\u{00A0}%</data>"))
    }

    @Test("Caux's cost per job carries its caveat beside the value (money.md §8)")
    func cauxCaveat() async throws {
        let html = try await BuildSupport.page(Self.caux)
        #expect(html.contains("<data value=\"10952.38\">10\u{202F}952\u{00A0}€</data>"))
        #expect(html.contains("<span class=\"caveat\">À savoir\u{00A0}: pour un programme territorial, c&#39;est la subvention d&#39;animation rapportée aux emplois créés\u{202F}; le coût des postes eux-mêmes n&#39;est pas connu</span>"))
    }

    @Test("Caux's grant has no invented first year: 230 000 € sur 3 ans, and no 2006 beside it")
    func cauxNoInventedYear() async throws {
        let html = try await BuildSupport.page(Self.caux)
        #expect(html.contains("<data value=\"230000\">230\u{202F}000\u{00A0}€ sur 3 ans</data>, soit 76\u{202F}667\u{00A0}€ par an</li>"))
        #expect(!html.contains("sur 3 ans à partir de"))
    }

    @Test("Caux's target is shown as written: environ 30")
    func cauxApproximateTarget() async throws {
        let html = try await BuildSupport.page(Self.caux)
        #expect(html.contains("<li>Emplois d&#39;insertion\u{00A0}: environ 30, année non précisée</li>"))
    }

    @Test("Caux's page gives 21 jobs created")
    func cauxJobs() async throws {
        let html = try await BuildSupport.page(Self.caux)
        #expect(html.contains("<dt>Emplois créés</dt><dd><data value=\"21\">21</data>"))
    }

    @Test("Caux's funding rows give amount and share; the funder without amount says so")
    func cauxFundingRows() async throws {
        let html = try await BuildSupport.page(Self.caux)
        #expect(html.contains("\">Intercommunalité</a></td><td class=\"num\" data-label=\"Montant\"><data value=\"180000\">180\u{202F}000\u{00A0}€</data></td><td data-label=\"Période\">sur 3 ans</td><td class=\"num\" data-label=\"Part\">78,3\u{00A0}%</td></tr>"))
        #expect(html.contains("\">Région</a></td><td class=\"num\" data-label=\"Montant\"><data value=\"50000\">50\u{202F}000\u{00A0}€</data></td><td data-label=\"Période\">sur 3 ans</td><td class=\"num\" data-label=\"Part\">21,7\u{00A0}%</td></tr>"))
        #expect(html.contains("\">Établissement public</a></td><td class=\"num\" data-label=\"Montant\">montant non précisé</td><td data-label=\"Période\">ponctuel, 2006</td><td class=\"num\" data-label=\"Part\"></td></tr>"))
    }

    @Test("a site in English formats Cap Ondaine's figures the English way")
    func englishSite() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-render-en")
        defer { BuildSupport.cleanUp(directory) }
        let content = try BuildSupport.copyContent(into: directory)
        let settings = content.appendingPathComponent("site.yml")
        let text = try String(contentsOf: settings, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "language: fr\n", with: "language: en\n").utf8).write(to: settings)
        let output = directory.appendingPathComponent("Output")
        let report = await BuildSupport.build(content: content.path, output: output)
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = try String(contentsOf: output.appendingPathComponent(Self.capOndaine), encoding: .utf8)
        #expect(html.contains("<data value=\"97000\">€97,000</data>"))
        #expect(html.contains("<data value=\"0.9\">90%</data>"))
        #expect(html.contains("<html lang=\"en\">"))
    }

    @Test("contact e-mails are obfuscated: no mailto and no @ in the page")
    func contactsObfuscated() async throws {
        let html = try await BuildSupport.page(Self.caux)
        #expect(!html.contains("mailto:"))
        #expect(!html.contains("m.leroy@cauxseine.fr"))
        #expect(html.contains("Marie-Annick LEROY"))
    }

    @Test("the glossary links ACI in Caux's body to its definition")
    func cauxGlossaryLink() async throws {
        let html = try await BuildSupport.page(Self.caux)
        #expect(html.contains("<a href=\"../../glossaire/#aci\""))
    }
}
