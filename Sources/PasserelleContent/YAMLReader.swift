import PasserelleModel
import Yams

/// Reads YAML text into `YAMLNode`s, turning every parser complaint into a positioned diagnostic.
///
/// Never uses `Yams.load`, which aborts the process on a non-scalar key such as `[a]: 1`.
public struct YAMLReader: Sendable {
    /// More nested than this is refused: no record needs it and deep trees are an attack.
    public var maxDepth: Int = 32
    /// More values than this (after YAML aliases are expanded) is refused: stops "billion laughs".
    public var maxNodes: Int = 100_000
    /// A single value longer than this (in characters) is refused: front matter holds fields, not documents.
    public var maxValueLength: Int = 20_000
    /// All values together, after aliases are expanded, may not exceed this many characters (the size limit of a file).
    public var maxTotalCharacters: Int = 5_000_000

    public init() {}

    /// Parses `text`, which starts at `firstLine` of `file`. Returns nil and diagnostics when it cannot.
    public func read(_ text: String, file: String, firstLine: Int = 1) -> (node: YAMLNode?, diagnostics: [Diagnostic]) {
        // Hand-typing mistakes first, each with its line rewritten: the parser's own words about them would be worse.
        let pitfalls = YAMLPitfalls.scan(text, file: file, firstLine: firstLine)
        if pitfalls.hasErrors { return (nil, pitfalls) }
        let (node, diagnostics) = parse(text, file: file, firstLine: firstLine)
        return (node, diagnostics + pitfalls)
    }

