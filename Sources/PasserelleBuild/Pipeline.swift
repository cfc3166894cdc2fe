import Foundation
import PasserelleContent
import PasserelleExports
import PasserelleIndicators
import PasserelleModel
import PasserelleRender

/// Where a build reads and writes.
public struct BuildOptions: Sendable {
    public var content: String
    public var templates: String
    public var output: String
    public var includeDrafts: Bool
    /// Replace an output folder that is not empty and was not written by Passerelle (`--force`).
    public var forceOutput: Bool
    /// Write the full-text search index with Pagefind, when it is installed (the command line does; tests ask for it).
    public var searchIndex: Bool
    /// The language of what the build prints while it runs (`--lang`, `LANG`); nil: the site's.
    public var messageLanguage: Language?
    /// Everything but the writing (`check`): the pages are rendered, so every check of a build is made, and the output
    /// folder is neither judged nor touched.
    public var dryRun = false
    /// Unsaved texts of files, by path relative to the content folder (see `ContentLoader.load`).
    public var overrides: [String: String] = [:]

    public init(content: String = "Content", templates: String = "Templates", output: String = "Output", includeDrafts: Bool = false,
                forceOutput: Bool = false, searchIndex: Bool = false) {
        self.content = content
        self.templates = templates
        self.output = output
        self.includeDrafts = includeDrafts
        self.forceOutput = forceOutput
        self.searchIndex = searchIndex
    }
}

/// A named step and how long it took, printed as the build goes.
public struct StepTiming: Sendable {
    public var name: String
    public var seconds: Double
}

/// What a build or check found and did.
public struct BuildReport: Sendable {
    /// Every diagnostic, sorted by file, line and column.
    public var diagnostics: [Diagnostic]
    public var filesWritten: Int
    public var steps: [StepTiming]
    /// The site and measures, when loading got that far (for `passerelle indicators` and tests).
    public var site: Site?
    public var measures: [String: CardMeasures]

    public var succeeded: Bool { !diagnostics.hasErrors }
}

/// Everything before rendering: the site, the measures of each card, and the diagnostics.
public struct Analysis: Sendable {
    public var site: Site
    public var engine: IndicatorEngine
    public var measures: [String: CardMeasures]
    /// Every figure of the site, computed once: pages, open data and the command line read it.
    public var figures: SiteMeasures
    public var media: [SourceFile]
    public var diagnostics: [Diagnostic]
}

/// The pipeline: discover → parse → decode → resolve → measure → render → write.
public enum Pipeline {
    /// The stages that read and check content (used by `check`, and by `build` before it renders).
    /// `overrides`: unsaved texts of files, by path relative to the content folder (see `ContentLoader.load`).
    public static func analyse(content: String, includeDrafts: Bool = false, overrides: [String: String] = [:]) async -> Analysis {
        let loaded = await ContentLoader.load(contentDirectory: content, includeDrafts: includeDrafts, overrides: overrides)
        let (engine, formulaDiagnostics) = IndicatorEngine.compile(loaded.dictionary)
        let (site, resolveDiagnostics) = Resolver.resolve(loaded)
        let (measures, measureDiagnostics) = measure(site, engine)
        // A record with an error has lost the lines that had it: sums over what is left would warn falsely.
        let filesWithErrors = Set((loaded.diagnostics + resolveDiagnostics).errors.map(\.file))
        let sumWarnings = measureDiagnostics.filter { !filesWithErrors.contains($0.file) }
        let diagnostics = (loaded.diagnostics + formulaDiagnostics + resolveDiagnostics + sumWarnings).sorted()
        let figures = SiteMeasures.compute(site: site, cards: measures, indicators: engine.indicators)
        return Analysis(site: site, engine: engine, measures: measures, figures: figures, media: loaded.media, diagnostics: diagnostics)
    }

    /// The measure stage: each card's facts and indicator values.
    public static func measure(_ site: Site, _ engine: IndicatorEngine) -> ([String: CardMeasures], [Diagnostic]) {
        var measures: [String: CardMeasures] = [:]
        var diagnostics: [Diagnostic] = []
        for record in site.cards {
            guard let card = record.card else { continue }
            let (facts, found) = CardFacts.make(card: card, file: record.file) { site.organisation($0)?.type }
            diagnostics += found
            measures[record.id] = engine.measure(facts)
        }
        return (measures, diagnostics)
    }

