import Foundation
import Testing
@testable import PasserelleContent
import PasserelleModel

@Suite("Content: text checks (UTF-8, NUL, BOM, line endings, size)")
struct ContentSourceTextTests {
    let file = "Content/projects/cap-ondaine.md"

    @Test("invalid UTF-8 is refused with the byte, its line and its column")
    func invalidUTF8() {
        let bytes = Array("---\nab\n".utf8) + [0x61, 0xC3, 0x28]
        #expect(SourceText.decode(bytes, file: file).failureSaid == .contentError("file-not-utf8", 
            file, 3, 2, "le fichier n’est pas en UTF-8 (octet 0xC3)",
            hint: "enregistrez le fichier en UTF-8 (dans la plupart des éditeurs\u{A0}: Enregistrer sous… › Encodage › UTF-8)"))
    }

    @Test("the column of an invalid byte counts characters, not bytes, before it")
    func invalidUTF8ColumnCountsCharacters() {
        let bytes = Array("é€".utf8) + [0xFF]
        #expect(SourceText.decode(bytes, file: file).failureSaid == .contentError("file-not-utf8", 
            file, 1, 3, "le fichier n’est pas en UTF-8 (octet 0xFF)",
            hint: "enregistrez le fichier en UTF-8 (dans la plupart des éditeurs\u{A0}: Enregistrer sous… › Encodage › UTF-8)"))
    }

    @Test("a Latin-1 'é' (byte 0xE9, as old Windows editors save it) is refused")
    func latin1Accent() {
        let bytes = Array("---\ntitle: Caf".utf8) + [0xE9, 0x0A]
        #expect(SourceText.decode(bytes, file: file).failureSaid == .contentError("file-not-utf8", 
            file, 2, 11, "le fichier n’est pas en UTF-8 (octet 0xE9)",
            hint: "enregistrez le fichier en UTF-8 (dans la plupart des éditeurs\u{A0}: Enregistrer sous… › Encodage › UTF-8)"))
    }

    @Test("an overlong encoding of '/' (0xC0 0xAF) is refused, not decoded")
    func overlongEncoding() {
        #expect(SourceText.decode([0x61, 0xC0, 0xAF], file: file).failureSaid == .contentError("file-not-utf8", 
            file, 1, 2, "le fichier n’est pas en UTF-8 (octet 0xC0)",
            hint: "enregistrez le fichier en UTF-8 (dans la plupart des éditeurs\u{A0}: Enregistrer sous… › Encodage › UTF-8)"))
    }

    @Test("a NUL byte is refused with its line and column")
    func nulByte() {
        let bytes = Array("---\nabc".utf8) + [0x00, 0x41]
        #expect(SourceText.decode(bytes, file: file).failureSaid == .contentError("file-nul-byte", 
            file, 2, 4, "le fichier contient un octet nul",
            hint: "le fichier est binaire ou abîmé\u{A0}; enregistrez-le de nouveau en texte brut UTF-8"))
    }

    @Test("a UTF-8 byte-order mark is accepted and removed")
    func byteOrderMark() {
        #expect(SourceText.decode([0xEF, 0xBB, 0xBF] + Array("---\nkind: page\n".utf8), file: file) == .success("---\nkind: page\n"))
    }

    @Test("a record saved with a byte-order mark decodes without any diagnostic")
    func recordWithByteOrderMark() throws {
        let text = try SourceText.decode([0xEF, 0xBB, 0xBF] + Array("---\nkind: page\ntitle: \"Les CAE\"\n---\nTexte\n".utf8), file: file).get()
        let record = try ContentTestSupport.decodeClean(text, file: "Content/pages/les-cae.md")
        #expect(record.kind == .page)
        #expect(record.title == "Les CAE")
    }

    @Test("CRLF line endings become LF")
    func crlfBecomesLF() {
        let bytes = Array("---\r\nkind: page\r\n---\r\nTexte\r\n".utf8)
        #expect(SourceText.decode(bytes, file: file) == .success("---\nkind: page\n---\nTexte\n"))
    }

    @Test("old Mac CR line endings become LF")
    func crBecomesLF() {
        #expect(SourceText.decode(Array("---\rkind: page\r---\r".utf8), file: file) == .success("---\nkind: page\n---\n"))
    }

    @Test("a NUL byte in a file with CR line endings is reported on its real line")
    func nulPositionWithCRLineEndings() {
        let bytes = Array("a\rb\r".utf8) + [0x00]
        #expect(SourceText.decode(bytes, file: file).failureSaid == .contentError("file-nul-byte", 
            file, 3, 1, "le fichier contient un octet nul",
            hint: "le fichier est binaire ou abîmé\u{A0}; enregistrez-le de nouveau en texte brut UTF-8"))
    }

    @Test("a CRLF record decodes to the same record as its LF version")
    func crlfRecordSameAsLF() throws {
        let lf = "---\nkind: project\ntitle: \"Cap Ondaine\"\nthemes: [insertion]\nresults:\n  - year: 2002\n    people_accompanied: 40\n---\n\n## Idée\n\nTexte.\n"
        let crlf = try SourceText.decode(Array(lf.replacingOccurrences(of: "\n", with: "\r\n").utf8), file: file).get()
        let fromLF = try ContentTestSupport.decodeClean(lf, file: file)
        let fromCRLF = try ContentTestSupport.decodeClean(crlf, file: file)
        #expect(fromCRLF.title == fromLF.title)
        #expect(fromCRLF.body == fromLF.body)
        #expect(fromCRLF.body == "\n## Idée\n\nTexte.\n")
        #expect(fromCRLF.bodyLine == fromLF.bodyLine)
        #expect(fromCRLF.themes == fromLF.themes)
        #expect(fromCRLF.card?.results == fromLF.card?.results)
    }

    @Test("a YAML error in a CRLF file is at the same line and column as in the LF file")
    func crlfErrorPosition() throws {
        let lf = "---\nkind: project\ntitle: \"T\"\nsummary: Bilan: 40\n---\n"
        let crlf = try SourceText.decode(Array(lf.replacingOccurrences(of: "\n", with: "\r\n").utf8), file: file).get()
        let expected: [Said] = [.contentError("yaml-colon-in-value", file, 4, 15, "les deux-points de cette valeur se lisent comme une nouvelle clé\u{A0}: la valeur ne peut pas être lue",
                                                    hint: "mettez la valeur entre guillemets\u{A0}: summary: \"Bilan: 40\"")]
        #expect(ContentTestSupport.decode(lf).diagnostics.said == expected)
        #expect(ContentTestSupport.decode(crlf).diagnostics.said == expected)
    }

    @Test("a record file over 5 MB is refused with its size before being decoded")
    func fileOverFiveMegabytes() throws {
        let root = try ContentTestSupport.makeTemporaryDirectory()
        defer { ContentTestSupport.cleanUp(root) }
        let content = root + "/Content"
        try ContentTestSupport.write("title: T\n", to: content + "/site.yml")
        try ContentTestSupport.write("", to: content + "/projects/huge.md")
        let handle = try #require(FileHandle(forWritingAtPath: content + "/projects/huge.md"))
        try handle.truncate(atOffset: UInt64(5 * 1_048_576 + 524_288))  // 5.5 MB of NUL bytes
        try handle.close()

        let (files, discoveryDiagnostics) = Discovery.discover(contentDirectory: content)
        #expect(discoveryDiagnostics == [])
        let huge = try #require(files.first { $0.relativePath == "projects/huge.md" })
        #expect(huge.size == 5 * 1_048_576 + 524_288)
        // NUL bytes would be an error too: getting the size message proves the size is checked first.
        #expect(ContentLoader.readText(huge).failureSaid == .contentError("file-too-large", 
            content + "/projects/huge.md", 1, 1, "le fichier fait 5,5\u{A0}Mo, plus que la limite de 5\u{A0}Mo pour une fiche",
            hint: "une fiche est du texte\u{A0}; rangez les gros documents dans media/ et faites un lien vers eux"))
    }

    @Test("a file just over 5 MB does not claim to be 5.0 MB, over the 5 MB limit")
    func fileJustOverLimit() throws {
        let root = try ContentTestSupport.makeTemporaryDirectory()
        defer { ContentTestSupport.cleanUp(root) }
        let content = root + "/Content"
        try ContentTestSupport.write("", to: content + "/projects/big.md")
        let handle = try #require(FileHandle(forWritingAtPath: content + "/projects/big.md"))
        try handle.truncate(atOffset: UInt64(SourceText.maxRecordBytes + 1))
        try handle.close()
        let (files, _) = Discovery.discover(contentDirectory: content)
        let big = try #require(files.first { $0.relativePath == "projects/big.md" })
        guard case .failure(let diagnostic) = ContentLoader.readText(big) else {
            Issue.record("a file over the limit was read")
            return
        }
        #expect(diagnostic.message != "the file is 5.0 MB, over the 5 MB limit for a record")
    }
}
