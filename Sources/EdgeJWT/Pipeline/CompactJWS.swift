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
        (header, payload, signature) = token.withUnsafeBufferPointer { bytes in
            (Self.decode(layout.header(of: bytes)), Self.decode(layout.payload(of: bytes)), Self.decode(layout.signature(of: bytes)))
        }
    }

    /// A segment that ``CompactJWSLayout`` has already checked, decoded into a new array.
    private static func decode(_ segment: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard let bytes = Base64URL.decode(buffer: segment) else {
            preconditionFailure("CompactJWSLayout let a non-canonical segment through")
        }
        return bytes
    }
}

/// Steps 1–2 on borrowed bytes: where the three segments of a compact JWS are, each checked to
/// be strict base64url, without copying or decoding anything (the verifier's hot path; the
/// rules and messages are ``CompactJWS``'s). Does not allocate unless it throws.
struct CompactJWSLayout {
    /// The offset of the first `.`.
    let firstDot: Int
    /// The offset of the second `.`: the signing input is the bytes before it.
    let secondDot: Int
    /// The token's length.
    let count: Int

    /// Finds and checks the segments.
    /// - Parameters:
    ///   - token: The token bytes.
    ///   - limits: The size bound, checked first.
    /// - Throws: `token_too_large`, or `malformed_token` for anything but three strict base64url segments.
    init(_ token: UnsafeBufferPointer<UInt8>, limits: VerifierOptions.Limits) throws(VerificationError) {
        guard token.count <= limits.maxTokenBytes else {
            throw VerificationError(.tokenTooLarge, "token is \(token.count) bytes; the limit is \(limits.maxTokenBytes)")
        }
        var dots = (first: -1, second: -1)
        var dotCount = 0
        var offset = 0
        while offset < token.count {
            // The first byte that is not base64url, from `offset` on: a dot, another byte, or none.
            offset = Base64URL.firstNonAlphabetByte(in: token, from: offset)
            guard offset < token.count else { break }
            guard token[offset] == UInt8(ascii: ".") else {
                throw VerificationError(.malformedToken, "byte \(offset) is outside the base64url alphabet")
            }
            dotCount += 1
            guard dotCount <= 2 else {
                throw VerificationError(.malformedToken, "a compact JWS has exactly 3 segments (JWE and other forms are not accepted)")
            }
            if dotCount == 1 { dots.first = offset } else { dots.second = offset }
            offset += 1
        }
        guard dotCount == 2 else {
            throw VerificationError(.malformedToken, "a compact JWS has exactly 3 segments, this has \(dotCount + 1)")
        }
        firstDot = dots.first
        secondDot = dots.second
        count = token.count
        try Self.checkCanonical(header(of: token), "header")
        try Self.checkCanonical(payload(of: token), "payload")
        try Self.checkCanonical(signature(of: token), "signature")
    }

    private static func checkCanonical(_ segment: UnsafeBufferPointer<UInt8>, _ name: StaticString) throws(VerificationError) {
        guard Base64URL.isCanonical(alphabetBytes: segment) else {
            throw VerificationError(.malformedToken, "\(name) is not strict base64url")
        }
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
            precondition(decoded, "CompactJWSLayout let a non-canonical segment through")
            return try body(DecodedSegments(header: UnsafeBufferPointer(header), payload: UnsafeBufferPointer(payload), signature: UnsafeBufferPointer(signature)))
        }
    }
}
