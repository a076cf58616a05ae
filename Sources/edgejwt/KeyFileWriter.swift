#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Writes a key file so that readers see either nothing or the whole content, even across a
/// crash: a temporary file in the same directory, `fsync`, then a rename (or, when the
/// destination must not be replaced, a hard link, which fails if it exists), then `fsync` of
/// the directory. Unlike the core's `AtomicFile.replace`, it can refuse to replace atomically
/// and sets mode 0600 whatever the umask.
enum KeyFileWriter {
    /// Writes `bytes` to `path`.
    /// - Parameters:
    ///   - bytes: The content.
    ///   - path: The destination.
    ///   - mode: The permission bits. `0o600` is applied exactly, whatever the umask; other modes
    ///     are narrowed by the umask as usual.
    ///   - replace: Whether an existing file may be replaced. When `false` the final step fails
    ///     if `path` exists, even if it appeared after any earlier check.
    /// - Throws: ``CLIError`` naming the path and the system's reason.
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t, replace: Bool) throws(CLIError) {
        let directory = directoryName(of: path)
        let temporary = directory + "/." + baseName(of: path) + ".tmp-" + String(UInt32.random(in: .min ... .max), radix: 16)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("cannot create a temporary file in \(directory)") }
        var succeeded = false
        defer { if !succeeded { unlink(temporary) } }
        do {
            defer { close(descriptor) }
            if mode == 0o600, fchmod(descriptor, mode) != 0 { throw failure("cannot set the mode of \(temporary)") }
            try writeAll(bytes, to: descriptor, path: temporary)
            guard fsync(descriptor) == 0 else { throw failure("cannot flush \(temporary) to disk") }
        }
        if replace {
            guard rename(temporary, path) == 0 else { throw failure("cannot write \(path)") }
        } else {
            guard link(temporary, path) == 0 else {
                throw errno == EEXIST ? CLIError("\(path) already exists; use --force to replace it") : failure("cannot write \(path)")
            }
            unlink(temporary)
        }
        succeeded = true
        syncDirectory(directory)
    }

    /// Whether something (a file, a directory, a dangling symbolic link) is at `path`.
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(CLIError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write \(path)")
            }
            offset += written
        }
    }

    /// `write(2)`, which this type's own `write` hides.
    private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, buffer, count)
        #elseif canImport(Musl)
        Musl.write(descriptor, buffer, count)
        #endif
    }

    /// Makes the rename durable. Best effort: the file itself is already complete on disk.
    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    private static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    private static func failure(_ message: String) -> CLIError {
        CLIError("\(message): \(String(cString: strerror(errno)))")
    }
}
