import ArgumentParser

/// `verify` options that later versions implement.
///
/// Each is parsed, so it is not reported as an unknown option, and then refused with exit 2, so
/// it is never silently ignored. To implement one, move it from here into ``VerifyCommand`` and
/// delete its line from ``given``.
struct PlannedVerifyOptions: ParsableArguments {
    @Option(name: .customLong("revocation"), help: ArgumentHelp("Signed revocation list file.", valueName: "FILE"))
    var revocation: String?

    @Option(name: .customLong("revocation-keys"), help: ArgumentHelp("JWK Set that signs the revocation list.", valueName: "FILE"))
    var revocationKeys: String?

    /// Every planned option, by its spelling, with whether it was given.
    var given: [(option: String, isSet: Bool)] {
        [
            ("--revocation", revocation != nil),
            ("--revocation-keys", revocationKeys != nil),
        ]
    }

    /// Refuses the first planned option that was given.
    func validate() throws {
        if let first = given.first(where: \.isSet) {
            throw ValidationError("\(first.option) is not supported yet by this version of edgejwt")
        }
    }
}
