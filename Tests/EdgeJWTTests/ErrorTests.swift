import Testing
@testable import EdgeJWT

/// The stable error vocabulary: `VerificationError.Code` and `KeySetError.Code` raw values and equality.
@Suite struct ErrorTests {
    /// Every verification code and its raw value, in documented order.
    static let verificationCodes: [(code: VerificationError.Code, rawValue: String)] = [
        (.malformedToken, "malformed_token"), (.tokenTooLarge, "token_too_large"),
        (.unsupportedAlgorithm, "unsupported_algorithm"), (.unsupportedCriticalHeader, "unsupported_critical_header"),
        (.unknownKey, "unknown_key"), (.invalidSignature, "invalid_signature"), (.expired, "expired"),
        (.notYetValid, "not_yet_valid"), (.issuedInFuture, "issued_in_future"), (.tokenTooOld, "token_too_old"),
        (.issuerMismatch, "issuer_mismatch"), (.audienceMismatch, "audience_mismatch"), (.missingClaim, "missing_claim"),
        (.typeMismatch, "type_mismatch"), (.nonceMismatch, "nonce_mismatch"), (.azpMismatch, "azp_mismatch"),
        (.authTimeTooOld, "auth_time_too_old"), (.acrMismatch, "acr_mismatch"), (.tokenHashMismatch, "token_hash_mismatch"),
        (.revoked, "revoked"), (.suspended, "suspended"), (.revocationListStale, "revocation_list_stale"),
        (.statusUnavailable, "status_unavailable"),
        (.keyNotActive, "key_not_active"),
        (.keySetExpired, "key_set_expired"),
    ]

    /// Every key-set code and its raw value.
    static let keySetCodes: [(code: KeySetError.Code, rawValue: String)] = [
        (.unreadableFile, "unreadable_file"), (.malformedKeySet, "malformed_key_set"), (.malformedKey, "malformed_key"),
        (.privateKeyMaterial, "private_key_material"), (.smallOrderKey, "small_order_key"),
        (.duplicateKeyID, "duplicate_key_id"), (.noUsableKey, "no_usable_key"),
    ]

    @Test(arguments: verificationCodes)
    func verificationCodeHasItsStableRawValue(_ entry: (code: VerificationError.Code, rawValue: String)) {
        #expect(entry.code.rawValue == entry.rawValue)
        #expect(entry.code.description == entry.rawValue)
    }

    @Test func allListsEveryVerificationCodeOnceInDocumentedOrder() {
        #expect(VerificationError.Code.all.map(\.rawValue) == Self.verificationCodes.map(\.rawValue))
    }

    @Test(arguments: verificationCodes)
    func codeRoundTripsThroughItsRawValue(_ entry: (code: VerificationError.Code, rawValue: String)) {
        #expect(VerificationError.Code(rawValue: entry.rawValue) == entry.code)
    }

    @Test(arguments: ["", "Expired", "expired ", "token-too-large", "unknown"])
    func unknownRawValueMakesNoCode(_ rawValue: String) {
        #expect(VerificationError.Code(rawValue: rawValue) == nil)
    }

    @Test func errorsWithTheSameCodeAreEqualWhateverTheDetail() {
        let first = VerificationError(.expired, "exp 1 is before now")
        let second = VerificationError(.expired, "reworded")
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
    }

    @Test func errorsWithDifferentCodesAreNotEqual() {
        #expect(VerificationError(.expired, "same") != VerificationError(.notYetValid, "same"))
    }

    @Test func errorDescribesItselfAsCodeThenDetail() {
        #expect(VerificationError(.unknownKey, #"kid "k9" is not pinned"#).description == #"unknown_key: kid "k9" is not pinned"#)
    }

    @Test(arguments: keySetCodes)
    func keySetCodeHasItsStableRawValue(_ entry: (code: KeySetError.Code, rawValue: String)) {
        #expect(entry.code.rawValue == entry.rawValue)
    }

    @Test func keySetErrorsCompareCodesOnly() {
        #expect(KeySetError(.malformedKey, "a") == KeySetError(.malformedKey, "b"))
        #expect(KeySetError(.malformedKey, "a") != KeySetError(.malformedKeySet, "a"))
    }
}
