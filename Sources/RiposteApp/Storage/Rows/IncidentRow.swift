import Foundation
import RiposteCore
import SQLKit

/// An incident read with plain SQL. The register's hot paths (list, show, report)
/// skip Fluent's models, whose reflection cost most of a request's CPU.
struct IncidentRow: Sendable {
    let id: UUID
    let number: String
    let title: String
    let description: String
    var type: String?
    var severity: String?
    var status: String
    let channel: String
    let customersAffected: Bool
    var team: String?
    let reporterId: UUID
    let reportedAt: Date
    let detectedAt: Date?
    var qualifiedAt: Date?
    var resolvedAt: Date?
    var closedAt: Date?
    var updatedAt: Date
    var version: Int
    var slaPausedSeconds: Int
    var slaPausedSince: Date?
    var severitySince: Date?
    var expectedRecoveryAt: Date?
    var lastStatusReportAt: Date?
    /// When the escalation policy next has something due (see `EscalationPolicy.nextDueAt`).
    var nextDueAt: Date?
    var bcpActiveSince: Date?
    var cmpActiveSince: Date?
    var drpActiveSince: Date?
    var bcpCloseAgreedAt: Date?
    var cmpCloseAgreedAt: Date?
    var reviewComplete: Bool
    /// The keys of the escalations made, comma-separated (see `MoveEscalationKeysToIncident`).
    var escalatedKeys: String

    static let columnNames = [
        "id", "number", "title", "description", "type", "severity", "status", "channel", "customers_affected", "team",
        "reporter_id", "reported_at", "detected_at", "qualified_at", "resolved_at", "closed_at", "updated_at",
        "version", "sla_paused_seconds", "sla_paused_since", "severity_since", "expected_recovery_at",
        "last_status_report_at", "next_due_at", "bcp_active_since", "cmp_active_since", "drp_active_since",
        "bcp_close_agreed_at", "cmp_close_agreed_at", "review_complete", "escalated_keys",
    ]
    static let columns = SQLQueryString(columnNames.joined(separator: ", "))

    /// For the small rows still decoded through `Decodable` (journal, checklist): their
    /// column names are spelt out in `CodingKeys`, as SQLKit's snake-case strategy converts
    /// every key of every row again.
    static let decoder = SQLRowDecoder()

    var escalated: Set<String> {
        get { Set(escalatedKeys.split(separator: ",").map(String.init)) }
        set { escalatedKeys = newValue.sorted().joined(separator: ",") }
    }

    var state: IncidentState {
        IncidentState(
            status: IncidentStatus(rawValue: status) ?? .reported,
            severity: severity.flatMap(Severity.init(rawValue:)), type: type, plans: plans,
            reviewComplete: reviewComplete)
    }

    /// The plans' state, as the core reads it and as a plan change writes it back.
    var plans: PlanState {
        get {
            var state = PlanState()
            state.activeSince[.bcp] = bcpActiveSince
            state.activeSince[.cmp] = cmpActiveSince
            state.activeSince[.drp] = drpActiveSince
            state.closeAgreedAt[.bcp] = bcpCloseAgreedAt
            state.closeAgreedAt[.cmp] = cmpCloseAgreedAt
            return state
        }
        set {
            bcpActiveSince = newValue.activeSince[.bcp]
            cmpActiveSince = newValue.activeSince[.cmp]
            drpActiveSince = newValue.activeSince[.drp]
            bcpCloseAgreedAt = newValue.closeAgreedAt[.bcp]
            cmpCloseAgreedAt = newValue.closeAgreedAt[.cmp]
        }
    }

    /// The SLA clock runs from the report; paused time is kept here.
    var slaClock: SLAClock {
        get {
            SLAClock(startedAt: reportedAt, pausedSeconds: TimeInterval(slaPausedSeconds), pausedSince: slaPausedSince)
        }
        set {
            slaPausedSeconds = Int(newValue.pausedSeconds.rounded())
            slaPausedSince = newValue.pausedSince
        }
    }
}

extension IncidentRow {
    /// From a row of `columns`, in their order (see `DriverRows`).
    init(_ row: any PositionalRow) throws {
        id = try row.uuid(0)
        number = try row.string(1)
        title = try row.string(2)
        description = try row.string(3)
        type = try row.optionalString(4)
        severity = try row.optionalString(5)
        status = try row.string(6)
        channel = try row.string(7)
        customersAffected = try row.bool(8)
        team = try row.optionalString(9)
        reporterId = try row.uuid(10)
        reportedAt = try row.date(11)
        detectedAt = try row.optionalDate(12)
        qualifiedAt = try row.optionalDate(13)
        resolvedAt = try row.optionalDate(14)
        closedAt = try row.optionalDate(15)
        updatedAt = try row.date(16)
        version = try row.int(17)
        slaPausedSeconds = try row.int(18)
        slaPausedSince = try row.optionalDate(19)
        severitySince = try row.optionalDate(20)
        expectedRecoveryAt = try row.optionalDate(21)
        lastStatusReportAt = try row.optionalDate(22)
        nextDueAt = try row.optionalDate(23)
        bcpActiveSince = try row.optionalDate(24)
        cmpActiveSince = try row.optionalDate(25)
        drpActiveSince = try row.optionalDate(26)
        bcpCloseAgreedAt = try row.optionalDate(27)
        cmpCloseAgreedAt = try row.optionalDate(28)
        reviewComplete = try row.bool(29)
        escalatedKeys = try row.string(30)
    }

