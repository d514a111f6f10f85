import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// The incident page's forms. Each calls the same `IncidentActions` as the API; a refusal
/// comes back as the page with the message next to the field (what was typed is kept), or as
/// an error page (403 for a forbidden action). A form older than the incident (someone else
/// changed it meanwhile) is refused: the page shows the current state and nothing is overwritten.
extension IncidentPageController {
    struct Fields: Content {
        var version: Int?
        var type: String?
        var severity: String?
        var team: String?
        /// The playbook chosen at qualification: its id, or empty for none.
        var playbook: String?
        var to: String?
        var reason: String?
        var kind: String?
        var text: String?
        var situation: String?
        var expectedRecoveryAt: String?
        var action: String?
        var direction: String?
        var audience: String?
        var media: String?
        var recipients: String?
        var at: String?
        var summary: String?
        var partyId: String?
        var relation: String?
        var note: String?
        var flow: String?
        var message: String?
        var title: String?
        var description: String?
        var impact: String?
        var resourcesAllocated: String?
        var customersAffected: String?
        var activities: [String]?
        var userId: String?
        var messageKind: String?
        var messageLanguage: String?
        var toReporter: String?
        var toParties: [String]?
        var toAddresses: [String]?
        var otherAddresses: String?
        var subject: String?
        var body: String?
        /// An update published for the reporter from outside.
        var update: String?
    }

    func party(_ req: Request) async throws -> Response {
        try await perform(req, form: "party") { actions, number, fields in
            guard let party = fields.partyId.flatMap(UUID.init(uuidString:)) else {
                throw FieldError(field: "partyId", problem: .unknown)
            }
            guard let relation = fields.relation.flatMap(PartyRelation.init) else {
                throw FieldError(field: "relation", problem: .invalid)
            }
            _ = try await actions.linkParty(number, partyID: party, relation: relation, expectedVersion: fields.version)
            return "incident.done.party"
        }
    }

    func communication(_ req: Request) async throws -> Response {
        try await perform(req, form: "communication") { actions, number, fields in
            guard let direction = fields.direction.flatMap(CommunicationDirection.init) else {
                throw FieldError(field: "direction", problem: .invalid)
            }
            guard let media = fields.media.flatMap(CommunicationMedia.init) else {
                throw FieldError(field: "media", problem: .invalid)
            }
            let at = try req.parseLocal(fields.at).mapError { FieldError(field: "at", problem: $0.problem) }
                .get()
            _ = try await actions.recordCommunication(
                number, direction: direction, audience: fields.audience ?? "", media: media,
                recipients: fields.recipients, at: at, summary: fields.summary ?? "", expectedVersion: fields.version)
            return "incident.done.communication"
        }
    }

    func qualify(_ req: Request) async throws -> Response {
        try await perform(req, form: "qualify") { actions, number, fields in
            guard let severity = fields.severity.flatMap(Severity.init) else {
                throw FieldError(field: "severity", problem: .invalid)
            }
            var playbookID: UUID?
            if let chosen = fields.playbook, !chosen.isEmpty {
                guard let id = UUID(uuidString: chosen) else {
                    throw FieldError(field: "playbookId", problem: .unknown)
                }
                playbookID = id
            }
            try await actions.qualify(
                number, type: fields.type ?? "", severity: severity, team: fields.team, playbookID: playbookID,
                expectedVersion: fields.version)
            return "incident.done.qualified"
        }
    }

    func transition(_ req: Request) async throws -> Response {
        try await perform(req, form: "transition") { actions, number, fields in
            guard let target = fields.to.flatMap(IncidentStatus.init) else {
                throw FieldError(field: "to", problem: .invalid)
            }
            try await actions.transition(number, to: target, reason: fields.reason, expectedVersion: fields.version)
            return "incident.done.moved"
        }
    }

    func journal(_ req: Request) async throws -> Response {
        try await perform(req, form: "journal") { actions, number, fields in
            guard let kind = fields.kind.flatMap(JournalKind.init) else {
                throw FieldError(field: "kind", problem: .invalid)
            }
            _ = try await actions.addEntry(number, kind: kind, text: fields.text ?? "", expectedVersion: fields.version)
            return "incident.done.entry"
        }
    }

    func checklist(_ req: Request) async throws -> Response {
        try await perform(req, form: "checklist") { actions, number, fields in
            guard let item = req.parameter(.itemId, as: UUID.self) else {
                throw Refusal.notFound(.checklistItem)
            }
            try await actions.completeStep(number, itemID: item, expectedVersion: fields.version)
            return "incident.done.step"
        }
    }

    func statusReport(_ req: Request) async throws -> Response {
        try await perform(req, form: "statusReport") { actions, number, fields in
            let expected = try req.parseLocal(fields.expectedRecoveryAt).mapError {
                FieldError(field: "expectedRecoveryAt", problem: $0.problem)
            }.get()
            try await actions.statusReport(
                number, situation: fields.situation ?? "", expectedRecoveryAt: expected,
                expectedVersion: fields.version)
            return "incident.done.statusReport"
        }
    }

