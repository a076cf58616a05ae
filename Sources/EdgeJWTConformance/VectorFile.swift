import EdgeJWT

/// Reads one vector file's JSON into ``ConformanceVector``s.
struct VectorFile {
    let name: String
    let document: JSONObject

    init(name: String, bytes: [UInt8]) throws(VectorFormatError) {
        self.name = name
        guard let document = JSONValue.parse(bytes)?.objectValue else {
            throw VectorFormatError(file: name, reason: "not a strict JSON object")
        }
        self.document = document
    }

    func vectors() throws(VectorFormatError) -> [ConformanceVector] {
        guard let entries = document["vectors"]?.arrayValue else {
            throw VectorFormatError(file: name, reason: "no \"vectors\" array")
        }
        var vectors: [ConformanceVector] = []
        for entry in entries {
            guard let vector = entry.objectValue else {
                throw VectorFormatError(file: name, reason: "a vector is not an object")
            }
            vectors.append(try self.vector(vector))
        }
        return vectors
    }

    private func vector(_ vector: JSONObject) throws(VectorFormatError) -> ConformanceVector {
        guard let id = vector["id"]?.stringValue else { throw failure("a vector has no string id") }
        let input: ConformanceVector.Input
        let expected: ConformanceVector.Verdict
        if vector["public_key_hex"] != nil {
            input = .rawSignature(
                publicKey: try hex(vector, "public_key_hex", id),
                message: try hex(vector, "message_hex", id),
                signature: try hex(vector, "signature_hex", id))
            guard let valid = vector["valid"]?.boolValue else { throw failure("\(id): no boolean \"valid\"") }
            expected = .signature(valid: valid)
        } else {
            guard let token = vector["token"]?.stringValue else { throw failure("\(id): no string token") }
            let (options, now) = try self.options(vector["options"]?.objectValue, id)
            input = .token(token, keySet: try keySet(vector, id), options: options, now: now)
            expected = try verdict(vector["expected"]?.objectValue, id)
        }
        return ConformanceVector(
            id: id,
            summary: vector["description"]?.stringValue ?? "",
            reference: vector["reference"]?.stringValue ?? "",
            file: name,
            expected: expected,
            input: input,
            statusLists: try statusLists(vector["options"]?.objectValue, id),
            revocationList: try revocationList(vector["options"]?.objectValue, id))
    }

    private func failure(_ reason: String) -> VectorFormatError {
        VectorFormatError(file: name, reason: reason)
    }

    private func keySet(_ vector: JSONObject, _ id: String) throws(VectorFormatError) -> [UInt8] {
        if let text = vector["keys_text"]?.stringValue { return Array(text.utf8) }
        guard let keys = vector["keys"] ?? document["keys"] else { throw failure("\(id): no key set") }
        return Array(keys.jsonText.utf8)
    }

    private func options(_ object: JSONObject?, _ id: String) throws(VectorFormatError) -> (VerifierOptions, NumericDate) {
        guard let object, let now = object["now"]?.doubleValue, now.isFinite else {
            throw failure("\(id): options.now is required")
        }
        var options = VerifierOptions()
        if let leeway = object["leeway"] { options.leeway = try seconds(leeway, "leeway", id) }
        if let maxAge = object["max_age"] { options.maxAge = try seconds(maxAge, "max_age", id) }
        options.issuers = try strings(object["issuers"], "issuers", id)
        options.audiences = try strings(object["audiences"], "audiences", id)
        options.requiredClaims = try strings(object["require"], "require", id)
        if let type = object["typ"] {
            guard let text = type.stringValue else { throw failure("\(id): typ must be a string") }
            options.requiredType = text
        }
        if let oidc = object["oidc"] {
            options.oidc = try self.oidc(oidc, id)
        }
        if let size = object["max_token_bytes"] {
            guard let bytes = size.doubleValue, bytes >= 0, bytes == bytes.rounded() else {
                throw failure("\(id): max_token_bytes must be a whole number")
            }
            options.limits.maxTokenBytes = Int(bytes)
        }
        return (options, NumericDate(now))
    }

    private static let oidcMembers = [
        "client_id", "nonce", "max_auth_age", "acr_values", "trusted_audiences", "access_token", "code",
        "require_at_hash",
    ]

    /// `options.oidc`: the OpenID Connect ID Token profile. Unknown members are refused, so a
    /// misspelt rule cannot silently go untested.
    private func oidc(_ value: JSONValue, _ id: String) throws(VectorFormatError) -> OIDCOptions {
        guard let object = value.objectValue else { throw failure("\(id): options.oidc must be an object") }
        for name in object.names where !Self.oidcMembers.contains(name) {
            throw failure("\(id): options.oidc has unknown member \(name)")
        }
        guard let clientID = object["client_id"]?.stringValue else {
            throw failure("\(id): options.oidc.client_id must be a string")
        }
        var oidc = OIDCOptions(clientID: clientID)
        oidc.nonce = try optionalString(object["nonce"], "oidc.nonce", id)
        oidc.accessToken = try optionalString(object["access_token"], "oidc.access_token", id)
        oidc.authorizationCode = try optionalString(object["code"], "oidc.code", id)
        if let age = object["max_auth_age"] { oidc.maxAuthenticationAge = try seconds(age, "oidc.max_auth_age", id) }
        oidc.acceptedACRValues = try strings(object["acr_values"], "oidc.acr_values", id)
        oidc.trustedAudiences = try strings(object["trusted_audiences"], "oidc.trusted_audiences", id)
        if let require = object["require_at_hash"] {
            guard let flag = require.boolValue else { throw failure("\(id): oidc.require_at_hash must be a Boolean") }
            oidc.requiresAccessTokenHash = flag
        }
        return oidc
    }

