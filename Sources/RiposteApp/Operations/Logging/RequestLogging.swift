import Vapor

/// One log line per request, as Vapor's route logging writes it, except that a calendar feed's
/// address, which is its secret (#20 point 5), never reaches the logs.
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
        return lowered.contains("/calendar/") || lowered.contains("rcal_") ? "/calendar/…" : decoded
    }
}
