import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/api/v1/contacts`: the contact directory of annex 1 (#5), with what it still lacks.
struct ContactsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("contacts", use: list)
        routes.post("contacts", use: create)
        routes.put("contacts", ":partyId", use: replace)
        routes.delete("contacts", ":partyId", use: delete)
    }

    struct GapDTO: Content {
        let kind: PartyKind
        let name: String
        let contacts: Int
    }

    struct DirectoryDTO: Content {
        let items: [PreparationActions.PartyDTO]
        /// Roles and parties without a principal and a backup (the plan asks for both).
        let gaps: [GapDTO]
    }

    func list(_ req: Request) async throws -> Response {
        let preparation = try req.preparation
        let parties = try await preparation.parties()
        let gaps = ContactDirectory.gaps(parties: parties.map { ($0.kind, $0.name, $0.contacts.map(\.rank)) })
        return try Response.json(
            DirectoryDTO(items: parties, gaps: gaps.map { GapDTO(kind: $0.kind, name: $0.name, contacts: $0.contacts) })
        )
    }

    func create(_ req: Request) async throws -> Response {
        let preparation = try req.preparation
        guard preparation.actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        let body = try req.decodeBody(PreparationActions.PartyInput.self)
        let id = try await preparation.save(body)
        let party = try await preparation.parties().first { $0.id == id }
        let response = try Response.json(party, status: .created)
        response.headers.replaceOrAdd(name: "Location", value: "/api/v1/contacts/\(id.uuidString.lowercased())")
        return response
    }

    func replace(_ req: Request) async throws -> Response {
        let preparation = try req.preparation
        guard preparation.actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        guard let id = req.parameters.get("partyId", as: UUID.self) else { throw Refusal.notFound(.party) }
        let body = try req.decodeBody(PreparationActions.PartyInput.self)
        try await preparation.save(body, replacing: id)
        return try Response.json(try await preparation.parties().first { $0.id == id })
    }

    func delete(_ req: Request) async throws -> HTTPStatus {
        let preparation = try req.preparation
        guard let id = req.parameters.get("partyId", as: UUID.self) else {
            guard preparation.actor.can(.manageSettings) else {
                throw LifecycleError.forbidden(.manageSettings)
            }
            throw Refusal.notFound(.party)
        }
        try await preparation.delete(id)
        return .noContent
    }
}
