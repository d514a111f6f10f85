import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// The incident page's parts about reports from outside (#18): who reported it and how to reach
/// them, what was published on their follow-up page, and the form to publish more; the monitoring
/// alerts that filed it, with their counts.
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

    /// The monitoring alerts that filed or joined the incident: how many times each came, and when last.
    struct Monitored: Encodable {
        let integration: String
        let key: String
        let count: Int
        let firstSeen: String
        let lastSeen: String
    }

    static func monitored(_ incident: IncidentRow, _ req: Request) async throws -> [Monitored] {
        guard incident.channel == ReportChannel.monitoring.rawValue else { return [] }
        return try await req.actions.monitoringAlerts(of: incident).map {
            Monitored(
                integration: $0.integration ?? "", key: $0.key, count: $0.count, firstSeen: req.display($0.firstSeen),
                lastSeen: req.display($0.lastSeen))
        }
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
