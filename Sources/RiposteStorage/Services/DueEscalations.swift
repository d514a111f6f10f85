import FluentKit
import FluentSQL
import Foundation
import RiposteCore
import SQLKit

/// The storage side of the sweep: the incidents due, a batch at a time, each batch in one
/// transaction with a few set-wide statements, so that a thousand due incidents cost
/// milliseconds, not a thousand round trips. Each batch is read inside its transaction, the due
/// incidents first, and locked there: on PostgreSQL with `FOR UPDATE SKIP LOCKED` (two sweeps
/// at once, on one instance or two, share the work and never wait on each other; an incident
/// being changed by someone is left to the next sweep), on SQLite by the write lock. The
/// escalations made are kept on the locked row (see `MoveEscalationKeysToIncident`), so each
/// is made once. What is due and what it does is the caller's decision (the core's).
package struct DueEscalations: Sendable {
    package let database: any Database
    package let gate: WriteGate

    package init(database: any Database, gate: WriteGate) {
        self.database = database
        self.gate = gate
    }

    /// What was decided for one incident: the escalations due, and what making them does.
    package typealias Decision = (due: [Escalation], effects: IncidentEffects)

    /// How many batches may run at once: each on its own connection (`SKIP LOCKED` gives each
    /// its own incidents), so that the server's work on one overlaps the journal hashing of
    /// another; one on SQLite's single writer.
    package func parallelBatches(asked: Int) throws -> Int {
        try database.sql().engine.sweepers(asked: asked)
    }

    /// The incidents due at `now` and their facts, unlocked: what a dry run reports.
    package func due(at now: Date) async throws -> [(number: String, state: IncidentState, facts: EscalationFacts)] {
        let facts = try await BatchFacts.read(dueAt: now, limit: nil, lock: false, on: try database.sql())
        return facts.rows.map { ($0.number, $0.state, facts.facts(for: $0)) }
    }

    /// One transaction: the next `limit` due incidents, locked; `decide` says what each is
    /// due, the writer applies it, and each gets its next deadline under `settings`. Returns
    /// the ids taken, the escalations made by incident number, and whether more is due (one
    /// incident more is read to know it, which spares a last, empty transaction).
    package func settleNext(
        _ limit: Int, at now: Date, settings: SLASettings,
        decide: @escaping @Sendable (IncidentState, EscalationFacts) -> Decision
    ) async throws -> (taken: [UUID], made: [(number: String, escalations: [Escalation])], more: Bool) {
        try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            let at = JournalClock.truncate(now)
            var facts = try await BatchFacts.read(dueAt: now, limit: limit + 1, lock: true, on: sql)
            let more = facts.rows.count > limit
            if more { facts.rows.removeLast() }
            let work = facts.rows.map { row in (row: row, decision: decide(row.state, facts.facts(for: row))) }
            let escalating = work.filter { !$0.decision.due.isEmpty }
            let links = try await Self.lastLinks(escalating.map(\.row.id), on: sql)
            var decided: [IncidentWriter.Decided] = []
            var changes: [(read: IncidentRow, changed: IncidentRow)] = []
            var made: [(number: String, escalations: [Escalation])] = []
            for (original, decision) in work {
                var row = original
                if !decision.due.isEmpty {
                    // What the core decided, applied by the writer as a person's change is.
                    row.apply(decision.effects, at: at)
                    row.updatedAt = at
                    row.version += 1
                    decided.append(
                        .init(
                            incident: row, effects: decision.effects,
                            journalEnd: links[row.id] ?? (0, JournalHasher.genesis), author: nil, at: at))
                    made.append((row.number, decision.due))
                }
                row.nextDueAt = EscalationPolicy.nextDueAt(facts.facts(for: row), settings: settings, after: now)
                changes.append((original, row))
            }
            let writer = IncidentWriter(database: tx)
            try await writer.record(decided)
            try await writer.update(changes)
            return (facts.rows.map(\.id), made, more)
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
