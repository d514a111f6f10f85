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
        let parallel = try database.sql().dialect.name == "postgresql" ? max(workers, 1) : 1
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
            var journalRows: [JournalRow] = []
            var events: [[any CellValue]] = []
            var updates: [IncidentUpdate] = []
            var outcomes: [Outcome] = []
            for (original, due) in work {
                var row = original
                if !due.isEmpty {
                    var link = links[row.id] ?? (0, JournalHasher.genesis)
                    func record(_ kind: JournalKind, _ details: [String: String]) {
                        let entry = JournalAppender.next(
                            after: link, incidentID: row.id, kind: kind, text: "", details: details, author: nil, at: at
                        )
                        journalRows.append(entry)
                        link = (entry.sequence, entry.hash)
                    }
                    for escalation in due {
                        row.escalated.insert(escalation.key)
                        record(
                            .escalated,
                            [
                                "kind": escalation.kind.rawValue, "key": escalation.key,
                                "dueAt": RFC3339.format(escalation.dueAt),
                                "notify": escalation.notifyList,
                            ])
                        // §4.2.3 step 2: past its resolution time, a minor incident is a major one.
                        // Applied as any re-qualification, with the rule as its reason.
                        if escalation.kind == .minorBecomesMajor {
                            let decision = Qualification.escalatedToMajor(row.state)
                            row.apply(decision, at: at)
                            let entry = decision.journalEntry(reason: escalation.kind.rawValue)
                            record(entry.kind, entry.details)
                            try await IncidentChange.regenerateChecklist(of: row.id, for: decision.severity, on: tx)
                        }
                        events.append(
                            Outbox.eventRow(
                                NotificationEvent(
                                    kind: .escalated, incidentNumber: row.number, incidentTitle: row.title,
                                    severity: row.state.severity, escalation: escalation.kind.rawValue),
                                incidentID: row.id, to: escalation.notify.map { NotificationRecipient(role: $0) },
                                except: nil, at: at))
                    }
                    outcomes.append(Outcome(number: row.number, escalations: due))
                }
                let next = EscalationPolicy.nextDueAt(facts.facts(for: row), settings: targets, after: now)
                updates.append(
                    IncidentUpdate(
                        id: row.id, nextDueAt: next, severity: row.severity, severitySince: row.severitySince,
                        escalatedKeys: row.escalatedKeys, updatedAt: due.isEmpty ? row.updatedAt : at,
                        bump: due.isEmpty ? 0 : 1))
            }
            try await JournalRow.insert(journalRows, into: sql)
            try await BulkInsert.run("outbox_events", Outbox.eventColumns, events, on: sql)
            try await IncidentUpdate.apply(updates, on: sql)
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

/// What the sweep changes on each incident, written with one UPDATE … FROM (VALUES …) per
/// batch instead of one statement per incident.
package struct IncidentUpdate {
    package let id: UUID
    package let nextDueAt: Date?
    package let severity: String?
    package let severitySince: Date?
    package let escalatedKeys: String
    package let updatedAt: Date
    /// 1 when the incident changed (its ETag moves), 0 when only its next deadline was refreshed.
    package let bump: Int

    package init(
        id: UUID, nextDueAt: Date?, severity: String?, severitySince: Date?, escalatedKeys: String, updatedAt: Date,
        bump: Int
    ) {
        self.id = id
        self.nextDueAt = nextDueAt
        self.severity = severity
        self.severitySince = severitySince
        self.escalatedKeys = escalatedKeys
        self.updatedAt = updatedAt
        self.bump = bump
    }

    package static let perStatement = 2_000

    package static func apply(_ updates: [IncidentUpdate], on sql: any SQLDatabase) async throws {
        let driver = try DriverStatement(on: sql)
        guard !driver.isPostgres else { return try await applyOnPostgres(updates, driver) }
        // SQLite: a VALUES list of (id, next_due_at, severity, severity_since, escalated_keys,
        // updated_at, bump) per incident.
        for start in stride(from: 0, to: updates.count, by: perStatement) {
            let slice = updates[start..<min(start + perStatement, updates.count)]
            var binds: [Cell] = []
            binds.reserveCapacity(slice.count * 7)
            for update in slice {
                binds += [
                    update.id.cell, update.nextDueAt.cell, update.severity.cell, update.severitySince.cell,
                    update.escalatedKeys.cell, update.updatedAt.cell, update.bump.cell,
                ]
            }
            let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?)", count: slice.count).joined(separator: ", ")
            try await driver.run(
                """
                UPDATE incidents SET next_due_at = v.column2, severity = v.column3, severity_since = v.column4, \
                escalated_keys = v.column5, updated_at = v.column6, version = version + v.column7 \
                FROM (VALUES \(values)) AS v \
                WHERE incidents.id = v.column1
                """, binds)
        }
    }

    /// PostgreSQL: one array per column, whatever the number of incidents.
    private static func applyOnPostgres(_ updates: [IncidentUpdate], _ driver: DriverStatement) async throws {
        guard !updates.isEmpty else { return }
        let columns: [(PostgresDataType, (IncidentUpdate) -> Cell)] = [
            (.uuid, { $0.id.cell }), (.timestamptz, { $0.nextDueAt.cell }), (.text, { $0.severity.cell }),
            (.timestamptz, { $0.severitySince.cell }), (.text, { $0.escalatedKeys.cell }),
            (.timestamptz, { $0.updatedAt.cell }), (.int8, { $0.bump.cell }),
        ]
        try await driver.run(
            """
            UPDATE incidents AS i SET next_due_at = v.next_due_at, severity = v.severity, \
            severity_since = v.severity_since, escalated_keys = v.escalated_keys, updated_at = v.updated_at, \
            version = i.version + v.bump \
            FROM unnest($1, $2, $3, $4, $5, $6, $7) \
            AS v(id, next_due_at, severity, severity_since, escalated_keys, updated_at, bump) \
            WHERE i.id = v.id
            """, columns.map { type, cell in .array(updates.map(cell), type) })
    }
}

extension [EscalationSweep.Outcome] {
    /// All the escalations a sweep made (or would make).
    package var escalationCount: Int { reduce(0) { $0 + $1.escalations.count } }
}
