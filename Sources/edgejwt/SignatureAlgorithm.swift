/// The two spellings of Ed25519 in a JOSE `alg`: `EdDSA` (RFC 8037) and `Ed25519` (RFC 9864).
enum SignatureAlgorithm: String, CaseIterable, CommandLineValue {
    case eddsa = "EdDSA"
    case ed25519 = "Ed25519"

    /// `EdDSA` or `Ed25519`, exactly.
    init?(argument: String) {
        self.init(rawValue: argument)
    }
}
