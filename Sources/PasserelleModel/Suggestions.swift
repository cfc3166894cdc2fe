/// "Did you mean …?": the closest known word to a misspelt one.
public enum Suggestions {
    /// The candidate nearest to `word` if it is close enough to be a typo, else nil.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased())
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()))
            let limit = max(1, min(3, candidate.count / 3))
            guard distance <= limit else { continue }
            if let current = best, current.distance < distance || (current.distance == distance && current.candidate <= candidate) {
                continue
            }
            best = (distance, candidate)
        }
        return best?.candidate
    }

    /// A hint: « vouliez-vous dire « x » ? » / "did you mean 'x'?" when one is close, otherwise the list of what is
    /// allowed, named by `listName` (« clés possibles » / "allowed keys").
    public static func hint(for word: String, in candidates: [String], listName: Bilingual) -> Bilingual {
        if let near = closest(to: word, in: candidates) {
            return Bilingual(fr: "vouliez-vous dire «\u{A0}\(near)\u{A0}»\u{A0}?", en: "did you mean '\(near)'?")
        }
        if candidates.isEmpty {
            return Bilingual(fr: "la liste des \(listName.fr) est vide", en: "no \(listName.en) is declared")
        }
        let shown = candidates.sorted().prefix(40)
        let more = candidates.count > shown.count ? ", …" : ""
        let list = shown.joined(separator: ", ") + more
        return Bilingual(fr: "\(listName.fr)\u{A0}: \(list)", en: "\(listName.en): \(list)")
    }

    /// Damerau–Levenshtein (optimal string alignment) distance.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
