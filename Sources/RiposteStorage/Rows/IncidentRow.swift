import Foundation
import RiposteCore
import SQLKit

/// An incident read with plain SQL. The register's hot paths (list, show, report)
/// skip Fluent's models, whose reflection cost most of a request's CPU.
package struct IncidentRow: Sendable {
    package let id: UUID
    package let number: String
    package var title: String
    package var description: String
    package var type: String?
    package var severity: String?
    package var status: String
    package let channel: String
    package var customersAffected: Bool
    package var team: String?
    package let reporterId: UUID
    package let reportedAt: Date
    package let detectedAt: Date?
    package var qualifiedAt: Date?
    package var resolvedAt: Date?
    package var closedAt: Date?
    package var updatedAt: Date
    package var version: Int
    package var slaPausedSeconds: Int
    package var slaPausedSince: Date?
    package var severitySince: Date?
    package var expectedRecoveryAt: Date?
    package var lastStatusReportAt: Date?
    /// When the escalation policy next has something due (see `EscalationPolicy.nextDueAt`).
    package var nextDueAt: Date?
    package var bcpActiveSince: Date?
    package var cmpActiveSince: Date?
    package var drpActiveSince: Date?
    package var bcpCloseAgreedAt: Date?
    package var cmpCloseAgreedAt: Date?
    package var reviewComplete: Bool
    /// The keys of the escalations made, comma-separated (see `MoveEscalationKeysToIncident`).
    package var escalatedKeys: String
    /// SLA time paused before the current severity applied, in whole seconds (`AddPausedBeforeSeverity`).
    package var slaPausedBeforeSeverity: Int? = nil
    /// Each plan's `PlanInvolvement` while it is not active, and since when (`AddPlanInvolvement`).
    package var irpMark: String? = nil
    package var irpMarkAt: Date? = nil
    package var bcpMark: String? = nil
    package var bcpMarkAt: Date? = nil
    package var cmpMark: String? = nil
    package var cmpMarkAt: Date? = nil
    package var drpMark: String? = nil
    package var drpMarkAt: Date? = nil
    /// The employee designated to handle it, the impact and the resources allocated (`AddOwnersAndMembers`).
    package var ownerId: UUID? = nil
    package var impact: String? = nil
    package var resourcesAllocated: String? = nil
    /// Nil for a real incident; for an exercise, the outside channels it may use
    /// (`Exercise.stored`), set when it is filed and never after (`AddExercises`).
    package var exercise: String? = nil

    /// The SLA time it took to be qualified, and to be resolved (the latest resolution) from
    /// the report and as the SLA counts it (a major's from when it became major), in whole
    /// seconds (`AddServiceTimes`).
    package var qualifySeconds: Int? = nil
    package var resolveSeconds: Int? = nil
    package var resolveSLASeconds: Int? = nil

    /// The drill it is, if it is one.
    package var asExercise: Exercise? { exercise.map(Exercise.init(stored:)) }

    package init(
        id: UUID, number: String, title: String, description: String, type: String? = nil, severity: String? = nil,
        status: String, channel: String, customersAffected: Bool, team: String? = nil, reporterId: UUID,
        reportedAt: Date, detectedAt: Date?, qualifiedAt: Date? = nil, resolvedAt: Date? = nil, closedAt: Date? = nil,
        updatedAt: Date, version: Int, slaPausedSeconds: Int, slaPausedSince: Date? = nil, severitySince: Date? = nil,
        expectedRecoveryAt: Date? = nil, lastStatusReportAt: Date? = nil, nextDueAt: Date? = nil,
        bcpActiveSince: Date? = nil, cmpActiveSince: Date? = nil, drpActiveSince: Date? = nil,
        bcpCloseAgreedAt: Date? = nil, cmpCloseAgreedAt: Date? = nil, reviewComplete: Bool, escalatedKeys: String
    ) {
        self.id = id
        self.number = number
        self.title = title
        self.description = description
        self.type = type
        self.severity = severity
        self.status = status
        self.channel = channel
        self.customersAffected = customersAffected
        self.team = team
        self.reporterId = reporterId
        self.reportedAt = reportedAt
        self.detectedAt = detectedAt
        self.qualifiedAt = qualifiedAt
        self.resolvedAt = resolvedAt
        self.closedAt = closedAt
        self.updatedAt = updatedAt
        self.version = version
        self.slaPausedSeconds = slaPausedSeconds
        self.slaPausedSince = slaPausedSince
        self.severitySince = severitySince
        self.expectedRecoveryAt = expectedRecoveryAt
        self.lastStatusReportAt = lastStatusReportAt
        self.nextDueAt = nextDueAt
        self.bcpActiveSince = bcpActiveSince
        self.cmpActiveSince = cmpActiveSince
        self.drpActiveSince = drpActiveSince
        self.bcpCloseAgreedAt = bcpCloseAgreedAt
        self.cmpCloseAgreedAt = cmpCloseAgreedAt
        self.reviewComplete = reviewComplete
        self.escalatedKeys = escalatedKeys
    }

    /// The select list of a row (see `IncidentColumn`).
    package static let columns = SQLQueryString(IncidentColumn.selectList)

    /// For the small rows still decoded through `Decodable` (journal, checklist): their
    /// column names are spelt out in `CodingKeys`, as SQLKit's snake-case strategy converts
    /// every key of every row again.
    package static let decoder = SQLRowDecoder()

    package var escalated: Set<String> {
        get { Set(escalatedKeys.split(separator: ",").map(String.init)) }
        set { escalatedKeys = newValue.sorted().joined(separator: ",") }
    }

    package var state: IncidentState {
        IncidentState(
            status: IncidentStatus(rawValue: status) ?? .reported,
            severity: severity.flatMap(Severity.init(rawValue:)), type: type, plans: plans,
            reviewComplete: reviewComplete, exercise: asExercise)
    }

    /// The plans' state, as the core reads it and as a plan change writes it back.
    /// The facts its handlers keep true, with the impacted activities read beside the row.
    package func facts(activities: [UUID]) -> IncidentFacts {
        IncidentFacts(
            title: title, description: description, impact: impact, resourcesAllocated: resourcesAllocated,
            customersAffected: customersAffected, team: team, impactedActivityIDs: activities)
    }

    package var plans: PlanState {
        get {
            var state = PlanState()
            state.activeSince[.bcp] = bcpActiveSince
            state.activeSince[.cmp] = cmpActiveSince
            state.activeSince[.drp] = drpActiveSince
            state.closeAgreedAt[.bcp] = bcpCloseAgreedAt
            state.closeAgreedAt[.cmp] = cmpCloseAgreedAt
            for (plan, mark, at) in [
                (ResponsePlan.irp, irpMark, irpMarkAt), (.bcp, bcpMark, bcpMarkAt), (.cmp, cmpMark, cmpMarkAt),
                (.drp, drpMark, drpMarkAt),
            ] {
                if let involvement = mark.flatMap(PlanInvolvement.init(rawValue:)), let at {
                    state.marks[plan] = PlanMark(involvement, at: at)
                }
            }
            return state
        }
        set {
            bcpActiveSince = newValue.activeSince[.bcp]
            cmpActiveSince = newValue.activeSince[.cmp]
            drpActiveSince = newValue.activeSince[.drp]
            bcpCloseAgreedAt = newValue.closeAgreedAt[.bcp]
            cmpCloseAgreedAt = newValue.closeAgreedAt[.cmp]
            (irpMark, irpMarkAt) = (newValue.marks[.irp]?.involvement.rawValue, newValue.marks[.irp]?.at)
            (bcpMark, bcpMarkAt) = (newValue.marks[.bcp]?.involvement.rawValue, newValue.marks[.bcp]?.at)
            (cmpMark, cmpMarkAt) = (newValue.marks[.cmp]?.involvement.rawValue, newValue.marks[.cmp]?.at)
            (drpMark, drpMarkAt) = (newValue.marks[.drp]?.involvement.rawValue, newValue.marks[.drp]?.at)
        }
    }

    /// The SLA clock runs from the report; paused time is kept here.
    package var slaClock: SLAClock {
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
    /// The incidents a query over `columns` returns.
    package static func fetch(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> [IncidentRow] {
        try await DriverRows.fetch(query, on: sql, IncidentRow.init)
    }

    /// The values of every column, in their order, then the folded search text: a filing's row.
    package var cellsWithSearchText: [any CellValue] {
        IncidentColumn.allCases.map { cell($0) }
            + [SearchText.document(number: number, title: title, description: description).cell]
    }

    /// The incident's place in the register's order, which numbers it in SQLite's search index.
    package func registerKey() throws -> Int {
        guard let number = IncidentNumber(number) else {
            throw StorageFault.malformedNumber(number)
        }
        let milliseconds = JournalClock.milliseconds(reportedAt)
        return Int(RegisterKey.of(reportedAtMilliseconds: milliseconds, number: number))
    }
}

/// A checklist item read with plain SQL.
package struct ChecklistRow: Decodable, Sendable {
    /// One item of an incident's checklist: its step, and whether it is done.
    package static func item(
        _ id: UUID, of incidentID: UUID, on sql: any SQLDatabase
    ) async throws -> (stepKey: String, text: String?, done: Bool)? {
        guard
            let row = try await sql.raw(
                """
                SELECT step_key, text, done_at FROM checklist_items \
                WHERE id = \(bind: id) AND incident_id = \(bind: incidentID)
                """
            ).first()
        else { return nil }
        return (
            try row.decode(column: "step_key", as: String.self), try row.decode(column: "text", as: String?.self),
            try row.decode(column: "done_at", as: Date?.self) != nil
        )
    }

    package static func markDone(_ id: UUID, by person: UUID, at now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            "UPDATE checklist_items SET done_by = \(bind: person), done_at = \(bind: now) WHERE id = \(bind: id)"
        ).run()
    }

    /// One incident's checklist, in the plan's order.
    package static func items(of incidentID: UUID, on database: any SQLDatabase) async throws -> [ChecklistRow] {
        try await database.raw(
            "SELECT id, step_key, text, role, done_by, done_at FROM checklist_items WHERE incident_id = \(bind: incidentID) ORDER BY position"
        ).all().map { try $0.decode(model: ChecklistRow.self, with: IncidentRow.decoder) }
    }

    package let id: UUID
    package let stepKey: String
    /// The organisation's words the incident was given; nil: the template's.
    package let text: String?
    package let role: String?
    package let doneBy: UUID?
    package let doneAt: Date?

    package init(id: UUID, stepKey: String, text: String? = nil, role: String? = nil, doneBy: UUID?, doneAt: Date?) {
        self.id = id
        self.stepKey = stepKey
        self.text = text
        self.role = role
        self.doneBy = doneBy
        self.doneAt = doneAt
    }

    /// The step as the incident was given it.
    package var step: ChecklistStep {
        ChecklistStep(key: stepKey, text: text, role: role.flatMap(Role.init(rawValue:)))
    }

    package enum CodingKeys: String, CodingKey {
        case id, stepKey = "step_key", text, role, doneBy = "done_by", doneAt = "done_at"
    }
}

extension IncidentRow {
    /// The fields the core's effects change.
    package mutating func apply(_ effects: IncidentEffects, team: String? = nil, at: Date) {
        if let qualification = effects.qualification { apply(qualification, team: team, at: at) }
        if let move = effects.statusChange { apply(move, at: at) }
        if let clock = effects.clock { slaClock = clock }
        if let report = effects.statusReport {
            lastStatusReportAt = at
            if let expected = report.expectedRecoveryAt { expectedRecoveryAt = expected }
        }
        if let plans = effects.plans { self.plans = plans }
        if let complete = effects.reviewComplete { reviewComplete = complete }
        if let facts = effects.facts {
            (title, description, impact) = (facts.title, facts.description, facts.impact)
            (resourcesAllocated, customersAffected) = (facts.resourcesAllocated, facts.customersAffected)
            self.team = facts.team
        }
        if let owner = effects.owner { ownerId = owner }
        if effects.dueAtOnce { nextDueAt = reportedAt }
        if !effects.escalationsMade.isEmpty { escalated.formUnion(effects.escalationsMade) }
    }

    /// A move's fields: the status, and the time it was resolved or closed (a reopened
    /// incident is no longer resolved).
    package mutating func apply(_ move: StatusChange, at: Date) {
        status = move.to.rawValue
        switch move.to {
        case .resolved:
            resolvedAt = at
            resolveSeconds = Int(slaClock.elapsed(at: at).rounded())
            resolveSLASeconds = Int(
                slaClock.timeToResolve(
                    severity: severity.flatMap(Severity.init(rawValue:)), severitySince: severitySince,
                    pausedBeforeSeverity: TimeInterval(slaPausedBeforeSeverity ?? 0), at: at
                ).rounded())
        case .closed: closedAt = at
        case .inTreatment where move.action == .reopen:
            (resolvedAt, resolveSeconds, resolveSLASeconds) = (nil, nil, nil)
        default: break
        }
    }

    /// A qualification's fields, whoever made it (a person, or the sweep for §4.2.3 step 2).
    package mutating func apply(_ qualification: Qualification, team: String? = nil, at: Date) {
        type = qualification.type
        severity = qualification.severity.rawValue
        status = qualification.newStatus.rawValue
        if let team { self.team = team }
        if qualification.action == .qualify {
            qualifiedAt = at
            qualifySeconds = Int(slaClock.elapsed(at: at).rounded())
        }
        if qualification.severityChanged {
            severitySince = at
            slaPausedBeforeSeverity = Int(slaClock.paused(at: at).rounded())
        }
    }
}
