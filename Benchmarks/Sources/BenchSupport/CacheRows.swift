import EdgeJWT

/// A row whose body is synchronous (for threads and for edgejwt-instructions).
package struct SyncRow: Sendable {
    package let name: String
    package let body: @Sendable (_ count: Int) -> Int

    package init(name: String, body: @escaping @Sendable (_ count: Int) -> Int) {
        self.name = name
        self.body = body
    }
}

extension Rows {
    /// Rows beyond the five: the signature cache, and keys that arrived by a live swap.
    package static func extraSyncRows(_ fixture: Fixture) -> [SyncRow] {
        [signatureCache(fixture), rotatingKeySet(fixture)]
    }

    /// A gateway that sees the same 64 tokens over and over (each typical, all different), with
    /// a 1,024-entry ``SignatureCache``: after the first round every call is a hit, which still
    /// parses the token and applies every time and policy rule.
    package static func signatureCache(_ fixture: Fixture) -> SyncRow {
        let tokens = (0..<64).map { index in
            fixture.key.sign(
                header: TypicalToken.header,
                claims: TypicalToken.claims(now: fixture.now, subject: String(248_289_761_001 + index)))
        }
        let verifier = Verifier(
            keys: fixture.keys, options: TypicalToken.options, signatureCache: SignatureCache(capacity: 1024))
        return SyncRow(name: "EdgeJWT + signature cache (64 tokens repeated)") { count in
            var succeeded = 0
            for index in 0..<count {
                do {
                    blackHole(try verifier.verify(tokens[index & 63]))
                    succeeded += 1
                } catch {
                    progress("EdgeJWT with a signature cache: \(error)")
                }
            }
            return succeeded
        }
    }

    /// ``extraSyncRows(_:)`` as timed rows.
    package static func extraRows(_ fixture: Fixture) -> [BenchCase] {
        extraSyncRows(fixture).map { row in BenchCase(name: row.name) { row.body($0) } }
    }
}
