@testable import EdgeJWT

/// Builds compact JWS tokens from raw header and payload JSON text, signed with a ``TestKey``.
struct TokenFactory: Sendable {
    /// The header most tests use: EdDSA, `kid` "k1".
    static let defaultHeader = #"{"alg":"EdDSA","kid":"k1"}"#

    var key: TestKey = .issuer

    /// A signed token.
    func token(header: String = defaultHeader, payload: String = "{}") -> String {
        token(headerBytes: Array(header.utf8), payloadBytes: Array(payload.utf8))
    }

    /// A signed token from raw segment bytes (which need not be valid UTF-8 or JSON).
    func token(headerBytes: [UInt8], payloadBytes: [UInt8]) -> String {
        signed(Base64URL.encode(headerBytes) + "." + Base64URL.encode(payloadBytes))
    }

    /// `signingInput.signature`, the signature made over exactly `signingInput`.
    func signed(_ signingInput: String) -> String {
        signingInput + "." + Base64URL.encode(signatureBytes(over: signingInput))
    }

    /// The raw signature over the ASCII signing input.
    func signatureBytes(over signingInput: String) -> [UInt8] {
        key.sign(Array(signingInput.utf8))
    }

    /// `presented.signature` where the signature covers `signedInput` instead.
    func token(presenting presented: String, signatureOver signedInput: String) -> String {
        presented + "." + Base64URL.encode(signatureBytes(over: signedInput))
    }

    /// `header.payload` for JSON texts: the signing input a token would carry.
    static func signingInput(header: String = defaultHeader, payload: String = "{}") -> String {
        Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
    }
}

/// Segment-level edits of a compact token.
enum TokenEdit {
    /// The token's `.`-separated segments.
    static func segments(_ token: String) -> [String] {
        token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// The token with segment `index` decoded, changed by `edit`, and re-encoded.
    static func editingDecoded(_ token: String, segment index: Int, _ edit: (inout [UInt8]) -> Void) -> String {
        var parts = segments(token)
        var bytes = Base64URL.decode(parts[index]) ?? []
        edit(&bytes)
        parts[index] = Base64URL.encode(bytes)
        return parts.joined(separator: ".")
    }

    /// The token with one bit of decoded segment `index` flipped.
    static func flippingBit(_ bit: Int, ofSegment index: Int, in token: String) -> String {
        editingDecoded(token, segment: index) { $0[bit / 8] ^= 1 << UInt8(bit % 8) }
    }

    /// The token with segment `index` replaced by raw text.
    static func replacing(segment index: Int, with text: String, in token: String) -> String {
        var parts = segments(token)
        parts[index] = text
        return parts.joined(separator: ".")
    }
}
