#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Step 1–2: a token's bytes split into the three segments of a compact JWS (RFC 7515 §7.1),
/// each strictly base64url-decoded.
///
/// JWE (five segments), the JSON serialization and anything outside `[A-Za-z0-9_-.]` are
/// refused. The signing input is a slice of the very bytes that were parsed.
struct CompactJWS {
    /// The token bytes before the second `.`: what the signature covers (RFC 7515 §5.2).
    let signingInput: ArraySlice<UInt8>
    /// The decoded protected header.
    let header: [UInt8]
    /// The decoded payload.
    let payload: [UInt8]
    /// The decoded signature (any length; its length is checked by the signature step).
    let signature: [UInt8]

    /// Splits and decodes a compact JWS.
    /// - Parameters:
    ///   - token: The token bytes.
    ///   - limits: The size bound, checked first.
    /// - Throws: `token_too_large`, or `malformed_token` for anything but three strict base64url segments.
    init(_ token: [UInt8], limits: VerifierOptions.Limits) throws(VerificationError) {
        let layout = try token.withUnsafeBufferPointer { (bytes) throws(VerificationError) in
            try CompactJWSLayout(bytes, limits: limits)
        }
        signingInput = token[..<layout.secondDot]
        let decoded = token.withUnsafeBufferPointer { bytes in
            (Base64URL.decode(buffer: layout.header(of: bytes)), Base64URL.decode(buffer: layout.payload(of: bytes)),
             Base64URL.decode(buffer: layout.signature(of: bytes)))
        }
        guard let header = decoded.0, let payload = decoded.1, let signature = decoded.2 else {
            throw token.withUnsafeBufferPointer { CompactJWSLayout.strictError($0) }
        }
        (self.header, self.payload, self.signature) = (header, payload, signature)
    }
}

/// Steps 1–2 on borrowed bytes: where the three segments of a compact JWS are, without copying
/// anything (the verifier's hot path; the rules and messages are ``CompactJWS``'s). Does not
/// allocate unless it throws.
///
/// The fast path finds the dots with `memchr` and leaves the alphabet to the decoder, which
/// checks every byte anyway; whenever either finds a problem, ``strictError(_:)`` scans the token
/// byte by byte, as the rules are written, and names the first violation.
struct CompactJWSLayout {
    /// The offset of the first `.`.
    let firstDot: Int
    /// The offset of the second `.`: the signing input is the bytes before it.
    let secondDot: Int
    /// The token's length.
    let count: Int

    /// Finds the segments and checks their lengths and trailing bits; their alphabet is
    /// checked by ``withDecodedSegments(of:_:)``.
    /// - Parameters:
    ///   - token: The token bytes.
    ///   - limits: The size bound, checked first.
    /// - Throws: `token_too_large`, or `malformed_token` for anything but three strict base64url segments.
    init(_ token: UnsafeBufferPointer<UInt8>, limits: VerifierOptions.Limits) throws(VerificationError) {
        guard token.count <= limits.maxTokenBytes else {
            throw VerificationError(.tokenTooLarge, "token is \(token.count) bytes; the limit is \(limits.maxTokenBytes)")
        }
        guard let first = Self.dot(in: token, from: 0), let second = Self.dot(in: token, from: first + 1),
            Self.dot(in: token, from: second + 1) == nil
        else { throw Self.strictError(token) }
        firstDot = first
        secondDot = second
        count = token.count
        guard Base64URL.isCanonical(alphabetBytes: header(of: token)), Base64URL.isCanonical(alphabetBytes: payload(of: token)),
            Base64URL.isCanonical(alphabetBytes: signature(of: token))
        else { throw Self.strictError(token) }
    }

