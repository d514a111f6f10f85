import FluentKit
import FluentSQL
import Foundation
import RiposteCore

/// What a mutation may touch: the locked incident, its journal, its checklist.
package final class IncidentChange: @unchecked Sendable {
    /// The locked incident; the controller changes it, `IncidentStore.mutate` stores it.
    package var incident: IncidentRow
    /// The incident as it was read, locked: what the change is measured against when stored.
    package let read: IncidentRow
    package let database: any Database
    /// Nil when Riposte itself makes the change (an escalation by the sweep).
    package let author: UUID?
    package let at: Date
    package let journal: JournalAppender
    package let outbox: Outbox

    package init(incident: IncidentRow, database: any Database, author: UUID?, at: Date, outbox: Outbox) throws {
        self.incident = incident
        self.read = incident
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

    /// Applies the core's decision: the incident's fields now, its journal entries, messages
    /// and checklist through the writer, as the sweep's are.
    package func apply(_ effects: IncidentEffects, team: String? = nil) async throws {
        incident.apply(effects, team: team, at: at)
        let decided = IncidentWriter.Decided(
            incident: incident, effects: effects, journalEnd: try await journal.end())
        let ends = try await IncidentWriter(database: database).record([decided], author: author, at: at)
        if let end = ends[incident.id] { journal.continue(after: end) }
    }
}
