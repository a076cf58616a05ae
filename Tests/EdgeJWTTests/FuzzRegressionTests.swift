@testable import EdgeJWTConformance
import Foundation
import Testing
@testable import EdgeJWT

/// Every committed fuzz input (`Fuzz/corpus/<target>/`) through the public entry points its
/// target uses, with the target's properties: no crash, a well-typed verdict, and no wrong accept.
///
/// The fuzz runs so far found no crash and no wrong verdict (docs/SECURITY.md, "Fuzzing,
/// sanitizers and differential testing"); a future finding is committed to the corpus and gets a
/// named test here. Inputs the harnesses sign (`fuzz-verify-signed`, the status list's and the
/// revocation list's signed modes) are signed here with test keys named k1, k2, k3: the
/// properties do not depend on which keys those are.
@Suite struct FuzzRegressionTests {
    static let root: String = {
        var path = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        path.removeLast(3)
        return path.joined(separator: "/")
    }()

    static let now = NumericDate(integerLiteral: testNow)

    /// The committed inputs of one target, by file name.
    static func corpus(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let directory = root + "/Fuzz/corpus/" + target
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        return try names.map { name in
            (name, try FileBytes.contents(ofFile: directory + "/" + name, maxBytes: 1 << 20))
        }
    }

    // MARK: - fuzz-verify

