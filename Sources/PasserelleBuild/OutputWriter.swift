import CSystem
import Foundation
import PasserelleModel
import PasserelleRender

/// The write stage: the whole site goes to a fresh folder beside the output, then replaces it in one step.
///
/// A build that fails, or is killed, before the swap leaves the previous output exactly as it was; the
/// leftover temporary folder is removed by a later run.
///
/// The output folder is Passerelle's: a build replaces it only if it does not exist, is empty, or holds the
/// marker file an earlier build wrote (`.passerelle-output`), unless `force` is set. The root of the file
/// system, the home folder, the working folder and any folder containing it are never replaced.
///
/// One build at a time per output folder: the write holds a lock on `.<name>.passerelle-lock` beside the output
/// (flock, so the kernel releases it if the process dies) and a second build waits for it, saying once which
/// process it waits for. Each temporary folder is named after its build (process number and a random part) and is
/// locked by it while it is written, so a later build removes only the temporary folders of builds that are gone.
public struct OutputWriter: Sendable {
    /// The output folder as it was given (shown in messages).
    public let requested: String
    /// Where the site is written: the given folder with every symbolic link resolved. An output folder that is a
    /// link (to a web server's folder, say) is written where it points, and the link is kept.
    public let output: URL
    /// Replace a non-empty folder that an earlier build did not write (`--force`).
    public let force: Bool
    let surroundings: Surroundings
    let notice: @Sendable (String) -> Void

    /// The name of the marker file at the top of every output folder.
    public static let markerName = ".passerelle-output"
    /// Its content: fixed, so that two builds of the same content stay byte-identical.
    public static let marker = """
        passerelle-output 1
        This folder is written by Passerelle (passerelle build, passerelle serve). Each build replaces it as a
        whole: a file added here by hand is deleted by the next build. Passerelle writes into a folder only if it
        does not exist, is empty, or holds this file.

        """

    /// The folders a build never replaces, even with `force`: where the command runs, and the user's home.
    public struct Surroundings: Sendable {
        public var home: String?
        public var workingDirectory: String

        public init(home: String?, workingDirectory: String) {
            self.home = home
            self.workingDirectory = workingDirectory
        }

        /// `$HOME` and the working folder of this process.
        public static var current: Surroundings {
            let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            return Surroundings(home: home, workingDirectory: FileManager.default.currentDirectoryPath)
        }
    }

    /// Why a build does not write into a folder: a message naming the folder and what to do instead.
    public struct Refusal: Sendable, Equatable, CustomStringConvertible {
        public var message: Bilingual
        public var hint: Bilingual

        public init(message: Bilingual, hint: Bilingual) {
            self.message = message
            self.hint = hint
        }

        public var description: String { message.fr }
    }

    public init(output: String, force: Bool = false, surroundings: Surroundings = .current,
                notice: @escaping @Sendable (String) -> Void = OutputWriter.printNotice) {
        self.requested = output
        self.output = URL(fileURLWithPath: Self.realPath(Self.absolute(output)))
        self.force = force
        self.surroundings = surroundings
        self.notice = notice
    }

    /// Prints a line on the standard error at once (a build waiting for another one says so there).
    public static let printNotice: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    public enum Failure: Error, CustomStringConvertible {
        case unsafePath(String)
        case io(String)
        case refused(Refusal)

        public var description: String {
            switch self {
            case .unsafePath(let path): return "refused to write '\(path)': it is not inside the output folder"
            case .io(let message): return message
            case .refused(let refusal): return refusal.message.fr
            }
        }
    }

    private var parent: URL { output.deletingLastPathComponent() }
    private var tempPrefix: String { ".passerelle-tmp-\(output.lastPathComponent)-" }
    /// The lock file beside the output folder.
    public var lockPath: String { parent.appendingPathComponent(".\(output.lastPathComponent).passerelle-lock").path }

