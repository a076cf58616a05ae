@testable import EdgeJWTConformance
import Testing
@testable import EdgeJWT

/// Lazily decoded claims and headers (issue 13): the one strict scan refuses exactly what the
/// eager parser refuses, and every claim read from the kept bytes equals the eager decoding, on
/// every vector and every fuzz corpus input.
@Suite struct LazyClaimsTests {
    let harness: Harness

    init() throws {
        harness = try Harness()
    }

    // MARK: - lazy == eager

    /// What the eager decoder made of a payload: the strict parse into a `JSONObject`, then the
    /// registered claims' type rules (RFC 7519 §4.1), written out again here as the reference.
    enum EagerVerdict: Equatable {
        case accepted(JSONObject)
        case refused
    }

    static func eager(_ payload: [UInt8], maxDepth: Int) -> EagerVerdict {
        guard case .object(let object)? = JSONValue.parse(payload, maxDepth: maxDepth) else { return .refused }
        for name in ["iss", "sub", "jti"] where object[name] != nil && object[name]?.stringValue == nil {
            return .refused
        }
        for name in ["exp", "nbf", "iat"] {
            guard let value = object[name] else { continue }
            guard let seconds = value.doubleValue, seconds.isFinite, seconds >= NumericDate.earliest, seconds <= NumericDate.latest
            else { return .refused }
        }
        if let audience = object["aud"], audience.stringValue == nil, audience.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
            return .refused
        }
        return .accepted(object)
    }

    /// Records an issue for every way the lazy claims of `payload` differ from the eager ones.
    static func expectLazyEqualsEager(_ payload: [UInt8], maxDepth: Int = 32, _ name: String) {
        var limits = VerifierOptions.Limits()
        limits.maxJSONDepth = maxDepth
        let lazy = Result { () throws(VerificationError) in try Claims(decoding: payload, limits: limits) }
        switch (eager(payload, maxDepth: maxDepth), lazy) {
        case (.refused, .failure(let error)):
            #expect(error.code == .malformedToken, "\(name)")
        case (.accepted(let object), .success(let claims)):
            #expect(claims.object == object, "\(name): object")
            #expect(claims.names == object.names, "\(name): names")
            for member in object {
                #expect(claims[member.name] == member.value, "\(name): claim \(member.name)")
                #expect(claims.contains(member.name), "\(name): contains \(member.name)")
            }
            #expect(claims["\u{0}absent"] == nil && !claims.contains("\u{0}absent"), "\(name)")
            #expect(claims.issuer == object["iss"]?.stringValue, "\(name): iss")
            #expect(claims.subject == object["sub"]?.stringValue, "\(name): sub")
            #expect(claims.jwtID == object["jti"]?.stringValue, "\(name): jti")
            #expect(claims.expiration?.secondsSinceEpoch == object["exp"]?.doubleValue, "\(name): exp")
            #expect(claims.notBefore?.secondsSinceEpoch == object["nbf"]?.doubleValue, "\(name): nbf")
            #expect(claims.issuedAt?.secondsSinceEpoch == object["iat"]?.doubleValue, "\(name): iat")
            let audience = object["aud"].map { $0.stringValue.map { [$0] } ?? $0.arrayValue!.map { $0.stringValue! } }
            #expect(claims.audience == audience, "\(name): aud")
            #expect(JSONValue.object(claims.object).jsonText == JSONValue.object(object).jsonText, "\(name): JSON text")
            var written: [UInt8] = []
            claims.writeJSON(to: &written)
            #expect(written == Array(JSONValue.object(object).jsonText.utf8), "\(name): JSON text written from the kept bytes")
        case (.accepted, .failure(let error)):
            Issue.record("\(name): the eager decoder accepts, the lazy one refuses: \(error)")
        case (.refused, .success):
            Issue.record("\(name): the eager decoder refuses, the lazy one accepts")
        }
    }

    /// Records an issue unless the lazy header of `bytes` is refused exactly when the eager
    /// parse fails, and reads back as the eager object.
    static func expectLazyHeaderEqualsEager(_ bytes: [UInt8], _ name: String) {
        let header = Result { () throws(VerificationError) in try JOSEHeader(decoding: bytes, limits: .init()) }
        guard case .object(let object)? = JSONValue.parse(bytes) else {
            #expect(throws: VerificationError.self, "\(name)") { try header.get() }
            return
        }
        guard case .success(let header) = header else { return }
        #expect(header.object == object, "\(name): header object")
        #expect(header.algorithm == object["alg"]?.stringValue, "\(name): alg")
        #expect(header.keyID == object["kid"]?.stringValue, "\(name): kid")
        #expect(header.type == object["typ"]?.stringValue, "\(name): typ")
        var written: [UInt8] = []
        header.writeJSON(to: &written)
        #expect(written == Array(JSONValue.object(object).jsonText.utf8), "\(name): header JSON text written from the kept bytes")
    }

    @Test func lazyClaimsEqualEagerOnEveryVector() throws {
        let vectors = try VectorDirectory.load(FuzzRegressionTests.root + "/Vectors")
        var compared = 0
        for vector in vectors {
            guard case .token(let token, _, _, _) = vector.input else { continue }
            let segments = TokenEdit.segments(token)
            guard segments.count == 3, let header = Base64URL.decode(segments[0]), let payload = Base64URL.decode(segments[1]) else {
                continue
            }
            Self.expectLazyEqualsEager(payload, "\(vector.file) \(vector.id)")
            Self.expectLazyHeaderEqualsEager(header, "\(vector.file) \(vector.id)")
            compared += 1
        }
        #expect(compared >= 100)
    }

    @Test func lazyClaimsEqualEagerOnTheJSONFuzzCorpus() throws {
        let inputs = try FuzzRegressionTests.corpus("fuzz-json")
        #expect(inputs.count >= 50)
        for (name, input) in inputs {
            Self.expectLazyEqualsEager(input, name)
            Self.expectLazyEqualsEager(input, maxDepth: 4, "\(name), depth 4")
            Self.expectLazyHeaderEqualsEager(input, name)
        }
    }

    @Test func lazyClaimsEqualEagerOnTheSignedFuzzCorpus() throws {
        let inputs = try FuzzRegressionTests.corpus("fuzz-verify-signed")
        #expect(inputs.count >= 50)
        for (name, input) in inputs where !input.isEmpty {
            let headerEnd = min(input.count, 1 + Int(input[0]))
            Self.expectLazyEqualsEager(Array(input[headerEnd...]), name)
            Self.expectLazyHeaderEqualsEager(Array(input[1..<headerEnd]), name)
        }
    }

    @Test func lazyClaimsEqualEagerOnTheVerifyFuzzCorpus() throws {
        for (name, input) in try FuzzRegressionTests.corpus("fuzz-verify") {
            let segments = TokenEdit.segments(String(decoding: input, as: UTF8.self))
            guard segments.count == 3, let payload = Base64URL.decode(segments[1]) else { continue }
            Self.expectLazyEqualsEager(payload, name)
        }
    }

    /// The scan skips plain ASCII eight bytes at a time: a byte that ends the run must be found
    /// at every position of a word, and a string's end just after one.
    @Test func everyByteThatEndsAPlainRunIsFoundAtEveryPositionOfAWord() {
        let specials: [[UInt8]] = [Array(#"\""#.utf8), Array(#"\\"#.utf8), Array("é".utf8), [0x01], [0x1F], [0x7F], [0xFF], [0xC3]]
        for position in 0..<20 {
            for special in specials {
                let text = [UInt8](repeating: UInt8(ascii: "a"), count: position) + special + Array("bcdefghij".utf8)
                let payload = Array(#"{"k":""#.utf8) + text + Array(#"","x":1}"#.utf8)
                Self.expectLazyEqualsEager(payload, "special \(special) at \(position)")
                Self.expectLazyEqualsEager(Array(#"{"k":""#.utf8) + text.prefix(position + special.count) + Array(#""}"#.utf8), "special \(special) last at \(position)")
            }
        }
    }

    // MARK: - values read from the kept bytes

    @Test func claimsWrittenFromTheKeptBytesResolveAndRewriteEscapes() throws {
        let payload = #"{ "a\u0062" : "x\/y\u00e9\ud83d\ude00\n\u0000\"" ,"n": [ 1 , -2.5e+3 , true , null ], "o" : { } }"#
        let claims = try Claims(decoding: Array(payload.utf8), limits: .init())
        var written: [UInt8] = []
        claims.writeJSON(to: &written)
        #expect(String(decoding: written, as: UTF8.self) == #"{"ab":"x/yé😀\n\u0000\"","n":[1,-2.5e+3,true,null],"o":{}}"#)
        #expect(String(decoding: written, as: UTF8.self) == JSONValue.object(claims.object).jsonText)
    }

    /// A compact payload is copied whole; whitespace anywhere outside a string, or one escape in
    /// a name or a value, each on its own, must send it through the rewrite instead.
    @Test func onlyACompactTextIsCopiedWhole() throws {
        let rewritten = [
            (#" {"a":1}"#, #"{"a":1}"#), (#"{"a":1} "#, #"{"a":1}"#), (#"{"a" :1}"#, #"{"a":1}"#),
            (#"{"a":[1, 2]}"#, #"{"a":[1,2]}"#), (#"{"a":{"b":{}}}"#, #"{"a":{"b":{}}}"#),
            ("{\"a\":\n1}", #"{"a":1}"#), ("{\"a\":1\t}", #"{"a":1}"#), ("{\"a\":[\r1]}", #"{"a":[1]}"#),
            (#"{"\u0061":1}"#, #"{"a":1}"#), (#"{"a":"\/"}"#, #"{"a":"/"}"#), (#"{"a":["x\u0041"]}"#, #"{"a":["xA"]}"#),
            (#"{"a":"b c","d":"é"}"#, #"{"a":"b c","d":"é"}"#),
        ]
        for (payload, compact) in rewritten {
            let claims = try Claims(decoding: Array(payload.utf8), limits: .init())
            var written: [UInt8] = []
            claims.writeJSON(to: &written)
            #expect(String(decoding: written, as: UTF8.self) == compact, "claims \(payload)")
            let header = try JOSEHeader(decoding: Self.withAlgorithm(payload), limits: .init())
            written = []
            header.writeJSON(to: &written)
            #expect(written == Self.withAlgorithm(compact), "header \(payload)")
        }
    }

    /// `text` with `"alg":"EdDSA",` after its first `{`: a header the header step accepts.
    static func withAlgorithm(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        let brace = bytes.firstIndex(of: UInt8(ascii: "{"))! + 1
        return Array(bytes[..<brace]) + Array(#""alg":"EdDSA","#.utf8) + Array(bytes[brace...])
    }

    @Test func bigIntegerClaimKeepsItsExactLiteral() throws {
        let literal = "123456789012345678901234567890"
        let claims = try #require(harness.expectAccepted(payload: #"{"n":\#(literal),"f":-0.5e-7}"#)?.claims)
        #expect(claims["n"] == .number(JSONNumber(validatedLiteral: literal)))
        #expect(JSONValue.object(claims.object).jsonText == #"{"n":\#(literal),"f":-0.5e-7}"#)
    }

    @Test func escapedAndNonASCIIClaimsDecodeAsTheParserDoes() throws {
        let payload = #"{"name":"J\u00e9r\u00f4me \ud83d\ude00 \"q\"\n","na\u006de2":"\/x","ü":"ö"}"#
        let claims = try #require(harness.expectAccepted(payload: payload)?.claims)
        #expect(claims["name"]?.stringValue == "Jérôme 😀 \"q\"\n")
        #expect(claims["name2"]?.stringValue == "/x")
        #expect(claims["ü"]?.stringValue == "ö")
        #expect(claims.names == ["name", "name2", "ü"])
    }

    @Test func registeredClaimWithAnEscapedNameIsRead() throws {
        let verifier = try Harness { $0.issuers = ["https://id.example"] }
        let claims = try #require(verifier.expectAccepted(payload: #"{"\u0069ss":"https:\/\/id.example"}"#)?.claims)
        #expect(claims.issuer == "https://id.example")
    }

    @Test func nestedUnknownClaimIsDecodedWhole() throws {
        let payload = #"{"sub":"a","roles":[{"id":1,"tags":["x","y"]},null,true],"empty":{}}"#
        let claims = try #require(harness.expectAccepted(payload: payload)?.claims)
        #expect(claims["roles"] == JSONValue.parse(Array(#"[{"id":1,"tags":["x","y"]},null,true]"#.utf8)))
        #expect(claims["empty"] == .object(JSONObject([:])))
    }

    @Test func audienceArrayIsReadAndMatchedElementByElement() throws {
        let verifier = try Harness { $0.audiences = ["b\u{e9}"] }
        let claims = try #require(verifier.expectAccepted(payload: #"{"aud":[ "a" , "b\u00e9" ]}"#)?.claims)
        #expect(claims.audience == ["a", "b\u{e9}"])
        verifier.expectRejected(.audienceMismatch, payload: #"{"aud":["a","be"]}"#)
    }

    // MARK: - strictness of the one scan

    @Test func duplicateMemberDeepInsideAnUnknownClaimIsRejected() {
        harness.expectRejected(.malformedToken, payload: #"{"sub":"a","x":{"y":[{"z":1,"w":2,"z":3}]}}"#)
    }

    @Test func duplicateMemberSpelledWithAnEscapeIsRejected() {
        harness.expectRejected(.malformedToken, payload: #"{"x":{"ab":1,"a\u0062":2}}"#)
        harness.expectRejected(.malformedToken, payload: #"{"sub":"a","s\u0075b":"b"}"#)
    }

    @Test func sameNameInSiblingObjectsIsAccepted() {
        harness.expectAccepted(payload: #"{"a":{"id":1},"b":{"id":2},"id":3}"#)
    }

    @Test func duplicateInAnObjectWithManyMembersIsRejected() {
        let members = (0..<40).map { #""m\#($0)":\#($0)"# }.joined(separator: ",")
        harness.expectRejected(.malformedToken, payload: #"{"x":{\#(members),"m7":0}}"#)
        harness.expectAccepted(payload: #"{"x":{\#(members)}}"#)
    }

    @Test func invalidUTF8InAnUnknownClaimIsRejected() {
        let payload = Array(#"{"sub":"a","note":"x"#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8)
        harness.expectRejected(harness.factory.token(headerBytes: Array(TokenFactory.defaultHeader.utf8), payloadBytes: payload), .malformedToken)
    }

    @Test func loneSurrogateEscapeInAnUnknownClaimIsRejected() {
        harness.expectRejected(.malformedToken, payload: #"{"note":"\udc00"}"#)
    }

    @Test func nestingPastTheDepthLimitInAnUnknownClaimIsRejected() throws {
        let shallow = try Harness { $0.limits.maxJSONDepth = 5 }
        shallow.expectAccepted(payload: #"{"x":[[[{"y":1}]]]}"#)
        shallow.expectRejected(.malformedToken, payload: #"{"x":[[[{"y":[]}]]]}"#)
    }

    @Test func badNumberInAnUnknownClaimIsRejected() {
        for number in ["01", "1.", "-", ".5", "1e", "+1"] {
            harness.expectRejected(.malformedToken, payload: #"{"n":\#(number)}"#)
        }
    }

    @Test func headerDuplicateIsRejectedByTheScan() {
        harness.expectRejected(.malformedToken, header: #"{"alg":"EdDSA","x":{"k":1,"k":2}}"#)
    }
}
