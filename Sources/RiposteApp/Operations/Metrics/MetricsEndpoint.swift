import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// Who may read `GET /metrics`: nobody by default; with `RIPOSTE_METRICS_TOKEN`, whoever sends
/// it as a bearer token (Prometheus's `authorization` setting); with `RIPOSTE_METRICS=on` and no
/// token, anyone who can reach the server (a scraper on a private network).
enum MetricsAccess: Sendable, Equatable {
    case off
    case open
    case token(String)

    static func fromEnvironment() -> MetricsAccess {
        if let token = Environment.get("RIPOSTE_METRICS_TOKEN"), !token.isEmpty { return .token(token) }
        return ["on", "open", "true", "1"].contains(Environment.get("RIPOSTE_METRICS")?.lowercased() ?? "")
            ? .open : .off
    }

    /// Digests are compared, not the tokens: how long the comparison takes says nothing of the token.
    func allows(_ request: Request) -> Bool {
        switch self {
        case .off: return false
        case .open: return true
        case .token(let expected):
            guard let given = request.headers.bearerAuthorization?.token else { return false }
            return TokenDigest.digest(given) == TokenDigest.digest(expected)
        }
    }
}

/// `GET /metrics`: the Prometheus text exposition (#19 point 2).
enum MetricsEndpoint {
    static func answer(_ req: Request) async throws -> Response {
        let access = req.application.metricsAccess
        guard access != .off else { throw Abort(.notFound) }
        guard access.allows(req) else { throw Refusal.unauthenticated }
        let state = try await MetricsReads.snapshot(at: req.now, on: req.db.sql())
        let body = req.application.metrics.exposition(with: state, now: req.now)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: body)))
    }
}

/// Counts every answer by its route's pattern, method and status, and times it. Outermost, so
/// that it sees the status actually sent, error pages and refusals included.
struct MetricsMiddleware: AsyncMiddleware {
    let metrics: RiposteMetrics

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next.respond(to: request)
            record(request, status: response.status.code, since: started)
            return response
        } catch {
            record(request, status: (error as? any AbortError)?.status.code ?? 500, since: started)
            throw error
        }
    }

    private func record(_ request: Request, status: UInt, since started: ContinuousClock.Instant) {
        // The pattern (`api/v1/incidents/:id`), never the path: one series per route, not per incident.
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        metrics.answered(
            route: route, method: request.method.rawValue, status: status, took: ContinuousClock.now - started)
    }
}

extension Application {
    private struct MetricsKey: StorageKey {
        typealias Value = RiposteMetrics
    }

    private struct MetricsAccessKey: StorageKey {
        typealias Value = MetricsAccess
    }

    /// Made once by `configure`, before any request.
    var metrics: RiposteMetrics {
        get { storage[MetricsKey.self] ?? RiposteMetrics(wording: catalogue) }
        set { storage[MetricsKey.self] = newValue }
    }

    var metricsAccess: MetricsAccess {
        get { storage[MetricsAccessKey.self] ?? .off }
        set { storage[MetricsAccessKey.self] = newValue }
    }
}
