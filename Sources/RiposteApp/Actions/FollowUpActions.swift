import Fluent
import Foundation
import RiposteCore
import SQLKit
import Vapor

/// Follow-up actions of the reviews (§4.6 "qui est responsable de leur exécution"): a title,
/// an owner (a person or a role), a due date and whether it is done.
struct FollowUpActions: Sendable {
    let database: any Database
    let gate: WriteGate
    let actor: ActingPerson
    let now: Date

    enum Status: String, Codable, CaseIterable, Sendable {
        case open
        case done
    }

    struct FollowUpDTO: Content {
        let id: UUID
        let incidentId: UUID?
        let incidentNumber: String?
        let title: String
        let ownerId: UUID?
        let ownerRole: Role?
        let dueOn: String?
        let status: Status
        let createdAt: Date
        let doneAt: Date?
    }

    struct NewFollowUp: Content {
        var incidentId: UUID?
        var title: String
        var ownerId: UUID?
        var ownerRole: Role?
        var dueOn: String?
    }

    func list(status: Status?) async throws -> [FollowUpDTO] {
        guard actor.can(.viewRegister) else { throw APIError(LifecycleError.forbidden(.viewRegister)) }
        var query: SQLQueryString = """
            SELECT follow_ups.id AS id, follow_ups.incident_id AS incident_id, incidents.number AS number, \
            follow_ups.title AS title, follow_ups.owner_id AS owner_id, follow_ups.owner_role AS owner_role, \
            follow_ups.due_on AS due_on, follow_ups.status AS status, follow_ups.created_at AS created_at, \
            follow_ups.done_at AS done_at FROM follow_ups LEFT JOIN incidents ON incidents.id = follow_ups.incident_id
            """
        if let status { query += " WHERE follow_ups.status = \(bind: status.rawValue)" }
        query += " ORDER BY follow_ups.status DESC, follow_ups.due_on, follow_ups.created_at"
        return try await database.sql().raw(query).all().map { row in
            FollowUpDTO(
                id: try row.decode(column: "id", as: UUID.self),
                incidentId: try row.decode(column: "incident_id", as: UUID?.self),
                incidentNumber: try row.decode(column: "number", as: String?.self),
                title: try row.decode(column: "title", as: String.self),
                ownerId: try row.decode(column: "owner_id", as: UUID?.self),
                ownerRole: try row.decode(column: "owner_role", as: String?.self).flatMap(Role.init),
                dueOn: try row.decode(column: "due_on", as: String?.self),
                status: Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
                createdAt: try row.decode(column: "created_at", as: Date.self),
                doneAt: try row.decode(column: "done_at", as: Date?.self))
        }
    }

    @discardableResult
    func create(_ input: NewFollowUp) async throws -> UUID {
        guard actor.can(.recordAction) else { throw APIError(LifecycleError.forbidden(.recordAction)) }
        let title = try FieldError.check { () throws(FieldError) in
            try TextRule.required(input.title, field: "title", max: FieldLimits.title)
        }
        let dueOn = try FieldError.check { () throws(FieldError) in try DocumentRules.day(input.dueOn, field: "dueOn") }
        let sql = try database.sql()
        if let incident = input.incidentId,
            try await sql.raw("SELECT id FROM incidents WHERE id = \(bind: incident)").first() == nil
        {
            throw APIError(FieldError(field: "incidentId", problem: .unknown))
        }
        if let owner = input.ownerId, try await sql.raw("SELECT id FROM users WHERE id = \(bind: owner)").first() == nil
        {
            throw APIError(FieldError(field: "ownerId", problem: .unknown))
        }
        let id = UUID.random()
        let now = self.now
        try await gate.transaction(on: database) { tx in
            try await tx.sql().raw(
                """
                INSERT INTO follow_ups (id, incident_id, title, owner_id, owner_role, due_on, status, source, created_at) \
                VALUES (\(bind: id), \(bind: input.incidentId), \(bind: title), \(bind: input.ownerId), \
                \(bind: input.ownerRole?.rawValue), \(bind: dueOn), 'open', 'manual', \(bind: now))
                """
            ).run()
        }
        return id
    }

    func setStatus(_ id: UUID, _ status: Status) async throws {
        guard actor.can(.recordAction) else { throw APIError(LifecycleError.forbidden(.recordAction)) }
        let now = self.now
        try await gate.transaction(on: database) { tx in
            guard
                try await tx.sql().raw(
                    """
                    UPDATE follow_ups SET status = \(bind: status.rawValue), \
                    done_at = \(bind: status == .done ? now : nil as Date?) WHERE id = \(bind: id) RETURNING id
                    """
                ).first() != nil
            else { throw APIError.notFound("Follow-up") }
        }
    }
}

extension Request {
    var followUps: FollowUpActions {
        get throws { FollowUpActions(database: db, gate: application.writeGate, actor: try actingPerson, now: now) }
    }
}
