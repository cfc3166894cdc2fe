#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Files the editor reads and writes: only regular files inside the content folder, reached without following a
/// symbolic link; written atomically (temporary file in the same folder, fsync, rename), the previous version kept
/// as a hidden `.<name>.precedent` beside it until the next save.
public struct SafeFiles: Sendable {
    /// The real path of the content folder.
    public let root: String

    public enum Failure: Error, Equatable, Sendable {
        /// The path is not a plain relative path of folders and a file name.
        case badPath
        /// A folder or the file is a symbolic link, or not what it should be.
        case notRegular(String)
        case exists
        case io(String)
    }

    public init?(content: String) {
        guard let real = realpath(content, nil) else { return nil }
        root = String(cString: real)
        free(real)
    }

    /// `projects/x.md`: segments of letters, digits, `-`, `_` and `.`, none hidden, none `..`.
    public static func isPlainRelative(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.isEmpty, segments.count <= 8 else { return false }
        return segments.allSatisfy { segment in
            !segment.isEmpty && segment.first != "." && segment.count <= 200
                && segment.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || $0 == "-" || $0 == "_" || $0 == "." }
        }
    }

    /// The absolute path of a file inside the content folder; every folder on the way must be a real folder (not a
    /// link), the file a regular file or absent. `create` makes the last folder when it is missing.
    public func resolve(_ relative: String, createFolder: Bool = false) -> Result<String, Failure> {
        guard Self.isPlainRelative(relative) else { return .failure(.badPath) }
        var segments = relative.split(separator: "/").map(String.init)
        let name = segments.removeLast()
        var folder = root
        for (index, segment) in segments.enumerated() {
            folder += "/" + segment
            var info = stat()
            if lstat(folder, &info) != 0 {
                guard createFolder, index == segments.count - 1, errno == ENOENT, mkdir(folder, 0o755) == 0 else {
                    return .failure(.notRegular(segment))
                }
                continue
            }
            guard info.st_mode & S_IFMT == S_IFDIR else { return .failure(.notRegular(segment)) }
        }
        // The folder reached must still be inside the root (nothing on the way was a link).
        guard let real = realpath(folder, nil) else { return .failure(.notRegular(folder)) }
        let realFolder = String(cString: real)
        free(real)
        guard realFolder == root || realFolder.hasPrefix(root + "/") else { return .failure(.notRegular(folder)) }
        let path = realFolder + "/" + name
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG { return .failure(.notRegular(name)) }
        return .success(path)
    }

    /// The text of a file inside the content folder (nil when absent, not regular or over 5 MB).
    public func read(_ relative: String) -> String? {
        guard case .success(let path) = resolve(relative) else { return nil }
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
            if bytes.count > 5 * 1024 * 1024 { return nil }
        }
        // Text that is not UTF-8 is not read (a build refuses it too): decoding it would replace its bytes and lose them.
        return String(bytes: bytes, encoding: .utf8)
    }

    /// The name of the previous version of a file: `.cap-ondaine.md.precedent` beside `cap-ondaine.md` (hidden, so
    /// never read as a record nor published).
    public static func previousName(_ relative: String) -> String {
        var segments = relative.split(separator: "/").map(String.init)
        let name = segments.removeLast()
        return (segments + ["." + name + ".precedent"]).joined(separator: "/")
    }

    /// Writes a file atomically. `createOnly`: refuse when it exists (a new record). An existing file's bytes are
    /// kept first as its previous version.
    public func write(_ relative: String, _ text: String, createOnly: Bool) -> Result<Void, Failure> {
        let resolved = resolve(relative, createFolder: true)
        guard case .success(let path) = resolved else {
            if case .failure(let failure) = resolved { return .failure(failure) }
            return .failure(.badPath)
        }
        var info = stat()
        let exists = lstat(path, &info) == 0
        if exists && createOnly { return .failure(.exists) }
        let folder = (path as NSString).deletingLastPathComponent
        if exists {
            guard let previous = read(relative) else { return .failure(.io("read")) }
            let previousPath = folder + "/." + (path as NSString).lastPathComponent + ".precedent"
            var previousInfo = stat()
            if lstat(previousPath, &previousInfo) == 0, previousInfo.st_mode & S_IFMT != S_IFREG { return .failure(.notRegular(previousPath)) }
            if case .failure(let failure) = Self.atomicWrite(previousPath, Array(previous.utf8), folder: folder) { return .failure(failure) }
        }
        if case .failure(let failure) = Self.atomicWrite(path, Array(text.utf8), folder: folder) { return .failure(failure) }
        return .success(())
    }

    static func atomicWrite(_ path: String, _ bytes: [UInt8], folder: String) -> Result<Void, Failure> {
        let random = UInt64.random(in: 0...UInt64.max)
        let temporary = folder + "/.passerelle-editeur-" + String(random, radix: 16) + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return .failure(.io(String(cString: strerror(errno)))) }
        var offset = 0
        var failed = false
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while offset < buffer.count {
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                offset += written
            }
        }
        if fsync(descriptor) != 0 { failed = true }
        close(descriptor)
        guard !failed, rename(temporary, path) == 0 else {
            unlink(temporary)
            return .failure(.io(String(cString: strerror(errno))))
        }
        let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
        return .success(())
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
private let systemWrite = Glibc.write
#elseif canImport(Musl)
private let systemRead = Musl.read
private let systemWrite = Musl.write
#else
private let systemRead = Darwin.read
private let systemWrite = Darwin.write
#endif
