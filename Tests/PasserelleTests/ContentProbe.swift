import Testing
import Foundation
@testable import PasserelleContent
import PasserelleModel

private func show(_ label: String, _ d: [Diagnostic]) {
    print("=== \(label)")
    for x in d { print("  [\(x.severity)] \(x.file) \(x.location) | \(x.message) | hint: \(x.hint ?? "nil")") }
}

private func rec(_ label: String, _ text: String, file: String = "Content/projects/x.md", id: String = "x") {
    let (r, d) = ContentLoader.decodeRecord(text: text, file: file, defaultID: id)
    show(label + " record=\(r != nil)", d)
}

@Test func probe() {
    func split(_ label: String, _ t: String) {
        switch FrontMatterSplitter.split(t, file: "f.md") {
        case .success(let fm): print("=== \(label): \(fm)")
        case .failure(let d): show(label, [d])
        }
    }
    split("normal", "---\nkind: page\ntitle: T\n---\n\nBody\n")
    split("nofm", "Hello\n")
    split("unclosed", "---\nkind: page\n")
    split("empty", "")
    split("ws", "  \n\n")
    split("trailing", "---   \nkind: page\n---  \nBody")
    split("empty body", "---\nkind: page\n---\n")
    for (l, b) in [("badutf", Array("---\nab\n".utf8) + [0x61, 0xC3, 0x28]), ("nul", Array("---\nabc".utf8) + [0, 0x41]), ("bom", [0xEF,0xBB,0xBF] + Array("hi".utf8)), ("badafterutf", Array("é€".utf8) + [0xFF])] {
        switch SourceText.decode(b, file: "f.md") {
        case .success(let s): print("=== \(l): \(s.debugDescription)")
        case .failure(let d): show(l, [d])
        }
    }
    let base = "---\nkind: project\ntitle: \"T\"\n"
    rec("syntax", base + "subtitle: \"abc\n---\n")
    rec("syntax2", base + "summary: a: b\n---\n")
    rec("tab", base + "territory:\n\tname: x\n---\n")
    rec("dup", base + "title: again\n---\n")
    rec("nonscalar", base + "[a]: 1\n---\n")
    rec("unknown key", base + "budjet: 3\n---\n")
    rec("wrong type", base + "budget:\n  amount: [1, 2]\n---\n")
    rec("unknown kind", "---\nkind: projet\ntitle: T\n---\n")
    rec("missing title", "---\nkind: project\n---\n")
    rec("missing kind", "---\ntitle: T\n---\n")
    rec("article no date", "---\nkind: article\ntitle: T\n---\n")
    rec("bad date", "---\nkind: article\ntitle: T\ndate: 2023-02-30\n---\n")
    rec("bad id", "---\nkind: page\ntitle: T\nid: ../x\n---\n")
    rec("ambig", base + "budget:\n  amount: \"74.000\"\n---\n")
    rec("ambig plain", base + "budget:\n  amount: 74.000\n---\n")
    rec("neg", base + "budget:\n  amount: -5\n---\n")
    rec("share over", base + "funding:\n  - {funder: a, share: 150%}\n---\n")
    rec("share nosign", base + "funding:\n  - {funder: a, share: 15}\n---\n")
    rec("total no years", base + "budget:\n  amount: 1000\n  period: total\n---\n")
    rec("no year", base + "results:\n  - people_accompanied: 4\n---\n")
    rec("parts", base + "results:\n  - year: 2002\n    exits: {total: 12, parts: {salaried_job: 6, self_employed: 5}}\n---\n")
    rec("nested ok", base + "results:\n  - year: 2002\n    people_accompanied: 40\n    exits: {total: 11, parts: {salaried_job: 6, self_employed: 5}}\n    in_support_agreement: 15\n    part_time_activity: 14\n---\n")
    var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    var prev = "a"
    for n in ["b","c","d","e","f","g","h","i"] { bomb += "\(n): &\(n) [*\(prev), *\(prev), *\(prev), *\(prev), *\(prev), *\(prev), *\(prev), *\(prev), *\(prev), *\(prev)]\n"; prev = n }
    let t0 = Date()
    rec("bomb", "---\nkind: project\ntitle: T\n" + bomb + "---\n")
    print("bomb time", Date().timeIntervalSince(t0))
    var deep = "x: "
    for _ in 0..<40 { deep += "[" }
    for _ in 0..<40 { deep += "]" }
    rec("deep", "---\nkind: project\ntitle: T\n" + deep + "\n---\n")
}
