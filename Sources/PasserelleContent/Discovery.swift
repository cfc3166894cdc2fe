import Foundation
import PasserelleModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One file found under `Content/`.
public struct SourceFile: Sendable, Hashable, Comparable {
    public enum Role: Sendable, Hashable {
        case siteSettings, dictionary, record, media
    }

    /// Path relative to the content folder, with `/` separators ("projects/cap-ondaine.md").
    public var relativePath: String
    /// The path shown in diagnostics ("Content/projects/cap-ondaine.md").
    public var displayPath: String
    /// The real path on disk.
    public var absolutePath: String
    public var role: Role
    public var size: Int

    public static func < (lhs: SourceFile, rhs: SourceFile) -> Bool { lhs.relativePath < rhs.relativePath }
}

/// Walks the content folder: sorted, hidden files skipped, links that leave it refused.
public enum Discovery {
    public static func discover(contentDirectory: String) -> (files: [SourceFile], diagnostics: [Diagnostic]) {
        let display = contentDirectory.hasSuffix("/") ? String(contentDirectory.dropLast()) : contentDirectory
        guard let rootReal = realPath(contentDirectory) else {
            return ([], [.error("content-folder-missing", display, .start,
                                Bilingual(fr: "le dossier de contenu «\u{A0}\(display)\u{A0}» n’existe pas", en: "the content folder '\(display)' does not exist"),
                                hint: Bilingual(fr: "lancez la commande depuis le dossier du site, ou indiquez le dossier avec --content DOSSIER",
                                                en: "run the command from the site's folder, or pass --content DIR"))])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootReal, isDirectory: &isDirectory), isDirectory.boolValue else {
            return ([], [.error("content-folder-missing", display, .start,
                                Bilingual(fr: "«\u{A0}\(display)\u{A0}» n’est pas un dossier", en: "'\(display)' is not a folder"),
                                hint: Bilingual(fr: "indiquez le dossier qui contient site.yml avec --content DOSSIER",
                                                en: "pass the folder that holds site.yml with --content DIR"))])
        }
        let (entries, found) = FolderWalk.regularFiles(root: rootReal, display: display, folder: Bilingual(fr: "dossier de contenu", en: "content folder"), policy: .content)
        var diagnostics = found
        var files: [SourceFile] = []
        for entry in entries {
            let rel = entry.relativePath
            let role: SourceFile.Role
            if rel == "site.yml" {
                role = .siteSettings
            } else if rel == "indicators.yml" {
                role = .dictionary
            } else if rel.hasPrefix("media/") {
                role = .media
            } else if rel.hasSuffix(".md") {
                role = .record
            } else {
                diagnostics.append(.warning("file-ignored", entry.displayPath, .start,
                                            Bilingual(fr: "fichier ignoré\u{A0}: ce n’est ni une fiche (.md), ni site.yml, ni indicators.yml, ni un fichier du dossier media/",
                                                      en: "ignored: not a record (.md), site.yml, indicators.yml or a file under media/"),
                                            hint: Bilingual(fr: "les fiches se terminent par .md\u{A0}; rangez images et documents dans media/",
                                                            en: "records end in .md; images and documents go under media/")))
                continue
            }
            files.append(SourceFile(relativePath: rel, displayPath: entry.displayPath, absolutePath: entry.absolutePath, role: role,
                                    size: entry.size))
        }
        return (files.sorted(), diagnostics)
    }

    static func realPath(_ path: String) -> String? {
        FolderWalk.realPath(path)
    }
}

/// One regular file found by `FolderWalk`.
public struct FolderEntry: Sendable, Hashable {
    /// Path relative to the walked folder, with `/` separators.
    public var relativePath: String
    /// The path shown in diagnostics.
    public var displayPath: String
    /// The path on disk (inside the real path of the walked folder).
    public var absolutePath: String
    public var size: Int
}

