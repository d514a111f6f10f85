import FluentKit
import FluentSQL
import Foundation
import RiposteCore

/// One person's change to one incident: the incident, locked, and what the core decides for it
/// (`apply`), written by the one writer.
package final class IncidentChange: @unchecked Sendable {
    /// The locked incident; the controller changes it, `IncidentStore.mutate` stores it.
    package var incident: IncidentRow
    /// The incident as it was read, locked: what the change is measured against when stored.
    package let read: IncidentRow
    package let database: any Database
    /// Nil when Riposte itself makes the change (an escalation by the sweep).
    package let author: UUID?
    package let at: Date
    /// Where the incident's journal ends.
    package let journal: JournalAppender

    package init(incident: IncidentRow, database: any Database, author: UUID?, at: Date) throws {
        self.incident = incident
        self.read = incident
        self.database = database
        self.author = author
        self.at = at
        self.journal = JournalAppender(incidentID: incident.id, database: try database.sql())
    }

    package var incidentID: UUID { incident.id }

    /// What the escalation rules know of the incident now: its fields, its impacted activities.
    package func escalationFacts() async throws -> EscalationFacts {
        try await EscalationFactsReader(database: database.sql()).facts(for: incident)
    }

    /// The facts its handlers keep true, as they stand in this change.
    package func facts() async throws -> IncidentFacts {
        incident.facts(activities: try await ImpactedActivities(database: database.sql()).ids(of: incident.id))
    }

    /// Applies the core's decision: the incident's fields now, its journal entries, messages
    /// and checklist through the writer, as the sweep's are. Returns the journal entries
    /// written.
    @discardableResult
    package func apply(_ effects: IncidentEffects, team: String? = nil) async throws -> [JournalRow] {
        if let facts = effects.facts {
            try await ImpactedActivities(database: database.sql()).replace(
                on: incident.id, with: facts.impactedActivityIDs)
        }
        incident.apply(effects, team: team, at: at)
        let decided = IncidentWriter.Decided(
            incident: incident, effects: effects, journalEnd: try await journal.end(), author: author, at: at)
        let written = try await IncidentWriter(database: database).record([decided])
        if let last = written.last { journal.continue(after: (last.sequence, last.hash)) }
        return written
    }
}
