import Crypto
import Foundation
import RiposteCore
import Vapor

/// One random token per signed-in session, put in every form that changes something (`_csrf`)
/// and checked on every POST of the pages before anything else runs. Before sign-in (the
/// sign-in and setup forms) nothing is stored: the token is also a cookie of its own, which
/// another site can neither read nor set, and the form must send it back.
enum CSRF {
    static let field = "_csrf"
    static let cookieName = "riposte_form"

    /// The token forms of this request's page carry.
    static func token(for request: Request) -> String {
        if let session = request.pageSession { return session.csrf }
        if let token = request.cookieValue(cookieName), isWellFormed(token) { return token }
        let token = newToken()
        request.setCookie(cookieName, token, maxAge: 12 * 3600)
        return token
    }

    static func newToken() -> String {
        Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }).base64URLEncoded
    }

    static func isValid(_ request: Request) -> Bool {
        isValid(request, sent: try? request.content.get(String.self, at: field))
    }

    /// Whether `sent` is this request's token (for a form read as it arrives).
    static func isValid(_ request: Request, sent: String?) -> Bool {
        let expected = request.pageSession?.csrf ?? request.cookies[cookieName]?.string
        guard let expected, isWellFormed(expected), let sent else { return false }
        // Constant time: the comparison says nothing about how much of the token matched.
        return Data(expected.utf8).withUnsafeBytes { a in
            Data(sent.utf8).withUnsafeBytes { b in a.count == b.count && safeCompare(a, b) }
        }
    }

    private static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { $0 < 0x80 }
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
            // The upload form, for those who may upload, reads its own body as it arrives and
            // checks the token first (StreamedForm); every other form is read here, at a form's
            // size at most, so an anonymous post is never buffered beyond that.
            if request.url.path == Route.documents.url,
                request.auth.get(ActingPerson.self)?.can(.manageSettings) == true
            {
                return try await next.respond(to: request)
            }
            _ = try await request.body.collect(max: Request.maxBodyBytes).get()
        }
        if !CSRF.isValid(request) {
            request.logger.notice("refused-csrf", metadata: ["path": "\(RequestLogging.loggable(request.url.path))"])
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