    private func parse(_ text: String, file: String, firstLine: Int) -> (node: YAMLNode?, diagnostics: [Diagnostic]) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return (nil, [diagnostic(for: error, file: file, firstLine: firstLine)])
        } catch {
            return (nil, [Self.unreadable(file, firstLine, "\(error)")])
        }
        guard let root else {
            return (YAMLNode(.mapping([]), at: SourceLocation(line: firstLine, column: 1)), [])
        }
        var walker = Walker(file: file, lineOffset: firstLine - 1, maxDepth: maxDepth, maxNodes: maxNodes,
                            maxValueLength: maxValueLength, maxTotalCharacters: maxTotalCharacters)
        walker.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var node = walker.convert(root, depth: 0)
        node.attach(source: walker.lines, firstLine: firstLine)
        return (walker.diagnostics.isEmpty ? node : nil, walker.diagnostics)
    }

    private func diagnostic(for error: YamlError, file: String, firstLine: Int) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(line: mark.line + firstLine - 1, column: max(mark.column, 1))
        }
        switch error {
        case let .scanner(context, problem, mark, yaml), let .parser(context, problem, mark, yaml), let .composer(context, problem, mark, yaml):
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // An unclosed quote swallows the lines after it; libyaml then complains further down, about a key.
            let everything = problem + " " + (context?.text ?? "")
            let quoteLike = ["quoted scalar", "did not find expected key", "could not find expected ':'", "end of stream"]
                .contains { everything.contains($0) }
            if quoteLike, let quote = Self.unclosedQuote(in: lines, upTo: mark.line) {
                let written = lines[quote.line - 1]
                let quoteCharacter = Array(written)[quote.column - 1]
                let trimmed = String(written.reversed().drop { $0 == " " }.reversed())
                let lineNumber = quote.line + firstLine - 1
                let endOfValue = SourceLocation(line: lineNumber, column: trimmed.unicodeScalars.count + 1)
                let corrected = (trimmed + String(quoteCharacter)).trimmingLeadingSpaces
                return .error("yaml-unclosed-quote", file, SourceLocation(line: lineNumber, column: quote.column),
                              Bilingual(fr: "le guillemet ouvert ici n’est pas fermé", en: "YAML syntax error: the quote opened here is not closed"),
                              hint: Bilingual(fr: "finissez la valeur par le même guillemet qu’au début\u{A0}; écrivez\u{A0}: \(corrected)",
                                              en: "end the value with the same quote it starts with; write: \(corrected)"),
                              end: endOfValue,
                              fix: Fix(start: endOfValue, end: endOfValue, replacement: String(quoteCharacter)))
            }
            if problem.contains("found undefined alias"), mark.line >= 1, mark.line <= lines.count {
                // `summary: *SCOP`: the author's alias, named, and the line with the value quoted in case the star is text.
                let written = lines[mark.line - 1]
                let characters = Array(written)
                let start = max(mark.column - 1, 0)
                var end = start
                if end < characters.count, characters[end] == "*" { end += 1 }
                while end < characters.count, !" ,]}#".contains(characters[end]) { end += 1 }
                let alias = String(characters[min(start, characters.count)..<min(end, characters.count)])
                let rest = String(characters[min(end, characters.count)...])
                // In a block value the whole rest of the line is the text; inside [ ] or { } only the alias.
                let inFlow = rest.contains { ",]}".contains($0) }
                let text = inFlow ? alias : String((alias + rest).reversed().drop { $0 == " " }.reversed())
                let after = inFlow ? rest : ""
                let quoted = (String(characters[..<min(start, characters.count)]) + "\"" + text.replacingOccurrences(of: "\"", with: "\\\"")
                              + "\"" + after).trimmingLeadingSpaces
                return .error("yaml-alias-unknown", file, at(mark),
                              Bilingual(fr: "alias YAML inconnu\u{A0}: «\u{A0}\(alias)\u{A0}»", en: "unknown YAML alias '\(alias)'"),
                              hint: Bilingual(fr: "un «\u{A0}*nom\u{A0}» renvoie à un «\u{A0}&nom\u{A0}» défini avant lui\u{A0}; si l’étoile fait partie du texte, écrivez\u{A0}: \(quoted)",
                                              en: "a '*name' needs a '&name' defined before it; if the star is part of the text, write: \(quoted)"),
                              end: SourceLocation(line: mark.line + firstLine - 1, column: max(mark.column, 1) + alias.unicodeScalars.count))
            }
            let contextLine = context.map { $0.mark.line + firstLine - 1 }
            let detail = context.map { "\(problem) (\($0.text) at line \($0.mark.line + firstLine - 1))" } ?? problem
            let detailFr = Self.french(problem: problem) + (contextLine.map { line in
                let text = context?.text ?? ""
                if text.contains("flow mapping") { return " (dans les accolades ouvertes ligne \(line))" }
                if text.contains("flow sequence") { return " (dans les crochets ouverts ligne \(line))" }
                if text.contains("block mapping") || text.contains("block collection") { return " (dans le bloc commencé ligne \(line))" }
                return " (à partir de la ligne \(line))"
            } ?? "")
            let line = mark.line >= 1 && mark.line <= lines.count ? lines[mark.line - 1] : ""
            let hint = line.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t")
                ? Bilingual(fr: "YAML n’accepte pas les tabulations pour indenter\u{A0}: indentez avec des espaces",
                            en: "YAML does not allow tab characters for indentation: indent with spaces")
                : Self.hint(forProblem: problem + " " + (context?.text ?? ""))
            var location = at(mark)
            // A flow mapping or list left open is noticed on the next line: point at the end of the open one.
            // (libyaml also breaks lines at U+0085, U+2028 and U+2029, so its line numbers are checked against ours.)
            if problem.contains("did not find expected ',' or"), let context, context.mark.line < mark.line, mark.line - 1 <= lines.count {
                var previous = mark.line - 1
                while previous > context.mark.line, lines[previous - 1].allSatisfy({ $0 == " " }) { previous -= 1 }
                if previous >= 1 {
                    location = SourceLocation(line: previous + firstLine - 1, column: lines[previous - 1].count + 1)
                }
            }
            return .error("yaml-syntax", file, location,
                          Bilingual(fr: "erreur de syntaxe YAML\u{A0}: \(detailFr)", en: "YAML syntax error: \(detail)"), hint: hint)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            var location = at(context.mark)
            if let key = duplicates.first, let second = Self.secondOccurrence(of: key, after: context.mark, in: context.text) {
                location = SourceLocation(line: second.line + firstLine - 1, column: second.column)
            }
            let keysFr = duplicates.map { "«\u{A0}\($0)\u{A0}»" }.joined(separator: ", ")
            return .error("yaml-duplicate-key", file, location,
                          Bilingual(fr: "la clé \(keysFr) est écrite deux fois dans le même bloc", en: "duplicate key \(keys) in the same mapping"),
                          hint: Bilingual(fr: "chaque clé ne s’écrit qu’une fois\u{A0}: gardez une ligne et supprimez l’autre",
                                          en: "each key may appear once; keep one line and remove the other"))
        case let .reader(problem, _, _, _):
            return Self.unreadable(file, firstLine, problem)
        default:
            return Self.unreadable(file, firstLine, "\(error)")
        }
    }

    /// The YAML could not be read at all (not a syntax error at a position).
    static func unreadable(_ file: String, _ firstLine: Int, _ problem: String) -> Diagnostic {
        .error("yaml-unreadable", file, SourceLocation(line: firstLine, column: 1),
               Bilingual(fr: "le YAML ne peut pas être lu (\(problem))", en: "YAML could not be read: \(problem)"),
               hint: Bilingual(fr: "enregistrez le fichier en texte UTF-8", en: "save the file as UTF-8 text"))
    }

    /// libyaml's problem, in French words for the mistakes people make by hand; its own words otherwise.
    static func french(problem: String) -> String {
        if problem.contains("mapping values are not allowed") { return "deux-points inattendu dans une valeur" }
        if problem.contains("did not find expected ',' or ']'") { return "liste entre crochets [ ] non fermée" }
        if problem.contains("did not find expected ',' or '}'") { return "bloc entre accolades { } non fermé" }
        if problem.contains("did not find expected key") { return "clé attendue à cette position (indentation décalée\u{A0}?)" }
        if problem.contains("did not find expected '-'") { return "élément de liste «\u{A0}-\u{A0}» attendu à cette position" }
        if problem.contains("could not find expected ':'") { return "deux-points «\u{A0}:\u{A0}» attendu après la clé" }
        if problem.contains("found undefined alias") || problem.contains("found undefined anchor") { return "alias «\u{A0}*nom\u{A0}» inconnu" }
        if problem.contains("found character that cannot start any token") { return "caractère qui ne peut pas commencer une valeur" }
        if problem.contains("tab") { return "tabulation dans l’indentation" }
        if problem.contains("block sequence entries are not allowed") { return "élément de liste «\u{A0}-\u{A0}» mal placé" }
        if problem.contains("end of stream") { return "le texte se termine trop tôt" }
        return "\(problem) (message de libyaml)"
    }
    /// The first line (up to `lastLine`) whose value opens a quote it does not close, as people type by hand.
    static func unclosedQuote(in lines: [String], upTo lastLine: Int) -> (line: Int, column: Int)? {
        for (index, line) in lines.prefix(max(lastLine, 0)).enumerated() {
            let characters = Array(line)
            // Where a value starts: after "key: " or "- " at the start of the line.
            var start: Int?
            if let colon = line.range(of: ": ") {
                start = line.distance(from: line.startIndex, to: colon.upperBound)
            } else if line.trimmingCharacters(in: " ").hasPrefix("- ") {
                start = (line.firstIndex(of: "-").map { line.distance(from: line.startIndex, to: $0) } ?? 0) + 2
            }
            guard var position = start else { continue }
            while position < characters.count, characters[position] == " " { position += 1 }
            guard position < characters.count, characters[position] == "\"" || characters[position] == "'" else { continue }
            let quote = characters[position]
            var closed = false
            var cursor = position + 1
            while cursor < characters.count {
                if quote == "\"" && characters[cursor] == "\\" { cursor += 2; continue }
                if characters[cursor] == quote {
                    if quote == "'" && cursor + 1 < characters.count && characters[cursor + 1] == "'" { cursor += 2; continue }
                    closed = true
                    break
                }
                cursor += 1
            }
            if !closed { return (index + 1, position + 1) }
        }
        return nil
    }

    /// Where a key appears a second time in the block mapping whose first key is at `first`.
    static func secondOccurrence(of key: String, after first: Mark, in yaml: String) -> (line: Int, column: Int)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = first.column - 1
        var index = first.line  // 0-based index of the line after the first key
        while index < lines.count {
            let line = lines[index]
            let leading = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(leading)
            if !rest.isEmpty && !rest.hasPrefix("#") {
                if leading < indent { return nil }
                if leading == indent, rest.hasPrefix(key) {
                    let after = rest.dropFirst(key.count).drop { $0 == " " }
                    if after.hasPrefix(":") { return (index + 1, indent + 1) }
                }
            }
            index += 1
        }
        return nil
    }

    /// A hint for the mistakes people make by hand, from libyaml's problem text.
    static func hint(forProblem problem: String) -> Bilingual {
        if problem.contains("did not find expected ',' or ']'") {
            return Bilingual(fr: "une liste entre crochets se ferme par ] sur la ligne où elle finit, par exemple themes: [insertion, filieres]",
                             en: "a list written in brackets must end with ] on the line it ends, e.g. themes: [insertion, filieres]")
        }
        if problem.contains("did not find expected ',' or '}'") {
            return Bilingual(fr: "un bloc entre accolades se ferme par }, par exemple {funder: region, share: 60%}",
                             en: "a mapping written in braces must end with }, e.g. {funder: region, share: 60%}")
        }
        if problem.contains("tab") {
            return Bilingual(fr: "YAML n’accepte pas les tabulations pour indenter\u{A0}: indentez avec des espaces",
                             en: "YAML does not allow tab characters for indentation: indent with spaces")
        }
        if problem.contains("mapping values are not allowed") {
            return Bilingual(fr: "une valeur qui contient «\u{A0}:\u{A0}» s’écrit entre guillemets droits, du début à la fin de la valeur",
                             en: "a value that contains ': ' must be between straight quotes, from its start to its end")
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-'") {
            return Bilingual(fr: "vérifiez l’indentation\u{A0}: les clés d’un même bloc commencent à la même colonne",
                             en: "check the indentation: keys of one block must start in the same column")
        }
        if problem.contains("found undefined alias") || problem.contains("found undefined anchor") {
            return Bilingual(fr: "un «\u{A0}*nom\u{A0}» renvoie à un «\u{A0}&nom\u{A0}» défini avant lui\u{A0}; pour écrire un «\u{A0}*\u{A0}» tel quel, mettez la valeur entre guillemets",
                             en: "a '*name' needs a '&name' defined before it; to write a literal '*', quote the value")
        }
        if problem.contains("quoted scalar") {
            return Bilingual(fr: "une valeur entre guillemets se termine par le même guillemet qu’au début",
                             en: "a quoted value must end with the same quote it starts with")
        }
        if problem.contains("found character that cannot start any token") {
            return Bilingual(fr: "mettez entre guillemets les valeurs qui commencent par @, ` ou %, par exemple note: \"@SCOP\"",
                             en: "quote values that start with @, ` or %, e.g. note: \"@SCOP\"")
        }
        return Bilingual(fr: "vérifiez les guillemets, les deux-points et l’indentation près de cette ligne",
                         en: "check quotes, colons and indentation near this line")
    }
}

