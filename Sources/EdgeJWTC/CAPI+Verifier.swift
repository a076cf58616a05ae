internal import EdgeJWT

// The verifier functions of include/edgejwt.h; docs/c-api.md documents each one. Every
// function checks its pointers and lengths first and reports failures through its return code
// and the caller's message buffer, never by trapping or through shared state.

/// `edgejwt_api_version`: the API version the library implements (`EDGEJWT_API_VERSION`).
/// - Returns: 1.
@_cdecl("edgejwt_api_version")
public func edgejwt_api_version() -> UInt32 { 1 }

/// `edgejwt_verifier_new`: a verifier from JWK Set bytes and configuration text.
/// - Parameters:
///   - jwks: The JWK Set's bytes (not NUL-terminated).
///   - jwksLength: Their number.
///   - configuration: JSON configuration text, or `NULL` with length 0 for the defaults.
///   - configurationLength: Its length in bytes.
///   - verifier: Receives the new handle, or `NULL` on failure.
///   - message: A buffer for the failure message, or `NULL`.
///   - messageSize: The buffer's size.
/// - Returns: `EDGEJWT_OK` or a C API code.
@_cdecl("edgejwt_verifier_new")
public func edgejwt_verifier_new(
    _ jwks: UnsafeRawPointer?, _ jwksLength: Int, _ configuration: UnsafeRawPointer?, _ configurationLength: Int,
    _ verifier: UnsafeMutablePointer<OpaquePointer?>?, _ message: UnsafeMutablePointer<CChar>?, _ messageSize: Int
) -> Int32 {
    makeVerifier(verifier, message, messageSize) { () throws(CAPIFailure) in
        let bytes = try CInput.bytes(jwks, jwksLength, "jwks").map { Array($0) } ?? []
        return try VerifierHandle.snapshot(
            keys: { () throws(KeySetError) in try PinnedKeySet(jwks: bytes) },
            configuration: try CInput.text(configuration, configurationLength, "config", allowsNull: true))
    }
}

/// `edgejwt_verifier_new_from_file`: a verifier from a JWK Set file and configuration text.
/// - Parameters:
///   - path: The JWK Set file's path (UTF-8, not NUL-terminated).
///   - pathLength: Its length in bytes.
///   - configuration: JSON configuration text, or `NULL` with length 0.
///   - configurationLength: Its length.
///   - verifier: Receives the new handle, or `NULL` on failure.
///   - message: A buffer for the failure message, or `NULL`.
///   - messageSize: The buffer's size.
/// - Returns: `EDGEJWT_OK` or a C API code.
@_cdecl("edgejwt_verifier_new_from_file")
public func edgejwt_verifier_new_from_file(
    _ path: UnsafeRawPointer?, _ pathLength: Int, _ configuration: UnsafeRawPointer?, _ configurationLength: Int,
    _ verifier: UnsafeMutablePointer<OpaquePointer?>?, _ message: UnsafeMutablePointer<CChar>?, _ messageSize: Int
) -> Int32 {
    makeVerifier(verifier, message, messageSize) { () throws(CAPIFailure) in
        let file = try CInput.text(path, pathLength, "path") ?? ""
        return try VerifierHandle.snapshot(
            keys: { () throws(KeySetError) in try PinnedKeySet(contentsOfFile: file) },
            configuration: try CInput.text(configuration, configurationLength, "config", allowsNull: true))
    }
}

/// `edgejwt_verifier_reload`: replaces a verifier's key set and configuration at once.
/// - Parameters:
///   - verifier: The handle.
///   - jwks: The new JWK Set's bytes.
///   - jwksLength: Their number.
///   - configuration: The new configuration text, or `NULL` with length 0.
///   - configurationLength: Its length.
///   - message: A buffer for the failure message, or `NULL`.
///   - messageSize: The buffer's size.
/// - Returns: `EDGEJWT_OK`, or a C API code with the old configuration still in place.
@_cdecl("edgejwt_verifier_reload")
public func edgejwt_verifier_reload(
    _ verifier: OpaquePointer?, _ jwks: UnsafeRawPointer?, _ jwksLength: Int, _ configuration: UnsafeRawPointer?,
    _ configurationLength: Int, _ message: UnsafeMutablePointer<CChar>?, _ messageSize: Int
) -> Int32 {
    reload(verifier, message, messageSize) { () throws(CAPIFailure) in
        let bytes = try CInput.bytes(jwks, jwksLength, "jwks").map { Array($0) } ?? []
        return try VerifierHandle.snapshot(
            keys: { () throws(KeySetError) in try PinnedKeySet(jwks: bytes) },
            configuration: try CInput.text(configuration, configurationLength, "config", allowsNull: true))
    }
}

/// `edgejwt_verifier_reload_from_file`: as `edgejwt_verifier_reload`, with the JWK Set from a file.
/// - Parameters:
///   - verifier: The handle.
///   - path: The JWK Set file's path.
///   - pathLength: Its length.
///   - configuration: The new configuration text, or `NULL` with length 0.
///   - configurationLength: Its length.
///   - message: A buffer for the failure message, or `NULL`.
///   - messageSize: The buffer's size.
/// - Returns: `EDGEJWT_OK`, or a C API code with the old configuration still in place.
@_cdecl("edgejwt_verifier_reload_from_file")
public func edgejwt_verifier_reload_from_file(
    _ verifier: OpaquePointer?, _ path: UnsafeRawPointer?, _ pathLength: Int, _ configuration: UnsafeRawPointer?,
    _ configurationLength: Int, _ message: UnsafeMutablePointer<CChar>?, _ messageSize: Int
) -> Int32 {
    reload(verifier, message, messageSize) { () throws(CAPIFailure) in
        let file = try CInput.text(path, pathLength, "path") ?? ""
        return try VerifierHandle.snapshot(
            keys: { () throws(KeySetError) in try PinnedKeySet(contentsOfFile: file) },
            configuration: try CInput.text(configuration, configurationLength, "config", allowsNull: true))
    }
}

