import FluentKit
import FluentSQL
import Foundation
import PostgresKit
import RiposteCore
import SQLKit

/// The one code that writes the `incidents` table and what the core's effects add to an
/// incident (journal entries, outbox events, checklist), for one incident (a person's change,
/// through `IncidentStore.mutate`) or a batch (the sweep's, a filing group) alike. Always
/// inside the transaction that holds the incidents' locks.
package struct IncidentWriter: Sendable {
    /// The transaction.
    package let database: any Database

    package init(database: any Database) {
        self.database = database
    }

    /// Where an incident's journal ends: the sequence and hash a new entry follows.
    package typealias JournalLink = (sequence: Int, hash: String)

    // MARK: The lock

    /// Takes the incident's lock by bumping its version: a PostgreSQL row lock until commit,
    /// SQLite's write lock. False when no row has this id (and this version, when expected).
    package func lock(_ id: UUID, expectedVersion: Int?) async throws -> Bool {
        let query: SQLQueryString
        if let expectedVersion {
            query = """
                UPDATE incidents SET version = version + 1 \
                WHERE id = \(bind: id) AND version = \(bind: expectedVersion) RETURNING version
                """
        } else {
            query = "UPDATE incidents SET version = version + 1 WHERE id = \(bind: id) RETURNING version"
        }
        return try await database.sql().raw(query).first() != nil
    }

    // MARK: Rows

    /// Files new incidents, with their folded search text, in one statement.
    package func insert(_ rows: [IncidentRow]) async throws {
        let sql = try database.sql()
        try await sql.engine.insertIncidents(rows, on: sql)
    }

    /// Stores changed incidents, each given as read and as changed, in one statement per
    /// batch. It sets the columns that changed in any of them, not all those a change may touch
    /// (`IncidentColumn.changing`): SQLite rewrites the index entries of every column an UPDATE
    /// sets, changed or not, and the incidents have eight indexes.
    package func update(_ changes: [(read: IncidentRow, changed: IncidentRow)]) async throws {
        let columns = Self.columns(changedIn: changes)
        guard !columns.isEmpty else { return }
        let sql = try database.sql()
        try await sql.engine.updateIncidents(changes.map(\.changed), setting: columns, on: DriverStatement(on: sql))
        // The search reads a folded copy of the number, title and description; on SQLite a
        // trigger moves the incident in the search index when it changes.
        for (read, changed) in changes where read.title != changed.title || read.description != changed.description {
            let text = SearchText.document(
                number: changed.number, title: changed.title, description: changed.description)
            try await sql.raw("UPDATE incidents SET search_text = \(bind: text) WHERE id = \(bind: changed.id)").run()
        }
    }

    /// The columns that changed in any of the incidents, in their declared order.
    package static func columns(
        changedIn changes: [(read: IncidentRow, changed: IncidentRow)]
    ) -> [IncidentColumn] {
        IncidentColumn.changing.filter { column in
            changes.contains { $0.read.cell(column) != $0.changed.cell(column) }
        }
    }

    /// Applies effects that depend on nothing but an incident's status to every incident in
    /// `statuses`, in one statement: new SLA targets (`SLASettings.changed`) make each running
    /// incident due at once. Only such effects are taken.
    package func apply(_ effects: IncidentEffects, toEvery statuses: Set<IncidentStatus>) async throws {
        precondition(effects == IncidentEffects(dueAtOnce: effects.dueAtOnce), "IncidentWriter.apply(toEvery:)")
        guard effects.dueAtOnce, !statuses.isEmpty else { return }
        try await database.sql().raw(
            "UPDATE incidents SET next_due_at = reported_at WHERE status IN (\(binds: statuses.map(\.rawValue).sorted()))"
        ).run()
    }

    /// The running incidents that impact `activity` are due at once: its RTO changed, and the
    /// next sweep settles their deadlines by the new one.
    package func dueAtOnce(impacting activity: UUID) async throws {
        try await database.sql().raw(
            """
            UPDATE incidents SET next_due_at = reported_at \
            WHERE status IN (\(binds: EscalationPolicy.running.map(\.rawValue).sorted())) \
            AND id IN (SELECT incident_id FROM impacted_activities WHERE activity_id = \(bind: activity))
            """
        ).run()
    }

    // MARK: Effects

    /// An incident and what the core decided for it, applied to `incident` already
    /// (`IncidentRow.apply`), where its journal ends now, who decided (nil: Riposte itself)
    /// and when.
    package struct Decided: Sendable {
        package let incident: IncidentRow
        package let effects: IncidentEffects
        package let journalEnd: JournalLink
        package let author: UUID?
        package let at: Date

        package init(
            incident: IncidentRow, effects: IncidentEffects, journalEnd: JournalLink, author: UUID?, at: Date
        ) {
            self.incident = incident
            self.effects = effects
            self.journalEnd = journalEnd
            self.author = author
            self.at = at
        }
    }

    /// Writes what the effects add to each incident: its journal entries after its last, its
    /// notifications in the outbox (never to the author, who made the change), the checklist
    /// of a new severity; one statement per table for the whole batch. Returns the journal
    /// entries written, in order.
    @discardableResult
    package func record(_ batch: [Decided]) async throws -> [JournalRow] {
        var journal: [JournalRow] = []
        var events: [[any CellValue]] = []
        for decided in batch {
            let (incident, author, at) = (decided.incident, decided.author, decided.at)
            var link = decided.journalEnd
            for entry in decided.effects.journal {
                var details = entry.details
                for (key, time) in entry.times { details[key] = RFC3339.format(time) }
                let row = JournalAppender.next(
                    after: link, incidentID: incident.id, kind: entry.kind, text: entry.text, details: details,
                    author: author, at: at)
                journal.append(row)
                link = (row.sequence, row.hash)
            }
            for event in decided.effects.events {
                events.append(
                    Outbox.eventRow(
                        NotificationEvent(
                            kind: event.kind, incidentNumber: incident.number, incidentTitle: incident.title,
                            severity: event.severity, escalation: event.escalation, plan: event.plan,
                            note: event.note, dueAt: event.dueAt, exercise: incident.asExercise),
                        incidentID: incident.id, to: event.recipients, except: author, at: at))
            }
            if decided.effects.checklist != nil || !decided.effects.playbookSteps.isEmpty {
                try await regenerateChecklist(
                    of: incident.id, for: decided.effects.checklist, playbook: decided.effects.playbookSteps)
            }
        }
        let sql = try database.sql()
        try await JournalRow.insert(journal, into: sql)
        try await BulkInsert.run("outbox_events", Outbox.eventColumns, events, on: sql)
        return journal
    }

    /// Applies the core's plan for a new severity's checklist, as the organisation keeps its
    /// procedure, and a playbook's steps: the steps of the old one that are not done leave,
    /// those of the new one arrive (§4.2.1–§4.2.4), each with its words as they are today.
    package func regenerateChecklist(
        of incidentID: UUID, for severity: Severity?, playbook: [ChecklistStep] = []
    ) async throws {
        let existing = try await ChecklistItemModel.query(on: database).filter(\.$incidentID == incidentID).all()
        var procedure: [ChecklistStep]?
        if let severity { procedure = try await PlaybookStore.procedures(on: database.sql()).steps(for: severity) }
        let change = ChecklistPlanner.change(
            from: existing.map { ChecklistItemState(key: $0.stepKey, done: $0.isDone) }, to: procedure,
            playbook: playbook)
        if !change.removeKeys.isEmpty {
            try await ChecklistItemModel.query(on: database)
                .filter(\.$incidentID == incidentID)
                .filter(\.$stepKey ~~ change.removeKeys)
                .delete()
        }
        let procedureKeys = Set((procedure ?? []).map(\.key))
        var nextPlaybookPosition = 1000 + existing.filter { ChecklistStep.isPlaybookKey($0.stepKey) }.count
        for step in change.add {
            let position: Int
            if let severity, procedureKeys.contains(step.key) {
                position = severity.rank * 100 + 1 + (procedure?.firstIndex(of: step) ?? 0)
            } else {
                position = nextPlaybookPosition
                nextPlaybookPosition += 1
            }
            try await ChecklistItemModel(incidentID: incidentID, step: step, position: position).create(on: database)
        }
    }
}
