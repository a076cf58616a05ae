import EdgeJWT

/// The bytes of one `verify --stream` verdict line, appended to a buffer the caller reuses:
/// exactly what ``JSONOutput/valid(_:)`` and ``JSONOutput/rejected(_:flag:)`` print, without
/// building a `String` or a `JSONObject` per token.
///
/// Appending allocates only when the buffer has to grow; a stream's buffers reach their size
/// in the first batch and keep it.
enum StreamVerdict {
    /// Appends `{"valid":true,"kid":…,"header":{…},"claims":{…}}` and a newline.
    /// - Parameters:
    ///   - token: The verified token; `kid` is `null` when the key has none.
    ///   - output: The buffer to append to.
    static func appendValid(_ token: VerifiedToken, to output: inout [UInt8]) {
        append(#"{"valid":true,"kid":"#, to: &output)
        JSONOutput.string(token.keyID).write(to: &output)
        append(#","header":"#, to: &output)
        token.header.writeJSON(to: &output)
        append(#","claims":"#, to: &output)
        token.claims.writeJSON(to: &output)
        append("}\n", to: &output)
    }

    /// Appends `{"valid":false,"error":CODE,"detail":…}` and a newline.
    /// - Parameters:
    ///   - error: The rejection.
    ///   - output: The buffer to append to.
    static func appendRejected(_ error: VerificationError, to output: inout [UInt8]) {
        append(#"{"valid":false,"error":"#, to: &output)
        JSONValue.string(error.code.rawValue).write(to: &output)
        append(#","detail":"#, to: &output)
        JSONValue.string(error.detail).write(to: &output)
        append("}\n", to: &output)
    }

    private static func append(_ literal: StaticString, to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
}
