internal import EdgeJWT

/// The C API's own result codes, for calls that fail before or beside verification: a bad
/// argument or an unusable configuration. Numbered from 1000 so that the verification codes
/// (1, 2, … in ``VerificationError/Code/all`` order) can grow without meeting them; `0` is
/// `EDGEJWT_OK`. Append only: the numbers are ABI (`include/edgejwt.h`).
package enum CAPICode: Int32, CaseIterable, Sendable {
    /// A required pointer is `NULL`.
    case nullArgument = 1000
    /// A length is negative as a signed size, or larger than the input it describes may be.
    case badLength = 1001
    /// Text that must be UTF-8 (configuration, paths, names, status list tokens) is not, or
    /// contains a NUL byte.
    case notUTF8 = 1002
    /// An argument that is not a pointer or a length is out of range (`now`).
    case invalidArgument = 1003
    /// The configuration text is not a valid configuration, or a file it names is unusable.
    case configurationError = 1004
    /// The JWK Set (or the revocation publisher's) is refused; the message starts with its
    /// key-set code, e.g. `private_key_material: …`.
    case keySetError = 1005
    /// A Status List Token is refused at install; the message starts with its code.
    case statusListError = 1006
    /// A revocation list is refused at install; the message starts with its code.
    case revocationListError = 1007
    /// The result has no such value: the token was rejected, or the claim is absent.
    case notFound = 1008

    /// The snake_case name, as `edgejwt_code_name` returns it.
    package var name: String {
        switch self {
        case .nullArgument: "null_argument"
        case .badLength: "bad_length"
        case .notUTF8: "not_utf8"
        case .invalidArgument: "invalid_argument"
        case .configurationError: "configuration_error"
        case .keySetError: "key_set_error"
        case .statusListError: "status_list_error"
        case .revocationListError: "revocation_list_error"
        case .notFound: "not_found"
        }
    }
}

/// A C API call that cannot go on: the code it returns and the message it writes.
struct CAPIFailure: Error {
    /// The code returned to C.
    let code: CAPICode
    /// The text written to the caller's message buffer or the result's detail.
    let message: String

    /// A failure with a code and a message.
    init(_ code: CAPICode, _ message: String) {
        self.code = code
        self.message = message
    }

    /// A configuration failure from a library error: `CODE: DETAIL`, so C callers can read the
    /// library's stable code from the start of the message.
    init<Failure: CodedError>(_ code: CAPICode, _ error: Failure, context: String = "") {
        self.init(code, "\(error.code.rawValue): \(context)\(error.detail)")
    }
}
