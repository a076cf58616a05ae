import EdgeJWT
import EdgeJWTConformance
import Testing

/// `Vectors/oidc/*.json` (written by `Scripts/make_oidc_vectors.py`) load and pass.
@Suite struct OIDCVectorsTests {
    static let directory: String = {
        var path = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        path.removeLast(3)
        return path.joined(separator: "/") + "/Vectors/oidc"
    }()

    @Test func everyOIDCVectorGivesItsExpectedVerdict() throws {
        let vectors = try VectorDirectory.load(Self.directory)
        #expect(vectors.count >= 25)
        for vector in vectors {
            #expect(vector.run() == vector.expected, "\(vector.file) \(vector.id): \(vector.summary) [\(vector.reference)]")
        }
    }

    @Test func theOIDCVectorsCoverEveryOIDCCode() throws {
        let vectors = try VectorDirectory.load(Self.directory)
        let codes = Set(vectors.compactMap { vector -> String? in
            if case .rejected(let code) = vector.expected { return code }
            return nil
        })
        let oidcCodes: [VerificationError.Code] = [
            .issuerMismatch, .missingClaim, .audienceMismatch, .azpMismatch, .nonceMismatch, .authTimeTooOld,
            .acrMismatch, .tokenHashMismatch, .malformedToken, .expired, .invalidSignature, .unknownKey,
        ]
        for code in oidcCodes {
            #expect(codes.contains(code.rawValue), "no OIDC vector expects \(code)")
        }
        #expect(vectors.contains { $0.expected == .valid(keyID: "accounts-2025-04") }, "no rotation vector")
    }
}
