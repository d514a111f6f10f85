import Fluent
import Foundation
import RiposteCore
import SQLKit
import Vapor

/// Finds the incidents with something due (through the `next_due_at` index, so the cost
/// grows with what is due, not with the register) and makes the escalations the policy
/// calls for, each in the incident's lock: two sweeps at once, on one instance or two,
/// make each escalation once (and the unique (incident, key) index would refuse a second).
struct EscalationSweep: Sendable {
    let database: any Database
    let store: IncidentStore
    let settings: SettingsStore

    struct Outcome: Sendable, Equatable {
        let number: String
        let escalations: [Escalation]
    }

    /// Thrown inside the lock when another sweep or a change got there first: rolls back
    /// the version bump, since nothing changed.
    private struct NothingDue: Error {}

    /// Ids read per query, and incidents escalated at once: concurrent changes share their
    /// commits on SQLite (the write gate's group commit) and run side by side on PostgreSQL.
    var pageSize = 1000
    static let parallel = 8

    func run(at now: Date, dryRun: Bool) async throws -> [Outcome] {
        let sql = try database.sql()
        let targets = try await settings.sla()
        var outcomes: [Outcome] = []
        // Every due id in one read of the next_due_at index (a sort or a keyset on another
        // column made the engines walk the whole register); then handled in chunks.
        let ids = try await sql.raw("SELECT id FROM incidents WHERE next_due_at <= \(bind: now)").all()
            .map { try $0.decode(column: "id", as: UUID.self) }
        for start in stride(from: 0, to: ids.count, by: pageSize) {
            let chunk = Array(ids[start..<min(start + pageSize, ids.count)])
            outcomes += try await forEach(chunk) { id in
                guard dryRun else { return try await escalate(id, settings: targets, at: now) }
                let row = try await IncidentReader(database: sql).row(id)
                let due = EscalationPolicy.due(
                    try await EscalationFactsReader(database: sql).facts(for: row), settings: targets, at: now)
                return due.isEmpty ? nil : Outcome(number: row.number, escalations: due)
            }
        }
        return outcomes.sorted { $0.number < $1.number }
    }

    /// Runs `body` for each id, at most `parallel` at a time.
    private func forEach(
        _ ids: [UUID], _ body: @escaping @Sendable (UUID) async throws -> Outcome?
    ) async throws
        -> [Outcome]
    {
        try await withThrowingTaskGroup(of: Outcome?.self) { group in
            var results: [Outcome] = []
            var pending = ids[...]
            for _ in 0..<Self.parallel {
                guard let id = pending.popFirst() else { break }
                group.addTask { try await body(id) }
            }
            while let result = try await group.next() {
                if let result { results.append(result) }
                if let id = pending.popFirst() { group.addTask { try await body(id) } }
            }
            return results
        }
    }

    private func escalate(_ id: UUID, settings targets: SLASettings, at now: Date) async throws -> Outcome? {
        do {
            return try await store.mutate(id, expectedVersion: nil, author: nil, at: now) { change in
                let sql = try change.database.sql()
                let due = EscalationPolicy.due(
                    try await EscalationFactsReader(database: sql).facts(for: change.incident), settings: targets,
                    at: change.at)
                guard !due.isEmpty else { throw NothingDue() }
                for escalation in due { try await apply(escalation, to: change, on: sql) }
                return Outcome(number: change.incident.number, escalations: due)
            }
        } catch is NothingDue {
            try await refreshNextDue(id, settings: targets, at: now)
            return nil
        }
    }

    private func apply(_ escalation: Escalation, to change: IncidentChange, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO escalations (id, incident_id, key, kind, due_at, made_at) VALUES (\(bind: UUID()), \
            \(bind: change.incidentID), \(bind: escalation.key), \(bind: escalation.kind.rawValue), \
            \(bind: escalation.dueAt), \(bind: change.at))
            """
        ).run()
        try await change.record(
            .escalated,
            details: [
                "kind": escalation.kind.rawValue, "key": escalation.key,
                "dueAt": escalation.dueAt.formatted(DateCoding.output),
                "notify": escalation.notify.map(\.rawValue).sorted().joined(separator: ","),
            ])

        // §4.2.3 step 2: past its resolution time, a minor incident is a major one.
        if escalation.kind == .minorBecomesMajor {
            change.incident.severity = Severity.major.rawValue
            change.incident.severitySince = change.at
            try await change.record(
                .requalified,
                details: [
                    "previousSeverity": Severity.minor.rawValue, "severity": Severity.major.rawValue,
                    "type": change.incident.type ?? "", "reason": escalation.kind.rawValue,
                ])
            try await change.regenerateChecklist(for: .major)
        }
        try await change.notify(
            .escalated, escalation: escalation.kind.rawValue,
            to: escalation.notify.map { NotificationRecipient(role: $0) })
    }

    /// Nothing was due after all: store when something will be, unless the incident
    /// changed meanwhile (its change computed that already).
    private func refreshNextDue(_ id: UUID, settings targets: SLASettings, at now: Date) async throws {
        try await store.gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            let row = try await IncidentReader(database: sql).row(id)
            let next = EscalationPolicy.nextDueAt(
                try await EscalationFactsReader(database: sql).facts(for: row), settings: targets, after: now)
            try await sql.raw(
                "UPDATE incidents SET next_due_at = \(bind: next) WHERE id = \(bind: id) AND version = \(bind: row.version)"
            ).run()
        }
    }
}

extension Application {
    var escalationSweep: EscalationSweep {
        EscalationSweep(
            database: db,
            store: IncidentStore(
                database: db, gate: writeGate, numbering: incidentNumbering, notifications: notificationSettings),
            settings: SettingsStore(database: db, gate: writeGate))
    }
}
