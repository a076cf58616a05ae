/// A stable, machine-readable error code: a snake_case `rawValue` that never changes meaning.
public protocol ErrorCode: Hashable, Sendable, CustomStringConvertible {
    /// The snake_case code, as printed by the CLI and stored in conformance vectors.
    var rawValue: String { get }
}

extension ErrorCode {
    /// The raw value.
    public var description: String { rawValue }
}

/// An error made of a stable ``ErrorCode`` and a plain-language detail, the shape of every error
/// EdgeJWT throws (after swift-asn1's `ASN1Error`).
///
/// Two errors are equal when their codes are equal, so rewording a detail breaks no caller.
public protocol CodedError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The type of the stable code.
    associatedtype Code: ErrorCode
    /// The stable, machine-readable reason.
    var code: Code { get }
    /// A plain-language explanation. Never contains key material.
    var detail: String { get }
}

extension CodedError {
    /// `code: detail`, as the CLI prints it.
    public var description: String { "\(code.rawValue): \(detail)" }

    /// Compares codes only.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
