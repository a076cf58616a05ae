/// The versions of the revocation list format (`docs/revocation-format.md`). They share the
/// envelope, the body layout and every structural rule; they differ in the keyed hash and in the
/// false-positive margin of a token group.
///
/// Readers accept both; publishers write ``current``. A delta and its base are of one version.
enum RevocationListVersion: UInt8, Sendable, Hashable, CaseIterable {
    /// Version 1: BLAKE2b-128 keyed with the 32-byte salt; a group's false-positive share is
    /// below 2^-33.
    case blake2b = 1
    /// Version 2: SipHash-2-4 (tokens) and SipHash-128 (subjects) keyed with the salt's halves;
    /// a group's false-positive share is below 2^-32. About ten times cheaper to look up.
    case sipHash = 2

    /// The version publishers write.
    static let current = RevocationListVersion.sipHash

    /// Each group's false-positive share is below 2^-margin: a group of `q`-bit fingerprints
    /// holds fewer than 2^(q − margin) entries. 33 in version 1, 32 in version 2.
    var fingerprintMargin: Int {
        switch self {
        case .blake2b: 33
        case .sipHash: 32
        }
    }

    /// The fingerprint widths a group may have: `margin + 1 ... 64`.
    var fingerprintWidths: ClosedRange<Int> { (fingerprintMargin + 1)...64 }

    /// Group capacity for `q`-bit fingerprints: at most 2^(q − margin) − 1 entries.
    func capacity(fingerprintBits q: Int) -> Int { (1 << (q - fingerprintMargin)) - 1 }

    /// The fingerprint width the builder gives a new group of `count` entries: room for twice
    /// as many (at least 65,535), or `nil` when even 64 bits cannot hold them.
    func fingerprintBits(forCount count: Int) -> Int? {
        let doubled = 2 * max(count, 1)
        let capacityBits = max(RevocationListFormat.minimumCapacityBits, Int.bitWidth - doubled.leadingZeroBitCount)
        let q = fingerprintMargin + capacityBits
        return q <= 64 ? q : nil
    }

    /// The canonical bucket exponent `b` of a group: the one in `0 ... min(24, q − margin)` that
    /// makes `4·2^b + ceil(n·(q − b) / 8)` smallest, the smaller `b` on a tie.
    func bucketBits(count n: Int, fingerprintBits q: Int) -> Int {
        var best = 0
        var bestSize = Int.max
        for b in 0...min(RevocationListFormat.maximumBucketBits, q - fingerprintMargin) {
            let size = (4 << b) + (n * (q - b) + 7) / 8
            if size < bestSize {
                best = b
                bestSize = size
            }
        }
        return best
    }
}