    /// The folder as messages show it: as given, and where it leads when that is elsewhere (through a link).
    private var shown: Bilingual {
        let given = URL(fileURLWithPath: Self.absolute(requested)).standardizedFileURL.path
        return given == output.path
            ? Bilingual(fr: "«\u{A0}\(requested)\u{A0}»", en: "'\(requested)'")
            : Bilingual(fr: "«\u{A0}\(requested)\u{A0}» (qui mène à «\u{A0}\(output.path)\u{A0}»)", en: "'\(requested)' (which leads to '\(output.path)')")
    }

    /// « le dossier de sortie « x » est … : Passerelle ne le remplace jamais ».
    private func protected(_ fr: String, _ en: String, _ hint: Bilingual) -> Refusal {
        Refusal(message: Bilingual(fr: "le dossier de sortie \(shown.fr) \(fr)\u{A0}: Passerelle ne le remplace jamais",
                                   en: "the output folder \(shown.en) \(en): Passerelle never replaces it"),
                hint: hint)
    }

    // MARK: Which folders a build may replace

    /// Refuses the folders no build replaces, whatever the options: an empty path, the root of the file system,
    /// the home folder, the working folder and any folder that contains one of them.
    public func checkProtected() -> Refusal? {
        guard !requested.isEmpty else {
            return Refusal(message: Bilingual(fr: "le chemin de sortie est vide\u{A0}: la construction remplacerait le dossier de travail",
                                              en: "the output path is empty: a build would replace the working folder"),
                           hint: Bilingual(fr: "indiquez le dossier où écrire le site, par exemple --output Output",
                                           en: "name the folder the site is written to, e.g. --output Output"))
        }
        let hint = Bilingual(fr: "écrivez le site dans un dossier à lui, par exemple --output Output (--force ne s’applique pas à ce dossier)",
                             en: "write the site into a folder of its own, e.g. --output Output (--force does not apply to this folder)")
        let out = output.path
        if out == "/" {
            return protected("est la racine du système de fichiers", "is the root of the file system", hint)
        }
        if let home = surroundings.home.map({ Self.realPath(Self.absolute($0)) }), home != "/" {
            if out == home {
                return protected("est votre dossier personnel", "is your home folder", hint)
            }
            if home.hasPrefix(out + "/") {
                return protected("contient votre dossier personnel", "contains your home folder", hint)
            }
        }
        let working = Self.realPath(Self.absolute(surroundings.workingDirectory))
        if out == working {
            return protected("est le dossier de travail", "is the working folder", hint)
        }
        if working.hasPrefix(out + "/") {
            return protected("contient le dossier de travail «\u{A0}\(working)\u{A0}»", "contains the working folder '\(working)'", hint)
        }
        return nil
    }

    /// Refuses an output folder that holds (or is) the content or templates: a build would erase them.
    public func checkSafe(against sources: [String]) -> Bilingual? {
        let out = output.resolvingSymlinksInPath().path
        for source in sources {
            let src = URL(fileURLWithPath: source).standardizedFileURL.resolvingSymlinksInPath().path
            if src == out || src.hasPrefix(out + "/") || out == "/" {
                return Bilingual(fr: "le dossier de sortie «\u{A0}\(output.path)\u{A0}» contient «\u{A0}\(source)\u{A0}»\u{A0}: la construction l’effacerait",
                                 en: "the output folder '\(output.path)' contains '\(source)': building would erase it")
            }
            if out.hasPrefix(src + "/") {
                return Bilingual(fr: "le dossier de sortie «\u{A0}\(output.path)\u{A0}» est à l’intérieur de «\u{A0}\(source)\u{A0}»\u{A0}: le site serait relu comme du contenu",
                                 en: "the output folder '\(output.path)' is inside '\(source)': the site would be read back as content")
            }
        }
        return nil
    }

