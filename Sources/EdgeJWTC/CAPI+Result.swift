internal import EdgeJWT

// edgejwt_verify and the result functions of include/edgejwt.h (docs/c-api.md).

/// `edgejwt_verify`: verifies one token with the verifier's current configuration.
/// - Parameters:
///   - verifier: The handle; any number of threads may verify with it at once.
///   - token: The token's bytes (not NUL-terminated).
///   - tokenLength: Their number.
///   - now: Unix seconds to evaluate at (raised to the time floor, if any), or
///     `EDGEJWT_NOW_FROM_CLOCK` (-1) for the system clock.
///   - result: In: `NULL` for a new result or an existing one to reuse. Out: the result, which
///     the caller frees with `edgejwt_result_free` whatever the return code.
/// - Returns: `EDGEJWT_OK`, the rejection's verification code, or a usage code (also stored in
///   the result, with a detail).
@_cdecl("edgejwt_verify")
public func edgejwt_verify(
    _ verifier: OpaquePointer?, _ token: UnsafePointer<UInt8>?, _ tokenLength: Int, _ now: Double,
    _ result: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    guard let result else { return CAPICode.nullArgument.rawValue }
    let outcome: VerificationResult
    if let existing = result.pointee {
        outcome = Handles.borrow(existing, as: VerificationResult.self)
    } else {
        outcome = VerificationResult()
        result.pointee = Handles.retain(outcome)
    }
    do throws(CAPIFailure) {
        let handle = try verifierHandle(verifier)
        guard now == VerifierHandle.clockTime || (now >= 0 && now <= NumericDate.latest) else {
            throw CAPIFailure(.invalidArgument, "now must be Unix seconds from 0 to 253402300799, or EDGEJWT_NOW_FROM_CLOCK")
        }
        guard let bytes = try CInput.bytes(token, tokenLength, "token") else {
            throw CAPIFailure(.nullArgument, "token is NULL")
        }
        handle.verify(bytes.assumingMemoryBound(to: UInt8.self), now: now, into: outcome)
    } catch {
        outcome.fail(error)
    }
    return outcome.code
}

/// `edgejwt_result_free`: frees a result and every text it lent (`NULL` is ignored).
/// - Parameter result: The result.
@_cdecl("edgejwt_result_free")
public func edgejwt_result_free(_ result: OpaquePointer?) {
    guard let result else { return }
    Handles.release(result, as: VerificationResult.self)
}

/// `edgejwt_result_code`: the code of the last verification into the result.
/// - Parameter result: The result.
/// - Returns: Its code; `EDGEJWT_NULL_ARGUMENT` for `NULL`.
@_cdecl("edgejwt_result_code")
public func edgejwt_result_code(_ result: OpaquePointer?) -> Int32 {
    guard let result else { return CAPICode.nullArgument.rawValue }
    return Handles.borrow(result, as: VerificationResult.self).code
}

/// `edgejwt_result_detail`: why the token was refused (empty when it verified).
/// - Parameters:
///   - result: The result.
///   - text: Receives the borrowed, NUL-terminated text.
///   - length: Receives its length, or `NULL`.
/// - Returns: `EDGEJWT_OK` or `EDGEJWT_NULL_ARGUMENT`.
@_cdecl("edgejwt_result_detail")
public func edgejwt_result_detail(
    _ result: OpaquePointer?, _ text: UnsafeMutablePointer<UnsafePointer<CChar>?>?, _ length: UnsafeMutablePointer<Int>?
) -> Int32 {
    lend(result, text, length) { $0.detail }
}

/// `edgejwt_result_kid`: the `kid` of the pinned key that verified the token.
/// - Parameters:
///   - result: The result.
///   - text: Receives the borrowed text, or `NULL`.
///   - length: Receives its length, or `NULL`.
/// - Returns: `EDGEJWT_OK`, `EDGEJWT_NOT_FOUND` (rejected, or the key has no `kid`), or
///   `EDGEJWT_NULL_ARGUMENT`.
@_cdecl("edgejwt_result_kid")
public func edgejwt_result_kid(
    _ result: OpaquePointer?, _ text: UnsafeMutablePointer<UnsafePointer<CChar>?>?, _ length: UnsafeMutablePointer<Int>?
) -> Int32 {
    lend(result, text, length) { $0.verified?.keyID }
}