    /// The vectors' keys k1, k2, k3 (the fuzz harness's pinned set) and every token the vectors
    /// hold (all signed by their generators; the fuzzer cannot sign).
    static let vectorTokens: (keys: PinnedKeySet, signed: Set<[UInt8]>) = {
        let vectors = (try? VectorDirectory.load(root + "/Vectors")) ?? []
        var signed: Set<[UInt8]> = []
        var x: [String: String] = [:]
        for vector in vectors {
            guard case .token(let token, let keySet, _, _) = vector.input else { continue }
            signed.insert(Array(token.utf8))
            guard vector.file.hasPrefix("core/"), let keys = JSONValue.parse(keySet)?.objectValue?["keys"]?.arrayValue else { continue }
            for key in keys {
                guard let jwk = key.objectValue, jwk["d"] == nil, case .string(let kid)? = jwk["kid"],
                    ["k1", "k2", "k3"].contains(kid), x[kid] == nil, case .string(let value)? = jwk["x"]
                else { continue }
                x[kid] = value
            }
        }
        let jwks = x.keys.sorted().map { #"{"kty":"OKP","crv":"Ed25519","kid":"\#($0)","x":"\#(x[$0]!)"}"# }
        return (try! PinnedKeySet(jwks: Array(#"{"keys":[\#(jwks.joined(separator: ","))]}"#.utf8)), signed)
    }()

    @Test func verifyCorpusIsAcceptedOnlyForTokensTheVectorsHold() throws {
        let inputs = try Self.corpus("fuzz-verify")
        #expect(inputs.count >= 50)
        let verifier = Verifier(keys: Self.vectorTokens.keys, clock: FixedClock(Self.now))
        for (name, token) in inputs {
            let verdict = Result { () throws(VerificationError) in try verifier.verify(bytes: token) }
            if case .success = verdict {
                let isVectorToken = Self.vectorTokens.signed.contains(token)
                #expect(isVectorToken, "\(name): accepted, but it is no vector's token byte for byte")
            }
            if let text = String(validating: token, as: UTF8.self) {
                let again = Result { () throws(VerificationError) in try verifier.verify(text) }
                #expect(Self.sameVerdict(verdict, again), "\(name): the String and bytes entry points disagree")
            }
        }
    }

    // MARK: - fuzz-verify-signed

    static let signers = [TestKey(keyID: "k1", seedByte: 1), TestKey(keyID: "k2", seedByte: 2), TestKey(keyID: "k3", seedByte: 3)]
    static let signerKeys = try! JWKS.keySet(signers[0].jwk(), signers[1].jwk(), signers[2].jwk())

    static func signed(header: [UInt8], payload: [UInt8], by key: TestKey) -> [UInt8] {
        let signingInput = Array((Base64URL.encode(header) + "." + Base64URL.encode(payload)).utf8)
        return signingInput + Array(".".utf8) + Array(Base64URL.encode(key.sign(signingInput)).utf8)
    }

    @Test func signedCorpusNeverFailsTheSignatureAndParsesAsTheStrictParser() throws {
        let inputs = try Self.corpus("fuzz-verify-signed")
        #expect(inputs.count >= 50)
        let lenient = Verifier(keys: Self.signerKeys, clock: FixedClock(Self.now))
        var options = VerifierOptions()
        options.issuers = ["https://issuer.example"]
        options.audiences = ["gateway"]
        options.requiredType = "JWT"
        options.maxAge = .seconds(3600)
        options.requiredClaims = ["sub", "jti"]
        let strict = Verifier(keys: Self.signerKeys, options: options, clock: FixedClock(Self.now))
        var accepted = 0
        for (name, input) in inputs where !input.isEmpty {
            let headerEnd = min(input.count, 1 + Int(input[0]))
            let header = Array(input[1..<headerEnd])
            let payload = Array(input[headerEnd...])
            let kid = JSONValue.parse(header)?.objectValue?["kid"]?.stringValue
            let key = Self.signers.first { $0.keyID == kid } ?? Self.signers[0]
            let token = Self.signed(header: header, payload: payload, by: key)
            var lenientAccepted = false
            for verifier in [lenient, strict] {
                do {
                    let verified = try verifier.verify(bytes: token)
                    #expect(verified.keyID == key.keyID, "\(name)")
                    #expect(verified.claims.object == JSONValue.parse(payload)?.objectValue, "\(name): claims")
                    #expect(verified.header.object == JSONValue.parse(header)?.objectValue, "\(name): header")
                    if verifier.options.issuers.isEmpty {
                        lenientAccepted = true
                        accepted += 1
                    } else {
                        #expect(lenientAccepted, "\(name): the strict verifier accepted what the default one refused")
                    }
                } catch {
                    #expect(error.code != .invalidSignature, "\(name): \(error)")
                }
            }
        }
        #expect(accepted > 0, "no signed corpus input reaches a valid verdict")
    }

    // MARK: - fuzz-json, fuzz-base64url, fuzz-jwks

    @Test func jsonCorpusRoundTripsThroughJSONText() throws {
        let inputs = try Self.corpus("fuzz-json")
        #expect(inputs.count >= 50)
        for (name, input) in inputs {
            let shallow = JSONValue.parse(input, maxDepth: 4)
            guard let value = JSONValue.parse(input) else {
                #expect(shallow == nil, "\(name)")
                continue
            }
            if let shallow { #expect(shallow == value, "\(name)") }
            let text = value.jsonText
            let reparsed = JSONValue.parse(Array(text.utf8))
            #expect(reparsed == value, "\(name): jsonText does not round-trip")
            #expect(reparsed?.jsonText == text, "\(name): jsonText is not a fixed point")
        }
    }

    @Test func base64URLCorpusHasOneEncodingPerByteString() throws {
        let inputs = try Self.corpus("fuzz-base64url")
        #expect(inputs.count >= 10)
        for (name, input) in inputs {
            #expect(Base64URL.decode(Base64URL.encode(input)) == input, "\(name)")
            if let decoded = Base64URL.decode(input) {
                #expect(Array(Base64URL.encode(decoded).utf8) == input, "\(name): a second encoding is accepted")
            }
        }
    }

    @Test func jwksCorpusLoadsDeterministicallyWithDistinctKeys() throws {
        let inputs = try Self.corpus("fuzz-jwks")
        #expect(inputs.count >= 20)
        for (name, input) in inputs {
            let first = Result { () throws(KeySetError) in try PinnedKeySet(jwks: input) }
            let second = Result { () throws(KeySetError) in try PinnedKeySet(jwks: input) }
            switch (first, second) {
            case (.success(let keys), .success(let again)):
                #expect(keys == again, "\(name)")
                #expect(!keys.keys.isEmpty, "\(name)")
                let keyIDs = keys.keys.compactMap(\.keyID)
                #expect(Set(keyIDs).count == keyIDs.count, "\(name): duplicate kid")
                #expect(keys.keys.allSatisfy { $0.publicKey.count == 32 }, "\(name)")
            case (.failure(let error), .failure(let again)):
                #expect(error.code == again.code, "\(name)")
            default:
                Issue.record("\(name): loading is not deterministic")
            }
        }
    }

    // MARK: - fuzz-status-list

    @Test func statusListCorpusParsesWithinBoundsAndDecidesReferencedTokens() throws {
        let inputs = try Self.corpus("fuzz-status-list")
        #expect(inputs.count >= 10)
        var limits = StatusList.Limits()
        limits.maxListBytes = 1 << 16
        let uri = "https://fuzz.example/statuslists/1"
        var parsed = 0
        for (name, input) in inputs where !input.isEmpty {
            if input[0] & 0x80 != 0 {
                if let list = try? StatusList(token: Array(input.dropFirst()), keys: Self.vectorTokens.keys, limits: limits) {
                    Self.checkLookups(list, name)
                }
                continue
            }
            let bits = [1, 2, 4, 8][Int(input[0] & 0x03)]
            let claims = #"{"sub":"\#(uri)","iat":\#(testNow),"status_list":{"bits":\#(bits),"lst":"\#(Base64URL.encode(input.dropFirst()))"}}"#
            let token = Self.signed(
                header: Array(#"{"alg":"EdDSA","kid":"k1","typ":"statuslist+jwt"}"#.utf8), payload: Array(claims.utf8), by: Self.signers[0])
            let list: StatusList
            do {
                list = try StatusList(token: token, keys: Self.signerKeys, limits: limits)
            } catch {
                #expect([.listTooLarge, .invalidCompression].contains(error.code), "\(name): \(error)")
                continue
            }
            parsed += 1
            Self.checkLookups(list, name)
            #expect(list.count * list.bits <= limits.maxListBytes * 8, "\(name): past the cap")
            var policy = StatusListPolicy()
            policy.limits = limits
            let check = StatusListCheck(keys: Self.signerKeys, policy: policy)
            try check.install(String(decoding: token, as: UTF8.self))
            let index = list.count == 0 ? 0 : input.count % (list.count + 1)
            let referenced = Self.signed(
                header: Array(#"{"alg":"EdDSA","kid":"k1"}"#.utf8),
                payload: Array(#"{"sub":"device-1","status":{"status_list":{"idx":\#(index),"uri":"\#(uri)"}}}"#.utf8), by: Self.signers[0])
            let verifier = Verifier(keys: Self.signerKeys, clock: FixedClock(Self.now), statusChecks: [check])
            let accepted = (try? verifier.verify(bytes: referenced)) != nil
            #expect(accepted == (list.status(at: index) == 0), "\(name): entry \(index)")
        }
        #expect(parsed > 0, "no status list corpus input inflates")
    }

    static func checkLookups(_ list: StatusList, _ name: String) {
        #expect([1, 2, 4, 8].contains(list.bits), "\(name)")
        #expect(list.status(at: -1) == nil && list.status(at: list.count) == nil, "\(name)")
        for index in [0, list.count / 2, list.count - 1] where index >= 0 && index < list.count {
            #expect(list.status(at: index).map { Int($0) < 1 << list.bits } == true, "\(name): entry \(index)")
        }
    }

    // MARK: - fuzz-revocation-list

    @Test func revocationListCorpusIsAcceptedOnlyWhenSignedAndAnswersLookups() throws {
        let inputs = try Self.corpus("fuzz-revocation-list")
        #expect(inputs.count >= 5)
        let publisher = try JWKS.keySet(Self.signers[0].jwk())
        let base = Self.signRevocationList(Self.revocationHeader(kind: 1, sequence: 1, base: 0) + [UInt8](repeating: 0, count: 12))
        var accepted = 0
        for (name, input) in inputs where !input.isEmpty {
            let file = input[0] == 0 ? Array(input.dropFirst()) : Self.signRevocationList(Array(input.dropFirst()))
            let signed = file.count >= 64 && Self.signers[0].sign(Array(file.dropLast(64))) == Array(file.suffix(64))
            do {
                let list = try RevocationList(verifying: file, publisherKeys: publisher)
                accepted += 1
                #expect(signed, "\(name): accepted a list the publisher did not sign")
                #expect(list.bytes == file && list.sequence >= 1 && list.horizon <= list.issuedAt && list.issuedAt <= list.validUntil, "\(name)")
                #expect(list.revokedKeyIDs.allSatisfy(list.isKeyRevoked), "\(name)")
                _ = list.containsToken(issuer: "https://issuer.example", jwtID: "jti-1", expiration: Self.now)
                _ = list.subjectRevocationTime(issuer: "https://issuer.example", subject: "device-42")
                #expect(throws: Never.self, "\(name)") { try RevocationListCheck(publisherKeys: publisher).install(file) }
            } catch {
                #expect(error.code != .invalidSignature || !signed, "\(name): \(error)")
            }
            let check = try RevocationListCheck(publisherKeys: publisher)
            try check.install(base)
            if (try? check.install(file)) != nil {
                #expect(signed, "\(name): installed a list the publisher did not sign")
            }
        }
        #expect(accepted > 0, "no revocation corpus input verifies")
    }

    static func revocationHeader(kind: UInt8, sequence: UInt64, base: UInt64) -> [UInt8] {
        let now = UInt64(testNow)
        var bytes: [UInt8] = Array("EJRL".utf8) + [1, kind, 0, 0, 0, 0]
        for value in [sequence, base, now - 100, now + 30 * 86_400, now - 86_400] {
            bytes += (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
        }
        return bytes + [UInt8](repeating: 0x11, count: 32) + [2] + Array("k1".utf8) + [4] + Array("fuzz".utf8)
    }

    /// As the fuzz harness: sets the length field (bytes 6–9), appends k1's signature.
    static func signRevocationList(_ unsigned: [UInt8]) -> [UInt8] {
        var bytes = unsigned
        if bytes.count >= 10 {
            let length = UInt32(truncatingIfNeeded: bytes.count + 64)
            for index in 0..<4 { bytes[6 + index] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(3 - index))) }
        }
        return bytes + signers[0].sign(bytes)
    }

    static func sameVerdict(_ first: Result<VerifiedToken, VerificationError>, _ second: Result<VerifiedToken, VerificationError>) -> Bool {
        switch (first, second) {
        case (.success(let a), .success(let b)): a == b
        case (.failure(let a), .failure(let b)): a.code == b.code
        default: false
        }
    }
}
