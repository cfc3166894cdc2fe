import Foundation
import PasserelleModel

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
        var diagnostics: [Diagnostic] = []
        let display = contentDirectory.hasSuffix("/") ? String(contentDirectory.dropLast()) : contentDirectory
        guard let rootReal = realPath(contentDirectory) else {
            return ([], [.error(display, .start, "the content folder '\(display)' does not exist",
                                hint: "run the command from the site's folder, or pass --content DIR")])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootReal, isDirectory: &isDirectory), isDirectory.boolValue else {
            return ([], [.error(display, .start, "'\(display)' is not a folder", hint: "pass the folder that holds site.yml with --content DIR")])
        }
        var files: [SourceFile] = []
        walk(directory: rootReal, relative: "", root: rootReal, display: display, files: &files, diagnostics: &diagnostics)
        return (files.sorted(), diagnostics)
    }

    private static func walk(directory: String, relative: String, root: String, display: String, files: inout [SourceFile],
                             diagnostics: inout [Diagnostic]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            diagnostics.append(.error(display + "/" + relative, .start, "the folder cannot be read", hint: "check its permissions"))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = directory + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            let shown = display + "/" + rel
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFLNK {
                guard let resolved = realPath(path) else {
                    diagnostics.append(.error(shown, .start, "broken or looping symbolic link",
                                              hint: "the link points to a file that does not exist, or to itself through other links; remove it"))
                    continue
                }
                guard resolved == root || resolved.hasPrefix(root + "/") else {
                    diagnostics.append(.error(shown, .start, "symbolic link points outside the content folder: \(resolved)",
                                              hint: "copy the file into the content folder instead of linking to it"))
                    continue
                }
                let relativeTarget = resolved == root ? display : display + "/" + String(resolved.dropFirst(root.count + 1))
                let linkFolder = realPath(directory) ?? directory
                var targetInfo = stat()
                if stat(resolved, &targetInfo) == 0, (targetInfo.st_mode & S_IFMT) == S_IFDIR,
                   linkFolder == resolved || linkFolder.hasPrefix(resolved + "/") {
                    diagnostics.append(.error(shown, .start, "symbolic link loop: it points to '\(relativeTarget)', a folder that contains it",
                                              hint: "remove the link"))
                } else {
                    // Everything inside the content folder is read where it really is: a link would read it twice.
                    diagnostics.append(.warning(shown, .start, "ignored: symbolic link to '\(relativeTarget)', which is already part of the content folder",
                                                hint: "remove the link; the file or folder it points to is read where it is"))
                }
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                walk(directory: path, relative: rel, root: root, display: display, files: &files, diagnostics: &diagnostics)
                continue
            }
            guard (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let role: SourceFile.Role
            if rel == "site.yml" {
                role = .siteSettings
            } else if rel == "indicators.yml" {
                role = .dictionary
            } else if rel.hasPrefix("media/") {
                role = .media
            } else if name.hasSuffix(".md") {
                role = .record
            } else {
                diagnostics.append(.warning(shown, .start, "ignored: not a record (.md), site.yml, indicators.yml or a file under media/",
                                            hint: "records end in .md; images and documents go under media/"))
                continue
            }
            files.append(SourceFile(relativePath: rel, displayPath: shown, absolutePath: path, role: role, size: Int(info.st_size)))
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
