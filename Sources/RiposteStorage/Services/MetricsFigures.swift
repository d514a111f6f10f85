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
                        calendar: calendar,
                        activations: try await Self.activations(period, exercises: exercises, on: sql))
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
        case reviewComplete = 4
    }

    private static let flags: SQLQueryString = {
        func when(_ condition: String, _ flag: Flag) -> String {
            "(CASE WHEN \(condition) THEN \(flag.rawValue) ELSE 0 END)"
        }
        let parts = [
            when("escalated_keys LIKE '%\(Escalation.Kind.recoveryBeyondRTO.rawValue)%'", .rtoBreached),
            when("escalated_keys LIKE '%\(Escalation.Kind.reviewOverdue.rawValue)%'", .reviewReminded),
            when("review_complete", .reviewComplete),
        ]
        return SQLQueryString(parts.joined(separator: " + "))
    }()

    /// The plans activated on the period's incidents, each activation once, from the journal:
    /// a plan's mark on the incident keeps only its latest state.
    static func activations(
        _ period: MetricsPeriod, exercises: Bool, on sql: any SQLDatabase
    ) async throws -> [ResponsePlan: Int] {
        let kind: SQLQueryString = exercises ? "i.exercise IS NOT NULL" : "i.exercise IS NULL"
        var counts: [ResponsePlan: Int] = [:]
        for row in try await sql.raw(
            """
            SELECT j.details AS details FROM journal_entries j JOIN incidents i ON i.id = j.incident_id \
            WHERE j.kind = \(bind: JournalKind.planActivated.rawValue) AND i.reported_at >= \(bind: period.from) \
            AND i.reported_at <= \(bind: period.to) AND \(kind)
            """
        ).all() {
            let details = try row.decode(column: "details", as: String.self)
            if let plan = ResponsePlan.activatable.first(where: { details.contains("\"plan\":\"\($0.rawValue)\"") }) {
                counts[plan, default: 0] += 1
            }
        }
        return counts
    }

    /// The incidents reported within the period, as the core measures them.
    static func measures(
        _ period: MetricsPeriod, exercises: Bool, on sql: any SQLDatabase
    ) async throws -> [IncidentMeasure] {
        let kind: SQLQueryString = exercises ? "exercise IS NOT NULL" : "exercise IS NULL"
        let query: SQLQueryString = """
            SELECT severity, status, reported_at, qualify_seconds, resolve_seconds, resolve_sla_seconds, \
            \(flags) AS flags FROM incidents \
            WHERE reported_at >= \(bind: period.from) AND reported_at <= \(bind: period.to) AND \(kind)
            """
        return try await DriverRows.fetch(query, on: sql) { row in
            let flags = try row.int(6)
            func has(_ flag: Flag) -> Bool { flags & flag.rawValue != 0 }
            return IncidentMeasure(
                severity: try row.optionalString(0).flatMap(Severity.init(rawValue:)),
                status: IncidentStatus(rawValue: try row.string(1)) ?? .reported, reportedAt: try row.date(2),
                qualifySeconds: try row.optionalInt(3), resolveSeconds: try row.optionalInt(4),
                resolveSLASeconds: try row.optionalInt(5), rtoBreached: has(.rtoBreached),
                reviewComplete: has(.reviewComplete), reviewReminded: has(.reviewReminded))
        }
    }
}
