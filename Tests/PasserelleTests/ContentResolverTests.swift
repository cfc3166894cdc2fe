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
        #expect(diagnostics.said == [.contentError("?", "Content/projects/copie.md", 4, 5, "duplicate id 'cap-ondaine': also used by Content/projects/cap-ondaine.md",
                                              hint: "ids must be unique across the site: rename one of the files, or give one record its own id (id: another-name)")])
        #expect(site.records.map(\.file) == [projectFile])
    }

    @Test("duplicate ids in a content folder on disk are reported with both files")
    func duplicateIDsOnDisk() async {
        let content = ContentTestSupport.fixtureContent("duplicate-ids")
        let loaded = await ContentLoader.load(contentDirectory: content)
        #expect(loaded.diagnostics == [])
        let (_, diagnostics) = Resolver.resolve(loaded)
        #expect(diagnostics.said == [.contentError("?", content + "/projects/cap-ondaine.md", 1, 1,
                                              "duplicate id 'cap-ondaine': also used by \(content)/pages/about.md",
                                              hint: "ids must be unique across the site: rename one of the files, or give one record its own id (id: another-name)")])
    }

    @Test("an unknown funder is an error at the id with the closest organisation as suggestion")
    func unknownFunderWithSuggestion() throws {
        let card = try project("funding:\n  - {funder: region-rhone-alpe, share: 15%}\n")
        let (_, diagnostics) = ContentTestSupport.resolve([card, try region()])
        #expect(diagnostics.said == [.contentError("?", projectFile, 5, 14, "unknown organisation 'region-rhone-alpe'",
                                              hint: "did you mean 'region-rhone-alpes'?")])
    }

    @Test("an unknown funder with no near miss says where organisations are declared")
    func unknownFunderWithoutSuggestion() throws {
        let card = try project("funding:\n  - funders: [region-rhone-alpes, fonds-inconnu]\n    amount: 120000\n")
        let (_, diagnostics) = ContentTestSupport.resolve([card, try region()])
        #expect(diagnostics.said == [.contentError("?", projectFile, 5, 35, "unknown organisation 'fonds-inconnu'",
                                              hint: "declare it in a file under organisations/ with kind: organisation")])
    }

    @Test("an unknown partner organisation is an error at the id")
    func unknownPartner() throws {
        let card = try project("partners:\n  - {organisation: region-rhone, role: funder}\n")
        let (_, diagnostics) = ContentTestSupport.resolve([card, try region()])
        #expect(diagnostics.said == [.contentError("?", projectFile, 5, 20, "unknown organisation 'region-rhone'",
                                              hint: "declare it in a file under organisations/ with kind: organisation")])
    }

    @Test("a carrier that is a record but not an organisation is an error naming its kind")
    func carrierIsNotAnOrganisation() throws {
        let term = try ContentTestSupport.decodeClean("---\nkind: term\ntitle: CAE\n---\n", file: "Content/glossary/cae.md")
        let card = try project("carrier: cae\n")
        let (_, diagnostics) = ContentTestSupport.resolve([card, term])
        #expect(diagnostics.said == [.contentError("?", projectFile, 4, 10, "'cae' is a term, not an organisation",
                                              hint: "carriers, funders and partners must be organisation records")])
    }

    @Test("an unknown theme is an error at the id with a suggestion")
    func unknownThemeWithSuggestion() throws {
        let card = try project("themes: [insertion, cooperativs]\n")
        let (_, diagnostics) = ContentTestSupport.resolve([card])
        #expect(diagnostics.said == [.contentError("?", projectFile, 4, 21, "unknown theme 'cooperativs'", hint: "did you mean 'cooperatives'?")])
    }

    @Test("an unknown theme with no near miss says to declare it in site.yml")
    func unknownThemeWithoutSuggestion() throws {
        let card = try project("themes: transition-ecologique\n")
        let (_, diagnostics) = ContentTestSupport.resolve([card])
        #expect(diagnostics.said == [.contentError("?", projectFile, 4, 9, "unknown theme 'transition-ecologique'",
                                              hint: "declare it in site.yml under themes:")])
    }

    @Test("an article's unknown section is an error with a suggestion")
    func unknownArticleSection() throws {
        let article = try ContentTestSupport.decodeClean("---\nkind: article\ntitle: A\ndate: 2014-01-10\nsection: caee\n---\n",
                                                         file: "Content/articles/a.md")
        let (_, diagnostics) = ContentTestSupport.resolve([article])
        #expect(diagnostics.said == [.contentError("?", "Content/articles/a.md", 5, 10, "unknown section 'caee'", hint: "did you mean 'cae'?")])
    }

    @Test("a page's unknown section with no near miss says to declare it in site.yml")
    func unknownPageSection() throws {
        let page = try ContentTestSupport.decodeClean("---\nkind: page\ntitle: P\nsection: scop\n---\n", file: "Content/pages/p.md")
        let (_, diagnostics) = ContentTestSupport.resolve([page])
        #expect(diagnostics.said == [.contentError("?", "Content/pages/p.md", 4, 10, "unknown section 'scop'", hint: "declare it in site.yml under sections:")])
    }

    @Test("an unknown metric in results is an error at the key with a suggestion")
    func unknownMetric() throws {
        let card = try project("results:\n  - year: 2002\n    peple_accompanied: 40\n")
        let (_, diagnostics) = ContentTestSupport.resolve([card])
        #expect(diagnostics.said == [.contentError("?", projectFile, 6, 5, "unknown metric 'peple_accompanied'", hint: "did you mean 'people_accompanied'?")])
    }

    @Test("an unknown metric in targets is an error at the key")
    func unknownTargetMetric() throws {
        let card = try project("targets:\n  year: 2010\n  emplois: 30\n")
        let (_, diagnostics) = ContentTestSupport.resolve([card])
        #expect(diagnostics.said == [.contentError("?", projectFile, 6, 3, "unknown metric 'emplois'", hint: "declare it in indicators.yml under metrics:")])
    }
}