/// Converts Yams nodes, counting depth and size so hostile input cannot exhaust memory or time.
private struct Walker {
    let file: String
    let lineOffset: Int
    let maxDepth: Int
    let maxNodes: Int
    let maxValueLength: Int
    let maxTotalCharacters: Int
    var count = 0
    var characters = 0
    var lines: [Substring] = []
    var diagnostics: [Diagnostic] = []
    var stopped = false
    /// Positions already walked: a node met again at one of them is a copy made by a YAML alias.
    var seen: Set<SourceLocation> = []
    /// The written (not alias-copied) nodes on the way to the current one: where a limit is reported.
    var written: [SourceLocation] = []

    init(file: String, lineOffset: Int, maxDepth: Int, maxNodes: Int, maxValueLength: Int, maxTotalCharacters: Int) {
        self.file = file
        self.lineOffset = lineOffset
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxValueLength = maxValueLength
        self.maxTotalCharacters = maxTotalCharacters
    }

    static let aliasHint = Bilingual(
        fr: "cela vient en général d’alias YAML («\u{A0}*nom\u{A0}») répétés de nombreuses fois\u{A0}; écrivez les valeurs en entier",
        en: "this usually comes from YAML aliases (*name) repeated many times; write the values out")

    /// Stops the walk with an error at the innermost node the user wrote, not inside an alias's copy.
    mutating func stop(_ here: SourceLocation, _ message: Bilingual, hint: Bilingual) -> YAMLNode {
        stopped = true
        diagnostics.append(.error("yaml-too-large", file, written.last ?? here, message, hint: hint))
        return YAMLNode(.scalar("", plain: true), at: here)
    }

