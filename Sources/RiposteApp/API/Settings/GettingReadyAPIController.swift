import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/api/v1/getting-ready`: the preparation checklist (#19 point 3) as data, and the test
/// e-mail that ticks its e-mail line. For whoever keeps the settings.
struct GettingReadyAPIController: RouteCollection {
    struct LineDTO: Content {
        let item: String
        let done: Bool
        /// Roles nobody holds, or document kinds not there, by code.
        let missing: [String]
    }

    struct ChecklistDTO: Content {
        let done: Bool
        let items: [LineDTO]
    }

    struct SentDTO: Content {
        let sentTo: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("getting-ready", use: show)
        routes.post("getting-ready", "test-email", use: sendTestEmail)
    }

    func show(_ req: Request) async throws -> Response {
        let lines = try await req.gettingReady.lines()
        return try Response.json(
            ChecklistDTO(
                done: lines.allSatisfy(\.done),
                items: lines.map { LineDTO(item: $0.item.rawValue, done: $0.done, missing: $0.missing) }))
    }

    /// 200 once the command took the message; 409 without one; 502 with its own words when it refused.
    func sendTestEmail(_ req: Request) async throws -> Response {
        let language = Language.match(acceptLanguage: req.headers.first(name: .acceptLanguage)) ?? .en
        let wording = req.application.catalogue
        let organisation = try await OrganisationStore.settings(on: req.db.sql())?.name ?? "Riposte"
        do {
            let address = try await req.gettingReady.sendTestEmail(
                through: req.mailTransport, subject: wording.text("ready.email.subject", language),
                body: wording.text("ready.email.body", language, [organisation]))
            return try Response.json(SentDTO(sentTo: address))
        } catch let failed as TestEmailFailure {
            let reason = wording.text(failed.failure.key, language, failed.failure.arguments)
            throw APIError(.badGateway, code: GettingReadyActions.emailFailed, message: "api.email_failed", [reason])
        }
    }
}
