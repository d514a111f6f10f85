import FluentKit
import FluentSQL
import Foundation
import RiposteCore

/// What a mutation may touch: the locked incident, its journal, its checklist.
package final class IncidentChange: @unchecked Sendable {
    /// The locked incident; the controller changes it, `IncidentStore.mutate` stores it.
    package var incident: IncidentRow
    package let database: any Database
    /// Nil when Riposte itself makes the change (an escalation by the sweep).
    package let author: UUID?
    package let at: Date
    package let journal: JournalAppender
    package let outbox: Outbox

    package init(incident: IncidentRow, database: any Database, author: UUID?, at: Date, outbox: Outbox) throws {
        self.incident = incident
        self.database = database
        self.author = author
        self.at = at
        self.journal = JournalAppender(incidentID: incident.id, database: try database.sql())
        self.outbox = outbox
    }

    package var incidentID: UUID { incident.id }

    package func record(_ kind: JournalKind, text: String = "", details: [String: String] = [:]) async throws {
        try await journal.append(kind: kind, text: text, details: details, author: author, at: at)
    }

    /// Tells the recipients about this incident, in the same transaction as the change.
    package func notify(
        _ kind: NotificationEventKind, escalation: String? = nil, plan: ResponsePlan? = nil,
        to recipients: [NotificationRecipient]
    ) async throws {
        let event = NotificationEvent(
            kind: kind, incidentNumber: incident.number, incidentTitle: incident.title,
            severity: incident.state.severity,
            escalation: escalation, plan: plan)
        try await outbox.enqueue(event, incidentID: incidentID, to: recipients, except: author, at: at)
    }

    /// Applies the core's plan for a new severity's checklist.
    package func regenerateChecklist(for severity: Severity) async throws {
        try await Self.regenerateChecklist(of: incidentID, for: severity, on: database)
    }

    package static func regenerateChecklist(
        of incidentID: UUID, for severity: Severity, on database: any Database
    )
        async throws
    {
        let existing = try await ChecklistItemModel.query(on: database).filter(\.$incidentID == incidentID).all()
        let change = ChecklistPlanner.change(
            from: existing.map { ChecklistItemState(key: $0.stepKey, done: $0.isDone) }, to: severity)
        if !change.removeKeys.isEmpty {
            try await ChecklistItemModel.query(on: database)
                .filter(\.$incidentID == incidentID)
                .filter(\.$stepKey ~~ change.removeKeys)
                .delete()
        }
        for step in change.add {
            try await ChecklistItemModel(
                incidentID: incidentID, stepKey: step.key, position: step.severity.rank * 100 + step.number
            ).create(on: database)
        }
    }
}
