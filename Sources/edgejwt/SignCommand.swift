import EdgeJWT

/// `edgejwt sign`: a compact JWT from a claims file and a private JWK.
struct SignCommand: Command {
    static let declaration = CommandDeclaration(
        name: "sign",
        abstract: "Sign a JSON claims set with a private Ed25519 JWK; print the compact token.",
        discussion: """
            The claims must be one strict JSON object (no duplicate names, valid UTF-8); they are \
            signed as given, in order, without checking registered claims, so test tokens that \
            verify must refuse can be made too. The header is {"alg":ALG,"kid":KID,"typ":T}: kid \
            only when the key has one, typ only with --typ. ALG defaults to the key's own alg, or \
            EdDSA when it has none; an --alg that contradicts the key's alg is refused.

            The private JWK must be {"kty":"OKP","crv":"Ed25519","d":…,"x":…} (RFC 8037), with x \
            matching d, as written by keygen.

            Output: the token and a newline on stdout. Exit status: 0 signed, 2 usage error, \
            unusable key or unreadable/invalid claims.
            """,
        options: [
            .option("--key", value: "PRIVATE_JWK_FILE", help: "The private JWK file.", isRequired: true),
            .option("--typ", value: "T", help: "The typ header, e.g. JWT."),
            .option("--alg", value: "EdDSA|Ed25519", help: "The alg header (default: the key's alg, else EdDSA).",
                choices: SignatureAlgorithm.allCases.map(\.rawValue)),
        ],
        arguments: [
            ArgumentDeclaration("CLAIMS_JSON_FILE", help: "The claims JSON file, or - to read it from standard input."),
        ]
    )

    let key: String
    let typ: String?
    let alg: SignatureAlgorithm?
    let claimsPath: String

    init(parsing arguments: ParsedArguments) throws(ValidationError) {
        key = arguments.required("--key")
        typ = arguments.value("--typ")
        alg = try arguments.value("--alg", as: SignatureAlgorithm.self)
        claimsPath = arguments.requiredArgument("CLAIMS_JSON_FILE")
    }

    func run() throws {
        let signingKey: SigningKey
        do {
            signingKey = try SigningKey(contentsOfFile: key)
        } catch {
            throw CLIError(error, loading: "the private key --key", at: key)
        }
        let bytes = try InputFiles.contents(of: claimsPath, role: "claims file")
        guard let value = JSONValue.parse(bytes) else {
            throw CLIError("the claims in \(claimsPath == "-" ? "standard input" : claimsPath) are not strict JSON")
        }
        guard case .object(let claims) = value else {
            throw CLIError("the claims must be a JSON object")
        }
        print(signingKey.sign(header: try header(for: signingKey), claims: claims))
    }

    /// `{"alg":ALG,"kid":KID?,"typ":T?}`.
    private func header(for signingKey: SigningKey) throws(CLIError) -> JSONObject {
        let algorithm = alg?.rawValue ?? signingKey.algorithm ?? SignatureAlgorithm.eddsa.rawValue
        if let bound = signingKey.algorithm, bound != algorithm {
            throw CLIError("the key is bound to alg \(bound); --alg \(algorithm) would make tokens its JWK Set refuses")
        }
        switch (signingKey.keyID, typ) {
        case (let keyID?, let typ?): return JSONObject(["alg": .string(algorithm), "kid": .string(keyID), "typ": .string(typ)])
        case (let keyID?, nil): return JSONObject(["alg": .string(algorithm), "kid": .string(keyID)])
        case (nil, let typ?): return JSONObject(["alg": .string(algorithm), "typ": .string(typ)])
        case (nil, nil): return JSONObject(["alg": .string(algorithm)])
        }
    }
}
