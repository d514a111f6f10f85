import FluentKit
import FluentSQL
import Foundation
import RiposteCore
import SQLKit

/// The plan's settings as stored: SLA targets per severity (defaults where none is set).
package struct SettingsStore: Sendable {
    package let database: any Database
    package let gate: WriteGate

    package init(database: any Database, gate: WriteGate) {
        self.database = database
        self.gate = gate
    }

    /// Read on every change of an incident: plain SQL, no model, kept a second (`SLACache`).
    package func sla() async throws -> SLASettings {
        try await gate.slaCache.settings { try await load() }
    }

    private func load() async throws -> SLASettings {
        var settings = SLASettings.defaults
        let rows = try await database.sql().raw(
            """
            SELECT severity, qualify_seconds, resolve_seconds, status_report_seconds, promote_at_deadline,
                acknowledge_seconds
            FROM sla_targets
            """
        ).all()
        for row in rows {
            guard let severity = Severity(rawValue: try row.decode(column: "severity", as: String.self)) else {
                continue
            }
            settings.targets[severity] = SeverityTargets(
                qualify: ISODuration(seconds: try row.decode(column: "qualify_seconds", as: Int.self)),
                resolve: ISODuration(seconds: try row.decode(column: "resolve_seconds", as: Int.self)),
                statusReport: try row.decode(column: "status_report_seconds", as: Int?.self).map(
                    ISODuration.init(seconds:)),
                promoteAtDeadline: try row.decode(column: "promote_at_deadline", as: Bool?.self) ?? false,
                acknowledge: try row.decode(column: "acknowledge_seconds", as: Int?.self).map(
                    ISODuration.init(seconds:)))
        }
        if let days = try await database.sql().raw(
            "SELECT value FROM plan_settings WHERE key = \(bind: Self.reviewReminderKey)"
        ).first()?.decode(column: "value", as: String.self), let count = Int(days) {
            settings.reviewReminderWorkingDays = count
        }
        return settings
    }

    static let reviewReminderKey = "review_reminder_working_days"

    /// After how many working days a review not done is recalled; the closed incidents waiting
    /// for theirs are settled again by the next sweep.
    package func saveReviewReminder(workingDays: Int) async throws {
        try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            try await PlanSettingRow.put(Self.reviewReminderKey, String(workingDays), on: sql)
            try await IncidentWriter(database: tx).apply(IncidentEffects(dueAtOnce: true), toEvery: [.closed])
        }
        gate.slaCache.invalidate()
    }

    /// Replaces the targets of the given severities, all or none.
    package func save(_ changes: [Severity: SeverityTargets]) async throws {
        try await gate.transaction(on: database) { tx in
            for (severity, targets) in changes {
                let row =
                    try await SLATargetModel.query(on: tx).filter(\.$severity == severity.rawValue).first()
                    ?? SLATargetModel()
                row.severity = severity.rawValue
                row.qualifySeconds = targets.qualify.seconds
                row.resolveSeconds = targets.resolve.seconds
                row.statusReportSeconds = targets.statusReport?.seconds
                row.promoteAtDeadline = targets.promoteAtDeadline
                row.acknowledgeSeconds = targets.acknowledge?.seconds
                try await row.save(on: tx)
            }
            let change = SLASettings.changed
            try await IncidentWriter(database: tx).apply(change.effects, toEvery: change.statuses)
        }
        gate.slaCache.invalidate()
    }
}

extension SettingsStore {
    /// An essential activity of the BCP and its Recovery Time Objective.
    package struct Activity: Sendable {
        package let id: UUID
        package let name: String
        package let rto: ISODuration

        package init(id: UUID, name: String, rto: ISODuration) {
            self.id = id
            self.name = name
            self.rto = rto
        }
    }

    /// The essential activities in use (not retired), by name.
    package static func activities(on sql: any SQLDatabase) async throws -> [Activity] {
        try await sql.raw(
            "SELECT id, name, rto_seconds FROM essential_activities WHERE retired_at IS NULL ORDER BY name"
        ).all().map {
            Activity(
                id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self),
                rto: ISODuration(seconds: try $0.decode(column: "rto_seconds", as: Int.self)))
        }
    }

    /// The incident types offered when qualifying, by name.
    package static func incidentTypes(on sql: any SQLDatabase) async throws -> [(id: UUID, name: String)] {
        try await sql.raw("SELECT id, name FROM incident_types ORDER BY name").all().map {
            (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "name", as: String.self))
        }
    }

    /// Whether an activity has this name (another than `except`), retired ones included: a
    /// retired activity keeps its name on the incidents that impacted it.
    package static func activityExists(
        named name: String, except: UUID? = nil, on sql: any SQLDatabase
    ) async throws -> Bool {
        var query: SQLQueryString = "SELECT id FROM essential_activities WHERE name = \(bind: name)"
        if let except { query += " AND id <> \(bind: except)" }
        return try await sql.raw(query).first() != nil
    }

    /// A new name and RTO; false when no activity in use has this id.
    package static func updateActivity(
        _ id: UUID, name: String, rto: ISODuration, on sql: any SQLDatabase
    ) async throws -> Bool {
        try await sql.raw(
            """
            UPDATE essential_activities SET name = \(bind: name), rto_seconds = \(bind: rto.seconds) \
            WHERE id = \(bind: id) AND retired_at IS NULL RETURNING id
            """
        ).first() != nil
    }

    /// Retires an activity in use; false when there is none with this id.
    package static func retireActivity(_ id: UUID, at now: Date, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw(
            "UPDATE essential_activities SET retired_at = \(bind: now) WHERE id = \(bind: id) AND retired_at IS NULL RETURNING id"
        ).first() != nil
    }

    package static func insertActivity(_ id: UUID, name: String, rto: ISODuration, on sql: any SQLDatabase) async throws
    {
        try await sql.raw(
            "INSERT INTO essential_activities (id, name, rto_seconds) VALUES (\(bind: id), \(bind: name), \(bind: rto.seconds))"
        ).run()
    }

    package static func incidentTypeExists(named name: String, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT id FROM incident_types WHERE name = \(bind: name)").first() != nil
    }

    package static func insertIncidentType(named name: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("INSERT INTO incident_types (id, name) VALUES (\(bind: UUID.random()), \(bind: name))").run()
    }

    /// Whether there was such a type to remove.
    package static func deleteIncidentType(_ id: UUID, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("DELETE FROM incident_types WHERE id = \(bind: id) RETURNING id").first() != nil
    }
}
