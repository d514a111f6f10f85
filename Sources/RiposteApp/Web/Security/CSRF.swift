import Crypto
import Foundation
import Vapor

/// One random token per session, put in every form that changes something (`_csrf`) and
/// checked on every POST of the pages before anything else runs.
enum CSRF {
    static let field = "_csrf"
    static let sessionKey = "csrf"

    /// The session's token, made on first use.
    static func token(for request: Request) -> String {
        if let token = request.session.data[sessionKey] { return token }
        let token = Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }).base64URLEncoded
        request.session.data[sessionKey] = token
        return token
    }

    static func isValid(_ request: Request) -> Bool {
        guard let expected = request.session.data[sessionKey],
            let sent = try? request.content.get(String.self, at: field)
        else { return false }
        // Constant time: the comparison says nothing about how much of the token matched.
        return Data(expected.utf8).withUnsafeBytes { a in
            Data(sent.utf8).withUnsafeBytes { b in a.count == b.count && safeCompare(a, b) }
        }
    }

    private static func safeCompare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        var difference: UInt8 = 0
        for index in 0..<a.count { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

/// Refuses a page's POST without the session's token (403, nothing done).
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .POST else { return try await next.respond(to: request) }
        // Middleware runs before the route gathers the body: a form that came in several
        // network reads would not be readable yet, and its token would look missing.
        if request.body.data == nil {
            // The same limits as the routes': the upload form's, or every other form's.
            let limit =
                request.url.path == DocumentsPageController.path
                ? DocumentsPageController.bodyLimit : Request.maxBodyBytes
            _ = try await request.body.collect(max: limit).get()
        }
        if !CSRF.isValid(request) {
            request.logger.notice(
                "refused a form without the session's CSRF token", metadata: ["path": "\(request.url.path)"])
            throw WebError(.forbidden, messageKey: "error.csrf")
        }
        return try await next.respond(to: request)
    }
}

extension Data {
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
