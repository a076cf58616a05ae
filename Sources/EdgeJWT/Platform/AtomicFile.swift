#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Replaces a file so that a power cut leaves either the old or the new content, never a mix:
/// write a temporary file in the same directory, `fsync` it, `rename` it over the target, then
/// `fsync` the directory so the rename itself is durable.
package enum AtomicFile {
    /// Why a file could not be written.
    package struct WriteError: Error, Sendable, CustomStringConvertible {
        /// The target path.
        package let path: String
        /// What failed, in plain language (includes the system's message).
        package let reason: String
        /// `path: reason`.
        package var description: String { "\(path): \(reason)" }
    }

    /// Atomically replaces (or creates) `path` with `bytes`.
    /// - Parameters:
    ///   - path: The target file; its directory must exist.
    ///   - bytes: The new content.
    ///   - mode: Permission bits for the new file. Default `0o644`.
    /// - Throws: ``WriteError``; the target is then untouched and no temporary file is left behind.
    package static func replace(_ path: String, with bytes: [UInt8], mode: UInt32 = 0o644) throws(WriteError) {
        let directory = Self.directory(of: path)
        let temporary = "\(path).tmp-\(getpid())-\(Self.counter.next())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode))
        guard descriptor >= 0 else { throw failure(path, "cannot create a temporary file") }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let error = failure(path, "write failed")
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += count
        }
        guard fsync(descriptor) == 0 else {
            let error = failure(path, "fsync failed")
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let error = failure(path, "rename failed")
            unlink(temporary)
            throw error
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else { throw failure(path, "cannot open the directory to fsync it") }
        defer { close(directoryDescriptor) }
        guard fsync(directoryDescriptor) == 0 else { throw failure(path, "fsync of the directory failed") }
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func failure(_ path: String, _ what: String) -> WriteError {
        WriteError(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }

    private static let counter = TemporaryNameCounter()
}

import Synchronization

/// Distinct temporary names for concurrent writers in one process.
private final class TemporaryNameCounter: Sendable {
    private let value = Atomic<UInt64>(0)

    func next() -> UInt64 { value.wrappingAdd(1, ordering: .relaxed).newValue }
}
