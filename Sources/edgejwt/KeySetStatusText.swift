import EdgeJWT
import EdgeJWTSync

/// The `edgejwt sync --status` lines under a key-set-statement source: the installed statement,
/// then one line per key.
///
/// ```
///   statement sequence=2 root_sequence=1 expiry=current expires_at=1767225600 expires_in=2592000s
///   key kid=A usable not_before=- retire_at=1765000000 retires_in=86400s
///   key kid=B usable not_before=1764900000 retire_at=-
/// ```
enum KeySetStatusText {
    /// The lines, each indented by two spaces.
    /// - Parameters:
    ///   - keySet: The persisted key-set status.
    ///   - now: The time to evaluate expiry and windows at.
    /// - Returns: The statement line and one line per key.
    static func lines(_ keySet: KeySetStatus, at now: NumericDate) -> [String] {
        var statement = [
            "  statement", "sequence=\(keySet.sequence)", "root_sequence=\(keySet.rootSequence)",
            "expiry=\(keySet.expiry(at: now).rawValue)", "expires_at=\(whole(keySet.expiresAt))",
            relative("expires", keySet.expiresAt, now),
        ]
        if let graceEndsAt = keySet.graceEndsAt { statement.append("grace_ends_at=\(whole(graceEndsAt))") }
        var lines = [statement.joined(separator: " ")]
        for key in keySet.keys {
            var fields = ["  key", "kid=" + Terminal.safe(key.keyID), key.isUsable(at: now) ? "usable" : "not_usable"]
            fields.append("not_before=" + (key.notBefore.map(whole) ?? "-"))
            fields.append("retire_at=" + (key.retireAt.map(whole) ?? "-"))
            if let notBefore = key.notBefore, now < notBefore { fields.append(relative("starts", notBefore, now)) }
            if let retireAt = key.retireAt { fields.append(relative("retires", retireAt, now)) }
            if let skipReason = key.skipReason { fields.append("skipped=\"" + Terminal.safe(skipReason) + "\"") }
            lines.append(fields.joined(separator: " "))
        }
        return lines
    }

    private static func whole(_ date: NumericDate) -> String { String(Int(date.secondsSinceEpoch)) }

    /// `NAME_in=Ns` for a future instant, `NAME_ago=Ns` for a past one (e.g. `expires_ago=30s`).
    private static func relative(_ name: String, _ date: NumericDate, _ now: NumericDate) -> String {
        let seconds = Int(date.secondsSinceEpoch - now.secondsSinceEpoch)
        return seconds > 0 ? "\(name)_in=\(seconds)s" : "\(name)_ago=\(-seconds)s"
    }
}
