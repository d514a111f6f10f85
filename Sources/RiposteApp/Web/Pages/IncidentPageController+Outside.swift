import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// The incident page's part about a report from outside (#18 point 1): who reported it and how
/// to reach them, what was published on their follow-up page, and the form to publish more.
extension IncidentPageController {
    struct Outside: Encodable {
        struct Update: Encodable {
            let at: String
            let text: String
        }

        let name: String
        let email: String
        let phone: String
        let language: String
        let updates: [Update]
        let canPublish: Bool
    }

    static func outside(
        _ incident: IncidentRow, roles: Set<Role>, handlesIt: Bool, _ req: Request
    ) async throws -> Outside? {
        let (reporter, updates) = try await req.actions.publicFollowUp(incident)
        guard let reporter else { return nil }
        let audience: MessageAudience = reporter.viaParty ? .clientOrSupplier : .reporter
        let allowed = Lifecycle.sendMessage(incident.state, to: [audience], roles: roles, handlesIt: handlesIt)
        return Outside(
            name: reporter.name, email: reporter.email, phone: reporter.phone ?? "",
            language: reporter.language.rawValue,
            updates: updates.map { Outside.Update(at: req.display($0.publishedAt), text: $0.text) },
            canPublish: (try? allowed.get()) != nil)
    }

    /// `POST /incidents/{number}/public-updates`: published on the reporter's follow-up page.
    func publishUpdate(_ req: Request) async throws -> Response {
        try await perform(req, form: "publicUpdate") { actions, number, fields in
            do {
                _ = try await actions.publishUpdate(number, text: fields.update ?? "", expectedVersion: fields.version)
            } catch let error as FieldError where error.field == "text" {
                throw FieldError(field: "update", problem: error.problem, limit: error.limit)
            }
            return "incident.done.publicUpdate"
        }
    }
}
