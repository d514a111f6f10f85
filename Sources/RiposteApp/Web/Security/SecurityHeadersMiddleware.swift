import Vapor

/// On every response: no inline script or style (the CSP, unless the response set a stricter
/// one of its own, as downloads do), no framing, no MIME sniffing, no referrer sent to other
/// sites; nothing kept by the browser's or a proxy's cache but the stylesheets and scripts
/// (pages and answers hold incident data, and a shared computer's back button must not show
/// them after sign-out); HTTPS only from then on when served over HTTPS.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
    ].joined(separator: "; ")

    /// The folders of `Public/`, served as files and safe to cache.
    static let assetPrefixes = ["/css/", "/js/"]

    let strictTransport: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if !response.headers.contains(name: "Content-Security-Policy") {
            response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        }
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        if !Self.assetPrefixes.contains(where: { request.url.path.hasPrefix($0) }) {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        if strictTransport {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000")
        }
        return response
    }
}
