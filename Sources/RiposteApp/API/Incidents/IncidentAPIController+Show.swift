import RiposteCore
import SQLKit
import Vapor

extension IncidentAPIController {
    /// `GET /incidents/{id}`: id or number; the ETag is the version.
    func show(_ req: Request) async throws -> Response {
        let reader = try req.incidentReader
        let incident = try await reader.find(try req.incidentReference(), visibleTo: try req.apiUser)
        return try req.incidentResponse(try await reader.dto(incident, language: req.language))
    }

    /// `GET /incidents/{id}/journal`: the whole chain, oldest first.
    func journal(_ req: Request) async throws -> Response {
        let incident = try await req.incidentReader.find(try req.incidentReference(), visibleTo: try req.apiUser)
        let entries = try await JournalRow.chain(of: incident.id, on: req.sql).map(JournalEntryDTO.init)
        return try Response.json(JournalPageDTO(items: entries), version: incident.version)
    }
}
