#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads whole files with the C library, so the core needs no Foundation.
package enum FileBytes {
    /// Why a file could not be read.
    package struct ReadError: Error, Sendable, CustomStringConvertible {
        /// The path that was read.
        package let path: String
        /// What went wrong, in plain language.
        package let reason: String
        /// Whether the file does not exist (`ENOENT`).
        package let isMissingFile: Bool
        /// `path: reason`.
        package var description: String { "\(path): \(reason)" }
    }

    /// Reads a regular file completely.
    /// - Parameters:
    ///   - path: The file path.
    ///   - maxBytes: Refuse files larger than this (no unbounded reads of untrusted files).
    /// - Returns: The file's bytes.
    /// - Throws: ``ReadError`` when the file cannot be opened or read, or is too large.
    package static func contents(ofFile path: String, maxBytes: Int) throws(ReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(path: path, reason: systemError(), isMissingFile: errno == ENOENT) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, reason: systemError(), isMissingFile: false)
            }
            if count == 0 { return bytes }
            guard bytes.count + count <= maxBytes else {
                throw ReadError(path: path, reason: "larger than the limit of \(maxBytes) bytes", isMissingFile: false)
            }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}
