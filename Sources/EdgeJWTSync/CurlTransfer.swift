import CCurl

/// `curl_global_init`, run once, before the first easy handle of the process. Swift runs a
/// global's initializer exactly once even when several threads reach it together, so this module
/// never runs it twice or concurrently. Another library in the process calling it at the same
/// time (FoundationNetworking also uses libcurl) is safe when libcurl reports
/// `CURL_VERSION_THREADSAFE`, as Debian 12's 7.88.1 does.
private let curlGlobalInitResult: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

/// One HTTP GET of one URL with one libcurl easy handle: no redirect followed, the body capped
/// while it is read, everything bounded in time.
struct CurlTransfer {
    /// What one request got back.
    struct Answer {
        /// The HTTP status code.
        var status: Int
        /// The body.
        var body: [UInt8]
        /// The `ETag` header, if any.
        var entityTag: String?
        /// The `Last-Modified` header, if any.
        var lastModified: String?
        /// The `Date` header, if any.
        var date: String?
        /// For a 3xx answer with a `Location`: the absolute URL it points to.
        var redirectURL: String?
    }

    /// The settings of one request.
    let settings: CurlHTTPClient

    /// Performs the GET.
    /// - Parameters:
    ///   - url: The URL, already checked to be `http` or `https`.
    ///   - headers: Request header lines, `Name: value`.
    /// - Returns: The answer, whatever its status.
    /// - Throws: ``SyncError`` `timeout`, `unreachable`, `response_too_large`, `tls_failure`,
    ///   `unsupported_url` or `transfer_failed`.
    func perform(_ url: CurlURL, headers: [String]) throws(SyncError) -> Answer {
        guard curlGlobalInitResult == CURLE_OK else {
            throw SyncError(.transferFailed, "libcurl failed to initialise: \(Self.describe(curlGlobalInitResult))")
        }
        // Everything the handle points to is declared before it, so it outlives
        // curl_easy_cleanup (defers run in reverse order).
        let sink = BodySink(maxBytes: settings.maxBytes)
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for line in headers {
            guard let extended = curl_slist_append(headerList, line) else {
                throw SyncError(.transferFailed, "libcurl could not allocate a header list")
            }
            headerList = extended
        }
        guard let handle = curl_easy_init() else { throw SyncError(.transferFailed, "libcurl could not allocate a handle") }
        defer { curl_easy_cleanup(handle) }
        return try withExtendedLifetime(sink) { () throws(SyncError) -> Answer in
            try configure(handle, url: url, headers: headerList, sink: sink, errorBuffer: errorBuffer)
            let code = curl_easy_perform(handle)
            guard code == CURLE_OK else {
                throw Self.error(for: code, url: url, sink: sink, message: String(cString: errorBuffer), settings: settings)
            }
            return try answer(handle, url: url, body: sink.bytes)
        }
    }

