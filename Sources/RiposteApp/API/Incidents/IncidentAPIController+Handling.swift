import Foundation
import RiposteCore
import RiposteStorage
import Vapor

extension IncidentAPIController {
    /// The facts to correct: each field given is set, the others kept; `""` clears an optional one.
    struct EditBody: Content {
        let title: String?
        let description: String?
        let impact: String?
        let resourcesAllocated: String?
        let customersAffected: Bool?
        let team: String?
        let impactedActivityIds: [UUID]?
        let exercise: Bool?

        var change: IncidentFactsChange {
            IncidentFactsChange(
                title: title, description: description, impact: impact, resourcesAllocated: resourcesAllocated,
                customersAffected: customersAffected, team: team, impactedActivityIDs: impactedActivityIds,
                exercise: exercise)
        }
    }

    struct OwnerBody: Content {
        let userId: UUID
    }

    struct MemberDTO: Content {
        let userId: UUID
        let name: String
        let addedAt: Date
    }

    struct MembersPageDTO: Content {
        let items: [MemberDTO]
    }

    /// `PATCH /incidents/{id}`: corrects or completes the incident's facts (#16 point 2).
    func edit(_ req: Request) async throws -> Response {
        let body = try req.decodeBody(EditBody.self)
        let id = try await req.actions.edit(
            try req.incidentReference(), body.change, expectedVersion: try ETag.expectedVersion(req))
        return try await req.incidentResponse(id)
    }

    /// `PUT /incidents/{id}/owner`: designates who handles the incident; they are told.
    func assignOwner(_ req: Request) async throws -> Response {
        let body = try req.decodeBody(OwnerBody.self)
        let id = try await req.actions.assignOwner(
            try req.incidentReference(), to: body.userId, expectedVersion: try ETag.expectedVersion(req))
        return try await req.incidentResponse(id)
    }

    /// `POST /incidents/{id}/members/{userId}`: adds a person to the response team; they are told.
    func addMember(_ req: Request) async throws -> Response {
        try await changeMembership(req, added: true)
    }

    /// `DELETE /incidents/{id}/members/{userId}`.
    func removeMember(_ req: Request) async throws -> Response {
        try await changeMembership(req, added: false)
    }

    private func changeMembership(_ req: Request, added: Bool) async throws -> Response {
        guard let user = req.parameters.get("userId").flatMap(UUID.init(uuidString:)) else {
            throw Refusal.notFound(.user)
        }
        let actions = try req.actions
        let id = try await actions.changeMembership(
            try req.incidentReference(), of: user, added: added, expectedVersion: try ETag.expectedVersion(req))
        return try Response.json(
            MembersPageDTO(items: try await actions.members(id.uuidString).map(MemberDTO.init)),
            status: added ? .created : .ok)
    }

    /// `GET /incidents/{id}/members`: the response team, in the order they joined.
    func members(_ req: Request) async throws -> Response {
        let members = try await req.actions.members(try req.incidentReference())
        return try Response.json(MembersPageDTO(items: members.map(MemberDTO.init)))
    }
}

extension IncidentAPIController.MemberDTO {
    init(_ member: IncidentMemberStore.Member) {
        self.init(userId: member.userId, name: member.name, addedAt: member.addedAt)
    }
}
