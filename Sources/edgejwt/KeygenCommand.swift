import EdgeJWT

/// `edgejwt keygen`: a new Ed25519 key pair as a private JWK and a public JWK Set.
struct KeygenCommand: Command {
    static let declaration = CommandDeclaration(
        name: "keygen",
        abstract: "Generate an Ed25519 signing key: a private JWK and the public JWK Set to pin.",
        discussion: """
            The seed comes from libsodium's random generator. The private file is an RFC 8037 \
            JWK {"kty":"OKP","crv":"Ed25519","kid":…,"alg":…,"x":…,"d":…} written with mode \
            0600; keep it secret and off the verifying devices. The public file is a JWK Set \
            {"keys":[{"kty":"OKP","crv":"Ed25519","kid":…,"use":"sig","alg":…,"x":…}]} for \
            verify --keys. Because the public key names its alg, tokens must use that same alg.

            Existing files are never replaced without --force. Both files are written atomically \
            (temporary file in the same directory, fsync, rename, fsync of the directory).

            Exit status: 0 written, 2 usage error or a file that cannot be written.
            """,
        options: [
            .option("--kid", value: "KID", help: "The key id (kid) written in both files.", isRequired: true),
            .option("--alg", value: "EdDSA|Ed25519", help: "The alg the key is bound to.", defaultValue: SignatureAlgorithm.eddsa.rawValue,
                choices: SignatureAlgorithm.allCases.map(\.rawValue)),
            .option("--private", value: "FILE", help: "Where to write the private JWK (mode 0600).", isRequired: true),
            .option("--public", value: "FILE", help: "Where to write the public JWK Set.", isRequired: true),
            .flag("--force", help: "Replace existing files."),
        ]
    )

    let kid: String
    let alg: SignatureAlgorithm
    let privatePath: String
    let publicPath: String
    let force: Bool

    init(parsing arguments: ParsedArguments) throws(ValidationError) {
        kid = arguments.required("--kid")
        alg = try arguments.required("--alg", as: SignatureAlgorithm.self)
        privatePath = arguments.required("--private")
        publicPath = arguments.required("--public")
        force = arguments.flag("--force")
    }

    func validate() throws {
        guard !kid.isEmpty else { throw ValidationError("--kid must not be empty") }
        guard privatePath != publicPath else { throw ValidationError("--private and --public must be different files") }
    }

    func run() throws {
        if !force {
            for path in [privatePath, publicPath] where KeyFileWriter.exists(path) {
                throw CLIError("\(path) already exists; use --force to replace it")
            }
        }
        let key = SigningKey(seed: Sodium.randomBytes(Sodium.seedByteCount), keyID: kid, algorithm: alg.rawValue)
        try KeyFileWriter.write(Array((key.privateJWK.jsonText + "\n").utf8), to: privatePath, mode: 0o600, replace: force)
        try KeyFileWriter.write(Array((key.publicJWKSet.jsonText + "\n").utf8), to: publicPath, mode: 0o644, replace: force)
        print("wrote private key \(Terminal.safe(kid)) (\(alg.rawValue)) to \(privatePath) (mode 0600)")
        print("wrote public JWK Set to \(publicPath)")
    }
}
