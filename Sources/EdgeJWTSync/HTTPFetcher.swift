import Dispatch
import EdgeJWT
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP GET, as the agent needs it: conditional headers, an idle and a total timeout, and a
/// cap on the body that stops reading at the first byte past it.
struct HTTPFetcher: Sendable {
    /// What came back.
    struct Response: Sendable {
        /// The HTTP status code.
        let status: Int
        /// The body (empty for 304).
        let body: [UInt8]
        /// The `ETag` header, if any.
        let entityTag: String?
        /// The `Last-Modified` header, if any.
        let lastModified: String?
        /// The `Date` header, if any: when the server produced the response.
        let date: String?
    }

    /// How long the server may stay silent (connect, first byte, between bytes).
    let timeout: Duration
    /// The longest accepted body.
    let maxBytes: Int

    /// The total time one request may take: ten idle timeouts.
    var totalTimeout: Duration { timeout * 10 }

    /// GETs `url`.
    /// - Parameters:
    ///   - url: The URL.
    ///   - entityTag: Sent as `If-None-Match`.
    ///   - lastModified: Sent as `If-Modified-Since`.
    /// - Returns: The response (any status).
    /// - Throws: ``SyncError`` `timeout`, `response_too_large`, `transfer_failed`.
    func get(_ url: URL, entityTag: String? = nil, lastModified: String? = nil) throws(SyncError) -> Response {
        var request = URLRequest(url: url)
        request.httpMethod = "GET"
        request.cachePolicy = .reloadIgnoringLocalCacheData
        request.timeoutInterval = Self.seconds(timeout)
        if let entityTag { request.setValue(entityTag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        request.setValue("no-cache", forHTTPHeaderField: "Cache-Control")

        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = Self.seconds(timeout)
        configuration.timeoutIntervalForResource = Self.seconds(totalTimeout)
        configuration.httpMaximumConnectionsPerHost = 1
        let collector = BodyCollector(maxBytes: maxBytes)
        let session = URLSession(configuration: configuration, delegate: collector, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        session.dataTask(with: request).resume()
        // The session's own resource timeout ends the task; the extra margin only guards against
        // a completion that never comes.
        guard collector.done.wait(timeout: .now() + Self.seconds(totalTimeout) + 5) == .success else {
            throw SyncError(.timeout, "\(url.absoluteString): no answer within \(Self.seconds(totalTimeout)) s")
        }
        return try collector.result(for: url, timeout: timeout)
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// Collects one task's body, cancelling the task at the first byte past the cap.
private final class BodyCollector: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    struct State {
        var body: [UInt8] = []
        var response: HTTPURLResponse?
        var tooLarge = false
        var error: (any Error)?
    }

    let maxBytes: Int
    let state = Locked(State())
    let done = DispatchSemaphore(value: 0)

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let tooLarge = response.expectedContentLength > Int64(maxBytes)
        state.withLock {
            $0.response = response as? HTTPURLResponse
            $0.tooLarge = tooLarge
        }
        completionHandler(tooLarge ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over = state.withLock { state -> Bool in
            guard !state.tooLarge else { return true }
            if state.body.count + data.count > maxBytes {
                state.tooLarge = true
                state.body = []
                return true
            }
            state.body.append(contentsOf: data)
            return false
        }
        if over { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        state.withLock { $0.error = error }
        done.signal()
    }

    func result(for url: URL, timeout: Duration) throws(SyncError) -> HTTPFetcher.Response {
        let state = state.withLock { $0 }
        let where_ = url.absoluteString
        if state.tooLarge {
            throw SyncError(.responseTooLarge, "\(where_): the response is larger than the limit of \(maxBytes) bytes")
        }
        if let error = state.error {
            let code = (error as? URLError)?.code
            switch code {
            case .timedOut?:
                throw SyncError(.timeout, "\(where_): the server sent nothing for \(HTTPFetcher.seconds(timeout)) s")
            case .cannotConnectToHost?, .cannotFindHost?, .notConnectedToInternet?, .dnsLookupFailed?:
                throw SyncError(.unreachable, "\(where_): \(error.localizedDescription)")
            default:
                throw SyncError(.transferFailed, "\(where_): \(error.localizedDescription)")
            }
        }
        guard let response = state.response else {
            throw SyncError(.transferFailed, "\(where_): no HTTP response")
        }
        if let length = response.value(forHTTPHeaderField: "Content-Length").flatMap(Int.init), response.statusCode == 200,
            length != state.body.count
        {
            throw SyncError(.transferFailed, "\(where_): received \(state.body.count) of \(length) bytes")
        }
        return HTTPFetcher.Response(
            status: response.statusCode, body: state.body, entityTag: response.value(forHTTPHeaderField: "ETag"),
            lastModified: response.value(forHTTPHeaderField: "Last-Modified"), date: response.value(forHTTPHeaderField: "Date"))
    }
}