/// The one walk of a folder the user gives (content, theme): only regular files inside it are listed; every symbolic
/// link is reported at its path and never followed, so nothing outside the folder can be read through it.
public enum FolderWalk {
    public enum Policy: Sendable {
        /// The content folder: hidden files skipped; a link inside the folder is ignored with a warning (its target
        /// is read where it is), one that leaves it is an error; pipes, sockets and devices are skipped.
        case content
        /// The theme folder: nothing skipped, and every link, pipe, socket or device is an error (the templates are
        /// read by name, so a link could not be ignored).
        case theme
    }

    /// Every regular file under `root` (a real path, links resolved), sorted by relative path. `display` is how the
    /// folder is shown in diagnostics, `folder` how it is named in messages ("content folder").
    public static func regularFiles(root: String, display: String, folder: Bilingual, policy: Policy)
        -> (files: [FolderEntry], diagnostics: [Diagnostic]) {
        var walk = Walk(root: root, display: display, folder: folder, policy: policy)
        walk.visit(directory: root, relative: "")
        return (walk.files.sorted { $0.relativePath < $1.relativePath }, walk.diagnostics)
    }

    struct Walk {
        let root: String
        let display: String
        let folder: Bilingual
        let policy: Policy
        var files: [FolderEntry] = []
        var diagnostics: [Diagnostic] = []

        mutating func visit(directory: String, relative: String) {
            let names: [(name: String, validUTF8: Bool)]
            switch FolderWalk.list(directory) {
            case .success(let listed): names = listed
            case .failure(let error):
                let code = error.code
                // Reported at the walked folder itself, so it sorts before every diagnostic of a file in it: the
                // records it holds are missing, and the references to them that fail are its consequences.
                let shown = relative.isEmpty ? display : display + "/" + relative
                diagnostics.append(.error("file-unreadable", display, .start,
                                          Bilingual(fr: "le dossier «\u{A0}\(shown)\u{A0}» ne peut pas être lu (\(FolderWalk.reasonFr(code)))",
                                                    en: "the folder '\(shown)' cannot be read (\(FolderWalk.reason(code)))"),
                                          hint: Bilingual(fr: "vérifiez ses droits d’accès\u{A0}; rien n’y a été lu, et ce qui y renvoie est signalé manquant plus bas",
                                                          en: "check its permissions; nothing in it was read, so what refers to it is reported missing below")))
                return
            }
            for entry in names.sorted(by: { $0.name < $1.name }) {
                let name = entry.name
                if policy == .content && name.hasPrefix(".") { continue }
                let path = directory + "/" + name
                let rel = relative.isEmpty ? name : relative + "/" + name
                let shown = display + "/" + rel
                guard entry.validUTF8 else {
                    diagnostics.append(.error("file-name-not-utf8", shown, .start,
                                              Bilingual(fr: "le nom du fichier n’est pas en UTF-8", en: "the file name is not valid UTF-8"),
                                              hint: Bilingual(fr: "renommez-le (il vient sans doute d’un vieux système ou d’une archive)",
                                                              en: "rename it (it was probably copied from an old system or an archive)")))
                    continue
                }
                var info = stat()
                guard lstat(path, &info) == 0 else {
                    let code = errno
                    if code != ENOENT {  // Removed since the folder was listed: nothing to read.
                        diagnostics.append(RegularFile.unreadable(shown, code))
                    }
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFLNK:
                    link(path: path, in: directory, shown: shown)
                case S_IFDIR:
                    visit(directory: path, relative: rel)
                case S_IFREG:
                    files.append(FolderEntry(relativePath: rel, displayPath: shown, absolutePath: path, size: Int(info.st_size)))
                default:
                    if policy == .theme {
                        diagnostics.append(.error("file-not-regular", shown, .start,
                                                  Bilingual(fr: "ce n’est pas un fichier ordinaire (un tube, une socket ou un périphérique)",
                                                            en: "not a regular file (a pipe, socket or device)"),
                                                  hint: Bilingual(fr: "supprimez-le du \(folder.fr)", en: "remove it from the \(folder.en)")))
                    }
                }
            }
        }

