import Vapor

/// One log line per request, as Vapor's route logging writes it, except that the addresses that
/// are their own secret never reach the logs: a calendar feed's (#20 point 5), a report link's
/// and a follow-up link's (#18 point 1).
struct RequestLogging: AsyncMiddleware {
    let level: Logger.Level

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.logger.log(level: level, "\(request.method) \(Self.loggable(request.url.path))")
        return try await next.respond(to: request)
    }

    /// The path, a feed's secret replaced wherever it stands (the router also serves
    /// `//calendar/…`, and a miscased path may still hold a live secret).
    static func loggable(_ path: String) -> String {
        let decoded = path.removingPercentEncoding ?? path
        let lowered = decoded.lowercased()
        if lowered.contains("/calendar/") || lowered.contains("rcal_") { return "/calendar/…" }
        for secret in ["/report/", "/follow/"] where lowered.contains(secret) { return secret + "…" }
        return decoded
    }
}