    /// The incidents a query over `columns` returns.
    static func fetch(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> [IncidentRow] {
        try await DriverRows.fetch(query, on: sql, IncidentRow.init)
    }

    /// Stores what a mutation may change. The version was bumped when the lock was taken.
    func update(in database: any SQLDatabase) async throws {
        try await database.raw(
            """
            UPDATE incidents SET type = \(bind: type), severity = \(bind: severity), status = \(bind: status), \
            team = \(bind: team), qualified_at = \(bind: qualifiedAt), resolved_at = \(bind: resolvedAt), \
            closed_at = \(bind: closedAt), updated_at = \(bind: updatedAt), \
            sla_paused_seconds = \(bind: slaPausedSeconds), sla_paused_since = \(bind: slaPausedSince), \
            severity_since = \(bind: severitySince), expected_recovery_at = \(bind: expectedRecoveryAt), \
            last_status_report_at = \(bind: lastStatusReportAt), next_due_at = \(bind: nextDueAt), \
            bcp_active_since = \(bind: bcpActiveSince), cmp_active_since = \(bind: cmpActiveSince), \
            drp_active_since = \(bind: drpActiveSince), bcp_close_agreed_at = \(bind: bcpCloseAgreedAt), \
            cmp_close_agreed_at = \(bind: cmpCloseAgreedAt), review_complete = \(bind: reviewComplete), \
            escalated_keys = \(bind: escalatedKeys) \
            WHERE id = \(bind: id)
            """
        ).run()
    }

    /// The values of `columnNames`, in their order, then the folded search text.
    private var cellsWithSearchText: [any CellValue] {
        [
            id, number, title, description, type, severity, status, channel, customersAffected, team, reporterId,
            reportedAt, detectedAt, qualifiedAt, resolvedAt, closedAt, updatedAt, version, slaPausedSeconds,
            slaPausedSince, severitySince, expectedRecoveryAt, lastStatusReportAt, nextDueAt, bcpActiveSince,
            cmpActiveSince, drpActiveSince, bcpCloseAgreedAt, cmpCloseAgreedAt, reviewComplete, escalatedKeys,
            SearchText.document(number: number, title: title, description: description),
        ]
    }

    /// Files new register rows, with their folded search text, in one statement; on SQLite
    /// with their `RegisterKey`, which numbers them in the search index.
    static func insert(_ rows: [IncidentRow], into database: any SQLDatabase) async throws {
        guard database.dialect.name == "sqlite" else {
            try await BulkInsert.run(
                "incidents", columnNames + ["search_text"], rows.map(\.cellsWithSearchText), on: database)
            return
        }
        let cells = try rows.map { try $0.cellsWithSearchText + [$0.registerKey()] }
        try await BulkInsert.run("incidents", columnNames + ["search_text", "register_key"], cells, on: database)
    }

    private func registerKey() throws -> Int {
        guard let number = IncidentNumber(number) else {
            throw StorageFault("Malformed incident number \(number).")
        }
        let milliseconds = JournalClock.milliseconds(reportedAt)
        return Int(RegisterKey.of(reportedAtMilliseconds: milliseconds, sequence: number.sequence))
    }
}

/// A checklist item read with plain SQL.
struct ChecklistRow: Decodable, Sendable {
    /// One item of an incident's checklist: its step, and whether it is done.
    static func item(
        _ id: UUID, of incidentID: UUID, on sql: any SQLDatabase
    ) async throws -> (stepKey: String, done: Bool)? {
        guard
            let row = try await sql.raw(
                "SELECT step_key, done_at FROM checklist_items WHERE id = \(bind: id) AND incident_id = \(bind: incidentID)"
            ).first()
        else { return nil }
        return (
            try row.decode(column: "step_key", as: String.self),
            try row.decode(column: "done_at", as: Date?.self) != nil
        )
    }

    static func markDone(_ id: UUID, by person: UUID, at now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            "UPDATE checklist_items SET done_by = \(bind: person), done_at = \(bind: now) WHERE id = \(bind: id)"
        ).run()
    }

    /// One incident's checklist, in the plan's order.
    static func items(of incidentID: UUID, on database: any SQLDatabase) async throws -> [ChecklistRow] {
        try await database.raw(
            "SELECT id, step_key, done_by, done_at FROM checklist_items WHERE incident_id = \(bind: incidentID) ORDER BY position"
        ).all().map { try $0.decode(model: ChecklistRow.self, with: IncidentRow.decoder) }
    }

    let id: UUID
    let stepKey: String
    let doneBy: UUID?
    let doneAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, stepKey = "step_key", doneBy = "done_by", doneAt = "done_at"
    }
}

extension IncidentRow {
    /// A qualification's fields, whoever made it (a person, or the sweep for §4.2.3 step 2).
    mutating func apply(_ qualification: Qualification, team: String? = nil, at: Date) {
        type = qualification.type
        severity = qualification.severity.rawValue
        status = qualification.newStatus.rawValue
        if let team { self.team = team }
        if qualification.action == .qualify { qualifiedAt = at }
        if qualification.severityChanged { severitySince = at }
    }
}
