extension PinnedKeySet {
    /// A set with no key, so none can be selected: what ``Verifier/keys`` reports for a
    /// rotating source before any statement is installed. Never produced by loading a JWK Set.
    static let empty = PinnedKeySet(noKeys: ())

    private init(noKeys: Void) {
        keys = []
        skippedKeys = []
    }
}
