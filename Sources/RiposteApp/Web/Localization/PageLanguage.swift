import Foundation
import RiposteCore
import RiposteStorage
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
        if let settings = try await OrganisationStore.settings(on: request.db.sql()) {
            request.organisation = settings
        }
        return try await next.respond(to: request)
    }
}