    /// A full build. Writes nothing unless there is no error; `progress` receives each step as it ends.
    public static func build(_ options: BuildOptions, progress: @Sendable (StepTiming) -> Void = { _ in }) async -> BuildReport {
        var steps: [StepTiming] = []
        func step<T>(_ name: String, _ work: () async throws -> T) async rethrows -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = try await work()
            let timing = StepTiming(name: name, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            steps.append(timing)
            progress(timing)
            return result
        }
        let writer = OutputWriter(output: options.output, force: options.forceOutput)
        func refused(_ refusal: OutputWriter.Refusal) -> Diagnostic {
            .error("output-refused", options.output, .start, refusal.message, hint: refusal.hint)
        }
        if !options.dryRun, let refusal = writer.checkProtected() {
            return BuildReport(diagnostics: [refused(refusal)], filesWritten: 0, steps: [], site: nil, measures: [:])
        }
        if !options.dryRun, let problem = writer.checkSafe(against: [options.content, options.templates]) {
            let diagnostic = Diagnostic.error("output-inside-sources", options.output, .start, problem,
                                              hint: Bilingual(fr: "choisissez un dossier de sortie hors du contenu et des modèles, par exemple --output Output",
                                                              en: "choose an output folder outside the content and templates, e.g. --output Output"))
            return BuildReport(diagnostics: [diagnostic], filesWritten: 0, steps: [], site: nil, measures: [:])
        }
        // Checked again by the write, once it holds the output's lock.
        if !options.dryRun, let refusal = writer.checkOwnership() {
            return BuildReport(diagnostics: [refused(refusal)], filesWritten: 0, steps: [], site: nil, measures: [:])
        }
        let analysis = await step("read and check content") {
            await analyse(content: options.content, includeDrafts: options.includeDrafts, overrides: options.overrides)
        }
        let theme = await step("load templates") {
            Theme.load(directory: options.templates, language: analysis.site.config.language)
        }
        var diagnostics = (analysis.diagnostics + theme.diagnostics).sorted()
        guard !diagnostics.hasErrors, let templates = theme.templates, let labels = theme.labels else {
            return BuildReport(diagnostics: diagnostics, filesWritten: 0, steps: steps, site: analysis.site, measures: analysis.measures)
        }
        let search = options.searchIndex && !options.dryRun ? Search.command() : nil
        // The open data first: the pages link only to the files it writes, and the "Données" page lists them.
        let data = await step("prepare open data") { Exports.publication(site: analysis.site, figures: analysis.figures) }
        var input = await step("summaries and dashboards") {
            RenderInput(site: analysis.site, figures: analysis.figures, labels: labels, templates: templates)
        }
        input.dataCatalogue = data.catalogue
        input.searchAvailable = search != nil
        let pages = await step("render pages") { [input] in await SiteRenderer.render(input) }
        // Pagefind indexes the pages in its own process while the other files are collected.
        let indexing = search.map { command in Task.detached { try Search.index(pages, command: command) } }
        var files = pages
        files.append(SiteRenderer.cardIndexFile(input))
        let copied = await step("collect assets and media") { () -> (files: [RenderedFile], diagnostics: [Diagnostic]) in
            collectStatic(theme: theme, media: analysis.media)
        }
        files += copied.files
        files += data.files
        let display = options.content.hasSuffix("/") ? String(options.content.dropLast()) : options.content
        let extras = await step("feed, sitemap, 404 and redirects") {
            SiteFiles.make(input, pages: pages, existing: files.map(\.path), settingsFile: display + "/site.yml")
        }
        files += extras.files
        if let search, let indexing {
            do {
                files += try await step("search index (Pagefind)") { try await indexing.value }
            } catch {
                diagnostics.append(.warning("search-index-failed", options.output, .start,
                                            Bilingual(fr: "l’index de recherche n’a pas pu être écrit\u{A0}: \(error)", en: "the search index could not be written: \(error)"),
                                            hint: Bilingual(fr: "le site est écrit sans lui\u{A0}; vérifiez que `\(search.joined(separator: " ")) --version` fonctionne",
                                                            en: "the site is written without it; check that `\(search.joined(separator: " ")) --version` works")))
            }
        } else if options.searchIndex && !options.dryRun {
            diagnostics.append(.warning("search-pagefind-missing", options.output, .start,
                                        Bilingual(fr: "Pagefind n’est pas installé\u{A0}: le site n’a pas de recherche en texte intégral (sa page de recherche le dit)",
                                                  en: "Pagefind is not installed: the site has no full-text search (its search page says so)"),
                                        hint: Bilingual(fr: "installez-le avec scripts/setup, ou python3 -m pip install 'pagefind[extended]'",
                                                        en: "install it with scripts/setup, or python3 -m pip install 'pagefind[extended]'")))
        }
        diagnostics = (diagnostics + copied.diagnostics + data.diagnostics + extras.diagnostics
                       + collisions(in: files, output: options.output)).sorted()
        if diagnostics.hasErrors || options.dryRun {
            return BuildReport(diagnostics: diagnostics, filesWritten: 0, steps: steps, site: analysis.site, measures: analysis.measures)
        }
        let written: Int
        do {
            written = try await step("write the site") {
                try await writer.write(files, language: options.messageLanguage ?? analysis.site.config.language)
            }
        } catch OutputWriter.Failure.refused(let refusal) {
            diagnostics.append(refused(refusal))
            return BuildReport(diagnostics: diagnostics, filesWritten: 0, steps: steps, site: analysis.site, measures: analysis.measures)
        } catch {
            diagnostics.append(.error("output-write-failed", options.output, .start,
                                      Bilingual(fr: "le site n’a pas pu être écrit\u{A0}: \(error)", en: "the site could not be written: \(error)"),
                                      hint: Bilingual(fr: "vérifiez que le dossier est accessible en écriture\u{A0}; le site précédent est resté tel quel",
                                                      en: "check that the folder is writable; the previous site was left as it was")))
            return BuildReport(diagnostics: diagnostics, filesWritten: 0, steps: steps, site: analysis.site, measures: analysis.measures)
        }
        return BuildReport(diagnostics: diagnostics, filesWritten: written, steps: steps, site: analysis.site, measures: analysis.measures)
    }

