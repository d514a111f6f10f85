import Fluent
import RiposteCore
import Vapor

extension IncidentAPIController {
    /// `POST /incidents/{id}/journal`: an action taken or a note.
    func addJournalEntry(_ req: Request) async throws -> Response {
        let user = try req.apiUser
        let body = try req.decodeBody(JournalBody.self)
        guard JournalKind.writable.contains(body.kind) else {
            throw APIError(FieldError(field: "kind", problem: .invalid))
        }
        let text = try FieldError.check { () throws(FieldError) in
            try TextRule.required(body.text, field: "text", max: FieldLimits.journalText)
        }
        let incident = try await req.incidentReader.find(try req.incidentReference(), visibleTo: user)
        let (entry, version) = try await req.incidents.mutate(
            incident.id, expectedVersion: try ETag.expectedVersion(req), author: user.id, at: req.now
        ) { change in
            _ = try Lifecycle.addEntry(change.incident.state, kind: body.kind, roles: user.roles).orThrow()
            let entry = try await change.journal.append(kind: body.kind, text: text, author: user.id, at: change.at)
            // The version after this change, whatever other writers did before it.
            return (JournalEntryDTO(entry), change.incident.version)
        }
        return try Response.json(entry, status: .created, version: version)
    }

    /// `POST /incidents/{id}/checklist/{itemId}/done`: tick a step, by name and time.
    func completeChecklistItem(_ req: Request) async throws -> Response {
        let user = try req.apiUser
        let incident = try await req.incidentReader.find(try req.incidentReference(), visibleTo: user)
        let id = incident.id
        guard let itemID = req.parameters.get("itemId", as: UUID.self) else {
            throw APIError.notFound("Checklist item")
        }
        try await req.incidents.mutate(id, expectedVersion: try ETag.expectedVersion(req), author: user.id, at: req.now)
        {
            change in
            guard
                let item = try await ChecklistItemModel.query(on: change.database)
                    .filter(\.$id == itemID).filter(\.$incidentID == id).first()
            else { throw APIError.notFound("Checklist item") }
            try Lifecycle.completeStep(change.incident.state, alreadyDone: item.isDone, roles: user.roles).orThrow()
            item.$doneBy.id = user.id
            item.doneAt = change.at
            try await item.save(on: change.database)
            try await change.record(.checklistStepDone, details: ["step": item.stepKey, "item": itemID.uuidString])
        }
        return try await req.incidentResponse(id)
    }
}
