import Foundation
import NIOConcurrencyHelpers
import NIOCore
import RiposteCore
import SQLKit

/// The figures of the metrics page and `GET /api/v1/metrics` (#20 point 4): a period's
/// incidents read in one statement (real incidents, or the exercises alone), each as a few
/// numbers, and measured by the core (`IncidentMetrics.of`).
///
/// A year of a busy register is a hundred thousand rows, a second's reading on two cores: the
/// figures of a period are kept for `lifetime` (the page and the API say so), and requests for
/// a period being read wait for that reading rather than starting their own. Figures are
/// aggregates over months; the sweep changes incidents all day long, so a change does not
/// drop them, their age does.
package final class MetricsFigures: Sendable {
    package struct Key: Hashable, Sendable {
        let period: MetricsPeriod
        let exercises: Bool
        let settings: String
        let timeZone: String
    }

    private let cache: ExpiringCache<Key, IncidentMetrics>
    /// The readings under way: sixteen people opening the page at once read once.
    private let reading = NIOLockedValueBox<[Key: Task<IncidentMetrics, any Error>]>([:])

    package init(lifetime: TimeAmount = .seconds(30)) {
        cache = ExpiringCache(lifetime: lifetime, capacity: 32)
    }

    package func figures(
        _ period: MetricsPeriod, exercises: Bool, sla: SLASettings, calendar: Calendar, on sql: any SQLDatabase
    ) async throws -> IncidentMetrics {
        // The targets in the severities' order: a dictionary's own order may differ between
        // two readings of the same settings.
        let targets = Severity.allCases.map { "\($0.rawValue)=\(sla.targets(for: $0))" }.joined(separator: ";")
        let key = Key(
            period: period, exercises: exercises, settings: targets, timeZone: calendar.timeZone.identifier)
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

    /// What the core needs of an incident beside its severity, status and times, as bits
    /// worked out by the database: fewer and smaller values to carry than the columns.
    private enum Flag: Int {
        case rtoBreached = 1
        case reviewReminded = 2
        case bcp = 4
        case cmp = 8
        case drp = 16
        case reviewComplete = 32
    }

    private static let flags: SQLQueryString = {
        let stoodDown = PlanInvolvement.stoodDown.rawValue
        func when(_ condition: String, _ flag: Flag) -> String {
            "(CASE WHEN \(condition) THEN \(flag.rawValue) ELSE 0 END)"
        }
        let parts = [
            when("escalated_keys LIKE '%\(Escalation.Kind.recoveryBeyondRTO.rawValue)%'", .rtoBreached),
            when("escalated_keys LIKE '%\(Escalation.Kind.reviewOverdue.rawValue)%'", .reviewReminded),
            when("bcp_active_since IS NOT NULL OR bcp_mark = '\(stoodDown)'", .bcp),
            when("cmp_active_since IS NOT NULL OR cmp_mark = '\(stoodDown)'", .cmp),
            when("drp_active_since IS NOT NULL OR drp_mark = '\(stoodDown)'", .drp),
            when("review_complete", .reviewComplete),
        ]
        return SQLQueryString(parts.joined(separator: " + "))
    }()

    /// The incidents reported within the period, as the core measures them.
    static func measures(
        _ period: MetricsPeriod, exercises: Bool, on sql: any SQLDatabase
    ) async throws -> [IncidentMeasure] {
        let kind: SQLQueryString = exercises ? "exercise IS NOT NULL" : "exercise IS NULL"
        let query: SQLQueryString = """
            SELECT severity, status, reported_at, qualify_seconds, resolve_seconds, \(flags) AS flags FROM incidents \
            WHERE reported_at >= \(bind: period.from) AND reported_at <= \(bind: period.to) AND \(kind)
            """
        return try await DriverRows.fetch(query, on: sql) { row in
            let flags = try row.int(5)
            func has(_ flag: Flag) -> Bool { flags & flag.rawValue != 0 }
            var plans: Set<ResponsePlan> = []
            if has(.bcp) { plans.insert(.bcp) }
            if has(.cmp) { plans.insert(.cmp) }
            if has(.drp) { plans.insert(.drp) }
            return IncidentMeasure(
                severity: try row.optionalString(0).flatMap(Severity.init(rawValue:)),
                status: IncidentStatus(rawValue: try row.string(1)) ?? .reported, reportedAt: try row.date(2),
                qualifySeconds: try row.optionalInt(3), resolveSeconds: try row.optionalInt(4),
                rtoBreached: has(.rtoBreached), plansActivated: plans, reviewComplete: has(.reviewComplete),
                reviewReminded: has(.reviewReminded))
        }
    }
}
