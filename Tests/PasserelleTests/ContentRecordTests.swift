import Testing
@testable import PasserelleContent
import PasserelleModel

@Suite("Content: keys, types and values of records")
struct ContentRecordTests {
    let file = "Content/projects/cap-ondaine.md"
    let head = "---\nkind: project\ntitle: \"Coopérative d'activités\"\n"

    @Test("an unknown key is an error at the key with a 'did you mean' suggestion, and the record is kept")
    func unknownKeyWithSuggestion() {
        let (record, diagnostics) = ContentTestSupport.decode(head + "budjet: 97000\n---\n")
        #expect(record != nil)
        #expect(diagnostics.said == [.contentError("key-unknown", file, 4, 1, "clé inconnue «\u{A0}budjet\u{A0}» dans la fiche projet", hint: "vouliez-vous dire «\u{A0}budget\u{A0}»\u{A0}? écrivez\u{A0}: budget: 97000")])
    }

    @Test("an unknown key with no near miss lists the first twelve allowed keys in alphabetical order")
    func unknownKeyWithoutSuggestion() {
        let (_, diagnostics) = ContentTestSupport.decode("---\nkind: page\ntitle: T\nzzz: 1\n---\n", file: "Content/pages/p.md", id: "p")
        #expect(diagnostics.said == [.contentError("key-unknown", "Content/pages/p.md", 4, 1, "clé inconnue «\u{A0}zzz\u{A0}» dans la page",
                                              hint: "clés possibles\u{A0}: aliases, date, draft, glossary, id, kind, section, source, summary, themes, title, updated, weight")])
    }

    @Test("a list where a number is expected is an error at the list, naming the expected type")
    func listWhereNumberExpected() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "budget:\n  amount: [97000, 12000]\n  period: annual\n---\n")
        #expect(diagnostics == [.error("number-expected", file, PasserelleModel.SourceLocation(line: 5, column: 11),
                                       Bilingual(fr: "«\u{00A0}amount\u{00A0}» doit être un nombre, pas une liste", en: "'amount' must be a number, found a list"),
                                       hint: Bilingual(fr: "un seul nombre après «\u{00A0}amount:\u{00A0}»\u{00A0}; pour plusieurs montants, écrivez une ligne chacun",
                                                       en: "one number after 'amount:'; for several amounts, write one line each"))])
    }

    @Test("a list where a whole number is expected is an error at the list")
    func listWhereWholeNumberExpected() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "territory:\n  name: Ondaine\n  population: [1, 2]\n---\n")
        #expect(diagnostics.said == [.contentError("value-type", file, 6, 15, "«\u{A0}population\u{A0}» doit être un nombre entier, et non une liste",
                                              hint: "écrivez-le en chiffres, par exemple «\u{A0}population: 120000\u{A0}»")])
    }

    @Test("a list given as a result value says a number is expected")
    func listAsResultValue() throws {
        let (_, diagnostics) = ContentTestSupport.decode(head + "results:\n  - year: 2002\n    people_accompanied: [40, 2]\n---\n")
        let diagnostic = try #require(diagnostics.contentOnly)
        #expect(diagnostic.location == PasserelleModel.SourceLocation(line: 6, column: 25))
        #expect(diagnostic.rule == "number-expected")
        #expect(diagnostic.message(.en).contains("must be a number"))
        #expect(diagnostic.hint != nil)
    }

    @Test("text where true or false is expected is an error at the value")
    func wrongBoolean() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "draft: peut-être\n---\n")
        #expect(diagnostics.said == [.contentError("value-type", file, 4, 8, "«\u{A0}draft\u{A0}» doit valoir true ou false, et non «\u{A0}peut-être\u{A0}»", hint: "écrivez «\u{A0}draft: true\u{A0}» (oui) ou «\u{A0}draft: false\u{A0}» (non)")])
    }

    @Test("an unknown kind is an error at the value with a suggestion and the list of kinds")
    func unknownKindWithSuggestion() {
        let (record, diagnostics) = ContentTestSupport.decode("---\nkind: projet\ntitle: T\n---\n")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("kind-unknown", file, 2, 7, "sorte de fiche inconnue\u{A0}: «\u{A0}projet\u{A0}»",
                                              hint: "vouliez-vous dire «\u{A0}project\u{A0}»\u{A0}? écrivez\u{A0}: kind: project")])
    }

    @Test("an unknown kind with no near miss lists the kinds")
    func unknownKindWithoutSuggestion() {
        let (_, diagnostics) = ContentTestSupport.decode("---\nkind: fiche\ntitle: T\n---\n")
        #expect(diagnostics.said == [.contentError("kind-unknown", file, 2, 7, "sorte de fiche inconnue\u{A0}: «\u{A0}fiche\u{A0}»",
                                              hint: "sortes possibles\u{A0}: project, initiative, article, page, organisation, term, dashboard")])
    }

    @Test("a kind written as a list is reported as a wrong type, not as an unknown kind called 'a list'")
    func kindAsList() throws {
        let (record, diagnostics) = ContentTestSupport.decode("---\nkind: [project]\ntitle: T\n---\n")
        #expect(record == nil)
        let diagnostic = try #require(diagnostics.contentOnly)
        #expect(diagnostic.location == PasserelleModel.SourceLocation(line: 2, column: 7))
        #expect(diagnostic.message != "unknown kind 'a list'")
        #expect(diagnostic.message == "«\u{A0}kind\u{A0}» doit être un seul mot, et non une liste")
    }

    @Test("a missing kind is an error at the start of the front matter")
    func missingKind() {
        let (record, diagnostics) = ContentTestSupport.decode("---\ntitle: \"Cap Ondaine\"\n---\n")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("kind-missing", file, 2, 1, "la clé «\u{A0}kind\u{A0}» manque\u{A0}: elle dit de quelle sorte de fiche il s’agit",
                                              hint: "ajoutez une ligne «\u{A0}kind: project\u{A0}» (sortes possibles\u{A0}: project, initiative, article, page, organisation, term, dashboard)")])
    }

    @Test("a missing title is an error and no record is produced")
    func missingTitle() {
        let (record, diagnostics) = ContentTestSupport.decode("---\nkind: project\nsubtitle: Cap Ondaine\n---\n")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("key-missing", file, 2, 1, "clé obligatoire «\u{A0}title\u{A0}» absente dans la fiche projet",
                                              hint: "ajoutez une ligne «\u{A0}title: \"Coopérative d'activités intercommunale\"\u{A0}» (avec votre propre valeur)")])
    }

    @Test("an empty title is an error at the value")
    func emptyTitle() {
        let (_, diagnostics) = ContentTestSupport.decode("---\nkind: project\ntitle: \"\"\n---\n")
        #expect(diagnostics.said == [.contentError("value-empty", file, 3, 8, "le titre («\u{A0}title\u{A0}») est vide", hint: "écrivez le titre entre guillemets\u{A0}: title: \"…\"")])
    }

    @Test("an article without a date is an error at the start of the front matter")
    func articleWithoutDate() throws {
        let articleFile = "Content/articles/cae.md"
        let (_, diagnostics) = ContentTestSupport.decode("---\nkind: article\ntitle: \"Les CAE\"\n---\n", file: articleFile, id: "cae")
        let diagnostic = try #require(diagnostics.contentOnly)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.file == articleFile)
        #expect(diagnostic.location == PasserelleModel.SourceLocation(line: 2, column: 1))
        #expect(diagnostic.message.hasPrefix("clé obligatoire «\u{A0}date\u{A0}» absente dans "))
        #expect(diagnostic.hint == "ajoutez une ligne «\u{A0}date: 2014-01-10\u{A0}» (avec votre propre valeur)")
    }

    @Test("messages name an article with its elided article in French (« l’article ») and 'an' in English")
    func articleTakesAn() {
        let (_, diagnostics) = ContentTestSupport.decode("---\nkind: article\ntitle: \"Les CAE\"\n---\n", file: "Content/articles/cae.md", id: "cae")
        #expect(diagnostics.map(\.message) == ["clé obligatoire «\u{A0}date\u{A0}» absente dans l’article"])
        #expect(diagnostics.map { $0.message(.en) } == ["missing required key 'date' in an article"])
    }

    @Test("a date that does not exist (2023-02-30) is an error at the value")
    func impossibleDate() {
        let (_, diagnostics) = ContentTestSupport.decode("---\nkind: article\ntitle: T\ndate: 2023-02-30\n---\n",
                                                         file: "Content/articles/a.md", id: "a")
        #expect(diagnostics.said == [.contentError("date-invalid", "Content/articles/a.md", 4, 7, "«\u{A0}date\u{A0}» n’est pas une date valide\u{A0}: «\u{A0}2023-02-30\u{A0}»",
                                              hint: "le 30 février 2023 n’existe pas\u{A0}: février 2023 n’a que 28 jours\u{A0}; vérifiez le jour dans le document source, puis écrivez date: 2023-02- suivi du jour sur deux chiffres")])
    }

    @Test("29 February is accepted in a leap year")
    func leapDay() throws {
        let record = try ContentTestSupport.decodeClean("---\nkind: article\ntitle: T\ndate: 2024-02-29\n---\n", file: "Content/articles/a.md")
        #expect(record.date == Day(year: 2024, month: 2, day: 29))
    }

    @Test("an id written as ../x is refused at the value, with a safe id as hint")
    func pathLikeID() {
        let (_, diagnostics) = ContentTestSupport.decode("---\nkind: page\ntitle: T\nid: ../x\n---\n", file: "Content/pages/p.md", id: "p")
        #expect(diagnostics.said == [.contentError("id-invalid", "Content/pages/p.md", 4, 5, "identifiant invalide «\u{A0}../x\u{A0}»\u{A0}: un identifiant ne contient que des lettres a-z minuscules sans accent, des chiffres et des tirets",
                                              hint: "l’identifiant devient l’adresse de la page\u{A0}; écrivez par exemple\u{A0}: id: x")])
    }

    @Test("an invalid id coming from the file name is reported at 1:1, the hint renaming the file to the slug of its name")
    func invalidIDFromFileName() {
        let (_, diagnostics) = ContentTestSupport.decode("---\nkind: page\ntitle: T\n---\n", file: "Content/pages/Les CAE.md", id: "Les CAE")
        #expect(diagnostics.said == [.contentError("id-invalid", "Content/pages/Les CAE.md", 1, 1, "identifiant invalide «\u{A0}Les CAE\u{A0}»\u{A0}: un identifiant ne contient que des lettres a-z minuscules sans accent, des chiffres et des tirets",
                                              hint: "le nom du fichier donne l’identifiant, qui devient l’adresse de la page\u{A0}: renommez le fichier «\u{A0}Les CAE.md\u{A0}» en «\u{A0}les-cae.md\u{A0}», ou ajoutez la ligne id: les-cae")])
    }

    @Test("the id defaults to the file name and is located at 1:1")
    func defaultID() throws {
        let record = try ContentTestSupport.decodeClean("---\nkind: page\ntitle: T\n---\n", file: "Content/pages/les-cae.md")
        #expect(record.id == "les-cae")
        #expect(record.idLocation == PasserelleModel.SourceLocation(line: 1, column: 1))
    }

    @Test("an ambiguous amount such as \"74.000\" is an error whose hint says how to write it")
    func ambiguousAmount() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "budget:\n  amount: \"74.000\"\n  period: annual\n---\n")
        #expect(diagnostics == [.error("number-ambiguous", file, PasserelleModel.SourceLocation(line: 5, column: 11),
                                       Bilingual(fr: "«\u{00A0}74.000\u{00A0}» est ambigu pour «\u{00A0}amount\u{00A0}»\u{00A0}: le point sépare-t-il les milliers ou les décimales\u{00A0}?",
                                                 en: "'74.000' is ambiguous for 'amount': is the point a thousands separator or a decimal point?"),
                                       hint: Bilingual(fr: "s’il s’agit de soixante-quatorze mille, écrivez amount: 74000\u{00A0}; s’il s’agit de 74, écrivez amount: 74",
                                                       en: "if you mean seventy-four thousand, write amount: 74000; if you mean 74, write amount: 74"),
                                       end: PasserelleModel.SourceLocation(line: 5, column: 19))])
    }

    @Test("the hint for an ambiguous \"1,250\" does not tell the writer to use a comma, which they already did")
    func ambiguousCommaHint() throws {
        let (_, diagnostics) = ContentTestSupport.decode(head + "budget:\n  amount: \"1,250\"\n  period: annual\n---\n")
        let hint = try #require(diagnostics.contentOnly?.hint)
        #expect(!hint.contains("use a comma for decimals"))
        #expect(!hint.contains("74,5"))
    }

    @Test("an amount written as \"97 000 €\" is read as 97000")
    func amountWithSpacesAndEuroSign() throws {
        let record = try ContentTestSupport.decodeClean(head + "budget:\n  amount: \"97 000 €\"\n  period: annual\n---\n", file: file)
        #expect(record.card?.budget.map(\.amount) == [97000])
    }

    @Test("a negative amount is an error at the value")
    func negativeAmount() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "budget:\n  amount: -5000\n  period: annual\n---\n")
        #expect(diagnostics == [.error("number-negative", file, PasserelleModel.SourceLocation(line: 5, column: 11),
                                       Bilingual(fr: "«\u{00A0}amount\u{00A0}» ne peut pas être négatif\u{00A0}: «\u{00A0}-5000\u{00A0}»",
                                                 en: "'amount' must not be negative, found '-5000'"),
                                       hint: Bilingual(fr: "un montant ou un effectif s’écrit sans signe\u{00A0}; un remboursement ou une perte n’est pas une ligne de financement",
                                                       en: "amounts and counts are written without a sign; a refund or a loss is not a funding line"),
                                       end: PasserelleModel.SourceLocation(line: 5, column: 16))])
    }

    @Test("a share over 100 % is an error at the value")
    func shareOverHundred() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "funding:\n  - {funder: etat, share: 150%}\n---\n")
        #expect(diagnostics == [.error("number-share-over-100", file, PasserelleModel.SourceLocation(line: 5, column: 27),
                                       Bilingual(fr: "«\u{00A0}share\u{00A0}» dépasse 100\u{00A0}%\u{00A0}: «\u{00A0}150%\u{00A0}»", en: "'share' is over 100 %: '150%'"),
                                       hint: Bilingual(fr: "une part se rapporte à tout le budget et ne peut pas le dépasser\u{00A0}: vérifiez ce chiffre, ou donnez la somme en euros avec «\u{00A0}amount:\u{00A0}»",
                                                       en: "a share is part of the whole budget and cannot exceed it: check this figure, or give the sum in euros with 'amount:'"),
                                       end: PasserelleModel.SourceLocation(line: 5, column: 31))])
    }

    @Test("a share without a % sign is an error at the value")
    func shareWithoutPercent() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "funding:\n  - {funder: etat, share: 15}\n---\n")
        #expect(diagnostics == [.error("number-share-without-percent", file, PasserelleModel.SourceLocation(line: 5, column: 27),
                                       Bilingual(fr: "«\u{00A0}share\u{00A0}» doit être un pourcentage avec le signe\u{00A0}%, pas «\u{00A0}15\u{00A0}»",
                                                 en: "'share' must be a percentage with a % sign, found '15'"),
                                       hint: Bilingual(fr: "écrivez share: 15\u{00A0}%", en: "write share: 15 %"),
                                       end: PasserelleModel.SourceLocation(line: 5, column: 29),
                                       fix: .line(5, current: "  - {funder: etat, share: 15}", replacement: "  - {funder: etat, share: 15 %}"))])
    }

    @Test("a share written 21,7 % is read as the fraction 0.217")
    func shareWithDecimalComma() throws {
        let record = try ContentTestSupport.decodeClean(head + "funding:\n  - {funder: etat, share: \"21,7 %\"}\n---\n", file: file)
        let share = try #require(record.card?.funding.first?.share)
        #expect(abs(share - 0.217) < 1e-12)
    }

    @Test("a budget line with period: total and no years is an error at the 'period' key")
    func totalWithoutYears() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "budget:\n  amount: 300000\n  period: total\n---\n")
        #expect(diagnostics.said == [.contentError("horizon-years-missing", file, 6, 3, "la ligne de budget a period: total mais pas de «\u{A0}years\u{A0}»",
                                              hint: "ajoutez le nombre d’années que couvre le montant, par exemple years: 3")])
    }

    @Test("a budget line with period: total over 3 years counts a third of the amount per year")
    func totalWithYears() throws {
        let record = try ContentTestSupport.decodeClean(head + "budget:\n  amount: 300000\n  period: total\n  years: 3\n---\n", file: file)
        #expect(record.card?.budget.first.flatMap { $0.horizon.perYear($0.amount) } == 100000)
    }

    @Test("a funding line with neither amount nor share is valid")
    func fundingWithoutAmount() throws {
        let record = try ContentTestSupport.decodeClean(head + "funding:\n  - funder: etat\n---\n", file: file)
        let line = try #require(record.card?.funding.first)
        #expect(line.funders.map(\.id) == ["etat"])
        #expect(line.amount == nil)
        #expect(line.share == nil)
    }

    @Test("a funding line without a funder is an error at the line")
    func fundingWithoutFunder() {
        let (_, diagnostics) = ContentTestSupport.decode(head + "funding:\n  - amount: 1000\n---\n")
        #expect(diagnostics.said == [.contentError("funding-funder-missing", file, 5, 5, "la ligne de financement ne dit pas qui finance («\u{A0}funder\u{A0}»)", hint: "ajoutez une ligne funder: suivie de l’identifiant de l’organisation, par exemple funder: region-rhone-alpes")])
    }

    @Test("an organisation's unknown type is an error with a suggestion")
    func organisationTypeSuggestion() {
        let (record, diagnostics) = ContentTestSupport.decode("---\nkind: organisation\ntitle: \"Région\"\ntype: regoin\n---\n",
                                                              file: "Content/organisations/region.md", id: "region")
        #expect(record == nil)
        #expect(diagnostics.said == [.contentError("value-not-allowed", "Content/organisations/region.md", 4, 7, "«\u{A0}regoin\u{A0}» n’est pas une valeur possible pour «\u{A0}type\u{A0}»", hint: "vouliez-vous dire «\u{A0}region\u{A0}»\u{A0}? écrivez\u{A0}: type: region")])
    }

    @Test("an invalid SIRET is an error at the value")
    func invalidSIRET() {
        let (_, diagnostics) = ContentTestSupport.decode("---\nkind: organisation\ntitle: \"Région\"\ntype: region\nsiret: \"123\"\n---\n",
                                                         file: "Content/organisations/region.md", id: "region")
        #expect(diagnostics.said == [.contentError("siret-invalid", "Content/organisations/region.md", 5, 8, "numéro SIRET invalide\u{A0}: «\u{A0}123\u{A0}»",
                                              hint: "un SIRET a 14 chiffres et une clé de contrôle\u{A0}; copiez-le depuis annuaire-entreprises.data.gouv.fr")])
    }

    @Test("a 14-digit SIRET with a valid Luhn checksum is accepted")
    func validSIRET() throws {
        let record = try ContentTestSupport.decodeClean("---\nkind: organisation\ntitle: \"Région\"\ntype: region\nsiret: \"732 829 320 00074\"\n---\n",
                                                        file: "Content/organisations/region.md")
        #expect(record.organisation?.siret == "732 829 320 00074")
    }
}
