import Foundation
import RiposteCore
import SQLKit

/// What `/metrics` reads from the database when it is scraped (#19 point 2): the state every
/// instance shares, counted where it is kept rather than in one process's memory.
package enum MetricsReads {
    package struct Snapshot: Sendable, Equatable {
        /// Open incidents per severity (`none` before qualification) and status; drills left out.
        package var open: [OpenCount] = []
        /// Incidents still being handled that missed a deadline of the plan (the sweep escalated).
        package var pastDeadline = 0
        /// Changes not yet fanned out into notifications and deliveries.
        package var eventsWaiting = 0
        /// Messages waiting for their first or next try.
        package var deliveriesPending = 0
        /// Messages given up after the last try, ever.
        package var deliveriesGivenUp = 0
        /// When the oldest waiting event or pending delivery was made; nil when nothing waits.
        package var oldestWaiting: Date?
        package var lastBackup: BackupLog.Entry?
        /// Incidents with a deadline of the law still open (#17), and those past one.
        package var regulatoryOpen = 0
        package var regulatoryOverdue = 0

        package init() {}
    }

    package struct OpenCount: Sendable, Equatable {
        package let severity: String
        package let status: String
        package let count: Int
    }

    package static func snapshot(at now: Date, on sql: any SQLDatabase) async throws -> Snapshot {
        var snapshot = Snapshot()
        snapshot.open = try await sql.raw(
            """
            SELECT severity, status, COUNT(*) AS n FROM incidents \
            WHERE status IN (\(binds: DashboardReads.openStatuses)) AND exercise IS NULL GROUP BY severity, status
            """
        ).all().map { row in
            OpenCount(
                severity: try row.decode(column: "severity", as: String?.self) ?? "none",
                status: try row.decode(column: "status", as: String.self),
                count: try row.decode(column: "n", as: Int.self))
        }
        snapshot.pastDeadline = try await count(
            """
            SELECT COUNT(*) AS n FROM incidents WHERE escalated_keys <> '' AND exercise IS NULL \
            AND status IN (\(binds: EscalationPolicy.running.map(\.rawValue).sorted()))
            """, on: sql)
        snapshot.eventsWaiting = try await count("SELECT COUNT(*) AS n FROM outbox_events", on: sql)
        snapshot.deliveriesPending = try await count(
            "SELECT COUNT(*) AS n FROM deliveries WHERE state = \(bind: DeliveryState.pending.rawValue)", on: sql)
        snapshot.deliveriesGivenUp = try await count(
            "SELECT COUNT(*) AS n FROM deliveries WHERE state = \(bind: DeliveryState.failed.rawValue)", on: sql)
        let oldestEvent = try await sql.raw(
            "SELECT created_at FROM outbox_events ORDER BY created_at LIMIT 1"
        ).first()?.decode(column: "created_at", as: Date.self)
        let oldestDelivery = try await sql.raw(
            """
            SELECT created_at FROM deliveries WHERE state = \(bind: DeliveryState.pending.rawValue) \
            ORDER BY created_at LIMIT 1
            """
        ).first()?.decode(column: "created_at", as: Date.self)
        snapshot.oldestWaiting = [oldestEvent, oldestDelivery].compactMap { $0 }.min()
        snapshot.lastBackup = try await BackupLog.last(on: sql)
        snapshot.regulatoryOpen = try await count(
            "SELECT COUNT(*) AS n FROM incident_assessments WHERE open_obligations = \(bind: true)", on: sql)
        snapshot.regulatoryOverdue = try await count(
            """
            SELECT COUNT(*) AS n FROM incident_assessments WHERE open_obligations = \(bind: true) \
            AND next_due_at < \(bind: now)
            """, on: sql)
        return snapshot
    }

    private static func count(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