/// `edgejwt_result_subject`: the verified `sub` claim.
/// - Parameters:
///   - result: The result.
///   - text: Receives the borrowed text, or `NULL`.
///   - length: Receives its length, or `NULL`.
/// - Returns: `EDGEJWT_OK`, `EDGEJWT_NOT_FOUND`, or `EDGEJWT_NULL_ARGUMENT`.
@_cdecl("edgejwt_result_subject")
public func edgejwt_result_subject(
    _ result: OpaquePointer?, _ text: UnsafeMutablePointer<UnsafePointer<CChar>?>?, _ length: UnsafeMutablePointer<Int>?
) -> Int32 {
    lend(result, text, length) { $0.verified?.claims.subject }
}

/// `edgejwt_result_issuer`: the verified `iss` claim.
/// - Parameters:
///   - result: The result.
///   - text: Receives the borrowed text, or `NULL`.
///   - length: Receives its length, or `NULL`.
/// - Returns: `EDGEJWT_OK`, `EDGEJWT_NOT_FOUND`, or `EDGEJWT_NULL_ARGUMENT`.
@_cdecl("edgejwt_result_issuer")
public func edgejwt_result_issuer(
    _ result: OpaquePointer?, _ text: UnsafeMutablePointer<UnsafePointer<CChar>?>?, _ length: UnsafeMutablePointer<Int>?
) -> Int32 {
    lend(result, text, length) { $0.verified?.claims.issuer }
}

/// `edgejwt_result_claim_json`: one verified claim as compact JSON text, numbers as their literal.
/// - Parameters:
///   - result: The result.
///   - name: The claim name (UTF-8, compared exactly).
///   - nameLength: Its length.
///   - json: Receives the borrowed JSON text, or `NULL`.
///   - length: Receives its length, or `NULL`.
/// - Returns: `EDGEJWT_OK`, `EDGEJWT_NOT_FOUND`, or a usage code.
@_cdecl("edgejwt_result_claim_json")
public func edgejwt_result_claim_json(
    _ result: OpaquePointer?, _ name: UnsafeRawPointer?, _ nameLength: Int,
    _ json: UnsafeMutablePointer<UnsafePointer<CChar>?>?, _ length: UnsafeMutablePointer<Int>?
) -> Int32 {
    let claim: String
    do {
        claim = try CInput.text(name, nameLength, "name") ?? ""
    } catch {
        json?.pointee = nil
        length?.pointee = 0
        return error.code.rawValue
    }
    return lend(result, json, length) { $0.verified?.claims[claim]?.jsonText }
}

/// `edgejwt_result_header_json`: the verified protected header as compact JSON text.
/// - Parameters:
///   - result: The result.
///   - json: Receives the borrowed JSON text, or `NULL`.
///   - length: Receives its length, or `NULL`.
/// - Returns: `EDGEJWT_OK`, `EDGEJWT_NOT_FOUND` (rejected), or `EDGEJWT_NULL_ARGUMENT`.
@_cdecl("edgejwt_result_header_json")
public func edgejwt_result_header_json(
    _ result: OpaquePointer?, _ json: UnsafeMutablePointer<UnsafePointer<CChar>?>?, _ length: UnsafeMutablePointer<Int>?
) -> Int32 {
    lend(result, json, length) { $0.verified.map { JSONValue.object($0.header.object).jsonText } }
}

/// `edgejwt_result_claims_json`: every verified claim, as the compact JSON object.
/// - Parameters:
///   - result: The result.
///   - json: Receives the borrowed JSON text, or `NULL`.
///   - length: Receives its length, or `NULL`.
/// - Returns: `EDGEJWT_OK`, `EDGEJWT_NOT_FOUND` (rejected), or `EDGEJWT_NULL_ARGUMENT`.
@_cdecl("edgejwt_result_claims_json")
public func edgejwt_result_claims_json(
    _ result: OpaquePointer?, _ json: UnsafeMutablePointer<UnsafePointer<CChar>?>?, _ length: UnsafeMutablePointer<Int>?
) -> Int32 {
    lend(result, json, length) { $0.verified.map { JSONValue.object($0.claims.object).jsonText } }
}

/// Lends the text `read` picks from the result; `NULL` and 0 when there is none.
private func lend(
    _ result: OpaquePointer?, _ text: UnsafeMutablePointer<UnsafePointer<CChar>?>?, _ length: UnsafeMutablePointer<Int>?,
    _ read: (VerificationResult) -> String?
) -> Int32 {
    text?.pointee = nil
    length?.pointee = 0
    guard let result, let text else { return CAPICode.nullArgument.rawValue }
    let outcome = Handles.borrow(result, as: VerificationResult.self)
    guard let value = read(outcome) else { return CAPICode.notFound.rawValue }
    let (pointer, count) = outcome.lend(value)
    text.pointee = pointer
    length?.pointee = count
    return 0
}
