import Fluent
import Foundation
import RiposteCore
import Vapor

/// Reads incidents for the API: resolves an id or a number, applies who-may-see-what,
/// and assembles the whole incident with its checklist.
struct IncidentReader: Sendable {
    let database: any Database

    /// `{id}` in a path is a UUID or a register number such as INC-2026-0042.
    func find(_ reference: String, visibleTo user: APIUser) async throws -> IncidentModel {
        let incident: IncidentModel?
        if let id = UUID(uuidString: reference) {
            incident = try await IncidentModel.find(id, on: database)
        } else if let number = IncidentNumber(reference) {
            incident = try await IncidentModel.query(on: database).filter(\.$number == number.description).first()
        } else {
            incident = nil
        }
        guard let incident else { throw APIError.notFound("Incident") }
        // Someone who may not browse the register sees only what they reported.
        guard user.can(.viewRegister) || incident.$reporter.id == user.id else {
            throw APIError(.forbidden, code: "forbidden", message: "You may only see the incidents you reported.")
        }
        return incident
    }

    func dto(_ incident: IncidentModel, language: Language) async throws -> IncidentDTO {
        let id = try incident.requireID()
        let items = try await ChecklistItemModel.query(on: database)
            .filter(\.$incident.$id == id).sort(\.$position).all()
        let activities = try await ImpactedActivityModel.query(on: database)
            .filter(\.$incident.$id == id).all().map { $0.$activity.id }
        let summary = try IncidentSummaryDTO(incident)
        return IncidentDTO(
            id: id, number: summary.number, title: summary.title, description: summary.description,
            type: summary.type, severity: summary.severity, status: summary.status, stage: summary.stage,
            channel: summary.channel, customersAffected: summary.customersAffected, team: summary.team,
            reporterId: summary.reporterId, reportedAt: summary.reportedAt, detectedAt: summary.detectedAt,
            qualifiedAt: incident.qualifiedAt, resolvedAt: incident.resolvedAt, closedAt: incident.closedAt,
            updatedAt: summary.updatedAt, version: summary.version,
            impactedActivityIds: activities.sorted { $0.uuidString < $1.uuidString },
            checklist: try items.compactMap { item in
                guard let step = Checklists.step(forKey: item.stepKey) else { return nil }
                return ChecklistItemDTO(
                    id: try item.requireID(), key: step.key, severity: step.severity, step: step.number,
                    text: step.text.text(in: language), done: item.isDone, doneBy: item.$doneBy.id, doneAt: item.doneAt)
            })
    }
}

extension Request {
    var incidentReader: IncidentReader { IncidentReader(database: db) }

    var language: Language { Language.negotiate(acceptLanguage: headers.first(name: .acceptLanguage)) }

    /// The whole incident as JSON, with its ETag.
    func incidentResponse(_ id: UUID, status: HTTPResponseStatus = .ok) async throws -> Response {
        guard let incident = try await IncidentModel.find(id, on: db) else { throw APIError.notFound("Incident") }
        let dto = try await incidentReader.dto(incident, language: language)
        let response = Response(status: status)
        try response.content.encode(dto, using: DateCoding.encoder)
        response.headers.replaceOrAdd(name: .eTag, value: ETag.header(for: dto.version))
        return response
    }
}
