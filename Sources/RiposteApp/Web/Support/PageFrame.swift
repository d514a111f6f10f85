import Foundation
import RiposteCore
import SQLKit
import Vapor

/// What the layout of every page needs: language, title, who is signed in, the form token,
/// unread notifications and a message to show.
struct PageFrame: Encodable {
    struct Person: Encodable {
        let name: String
        let isAdmin: Bool
        let canViewRegister: Bool
        /// Keeps the BCP's essential activities (the continuity manager, the administrator).
        let canManageActivities: Bool
    }

    struct Option: Encodable {
        let code: String
        let selected: Bool
    }

    let lang: String
    let titleKey: String
    let titleArg: String
    let user: Person?
    let csrf: String
    let unread: Int
    var notice: String?
    var alert: String?
    let languages: [Option]
}

extension Request {
    /// The frame of a page, with the notice left by the previous request, if any.
    func frame(_ titleKey: String, _ titleArg: String = "", alert: String? = nil) async throws -> PageFrame {
        let user = auth.get(ActingPerson.self)
        var unread = 0
        if let user { unread = try await inbox(of: user).unreadCount() }
        // A page outside the session's routes (an unknown address) sets no cookie.
        let isPage = pageCookies.isPage
        var notice: String?
        if isPage, let key = cookieValue(Self.noticeCookie) {
            // Only a key of the catalogue: the cookie is not a way to put words on a page.
            if application.catalogue.texts[.fallback]?[key] != nil { notice = t(key) }
            expireCookie(Self.noticeCookie)
        }
        return PageFrame(
            lang: pageLanguage.rawValue, titleKey: titleKey, titleArg: titleArg,
            user: user.map {
                .init(
                    name: $0.name, isAdmin: $0.can(.manageUsers), canViewRegister: $0.can(.viewRegister),
                    canManageActivities: $0.can(.manageActivities))
            },
            csrf: isPage ? CSRF.token(for: self) : "", unread: unread, notice: notice, alert: alert,
            languages: Language.allCases.map { .init(code: $0.rawValue, selected: $0 == pageLanguage) })
    }

    static let noticeCookie = "riposte_notice"

    /// Leaves a message (a catalogue key) for the next page this person sees: a short-lived
    /// cookie, so that it costs no write.
    func leaveNotice(_ key: String) { setCookie(Self.noticeCookie, key, maxAge: 120) }

    /// Options of a select, the chosen one marked.
    func options<T: RawRepresentable & Equatable>(_ values: [T], selected: T?) -> [PageFrame.Option]
    where T.RawValue == String {
        values.map { PageFrame.Option(code: $0.rawValue, selected: $0 == selected) }
    }
}
