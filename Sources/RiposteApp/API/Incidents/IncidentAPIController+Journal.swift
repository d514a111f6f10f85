import RiposteCore
import Vapor

extension IncidentAPIController {
    /// `POST /incidents/{id}/journal`: an action taken or a note.
    func addJournalEntry(_ req: Request) async throws -> Response {
        let body = try req.decodeBody(JournalBody.self)
        let (entry, version) = try await req.actions.addEntry(
            try req.incidentReference(), kind: body.kind, text: body.text,
            expectedVersion: try ETag.expectedVersion(req))
        return try Response.json(entry, status: .created, version: version)
    }

    /// `POST /incidents/{id}/checklist/{itemId}/done`: tick a step, by name and time.
    func completeChecklistItem(_ req: Request) async throws -> Response {
        let actions = try req.actions
        let reference = try req.incidentReference()
        guard let itemID = req.parameters.get("itemId", as: UUID.self) else {
            // Whether the incident exists decides between the two 404s.
            _ = try await actions.find(reference)
            throw Refusal.notFound(.checklistItem)
        }
        let id = try await actions.completeStep(
            reference, itemID: itemID, expectedVersion: try ETag.expectedVersion(req))
        return try await req.incidentResponse(id)
    }
}
