import Fluent
import Foundation
import RiposteCore
import SQLKit
import Vapor

/// Writes to the register. Every change of an incident goes through `mutate`, which
/// takes the incident's lock first (by bumping its version), so that checks, changes
/// and journal entries of one request are never interleaved with another's.
struct IncidentStore: Sendable {
    let database: any Database
    let gate: WriteGate
    let numbering: IncidentNumbering

    /// Files a validated report: a new number, the register row, its impacted
    /// activities and the first journal entry, in one transaction.
    func report(_ report: IncidentReport, by user: APIUser, at now: Date) async throws -> IncidentDTO {
        try await requireActivitiesExist(report.impactedActivityIDs)
        let reportedAt = JournalClock.truncate(now)
        let year = Calendar.utc.component(.year, from: now)
        try await numbering.prepare(year: year, on: try database.sql())
        // Read before queueing for the single writer: the writer's time is the bottleneck.
        let sla = try await SettingsStore(database: database, gate: gate).sla()
        return try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            let number = try await numbering.next(year: year, on: sql)
            var incident = IncidentRow(
                id: UUID.random(), number: number.description, title: report.title, description: report.description,
                type: report.type, severity: nil, status: IncidentStatus.reported.rawValue,
                channel: report.channel.rawValue, customersAffected: report.customersAffected, team: nil,
                reporterId: user.id, reportedAt: reportedAt, detectedAt: report.detectedAt.map(JournalClock.truncate),
                qualifiedAt: nil, resolvedAt: nil, closedAt: nil, updatedAt: reportedAt, version: 1,
                slaPausedSeconds: 0, slaPausedSince: nil, severitySince: nil, expectedRecoveryAt: nil,
                lastStatusReportAt: nil, nextDueAt: nil, bcpActiveSince: nil, cmpActiveSince: nil,
                drpActiveSince: nil, bcpCloseAgreedAt: nil, cmpCloseAgreedAt: nil, reviewComplete: false,
                escalatedKeys: "")
            incident.nextDueAt = nextDueAt(
                for: incident, activities: try await rtos(of: report.impactedActivityIDs, on: sql), settings: sla,
                at: now)
            try await incident.insert(into: sql)
            for activityID in report.impactedActivityIDs {
                try await sql.raw(
                    """
                    INSERT INTO impacted_activities (id, incident_id, activity_id) \
                    VALUES (\(bind: UUID.random()), \(bind: incident.id), \(bind: activityID))
                    """
                ).run()
            }
            var details = ["number": incident.number, "title": report.title, "channel": report.channel.rawValue]
            if let type = report.type { details["type"] = type }
            try await JournalAppender(incidentID: incident.id, database: sql, startsEmpty: true)
                .append(kind: .reported, text: report.description, details: details, author: user.id, at: now)
            return IncidentDTO(incident, activities: report.impactedActivityIDs, checklist: [])
        }
    }

    /// Runs `body` on the locked incident. With `expectedVersion`, a stale version is
    /// refused with 412; a throw from `body` rolls everything back.
    func mutate<T: Sendable>(
        _ id: UUID, expectedVersion: Int?, author: UUID?, at now: Date,
        _ body: @escaping @Sendable (IncidentChange) async throws -> T
    ) async throws -> T {
        let sla = try await SettingsStore(database: database, gate: gate).sla()
        return try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            guard try await bumpVersion(id, expected: expectedVersion, on: sql) else {
                let exists = try await sql.raw("SELECT id FROM incidents WHERE id = \(bind: id)").first() != nil
                throw exists ? APIError.stale : APIError.notFound("Incident")
            }
            let change = try IncidentChange(
                incident: try await IncidentReader(database: sql).row(id), database: tx, author: author,
                at: JournalClock.truncate(now), outbox: Outbox(database: sql))
            let result = try await body(change)
            change.incident.updatedAt = change.at
            let facts = try await EscalationFactsReader(database: sql).facts(for: change.incident)
            change.incident.nextDueAt = EscalationPolicy.nextDueAt(facts, settings: sla, after: change.at)
            try await change.incident.update(in: sql)
            return result
        }
    }

    /// The lock: PostgreSQL row lock until commit, SQLite's write lock. Returns false
    /// when no row has this id (and this version, when one is expected).
    private func bumpVersion(_ id: UUID, expected: Int?, on sql: any SQLDatabase) async throws -> Bool {
        let query: SQLQueryString
        if let expected {
            query =
                "UPDATE incidents SET version = version + 1 WHERE id = \(bind: id) AND version = \(bind: expected) RETURNING version"
        } else {
            query = "UPDATE incidents SET version = version + 1 WHERE id = \(bind: id) RETURNING version"
        }
        return try await sql.raw(query).first() != nil
    }

    /// When the policy next has something due for a new incident.
    private func nextDueAt(
        for incident: IncidentRow, activities: [ImpactedActivity], settings: SLASettings, at now: Date
    ) -> Date? {
        let facts = EscalationFacts(
            status: incident.state.status, severity: nil, severitySince: nil, clock: incident.slaClock,
            disruptedSince: incident.detectedAt ?? incident.reportedAt, impactedActivities: activities)
        return EscalationPolicy.nextDueAt(facts, settings: settings, after: now)
    }

    private func rtos(of activityIDs: [UUID], on sql: any SQLDatabase) async throws -> [ImpactedActivity] {
        guard !activityIDs.isEmpty else { return [] }
        return try await sql.raw(
            "SELECT id, rto_seconds FROM essential_activities WHERE id IN (\(binds: activityIDs))"
        ).all().map {
            ImpactedActivity(
                id: try $0.decode(column: "id", as: UUID.self),
                rto: ISODuration(seconds: try $0.decode(column: "rto_seconds", as: Int.self)))
        }
    }

    private func requireActivitiesExist(_ ids: [UUID]) async throws {
        guard !ids.isEmpty else { return }
        let found = try await EssentialActivityModel.query(on: database).filter(\.$id ~~ ids).count()
        if found != ids.count { throw APIError(FieldError(field: "impactedActivityIds", problem: .unknown)) }
    }
}

extension Database {
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else {
            throw APIError(.internalServerError, code: "internal", message: "The database does not speak SQL.")
        }
        return sql
    }
}

extension Calendar {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

extension Request {
    var incidents: IncidentStore {
        IncidentStore(
            database: db, gate: application.writeGate, numbering: application.incidentNumbering)
    }
}
