import Foundation
import Testing

/// `passerelle indicators --format table` prints, in French figures, the values the dashboards show: the same
/// computation, formatted for a terminal.
@Suite("passerelle indicators, for people")
struct IndicatorsCommandTests {
    static let allShapes = BuildSupport.root.appendingPathComponent("Tests/Fixtures/money/all-shapes/Content").path

    static func table(_ arguments: [String] = []) throws -> [String] {
        let (status, output) = try ProcessTests.run(["indicators", "--content", allShapes] + arguments, in: BuildSupport.root)
        #expect(status == 0, "\(output)")
        return output.components(separatedBy: "\n")
    }

    /// The line that starts with `label`, its cells split on runs of two spaces or more.
    static func row(_ lines: [String], _ label: String) -> [String]? {
        lines.first { $0.hasPrefix(label + "  ") }.map { line in
            line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    @Test("the yearly public share over all cards is 77,3 %, 5 cards of 11, as on the overview dashboard")
    func publicShare() throws {
        let row = try #require(Self.row(try Self.table(), "Part des financements publics (par an)"))
        #expect(row == ["Part des financements publics (par an)", "all cards", "77,3\u{00A0}%", "—", "5/11"])
    }

    @Test("the approximate target achievement is ≈ 70 %, of 2010")
    func approximate() throws {
        let row = try #require(Self.row(try Self.table(), "Atteinte de l'objectif d'emplois"))
        #expect(row == ["Atteinte de l'objectif d'emplois", "all cards", "≈\u{00A0}70\u{00A0}%", "2010", "1/11"])
    }

    @Test("funding by type: the joint one-off grant is its own row, in the one-off column only")
    func jointOneOff() throws {
        let row = try #require(Self.row(try Self.table(), "joint"))
        #expect(row == ["joint", "—", "—", "—", "240\u{202F}000\u{00A0}€", "—", "—", "0", "1"])
    }

    @Test("funding by type: a type whose amounts are all unknown reads not stated, never 0 €")
    func unknownType() throws {
        let row = try #require(Self.row(try Self.table(), "public_agency"))
        #expect(row == ["public_agency", "not stated", "—", "—", "—", "—", "—", "1", "1"])
    }

    @Test("a share does not warn about mixed horizons: each card's share is on its own base")
    func shareDoesNotMix() throws {
        let row = try #require(Self.row(try Self.table(), "Part de la Région"))
        #expect(row == ["Part de la Région", "all cards", "7,5\u{00A0}%", "—", "6/11"])
    }
}
