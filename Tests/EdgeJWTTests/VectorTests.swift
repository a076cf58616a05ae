import EdgeJWT
import EdgeJWTConformance
public import Testing

/// Every conformance vector in `Vectors/` gives its expected verdict.
@Suite struct VectorTests {
    static let directory: String = {
        var path = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        path.removeLast(3)
        return path.joined(separator: "/") + "/Vectors"
    }()

    static let vectors: [ConformanceVector] = (try? VectorDirectory.load(directory)) ?? []

    @Test func vectorDirectoryLoadsWithAtLeastTheRequiredCoverage() throws {
        let vectors = try VectorDirectory.load(Self.directory)
        #expect(vectors.filter { $0.file.hasPrefix("core/") }.count >= 60)
        #expect(vectors.contains { $0.file == "core/rfc8037-a4.json" })
        let rejectionCodes = Set(vectors.compactMap { vector -> String? in
            if case .rejected(let code) = vector.expected { return code }
            return nil
        })
        let coreCodes: [VerificationError.Code] = [
            .malformedToken, .tokenTooLarge, .unsupportedAlgorithm, .unsupportedCriticalHeader, .unknownKey,
            .invalidSignature, .expired, .notYetValid, .issuedInFuture, .tokenTooOld, .issuerMismatch,
            .audienceMismatch, .missingClaim, .typeMismatch,
        ]
        for code in coreCodes {
            #expect(rejectionCodes.contains(code.rawValue), "no vector expects \(code)")
        }
    }

    @Test(arguments: vectors)
    func vectorGivesItsExpectedVerdict(_ vector: ConformanceVector) {
        #expect(vector.run() == vector.expected, "\(vector.file) \(vector.id): \(vector.summary) [\(vector.reference)]")
    }
}

extension ConformanceVector: CustomTestStringConvertible {
    /// `file: id`, so a failing vector names its file in the test report.
    var testDescription: String { "\(file): \(id)" }
}