    /// Refuses an existing folder that is not empty and holds no marker of an earlier build, unless `force` is set.
    /// (A path that is a file is left to the write, which says it is not a folder.)
    public func checkOwnership() -> Refusal? {
        guard !force, Self.isFolder(output.path), !Self.hasMarker(output.path) else { return nil }
        let limit = 10_000
        let (files, folders, example) = Self.census(output.path, limit: limit)
        guard files + folders > 0, let example else { return nil }
        let holds: Bilingual
        if files + folders > limit {
            holds = Bilingual(fr: "plus de \(limit) fichiers et dossiers, par exemple «\u{A0}\(example)\u{A0}»",
                              en: "more than \(limit) files and folders, e.g. '\(example)'")
        } else if files > 0 {
            holds = files == 1 ? Bilingual(fr: "1 fichier, «\u{A0}\(example)\u{A0}»", en: "1 file, '\(example)'")
                : Bilingual(fr: "\(files) fichiers, par exemple «\u{A0}\(example)\u{A0}»", en: "\(files) files, e.g. '\(example)'")
        } else {
            holds = folders == 1 ? Bilingual(fr: "1 dossier, «\u{A0}\(example)\u{A0}»", en: "1 folder, '\(example)'")
                : Bilingual(fr: "\(folders) dossiers, par exemple «\u{A0}\(example)\u{A0}»", en: "\(folders) folders, e.g. '\(example)'")
        }
        return Refusal(
            message: Bilingual(fr: "le dossier de sortie \(shown.fr) n’est pas vide et n’a pas été écrit par Passerelle\u{A0}: il contient \(holds.fr)",
                               en: "the output folder \(shown.en) is not empty and was not written by Passerelle: it holds \(holds.en)"),
            hint: Bilingual(fr: "choisissez un dossier nouveau ou vide, par exemple --output Output\u{A0}; ou ajoutez --force pour remplacer ce dossier, "
                                + "ce qui efface tout ce qu’il contient",
                            en: "choose a new or empty folder, e.g. --output Output; or add --force to replace this folder, "
                                + "which deletes everything in it"))
    }

    /// Only files whose loss nobody notices: a folder holding nothing else counts as empty.
    static let ignorable: Set<String> = [".DS_Store"]

    static func isFolder(_ path: String) -> Bool {
        guard let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType else { return false }
        return type == .typeDirectory
    }

