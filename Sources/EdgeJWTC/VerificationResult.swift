internal import EdgeJWT

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The C `edgejwt_result`: the outcome of the last `edgejwt_verify` into it.
///
/// Used by one thread at a time. Texts handed to C are borrowed: each is a NUL-terminated copy
/// owned by the result, valid until the result is verified into again or freed.
final class VerificationResult {
    /// `EDGEJWT_OK`, a verification code, or a C API code.
    private(set) var code: Int32 = CAPICode.notFound.rawValue
    /// Why the token was refused, or empty when it verified.
    private(set) var detail = "no token has been verified into this result"
    /// The verified token, or `nil` when the last call did not verify one.
    private(set) var verified: VerifiedToken? = nil
    /// The caller's token, copied (up to the size limit + 1) so the pipeline can take an array
    /// without allocating once the capacity is there.
    var scratch: [UInt8] = []
    /// The texts lent to C since the last verification, freed on the next one.
    private var lent: [UnsafeMutablePointer<UInt8>] = []

    deinit { returnLentTexts() }

    /// Records a verified token.
    func succeed(_ token: VerifiedToken) {
        returnLentTexts()
        code = 0
        detail = ""
        verified = token
    }

    /// Records a rejection.
    func reject(_ error: VerificationError) {
        returnLentTexts()
        code = error.code.number
        detail = error.detail
        verified = nil
    }

    /// Records a C API failure (a bad argument).
    func fail(_ failure: CAPIFailure) {
        returnLentTexts()
        code = failure.code.rawValue
        detail = failure.message
        verified = nil
    }

    /// Lends `text` to C: a NUL-terminated copy that lives until the next verification or the
    /// result's end.
    /// - Returns: The copy and its length without the NUL.
    func lend(_ text: String) -> (UnsafePointer<CChar>, Int) {
        var text = text
        return text.withUTF8 { bytes in
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count + 1)
            if let base = bytes.baseAddress { copy.update(from: base, count: bytes.count) }
            copy[bytes.count] = 0
            lent.append(copy)
            return (UnsafeRawPointer(copy).assumingMemoryBound(to: CChar.self), bytes.count)
        }
    }

    private func returnLentTexts() {
        guard !lent.isEmpty else { return }
        for text in lent { text.deallocate() }
        lent.removeAll(keepingCapacity: true)
    }
}
