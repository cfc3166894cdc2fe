import Foundation
import Testing
@testable import PasserelleContent
@testable import PasserelleIndicators
import PasserelleModel

/// The formula language of indicators.yml: parsing, errors and their place in the file.
@Suite("Indicator formulas")
struct IndicatorFormulaTests {
    static let metrics: Set<String> = ["people_accompanied", "jobs_created", "turnover", "exits", "insertion_jobs"]

    func parse(_ text: String) -> Result<Formula, FormulaError> {
        FormulaParser.parse(text, metrics: Self.metrics)
    }

    func value(_ text: String, card: Card = Card()) throws -> Evaluation {
        let formula = try parse(text).get()
        let (facts, _) = CardFacts.make(card: card, file: "t.md") { _ in nil }
        return FormulaEvaluator(facts: facts).evaluate(formula)
    }

    func error(_ text: String) throws -> FormulaError {
        switch parse(text) {
        case .success(let formula):
            Issue.record("'\(text)' parsed as \(formula), an error was expected")
            throw CancellationError()
        case .failure(let error):
            return error
        }
    }

    @Test("multiplication binds tighter than addition: 1 + 2 * 3 is 7")
    func precedence() throws {
        #expect(try parse("1 + 2 * 3").get() == .binary(.add, .number(1), .binary(.multiply, .number(2), .number(3))))
        #expect(try value("1 + 2 * 3").number == 7)
    }

    @Test("parentheses group first: (1 + 2) * 3 is 9")
    func parentheses() throws {
        #expect(try parse("(1 + 2) * 3").get() == .binary(.multiply, .binary(.add, .number(1), .number(2)), .number(3)))
        #expect(try value("(1 + 2) * 3").number == 9)
    }

    @Test("subtraction and division associate to the left")
    func leftAssociative() throws {
        #expect(try value("10 - 4 - 3").number == 3)
        #expect(try value("8 / 4 / 2").number == 1)
    }

    @Test("unary minus negates a factor and can follow an operator")
    func unaryMinus() throws {
        #expect(try parse("-2 * 3").get() == .binary(.multiply, .negate(.number(2)), .number(3)))
        #expect(try value("-2 * 3").number == -6)
        #expect(try value("10 - -2").number == 12)
        #expect(try value("-(1 + 2)").number == -3)
    }