    /// A regular file named `.passerelle-output` whose first line is the marker's.
    static func hasMarker(_ folder: String) -> Bool {
        let path = folder + "/" + markerName
        guard let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType,
              type == .typeRegular, let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: 64)) ?? Data()
        return start.starts(with: Data("passerelle-output ".utf8))
    }

    /// The files (anything but a folder; links are not followed) and the folders under `root`, up to about
    /// `limit` entries, and the first file in path order (or the first folder, when there is no file).
    static func census(_ root: String, limit: Int) -> (files: Int, folders: Int, example: String?) {
        var files = 0, folders = 0
        var firstFile: String?, firstFolder: String?
        func visit(_ relative: String) {
            let base = relative.isEmpty ? root : root + "/" + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return }
            for name in names.sorted() where !(relative.isEmpty && ignorable.contains(name)) {
                guard files + folders <= limit else { return }
                let path = relative.isEmpty ? name : relative + "/" + name
                if isFolder(base + "/" + name) {
                    folders += 1
                    if firstFolder == nil { firstFolder = path }
                    visit(path)
                } else {
                    files += 1
                    if firstFile == nil { firstFile = path }
                }
            }
        }
        visit("")
        return (files, folders, firstFile ?? firstFolder)
    }

    // MARK: Paths

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// `path` with every symbolic link resolved, `.` and `..` applied; for a path that does not exist (yet), its
    /// longest existing part is resolved and the rest appended (a dangling link is followed to where it points).
    static func realPath(_ path: String, depth: Int = 0) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        let above = url.deletingLastPathComponent().path
        guard !name.isEmpty, name != "/", above != path else { return url.standardizedFileURL.path }
        let parent = realPath(above, depth: depth)
        if name == "." { return parent }
        if name == ".." { return URL(fileURLWithPath: parent).deletingLastPathComponent().standardizedFileURL.path }
        let joined = parent == "/" ? "/" + name : parent + "/" + name
        if depth < 40, let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: joined) {
            return realPath(destination.hasPrefix("/") ? destination : parent + "/" + destination, depth: depth + 1)
        }
        return joined
    }

    // MARK: Writing

    /// Takes the output's lock (waiting for another build to finish writing), checks again that the folder may be
    /// replaced, writes every file and the marker into a new folder, then swaps it with the output.
    /// Returns the number of files written, the marker included.
    @discardableResult
    /// `language`: the language of the notice printed while it waits for another build.
    public func write(_ files: [RenderedFile], language: Language = .fr) async throws -> Int {
        if let refusal = checkProtected() ?? checkOwnership() { throw Failure.refused(refusal) }
        let fm = FileManager.default
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let requested = self.requested
        let lock = try await OutputLock.acquire(at: lockPath) { pid in
            let waiting = pid.map {
                Bilingual(fr: "attente de la fin de l’écriture de «\u{A0}\(requested)\u{A0}» par la construction du processus \($0)",
                          en: "waiting for the build of process \($0) to finish writing '\(requested)'")
            } ?? Bilingual(fr: "attente de la fin de l’écriture de «\u{A0}\(requested)\u{A0}» par une autre construction",
                           en: "waiting for another build to finish writing '\(requested)'")
            notice(waiting.text(language))
        }
        defer { lock.release() }
        // The folder may have changed while this build waited.
        if let refusal = checkProtected() ?? checkOwnership() { throw Failure.refused(refusal) }
        cleanStale()
        let (temp, folderLock) = try makeTemporaryFolder()
        defer { passerelle_close(folderLock) }
        do {
            for file in files {
                let target = try resolve(file.path, in: temp)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                guard fm.createFile(atPath: target.path, contents: Data(file.contents),
                                    attributes: [.posixPermissions: 0o644]) else {
                    throw Failure.io("could not write \(file.path)")
                }
            }
            guard fm.createFile(atPath: temp.appendingPathComponent(Self.markerName).path, contents: Data(Self.marker.utf8),
                                attributes: [.posixPermissions: 0o644]) else {
                throw Failure.io("could not write \(Self.markerName)")
            }
            try swap(temp)
        } catch {
            try? fm.removeItem(at: temp)
            throw error
        }
        return files.count + 1
    }

    /// A new folder beside the output, named after this build (process number and a random part), locked by it
    /// until the build ends. Returns the folder and the descriptor holding its lock.
    private func makeTemporaryFolder() throws -> (URL, Int32) {
        for _ in 0..<16 {
            let url = parent.appendingPathComponent(tempPrefix + Self.uniqueSuffix())
            guard mkdir(url.path, 0o777) == 0 else {
                if errno == EEXIST { continue }
                throw Failure.io("could not create '\(url.path)': \(String(cString: strerror(errno)))")
            }
            let descriptor = passerelle_folder_open(url.path)
            guard descriptor >= 0, passerelle_lock_try(descriptor) == 0 else {
                passerelle_close(descriptor)
                try? FileManager.default.removeItem(at: url)
                throw Failure.io("could not lock '\(url.path)'")
            }
            return (url, descriptor)
        }
        throw Failure.io("could not create a temporary folder beside '\(output.path)'")
    }

    /// `<pid>-<16 hex digits>`: unique to this build.
    static func uniqueSuffix() -> String {
        let random = String(UInt64.random(in: .min ... .max), radix: 16)
        return "\(getpid())-" + String(repeating: "0", count: 16 - random.count) + random
    }

    /// Whether `rest` (what follows `.passerelle-tmp-<name>-`) is the suffix of a temporary folder of this output:
    /// `<pid>-<16 hex digits>`, or `<pid>` and `old-<pid>` of earlier versions. The temporary folders of an output
    /// whose name starts the same (`Output-preview` for `Output`) never match.
    static func isTemporarySuffix(_ rest: Substring) -> Bool {
        func digits(_ text: Substring) -> Bool { !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }
        let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return digits(parts[0])
        case 2:
            if parts[0] == "old" { return digits(parts[1]) }
            return digits(parts[0]) && parts[1].count == 16 && parts[1].allSatisfy { $0.isASCII && $0.isHexDigit && !$0.isUppercase }
        default: return false
        }
    }

    /// Removes the temporary folders of this output left by builds that are gone: a folder whose lock can be taken
    /// has no build writing it. Called with the output's lock held.
    public func cleanStale() {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(tempPrefix) && Self.isTemporarySuffix(name.dropFirst(tempPrefix.count)) {
            let path = parent.appendingPathComponent(name).path
            let descriptor = passerelle_folder_open(path)  // a file or a link of that name is left alone
            guard descriptor >= 0 else { continue }
            defer { passerelle_close(descriptor) }
            guard passerelle_lock_try(descriptor) == 0 else { continue }  // its build is still writing
            try? fm.removeItem(atPath: path)
        }
    }

    /// The one place a path becomes a file: relative, no `..`, no empty or hidden tricks, inside `root`.
    func resolve(_ path: String, in root: URL) throws -> URL {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }),
              !path.contains("\0") else {
            throw Failure.unsafePath(path)
        }
        let target = root.appendingPathComponent(path).standardizedFileURL
        guard target.path.hasPrefix(root.standardizedFileURL.path + "/") else { throw Failure.unsafePath(path) }
        return target
    }

    /// Exchanges the new folder with the output atomically (renameat2 RENAME_EXCHANGE), or renames it into
    /// place when there is no output yet.
    private func swap(_ temp: URL) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw Failure.io("'\(output.path)' exists and is not a folder") }
            if exchange(temp.path, output.path) {
                try? fm.removeItem(at: temp)  // now holds the previous site
                return
            }
            // No atomic exchange on this file system: move the old site aside, then the new one in.
            let old = parent.appendingPathComponent(tempPrefix + Self.uniqueSuffix())
            try fm.moveItem(at: output, to: old)
            do {
                try fm.moveItem(at: temp, to: output)
            } catch {
                try? fm.moveItem(at: old, to: output)
                throw error
            }
            try? fm.removeItem(at: old)
        } else {
            try fm.moveItem(at: temp, to: output)
        }
    }

    private func exchange(_ a: String, _ b: String) -> Bool {
        passerelle_exchange_paths(a, b) == 0
    }
}

