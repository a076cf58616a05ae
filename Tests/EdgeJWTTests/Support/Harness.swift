import Testing
@testable import EdgeJWT

/// The fixed "now" of every verifier built by ``Harness``: 2023-11-14T22:13:20Z.
let testNow: Int64 = 1_700_000_000

/// A verifier over a pinned set, read at ``testNow``, with a factory that signs its tokens.
struct Harness: Sendable {
    let verifier: Verifier
    var factory = TokenFactory()

    /// - Parameters:
    ///   - keys: JWK texts to pin. Default: the issuer key.
    ///   - signer: The key tokens are signed with. Default: the issuer key.
    ///   - configure: Changes to the default options.
    init(
        keys: [String] = [TestKey.issuer.jwk()],
        signer: TestKey = .issuer,
        configure: (inout VerifierOptions) -> Void = { _ in }
    ) throws {
        var options = VerifierOptions()
        configure(&options)
        verifier = Verifier(keys: try PinnedKeySet(jwks: JWKS.document(keys)), options: options, clock: FixedClock(NumericDate(integerLiteral: testNow)))
        factory.key = signer
    }

    /// A token signed by the harness's signer.
    func token(header: String = TokenFactory.defaultHeader, payload: String = "{}") -> String {
        factory.token(header: header, payload: payload)
    }

    /// Records an issue unless `token` verifies; returns the result.
    @discardableResult
    func expectAccepted(_ token: String, sourceLocation: SourceLocation = #_sourceLocation) -> VerifiedToken? {
        do {
            return try verifier.verify(token)
        } catch {
            Issue.record("expected the token to verify, got \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// Records an issue unless a token signed from these texts verifies.
    @discardableResult
    func expectAccepted(
        header: String = TokenFactory.defaultHeader, payload: String = "{}", sourceLocation: SourceLocation = #_sourceLocation
    ) -> VerifiedToken? {
        expectAccepted(token(header: header, payload: payload), sourceLocation: sourceLocation)
    }

    /// Expects `token` to be refused with `code`.
    func expectRejected(_ token: String, _ code: VerificationError.Code, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: VerificationError.self, sourceLocation: sourceLocation) { try verifier.verify(token) }
        #expect(error?.code == code, sourceLocation: sourceLocation)
    }

    /// Expects a token signed from these texts to be refused with `code`.
    func expectRejected(
        _ code: VerificationError.Code, header: String = TokenFactory.defaultHeader, payload: String = "{}",
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expectRejected(token(header: header, payload: payload), code, sourceLocation: sourceLocation)
    }
}

/// Expects loading a JWK Set to fail with `code`.
func expectKeySetRejected(
    _ code: KeySetError.Code, sourceLocation: SourceLocation = #_sourceLocation, _ load: () throws -> PinnedKeySet
) {
    let error = #expect(throws: KeySetError.self, sourceLocation: sourceLocation) { try load() }
    #expect(error?.code == code, sourceLocation: sourceLocation)
}
