import Foundation
import Testing

/// The README and every page of `docs/` link only to files of the repository (a clone has nothing else: no
/// `../shared/…`), and every anchor they name is a heading of the page it points to.
@Suite("Documentation links")
struct DocsLinkTests {
    static let root = BuildSupport.root

    /// README.md and docs/*.md, relative to the repository.
    static func pages() throws -> [String] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        return ["README.md"] + docs
    }

    /// The lines of a Markdown page outside fenced code blocks, with code spans blanked out.
    static func prose(_ text: String) -> [String] {
        var fence: (marker: Character, count: Int)?
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let marker = trimmed.first, marker == "`" || marker == "~" {
                let run = trimmed.prefix { $0 == marker }.count
                if let open = fence {
                    if marker == open.marker && run >= open.count && trimmed.dropFirst(run).allSatisfy({ $0 == " " }) { fence = nil }
                    continue
                } else if run >= 3 {
                    fence = (marker, run)
                    continue
                }
            }
            if fence != nil { continue }
            lines.append(String(line).replacingOccurrences(of: #"(`+)[^`]*?\1"#, with: "", options: .regularExpression))
        }
        return lines
    }

    /// Every link target of a page: `[text](target)`, `[text](<target>)` and `[ref]: target`.
    static func targets(_ text: String) -> [String] {
        var found: [String] = []
        for line in prose(text) {
            let patterns = [#"\]\(\s*(?:<([^>]+)>|([^)\s]+))"#, #"^ {0,3}\[[^\]]+\]:\s*(?:<([^>]+)>|(\S+))"#]
                .compactMap { try? NSRegularExpression(pattern: $0) }
            for pattern in patterns {
                let range = NSRange(line.startIndex..., in: line)
                for match in pattern.matches(in: line, range: range) {
                    if let target = Range(match.range(at: 1), in: line) ?? Range(match.range(at: 2), in: line) {
                        found.append(String(line[target]))
                    }
                }
            }
        }
        return found
    }

    /// The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, -1, -2 for repeats.
    static func anchors(_ text: String) -> Set<String> {
        var anchors: Set<String> = []
        var seen: [String: Int] = [:]
        for line in prose(text) where line.hasPrefix("#") {
            let level = line.prefix { $0 == "#" }.count
            guard level <= 6, line.dropFirst(level).first == " " else { continue }
            let title = line.dropFirst(level + 1).trimmingCharacters(in: .whitespaces).lowercased()
            var slug = String(title.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == " " || $0 == "-" || $0 == "_" }
                .map(Character.init)).replacingOccurrences(of: " ", with: "-")
            if let count = seen[slug] {
                seen[slug] = count + 1
                slug += "-\(count + 1)"
            } else {
                seen[slug] = 0
            }
            anchors.insert(slug)
        }
        return anchors
    }

    @Test("every relative link of the README and docs/ names a file of the repository, and every anchor a heading")
    func linksExist() throws {
        var broken: [String] = []
        let repository = Self.root.standardizedFileURL.path
        for page in try Self.pages() {
            let text = try String(contentsOf: Self.root.appendingPathComponent(page), encoding: .utf8)
            let folder = (page as NSString).deletingLastPathComponent
            for target in Self.targets(text) {
                let lowered = target.lowercased()
                if lowered.contains("://") || lowered.hasPrefix("mailto:") || lowered.hasPrefix("tel:") { continue }
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let path = parts[0].removingPercentEncoding ?? parts[0]
                let anchor = parts.count > 1 ? parts[1].removingPercentEncoding ?? parts[1] : nil
                let file: String
                if path.isEmpty {
                    file = page
                } else {
                    let resolved = URL(fileURLWithPath: folder.isEmpty ? path : folder + "/" + path, relativeTo: Self.root).standardizedFileURL.path
                    guard resolved.hasPrefix(repository + "/") else {
                        broken.append("\(page): \(target) leaves the repository")
                        continue
                    }
                    file = String(resolved.dropFirst(repository.count + 1))
                }
                guard FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(file).path) else {
                    broken.append("\(page): \(target) does not exist")
                    continue
                }
                if let anchor, file.hasSuffix(".md") {
                    let other = try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8)
                    if !Self.anchors(other).contains(anchor) { broken.append("\(page): \(target) names no heading of \(file)") }
                }
            }
        }
        #expect(broken == [])
    }

    @Test("the author's guide is linked from the README and links the rules, and the README never sends to ../shared")
    func guideLinked() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(Self.targets(readme).contains("docs/guide-auteur.md"))
        #expect(!readme.contains("../shared"))
        let guide = try String(contentsOf: Self.root.appendingPathComponent("docs/guide-auteur.md"), encoding: .utf8)
        #expect(Set(Self.targets(guide)).isSuperset(of: ["regles.md", "editeur-vscode.md"]))
    }

    @Test("the link checker finds what it must: code is skipped, anchors follow GitHub's rule")
    func checkerItself() {
        #expect(Self.targets("Voir [le guide](docs/guide.md#l-argent) et `[pas](un-lien.md)`.\n\n```\n[non](code.md)\n```\n[ref]: <docs/a b.md>\n")
                == ["docs/guide.md#l-argent", "docs/a b.md"])
        #expect(Self.anchors("## L’argent : budget et financements\n## Tests\n## Tests\n")
                == ["largent--budget-et-financements", "tests", "tests-1"])
    }
}