/// The lock of one output folder, held from `acquire` to `release` (or until the process ends).
///
/// The lock file is removed on release, so a finished build leaves nothing beside the output. A build that waited
/// on a file removed meanwhile finds, once it has the lock, that the path names another file (or none), and starts
/// again on the current one: only the holder of the file the path names writes.
final class OutputLock {
    let descriptor: Int32
    let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Takes the lock, polling while another build holds it; `waiting` is called once, with the holder's process
    /// number when it has written it.
    static func acquire(at path: String, waiting: (Int32?) -> Void) async throws -> OutputLock {
        var told = false
        let start = ContinuousClock.now
        while true {
            let descriptor = passerelle_lock_open(path)
            guard descriptor >= 0 else {
                throw OutputWriter.Failure.io("could not open the lock file '\(path)': \(String(cString: strerror(errno)))")
            }
            var state = passerelle_lock_try(descriptor)
            while state == 1 {
                if !told {
                    let holder = passerelle_lock_read_pid(descriptor)
                    if holder > 0 || ContinuousClock.now - start > .seconds(1) {
                        waiting(holder > 0 ? holder : nil)
                        told = true
                    }
                }
                do {
                    try await Task.sleep(for: .milliseconds(20))
                } catch {
                    passerelle_close(descriptor)
                    throw error
                }
                state = passerelle_lock_try(descriptor)
            }
            guard state == 0 else {
                let reason = String(cString: strerror(errno))
                passerelle_close(descriptor)
                throw OutputWriter.Failure.io("could not lock '\(path)': \(reason)")
            }
            if passerelle_lock_is_current(descriptor, path) == 1 {
                _ = passerelle_lock_write_pid(descriptor, getpid())
                return OutputLock(descriptor: descriptor, path: path)
            }
            passerelle_close(descriptor)  // its holder removed it as it finished: take the current one
        }
    }

    /// Removes the lock file (only if it is still this one), then releases the lock.
    func release() {
        if passerelle_lock_is_current(descriptor, path) == 1 { unlink(path) }
        passerelle_close(descriptor)
    }
}
