import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

extension IncidentSummaryDTO {
    init(_ row: IncidentRow) { self.init(RegisterLine(row)) }

    init(_ row: RegisterLine) {
        let status = IncidentStatus(rawValue: row.status) ?? .reported
        self.init(
            id: row.id, number: row.number, title: row.title, description: row.description, type: row.type,
            severity: row.severity.flatMap(Severity.init(rawValue:)), status: status, stage: status.stage.rawValue,
            channel: ReportChannel(rawValue: row.channel) ?? .api, customersAffected: row.customersAffected,
            team: row.team, reporterId: row.reporterId, reportedAt: row.reportedAt, detectedAt: row.detectedAt,
            updatedAt: row.updatedAt, version: row.version, exercise: IncidentNumber.isExercise(row.number))
    }
}

extension IncidentDTO {
    init(_ row: IncidentRow, activities: [UUID], checklist: [ChecklistItemDTO]) {
        self.init(
            summary: IncidentSummaryDTO(row), qualifiedAt: row.qualifiedAt, resolvedAt: row.resolvedAt,
            closedAt: row.closedAt, slaPausedSince: row.slaPausedSince, slaPausedSeconds: row.slaPausedSeconds,
            expectedRecoveryAt: row.expectedRecoveryAt, lastStatusReportAt: row.lastStatusReportAt,
            impactedActivityIds: activities.sorted { $0.uuidString < $1.uuidString },
            ownerId: row.ownerId, impact: row.impact, resourcesAllocated: row.resourcesAllocated,
            plans: ResponsePlan.allCases.compactMap { plan in
                row.plans.since(plan).map {
                    PlanDTO(
                        plan: plan, involvement: row.plans.involvement(of: plan), since: $0,
                        activeSince: row.plans.activeSince[plan], closeAgreedAt: row.plans.closeAgreedAt[plan])
                }
            },
            checklist: checklist,
            exerciseChannels: row.asExercise.map { $0.channels.sorted { $0.rawValue < $1.rawValue } })
    }

    /// The whole incident, with its activities and its checklist in the reader's language.
    static func load(
        _ incident: IncidentRow, from reader: IncidentReader, language: Language, wording: some Wording
    ) async throws -> IncidentDTO {
        let items = try await reader.checklist(of: incident.id)
        return IncidentDTO(
            incident, activities: try await reader.activities(of: incident.id),
            checklist: ChecklistItemDTO.items(items, language: language, wording: wording))
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
            try await IncidentDTO.load(
                try await reader.row(id), from: reader, language: language, wording: application.catalogue),
            status: status)
    }

    func incidentResponse(_ dto: IncidentDTO, status: HTTPResponseStatus = .ok) throws -> Response {
        Response.json(text: dto.json, status: status, version: dto.version)
    }
}
