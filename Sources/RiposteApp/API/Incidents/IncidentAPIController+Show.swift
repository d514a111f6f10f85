import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

extension IncidentAPIController {
    /// `GET /incidents/{id}`: id or number; the ETag is the version.
    func show(_ req: Request) async throws -> Response {
        let user = try req.actingPerson
        let reader = try req.incidentReader
        let incident = try await reader.find(try req.incidentReference(), visibleTo: user)
        let dto = try await IncidentDTO.load(
            incident, from: reader, language: req.language, wording: req.application.catalogue)
        // A reporter reads the public side of their incident only (#13).
        return try req.incidentResponse(user.can(.viewRegister) ? dto : dto.publicSide)
    }

    /// `GET /incidents/{id}/journal`: the whole chain, oldest first; for a reporter, the public
    /// entries only (`JournalKind.isPublic`).
    func journal(_ req: Request) async throws -> Response {
        let user = try req.actingPerson
        let incident = try await req.incidentReader.find(try req.incidentReference(), visibleTo: user)
        let rows = try await JournalRow.chain(of: incident.id, on: req.sql)
        let entries =
            user.can(.viewRegister)
            ? rows.map(JournalEntryDTO.init)
            : rows.filter { JournalKind(rawValue: $0.kind)?.isPublic == true }.map {
                JournalEntryDTO(publicSideOf: $0, reporter: user.id)
            }
        return try Response.json(JournalPageDTO(items: entries), version: incident.version)
    }
}
