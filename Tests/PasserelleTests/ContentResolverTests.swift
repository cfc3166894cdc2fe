import Testing
@testable import PasserelleContent
import PasserelleModel

@Suite("Content: references between records (Resolver)")
struct ContentResolverTests {
    let projectFile = "Content/projects/cap-ondaine.md"

    func region() throws -> Record {
        try ContentTestSupport.decodeClean("---\nkind: organisation\ntitle: \"Région Rhône-Alpes\"\ntype: region\n---\n",
                                           file: "Content/organisations/region-rhone-alpes.md")
    }

    func project(_ lines: String) throws -> Record {
        try ContentTestSupport.decodeClean("---\nkind: project\ntitle: \"Cap Ondaine\"\n" + lines + "---\n", file: projectFile)
    }

    @Test("references that all exist give no diagnostic")
    func everythingResolves() throws {
        let card = try project("""
        themes: [insertion]
        carrier: region-rhone-alpes
        funding:
          - {funder: region-rhone-alpes, share: 15%}
        results:
          - year: 2002
            people_accompanied: 40
        targets: {insertion_jobs: 30}

        """)
        let (site, diagnostics) = ContentTestSupport.resolve([card, try region()])
        #expect(diagnostics == [])
        #expect(site.records.map(\.id) == ["cap-ondaine", "region-rhone-alpes"])
    }

