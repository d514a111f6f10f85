import FluentKit
import FluentSQL
import Foundation
import PostgresKit
import RiposteCore
import SQLKit

/// Finds the incidents with something due (through the `next_due_at` index, so the cost
/// grows with what is due, not with the register) and makes the escalations the policy
/// calls for. A batch of incidents is handled in one transaction with a few set-wide
/// statements, so that a thousand due incidents cost milliseconds, not a thousand round trips.
/// Each batch is read inside its transaction, the due incidents first, and locked there: on
/// PostgreSQL with `FOR UPDATE SKIP LOCKED` (two sweeps at once, on one instance or two,
/// share the work and never wait on each other; an incident being changed by someone is
/// left to the next sweep), on SQLite by the write lock. The escalations made are kept on
/// the locked row (see `MoveEscalationKeysToIncident`), so each is made once.
package struct EscalationSweep: Sendable {
    package let database: any Database
    package let store: IncidentStore
    package let settings: SettingsStore

    package struct Outcome: Sendable, Equatable {
        package let number: String
        package let escalations: [Escalation]

        package init(number: String, escalations: [Escalation]) {
            self.number = number
            self.escalations = escalations
        }
    }

    /// Incidents handled per transaction.
    package var pageSize = 500
    /// Batches in flight at once on PostgreSQL, each on its own connection (`SKIP LOCKED` gives
    /// each its own incidents), so that the server's work on one overlaps the journal hashing
    /// of another. SQLite has a single writer: one.
    package var workers = 2

    package init(
        database: any Database, store: IncidentStore, settings: SettingsStore, pageSize: Int = 500, workers: Int = 2
    ) {
        self.database = database
        self.store = store
        self.settings = settings
        self.pageSize = pageSize
        self.workers = workers
    }

    package func run(at now: Date, dryRun: Bool) async throws -> [Outcome] {
        let targets = try await settings.sla()
        if dryRun { return try await due(settings: targets, at: now) }
        let parallel = try database.sql().engine.sweepers(asked: workers)
        let outcomes = try await withThrowingTaskGroup(of: [Outcome].self) { group in
            for _ in 0..<parallel {
                group.addTask { try await drainDue(settings: targets, at: now) }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        return outcomes.sorted { $0.number < $1.number }
    }

    /// Batch after batch while more is due: until nothing is left, or what is left is
    /// locked by another worker or another sweep.
    private func drainDue(settings targets: SLASettings, at now: Date) async throws -> [Outcome] {
        var outcomes: [Outcome] = []
        var handled = Set<UUID>()
        while true {
            let (taken, made, more) = try await escalateNextBatch(settings: targets, at: now)
            outcomes += made
            // An incident met twice would be one the policy left due: it waits for the next
            // sweep rather than looping here.
            guard more, handled.isDisjoint(with: taken) else { break }
            handled.formUnion(taken)
        }
        return outcomes
    }

    /// What would be done, without doing it.
    private func due(settings targets: SLASettings, at now: Date) async throws -> [Outcome] {
        let facts = try await BatchFacts.read(dueAt: now, limit: nil, lock: false, on: try database.sql())
        return facts.rows.compactMap { row in
            let due = EscalationPolicy.settle(facts.facts(for: row), settings: targets, at: now)
            return due.isEmpty ? nil : Outcome(number: row.number, escalations: due)
        }.sorted { $0.number < $1.number }
    }

    /// One transaction: the next `pageSize` due incidents, locked, escalated and given their
    /// next deadline. Returns the ids taken, the escalations made, and whether more is due
    /// (one incident more is read to know it, which spares a last, empty transaction).
    private func escalateNextBatch(
        settings targets: SLASettings, at now: Date
    ) async throws -> (taken: [UUID], made: [Outcome], more: Bool) {
        try await store.gate.transaction(on: database) { [pageSize] tx in
            let sql = try tx.sql()
            let at = JournalClock.truncate(now)
            var facts = try await BatchFacts.read(dueAt: now, limit: pageSize + 1, lock: true, on: sql)
            let more = facts.rows.count > pageSize
            if more { facts.rows.removeLast() }
            var work: [(row: IncidentRow, due: [Escalation])] = []
            for row in facts.rows {
                work.append((row, EscalationPolicy.settle(facts.facts(for: row), settings: targets, at: now)))
            }
            let escalating = work.filter { !$0.due.isEmpty }
            let links = try await Self.lastLinks(escalating.map(\.row.id), on: sql)
            var decided: [IncidentWriter.Decided] = []
            var changes: [(read: IncidentRow, changed: IncidentRow)] = []
            var outcomes: [Outcome] = []
            for (original, due) in work {
                var row = original
                if !due.isEmpty {
                    // The core says what the escalations do; the writer applies it, as it does a person's change.
                    let effects = EscalationPolicy.effects(of: due, on: row.state)
                    row.apply(effects, at: at)
                    row.updatedAt = at
                    row.version += 1
                    decided.append(
                        .init(
                            incident: row, effects: effects, journalEnd: links[row.id] ?? (0, JournalHasher.genesis),
                            author: nil, at: at))
                    outcomes.append(Outcome(number: row.number, escalations: due))
                }
                row.nextDueAt = EscalationPolicy.nextDueAt(facts.facts(for: row), settings: targets, after: now)
                changes.append((original, row))
            }
            let writer = IncidentWriter(database: tx)
            try await writer.record(decided)
            try await writer.update(changes)
            return (facts.rows.map(\.id), outcomes, more)
        }
    }

    /// The newest (sequence, hash) of each incident's journal.
    private static func lastLinks(_ ids: [UUID], on sql: any SQLDatabase) async throws -> [UUID: (Int, String)] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await DriverRows.fetch(
            """
            SELECT j.incident_id, j.sequence, j.hash FROM journal_entries j \
            WHERE j.incident_id IN (\(binds: ids)) AND j.sequence = \
            (SELECT MAX(k.sequence) FROM journal_entries k WHERE k.incident_id = j.incident_id)
            """, on: sql
        ) { row in (try row.uuid(0), (try row.int(1), try row.string(2))) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }
}

/// What the policy needs about a batch of incidents, read in two statements.
package struct BatchFacts {
    package var rows: [IncidentRow] = []
    package var activities: [UUID: [ImpactedActivity]] = [:]

    package init(rows: [IncidentRow] = [], activities: [UUID: [ImpactedActivity]] = [:]) {
        self.rows = rows
        self.activities = activities
    }

    package func facts(for row: IncidentRow) -> EscalationFacts {
        EscalationFactsReader.facts(for: row, activities: activities[row.id] ?? [])
    }

    /// The incidents due at `now`, in the order of their deadlines (the index's order, so
    /// that nothing else is read); with `lock`, locked until the transaction ends.
    package static func read(
        dueAt now: Date, limit: Int?, lock: Bool, on sql: any SQLDatabase
    ) async throws -> BatchFacts {
        var facts = BatchFacts()
        facts.rows = try await IncidentRow.fetch(
            DueIncidents.query(at: now, limit: limit, lock: lock, on: sql), on: sql)
        facts.activities = try await EscalationFactsReader.activities(of: facts.rows.map(\.id), on: sql)
        return facts
    }
}

extension [EscalationSweep.Outcome] {
    /// All the escalations a sweep made (or would make).
    package var escalationCount: Int { reduce(0) { $0 + $1.escalations.count } }
}
