import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// Follow-up actions of the reviews (§4.6 "qui est responsable de leur exécution"): a title,
/// an owner (a person or a role), a due date and whether it is done.
struct FollowUpActions: Sendable {
    let database: any Database
    let gate: WriteGate
    let actor: ActingPerson
    let now: Date

    typealias Status = FollowUpStatus
    typealias FollowUpDTO = FollowUpRecord

    struct NewFollowUp: Content {
        var incidentId: UUID?
        var title: String
        var ownerId: UUID?
        var ownerRole: Role?
        var dueOn: String?
    }

    func list(status: Status?) async throws -> [FollowUpDTO] {
        guard actor.can(.viewRegister) else { throw LifecycleError.forbidden(.viewRegister) }
        return try await FollowUpStore.all(status: status, on: database.sql())
    }

    @discardableResult
    func create(_ input: NewFollowUp) async throws -> UUID {
        guard actor.can(.recordAction) else { throw LifecycleError.forbidden(.recordAction) }
        let title = try FieldError.check { () throws(FieldError) in
            try TextRule.required(input.title, field: "title", max: FieldLimits.title)
        }
        let dueOn = try FieldError.check { () throws(FieldError) in try DocumentRules.day(input.dueOn, field: "dueOn") }
        let sql = try database.sql()
        if let incident = input.incidentId,
            try await !FollowUpStore.incidentExists(incident, on: sql)
        {
            throw FieldError(field: "incidentId", problem: .unknown)
        }
        if let owner = input.ownerId, try await !FollowUpStore.personExists(owner, on: sql) {
            throw FieldError(field: "ownerId", problem: .unknown)
        }
        let id = UUID.random()
        let now = self.now
        try await gate.transaction(on: database) { tx in
            try await FollowUpStore.insert(
                id: id, incident: input.incidentId, title: title, owner: input.ownerId, ownerRole: input.ownerRole,
                dueOn: dueOn, source: "manual", at: now, on: tx.sql())
        }
        return id
    }

    func setStatus(_ id: UUID, _ status: Status) async throws {
        guard actor.can(.recordAction) else { throw LifecycleError.forbidden(.recordAction) }
        let now = self.now
        try await gate.transaction(on: database) { tx in
            guard
                try await FollowUpStore.setStatus(id, status, at: now, on: tx.sql())
            else { throw Refusal.notFound(.followUp) }
        }
    }
}

extension FollowUpRecord: Content {}

extension Request {
    var followUps: FollowUpActions {
        get throws { FollowUpActions(database: db, gate: application.writeGate, actor: try actingPerson, now: now) }
    }
}
