internal import EdgeJWT

/// Every code's snake_case name as a C string, allocated once and never freed or written, so
/// every thread may read it.
private struct CodeNames: @unchecked Sendable {
    let names: [Int32: UnsafePointer<CChar>]
    let unknown: UnsafePointer<CChar>

    init() {
        var names: [Int32: UnsafePointer<CChar>] = [0: Self.permanent("ok")]
        for code in VerificationError.Code.all { names[code.number] = Self.permanent(code.rawValue) }
        for code in CAPICode.allCases { names[code.rawValue] = Self.permanent(code.name) }
        self.names = names
        unknown = Self.permanent("unknown_code")
    }

    private static func permanent(_ text: String) -> UnsafePointer<CChar> {
        let bytes = Array(text.utf8) + [0]
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        copy.initialize(from: bytes, count: bytes.count)
        return UnsafeRawPointer(copy).assumingMemoryBound(to: CChar.self)
    }
}

private let codeNames = CodeNames()

/// `edgejwt_code_name`: a code's snake_case name, the same text the CLI prints (`"expired"`).
/// - Parameter code: Any `edgejwt_code`.
/// - Returns: A static NUL-terminated string, never freed; `"unknown_code"` for other numbers.
@_cdecl("edgejwt_code_name")
public func edgejwt_code_name(_ code: Int32) -> UnsafePointer<CChar> {
    codeNames.names[code] ?? codeNames.unknown
}
