import Foundation
import RiposteCore
import SQLKit

/// Reads incidents: resolves an id or a number, applies who-may-see-what, and reads what the
/// whole incident carries beside its row (impacted activities, checklist); the API assembles
/// them (`IncidentDTO.load`).
package struct IncidentReader: Sendable {
    package let database: any SQLDatabase

    package init(database: any SQLDatabase) {
        self.database = database
    }

    /// `{id}` in a path is a UUID or a register number such as INC-2026-0042.
    package func find(_ reference: String, visibleTo user: ActingPerson) async throws -> IncidentRow {
        let row: IncidentRow?
        if let id = UUID(text: reference) {
            row = try await first(where: "id = \(bind: id)")
        } else if let number = IncidentNumber(reference) {
            row = try await first(where: "number = \(bind: number.description)")
        } else {
            row = nil
        }
        guard let incident = row else { throw Refusal.notFound(.incident) }
        // Someone who may not browse the register sees only what they reported.
        guard user.can(.viewRegister) || incident.reporterId == user.id else {
            throw Refusal.notTheReporter
        }
        return incident
    }

    /// The incident of that number, whoever asks (Riposte's own reads: a mail naming it).
    package func find(number: IncidentNumber) async throws -> IncidentRow? {
        try await first(where: "number = \(bind: number.description)")
    }

    package func row(_ id: UUID) async throws -> IncidentRow {
        guard let row = try await first(where: "id = \(bind: id)") else { throw Refusal.notFound(.incident) }
        return row
    }

    private func first(where condition: SQLQueryString) async throws -> IncidentRow? {
        try await IncidentRow.fetch("SELECT \(IncidentRow.columns) FROM incidents WHERE " + condition, on: database)
            .first
    }

    /// The essential activities the incident impacts, in a stable order.
    package func activities(of incidentID: UUID) async throws -> [UUID] {
        try await ImpactedActivities(database: database).ids(of: incidentID)
    }

    package func checklist(of incidentID: UUID) async throws -> [ChecklistRow] {
        try await ChecklistRow.items(of: incidentID, on: database)
    }
}
