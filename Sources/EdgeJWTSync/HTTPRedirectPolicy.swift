/// Which HTTP redirects the agent follows (``SyncConfiguration/redirects``, `redirects` and
/// `max_redirects` in the configuration file). A redirect it does not follow fails the fetch
/// with `redirect_refused`; it is never returned as if it were the list.
public enum HTTPRedirectPolicy: Sendable, Hashable {
    /// No redirect is followed (the default: a list's URL is where the list is).
    case refuse
    /// Up to `limit` redirects within the same origin: scheme, host and port unchanged.
    case sameOrigin(limit: Int)
    /// Up to `limit` redirects to any `http` or `https` URL, except from `https` to `http`.
    case anyHost(limit: Int)

    /// Checks one redirect against the policy.
    /// - Parameters:
    ///   - current: The URL that answered with the redirect.
    ///   - next: Where it points.
    ///   - followed: How many redirects this fetch has already followed.
    /// - Throws: ``SyncError`` `redirect_refused`, naming both URLs.
    func check(from current: CurlURL, to next: CurlURL, followed: Int) throws(SyncError) {
        let refusal = "\(current.text): redirect to \(next.text) refused"
        switch self {
        case .refuse:
            throw SyncError(.redirectRefused, "\(refusal): redirects are not allowed")
        case .sameOrigin(let limit):
            guard current.isSameOrigin(as: next) else {
                let origin = "\(current.scheme)://\(current.host):\(current.port)"
                throw SyncError(.redirectRefused, "\(refusal): only redirects within \(origin) are allowed")
            }
            try Self.checkCount(followed, limit: limit, refusal)
        case .anyHost(let limit):
            guard !(current.scheme == "https" && next.scheme == "http") else {
                throw SyncError(.redirectRefused, "\(refusal): it leaves https for http")
            }
            try Self.checkCount(followed, limit: limit, refusal)
        }
    }

    private static func checkCount(_ followed: Int, limit: Int, _ refusal: String) throws(SyncError) {
        guard followed < limit else {
            throw SyncError(.redirectRefused, "\(refusal): more than \(limit) redirects")
        }
    }
}
