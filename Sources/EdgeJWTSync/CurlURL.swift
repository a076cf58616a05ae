import CCurl

/// An absolute `http` or `https` URL as libcurl's own URL parser reads it, reduced to what the
/// redirect rules compare: scheme, host and port (the default one when the URL names none).
struct CurlURL: Sendable, Hashable {
    /// The URL text, as given.
    let text: String
    /// `http` or `https`, lowercased.
    let scheme: String
    /// The host name or address, lowercased.
    let host: String
    /// The port, explicit or the scheme's default (80, 443).
    let port: Int

    /// Parses `text` with `curl_url_set` (RFC 3986 as libcurl implements it).
    /// - Parameter text: An absolute URL.
    /// - Throws: ``SyncError`` `unsupported_url` when it does not parse, has no host, or its
    ///   scheme is anything but `http` or `https`.
    init(_ text: String) throws(SyncError) {
        guard let handle = curl_url() else { throw SyncError(.transferFailed, "libcurl could not allocate a URL handle") }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, text, 0) == CURLUE_OK else {
            throw SyncError(.unsupportedURL, "\"\(text)\" is not an absolute URL")
        }
        guard let scheme = Self.part(handle, CURLUPART_SCHEME)?.lowercased(), scheme == "http" || scheme == "https" else {
            throw SyncError(.unsupportedURL, "\"\(text)\": only http and https URLs are fetched")
        }
        guard let host = Self.part(handle, CURLUPART_HOST)?.lowercased(), !host.isEmpty else {
            throw SyncError(.unsupportedURL, "\"\(text)\" names no host")
        }
        guard let port = Self.part(handle, CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT)).flatMap(Int.init) else {
            throw SyncError(.unsupportedURL, "\"\(text)\" has no usable port")
        }
        self.text = text
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// Whether `other` has the same scheme, host and port (RFC 6454 §4 origin).
    func isSameOrigin(as other: CurlURL) -> Bool {
        scheme == other.scheme && host == other.host && port == other.port
    }

    private static func part(_ handle: OpaquePointer, _ part: CURLUPart, flags: UInt32 = 0) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, part, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