    /// One writer per output path: a second file for the same path (a media file named like a generated page, a theme
    /// asset like an export) is an error naming the path, never a silent overwrite.
    static func collisions(in files: [RenderedFile], output: String) -> [Diagnostic] {
        var seen: [String: Int] = [:]
        for file in files { seen[file.path, default: 0] += 1 }
        return seen.filter { $0.value > 1 }.keys.sorted().map { path in
            .error("output-collision", output, .start,
                   Bilingual(fr: "\(seen[path] ?? 2) éléments de la construction écrivent le même fichier «\u{A0}\(path)\u{A0}»",
                             en: "\(seen[path] ?? 2) outputs of the build write the same file '\(path)'"),
                   hint: Bilingual(fr: "renommez le fichier de media/, le fichier du thème ou la fiche qui le produit, pour que chaque fichier du site ait une seule source",
                                   en: "rename the media file, theme asset or record that produces it, so each file of the site has one source"))
        }
    }

    /// The theme's assets (`Templates/assets/`) and the content's media, copied as they are, read as the regular files
    /// discovery found, within the media size limit. HTML media (only there under `unsafe_html`) get the site's
    /// Content-Security-Policy, so the scripts they hold are held to the rules of the pages.
    static func collectStatic(theme: Theme, media: [SourceFile]) -> (files: [RenderedFile], diagnostics: [Diagnostic]) {
        var files = theme.assets
        var diagnostics: [Diagnostic] = []
        for file in media {
            switch RegularFile.read(file.absolutePath, file: file.displayPath, limit: ContentLoader.maxMediaBytes, what: ContentLoader.mediaFile,
                                    largeHint: ContentLoader.mediaSizeHint, largeRule: "media-too-large") {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            case .success(let bytes):
                let kind = (file.relativePath as NSString).pathExtension.lowercased()
                let contents = ContentLoader.htmlMediaExtensions.contains(kind)
                    ? theme.withPolicy(bytes) : bytes
                files.append(RenderedFile(path: file.relativePath, contents: contents))
            }
        }
        return (files, diagnostics)
    }
}
