import PasserelleModel

/// Finds the ```indicator blocks of a dashboard's body and decodes each, with positions in the file.
public enum DashboardDecoder {
    /// The fences of indicator blocks: where each starts (0-based line of the body) and its YAML lines.
    public static func fences(in body: String) -> [(line: Int, yaml: [Substring])] {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        var found: [(Int, [Substring])] = []
        var index = 0
        while index < lines.count {
            let trimmed = lines[index].drop { $0 == " " }
            let fence = trimmed.prefix { $0 == "`" }.count >= 3 ? "`" : trimmed.prefix { $0 == "~" }.count >= 3 ? "~" : nil
            guard let fence, let mark = fence.first else {
                index += 1
                continue
            }
            let length = trimmed.prefix { $0 == mark }.count
            let info = String(trimmed.dropFirst(length)).trimmingCharacters(in: " ")
            var end = index + 1
            while end < lines.count {
                let closing = lines[end].drop { $0 == " " }
                if closing.prefix(while: { $0 == mark }).count >= length && closing.drop(while: { $0 == mark }).allSatisfy({ $0 == " " }) { break }
                end += 1
            }
            if info == "indicator" { found.append((index, Array(lines[(index + 1)..<min(end, lines.count)]))) }
            index = end + 1
        }
        return found
    }

    public static func decode(body: String, bodyLine: Int, collector c: DiagnosticCollector) -> Dashboard {
        var dashboard = Dashboard()
        for (line, yaml) in fences(in: body) {
            let (node, found) = YAMLReader().read(yaml.joined(separator: "\n"), file: c.file, firstLine: bodyLine + line + 1)
            c.append(contentsOf: found)
            guard let node else { continue }
            guard let fields = MappingReader(node, c, what: Bilingual(fr: "le bloc d’indicateur", en: "an indicator block"), allowed: ["indicator", "by", "chart", "filter", "title"])
            else { continue }
            guard let indicator = fields.reference("indicator") else {
                if !fields.has("indicator") {
                    c.error("key-missing", SourceLocation(line: bodyLine + line, column: 1),
                            Bilingual(fr: "clé obligatoire «\u{A0}indicator\u{A0}» absente dans le bloc d’indicateur", en: "an indicator block needs an 'indicator'"),
                            hint: Bilingual(fr: "ajoutez dans le bloc une ligne «\u{A0}indicator:\u{A0}» suivie de l’identifiant de l’indicateur, par exemple indicator: annual_cost",
                                            en: "write e.g. indicator: annual_cost inside the block"))
                }
                continue
            }
            var block = DashboardBlock(indicator: indicator)
            block.by = fields.enumValue("by", GroupingKey.self) ?? .site
            block.chart = fields.enumValue("chart", ChartKind.self) ?? .bar
            block.title = fields.string("title")
            if let filter = fields.mapping("filter", what: Bilingual(fr: "le filtre du bloc", en: "a block filter"), allowed: ["themes", "kinds"]) {
                block.filter.themes = filter.references("themes")
                block.filter.kinds = filter.strings("kinds").compactMap { text in
                    guard let kind = RecordKind(rawValue: text), kind.isCard else {
                        c.error("value-not-allowed", filter.value("kinds")?.location ?? filter.location,
                                Bilingual(fr: "«\u{A0}\(text)\u{A0}» n’est pas une sorte de fiche projet", en: "'\(text)' is not a kind of card"),
                                hint: Bilingual(fr: "les sortes possibles sont project et initiative", en: "kinds of cards are project and initiative"))
                        return nil
                    }
                    return kind
                }
            }
            dashboard.blocks.append(block)
        }
        return dashboard
    }
}
