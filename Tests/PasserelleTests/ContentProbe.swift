import Testing
import Foundation
@testable import PasserelleContent
import PasserelleModel

private func show(_ label: String, _ d: [Diagnostic]) {
    print("=== \(label)")
    for x in d { print("  [\(x.severity)] \(x.file) \(x.location) | \(x.message) | hint: \(x.hint ?? "nil")") }
}

private func r(_ text: String, _ file: String) -> Record {
    let id = String((file as NSString).lastPathComponent.dropLast(3))
    let (rec, d) = ContentLoader.decodeRecord(text: text, file: file, defaultID: id)
    if !d.isEmpty { show("decode \(file)", d) }
    return rec!
}

@Test func probe() async throws {
    let config = SiteConfig(title: "S", sections: [SectionInfo(id: "cae", title: "CAE")],
                            themes: [ThemeInfo(id: "insertion", label: "I"), ThemeInfo(id: "cooperatives", label: "C")])
    let dict = MetricDictionary(metrics: [MetricDefinition(id: "people_accompanied", label: LocalizedText("P"), unit: .people),
                                          MetricDefinition(id: "exits", label: LocalizedText("E"), unit: .people)])
    let org = r("---\nkind: organisation\ntitle: \"Région\"\ntype: region\n---\n", "Content/organisations/region-rhone-alpes.md")
    let term = r("---\nkind: term\ntitle: CAE\n---\n", "Content/glossary/cae.md")
    let proj = r("""
    ---
    kind: project
    title: P
    themes: [insertion, cooperativs, zzzzzz]
    carrier: cae
    funding:
      - {funder: region-rhone-alpe, share: 15%}
      - {funder: nobody-at-all, share: 15%}
    results:
      - year: 2002
        peple_accompanied: 40
    ---
    """, "Content/projects/p.md")
    let art = r("---\nkind: article\ntitle: A\ndate: 2020-01-01\nsection: caee\n---\n", "Content/articles/a.md")
    let page = r("---\nkind: page\ntitle: A\nsection: autre\n---\n", "Content/pages/b.md")
    let dup = r("---\nkind: page\ntitle: D\nid: p\n---\n", "Content/pages/dup.md")
    let content = LoadedContent(config: config, dictionary: dict, records: [proj, org, term, art, page, dup], media: [], diagnostics: [])
    let (_, d) = Resolver.resolve(content)
    show("resolve", d)

    let fm = FileManager.default
    let dir = fm.temporaryDirectory.appendingPathComponent("probe-\(UUID())").path
    try fm.createDirectory(atPath: dir + "/Content/projects", withIntermediateDirectories: true)
    try "x".write(toFile: dir + "/Content/projects/a.md", atomically: true, encoding: .utf8)
    try fm.createSymbolicLink(atPath: dir + "/Content/alias", withDestinationPath: dir + "/Content/projects")
    let (files, dd) = Discovery.discover(contentDirectory: dir + "/Content")
    for f in files { print(f.relativePath) }
    show("alias", dd)
    try fm.removeItem(atPath: dir)
}
