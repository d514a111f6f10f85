import Foundation
import Prometheus
import RiposteCore
import RiposteStorage

/// What `GET /metrics` shows (#19 point 2), kept in one Prometheus registry per application.
/// What happens in this process (requests, sign-in failures, sweeps, dispatches) is counted as
/// it happens; what the database holds (open incidents, the outbox, the last backup) is read
/// from it when scraped, so that every instance tells the same story.
final class RiposteMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let help: Help

    /// Seconds, from a quick page to a slow export.
    static let latencyBuckets: [Duration] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10].map {
        .milliseconds(Int64($0 * 1000))
    }
    /// A sweep or a dispatch round: from nothing to do to a backlog of thousands.
    static let jobBuckets: [Duration] = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60].map {
        .milliseconds(Int64($0 * 1000))
    }

    init(wording: Catalogue) {
        self.help = Help(wording)
    }

    /// One answered request: its route's pattern (never the path, whose ids would make a series
    /// per incident), method and status.
    func answered(route: String, method: String, status: UInt, took: Duration) {
        let labels = [("route", route), ("method", method), ("status", String(status))]
        registry.makeCounter(
            descriptor: descriptor("http_requests", unit: "total", help: help.requests), labels: labels
        )
        .increment()
        registry.makeDurationHistogram(
            descriptor: descriptor("http_request_duration", unit: "seconds", help: help.latency),
            labels: [("route", route), ("method", method)], buckets: Self.latencyBuckets
        ).record(took)
    }

    /// `refused` (a wrong address or password), `throttled` (refused unchecked: too many
    /// attempts), `api_token` (an unknown, revoked or expired bearer token).
    func signInFailed(_ reason: String) {
        registry.makeCounter(
            descriptor: descriptor("sign_in_failures", unit: "total", help: help.signIn), labels: [("reason", reason)]
        ).increment()
    }

    func swept(took: Duration, incidents: Int) {
        registry.makeDurationHistogram(
            descriptor: descriptor("sweep_duration", unit: "seconds", help: help.sweep), buckets: Self.jobBuckets
        ).record(took)
        registry.makeCounter(descriptor: descriptor("sweep_escalated_incidents", unit: "total", help: help.escalated))
            .increment(by: Int64(incidents))
    }

    func dispatched(took: Duration, delivered: Int, retried: Int, givenUp: Int) {
        registry.makeDurationHistogram(
            descriptor: descriptor("dispatch_duration", unit: "seconds", help: help.dispatch), buckets: Self.jobBuckets
        ).record(took)
        let attempts = descriptor("delivery_attempts", unit: "total", help: help.attempts)
        for (outcome, count) in [("delivered", delivered), ("failed", retried), ("given_up", givenUp)] {
            registry.makeCounter(descriptor: attempts, labels: [("outcome", outcome)]).increment(by: Int64(count))
        }
    }

    /// The exposition, with the database's state read just now.
    func exposition(with state: MetricsReads.Snapshot, now: Date) -> [UInt8] {
        let open = descriptor("incidents_open", unit: "", help: help.open)
        // Every combination is set, to zero too: a series that only vanished would keep its last value.
        var counts: [String: [String: Int]] = [:]
        for line in state.open { counts[line.severity, default: [:]][line.status] = line.count }
        for severity in Severity.allCases.map(\.rawValue) + ["none"] {
            for status in DashboardReads.openStatuses {
                registry.makeGauge(descriptor: open, labels: [("severity", severity), ("status", status)])
                    .set(Double(counts[severity]?[status] ?? 0))
            }
        }
        gauge("incidents_past_deadline", help: help.pastDeadline).set(Double(state.pastDeadline))
        let backlog = descriptor("outbox_backlog", unit: "", help: help.backlog)
        registry.makeGauge(descriptor: backlog, labels: [("kind", "events")]).set(Double(state.eventsWaiting))
        registry.makeGauge(descriptor: backlog, labels: [("kind", "deliveries")]).set(Double(state.deliveriesPending))
        gauge("outbox_oldest_age_seconds", help: help.oldest).set(
            state.oldestWaiting.map { max(0, now.timeIntervalSince($0)) } ?? 0)
        gauge("deliveries_given_up", help: help.givenUp).set(Double(state.deliveriesGivenUp))
        gauge("regulatory_obligations_open", help: help.regulatoryOpen).set(Double(state.regulatoryOpen))
        gauge("regulatory_obligations_overdue", help: help.regulatoryOverdue).set(Double(state.regulatoryOverdue))
        // Absent until a backup is recorded, so that an alert on `absent(...)` fires on a
        // server that never took one.
        if let backup = state.lastBackup {
            gauge("last_backup_age_seconds", help: help.backupAge).set(max(0, now.timeIntervalSince(backup.at)))
            gauge("last_backup_size_bytes", help: help.backupSize).set(Double(backup.bytes))
        }
        return registry.emitToBuffer()
    }

    private func gauge(_ name: String, help: String) -> Gauge {
        registry.makeGauge(
            descriptor: MetricNameDescriptor(namespace: "riposte", metricName: name, unitName: "", helpText: help))
    }

    private func descriptor(_ name: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "riposte", metricName: name, unitName: unit, helpText: help)
    }

    /// Prometheus's HELP lines, read by whoever runs the server: in English, as its tools are;
    /// looked up once, not on every request.
    private struct Help: Sendable {
        let requests, latency, signIn, sweep, escalated, dispatch, attempts: String
        let open, pastDeadline, backlog, oldest, givenUp, backupAge, backupSize: String
        let regulatoryOpen, regulatoryOverdue: String

        init(_ wording: Catalogue) {
            requests = wording.text("metrics.help.http_requests", .en)
            latency = wording.text("metrics.help.http_request_duration", .en)
            signIn = wording.text("metrics.help.sign_in_failures", .en)
            sweep = wording.text("metrics.help.sweep_duration", .en)
            escalated = wording.text("metrics.help.sweep_escalated_incidents", .en)
            dispatch = wording.text("metrics.help.dispatch_duration", .en)
            attempts = wording.text("metrics.help.delivery_attempts", .en)
            open = wording.text("metrics.help.incidents_open", .en)
            pastDeadline = wording.text("metrics.help.incidents_past_deadline", .en)
            backlog = wording.text("metrics.help.outbox_backlog", .en)
            oldest = wording.text("metrics.help.outbox_oldest_age", .en)
            givenUp = wording.text("metrics.help.deliveries_given_up", .en)
            backupAge = wording.text("metrics.help.last_backup_age", .en)
            backupSize = wording.text("metrics.help.last_backup_size", .en)
            regulatoryOpen = wording.text("metrics.help.regulatory_obligations_open", .en)
            regulatoryOverdue = wording.text("metrics.help.regulatory_obligations_overdue", .en)
        }
    }
}
