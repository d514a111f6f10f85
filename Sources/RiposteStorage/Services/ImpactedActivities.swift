import Foundation
import RiposteCore
import SQLKit

/// The essential activities an incident disrupts (`impacted_activities`), whose RTOs drive its
/// escalation to the continuity manager.
package struct ImpactedActivities: Sendable {
    package let database: any SQLDatabase

    package init(database: any SQLDatabase) {
        self.database = database
    }

    /// Their ids, sorted as `IncidentFacts` keeps them.
    package func ids(of incident: UUID) async throws -> [UUID] {
        try await database.raw("SELECT activity_id FROM impacted_activities WHERE incident_id = \(bind: incident)")
            .all().map { try $0.decode(column: "activity_id", as: UUID.self) }
            .sorted { $0.uuidString < $1.uuidString }
    }

    /// The names of the activities each incident impacts, by name; one statement for them all.
    package func names(of incidents: [UUID]) async throws -> [UUID: [String]] {
        guard !incidents.isEmpty else { return [:] }
        var names: [UUID: [String]] = [:]
        for row in try await database.raw(
            """
            SELECT impacted_activities.incident_id AS incident_id, essential_activities.name AS name \
            FROM impacted_activities JOIN essential_activities ON essential_activities.id = impacted_activities.activity_id \
            WHERE impacted_activities.incident_id IN (\(binds: incidents)) ORDER BY essential_activities.name
            """
        ).all() {
            names[try row.decode(column: "incident_id", as: UUID.self), default: []].append(
                try row.decode(column: "name", as: String.self))
        }
        return names
    }

    /// Makes `ids` the incident's activities, writing only the difference; 422 when one added is
    /// not an activity of the plan in use (a retired one it already names stays).
    package func replace(on incident: UUID, with ids: [UUID]) async throws {
        let current = Set(try await self.ids(of: incident))
        let wanted = Set(ids)
        let added = wanted.subtracting(current)
        let removed = current.subtracting(wanted)
        if !added.isEmpty {
            let known = try await database.raw(
                "SELECT id FROM essential_activities WHERE id IN (\(binds: Array(added))) AND retired_at IS NULL"
            ).all().count
            guard known == added.count else { throw FieldError(field: "impactedActivityIds", problem: .unknown) }
            try await BulkInsert.run(
                "impacted_activities", ["id", "incident_id", "activity_id"],
                added.sorted { $0.uuidString < $1.uuidString }.map { [UUID.random(), incident, $0] }, on: database)
        }
        if !removed.isEmpty {
            try await database.raw(
                "DELETE FROM impacted_activities WHERE incident_id = \(bind: incident) AND activity_id IN (\(binds: Array(removed)))"
            ).run()
        }
    }
}