    /// The offset of the first `.` at or after `start`.
    private static func dot(in token: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < token.count, let base = token.baseAddress,
            let found = memchr(base + start, Int32(UInt8(ascii: ".")), token.count - start)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// The error for a token the fast path refused, found by checking the rules in order: each
    /// byte is base64url or one of at most two dots; three segments; each strict base64url.
    static func strictError(_ token: UnsafeBufferPointer<UInt8>) -> VerificationError {
        var dots: [Int] = []
        for (offset, byte) in token.enumerated() {
            if byte == UInt8(ascii: ".") {
                dots.append(offset)
                guard dots.count <= 2 else {
                    return VerificationError(.malformedToken, "a compact JWS has exactly 3 segments (JWE and other forms are not accepted)")
                }
            } else if !Base64URL.isAlphabetByte(byte) {
                return VerificationError(.malformedToken, "byte \(offset) is outside the base64url alphabet")
            }
        }
        guard dots.count == 2 else {
            return VerificationError(.malformedToken, "a compact JWS has exactly 3 segments, this has \(dots.count + 1)")
        }
        let segments = [("header", 0..<dots[0]), ("payload", (dots[0] + 1)..<dots[1]), ("signature", (dots[1] + 1)..<token.count)]
        for (name, range) in segments where !Base64URL.isCanonical(alphabetBytes: UnsafeBufferPointer(rebasing: token[range])) {
            return VerificationError(.malformedToken, "\(name) is not strict base64url")
        }
        preconditionFailure("strictError(_:) called for a well-formed compact JWS")
    }

    /// The signing input (RFC 7515 §5.2): `token` before the second `.`.
    func signingInput(of token: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: token[..<secondDot])
    }

    /// The encoded header segment of `token`.
    func header(of token: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: token[..<firstDot])
    }

    /// The encoded payload segment of `token`.
    func payload(of token: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: token[(firstDot + 1)..<secondDot])
    }

    /// The encoded signature segment of `token`.
    func signature(of token: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: token[(secondDot + 1)...])
    }

    /// The three segments of a token, decoded into scratch space that ``withDecodedSegments(of:_:)``
    /// owns: valid only inside its closure.
    struct DecodedSegments {
        /// The protected header's bytes (JSON).
        let header: UnsafeBufferPointer<UInt8>
        /// The payload's bytes (JSON).
        let payload: UnsafeBufferPointer<UInt8>
        /// The signature's bytes (any length).
        let signature: UnsafeBufferPointer<UInt8>
    }

    /// Decodes the three segments of `token` (the bytes this layout was made from) into one
    /// temporary buffer, on the stack when they fit in 1 KiB, and calls `body` with them.
    /// - Parameters:
    ///   - token: The same bytes given to ``init(_:limits:)``.
    ///   - body: Receives the decoded segments; must not let them escape.
    /// - Throws: `malformed_token` when a segment holds a byte outside the base64url alphabet
    ///   (before `body` runs), or whatever `body` throws.
    func withDecodedSegments<Result>(
        of token: UnsafeBufferPointer<UInt8>,
        _ body: (DecodedSegments) throws(VerificationError) -> Result
    ) throws(VerificationError) -> Result {
        precondition(token.count == count)
        let headerCount = Base64URL.decodedByteCount(firstDot)!
        let payloadCount = Base64URL.decodedByteCount(secondDot - firstDot - 1)!
        let signatureCount = Base64URL.decodedByteCount(count - secondDot - 1)!
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: headerCount + payloadCount + signatureCount) {
            (scratch) throws(VerificationError) in
            let header = UnsafeMutableBufferPointer(rebasing: scratch[..<headerCount])
            let payload = UnsafeMutableBufferPointer(rebasing: scratch[headerCount..<(headerCount + payloadCount)])
            let signature = UnsafeMutableBufferPointer(rebasing: scratch[(headerCount + payloadCount)...])
            let decoded =
                Base64URL.decode(self.header(of: token), into: header)
                && Base64URL.decode(self.payload(of: token), into: payload)
                && Base64URL.decode(self.signature(of: token), into: signature)
            guard decoded else { throw Self.strictError(token) }
            return try body(DecodedSegments(header: UnsafeBufferPointer(header), payload: UnsafeBufferPointer(payload), signature: UnsafeBufferPointer(signature)))
        }
    }
}
