import Foundation
import Testing
import PasserelleBuild
@testable import PasserelleContent
import PasserelleModel

/// `passerelle new`: drafts that check accepts with placeholder warnings only, every shape shown, the site's own lists,
/// and an organisation type that must be chosen.
@Suite("New skeletons")
struct NewSkeletonTests {
    static let today = Day(year: 2026, month: 11, day: 26)!

    static func vocabulary() async -> SkeletonVocabulary {
        await SkeletonVocabulary.read(content: BuildSupport.content, today: today)
    }

    static func decode(_ text: String, kind: RecordKind) -> (Record?, [Diagnostic]) {
        ContentLoader.decodeRecord(text: text, file: "Content/\(Skeletons.folder(kind))/essai.md", defaultID: "essai")
    }

    /// The skeleton with its commented YAML lines uncommented: `# key: …` and their indented `#   - …` / `#     key: …`
    /// lines (French prose, lists of ids and notes stay comments).
    static func uncommented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let keyLine = line.range(of: #"^# [a-z_]+:( |$)"#, options: .regularExpression) != nil
            let itemLine = line.range(of: #"^#   +(- |[a-z_]+: )"#, options: .regularExpression) != nil
            return keyLine || itemLine ? String(line.dropFirst(2)) : String(line)
        }.joined(separator: "\n")
    }

