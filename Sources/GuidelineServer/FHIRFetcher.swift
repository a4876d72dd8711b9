import Foundation
import GuidelineCDSHooks
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches from a CDS client's FHIR server the prefetch templates the client did not satisfy.
///
/// Each query is a GET of `{fhirServer}/{query}` with `Authorization: Bearer {access token}` when the client gave
/// `fhirAuthorization`. Redirects are not followed (the token must not reach another host), cookies and caches
/// are off, each answer is held to `maxBytes` and all of them to `seconds`. Anything but a 200 with a JSON
/// body is no data: the key stays unknown, never false. The token is never logged or kept.
final class FHIRFetcher: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// What one transfer has received so far, and who waits for it.
    private struct Transfer {
        var data = Data()
        var status = 0
        var continuation: CheckedContinuation<JSONValue?, Never>
    }

    private let maxBytes: Int
    private let seconds: Double
    private let transfers = Mutex<[Int: Transfer]>([:])
    private var session: URLSession?

    /// A fetcher holding each answer to `maxBytes` and each request to `seconds`.
    init(maxBytes: Int, seconds: Double) {
        self.maxBytes = maxBytes
        self.seconds = seconds
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }

    /// Fetches every query of `call` at once; returns the answers by prefetch key (keys without data left out).
    func fetch(_ call: CDSHooksService.PreparedCall) async -> [String: JSONValue] {
        guard let server = call.request.fhirServer, !call.fetch.isEmpty,
            server.hasPrefix("https://") || server.hasPrefix("http://")
        else { return [:] }
        let base = server.hasSuffix("/") ? String(server.dropLast()) : server
        let token = call.request.fhirAuthorization?.accessToken
        return await withTaskGroup(of: (String, JSONValue?).self) { group in
            for (template, query) in call.fetch {
                group.addTask {
                    guard let url = URL(string: base + "/" + query) else { return (template.key, nil) }
                    return (template.key, await self.get(url, token: token))
                }
            }
            var answers: [String: JSONValue] = [:]
            for await (key, value) in group { if let value { answers[key] = value } }
            return answers
        }
    }

    /// One GET: the JSON of a 200 answer, or nil.
    private func get(_ url: URL, token: String?) async -> JSONValue? {
        guard let session else { return nil }
        var request = URLRequest(url: url, timeoutInterval: seconds)
        request.setValue("application/fhir+json, application/json", forHTTPHeaderField: "Accept")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let task = session.dataTask(with: request)
        return await withCheckedContinuation { continuation in
            transfers.withLock { $0[task.taskIdentifier] = Transfer(continuation: continuation) }
            task.resume()
        }
    }

    /// Ends a transfer with `value`, once.
    private func finish(_ task: URLSessionTask, _ value: JSONValue?) {
        let transfer = transfers.withLock { $0.removeValue(forKey: task.taskIdentifier) }
        transfer?.continuation.resume(returning: value)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200, response.expectedContentLength <= Int64(maxBytes) else {
            completionHandler(.cancel)
            finish(dataTask, nil)
            return
        }
        transfers.withLock { $0[dataTask.taskIdentifier]?.status = status }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over = transfers.withLock { transfers -> Bool in
            guard var transfer = transfers[dataTask.taskIdentifier] else { return false }
            transfer.data.append(data)
            transfers[dataTask.taskIdentifier] = transfer
            return transfer.data.count > maxBytes
        }
        if over {
            dataTask.cancel()
            finish(dataTask, nil)
        }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let transfer = transfers.withLock { $0.removeValue(forKey: task.taskIdentifier) }
        guard let transfer else { return }
        guard error == nil, transfer.status == 200, let value = try? JSONParser.parse(Array(transfer.data)) else {
            transfer.continuation.resume(returning: nil)
            return
        }
        transfer.continuation.resume(returning: value)
    }

    /// Ends the session (the fetcher cannot be used afterwards).
    func close() { session?.invalidateAndCancel() }
}
