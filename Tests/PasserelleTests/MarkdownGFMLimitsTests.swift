import Foundation
import Testing
@testable import PasserelleContent
@testable import PasserelleMarkdown
import PasserelleModel
import HostileInputs

/// The limits BodyLimits adds for cmark-gfm's extensions (tables, autolinks): each refuses the shape that was
/// measured super-linear, at its line, and lets real texts through.
@Suite("Markdown GFM limits")
struct MarkdownGFMLimitsTests {
    /// The diagnostics of a body starting at line 10 of its file, as `line: message`.
    func refusals(_ body: String) -> [String] {
        let collector = DiagnosticCollector(file: "Content/projects/x.md")
        BodyLimits.check(body, firstLine: 10, collector: collector)
        return collector.diagnostics.map { "\($0.location.line): \($0.message)" }
    }

    static let budget = "Le budget de l'action :\n\n| Poste | Montant |\n| --- | ---: |\n| Salaires | 40 000 € |\n| Loyer | 6 000 € |\n"

    @Test("a real budget table, web addresses and e-mail addresses pass every limit")
    func realTextPasses() {
        let text = Self.budget + "\nVoir www.ess-france.org/(page) et https://fr.wikipedia.org/wiki/Coop%C3%A9rative_(France) ; écrire à contact@ess.fr ou a@b.fr.\n"
        #expect(refusals(text) == [])
    }

    @Test("a line of 65 '|' is refused at its line; 64, or escaped ones, pass")
    func pipesPerLine() {
        #expect(refusals("Texte\n\n" + String(repeating: "|a", count: 65) + "\n")
                == ["12: cette ligne contient 65 «\u{A0}|\u{A0}», plus que la limite de 64 (un tableau a au plus 65 colonnes)"])
        #expect(refusals(String(repeating: "|a", count: 64) + "\n") == [])
        #expect(refusals(String(repeating: "\\|a", count: 200) + "\n") == [])
    }

    @Test("tables of more than 100 000 cells in a text are refused where the count passes")
    func tableCells() {
        // 10 columns: header and delimiter 20 cells, then 10 per row; a short row counts full (cmark-gfm pads it).
        let header = String(repeating: "|a", count: 10) + "|\n" + String(repeating: "|-", count: 10) + "|\n"
        #expect(refusals(header + String(repeating: "x\n", count: 9_998)) == [])
        #expect(refusals(header + String(repeating: "x\n", count: 9_999))
                == ["10010: les tableaux de ce texte contiennent plus de 100000 cellules (colonnes × lignes)"])
    }

    @Test("many cells across tables separated by blank lines add up")
    func tableCellsAcrossTables() {
        let table = "|a|b|\n|-|-|\n|x|y|\n\n"      // 6 cells
        #expect(refusals(String(repeating: table, count: 16_666)) == [])
        #expect(refusals(String(repeating: table, count: 16_667)).first?.hasSuffix("les tableaux de ce texte contiennent plus de 100000 cellules (colonnes × lignes)") == true)
    }

    @Test("a delimiter row under a long paragraph is refused; a blank line before the header row lets it through")
    func tableHeaderWork() {
        let paragraph = String(repeating: "Une ligne de texte sans barre verticale, comme dans un vrai paragraphe.\n", count: 600)
        #expect(refusals(paragraph + "| a | b |\n| - | - |\n")
                == ["611: le texte au-dessus de cette ligne de séparation de tableau («\u{A0}|---|\u{A0}») est trop long pour un en-tête de tableau"])
        #expect(refusals(paragraph + "\n| a | b |\n| - | - |\n") == [])
        // A table right under a short paragraph, as authors write it, passes.
        #expect(refusals("Le budget :\n| a | b |\n| - | - |\n| c | d |\n") == [])
    }

    @Test("lines alternating delimiter rows of two widths are refused")
    func alternatingDelimiterRows() {
        #expect(refusals(String(repeating: "|-|\n|-|-|\n", count: 1_000)).count == 1)
        #expect(refusals(String(repeating: "|-|\n|-|-|\n", count: 1_000)).first?.hasSuffix("est trop long pour un en-tête de tableau") == true)
    }

    @Test("a web address with 65 ')' is refused; 64, or parentheses apart from the address, pass")
    func addressParentheses() {
        #expect(refusals("Voir www.a.org/" + String(repeating: ")", count: 65) + " ici\n")
                == ["10: une adresse web de cette ligne contient 65 «\u{A0})\u{A0}», plus que la limite de 64"])
        #expect(refusals("Voir http://a.org/" + String(repeating: ")", count: 65) + "\n").count == 1)
        #expect(refusals("Voir www.a.org/" + String(repeating: ")", count: 64) + "\n") == [])
        #expect(refusals("Voir www.a.org/ " + String(repeating: ")", count: 200) + "\n") == [])
    }

    @Test("a paragraph of 501 quotation marks and apostrophes is refused at its first line; 500, or a blank line, pass")
    func quotesPerParagraph() {
        let words = String(repeating: "l'a ", count: 250)
        #expect(refusals("Texte\n\n\"" + words + "\n" + words + "\n")
                == ["12: ce paragraphe contient plus de 500 guillemets droits et apostrophes (\" et ')"])
        #expect(refusals(words + "\n" + words + "\n") == [])
        #expect(refusals("\"" + words + "\n\n" + words + "\n") == [])
    }

    @Test("a line with 33 '@' is refused; 32, or 33 over several lines, pass")
    func atSigns() {
        #expect(refusals(String(repeating: "a@", count: 33) + "\n") == ["10: cette ligne contient 33 «\u{A0}@\u{A0}», plus que la limite de 32"])
        #expect(refusals(String(repeating: "a@", count: 32) + "\n") == [])
        #expect(refusals(String(repeating: "a@a\n", count: 33)) == [])
    }

    @Test("each new limit is reported once per text, however often it is passed")
    func reportedOnce() {
        #expect(refusals(String(repeating: String(repeating: "a@", count: 40) + "\n", count: 100)).count == 1)
    }

    @Test("hostile bodies, in their worst form the limits let through, are not refused at 10, 20, 40 or 80 KB",
          arguments: HostileBodies.all.indices)
    func hostileWithinLimits(_ index: Int) {
        // Their render time at each size is a figure of the benchmark (`passerelle-bench`), which fails on a
        // super-linear growth: the limits exist so that these shapes cannot cost more than linear time.
        let shape = HostileBodies.all[index]
        for bytes in HostileBodies.sizes {
            #expect(refusals(shape.make(bytes)) == [], "\(shape.name) at \(bytes) bytes is refused")
        }
    }
}
