import CZlib

/// Bounded decompression of the ZLIB data format (RFC 1950): a two-byte header, a DEFLATE
/// (RFC 1951) stream and an Adler-32 trailer. The only place EdgeJWT calls zlib.
///
/// A Token Status List's `lst` is "DEFLATE with the ZLIB data format"
/// (draft-ietf-oauth-status-list-20 §4.1 step 4), so exactly that is accepted: raw DEFLATE, gzip,
/// a preset dictionary, a bad checksum, a truncated stream and bytes after the end are refused.
///
/// Output is capped: the buffer grows in steps of at most ``chunkByteCount`` and never past
/// `maxOutputBytes`, and the first byte beyond the cap stops decompression, so a small input that
/// would expand to gigabytes (a "zip bomb") costs at most the cap in memory and the time to
/// produce it. Working memory besides the output: zlib's state and 32 KiB window, one chunk.
enum Inflate {
    /// Why a compressed byte string was refused.
    struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The kinds of refusal.
        enum Kind: Sendable, Hashable {
            /// The output would exceed the cap.
            case tooLarge
            /// Not a well-formed ZLIB stream: header, DEFLATE data or Adler-32 check.
            case corrupt
            /// The input ends before the stream does.
            case truncated
            /// Bytes follow the end of the stream.
            case trailingBytes
            /// The stream needs a preset dictionary (FDICT), which the format here never has.
            case presetDictionary
            /// zlib could not be set up (memory, version).
            case unavailable
        }

        /// The kind.
        let kind: Kind
        /// A plain-language explanation.
        let reason: String
        /// The reason.
        var description: String { reason }
    }

    /// Output produced per call into zlib: 16 KiB, on the stack.
    static let chunkByteCount = 16 * 1024

    /// Decompresses a complete ZLIB stream.
    /// - Parameters:
    ///   - compressed: The RFC 1950 stream, nothing before or after it.
    ///   - maxOutputBytes: Refuse, without allocating more, once the output would be larger.
    /// - Returns: The decompressed bytes (at most `maxOutputBytes`).
    /// - Throws: ``Failure`` (`tooLarge`, `corrupt`, `truncated`, `trailingBytes`,
    ///   `presetDictionary`, `unavailable`).
    static func zlib(_ compressed: [UInt8], maxOutputBytes: Int) throws(Failure) -> [UInt8] {
        precondition(maxOutputBytes >= 0)
        guard compressed.count <= Int(UInt32.max) else {
            throw Failure(kind: .tooLarge, reason: "the compressed input is larger than 4 GiB")
        }
        // zlib keeps a pointer to the stream in its state and checks it on every call, so the
        // stream lives at one fixed address rather than in a Swift variable that may move.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        let setup = inflateInit_(stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard setup == Z_OK else {
            throw Failure(kind: .unavailable, reason: "zlib inflateInit failed with code \(setup)")
        }
        defer { inflateEnd(stream) }

        var output: [UInt8] = []
        let result: Result<Void, Failure> = compressed.withUnsafeBufferPointer { input in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: chunkByteCount) { chunk in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.pointee.avail_in = UInt32(input.count)
                return run(stream, chunk: chunk, into: &output, maxOutputBytes: maxOutputBytes)
            }
        }
        try result.get()
        return output
    }

    /// The inflate loop: one chunk of output per call, appended under the cap.
    private static func run(
        _ stream: UnsafeMutablePointer<z_stream>,
        chunk: UnsafeMutableBufferPointer<UInt8>,
        into output: inout [UInt8],
        maxOutputBytes: Int
    ) -> Result<Void, Failure> {
        while true {
            stream.pointee.next_out = chunk.baseAddress
            stream.pointee.avail_out = UInt32(chunk.count)
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = chunk.count - Int(stream.pointee.avail_out)
            switch status {
            case Z_OK, Z_STREAM_END, Z_BUF_ERROR:
                break
            case Z_NEED_DICT:
                return .failure(Failure(kind: .presetDictionary, reason: "the zlib stream requires a preset dictionary"))
            case Z_DATA_ERROR:
                return .failure(Failure(kind: .corrupt, reason: "not a valid zlib (RFC 1950) stream: \(message(stream))"))
            case Z_MEM_ERROR:
                return .failure(Failure(kind: .unavailable, reason: "zlib ran out of memory"))
            default:
                return .failure(Failure(kind: .corrupt, reason: "zlib inflate failed with code \(status)"))
            }
            if produced > 0 {
                guard produced <= maxOutputBytes - output.count else {
                    return .failure(Failure(kind: .tooLarge, reason: "decompresses to more than the limit of \(maxOutputBytes) bytes"))
                }
                reserve(&output, adding: produced, limit: maxOutputBytes)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<produced]))
            }
            if status == Z_STREAM_END {
                guard stream.pointee.avail_in == 0 else {
                    return .failure(
                        Failure(kind: .trailingBytes, reason: "\(stream.pointee.avail_in) bytes follow the end of the zlib stream"))
                }
                return .success(())
            }
            // Fresh output space was offered, so no progress means the input ran out.
            if status == Z_BUF_ERROR || (stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0) {
                return .failure(Failure(kind: .truncated, reason: "the zlib stream ends early (truncated)"))
            }
        }
    }

    /// Grows `output` geometrically but never beyond `limit`.
    private static func reserve(_ output: inout [UInt8], adding count: Int, limit: Int) {
        let needed = output.count + count
        guard needed > output.capacity else { return }
        let doubled = max(output.capacity * 2, chunkByteCount)
        output.reserveCapacity(min(limit, max(needed, doubled)))
    }

    private static func message(_ stream: UnsafeMutablePointer<z_stream>) -> String {
        stream.pointee.msg.map { String(cString: $0) } ?? "no detail"
    }
}