        /// A symbolic link is never followed: it is reported, as an error unless it is a harmless duplicate in the content.
        mutating func link(path: String, in directory: String, shown: String) {
            guard let resolved = FolderWalk.realPath(path) else {
                diagnostics.append(.error("symlink-broken", shown, .start,
                                          Bilingual(fr: "lien symbolique cassé ou qui tourne en boucle", en: "broken or looping symbolic link"),
                                          hint: Bilingual(fr: "le lien pointe vers un fichier qui n’existe pas, ou vers lui-même par d’autres liens\u{A0}; supprimez-le",
                                                          en: "the link points to a file that does not exist, or to itself through other links; remove it")))
                return
            }
            guard resolved == root || resolved.hasPrefix(root + "/") else {
                diagnostics.append(.error("symlink-refused", shown, .start,
                                          Bilingual(fr: "le lien symbolique pointe hors du \(folder.fr)\u{A0}: \(resolved)",
                                                    en: "symbolic link points outside the \(folder.en): \(resolved)"),
                                          hint: Bilingual(fr: "copiez le fichier dans le \(folder.fr) au lieu d’y faire un lien",
                                                          en: "copy the file into the \(folder.en) instead of linking to it")))
                return
            }
            let relativeTarget = resolved == root ? display : display + "/" + String(resolved.dropFirst(root.count + 1))
            if policy == .theme {
                diagnostics.append(.error("symlink-refused", shown, .start,
                                          Bilingual(fr: "lien symbolique vers «\u{A0}\(relativeTarget)\u{A0}»\u{A0}: les fichiers du \(folder.fr) ne sont lus que s’ils sont des fichiers ordinaires",
                                                    en: "symbolic link to '\(relativeTarget)': files of the \(folder.en) are read only as regular files"),
                                          hint: Bilingual(fr: "remplacez le lien par une copie du fichier vers lequel il pointe",
                                                          en: "replace the link with a copy of the file it points to")))
                return
            }
            let linkFolder = FolderWalk.realPath(directory) ?? directory
            var targetInfo = stat()
            if stat(resolved, &targetInfo) == 0, (targetInfo.st_mode & S_IFMT) == S_IFDIR,
               linkFolder == resolved || linkFolder.hasPrefix(resolved + "/") {
                diagnostics.append(.error("symlink-broken", shown, .start,
                                          Bilingual(fr: "lien symbolique en boucle\u{A0}: il pointe vers «\u{A0}\(relativeTarget)\u{A0}», un dossier qui le contient",
                                                    en: "symbolic link loop: it points to '\(relativeTarget)', a folder that contains it"),
                                          hint: Bilingual(fr: "supprimez le lien", en: "remove the link")))
            } else {
                // Everything inside the folder is read where it really is: a link would read it twice.
                diagnostics.append(.warning("symlink-ignored", shown, .start,
                                            Bilingual(fr: "lien symbolique ignoré\u{A0}: il pointe vers «\u{A0}\(relativeTarget)\u{A0}», qui fait déjà partie du \(folder.fr)",
                                                      en: "ignored: symbolic link to '\(relativeTarget)', which is already part of the \(folder.en)"),
                                            hint: Bilingual(fr: "supprimez le lien\u{A0}; le fichier ou le dossier vers lequel il pointe est lu là où il est",
                                                            en: "remove the link; the file or folder it points to is read where it is")))
            }
        }
    }

    /// The names in a folder (without `.` and `..`), each with whether its bytes are valid UTF-8, or the `errno` of the failure.
    static func list(_ path: String) -> Result<[(name: String, validUTF8: Bool)], SystemError> {
        guard let folder = opendir(path) else { return .failure(SystemError(code: errno)) }
        defer { closedir(folder) }
        var names: [(name: String, validUTF8: Bool)] = []
        while true {
            errno = 0
            guard let entry = readdir(folder) else {
                if errno != 0 { return .failure(SystemError(code: errno)) }
                break
            }
            let bytes: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            let valid = String(validating: bytes, as: UTF8.self)
            names.append((valid ?? String(decoding: bytes, as: UTF8.self), valid != nil))
        }
        return .success(names)
    }

    /// An `errno` value.
    struct SystemError: Error {
        var code: Int32
    }