    func escalate(_ req: Request) async throws -> Response {
        try await perform(req, form: "escalate") { actions, number, fields in
            try await actions.escalateToManager(number, note: fields.note ?? "", expectedVersion: fields.version)
            return "incident.done.escalate"
        }
    }

    /// Acknowledges, from the incident, an alert the reader was told of (#15 point 7).
    func acknowledgeAlert(_ req: Request) async throws -> Response {
        let number = try number(req)
        _ = try await find(req)
        guard let id = req.parameter(.id, as: UUID.self) else { throw Refusal.notFound(.notification) }
        try await req.settleOutbox()
        try await req.inbox(of: try req.actingPerson).acknowledge(alert: id, at: req.now)
        req.leaveNotice("notifications.acknowledged")
        return req.redirect(to: .incident(number: number))
    }

    func warn(_ req: Request) async throws -> Response {
        try await perform(req, form: "warn") { actions, number, fields in
            try await actions.warn(
                number, flow: fields.flow.flatMap { Int($0) }, message: fields.message ?? "",
                expectedVersion: fields.version)
            return "incident.done.warning"
        }
    }

    func plan(_ req: Request) async throws -> Response {
        try await perform(req, form: "plan") { actions, number, fields in
            guard let plan = req.parameter(.plan).flatMap(ResponsePlan.init) else {
                throw Refusal.notFound(.plan)
            }
            guard let action = fields.action.flatMap(IncidentActions.PlanAction.init) else {
                throw FieldError(field: "action", problem: .invalid)
            }
            try await actions.changePlan(
                number, plan: plan, action: action, note: fields.note, expectedVersion: fields.version)
            return "incident.done.plan.\(action.rawValue)"
        }
    }

    func clock(_ req: Request) async throws -> Response {
        try await perform(req, form: "clock") { actions, number, fields in
            guard let action = fields.action, action == "pause" || action == "resume" else {
                throw FieldError(field: "action", problem: .invalid)
            }
            try await actions.changeClock(
                number, pause: action == "pause", reason: fields.reason, expectedVersion: fields.version)
            return "incident.done.clock.\(action)"
        }
    }

    /// Runs one form: on success, back to the incident with a notice (POST, redirect, GET);
    /// on a refusal, the page again with the reason.
    func perform(
        _ req: Request, form name: String,
        _ body: (IncidentActions, String, Fields) async throws -> String
    ) async throws -> Response {
        let number = try number(req)
        let fields = try req.content.decode(Fields.self)
        let actions = try req.actions
        do {
            let notice = try await body(actions, number, fields)
            req.leaveNotice(notice)
            return req.redirect(to: .incident(number: number))
        } catch {
            guard let error = APIError.refusing(error) else { throw error }
            var form = FormState(formName: name)
            let typed: [(String, String?)] = [
                ("type", fields.type), ("team", fields.team), ("severity", fields.severity), ("text", fields.text),
                ("situation", fields.situation), ("expectedRecoveryAt", fields.expectedRecoveryAt),
                ("direction", fields.direction), ("audience", fields.audience), ("media", fields.media),
                ("recipients", fields.recipients), ("at", fields.at), ("summary", fields.summary),
                ("note", fields.note), ("flow", fields.flow), ("message", fields.message), ("title", fields.title),
                ("description", fields.description), ("impact", fields.impact),
                ("resourcesAllocated", fields.resourcesAllocated), ("userId", fields.userId),
                ("messageKind", fields.messageKind), ("messageLanguage", fields.messageLanguage),
                ("toReporter", fields.toReporter), ("toParties", fields.toParties?.joined(separator: ",")),
                ("toAddresses", fields.toAddresses?.joined(separator: ",")),
                ("otherAddresses", fields.otherAddresses), ("subject", fields.subject), ("body", fields.body),
                // The playbook chosen, under the name the API refuses it by.
                ("playbookId", fields.playbook), ("update", fields.update),
            ]
            for (key, value) in typed {
                if let value { form.values[key] = value }
            }
            // Whom a message goes to is a choice across several fields: its error stands alone.
            if name == "message", form.values["to"] == nil { form.values["to"] = "" }
            switch error.status {
            case .notFound:
                throw error
            case .forbidden:
                throw WebError(.forbidden, messageKey: "error.forbidden")
            case .preconditionFailed:
                // Stale form: the current state, and what the person typed, nothing overwritten.
                return try await render(
                    req, try await find(req), form: form, alert: req.t("incident.stale"), status: .conflict)
            default:
                if let field = error.field, form.values[field] != nil || field == "reason" {
                    form.errors[field] = req.message(for: error)
                    return try await render(
                        req, try await find(req), form: form, alert: req.t("form.fix"), status: error.status)
                }
                return try await render(
                    req, try await find(req), form: form, alert: req.message(for: error), status: error.status)
            }
        }
    }
}