    private func configure(
        _ handle: UnsafeMutableRawPointer, url: CurlURL, headers: UnsafeMutablePointer<curl_slist>?, sink: BodySink,
        errorBuffer: UnsafeMutablePointer<CChar>
    ) throws(SyncError) {
        func check(_ code: CURLcode, _ option: String) throws(SyncError) {
            guard code == CURLE_OK else {
                throw SyncError(.transferFailed, "libcurl refused \(option): \(Self.describe(code))")
            }
        }
        try check(CCurlShims_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "CURLOPT_ERRORBUFFER")
        try check(CCurlShims_setopt_string(handle, CURLOPT_URL, url.text), "CURLOPT_URL")
        try check(CCurlShims_setopt_long(handle, CURLOPT_HTTPGET, 1), "CURLOPT_HTTPGET")
        // Only http and https, for the request and for any redirect libcurl might consider.
        try check(CCurlShims_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"), "CURLOPT_PROTOCOLS_STR")
        try check(CCurlShims_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "CURLOPT_REDIR_PROTOCOLS_STR")
        // Redirects are followed (or refused) by CurlHTTPClient, one request at a time.
        try check(CCurlShims_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0), "CURLOPT_FOLLOWLOCATION")
        // No signals: timeouts must work in a multi-threaded process.
        try check(CCurlShims_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "CURLOPT_NOSIGNAL")
        try check(CCurlShims_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, settings.timeout.curlMilliseconds), "CURLOPT_CONNECTTIMEOUT_MS")
        try check(CCurlShims_setopt_long(handle, CURLOPT_TIMEOUT_MS, settings.totalTimeout.curlMilliseconds), "CURLOPT_TIMEOUT_MS")
        // Below 1 byte/s for the idle timeout (whole seconds, rounded up): the server is silent.
        try check(CCurlShims_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1), "CURLOPT_LOW_SPEED_LIMIT")
        try check(CCurlShims_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, settings.timeout.curlSeconds), "CURLOPT_LOW_SPEED_TIME")
        // A declared Content-Length over the cap is refused before any byte of the body.
        try check(CCurlShims_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(settings.maxBytes)), "CURLOPT_MAXFILESIZE_LARGE")
        try check(CCurlShims_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1), "CURLOPT_SSL_VERIFYPEER")
        try check(CCurlShims_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2), "CURLOPT_SSL_VERIFYHOST")
        try check(CCurlShims_setopt_long(handle, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2), "CURLOPT_SSLVERSION")
        if let caFile = settings.caFile {
            // The pinned bundle alone: no CA directory of the system besides it.
            try check(CCurlShims_setopt_string(handle, CURLOPT_CAINFO, caFile), "CURLOPT_CAINFO")
            try check(CCurlShims_setopt_string(handle, CURLOPT_CAPATH, nil), "CURLOPT_CAPATH")
        }
        try check(CCurlShims_setopt_string(handle, CURLOPT_USERAGENT, "edgejwt-sync"), "CURLOPT_USERAGENT")
        try check(CCurlShims_setopt_pointer(handle, CURLOPT_HTTPHEADER, headers), "CURLOPT_HTTPHEADER")
        try check(CCurlShims_setopt_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(sink).toOpaque()), "CURLOPT_WRITEDATA")
        try check(
            CCurlShims_setopt_write_function(handle) { data, size, count, context in
                guard let context else { return 0 }
                let sink = Unmanaged<BodySink>.fromOpaque(context).takeUnretainedValue()
                return sink.append(UnsafeRawBufferPointer(start: data, count: size * count))
            }, "CURLOPT_WRITEFUNCTION")
    }

    private func answer(_ handle: UnsafeMutableRawPointer, url: CurlURL, body: [UInt8]) throws(SyncError) -> Answer {
        var status = 0
        guard CCurlShims_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK, status >= 100 else {
            throw SyncError(.transferFailed, "\(url.text): no HTTP response")
        }
        var redirect: UnsafeMutablePointer<CChar>?
        let redirectURL =
            (300...399).contains(status) && CCurlShims_getinfo_string(handle, CURLINFO_REDIRECT_URL, &redirect) == CURLE_OK
            ? redirect.map { String(cString: $0) } : nil
        return Answer(
            status: status, body: body, entityTag: Self.header("ETag", handle), lastModified: Self.header("Last-Modified", handle),
            date: Self.header("Date", handle), redirectURL: redirectURL)
    }

    /// The last response's header `name` (`curl_easy_header`), or `nil`.
    private static func header(_ name: String, _ handle: UnsafeMutableRawPointer) -> String? {
        var header: UnsafeMutablePointer<curl_header>?
        guard curl_easy_header(handle, name, 0, UInt32(CURLH_HEADER), -1, &header) == CURLHE_OK, let value = header?.pointee.value else {
            return nil
        }
        return String(cString: value)
    }

    private static func error(for code: CURLcode, url: CurlURL, sink: BodySink, message: String, settings: CurlHTTPClient) -> SyncError {
        let detail = "\(url.text): \(message.isEmpty ? describe(code) : message)"
        switch code {
        case CURLE_WRITE_ERROR where sink.overflowed, CURLE_FILESIZE_EXCEEDED:
            return SyncError(.responseTooLarge, "\(url.text): the response is larger than the limit of \(settings.maxBytes) bytes")
        case CURLE_OPERATION_TIMEDOUT:
            return SyncError(.timeout, detail)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return SyncError(.unreachable, detail)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return SyncError(.tlsFailure, detail)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return SyncError(.unsupportedURL, detail)
        default:
            return SyncError(.transferFailed, detail)
        }
    }

    private static func describe(_ code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }
}

/// Collects a body, refusing the first chunk that would take it past the cap.
private final class BodySink {
    let maxBytes: Int
    private(set) var bytes: [UInt8] = []
    private(set) var overflowed = false

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    /// Appends `chunk` and returns its length, or returns 0 (which makes libcurl stop with
    /// `CURLE_WRITE_ERROR`) when it would exceed the cap; nothing past the cap is kept.
    func append(_ chunk: UnsafeRawBufferPointer) -> Int {
        guard !overflowed, chunk.count <= maxBytes - bytes.count else {
            overflowed = true
            bytes = []
            return 0
        }
        bytes.append(contentsOf: chunk)
        return chunk.count
    }
}

extension Duration {
    /// Whole milliseconds, rounded up, at least 1 (0 would mean "no timeout" to libcurl).
    fileprivate var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1_000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(max(milliseconds, 1))
    }

    /// Whole seconds, rounded up, at least 1.
    fileprivate var curlSeconds: Int {
        let (seconds, attoseconds) = components
        return Int(max(seconds + (attoseconds > 0 ? 1 : 0), 1))
    }
}
