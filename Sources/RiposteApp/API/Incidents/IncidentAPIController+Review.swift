import Foundation
import RiposteCore
import Vapor

extension IncidentAPIController {
    struct ReviewBody: Content {
        let answers: [String: String]
    }

    /// `GET /incidents/{id}/review`: the post-incident review with its pre-filled values.
    func review(_ req: Request) async throws -> Response {
        try Response.json(try await req.actions.review(try req.incidentReference()))
    }

    /// `PUT /incidents/{id}/review`: all the answers (a question left out is cleared).
    func saveReview(_ req: Request) async throws -> Response {
        let body = try req.decodeBody(ReviewBody.self)
        let actions = try req.actions
        let id = try await actions.saveReview(
            try req.incidentReference(), answers: body.answers, expectedVersion: try ETag.expectedVersion(req))
        return try Response.json(try await actions.review(id.uuidString))
    }
}

/// `/api/v1/follow-ups`: the follow-up actions of the reviews, across incidents.
struct FollowUpAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("follow-ups", use: list)
        routes.post("follow-ups", use: create)
        routes.put("follow-ups", ":followUpId", use: update)
    }

    struct PageDTO: Content {
        let items: [FollowUpActions.FollowUpDTO]
    }

    struct StatusBody: Content {
        let status: FollowUpActions.Status
    }

    func list(_ req: Request) async throws -> Response {
        let query = req.queryParameters
        try query.refuseUnknown(["status"])
        var status: FollowUpActions.Status?
        if let raw = try query.value("status") {
            guard let parsed = FollowUpActions.Status(rawValue: raw) else {
                throw FieldError(field: "status", problem: .invalid)
            }
            status = parsed
        }
        return try Response.json(PageDTO(items: try await req.followUps.list(status: status)))
    }

    func create(_ req: Request) async throws -> Response {
        let followUps = try req.followUps
        guard followUps.actor.can(.recordAction) else { throw LifecycleError.forbidden(.recordAction) }
        let body = try req.decodeBody(FollowUpActions.NewFollowUp.self)
        let id = try await followUps.create(body)
        let item = try await followUps.list(status: nil).first { $0.id == id }
        return try Response.json(item, status: .created)
    }

    func update(_ req: Request) async throws -> Response {
        let followUps = try req.followUps
        guard followUps.actor.can(.recordAction) else { throw LifecycleError.forbidden(.recordAction) }
        guard let id = req.parameters.get("followUpId", as: UUID.self) else { throw Refusal.notFound(.followUp) }
        let body = try req.decodeBody(StatusBody.self)
        try await followUps.setStatus(id, body.status)
        return try Response.json(try await followUps.list(status: nil).first { $0.id == id })
    }
}
