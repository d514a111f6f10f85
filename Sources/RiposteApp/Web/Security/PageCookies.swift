import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Cookies a page request sets or clears, sent with its answer by `SessionAuthenticator`, and
/// what that middleware learnt of the request (its session).
final class PageCookies: Sendable {
    private struct State {
        var isPage = false
        var session: PageSession?
        var cookies: [String: HTTPCookies.Value] = [:]
    }

    private let state = NIOLockedValueBox(State())

    /// The request went through the pages' middleware (an unknown address did not).
    var isPage: Bool {
        get { state.withLockedValue { $0.isPage } }
        set { state.withLockedValue { $0.isPage = newValue } }
    }

    var session: PageSession? {
        get { state.withLockedValue { $0.session } }
        set { state.withLockedValue { $0.session = newValue } }
    }

    func set(_ name: String, _ value: HTTPCookies.Value) {
        state.withLockedValue { $0.cookies[name] = value }
    }

    func pending(_ name: String) -> HTTPCookies.Value? {
        state.withLockedValue { $0.cookies[name] }
    }

    func apply(to response: Response) {
        for (name, value) in state.withLockedValue({ $0.cookies }) { response.cookies[name] = value }
    }
}

extension Request {
    private struct PageCookiesKey: StorageKey {
        typealias Value = PageCookies
    }

    var pageCookies: PageCookies {
        if let cookies = storage[PageCookiesKey.self] { return cookies }
        let cookies = PageCookies()
        storage[PageCookiesKey.self] = cookies
        return cookies
    }

    var pageSession: PageSession? {
        get { pageCookies.session }
        set { pageCookies.session = newValue }
    }

    /// A cookie for this site only, out of scripts' reach; `Secure` when served over HTTPS.
    func setCookie(_ name: String, _ value: String, maxAge: Int, sameSite: HTTPCookies.SameSitePolicy = .lax) {
        pageCookies.set(
            name,
            HTTPCookies.Value(
                string: value, expires: nil, maxAge: maxAge, domain: nil, path: "/",
                isSecure: application.secureCookies, isHTTPOnly: true, sameSite: sameSite))
    }

    func expireCookie(_ name: String) {
        setCookie(name, "", maxAge: 0)
    }

    /// A cookie's value as this request leaves it: what it set, else what the browser sent.
    func cookieValue(_ name: String) -> String? {
        if let pending = pageCookies.pending(name) { return pending.maxAge == 0 ? nil : pending.string }
        return cookies[name]?.string
    }
}

extension Application {
    /// `RIPOSTE_SECURE_COOKIES=1`: Riposte is served over HTTPS.
    var secureCookies: Bool { Environment.get("RIPOSTE_SECURE_COOKIES") == "1" }
}
