#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A bounded cache of verified Ed25519 signatures, for gateways that see the same token many
/// times: a hit skips only the signature check (step 5), the one step whose result cannot
/// change between calls.
///
/// Every other step still runs on every call: the token is split and parsed again, the key is
/// selected again, and time, issuer, audience, OIDC and revocation/status rules are applied at
/// the current time, so an expired or newly revoked token is refused on a hit as on a miss.
/// ```swift
/// let cache = SignatureCache(capacity: 4096)
/// let verifier = Verifier(keys: keys, options: options, signatureCache: cache)
/// ```
/// An entry is keyed by the token's exact bytes, all of them, signature included, and records
/// the public key that verified it: a hit needs a byte-for-byte equal token (a hash only finds
/// the candidate) selecting the same pinned key. Another token with the same claims, or the same
/// header and payload with another signature, is a miss and is verified in full. Only tokens
/// whose signature verified are stored.
///
/// Eviction is CLOCK (second chance): a full cache replaces the first entry not used since the
/// hand last passed it. Memory: at most `capacity` copies of tokens (each at most
/// ``VerifierOptions/Limits/maxTokenBytes``) plus a small index. Thread-safe; a hit takes one
/// lock and does not allocate.
public final class SignatureCache: Sendable {
    /// The most entries the cache holds.
    public let capacity: Int

    /// The entries, behind a pthread mutex (``Locked``), which ThreadSanitizer can check.
    private let state: Locked<State>

    /// Creates an empty cache.
    /// - Parameter capacity: The most tokens kept; must be at least 1.
    public init(capacity: Int) {
        precondition(capacity >= 1, "a SignatureCache needs a capacity of at least 1")
        self.capacity = capacity
        state = Locked(State())
    }

    /// How many tokens the cache holds now.
    public var count: Int { state.withLock { $0.slots.count } }

    /// Empties the cache (for instance after a key rotation, though entries verified by a key
    /// no longer pinned can never be hit).
    public func removeAll() {
        state.withLock { $0 = State() }
    }

    /// Whether `token`, byte for byte, is stored as verified by `key`. Does not allocate.
    func containsVerified(_ token: UnsafeBufferPointer<UInt8>, by key: PinnedKey) -> Bool {
        let hash = Self.hash(token)
        return state.withLock { state in
            guard let slot = state.index[hash] else { return false }
            let entry = state.slots[slot]
            guard entry.token.count == token.count, entry.publicKey == key.publicKey,
                token.isEmpty || entry.token.withUnsafeBytes({ memcmp($0.baseAddress!, token.baseAddress!, token.count) == 0 })
            else { return false }
            state.slots[slot].isReferenced = true
            return true
        }
    }

    /// Stores `token` as verified by `key`; call only after its signature verified.
    func insertVerified(_ token: UnsafeBufferPointer<UInt8>, by key: PinnedKey) {
        let hash = Self.hash(token)
        let entry = Entry(hash: hash, token: Array(token), publicKey: key.publicKey)
        state.withLock { state in
            state.insert(entry, capacity: capacity)
        }
    }

    /// The bytes' hash with the process's random seed (`Hasher`): it only locates a candidate.
    private static func hash(_ token: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(token))
        return hasher.finalize()
    }

    private struct Entry {
        let hash: Int
        let token: [UInt8]
        let publicKey: [UInt8]
        /// CLOCK's reference bit: set by a hit, cleared when the hand passes.
        var isReferenced = false
    }

    private struct State {
        var slots: [Entry] = []
        /// Hash → slot. Two stored tokens never share a hash: the newer replaces the older.
        var index: [Int: Int] = [:]
        /// CLOCK's hand: the next slot considered for eviction.
        var hand = 0

        mutating func insert(_ entry: Entry, capacity: Int) {
            if let slot = index[entry.hash] {
                slots[slot] = entry
                return
            }
            if slots.count < capacity {
                index[entry.hash] = slots.count
                slots.append(entry)
                return
            }
            while slots[hand].isReferenced {
                slots[hand].isReferenced = false
                hand = (hand + 1) % capacity
            }
            index[slots[hand].hash] = nil
            slots[hand] = entry
            index[entry.hash] = hand
            hand = (hand + 1) % capacity
        }
    }
}
