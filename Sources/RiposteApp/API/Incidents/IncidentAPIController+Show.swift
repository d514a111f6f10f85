import Fluent
import RiposteCore
import Vapor

extension IncidentAPIController {
    /// `GET /incidents/{id}`: id or number; the ETag is the version.
    func show(_ req: Request) async throws -> Response {
        let incident = try await req.incidentReader.find(try req.incidentReference(), visibleTo: try req.apiUser)
        return try await req.incidentResponse(try incident.requireID())
    }

    /// `GET /incidents/{id}/journal`: the whole chain, oldest first.
    func journal(_ req: Request) async throws -> Response {
        let incident = try await req.incidentReader.find(try req.incidentReference(), visibleTo: try req.apiUser)
        let entries = try await JournalEntryModel.query(on: req.db)
            .filter(\.$incident.$id == (try incident.requireID()))
            .sort(\.$sequence).all()
        let response = Response(status: .ok)
        try response.content.encode(
            JournalPageDTO(items: try entries.map(JournalEntryDTO.init)), using: DateCoding.encoder)
        response.headers.replaceOrAdd(name: .eTag, value: ETag.header(for: incident.version))
        return response
    }
}