    /// The system's sentence for an `errno` ("Permission denied").
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// The reason in French for the common cases, the system's words otherwise.
    static func reasonFr(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "accès refusé"
        case ENOENT: "introuvable"
        case EISDIR: "c’est un dossier"
        case ENOTDIR: "ce n’est pas un dossier"
        case EIO: "erreur de lecture du disque"
        default: "erreur système\u{A0}: \(reason(code))"
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Reads a file found by `FolderWalk` as what it was found to be: a regular file, not through a link (one put in its
/// place since the walk is refused), within a size limit checked before reading.
public enum RegularFile {
    /// A size in megabytes with one decimal, rounded up ("5.1"), as the limit messages print it.
    public static func megabytes(_ bytes: Int) -> String {
        String((Double(bytes) / 1_048_576 * 10).rounded(.up) / 10)
    }

    /// « le fichier fait 5,1 Mo, plus que la limite de 5 Mo pour une fiche » / "the file is 5.1 MB, over the 5 MB limit
    /// for a record". `what` names the kind of file with its indefinite article; media files have their own rule.
    public static func tooLarge(file: String, size: Int, limit: Int, what: Bilingual, hint: Bilingual,
                                rule: String = "file-too-large") -> Diagnostic {
        let size = megabytes(size)
        return .error(rule, file, .start,
                      Bilingual(fr: "le fichier fait \(size.replacingOccurrences(of: ".", with: ","))\u{A0}Mo, plus que la limite de \(limit / 1_048_576)\u{A0}Mo pour \(what.fr)",
                                en: "the file is \(size) MB, over the \(limit / 1_048_576) MB limit for \(what.en)"),
                      hint: hint)
    }

    /// « le fichier ne peut pas être lu (accès refusé) ».
    static func unreadable(_ file: String, _ code: Int32) -> Diagnostic {
        .error("file-unreadable", file, .start,
               Bilingual(fr: "le fichier ne peut pas être lu (\(FolderWalk.reasonFr(code)))", en: "the file cannot be read (\(FolderWalk.reason(code)))"),
               hint: Bilingual(fr: "vérifiez ses droits d’accès", en: "check its permissions"))
    }

    /// The file's bytes, or the diagnostic (at `file`) saying why it cannot be read. `what` names the kind of file in the
    /// size message ("a record"), `largeHint` says what to do about it.
    public static func read(_ path: String, file: String, limit: Int, what: Bilingual, largeHint: Bilingual,
                            largeRule: String = "file-too-large") -> Result<[UInt8], Diagnostic> {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP {
                return .failure(.error("symlink-refused", file, .start,
                                       Bilingual(fr: "lien symbolique refusé\u{A0}: les fichiers sont lus là où ils sont, jamais à travers un lien",
                                                 en: "symbolic link refused: files are read only where they are, not through links"),
                                       hint: Bilingual(fr: "remplacez le lien par une copie du fichier vers lequel il pointe",
                                                       en: "replace the link with a copy of the file it points to")))
            }
            return .failure(unreadable(file, code))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(.error("file-not-regular", file, .start,
                                   Bilingual(fr: "ce n’est pas un fichier ordinaire (un tube, une socket ou un périphérique)",
                                             en: "not a regular file (a pipe, socket or device)"),
                                   hint: Bilingual(fr: "supprimez-le", en: "remove it")))
        }
        func tooLarge(_ size: Int) -> Result<[UInt8], Diagnostic> {
            .failure(self.tooLarge(file: file, size: size, limit: limit, what: what, hint: largeHint, rule: largeRule))
        }
        let size = Int(info.st_size)
        if size > limit { return tooLarge(size) }
        // One byte more than the limit is asked for, so a file that grew since it was measured is still caught.
        var bytes = [UInt8](repeating: 0, count: min(size, limit) + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(unreadable(file, errno))
            }
            if got == 0 { break }
            count += got
            if count == bytes.count && count <= limit { bytes += [UInt8](repeating: 0, count: min(65_536, limit + 1 - count)) }
        }
        if count > limit { return tooLarge(count) }
        bytes.removeLast(bytes.count - count)
        return .success(bytes)
    }
}

private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #elseif canImport(Musl)
    Musl.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}
