import FluentKit
import FluentSQL
import Foundation
import RiposteCore
import SQLKit

/// Writes to the register. Every change of an incident goes through `mutate`, which
/// takes the incident's lock first (by bumping its version), so that checks, changes
/// and journal entries of one request are never interleaved with another's.
package struct IncidentStore: Sendable {
    package let database: any Database
    package let gate: WriteGate
    package let numbering: IncidentNumbering

    package init(database: any Database, gate: WriteGate, numbering: IncidentNumbering) {
        self.database = database
        self.gate = gate
        self.numbering = numbering
    }

    /// Files a validated report: a new number, the register row, its impacted
    /// activities and the first journal entry, in one transaction.
    package func report(_ report: IncidentReport, by user: ActingPerson, at now: Date) async throws -> IncidentRow {
        // Read before queueing for the single writer: the writer's time is the bottleneck.
        let activities = try await impactedActivities(report.impactedActivityIDs)
        let filing = IncidentFiling(
            report: report, reporter: user.id, at: now, activities: activities,
            settings: try await SettingsStore(database: database, gate: gate).sla(), numbering: numbering)
        try await numbering.prepare(report.series, year: filing.year, on: try database.sql())
        try await gate.store(filing, on: database)
        gate.searchUpkeep.filed(at: now)
        guard let filed = filing.filed.withLockedValue({ $0 }) else {
            throw StorageFault.filingLost
        }
        return filed
    }

    /// Runs `body` on the locked incident. With `expectedVersion`, a stale version is
    /// refused with 412; a throw from `body` rolls everything back.
    package func mutate<T: Sendable>(
        _ id: UUID, expectedVersion: Int?, author: UUID?, at now: Date,
        _ body: @escaping @Sendable (IncidentChange) async throws -> T
    ) async throws -> T {
        let sla = try await SettingsStore(database: database, gate: gate).sla()
        return try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            let writer = IncidentWriter(database: tx)
            guard try await writer.lock(id, expectedVersion: expectedVersion) else {
                let exists = try await sql.raw("SELECT id FROM incidents WHERE id = \(bind: id)").first() != nil
                throw exists ? Refusal.stale : Refusal.notFound(.incident)
            }
            let change = try IncidentChange(
                incident: try await IncidentReader(database: sql).row(id), database: tx, author: author,
                at: JournalClock.truncate(now))
            let result = try await body(change)
            change.incident.updatedAt = change.at
            let facts = try await EscalationFactsReader(database: sql).facts(for: change.incident)
            change.incident.nextDueAt = EscalationPolicy.nextDueAt(facts, settings: sla, after: change.at)
            try await writer.update([(change.read, change.incident)])
            return result
        }
    }

    /// The impacted activities named in a report, with their RTOs; 422 if one is unknown.
    private func impactedActivities(_ ids: [UUID]) async throws -> [ImpactedActivity] {
        guard !ids.isEmpty else { return [] }
        let activities = try await database.sql().raw(
            "SELECT id, rto_seconds FROM essential_activities WHERE id IN (\(binds: ids)) AND retired_at IS NULL"
        ).all().map(ImpactedActivity.init(row:))
        guard activities.count == Set(ids).count else {
            throw FieldError(field: "impactedActivityIds", problem: .unknown)
        }
        return activities
    }
}

extension Database {
    package func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else {
            throw StorageFault.notSQL
        }
        return sql
    }
}

extension Calendar {
    package static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
