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
    let base = "---\nkind: project\ntitle: \"T\"\n"
    rec("tab1", base + "territory:\n\tname: x\n---\n")
    rec("tab2", base + "territory:\n  name: x\n\tlevel: commune\n---\n")
    rec("tab3", base + "territory:\n  \tname: x\n---\n")
    rec("tab4", base + "audiences:\n\t- a\n---\n")
    rec("tab5", base + "summary: |\n  a\n\tb\n---\n")
    rec("tab6", base + "\tsubtitle: x\n---\n")
    rec("quote mid", base + "subtitle: \"abc\nstatus: ongoing\n---\n")
    rec("quote single", base + "subtitle: 'abc\n---\n")
    rec("ns2", base + "{a: 1}: 2\n---\n")
    rec("ns3", base + "? [a, b]\n: 1\n---\n")
    rec("ns4", base + "territory:\n  [x]: 1\n  name: y\n---\n")
    rec("alias", base + "subtitle: *nope\n---\n")
    rec("indent", base + "territory:\n    name: x\n  level: commune\n---\n")
    rec("at", base + "subtitle: @scop\n---\n")
    rec("list where number", base + "results:\n  - year: 2002\n    people_accompanied: [1, 2]\n---\n")
    rec("list where int", base + "territory:\n  name: x\n  population: [1, 2]\n---\n")
    rec("ambig comma", base + "budget:\n  amount: \"1,250\"\n---\n")
    rec("ambig 1.250", base + "budget:\n  amount: 1.250\n---\n")
    rec("neg share", base + "funding:\n  - {funder: a, share: -5%}\n---\n")
    rec("unknown kind far", "---\nkind: zzz\ntitle: T\n---\n")
    rec("initiative no title", "---\nkind: initiative\n---\n")
    rec("organisation unknown key", "---\nkind: organisation\ntitle: T\ntype: region\nfoo: 1\n---\n")
    rec("bad id filename", "---\nkind: page\ntitle: T\n---\n", id: "Mon Fichier")
    rec("title empty", "---\nkind: page\ntitle: \"\"\n---\n")
    rec("year no-year period", base + "results:\n  - period: \"2013-01/2013-03\"\n    people_accompanied: 4\n---\n")
    rec("year null", base + "results:\n  - year:\n    people_accompanied: 4\n---\n")
    rec("share and amount", base + "funding:\n  - {funder: a, share: 15 %, amount: 1000}\n---\n")
    rec("empty fm", "---\n---\nbody\n")
    rec("fm list", "---\n- a\n---\n")
    // CRLF
    let lf = "---\nkind: page\ntitle: T\n---\nBody\nline2\n"
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    if case .success(let t) = SourceText.decode(Array(crlf.utf8), file: "f") { print("crlf equal:", t == lf) }
}
