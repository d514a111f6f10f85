import Foundation
import RiposteCore
import SQLKit
import Vapor

extension Request {
    private struct PageLanguageKey: StorageKey {
        typealias Value = Language
    }

    /// The language of the pages: the signed-in person's choice, else the browser's
    /// `Accept-Language`, else the organisation's default (French out of the box).
    var pageLanguage: Language {
        get {
            storage[PageLanguageKey.self] ?? Language.match(acceptLanguage: headers.first(name: .acceptLanguage))
                ?? organisation.language
        }
        set { storage[PageLanguageKey.self] = newValue }
    }

    /// A text of the catalogue, in the page's language.
    func t(_ key: String, _ arguments: String...) -> String {
        application.catalogue.text(key, pageLanguage, arguments)
    }
}

/// The organisation's settings from setup, read once per page request (every instance sees
/// a change at once).
struct OrganisationSettings: Sendable {
    var name: String
    var language: Language
    var timeZone: TimeZone

    static let beforeSetup = OrganisationSettings(
        name: "Riposte", language: .fallback, timeZone: TimeZone(identifier: "Europe/Brussels") ?? .gmt)
}

extension Request {
    private struct OrganisationKey: StorageKey {
        typealias Value = OrganisationSettings
    }

    var organisation: OrganisationSettings {
        get { storage[OrganisationKey.self] ?? .beforeSetup }
        set { storage[OrganisationKey.self] = newValue }
    }
}

/// Loads the organisation's settings for the pages.
struct OrganisationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let row = try await request.db.sql().raw("SELECT name, language, time_zone FROM organisation LIMIT 1")
            .first()
        {
            request.organisation = OrganisationSettings(
                name: try row.decode(column: "name", as: String.self),
                language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .fallback,
                timeZone: TimeZone(identifier: try row.decode(column: "time_zone", as: String.self)) ?? .gmt)
        }
        return try await next.respond(to: request)
    }
}
