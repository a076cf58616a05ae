import EdgeJWT
import EdgeJWTConformance
import Testing

/// Every vector in `Vectors/status-list/` (written by `Scripts/make_status_vectors.py`) gives its
/// expected verdict.
@Suite struct StatusListVectorTests {
    static let directory = VectorTests.directory + "/status-list"

    static let vectors: [ConformanceVector] = (try? VectorDirectory.load(directory)) ?? []

    @Test func vectorFilesLoadWithTheDraftExamplesAndEveryInstallError() throws {
        let vectors = try VectorDirectory.load(Self.directory)
        #expect(vectors.filter { $0.file == "draft-examples.json" }.count >= 40)
        #expect(vectors.filter { $0.file == "interop.json" }.count >= 40)
        let installErrors = Set(
            vectors.compactMap { vector -> String? in
                if case .statusListError(let code) = vector.expected { return code }
                return nil
            })
        let codes: [StatusListError.Code] = [
            .listTooLarge, .malformedList, .unsupportedAlgorithm, .unknownKey, .invalidSignature, .typeMismatch,
            .missingClaim, .invalidCompression, .rollback,
        ]
        for code in codes {
            #expect(installErrors.contains(code.rawValue), "no vector expects \(code)")
        }
        let rejections = Set(
            vectors.compactMap { vector -> String? in
                if case .rejected(let code) = vector.expected { return code }
                return nil
            })
        let verdicts: [VerificationError.Code] = [.revoked, .suspended, .revocationListStale, .statusUnavailable, .malformedToken]
        for code in verdicts {
            #expect(rejections.contains(code.rawValue), "no vector expects \(code)")
        }
    }

    @Test(arguments: vectors)
    func statusListVectorGivesItsExpectedVerdict(_ vector: ConformanceVector) {
        #expect(vector.run() == vector.expected, "\(vector.file) \(vector.id): \(vector.summary) [\(vector.reference)]")
    }
}