    @Test("paths parse to what they read")
    func paths() throws {
        #expect(try parse("budget.annual / results.people_accompanied").get()
                == .binary(.divide, .path(.budgetAnnual), .path(.result(metric: "people_accompanied", year: nil, part: nil))))
        #expect(try parse("results[2002].exits.parts.salaried_job").get()
                == .path(.result(metric: "exits", year: 2002, part: "salaried_job")))
        #expect(try parse("funding.by_type.region + funding.share.europe").get()
                == .binary(.add, .path(.fundingByType(.region)), .path(.fundingShare(.europe))))
        #expect(try parse("targets.insertion_jobs").get() == .path(.target(metric: "insertion_jobs")))
    }

    @Test("an unknown path is an error at its offset with a suggestion")
    func unknownPath() throws {
        let error = try error("budget.annual / budjet.total")
        #expect(error.said == FormulaSaid("formula-unknown-path", offset: 16, message: "chemin inconnu «\u{A0}budjet.total\u{A0}»",
                                      hint: "vouliez-vous dire «\u{A0}budget\u{A0}»\u{A0}?"))
    }

    @Test("an unknown budget field is an error at the path's start listing the known ones")
    func unknownBudgetField() throws {
        let error = try error("budget.yearly")
        #expect(error.said == FormulaSaid("formula-unknown-path", offset: 0, message: "chemin inconnu «\u{A0}budget.yearly\u{A0}»",
                                      hint: "chemins possibles\u{A0}: budget.annual, budget.investment, budget.total"))
    }

    @Test("an unknown metric is an error at the metric's offset with a suggestion")
    func unknownMetric() throws {
        let error = try error("budget.annual / results.people_acompanied")
        #expect(error.said == FormulaSaid("formula-unknown-metric", offset: 24, message: "mesure inconnue «\u{A0}people_acompanied\u{A0}» dans la formule",
                                      hint: "vouliez-vous dire «\u{A0}people_accompanied\u{A0}»\u{A0}?"))
    }

    @Test("an unknown funder type names the type and suggests the closest")
    func unknownFunderType() throws {
        let error = try error("funding.by_type.regoin")
        #expect(error.said == FormulaSaid("formula-unknown-funder-type", offset: 16, message: "type de financeur inconnu «\u{A0}regoin\u{A0}»",
                                      hint: "vouliez-vous dire «\u{A0}region\u{A0}»\u{A0}?"))
    }

    @Test("an unknown function is an error at its name, suggesting a near one")
    func unknownFunctionNear() throws {
        let error = try error("1 + summ(2, 3)")
        #expect(error.said == FormulaSaid("formula-unknown-function", offset: 4, message: "fonction inconnue «\u{A0}summ\u{A0}»",
                                      hint: "vouliez-vous dire «\u{A0}sum\u{A0}»\u{A0}?"))
    }

    @Test("an unknown function with no near match lists the functions")
    func unknownFunctionFar() throws {
        let error = try error("average(budget.annual)")
        #expect(error.said == FormulaSaid("formula-unknown-function", offset: 0, message: "fonction inconnue «\u{A0}average\u{A0}»",
                                      hint: "fonctions possibles\u{A0}: coalesce, count, max, min, sum"))
    }

    @Test("an unclosed parenthesis is reported at the end, naming the '(' it belongs to")
    func unclosedParenthesis() throws {
        let error = try error("2 * (1 + 2")
        #expect(error.said == FormulaSaid("formula-syntax", offset: 10, message: "il manque la «\u{A0})\u{A0}» qui ferme la «\u{A0}(\u{A0}» du caractère 5",
                                      hint: "ajoutez la «\u{A0})\u{A0}» qui ferme cette parenthèse"))
    }

    @Test("a stray closing parenthesis is an unexpected character at its offset")
    func strayParenthesis() throws {
        let error = try error("1 + 2)")
        #expect(error.said == FormulaSaid("formula-syntax", offset: 5, message: "«\u{A0})\u{A0}» inattendu dans la formule",
                                      hint: "les opérations sont + - * / et les parenthèses"))
    }

    @Test("a formula ending after an operator says so")
    func endsEarly() throws {
        let error = try error("budget.annual /")
        #expect(error.said == FormulaSaid("formula-syntax", offset: 15, message: "la formule s’arrête trop tôt",
                                      hint: "il manque à la fin un nombre, un chemin ou une «\u{A0}(\u{A0}»"))
    }

    @Test("count(funding) counts the funding lines")
    func countFunding() throws {
        #expect(try parse("count(funding)").get() == .call(.count, [.path(.collection("funding"))]))
        let card = Card(funding: [
            FundingLine(funders: [BuildSupport.reference("a")], amount: 10),
            FundingLine(funders: [BuildSupport.reference("b")]),
            FundingLine(funders: [BuildSupport.reference("c"), BuildSupport.reference("d")], amount: 5),
        ])
        #expect(try value("count(funding)", card: card).number == 3)
        #expect(try value("count(funding)").number == 0)
    }

    @Test("count() of something that is not a list is an error with a suggestion")
    func countUnknownList() throws {
        let error = try error("count(fundings)")
        #expect(error.said == FormulaSaid("formula-count-not-list", offset: 6, message: "count() compte une liste\u{A0}: «\u{A0}fundings\u{A0}» n’en est pas une",
                                      hint: "vouliez-vous dire «\u{A0}funding\u{A0}»\u{A0}?"))
    }

    @Test("a formula nested thousands of levels deep is refused with an error, not a crash")
    func deepNesting() {
        let text = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        guard case .failure = parse(text) else {
            Issue.record("a 100 000-level formula was accepted")
            return
        }
    }

    @Test("nesting up to the limit is accepted: 63 parentheses")
    func nestingAtLimit() throws {
        let text = String(repeating: "(", count: 63) + "1" + String(repeating: ")", count: 63)
        #expect(try value(text).number == 1)
    }

    @Test("one level past the nesting limit is an error at the innermost factor")
    func nestingPastLimit() throws {
        let text = String(repeating: "(", count: 64) + "1" + String(repeating: ")", count: 64)
        #expect(try error(text).said == FormulaSaid("formula-too-complex", offset: 64, message: "la formule est imbriquée sur plus de 64 niveaux",
                                                hint: "supprimez des parenthèses ou coupez la formule en plusieurs indicateurs"))
    }

    @Test("a chain of 256 operators is accepted, the 257th is an error at its offset")
    func operatorLimit() throws {
        #expect(try value("1" + String(repeating: " + 1", count: 256)).number == 257)
        #expect(try error("1" + String(repeating: " + 1", count: 257))
                .said == FormulaSaid("formula-too-complex", offset: 1026, message: "la formule a plus de 256 opérations",
                                      hint: "coupez-la en plusieurs indicateurs"))
    }

    @Test("a formula over 2 000 characters is refused before parsing")
    func lengthLimit() throws {
        #expect(try error("1" + String(repeating: " ", count: 2000))
                .said == FormulaSaid("formula-too-complex", offset: 0, message: "formule trop longue\u{A0}: 2001 caractères, la limite est de 2000",
                                      hint: "coupez-la en plusieurs indicateurs"))
    }

    @Test("sum, min, max and coalesce compute over their arguments")
    func functions() throws {
        #expect(try value("sum(1, 2, 3)").number == 6)
        #expect(try value("min(4, 2, 3)").number == 2)
        #expect(try value("max(4, 2, 3)").number == 4)
        #expect(try value("coalesce(results.turnover, 5)").number == 5)
    }

    // MARK: Errors at their place in indicators.yml

    static func dictionary(formula: String, at location: PasserelleModel.SourceLocation) -> MetricDictionary {
        MetricDictionary(
            file: "Content/indicators.yml",
            metrics: [MetricDefinition(id: "people_accompanied", label: LocalizedText("Personnes"), unit: .people)],
            indicators: [IndicatorSource(id: "cost_per_person", label: LocalizedText("Coût"), unit: .EUR, formula: formula,
                                         formulaLocation: location, aggregate: .ratioOfSums)])
    }

    @Test("compile reports a formula error at the formula's line and column plus the error's offset")
    func compileHandBuilt() {
        let dictionary = Self.dictionary(formula: "budget.annual / results.people_acompanied", at: PasserelleModel.SourceLocation(line: 9, column: 14))
        let (engine, diagnostics) = IndicatorEngine.compile(dictionary)
        #expect(diagnostics.said == [Said.error("formula-unknown-metric", "Content/indicators.yml", PasserelleModel.SourceLocation(line: 9, column: 38),
                                       "mesure inconnue «\u{A0}people_acompanied\u{A0}» dans la formule", hint: "vouliez-vous dire «\u{A0}people_accompanied\u{A0}»\u{A0}?")])
        #expect(engine.indicators.isEmpty)
    }

    @Test("compile keeps the indicators whose formulas are valid")
    func compileValid() {
        let dictionary = Self.dictionary(formula: "budget.annual / results.people_accompanied", at: PasserelleModel.SourceLocation(line: 9, column: 14))
        let (engine, diagnostics) = IndicatorEngine.compile(dictionary)
        #expect(diagnostics.isEmpty)
        #expect(engine.indicators.map(\.id) == ["cost_per_person"])
    }

    static func yaml(formulaLine: String) -> String {
        """
        metrics:
          people_accompanied:
            label: "Personnes"
            unit: people
        indicators:
          cost_per_person:
            label: "Coût"
            unit: EUR
        \(formulaLine)
            aggregate: ratio_of_sums

        """
    }

    static func compileYAML(_ text: String) throws -> [Diagnostic] {
        let (node, yamlDiagnostics) = YAMLReader().read(text, file: "Content/indicators.yml")
        #expect(yamlDiagnostics.isEmpty)
        let collector = DiagnosticCollector(file: "Content/indicators.yml")
        let dictionary = SettingsDecoder.dictionary(try #require(node), collector: collector)
        #expect(collector.diagnostics.isEmpty)
        return IndicatorEngine.compile(dictionary).1
    }

    @Test("a plain formula's error points at the unknown metric in indicators.yml (line 9, column 38)")
    func plainFormulaLocation() throws {
        let diagnostics = try Self.compileYAML(Self.yaml(formulaLine: "    formula: budget.annual / results.people_acompanied"))
        #expect(diagnostics.map(\.headline) == ["Content/indicators.yml:9:38: erreur: mesure inconnue «\u{A0}people_acompanied\u{A0}» dans la formule [formula-unknown-metric]"])
    }

    @Test("a double-quoted formula's error is shifted by its opening quote (column 39)")
    func quotedFormulaLocation() throws {
        let diagnostics = try Self.compileYAML(Self.yaml(formulaLine: "    formula: \"budget.annual / results.people_acompanied\""))
        #expect(diagnostics.map(\.headline) == ["Content/indicators.yml:9:39: erreur: mesure inconnue «\u{A0}people_acompanied\u{A0}» dans la formule [formula-unknown-metric]"])
    }

    @Test("a single-quoted formula's error is shifted by its opening quote (column 39)")
    func singleQuotedFormulaLocation() throws {
        let diagnostics = try Self.compileYAML(Self.yaml(formulaLine: "    formula: 'budget.annual / results.people_acompanied'"))
        #expect(diagnostics.map(\.headline) == ["Content/indicators.yml:9:39: erreur: mesure inconnue «\u{A0}people_acompanied\u{A0}» dans la formule [formula-unknown-metric]"])
    }

    @Test("a formula written as a folded block scalar points at its text on the next line")
    func foldedFormulaLocation() throws {
        let diagnostics = try Self.compileYAML(Self.yaml(formulaLine: "    formula: >\n      budget.annual / results.people_acompanied"))
        #expect(diagnostics.map(\.headline) == ["Content/indicators.yml:10:31: erreur: mesure inconnue «\u{A0}people_acompanied\u{A0}» dans la formule [formula-unknown-metric]"])
    }

    @Test("a literal block formula's error points at its text on the next line")
    func literalFormulaLocation() throws {
        let diagnostics = try Self.compileYAML(Self.yaml(formulaLine: "    formula: |-\n      budget.annual / results.people_acompanied"))
        #expect(diagnostics.map(\.headline) == ["Content/indicators.yml:10:31: erreur: mesure inconnue «\u{A0}people_acompanied\u{A0}» dans la formule [formula-unknown-metric]"])
    }

    @Test("an error on the second line of a formula written over two lines points at that line",
          arguments: zip(["    formula: >\n      budget.annual\n      / results.people_acompanied",
                          "    formula: budget.annual\n      / results.people_acompanied"],
                         ["Content/indicators.yml:11:17: erreur: mesure inconnue «\u{A0}people_acompanied\u{A0}» dans la formule [formula-unknown-metric]",
                          "Content/indicators.yml:10:17: erreur: mesure inconnue «\u{A0}people_acompanied\u{A0}» dans la formule [formula-unknown-metric]"]))
    func multiLineFormulaLocation(_ formulaLines: String, _ expected: String) throws {
        let diagnostics = try Self.compileYAML(Self.yaml(formulaLine: formulaLines))
        #expect(diagnostics.map(\.headline) == [expected])
    }

    @Test("the example site's indicators.yml compiles without diagnostics")
    func exampleDictionaryCompiles() async {
        let loaded = await ContentLoader.load(contentDirectory: BuildSupport.content)
        let (engine, diagnostics) = IndicatorEngine.compile(loaded.dictionary)
        #expect(diagnostics.isEmpty)
        #expect(engine.indicators.map(\.id) == ["annual_cost", "total_budget", "public_funding_share", "public_one_off_share", "cost_per_person",
                                                "cost_per_job", "target_achievement", "turnover_per_person",
                                                "people_accompanied_total", "jobs_created_total"])
    }
}

/// What a formula error says (in French) and where: the fields the tests compare.
struct FormulaSaid: Equatable {
    var rule: String
    var offset: Int
    var message: String
    var hint: String?

    init(_ rule: String, offset: Int, message: String, hint: String? = nil) {
        self.rule = rule
        self.offset = offset
        self.message = message
        self.hint = hint
    }
}

extension FormulaError {
    var said: FormulaSaid { FormulaSaid(rule, offset: offset, message: message, hint: hint) }
}
