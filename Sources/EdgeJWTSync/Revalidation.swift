#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// When the agent may send a source's stored HTTP validators (`If-None-Match`,
/// `If-Modified-Since`) and when it must ask without them, so that no new list hides behind a
/// 304.
///
/// nginx's `ETag` is the file's modification second and its size, and `Last-Modified` is that
/// same second: two lists of one size published within one second share both. Two rules, the
/// same for every kind of source, close that hole:
/// - A validator is kept only when the response's `Last-Modified` is at least one second before
///   its `Date` (RFC 9110 §8.8.2.2: a modification date is weak otherwise, because the file may
///   change again within the same second). nginx derives its `ETag` from the same second, so
///   both are dropped together. The next request then asks without validators and the agent
///   compares what arrives with what it holds (the list's `iat` and content, or its sequence).
/// - Validators are trusted for at most ``fullFetchPeriod`` after the last full (200) response;
///   after that one request goes without them, whatever the server's validators claim (a CDN
///   whose clock or ETag scheme differs from the origin's is caught this way).
struct Revalidation: Sendable {
    /// The longest time the agent relies on validators between two full responses.
    let fullFetchPeriod: Double

    /// Whether a request at `now` may carry the stored validators.
    /// - Parameters:
    ///   - lastFullFetch: When the source last answered 200 with a list the agent compared
    ///     (installed or found identical); `nil` if never since the agent started.
    ///   - now: The schedule clock's time, in seconds since 1970.
    /// - Returns: `false` when the last full response is older than ``fullFetchPeriod`` or unknown.
    func mayUseValidators(lastFullFetch: Double?, now: Double) -> Bool {
        guard let lastFullFetch else { return false }
        return now - lastFullFetch < fullFetchPeriod && now >= lastFullFetch
    }

    /// Whether a response's validators can tell a later list from this one.
    /// - Parameters:
    ///   - lastModified: The `Last-Modified` header, if any.
    ///   - date: The `Date` header, if any.
    /// - Returns: `true` without `Last-Modified` (an `ETag` alone is the server's own content
    ///   tag); otherwise `true` only if both dates parse and `Last-Modified` ≤ `Date` − 1 s.
    static func validatorsAreReliable(lastModified: String?, date: String?) -> Bool {
        guard let lastModified else { return true }
        guard let modified = httpDate(lastModified), let date = date.flatMap(httpDate) else { return false }
        return modified <= date - 1
    }

    /// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7), the only form
    /// a sender may generate; obsolete forms give `nil`, which makes a validator unreliable.
    /// - Parameter text: The header value.
    /// - Returns: Seconds since 1970, or `nil` if it is not an IMF-fixdate.
    static func httpDate(_ text: String) -> Int? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0].count == 4, parts[0].hasSuffix(","), parts[5] == "GMT",
            let day = Int(parts[1]), parts[1].count == 2, (1...31).contains(day),
            let month = months.firstIndex(of: String(parts[2])),
            let year = Int(parts[3]), parts[3].count == 4
        else { return nil }
        let clock = parts[4].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
            let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        var fields = tm()
        fields.tm_year = Int32(year - 1900)
        fields.tm_mon = Int32(month)
        fields.tm_mday = Int32(day)
        fields.tm_hour = Int32(hour)
        fields.tm_min = Int32(minute)
        fields.tm_sec = Int32(second)
        return Int(timegm(&fields))
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