    @Test("two records with the same id: an error on the second file that names the first")
    func duplicateIDs() throws {
        let first = try ContentTestSupport.decodeClean("---\nkind: project\ntitle: \"Cap Ondaine\"\n---\n", file: projectFile)
        let copy = try ContentTestSupport.decodeClean("---\nkind: page\ntitle: \"Cap Ondaine\"\nid: cap-ondaine\n---\n",
                                                      file: "Content/projects/copie.md")
        let (site, diagnostics) = ContentTestSupport.resolve([copy, first])
        #expect(diagnostics.said == [.contentError("id-duplicate", "Content/projects/copie.md", 4, 5, "identifiant «\u{A0}cap-ondaine\u{A0}» déjà pris par Content/projects/cap-ondaine.md",
                                              hint: "chaque identifiant est unique dans le site\u{A0}: renommez l’un des fichiers, ou donnez à cette fiche son propre identifiant (id: cap-ondaine-2)")])
        #expect(site.records.map(\.file) == [projectFile])
    }

    @Test("duplicate ids in a content folder on disk are reported with both files")
    func duplicateIDsOnDisk() async {
        let content = ContentTestSupport.fixtureContent("duplicate-ids")
        let loaded = await ContentLoader.load(contentDirectory: content)
        #expect(loaded.diagnostics == [])
        let (_, diagnostics) = Resolver.resolve(loaded)
        // At the `id: cap-ondaine` line of pages/about.md, which made the clash; projects/cap-ondaine.md takes its id
        // from its file name.
        #expect(diagnostics.said == [.contentError("id-duplicate", content + "/pages/about.md", 4, 5,
                                              "identifiant «\u{A0}cap-ondaine\u{A0}» déjà pris par \(content)/projects/cap-ondaine.md",
                                              hint: "chaque identifiant est unique dans le site\u{A0}: renommez l’un des fichiers, ou donnez à cette fiche son propre identifiant (id: cap-ondaine-2)")])
    }

    @Test("an unknown funder is an error at the id with the closest organisation as suggestion")
    func unknownFunderWithSuggestion() throws {
        let card = try project("funding:\n  - {funder: region-rhone-alpe, share: 15%}\n")
        let (_, diagnostics) = ContentTestSupport.resolve([card, try region()])
        #expect(diagnostics.said == [.contentError("ref-unknown-organisation", projectFile, 5, 14, "organisation inconnue\u{A0}: «\u{A0}region-rhone-alpe\u{A0}»",
                                              hint: "vouliez-vous dire «\u{A0}region-rhone-alpes\u{A0}»\u{A0}?")])
    }

    @Test("an unknown funder with no near miss says where organisations are declared")
    func unknownFunderWithoutSuggestion() throws {
        let card = try project("funding:\n  - funders: [region-rhone-alpes, fonds-inconnu]\n    amount: 120000\n")
        let (_, diagnostics) = ContentTestSupport.resolve([card, try region()])
        #expect(diagnostics.said == [.contentError("ref-unknown-organisation", projectFile, 5, 35, "organisation inconnue\u{A0}: «\u{A0}fonds-inconnu\u{A0}»",
                                              hint: "déclarez-la dans un fichier du dossier organisations/ avec kind: organisation")])
    }

    @Test("an unknown partner organisation is an error at the id")
    func unknownPartner() throws {
        let card = try project("partners:\n  - {organisation: region-rhone, role: funder}\n")
        let (_, diagnostics) = ContentTestSupport.resolve([card, try region()])
        #expect(diagnostics.said == [.contentError("ref-unknown-organisation", projectFile, 5, 20, "organisation inconnue\u{A0}: «\u{A0}region-rhone\u{A0}»",
                                              hint: "déclarez-la dans un fichier du dossier organisations/ avec kind: organisation")])
    }

    @Test("a carrier that is a record but not an organisation is an error naming its kind")
    func carrierIsNotAnOrganisation() throws {
        let term = try ContentTestSupport.decodeClean("---\nkind: term\ntitle: CAE\n---\n", file: "Content/glossary/cae.md")
        let card = try project("carrier: cae\n")
        let (_, diagnostics) = ContentTestSupport.resolve([card, term])
        #expect(diagnostics.said == [.contentError("ref-not-organisation", projectFile, 4, 10, "«\u{A0}cae\u{A0}» est un terme du glossaire, pas une organisation",
                                              hint: "les porteurs, financeurs et partenaires doivent être des fiches d’organisation (kind: organisation)")])
    }

    @Test("an unknown theme is an error at the id with a suggestion")
    func unknownThemeWithSuggestion() throws {
        let card = try project("themes: [insertion, cooperativs]\n")
        let (_, diagnostics) = ContentTestSupport.resolve([card])
        #expect(diagnostics.said == [.contentError("ref-unknown-theme", projectFile, 4, 21, "thème inconnu\u{A0}: «\u{A0}cooperativs\u{A0}»", hint: "vouliez-vous dire «\u{A0}cooperatives\u{A0}»\u{A0}?")])
    }

    @Test("an unknown theme with no near miss lists the themes of site.yml and says to declare a new one there")
    func unknownThemeWithoutSuggestion() throws {
        let card = try project("themes: transition-ecologique\n")
        let (_, diagnostics) = ContentTestSupport.resolve([card])
        #expect(diagnostics.said == [.contentError("ref-unknown-theme", projectFile, 4, 9, "thème inconnu\u{A0}: «\u{A0}transition-ecologique\u{A0}»",
                                              hint: "les thèmes de site.yml sont\u{A0}: insertion, cooperatives\u{A0}; pour un nouveau thème, déclarez-le dans site.yml, sous themes:")])
    }

    @Test("an article's unknown section is an error with a suggestion")
    func unknownArticleSection() throws {
        let article = try ContentTestSupport.decodeClean("---\nkind: article\ntitle: A\ndate: 2014-01-10\nsection: caee\n---\n",
                                                         file: "Content/articles/a.md")
        let (_, diagnostics) = ContentTestSupport.resolve([article])
        #expect(diagnostics.said == [.contentError("ref-unknown-section", "Content/articles/a.md", 5, 10, "rubrique inconnue\u{A0}: «\u{A0}caee\u{A0}»", hint: "vouliez-vous dire «\u{A0}cae\u{A0}»\u{A0}?")])
    }

    @Test("a page's unknown section with no near miss lists the sections of site.yml and says to declare a new one there")
    func unknownPageSection() throws {
        let page = try ContentTestSupport.decodeClean("---\nkind: page\ntitle: P\nsection: scop\n---\n", file: "Content/pages/p.md")
        let (_, diagnostics) = ContentTestSupport.resolve([page])
        #expect(diagnostics.said == [.contentError("ref-unknown-section", "Content/pages/p.md", 4, 10, "rubrique inconnue\u{A0}: «\u{A0}scop\u{A0}»", hint: "les rubriques de site.yml sont\u{A0}: cae\u{A0}; pour une nouvelle rubrique, déclarez-la dans site.yml, sous sections:")])
    }

    @Test("an unknown metric in results is an error at the key with a suggestion")
    func unknownMetric() throws {
        let card = try project("results:\n  - year: 2002\n    peple_accompanied: 40\n")
        let (_, diagnostics) = ContentTestSupport.resolve([card])
        #expect(diagnostics.said == [.contentError("ref-unknown-metric", projectFile, 6, 5, "mesure inconnue\u{A0}: «\u{A0}peple_accompanied\u{A0}»", hint: "vouliez-vous dire «\u{A0}people_accompanied\u{A0}»\u{A0}?")])
    }

    @Test("an unknown metric in targets is an error at the key")
    func unknownTargetMetric() throws {
        let card = try project("targets:\n  year: 2010\n  emplois: 30\n")
        let (_, diagnostics) = ContentTestSupport.resolve([card])
        #expect(diagnostics.said == [.contentError("ref-unknown-metric", projectFile, 6, 3, "mesure inconnue\u{A0}: «\u{A0}emplois\u{A0}»", hint: "déclarez-la dans indicators.yml, sous metrics:")])
    }
}