    private func optionalString(_ value: JSONValue?, _ name: String, _ id: String) throws(VectorFormatError) -> String? {
        guard let value else { return nil }
        guard let text = value.stringValue else { throw failure("\(id): \(name) must be a string") }
        return text
    }

    private func seconds(_ value: JSONValue, _ name: String, _ id: String) throws(VectorFormatError) -> Duration {
        guard let seconds = value.doubleValue, seconds.isFinite, seconds >= 0 else {
            throw failure("\(id): \(name) must be a non-negative number of seconds")
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    private func strings(_ value: JSONValue?, _ name: String, _ id: String) throws(VectorFormatError) -> [String] {
        guard let value else { return [] }
        guard let elements = value.arrayValue else { throw failure("\(id): \(name) must be an array of strings") }
        var strings: [String] = []
        for element in elements {
            guard let text = element.stringValue else { throw failure("\(id): \(name) must be an array of strings") }
            strings.append(text)
        }
        return strings
    }

    private func verdict(_ object: JSONObject?, _ id: String) throws(VectorFormatError) -> ConformanceVector.Verdict {
        guard let object else { throw failure("\(id): no expected object") }
        if let code = object["key_set_error"]?.stringValue { return .keySetError(code) }
        if let code = object["status_list_error"]?.stringValue { return .statusListError(code) }
        switch object["valid"] {
        case .bool(true)?: return .valid(keyID: object["kid"]?.stringValue)
        case .bool(false)?:
            guard let code = object["error"]?.stringValue else { throw failure("\(id): an invalid vector names its error") }
            return .rejected(code)
        default: throw failure("\(id): expected.valid must be a Boolean")
        }
    }

    /// `options.revocation_list`: `{"install": [{"file": NAME, "error": CODE?}], "publisher_keys":
    /// JWKS?, "policy": {...}?}`, files named in the document's `revocation_lists` (base64url).
    private func revocationList(_ object: JSONObject?, _ id: String) throws(VectorFormatError) -> ConformanceVector.RevocationListSetup? {
        guard let setup = object?["revocation_list"] else { return nil }
        guard let setup = setup.objectValue, let installs = setup["install"]?.arrayValue else {
            throw failure("\(id): revocation_list must be an object with an install array")
        }
        var files: [ConformanceVector.RevocationListSetup.Install] = []
        for install in installs {
            guard let install = install.objectValue, let name = install["file"]?.stringValue else {
                throw failure("\(id): each revocation_list.install entry names a file")
            }
            guard let text = document["revocation_lists"]?.objectValue?[name]?.stringValue, let bytes = Base64URL.decode(text) else {
                throw failure("\(id): revocation_lists has no base64url file \(name)")
            }
            files.append(.init(name: name, bytes: bytes, expectedError: install["error"]?.stringValue))
        }
        var policy = RevocationPolicy()
        if let rules = setup["policy"] {
            guard let rules = rules.objectValue else { throw failure("\(id): revocation_list.policy must be an object") }
            for member in rules {
                switch (member.name, member.value) {
                case ("maximum_staleness", let value): policy.maximumStaleness = try seconds(value, "maximum_staleness", id)
                case ("max_list_age", let value): policy.maxListAge = try seconds(value, "max_list_age", id)
                case ("fails_open", .bool(let flag)): policy.failsOpen = flag
                case ("list_name", .string(let name)): policy.listName = name
                default: throw failure("\(id): revocation_list.policy.\(member.name) is not understood")
                }
            }
        }
        let publisherKeys = (setup["publisher_keys"] ?? document["revocation_publisher_keys"]).map { Array($0.jsonText.utf8) }
        return .init(installs: files, publisherKeys: publisherKeys, policy: policy)
    }

    /// `options.status_lists` (Status List Tokens) and `options.status_list_policy`.
    private func statusLists(_ object: JSONObject?, _ id: String) throws(VectorFormatError) -> ConformanceVector.StatusListSetup? {
        guard let object, object["status_lists"] != nil || object["status_list_policy"] != nil else { return nil }
        var policy = StatusListPolicy()
        if let rules = object["status_list_policy"] {
            guard let rules = rules.objectValue else { throw failure("\(id): status_list_policy must be an object") }
            for member in rules {
                switch (member.name, member.value) {
                case ("requires_status_claim", .bool(let flag)): policy.requiresStatusClaim = flag
                case ("accepts_unavailable_list", .bool(let flag)): policy.acceptsUnavailableList = flag
                case ("time_to_live", .string("ends_reliance")): policy.timeToLive = .endsReliance
                case ("time_to_live", .string("refresh_hint")): policy.timeToLive = .refreshHint
                case ("max_list_age", let value): policy.maxListAge = try seconds(value, "max_list_age", id)
                case ("leeway", let value): policy.leeway = try seconds(value, "status_list_policy.leeway", id)
                case ("accepted_statuses", .array(let values)):
                    policy.acceptedStatuses = []
                    for value in values {
                        guard let number = value.doubleValue, let status = UInt8(exactly: number) else {
                            throw failure("\(id): accepted_statuses must hold integers 0...255")
                        }
                        policy.acceptedStatuses.insert(status)
                    }
                default: throw failure("\(id): status_list_policy.\(member.name) is not understood")
                }
            }
        }
        return .init(tokens: try strings(object["status_lists"], "status_lists", id), policy: policy)
    }

    private func hex(_ vector: JSONObject, _ member: String, _ id: String) throws(VectorFormatError) -> [UInt8] {
        guard let text = vector[member]?.stringValue, text.utf8.count % 2 == 0 else {
            throw failure("\(id): \(member) must be an even-length hex string")
        }
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let high = Self.nibble(high), let low = Self.nibble(low) else {
                throw failure("\(id): \(member) is not hex")
            }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
