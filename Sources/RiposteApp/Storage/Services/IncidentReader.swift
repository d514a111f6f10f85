import Foundation
import RiposteCore
import SQLKit
import Vapor

/// Reads incidents for the API: resolves an id or a number, applies who-may-see-what,
/// and assembles the whole incident with its checklist.
struct IncidentReader: Sendable {
    let database: any SQLDatabase

    /// `{id}` in a path is a UUID or a register number such as INC-2026-0042.
    func find(_ reference: String, visibleTo user: ActingPerson) async throws -> IncidentRow {
        let row: IncidentRow?
        if let id = UUID(text: reference) {
            row = try await first(where: "id = \(bind: id)")
        } else if let number = IncidentNumber(reference) {
            row = try await first(where: "number = \(bind: number.description)")
        } else {
            row = nil
        }
        guard let incident = row else { throw Refusal.notFound(.incident) }
        // Someone who may not browse the register sees only what they reported.
        guard user.can(.viewRegister) || incident.reporterId == user.id else {
            throw Refusal.notTheReporter
        }
        return incident
    }

    func row(_ id: UUID) async throws -> IncidentRow {
        guard let row = try await first(where: "id = \(bind: id)") else { throw Refusal.notFound(.incident) }
        return row
    }

    private func first(where condition: SQLQueryString) async throws -> IncidentRow? {
        try await IncidentRow.fetch("SELECT \(IncidentRow.columns) FROM incidents WHERE " + condition, on: database)
            .first
    }

    func dto(_ incident: IncidentRow, language: Language, wording: some Wording) async throws -> IncidentDTO {
        let items = try await ChecklistRow.items(of: incident.id, on: database)
        let activities = try await database.raw(
            "SELECT activity_id FROM impacted_activities WHERE incident_id = \(bind: incident.id)"
        ).all().map { try $0.decode(column: "activity_id", as: UUID.self) }
        return IncidentDTO(
            incident, activities: activities,
            checklist: items.compactMap { item in
                guard let step = Checklists.step(forKey: item.stepKey) else { return nil }
                return ChecklistItemDTO(
                    id: item.id, key: step.key, severity: step.severity, step: step.number,
                    text: wording.text(step.textKey, language, []), done: item.doneAt != nil, doneBy: item.doneBy,
                    doneAt: item.doneAt)
            })
    }
}

extension IncidentDTO {
    init(_ row: IncidentRow, activities: [UUID], checklist: [ChecklistItemDTO]) {
        self.init(
            summary: row.summary, qualifiedAt: row.qualifiedAt, resolvedAt: row.resolvedAt, closedAt: row.closedAt,
            slaPausedSince: row.slaPausedSince, slaPausedSeconds: row.slaPausedSeconds,
            expectedRecoveryAt: row.expectedRecoveryAt, lastStatusReportAt: row.lastStatusReportAt,
            impactedActivityIds: activities.sorted { $0.uuidString < $1.uuidString },
            plans: ResponsePlan.activatable.compactMap { plan in
                row.plans.activeSince[plan].map {
                    PlanDTO(plan: plan, activeSince: $0, closeAgreedAt: row.plans.closeAgreedAt[plan])
                }
            },
            checklist: checklist)
    }
}

extension Request {
    var sql: any SQLDatabase {
        get throws { try db.sql() }
    }

    var incidentReader: IncidentReader {
        get throws { IncidentReader(database: try registerSQL) }
    }

    var language: Language { Language.negotiate(acceptLanguage: headers.first(name: .acceptLanguage)) }

    /// The whole incident as JSON, with its ETag.
    func incidentResponse(_ id: UUID, status: HTTPResponseStatus = .ok) async throws -> Response {
        let reader = try incidentReader
        return try incidentResponse(
            try await reader.dto(try await reader.row(id), language: language, wording: application.catalogue),
            status: status)
    }

    func incidentResponse(_ dto: IncidentDTO, status: HTTPResponseStatus = .ok) throws -> Response {
        Response.json(text: dto.json, status: status, version: dto.version)
    }
}
