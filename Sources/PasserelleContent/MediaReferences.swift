import Foundation
import PasserelleModel

/// `media/…` addresses in records: found when a record is decoded, checked against the files of `Content/media/` once
/// every file is known. A missing file is an error (`media-missing`) at the line and column of its address, with the
/// closest file names of `media/` in the hint; in a draft that the build leaves out it is a warning.
public enum MediaReferences {
    /// The keys of the front matter whose value is an address (`links: [{url: …}]`, `source: {url: …}`, `website:`).
    static let addressKeys: Set<String> = ["url", "website"]

    /// The record with the `media/…` addresses of its front matter and its text.
    public static func attach(to record: Record, front: YAMLNode, body: String, bodyLine: Int) -> Record {
        var record = record
        record.mediaReferences = inFrontMatter(front) + inMarkdown(body, firstLine: bodyLine)
        return record
    }

    /// The addresses of the front matter: a value under `url:` or `website:`, at any depth, that starts with `media/`.
    public static func inFrontMatter(_ node: YAMLNode) -> [MediaReference] {
        var found: [MediaReference] = []
        func visit(_ node: YAMLNode, key: String?) {
            switch node.value {
            case .scalar(let text, _):
                guard let key, addressKeys.contains(key) else { return }
                let leading = text.prefix { $0 == " " }.count
                let url = String(text.dropFirst(leading)).trimmingCharacters(in: " ")
                guard MediaPath.isMedia(url) else { return }
                let positions = node.characterPositions()
                let first = leading
                let last = leading + url.count - 1
                guard first < positions.count, last < positions.count else {
                    found.append(MediaReference(url: url, location: node.location, end: node.location))
                    return
                }
                let end = SourceLocation(line: positions[last].line, column: positions[last].column + 1)
                let index = positions[first].line - node.sourceFirstLine
                let line = end.line == positions[first].line && node.source.indices.contains(index) ? String(node.source[index]) : ""
                found.append(MediaReference(url: url, location: positions[first], end: end, line: line))
            case .sequence(let items):
                for item in items { visit(item, key: key) }
            case .mapping(let pairs):
                for pair in pairs { visit(pair.value, key: pair.key) }
            }
        }
        visit(node, key: nil)
        return found
    }

