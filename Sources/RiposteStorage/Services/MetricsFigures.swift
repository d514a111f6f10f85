import Foundation
import NIOConcurrencyHelpers
import NIOCore
import RiposteCore
import SQLKit

/// The figures of the metrics page and `GET /api/v1/metrics` (#20 point 4): a period's
/// incidents read in one statement, from the columns the metrics need (real incidents, or the
/// exercises alone), and measured by the core (`IncidentMetrics.of`).
///
/// A year of a busy register is a hundred thousand rows: the figures are kept per period for
/// `lifetime`, and dropped as soon as this process changes an incident (`RegisterChanges`); a
/// change made by another instance shows within `lifetime`.
package final class MetricsFigures: Sendable {
    package struct Key: Hashable, Sendable {
        let period: MetricsPeriod
        let exercises: Bool
        let settings: String
        let timeZone: String
        let changes: Int
    }

    private let cache: ExpiringCache<Key, IncidentMetrics>
    /// The readings under way: a request that finds its period being read waits for that
    /// reading rather than starting another (sixteen people opening the page at once read once).
    private let reading = NIOLockedValueBox<[Key: Task<IncidentMetrics, any Error>]>([:])

    package init(lifetime: TimeAmount = .seconds(30)) {
        cache = ExpiringCache(lifetime: lifetime, capacity: 32)
    }

    package func figures(
        _ period: MetricsPeriod, exercises: Bool, sla: SLASettings, calendar: Calendar, on sql: any SQLDatabase
    ) async throws -> IncidentMetrics {
        let key = Key(
            period: period, exercises: exercises, settings: String(describing: sla),
            timeZone: calendar.timeZone.identifier, changes: RegisterChanges.count)
        return try await cache.value(for: key) {
            let task = reading.withLockedValue { reading in
                if let running = reading[key] { return running }
                let task = Task {
                    IncidentMetrics.of(
                        try await Self.measures(period, exercises: exercises, on: sql), period: period, sla: sla,
                        calendar: calendar)
                }
                reading[key] = task
                return task
            }
            defer { _ = reading.withLockedValue { $0.removeValue(forKey: key) } }
            return try await task.value
        }
    }

    private static let columns: [IncidentColumn] = [
        .severity, .status, .reportedAt, .qualifySeconds, .resolveSeconds, .escalatedKeys, .bcpActiveSince,
        .cmpActiveSince, .drpActiveSince, .bcpMark, .cmpMark, .drpMark, .reviewComplete,
    ]

    /// The incidents reported within the period, as the core measures them.
    static func measures(
        _ period: MetricsPeriod, exercises: Bool, on sql: any SQLDatabase
    ) async throws -> [IncidentMeasure] {
        let kind: SQLQueryString = exercises ? "exercise IS NOT NULL" : "exercise IS NULL"
        let query: SQLQueryString = """
            SELECT \(unsafeRaw: columns.map(\.name).joined(separator: ", ")) FROM incidents \
            WHERE reported_at >= \(bind: period.from) AND reported_at <= \(bind: period.to) AND \(kind)
            """
        let rto = Escalation.Kind.recoveryBeyondRTO.rawValue
        let reminded = Escalation.Kind.reviewOverdue.rawValue
        let stoodDown = PlanInvolvement.stoodDown.rawValue
        return try await DriverRows.fetch(query, on: sql) { row in
            let keys = try row.string(5)
            var plans: Set<ResponsePlan> = []
            // Activated, whether it still runs or was stood down since.
            for (plan, active, mark) in [(ResponsePlan.bcp, 6, 9), (.cmp, 7, 10), (.drp, 8, 11)] {
                if try row.optionalDate(active) != nil || row.optionalString(mark) == stoodDown { plans.insert(plan) }
            }
            return IncidentMeasure(
                severity: try row.optionalString(0).flatMap(Severity.init(rawValue:)),
                status: IncidentStatus(rawValue: try row.string(1)) ?? .reported, reportedAt: try row.date(2),
                qualifySeconds: try row.optionalInt(3), resolveSeconds: try row.optionalInt(4),
                rtoBreached: keys.contains(rto), plansActivated: plans, reviewComplete: try row.bool(12),
                reviewReminded: keys.contains(reminded))
        }
    }
}

/// How many times this process changed the register: figures kept from before a change are
/// not served after it.
package enum RegisterChanges {
    private static let changes = NIOLockedValueBox(0)

    package static var count: Int { changes.withLockedValue { $0 } }

    package static func record() { changes.withLockedValue { $0 &+= 1 } }
}
