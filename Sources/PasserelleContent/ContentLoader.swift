import Foundation
import PasserelleModel

/// Everything read from `Content/`: settings, dictionary, records, and what went wrong.
public struct LoadedContent: Sendable {
    public var config: SiteConfig
    public var dictionary: MetricDictionary
    public var records: [Record]
    public var media: [SourceFile]
    public var diagnostics: [Diagnostic]
    /// False when indicators.yml exists but could not be read: metric names cannot be checked then.
    public var dictionaryReadable: Bool = true
}

/// The parse and decode stages: files to typed records, in parallel, every problem a diagnostic.
public enum ContentLoader {
    /// More records than this in one site is refused (the generator is measured up to 10 000).
    public static let maxRecords = 100_000

    public static func load(contentDirectory: String, includeDrafts: Bool = false) async -> LoadedContent {
        let (files, discoveryDiagnostics) = Discovery.discover(contentDirectory: contentDirectory)
        var diagnostics = discoveryDiagnostics
        let display = contentDirectory.hasSuffix("/") ? String(contentDirectory.dropLast()) : contentDirectory

        var config = SiteConfig(title: "")
        if let file = files.first(where: { $0.role == .siteSettings }) {
            let (node, found) = readYAML(file)
            diagnostics += found
            if let node {
                let collector = DiagnosticCollector(file: file.displayPath)
                if let decoded = SettingsDecoder.site(node, collector: collector) { config = decoded }
                diagnostics += collector.diagnostics
            }
        } else if discoveryDiagnostics.isEmpty || !files.isEmpty {
            diagnostics.append(.error(display + "/site.yml", .start, "site.yml is missing",
                                      hint: "create \(display)/site.yml with at least a line title: \"…\" (see the README for the other settings)"))
        }

        var dictionary = MetricDictionary(file: display + "/indicators.yml")
        var dictionaryReadable = true
        if let file = files.first(where: { $0.role == .dictionary }) {
            let (node, found) = readYAML(file)
            diagnostics += found
            dictionaryReadable = node != nil
            if let node {
                let collector = DiagnosticCollector(file: file.displayPath)
                dictionary = SettingsDecoder.dictionary(node, collector: collector)
                diagnostics += collector.diagnostics
            }
        }

        var recordFiles = files.filter { $0.role == .record }
        if recordFiles.count > maxRecords {
            diagnostics.append(.error(display, .start, "\(recordFiles.count) records, over the limit of \(maxRecords) for one site",
                                      hint: "split the site, or check that the content folder is the right one"))
            recordFiles = Array(recordFiles.prefix(maxRecords))
        }
        let decoded = await withTaskGroup(of: (Int, Record?, [Diagnostic]).self) { group in
            for (index, file) in recordFiles.enumerated() {
                group.addTask {
                    let (record, found) = decodeRecord(file)
                    return (index, record, found)
                }
            }
            var results = [(Record?, [Diagnostic])](repeating: (nil, []), count: recordFiles.count)
            for await (index, record, found) in group {
                results[index] = (record, found)
            }
            return results
        }
        var records: [Record] = []
        for (record, found) in decoded {
            diagnostics += found
            if let record, includeDrafts || !record.draft { records.append(record) }
        }
        return LoadedContent(config: config, dictionary: dictionary, records: records,
                             media: files.filter { $0.role == .media }, diagnostics: diagnostics,
                             dictionaryReadable: dictionaryReadable)
    }

    /// Reads a file's bytes as checked text, refusing files over the size limit before reading them.
    public static func readText(_ file: SourceFile) -> Result<String, Diagnostic> {
        if file.size > SourceText.maxRecordBytes {
            let megabytes = (Double(file.size) / 1_048_576 * 10).rounded(.up) / 10
            return .failure(.error(file.displayPath, .start, "the file is \(megabytes) MB, over the 5 MB limit for a record",
                                   hint: "records are text; put large documents under media/ and link to them"))
        }
        guard let data = FileManager.default.contents(atPath: file.absolutePath) else {
            return .failure(.error(file.displayPath, .start, "the file cannot be read", hint: "check its permissions"))
        }
        return SourceText.decode([UInt8](data), file: file.displayPath)
    }

    static func readYAML(_ file: SourceFile) -> (YAMLNode?, [Diagnostic]) {
        switch readText(file) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let text): return YAMLReader().read(text, file: file.displayPath)
        }
    }

    /// One record file through text checks, front-matter split, YAML and typed decoding.
    public static func decodeRecord(_ file: SourceFile) -> (Record?, [Diagnostic]) {
        let text: String
        switch readText(file) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let decoded): text = decoded
        }
        let name = (file.relativePath as NSString).lastPathComponent
        let defaultID = String(name.dropLast(3))
        return decodeRecord(text: text, file: file.displayPath, defaultID: defaultID)
    }

    /// One record's text (already checked) to a record.
    public static func decodeRecord(text: String, file: String, defaultID: String) -> (Record?, [Diagnostic]) {
        let front: FrontMatter
        switch FrontMatterSplitter.split(text, file: file) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let split): front = split
        }
        let (node, yamlDiagnostics) = YAMLReader().read(front.yaml, file: file, firstLine: front.yamlLine)
        guard let node else { return (nil, yamlDiagnostics) }
        let collector = DiagnosticCollector(file: file)
        let record = RecordDecoder.decode(node, body: front.body, bodyLine: front.bodyLine, defaultID: defaultID, collector: collector)
        return (record, yamlDiagnostics + collector.diagnostics)
    }
}
