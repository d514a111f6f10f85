import Foundation
import RiposteCore
import SQLKit

/// Gathers what the escalation policy needs about one incident, inside the caller's
/// transaction: its row (with the escalations already made) and its impacted activities' RTOs.
package struct EscalationFactsReader: Sendable {
    package let database: any SQLDatabase

    package init(database: any SQLDatabase) {
        self.database = database
    }

    package func facts(for incident: IncidentRow) async throws -> EscalationFacts {
        let activities = try await Self.activities(of: [incident.id], on: database)
        return Self.facts(for: incident, activities: activities[incident.id] ?? [])
    }

    /// The impacted activities of these incidents, with their RTOs, by incident.
    package static func activities(
        of incidentIDs: [UUID], on sql: any SQLDatabase
    ) async throws -> [UUID: [ImpactedActivity]] {
        var found: [UUID: [ImpactedActivity]] = [:]
        // In slices: a dry run of the sweep asks for every due incident at once, more than one
        // statement binds.
        for start in stride(from: 0, to: incidentIDs.count, by: 1_000) {
            let slice = Array(incidentIDs[start..<min(start + 1_000, incidentIDs.count)])
            for row in try await sql.raw(
                """
                SELECT impacted_activities.incident_id AS incident_id, essential_activities.id AS id, \
                essential_activities.rto_seconds AS rto_seconds FROM impacted_activities \
                JOIN essential_activities ON essential_activities.id = impacted_activities.activity_id \
                WHERE impacted_activities.incident_id IN (\(binds: slice))
                """
            ).all() {
                found[try row.decode(column: "incident_id", as: UUID.self), default: []].append(
                    try ImpactedActivity(row: row))
            }
        }
        return found
    }

    /// The facts from what was read already (the sweep reads many incidents' at once).
    package static func facts(
        for incident: IncidentRow, activities: [ImpactedActivity]
    )
        -> EscalationFacts
    {
        EscalationFacts(
            status: incident.state.status, severity: incident.state.severity, severitySince: incident.severitySince,
            clock: incident.slaClock, disruptedSince: incident.detectedAt ?? incident.reportedAt,
            impactedActivities: activities, expectedRecoveryAt: incident.expectedRecoveryAt,
            lastStatusReportAt: incident.lastStatusReportAt, escalated: incident.escalated,
            pausedBeforeSeverity: TimeInterval(incident.slaPausedBeforeSeverity ?? 0), closedAt: incident.closedAt,
            reviewComplete: incident.reviewComplete)
    }
}

extension ImpactedActivity {
    /// From a row with the activity's `id` and `rto_seconds`.
    package init(row: any SQLRow) throws {
        self.init(
            id: try row.decode(column: "id", as: UUID.self),
            rto: ISODuration(seconds: try row.decode(column: "rto_seconds", as: Int.self)))
    }
}
