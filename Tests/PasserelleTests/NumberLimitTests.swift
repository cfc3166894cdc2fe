import Testing
@testable import PasserelleBuild
@testable import PasserelleContent
import PasserelleModel
import PasserelleRender

/// No number traps a build: amounts are bounded at their line, and formatting is total over every Double.
@Suite("Number limits")
struct NumberLimitTests {
    @Test("an amount above 10^15 is refused as too large, whatever its writing")
    func amountTooLarge() {
        #expect(NumberParser.amount("12345678901234567890") == .failure(.tooLarge))
        #expect(NumberParser.amount("9 223 372 036 854 775 808 €") == .failure(.tooLarge))
        #expect(NumberParser.amount("1 000 000 000 000 000") == .success(1e15))
    }

    @Test("a large value is written in French grouping, never in exponent notation")
    func largeValueGrouped() {
        let format = Formatter(language: .fr)
        #expect(format.euros(12_345_678_901_234_568) == "12\u{202F}345\u{202F}678\u{202F}901\u{202F}234\u{202F}568\u{00A0}€")
        #expect(format.number(1e20) == "100\u{202F}000\u{202F}000\u{202F}000\u{202F}000\u{202F}000\u{202F}000")
    }

    @Test("diagnostic numbers are total over every Double")
    func plainNumbersTotal() {
        #expect(PlainNumber.euros(1e20) == "100 000 000 000 000 000 000 €")
        #expect(PlainNumber.euros(.infinity) == "∞ €")
        #expect(PlainNumber.number(-.infinity) == "-∞")
        #expect(PlainNumber.machine(1e20) == "100000000000000000000")
        #expect(PlainNumber.machine(.nan) == "")
    }
}

/// Every file of the site has one writer.
@Suite("Output paths")
struct OutputPathTests {
    @Test("two outputs for one path are an error naming the path")
    func collision() {
        let files = [RenderedFile(path: "data/x.csv", contents: [1]), RenderedFile(path: "index.html", contents: []),
                     RenderedFile(path: "data/x.csv", contents: [2])]
        let diagnostics = Pipeline.collisions(in: files, output: "Output")
        #expect(diagnostics.map(\.description) == ["Output:1:1: erreur: 2 éléments de la construction écrivent le même fichier «\u{A0}data/x.csv\u{A0}» [output-collision]\n"
            + "    conseil : renommez le fichier de media/, le fichier du thème ou la fiche qui le produit, pour que chaque fichier du site ait une seule source"])
        #expect(diagnostics.map { $0.description(.en) } == ["Output:1:1: error: 2 outputs of the build write the same file 'data/x.csv' [output-collision]\n"
            + "    hint: rename the media file, theme asset or record that produces it, so each file of the site has one source"])
    }
}