    @Test("a fresh project skeleton in the example site: check gives exactly its four placeholder warnings")
    func projectChecks() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-new")
        defer { BuildSupport.cleanUp(directory) }
        let content = try BuildSupport.copyContent(into: directory)
        let text = Skeletons.text(.project, title: "Épicerie solidaire de la Gare", vocabulary: await Self.vocabulary())
        try text.write(to: content.appendingPathComponent("projects/epicerie.md"), atomically: true, encoding: .utf8)
        let analysis = await Pipeline.analyse(content: content.path)
        #expect(analysis.diagnostics.map { "\($0.severity) \($0.location) \($0.rule)" }
                == ["warning 5:11 placeholder-text", "warning 91:1 placeholder-text", "warning 95:1 placeholder-text",
                    "warning 99:1 placeholder-text"])
        #expect(analysis.diagnostics.allSatisfy { $0.file == content.path + "/projects/epicerie.md" })
        // A draft: not in the site unless drafts are asked for.
        #expect(analysis.site.record("epicerie") == nil)
        #expect(await Pipeline.analyse(content: content.path, includeDrafts: true).site.record("epicerie")?.draft == true)
    }

    @Test("every kind's skeleton decodes with placeholder warnings only, as a draft; an organisation is the exception")
    func everyKind() async {
        let vocabulary = await Self.vocabulary()
        for kind in RecordKind.allCases {
            let (record, diagnostics) = Self.decode(Skeletons.text(kind, title: "Essai", vocabulary: vocabulary), kind: kind)
            if kind == .organisation {
                #expect(record == nil)
                #expect(diagnostics.map(\.rule) == ["organisation-type-missing", "placeholder-text"])
            } else {
                #expect(record?.draft == true, "\(kind)")
                #expect(!diagnostics.isEmpty, "\(kind)")
                #expect(diagnostics.allSatisfy { $0.severity == .warning && $0.rule == "placeholder-text" }, "\(kind): \(diagnostics)")
            }
        }
    }

    @Test("every commented example of the card skeletons is valid once uncommented, and shows each shape")
    func examplesAreValid() async throws {
        let vocabulary = await Self.vocabulary()
        for kind in [RecordKind.project, .initiative, .article, .page] {
            let text = Self.uncommented(Skeletons.text(kind, title: "Essai", vocabulary: vocabulary))
            let (record, diagnostics) = Self.decode(text, kind: kind)
            #expect(diagnostics.filter { $0.rule != "placeholder-text" } == [], "\(kind)")
            #expect(record != nil)
        }
        let text = Self.uncommented(Skeletons.text(.project, title: "Essai", vocabulary: vocabulary))
        let card = try #require(Self.decode(text, kind: .project).0?.card)
        #expect(card.budget.map(\.period) == [.annual, .total, .oneOff, .oneOff])
        #expect(card.budget.map(\.inKind) == [false, false, false, true])
        #expect(card.funding.map { $0.funders.map(\.id) } == [["region-rhone-alpes"], ["etat"], ["cc-caux-vallee-de-seine"], ["caisse-des-depots"],
                                                               ["departement-seine-maritime", "union-europeenne"], ["si-vallee-ondaine"], ["avise"]])
        #expect(card.funding.map(\.period) == [nil, .annual, .total, .oneOff, .total, .oneOff, nil])
        #expect(card.funding.last?.amount == nil && card.funding.last?.share == nil)
        #expect(card.results.map(\.year) == [2002, nil])
        #expect(card.results.map(\.period) == [nil, "2006-2008"])
        #expect(card.results[1].entries.map(\.value.precision) == [.range(min: 40, max: 60), .approximate])
        #expect(card.targets.map(\.precision) == [.approximate])
        #expect(card.links.map(\.url) == ["https://www.exemple.fr", "media/rapport-activite-2023.pdf"])
        #expect(text.contains("#   ![Les entrepreneurs devant l'atelier de la coopérative](media/atelier-cooperative.jpg)"))
    }

    @Test("the metrics of indicators.yml are listed, one a line, with their unit and parts")
    func metricsListed() async {
        #expect(Skeletons.metricList(await Self.vocabulary()) == """
        # Indicateurs de \(BuildSupport.content)/indicators.yml (les clés possibles dans results et targets) :
        #   people_accompanied : Personnes accompagnées (personnes)
        #   exits : Sorties du dispositif (personnes) ; parts : salaried_job, self_employed
        #   in_support_agreement : En convention d'accompagnement (personnes)
        #   part_time_activity : Activité à temps partiel (personnes)
        #   turnover : Chiffre d'affaires (euros)
        #   jobs_created : Emplois créés (emplois) ; parts : environment, insertion_building, linen_workshop
        #   people_trained : Personnes formées (personnes)
        #   insertion_jobs : Emplois d'insertion (emplois)
        #   value_chains : Filières (nombre)

        """)
    }

    @Test("without indicators.yml the skeleton says so")
    func noDictionary() async throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-new")
        defer { BuildSupport.cleanUp(directory) }
        try "title: \"Essai\"\n".write(to: directory.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        let vocabulary = await SkeletonVocabulary.read(content: directory.path, today: Self.today)
        #expect(vocabulary.dictionaryState == .absent)
        #expect(Skeletons.metricList(vocabulary)
                == "# Indicateurs : il n'y a pas de fichier \(directory.path)/indicators.yml ; sans lui, aucune clé de results ou targets n'est acceptée.\n")
        #expect(Skeletons.themesLine(vocabulary)
                == "# themes: [cooperatives]                      # aucun thème n'est déclaré dans site.yml (rubrique themes:)")
    }

    @Test("an organisation's type is left empty, and check names the choices, guessing from a plain name")
    func organisationType() async {
        let text = Skeletons.text(.organisation, title: "Région Bretagne", vocabulary: await Self.vocabulary())
        #expect(text.hasPrefix("---\nkind: organisation\ntitle: \"Région Bretagne\"\ntype:                # à choisir"))
        #expect(!text.contains("draft: true"))
        let errors = Self.decode(text, kind: .organisation).1.errors
        #expect(errors == [.error(
            "organisation-type-missing", "Content/organisations/essai.md", SourceLocation(line: 4, column: 1),
            Bilingual(fr: AuthoringText.fr("le type de l’organisation n’est pas choisi : il décide si son argent compte comme public ou privé, et n’a pas de valeur par défaut"),
                      en: "the organisation's type is not chosen: it decides whether its money counts as public or private, and has no default"),
            hint: Bilingual(fr: AuthoringText.fr("« Région Bretagne » semble être du type region (Région, conseil régional) : si c’est bien le cas, écrivez : type: region ; "
                                + "sinon, choisissez parmi : argent public : region (Région, conseil régional), state (État, ministère, préfecture, DREETS…), "
                                + "europe (Union européenne, FSE, FEDER…), department (Département, conseil départemental), intercommunality "
                                + "(intercommunalité, communauté de communes, agglomération, métropole), commune (commune), public_agency (établissement "
                                + "public, Caisse des Dépôts, Ademe, France Travail…) ; argent privé : private (entreprise ou fondation privée), "
                                + "self_financing (autofinancement, le porteur ou ses membres), association (association), cooperative (coopérative, "
                                + "Scop, Scic, CAE…), other (autre)"),
                            en: "'Région Bretagne' looks like the type region (region, regional council): if so, write: type: region; otherwise choose "
                                + "among: public money: region (region, regional council), state (the State, a ministry, a prefecture…), europe (the "
                                + "European Union, ESF, ERDF…), department (department, departmental council), intercommunality (inter-municipality, "
                                + "community of municipalities, metropolis), commune (municipality), public_agency (public agency, Caisse des Dépôts, "
                                + "Ademe…); private money: private (private company or foundation), self_financing (self-financing, the carrier or its "
                                + "members), association (association), cooperative (cooperative, Scop, Scic…), other (other)"),
            end: SourceLocation(line: 4, column: 6))])
    }

    @Test("an organisation written without any type line: the error is at its first field, and the hint asks for the right word")
    func organisationWithoutTypeLine() {
        let (_, diagnostics) = Self.decode("---\nkind: organisation\ntitle: \"Les Amis du Four\"\n---\n", kind: .organisation)
        #expect(diagnostics.map { "\($0.location) \($0.rule)" } == ["2:1 organisation-type-missing"])
        #expect(diagnostics.first?.hint(.fr)?.hasPrefix(AuthoringText.fr("écrivez type: suivi du mot qui décrit « Les Amis du Four » : argent public : region (")) == true)
    }

    @Test("names that state their type are recognised; others are not guessed")
    func guesses() {
        #expect(OrganisationTypeCheck.guess("Communauté de communes Caux vallée de Seine") == .intercommunality)
        #expect(OrganisationTypeCheck.guess("Conseil départemental de l'Ardèche") == .department)
        #expect(OrganisationTypeCheck.guess("État") == .state)
        #expect(OrganisationTypeCheck.guess("Caisse des Dépôts") == .publicAgency)
        #expect(OrganisationTypeCheck.guess("Ville de Fougères") == .commune)
        #expect(OrganisationTypeCheck.guess("Les Amis du Four") == nil)
    }

    @Test("the command writes the draft, then prints the file, what to do and the preview address, in French")
    func command() throws {
        let directory = BuildSupport.makeTempDirectory("passerelle-new")
        defer { BuildSupport.cleanUp(directory) }
        _ = try BuildSupport.copyContent(into: directory)
        let run = try ProcessTests.run(["new", "project", "Épicerie solidaire de la Gare"], in: directory)
        #expect(run.status == 0)
        #expect(run.output == """
        Créé : Content/projects/epicerie-solidaire-de-la-gare.md
        C’est un brouillon (draft: true) : il n’est pas publié tant que cette ligne reste.
        Remplacez les textes [À compléter : …], puis vérifiez : passerelle check
        Aperçu : lancez passerelle serve, puis ouvrez http://127.0.0.1:8000/fiches/epicerie-solidaire-de-la-gare/

        """)
        let text = try String(contentsOf: directory.appendingPathComponent("Content/projects/epicerie-solidaire-de-la-gare.md"), encoding: .utf8)
        #expect(text.hasPrefix("---\nkind: project\ntitle: \"Épicerie solidaire de la Gare\"\ndraft: true "))
        let again = try ProcessTests.run(["new", "project", "Épicerie solidaire de la Gare"], in: directory)
        #expect(again.status == 1)
        #expect(again.output == "Content/projects/epicerie-solidaire-de-la-gare.md existe déjà : choisissez un autre titre ou donnez un identifiant avec --id\n")
        let page = try ProcessTests.run(["new", "page", "Les CAE", "--content", "Content", "--id", "les-cae-en-bref"], in: directory)
        #expect(page.output.hasSuffix("Aperçu : lancez passerelle serve, puis ouvrez http://127.0.0.1:8000/pages/les-cae-en-bref/\n"))
    }
}
