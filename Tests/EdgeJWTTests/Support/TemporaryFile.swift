#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A file under /tmp holding given bytes, removed by ``remove()``.
struct TemporaryFile {
    let path: String

    /// Writes `bytes` to a new file with a unique name.
    init(_ bytes: [UInt8]) throws {
        var template = Array("/tmp/edgejwt-tests-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw Failure(reason: "mkstemp failed") }
        defer { close(descriptor) }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw Failure(reason: "short write to \(path)") }
    }

    func remove() { unlink(path) }

    struct Failure: Error { let reason: String }
}
