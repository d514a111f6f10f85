import FluentKit
import Foundation
import RiposteCore
import SQLKit

/// The law's side of the register (#17): the organisation's regimes, each incident's
/// assessment with where its clocks stand, and what was sent or decided. The clocks themselves
/// are the core's (`RegulatoryClocks`); what is kept of them here is what the sweep, the
/// dashboard and the register's filter look up without computing them: the next reminder, the
/// soonest deadline, whether one is open.
package struct RegulationStore: Sendable {
    package let database: any Database
    package let gate: WriteGate

    package init(database: any Database, gate: WriteGate) {
        self.database = database
        self.gate = gate
    }

    static let settingsKey = "regulation"

    /// An incident's assessment as stored, with the reminders already made.
    package struct Stored: Sendable {
        package let assessment: RegulatoryAssessment
        package let alertsMade: Set<String>
        package let assessedAt: Date
        package let updatedAt: Date
    }

    /// Where an incident's clocks stand, written with every change to them.
    package struct ClockState: Sendable {
        package let openObligations: Bool
        package let nextDueAt: Date?
        package let nextAlertAt: Date?
        package let alertsMade: Set<String>

        package init(openObligations: Bool, nextDueAt: Date?, nextAlertAt: Date?, alertsMade: Set<String>) {
            self.openObligations = openObligations
            self.nextDueAt = nextDueAt
            self.nextAlertAt = nextAlertAt
            self.alertsMade = alertsMade
        }
    }

    /// The organisation's regimes; the defaults (GDPR only, France) until saved.
    package func settings() async throws -> RegulationSettings {
        try await Self.settings(on: database.sql())
    }

    package static func settings(on sql: any SQLDatabase) async throws -> RegulationSettings {
        guard
            let text = try await sql.raw("SELECT value FROM plan_settings WHERE key = \(bind: settingsKey)").first()?
                .decode(column: "value", as: String.self)
        else { return RegulationSettings() }
        return try JSONDecoder().decode(RegulationSettings.self, from: Data(text.utf8))
    }

    /// Saves the regimes; every assessed incident's clocks are looked at again by the next
    /// sweep, since a regime taken on or dropped adds or removes some.
    package func save(_ settings: RegulationSettings, at now: Date) async throws {
        let encoded = try Self.encode(settings)
        try await gate.transaction(on: database) { tx in
            let sql = try tx.sql()
            try await PlanSettingRow.put(Self.settingsKey, encoded, on: sql)
            try await sql.raw("UPDATE incident_assessments SET next_alert_at = \(bind: now)").run()
        }
    }

    package static func isAssessed(_ incident: UUID, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT 1 AS one FROM incident_assessments WHERE incident_id = \(bind: incident)").first()
            != nil
    }

    package static func assessment(of incident: UUID, on sql: any SQLDatabase) async throws -> Stored? {
        guard
            let row = try await sql.raw(
                """
                SELECT assessment, alerts_made, assessed_at, updated_at FROM incident_assessments \
                WHERE incident_id = \(bind: incident)
                """
            ).first()
        else { return nil }
        return Stored(
            assessment: try JSONDecoder().decode(
                RegulatoryAssessment.self, from: Data(try row.decode(column: "assessment", as: String.self).utf8)),
            alertsMade: Self.keys(try row.decode(column: "alerts_made", as: String.self)),
            assessedAt: try row.decode(column: "assessed_at", as: Date.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self))
    }

    /// Writes the assessment and where its clocks now stand (in the incident's change).
    package static func save(
        _ assessment: RegulatoryAssessment, of incident: UUID, clocks: ClockState, by author: UUID?, at now: Date,
        on sql: any SQLDatabase
    ) async throws {
        let encoded = try encode(assessment)
        let updated = try await sql.raw(
            """
            UPDATE incident_assessments SET assessment = \(bind: encoded), \
            personal_data = \(bind: assessment.isBreach), aware_at = \(bind: assessment.awareAt), \
            was_breach = (was_breach OR \(bind: assessment.isBreach)), \
            updated_at = \(bind: now), updated_by = \(bind: author) \
            WHERE incident_id = \(bind: incident) RETURNING incident_id
            """
        ).all()
        if updated.isEmpty {
            try await sql.raw(
                """
                INSERT INTO incident_assessments (incident_id, assessment, personal_data, was_breach, aware_at, \
                open_obligations, alerts_made, assessed_at, updated_at, updated_by) VALUES \
                (\(bind: incident), \(bind: encoded), \(bind: assessment.isBreach), \(bind: assessment.isBreach), \
                \(bind: assessment.awareAt), \
                \(bind: false), '', \(bind: now), \(bind: now), \(bind: author))
                """
            ).run()
        }
        try await update(incident, clocks: clocks, on: sql)
    }

    package static func update(_ incident: UUID, clocks: ClockState, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            UPDATE incident_assessments SET open_obligations = \(bind: clocks.openObligations), \
            next_due_at = \(bind: clocks.nextDueAt), next_alert_at = \(bind: clocks.nextAlertAt), \
            alerts_made = \(bind: clocks.alertsMade.sorted().joined(separator: ",")) \
            WHERE incident_id = \(bind: incident)
            """
        ).run()
    }

    /// Writes where the clocks stand as read from the incident at `version`, unless the incident
    /// changed since (an assessment, a submission: theirs is newer, and stands). Without a lock,
    /// so that the sweep's look at an incident with nothing to say moves no version.
    package func update(_ incident: UUID, clocks: ClockState, ifIncidentVersion version: Int) async throws {
        try await gate.transaction(on: database) { tx in
            try await tx.sql().raw(
                """
                UPDATE incident_assessments SET open_obligations = \(bind: clocks.openObligations), \
                next_due_at = \(bind: clocks.nextDueAt), next_alert_at = \(bind: clocks.nextAlertAt), \
                alerts_made = \(bind: clocks.alertsMade.sorted().joined(separator: ",")) \
                WHERE incident_id = \(bind: incident) \
                AND (SELECT version FROM incidents WHERE id = \(bind: incident)) = \(bind: version)
                """
            ).run()
        }
    }

    /// What was sent or decided for an incident, oldest first.
    package static func records(of incident: UUID, on sql: any SQLDatabase) async throws -> [ObligationRecord] {
        try await records(where: "incident_id = \(bind: incident)", on: sql).map(\.record)
    }

    /// The records of many incidents, by incident, in one statement.
    package func records(of incidents: [UUID]) async throws -> [UUID: [ObligationRecord]] {
        guard !incidents.isEmpty else { return [:] }
        return Dictionary(
            grouping: try await Self.records(where: "incident_id IN (\(binds: incidents))", on: database.sql()),
            by: \.incident
        ).mapValues { $0.map(\.record) }
    }

    private static func records(
        where condition: SQLQueryString, on sql: any SQLDatabase
    ) async throws -> [(incident: UUID, record: ObligationRecord)] {
        try await sql.raw(
            """
            SELECT incident_id, id, step, kind, at, recipient, reference, document, reason, recorded_by, \
            recorded_at FROM obligation_records WHERE \(condition) ORDER BY at, recorded_at
            """
        ).all().compactMap { row in
            guard let step = ObligationStep(rawValue: try row.decode(column: "step", as: String.self)),
                let kind = ObligationRecord.Kind(rawValue: try row.decode(column: "kind", as: String.self))
            else { return nil }
            return (
                try row.decode(column: "incident_id", as: UUID.self),
                ObligationRecord(
                    id: try row.decode(column: "id", as: UUID.self), step: step, kind: kind,
                    at: try row.decode(column: "at", as: Date.self),
                    recipient: try row.decode(column: "recipient", as: String.self),
                    reference: try row.decode(column: "reference", as: String.self),
                    document: try row.decode(column: "document", as: String.self),
                    reason: try row.decode(column: "reason", as: String.self),
                    recordedBy: try row.decode(column: "recorded_by", as: UUID?.self),
                    recordedAt: try row.decode(column: "recorded_at", as: Date.self))
            )
        }
    }

    package static func insert(_ record: ObligationRecord, of incident: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO obligation_records (id, incident_id, step, kind, at, recipient, reference, document, \
            reason, recorded_by, recorded_at) VALUES (\(bind: record.id), \(bind: incident), \
            \(bind: record.step.rawValue), \(bind: record.kind.rawValue), \(bind: record.at), \
            \(bind: record.recipient), \(bind: record.reference), \(bind: record.document), \(bind: record.reason), \
            \(bind: record.recordedBy), \(bind: record.recordedAt))
            """
        ).run()
    }

    /// The incidents whose next reminder is due at `now`, soonest first.
    package func dueForAlerts(at now: Date, limit: Int) async throws -> [UUID] {
        try await database.sql().raw(
            """
            SELECT incident_id FROM incident_assessments WHERE next_alert_at <= \(bind: now) \
            ORDER BY next_alert_at LIMIT \(literal: limit)
            """
        ).all().map { try $0.decode(column: "incident_id", as: UUID.self) }
    }

    /// An incident with a deadline of the law open: the dashboard's panel and the register's filter.
    package struct OpenLine: Sendable {
        package let incident: UUID
        package let number: String
        package let title: String
        package let description: String
        package let severity: Severity?
        package let status: IncidentStatus
        package let reportedAt: Date
        package let resolvedAt: Date?
        package let reporter: UUID?
        package let assessment: RegulatoryAssessment
    }

    /// The incidents with a deadline of the law open, soonest first (those without a set
    /// deadline, such as telling the people concerned, after).
    package func open(limit: Int) async throws -> [OpenLine] {
        try await lines(where: "a.open_obligations = \(bind: true)", limit: limit)
    }

    /// The same, of the incidents `person` owns or works on, whatever their status.
    package func open(involving person: UUID, limit: Int) async throws -> [OpenLine] {
        try await lines(
            where: """
                a.open_obligations = \(bind: true) AND (i.owner_id = \(bind: person) OR i.id IN \
                (SELECT incident_id FROM incident_members WHERE user_id = \(bind: person)))
                """, limit: limit)
    }

    /// The breach register (art. 33(5)): every incident assessed as involving personal data,
    /// whatever became of it, newest first. An exercise's practice assessment is no breach.
    package func breaches() async throws -> [OpenLine] {
        try await lines(
            where: "a.was_breach = \(bind: true) AND i.exercise IS NULL", order: "i.reported_at DESC", limit: nil)
    }

    /// The real incidents reported within `from`…`to` that were ever assessed: the metrics'
    /// deadlines of the law.
    package func assessed(from: Date, to: Date) async throws -> [OpenLine] {
        try await lines(
            where: "i.reported_at >= \(bind: from) AND i.reported_at <= \(bind: to) AND i.exercise IS NULL",
            order: "i.reported_at DESC", limit: nil)
    }

    /// Read from the assessments, a few, to their incidents, many: `CROSS JOIN` keeps SQLite,
    /// which has no statistics to go by, from walking every incident of a period instead.
    private func lines(
        where condition: SQLQueryString, order: String = "a.next_due_at IS NULL, a.next_due_at", limit: Int?
    ) async throws -> [OpenLine] {
        let window: SQLQueryString = limit.map { " LIMIT \(literal: $0)" } ?? ""
        return try await database.sql().raw(
            """
            SELECT i.id, i.number, i.title, i.description, i.severity, i.status, i.reported_at, i.resolved_at, \
            i.reporter_id, a.assessment FROM incident_assessments a CROSS JOIN incidents i \
            WHERE i.id = a.incident_id AND \(condition) ORDER BY \(unsafeRaw: order)
            """ + window
        ).all().compactMap { row in
            guard let status = IncidentStatus(rawValue: try row.decode(column: "status", as: String.self)) else {
                return nil
            }
            return OpenLine(
                incident: try row.decode(column: "id", as: UUID.self),
                number: try row.decode(column: "number", as: String.self),
                title: try row.decode(column: "title", as: String.self),
                description: try row.decode(column: "description", as: String.self),
                severity: try row.decode(column: "severity", as: String?.self).flatMap(Severity.init(rawValue:)),
                status: status, reportedAt: try row.decode(column: "reported_at", as: Date.self),
                resolvedAt: try row.decode(column: "resolved_at", as: Date?.self),
                reporter: try row.decode(column: "reporter_id", as: UUID?.self),
                assessment: try JSONDecoder().decode(
                    RegulatoryAssessment.self, from: Data(try row.decode(column: "assessment", as: String.self).utf8)))
        }
    }

    static func keys(_ text: String) -> Set<String> { Set(text.split(separator: ",").map(String.init)) }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