    func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(line: lineOffset + 1, column: 1) }
        return SourceLocation(line: mark.line + lineOffset, column: max(mark.column, 1))
    }

    mutating func convert(_ node: Node, depth: Int) -> YAMLNode {
        let here = location(node.mark)
        guard !stopped else { return YAMLNode(.scalar("", plain: true), at: here) }
        let isCopy = !seen.insert(here).inserted
        if !isCopy { written.append(here) }
        defer { if !isCopy { written.removeLast() } }
        count += 1
        if count > maxNodes {
            return stop(here, Bilingual(fr: "l’en-tête se déploie en plus de \(maxNodes) valeurs", en: "front matter expands to more than \(maxNodes) values"),
                        hint: Self.aliasHint)
        }
        if depth > maxDepth {
            return stop(here, Bilingual(fr: "l’en-tête est imbriqué sur plus de \(maxDepth) niveaux", en: "front matter is nested more than \(maxDepth) levels deep"),
                        hint: Bilingual(fr: "aucune fiche n’a besoin d’autant de niveaux\u{A0}; vérifiez l’indentation", en: "no record needs this depth; check the indentation"))
        }
        switch node {
        case .scalar(let scalar):
            let length = scalar.string.count
            characters += length
            if characters > maxTotalCharacters {
                return stop(here, Bilingual(fr: "l’en-tête se déploie en plus de \(maxTotalCharacters) caractères",
                                            en: "front matter expands to more than \(maxTotalCharacters) characters"),
                            hint: Self.aliasHint)
            }
            if length > maxValueLength {
                diagnostics.append(.error("yaml-too-large", file, here,
                                          Bilingual(fr: "valeur trop longue\u{A0}: \(length) caractères, la limite est de \(maxValueLength)",
                                                    en: "value too long: \(length) characters, the limit is \(maxValueLength)"),
                                          hint: Bilingual(fr: "les longs textes vont dans le corps de la fiche, après la ligne --- qui ferme l’en-tête",
                                                          en: "long texts belong in the body of the record, after the closing ---")))
                return YAMLNode(.scalar("", plain: true), at: here)
            }
            if scalar.style == .literal || scalar.style == .folded, let mark = scalar.mark {
                // A block scalar (| or >) starts on the line after its indicator: point at its first character.
                var index = mark.line  // 0-based index of the next line
                while index < lines.count, lines[index].allSatisfy({ $0 == " " }) { index += 1 }
                if index < lines.count {
                    let indent = lines[index].prefix { $0 == " " }.count
                    let start = SourceLocation(line: index + 1 + lineOffset, column: indent + 1)
                    return YAMLNode(.scalar(scalar.string, plain: false), at: start, block: true)
                }
            }
            return YAMLNode(.scalar(scalar.string, plain: scalar.style == .plain), at: here)
        case .sequence(let sequence):
            return YAMLNode(.sequence(sequence.map { convert($0, depth: depth + 1) }), at: here)
        case .mapping(let mapping):
            var pairs: [YAMLNode.Pair] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    diagnostics.append(.error("yaml-key-not-text", file, location(key.mark),
                                              Bilingual(fr: "une clé est un simple mot suivi de deux-points, comme title:",
                                                        en: "a key must be a plain word followed by a colon, such as title:"),
                                              hint: Bilingual(fr: "une clé ne peut pas commencer par des crochets [ ] ou des accolades { }\u{A0}; écrivez par exemple title: \"…\"",
                                                              en: "brackets [ ] or braces { } cannot start a key; write e.g. title: \"…\"")))
                    continue
                }
                pairs.append(YAMLNode.Pair(key: keyScalar.string, keyLocation: location(key.mark),
                                           value: convert(value, depth: depth + 1)))
            }
            return YAMLNode(.mapping(pairs), at: here)
        case .alias(let alias):
            // Yams resolves aliases while composing; one left over names an anchor that does not exist.
            diagnostics.append(.error("yaml-alias-unknown", file, location(alias.mark),
                                      Bilingual(fr: "alias YAML inconnu\u{A0}: «\u{A0}*\(alias.anchor.rawValue)\u{A0}»", en: "unknown YAML alias '*\(alias.anchor.rawValue)'"),
                                      hint: Bilingual(fr: "un «\u{A0}*nom\u{A0}» renvoie à un «\u{A0}&nom\u{A0}» défini avant lui\u{A0}; pour écrire un «\u{A0}*\u{A0}» tel quel, mettez la valeur entre guillemets",
                                                      en: "a '*name' needs a '&name' defined before it; to write a literal '*', quote the value")))
            return YAMLNode(.scalar("", plain: true), at: here)
        }
    }
}