    /// The addresses of links and images of a Markdown text (`![…](media/x.png)`, `[…](<media/x y.pdf>)`,
    /// `[ref]: media/x.pdf`), outside code blocks and code spans. `firstLine` is the file line of the text's first line.
    public static func inMarkdown(_ text: String, firstLine: Int) -> [MediaReference] {
        var found: [MediaReference] = []
        var fence: (marker: Unicode.Scalar, count: Int)?
        var inComment = false
        let prefix = Array(MediaPath.folder.unicodeScalars)
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // HTML comments (`<!-- … -->`, over several lines too) are never published: blanked, columns kept.
            let scalars = blankingComments(Array(line.unicodeScalars), inComment: &inComment)
            let lineNumber = firstLine + offset
            var indent = 0
            while indent < scalars.count, scalars[indent] == " " { indent += 1 }
            // Fenced code blocks: ``` or ~~~ (three or more), closed by a run at least as long of the same character.
            if indent <= 3, indent < scalars.count, scalars[indent] == "`" || scalars[indent] == "~" {
                let marker = scalars[indent]
                var run = 0
                while indent + run < scalars.count, scalars[indent + run] == marker { run += 1 }
                if let open = fence {
                    let rest = scalars[(indent + run)...]
                    if marker == open.marker, run >= open.count, rest.allSatisfy({ $0 == " " || $0 == "\t" }) { fence = nil }
                    continue
                }
                if run >= 3 {
                    fence = (marker, run)
                    continue
                }
            }
            if fence != nil { continue }

            func starts(at index: Int) -> Bool {
                index + prefix.count < scalars.count && Array(scalars[index..<(index + prefix.count)]) == prefix
            }
            /// The address from `index` to its end: `>` when in angle brackets, else a space or an unbalanced `)`.
            func address(from index: Int, angled: Bool) -> Int {
                var end = index
                var depth = 0
                while end < scalars.count {
                    let scalar = scalars[end]
                    if angled {
                        if scalar == ">" { break }
                    } else if scalar == " " || scalar == "\t" {
                        break
                    } else if scalar == "(" {
                        depth += 1
                    } else if scalar == ")" {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    end += 1
                }
                return end
            }
            func record(_ start: Int, _ end: Int) {
                var url = String(String.UnicodeScalarView(scalars[start..<end]))
                if url.hasSuffix("\"") || url.hasSuffix("'") { url.removeLast() }
                guard MediaPath.isMedia(url) else { return }
                found.append(MediaReference(url: url, location: SourceLocation(line: lineNumber, column: start + 1),
                                            end: SourceLocation(line: lineNumber, column: start + url.unicodeScalars.count + 1),
                                            line: String(line)))
            }

            // A link reference definition: `[label]: media/x.pdf`.
            if indent <= 3, indent < scalars.count, scalars[indent] == "[",
               let close = scalars[indent...].firstIndex(of: "]"), close + 1 < scalars.count, scalars[close + 1] == ":" {
                var index = close + 2
                while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
                let angled = index < scalars.count && scalars[index] == "<"
                if angled { index += 1 }
                if starts(at: index) {
                    record(index, address(from: index, angled: angled))
                    continue
                }
            }

            var index = 0
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "\\" {
                    index += 2
                    continue
                }
                if scalar == "`" {
                    // A code span: skip to the closing run of the same length on this line, if there is one.
                    var run = 0
                    while index + run < scalars.count, scalars[index + run] == "`" { run += 1 }
                    var search = index + run
                    var closed: Int?
                    while search < scalars.count {
                        if scalars[search] == "`" {
                            var other = 0
                            while search + other < scalars.count, scalars[search + other] == "`" { other += 1 }
                            if other == run {
                                closed = search + other
                                break
                            }
                            search += other
                        } else {
                            search += 1
                        }
                    }
                    index = closed ?? index + run
                    continue
                }
                if scalar == "]", index + 1 < scalars.count, scalars[index + 1] == "(" {
                    var start = index + 2
                    while start < scalars.count, scalars[start] == " " { start += 1 }
                    let angled = start < scalars.count && scalars[start] == "<"
                    if angled { start += 1 }
                    if starts(at: start) {
                        var end = address(from: start, angled: angled)
                        // `(media/photo atelier.jpg)`: a name with a space, which Markdown does not take as a link;
                        // the whole name up to the parenthesis, so that the message quotes it (not a title in quotes).
                        if !angled, end < scalars.count, scalars[end] == " ",
                           let close = scalars[end...].firstIndex(of: ")") {
                            let tail = scalars[end..<close].drop { $0 == " " }
                            if let first = tail.first, first != "\"", first != "'", first != "(" {
                                var last = close
                                while last > end, scalars[last - 1] == " " { last -= 1 }
                                end = last
                            }
                        }
                        record(start, end)
                        index = end
                        continue
                    }
                }
                index += 1
            }
        }
        return found
    }

    /// The line with the text of HTML comments replaced by spaces; `inComment` carries an open comment to the next line.
    static func blankingComments(_ line: [Unicode.Scalar], inComment: inout Bool) -> [Unicode.Scalar] {
        let open = Array("<!--".unicodeScalars)
        let close = Array("-->".unicodeScalars)
        func matches(_ pattern: [Unicode.Scalar], at index: Int) -> Bool {
            index + pattern.count <= line.count && Array(line[index..<(index + pattern.count)]) == pattern
        }
        guard inComment || line.count >= open.count else { return line }
        var result = line
        var index = 0
        while index < line.count {
            if inComment {
                if matches(close, at: index) {
                    for blank in index..<(index + close.count) { result[blank] = " " }
                    index += close.count
                    inComment = false
                } else {
                    result[index] = " "
                    index += 1
                }
            } else if matches(open, at: index) {
                inComment = true
            } else {
                index += 1
            }
        }
        return result
    }

    /// Every reference of `records` to a file that `media` does not hold. A record left out of the build (a draft
    /// without `--drafts`) gets a warning rather than an error: it does not stop the publication of the others.
    public static func check(_ records: [Record], media: [SourceFile], content: String, includeDrafts: Bool) -> [Diagnostic] {
        let files = Set(media.map(\.relativePath))
        var names: [String]?
        var diagnostics: [Diagnostic] = []
        for record in records {
            for reference in record.mediaReferences {
                let file = reference.file
                if reference.url.contains(" "), reference.line.contains("](" + reference.url),
                   let space = spaceInName(reference, record: record, published: includeDrafts || !record.draft) {
                    diagnostics.append(space)
                }
                guard !files.contains(file) else { continue }
                let known = names ?? files.sorted()
                names = known
                let text = Bilingual(fr: "le fichier \(quoted(file)) est introuvable\u{A0}: il n’est pas dans \(content)/media/",
                                     en: "the file '\(file)' is missing: it is not in \(content)/media/")
                let (hint, fix) = self.hint(for: reference, among: known, content: content)
                let published = includeDrafts || !record.draft
                diagnostics.append(published
                    ? .error("media-missing", record.file, reference.location, text, hint: hint, end: reference.end, fix: fix)
                    : .warning("media-missing", record.file, reference.location,
                               text + Bilingual(fr: " (brouillon non publié)", en: " (draft, not published)"),
                               hint: hint, end: reference.end, fix: fix))
            }
        }
        return diagnostics
    }

    /// The closest file of `media/` when one is close (with the line rewritten, and the fix), else what `media/`
    /// holds, else how to add the file.
    static func hint(for reference: MediaReference, among files: [String], content: String) -> (Bilingual, Fix?) {
        let file = reference.file
        let name = String(file.dropFirst(MediaPath.folder.count))
        let names = files.map { String($0.dropFirst(MediaPath.folder.count)) }
        if let near = Suggestions.closest(to: name, in: names) {
            let address = MediaPath.folder + near
            let fix = Fix(start: reference.location, end: reference.end, replacement: address)
            var corrected = address
            let scalars = Array(reference.line.unicodeScalars)
            let start = reference.location.column - 1
            let end = reference.end.column - 1
            if reference.end.line == reference.location.line, start >= 0, start <= end, end <= scalars.count, scalars.count <= 160 {
                let line = String(String.UnicodeScalarView(scalars[..<start])) + address
                    + String(String.UnicodeScalarView(scalars[end...]))
                corrected = line.trimmingCharacters(in: .whitespaces)
            }
            return (Bilingual(fr: "vouliez-vous dire \(quoted(address))\u{A0}? écrivez\u{A0}: \(corrected)",
                              en: "did you mean '\(address)'? write: \(corrected)"), fix)
        }
        if names.isEmpty {
            return (Bilingual(fr: "placez le fichier \(quoted(name)) dans le dossier \(content)/media/ (créez-le s’il n’existe pas)",
                              en: "put the file '\(name)' in the folder \(content)/media/ (create it if it does not exist)"), nil)
        }
        let shown = names.prefix(12).joined(separator: ", ") + (names.count > 12 ? ", …" : "")
        return (Bilingual(fr: "placez le fichier \(quoted(name)) dans \(content)/media/, ou corrigez le nom\u{A0}; ce dossier contient\u{A0}: \(shown)",
                          en: "put the file '\(name)' in \(content)/media/, or correct the name; that folder holds: \(shown)"), nil)
    }

    /// `![…](media/photo atelier.jpg)`: Markdown cuts an address at its first space; the link is published as text.
    static func spaceInName(_ reference: MediaReference, record: Record, published: Bool) -> Diagnostic? {
        let address = reference.url
        let name = String(address.dropFirst(MediaPath.folder.count))
        let renamed = name.split(separator: " ").joined(separator: "-")
        let scalars = Array(reference.line.unicodeScalars)
        let start = reference.location.column - 1
        let end = reference.end.column - 1
        guard reference.end.line == reference.location.line, start >= 0, start <= end, end <= scalars.count else { return nil }
        let angled = (String(String.UnicodeScalarView(scalars[..<start])) + "<" + address + ">"
            + String(String.UnicodeScalarView(scalars[end...]))).trimmingCharacters(in: .whitespaces)
        let text = Bilingual(fr: "l’adresse \(quoted(address)) contient une espace\u{A0}: Markdown coupe le lien à l’espace, qui serait publié comme du texte",
                             en: "the address '\(address)' holds a space: Markdown cuts the link at the space, and it would be published as text")
        let hint = Bilingual(fr: "renommez le fichier \(quoted(name)) en \(quoted(renamed)) et écrivez media/\(renamed), ou mettez l’adresse entre chevrons\u{A0}: \(angled)",
                             en: "rename the file '\(name)' to '\(renamed)' and write media/\(renamed), or put the address between angle brackets: \(angled)")
        let fix = Fix(start: reference.location, end: reference.end, replacement: "<" + address + ">")
        return published
            ? .error("media-name-with-space", record.file, reference.location, text, hint: hint, end: reference.end, fix: fix)
            : .warning("media-name-with-space", record.file, reference.location, text, hint: hint, end: reference.end, fix: fix)
    }

    /// « text », with the no-break spaces of French typography.
    static func quoted(_ text: String) -> String { "«\u{A0}\(text)\u{A0}»" }
}
