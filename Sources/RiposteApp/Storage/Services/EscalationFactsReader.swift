import Foundation
import RiposteCore
import SQLKit

/// Gathers what the escalation policy needs about one incident, inside the caller's
/// transaction: its row (with the escalations already made) and its impacted activities' RTOs.
struct EscalationFactsReader: Sendable {
    let database: any SQLDatabase

    func facts(for incident: IncidentRow) async throws -> EscalationFacts {
        let activities = try await database.raw(
            """
            SELECT essential_activities.id AS id, essential_activities.rto_seconds AS rto_seconds
            FROM impacted_activities JOIN essential_activities ON essential_activities.id = impacted_activities.activity_id
            WHERE impacted_activities.incident_id = \(bind: incident.id)
            """
        ).all().map {
            ImpactedActivity(
                id: try $0.decode(column: "id", as: UUID.self),
                rto: ISODuration(seconds: try $0.decode(column: "rto_seconds", as: Int.self)))
        }
        return Self.facts(for: incident, activities: activities)
    }

    /// The facts from what was read already (the sweep reads many incidents' at once).
    static func facts(
        for incident: IncidentRow, activities: [ImpactedActivity]
    )
        -> EscalationFacts
    {
        EscalationFacts(
            status: incident.state.status, severity: incident.state.severity, severitySince: incident.severitySince,
            clock: incident.slaClock, disruptedSince: incident.detectedAt ?? incident.reportedAt,
            impactedActivities: activities, expectedRecoveryAt: incident.expectedRecoveryAt,
            lastStatusReportAt: incident.lastStatusReportAt, escalated: incident.escalated)
    }
}
