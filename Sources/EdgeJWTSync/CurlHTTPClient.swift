/// One HTTP GET through libcurl, as the sync agent needs it, without Foundation: conditional
/// headers, bounded connect, idle and total timeouts, a cap on the body that stops reading at the
/// first byte past it, HTTPS checked against the system CA store or a pinned CA bundle, and
/// redirects only as configured.
///
/// ``SyncAgent`` makes one from its configuration (`timeout_seconds`, `max_response_bytes`,
/// `ca_file`, `redirects`):
/// ```swift
/// let client = CurlHTTPClient(timeout: .seconds(10), maxBytes: 16 << 20, caFile: "/etc/edgejwt/ca.pem")
/// let response = try client.get("https://lists.example/status.jwt", entityTag: previous?.entityTag)
/// ```
struct CurlHTTPClient: Sendable {
    /// What came back.
    struct Response: Sendable, Hashable {
        /// The HTTP status code.
        let status: Int
        /// The body (empty for 304).
        let body: [UInt8]
        /// The `ETag` header, if any.
        let entityTag: String?
        /// The `Last-Modified` header, if any.
        let lastModified: String?
        /// The `Date` header, if any: when the server produced the response (``Revalidation``).
        let date: String?
    }

    /// How long connecting may take, and how long the server may stay silent after that.
    let timeout: Duration
    /// The longest accepted body.
    let maxBytes: Int
    /// The PEM bundle of the only CAs trusted for `https`; `nil`: the system store.
    let caFile: String?
    /// Which redirects are followed. Default: none.
    let redirects: HTTPRedirectPolicy

    /// The total time one request may take: ten idle timeouts. Each redirect followed is a
    /// request of its own.
    var totalTimeout: Duration { timeout * 10 }

    /// A client.
    /// - Parameters:
    ///   - timeout: The connect and idle timeout.
    ///   - maxBytes: The largest accepted body.
    ///   - caFile: A PEM CA bundle to trust instead of the system store. Default: `nil`.
    ///   - redirects: Which redirects to follow. Default: ``HTTPRedirectPolicy/refuse``.
    init(timeout: Duration, maxBytes: Int, caFile: String? = nil, redirects: HTTPRedirectPolicy = .refuse) {
        precondition(timeout > .zero && maxBytes >= 0)
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.caFile = caFile
        self.redirects = redirects
    }

    /// GETs `url`.
    /// - Parameters:
    ///   - url: An absolute `http` or `https` URL.
    ///   - entityTag: Sent as `If-None-Match`.
    ///   - lastModified: Sent as `If-Modified-Since`.
    /// - Returns: The response (any status but a redirect).
    /// - Throws: ``SyncError`` `unsupported_url`, `unreachable`, `timeout`, `tls_failure`,
    ///   `response_too_large`, `redirect_refused`, `transfer_failed`.
    func get(_ url: String, entityTag: String? = nil, lastModified: String? = nil) throws(SyncError) -> Response {
        var headers = ["Cache-Control: no-cache", "Accept-Encoding: identity"]
        if let entityTag { headers.append("If-None-Match: \(entityTag)") }
        if let lastModified { headers.append("If-Modified-Since: \(lastModified)") }
        var target = try CurlURL(url)
        var followed = 0
        while true {
            let answer = try CurlTransfer(settings: self).perform(target, headers: headers)
            guard let location = answer.redirectURL else {
                return Response(
                    status: answer.status, body: answer.body, entityTag: answer.entityTag, lastModified: answer.lastModified,
                    date: answer.date)
            }
            let next: CurlURL
            do {
                next = try CurlURL(location)
            } catch {
                throw SyncError(.redirectRefused, "\(target.text): redirect to \(location) refused: \(error.detail)")
            }
            try redirects.check(from: target, to: next, followed: followed)
            followed += 1
            target = next
        }
    }
}