/// `edgejwt_verifier_free`: releases a verifier handle (`NULL` is ignored).
/// - Parameter verifier: The handle; no other thread may use it any more.
@_cdecl("edgejwt_verifier_free")
public func edgejwt_verifier_free(_ verifier: OpaquePointer?) {
    guard let verifier else { return }
    Handles.release(verifier, as: VerifierHandle.self)
}

/// `edgejwt_verifier_install_status_list`: verifies and installs a Status List Token.
/// - Parameters:
///   - verifier: The handle.
///   - token: The compact Status List Token (UTF-8).
///   - tokenLength: Its length.
///   - message: A buffer for the failure message, or `NULL`.
///   - messageSize: The buffer's size.
/// - Returns: `EDGEJWT_OK`, `EDGEJWT_STATUS_LIST_ERROR` (message starts with its code), or a
///   usage code.
@_cdecl("edgejwt_verifier_install_status_list")
public func edgejwt_verifier_install_status_list(
    _ verifier: OpaquePointer?, _ token: UnsafeRawPointer?, _ tokenLength: Int,
    _ message: UnsafeMutablePointer<CChar>?, _ messageSize: Int
) -> Int32 {
    report(message, messageSize) { () throws(CAPIFailure) in
        let handle = try verifierHandle(verifier)
        let text = try CInput.text(token, tokenLength, "token") ?? ""
        guard let check = handle.live.value.statusLists else {
            throw CAPIFailure(.configurationError, "the configuration has \"status_check\": false: no status list is used")
        }
        do throws(StatusListError) {
            _ = try check.install(text)
        } catch {
            throw CAPIFailure(.statusListError, error)
        }
    }
}

/// `edgejwt_verifier_install_revocation_list`: verifies and installs a revocation list file's
/// bytes (a snapshot, or a delta to the installed list).
/// - Parameters:
///   - verifier: The handle.
///   - bytes: The file's bytes.
///   - length: Their number.
///   - message: A buffer for the failure message, or `NULL`.
///   - messageSize: The buffer's size.
/// - Returns: `EDGEJWT_OK`, `EDGEJWT_REVOCATION_LIST_ERROR` (message starts with its code), or a
///   usage code.
@_cdecl("edgejwt_verifier_install_revocation_list")
public func edgejwt_verifier_install_revocation_list(
    _ verifier: OpaquePointer?, _ bytes: UnsafeRawPointer?, _ length: Int,
    _ message: UnsafeMutablePointer<CChar>?, _ messageSize: Int
) -> Int32 {
    report(message, messageSize) { () throws(CAPIFailure) in
        let handle = try verifierHandle(verifier)
        let list = try CInput.bytes(bytes, length, "bytes").map { Array($0) } ?? []
        guard let check = handle.live.value.revocation else {
            throw CAPIFailure(.configurationError, "the configuration has no \"revocation\" member: no revocation list is used")
        }
        do throws(RevocationListError) {
            _ = try check.install(list)
        } catch {
            throw CAPIFailure(.revocationListError, error)
        }
    }
}

/// The handle behind a C verifier pointer.
/// - Throws: `null_argument` for `NULL`.
func verifierHandle(_ verifier: OpaquePointer?) throws(CAPIFailure) -> VerifierHandle {
    guard let verifier else { throw CAPIFailure(.nullArgument, "verifier is NULL") }
    return Handles.borrow(verifier, as: VerifierHandle.self)
}

/// Runs `body`; on failure writes its message to the caller's buffer and returns its code.
func report(
    _ message: UnsafeMutablePointer<CChar>?, _ messageSize: Int, _ body: () throws(CAPIFailure) -> Void
) -> Int32 {
    do {
        try body()
        MessageBuffer.write("", to: message, size: messageSize)
        return 0
    } catch {
        MessageBuffer.write(error.message, to: message, size: messageSize)
        return error.code.rawValue
    }
}

private func makeVerifier(
    _ verifier: UnsafeMutablePointer<OpaquePointer?>?, _ message: UnsafeMutablePointer<CChar>?, _ messageSize: Int,
    _ build: () throws(CAPIFailure) -> VerifierSnapshot
) -> Int32 {
    report(message, messageSize) { () throws(CAPIFailure) in
        guard let verifier else { throw CAPIFailure(.nullArgument, "verifier (the out-parameter) is NULL") }
        verifier.pointee = nil
        verifier.pointee = Handles.retain(VerifierHandle(try build()))
    }
}

private func reload(
    _ verifier: OpaquePointer?, _ message: UnsafeMutablePointer<CChar>?, _ messageSize: Int,
    _ build: () throws(CAPIFailure) -> VerifierSnapshot
) -> Int32 {
    report(message, messageSize) { () throws(CAPIFailure) in
        let handle = try verifierHandle(verifier)
        handle.live.replace(with: try build())
    }
}
