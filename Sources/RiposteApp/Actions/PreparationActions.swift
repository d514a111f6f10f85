import Fluent
import Foundation
import RiposteCore
import SQLKit
import Vapor

/// Annex 1: the contact directory. Read by everyone who handles incidents, kept by the
/// administrator (§4.1 preparation).
struct PreparationActions: Sendable {
    let database: any Database
    let gate: WriteGate
    let actor: ActingPerson
    let now: Date

    struct ContactInput: Content {
        var rank: ContactRank
        var name: String
        var function: String?
        var email: String?
        var phone: String?
        var mobile: String?
    }

    struct PartyInput: Content {
        var kind: PartyKind
        var name: String
        var contractReference: String?
        var contacts: [ContactInput]
    }

    struct ContactDTO: Content {
        let rank: ContactRank
        let name: String
        let function: String?
        let email: String?
        let phone: String?
        let mobile: String?
    }

    struct PartyDTO: Content {
        let id: UUID
        let kind: PartyKind
        let name: String
        let contractReference: String?
        let contacts: [ContactDTO]
    }

    /// Every party with its contacts, principal first.
    func parties() async throws -> [PartyDTO] {
        guard actor.can(.viewRegister) || actor.can(.manageSettings) else {
            throw APIError(LifecycleError.forbidden(.viewRegister))
        }
        let sql = try database.sql()
        var contacts: [UUID: [ContactDTO]] = [:]
        for row in try await sql.raw(
            "SELECT party_id, rank, name, function, email, phone, mobile FROM contacts ORDER BY position"
        ).all() {
            contacts[try row.decode(column: "party_id", as: UUID.self), default: []].append(
                ContactDTO(
                    rank: ContactRank(rawValue: try row.decode(column: "rank", as: String.self)) ?? .other,
                    name: try row.decode(column: "name", as: String.self),
                    function: try row.decode(column: "function", as: String?.self),
                    email: try row.decode(column: "email", as: String?.self),
                    phone: try row.decode(column: "phone", as: String?.self),
                    mobile: try row.decode(column: "mobile", as: String?.self)))
        }
        return try await sql.raw("SELECT id, kind, name, contract_reference FROM parties ORDER BY kind, name").all()
            .map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                return PartyDTO(
                    id: id, kind: PartyKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .service,
                    name: try row.decode(column: "name", as: String.self),
                    contractReference: try row.decode(column: "contract_reference", as: String?.self),
                    contacts: contacts[id] ?? [])
            }
    }

    /// The roles and parties short of a principal and a backup.
    func gaps() async throws -> [ContactDirectory.Gap] {
        ContactDirectory.gaps(parties: try await parties().map { ($0.kind, $0.name, $0.contacts.map(\.rank)) })
    }

    /// Records a party and its contacts, or replaces them (`id` given).
    @discardableResult
    func save(_ input: PartyInput, replacing id: UUID? = nil) async throws -> UUID {
        guard actor.can(.manageSettings) else { throw APIError(LifecycleError.forbidden(.manageSettings)) }
        let (name, reference, contacts) = try FieldError.check { () throws(FieldError) in
            let name = try ContactRules.partyName(input.name, kind: input.kind)
            let reference = try TextRule.optional(
                input.contractReference, field: "contractReference", max: FieldLimits.name)
            guard input.contacts.count <= ContactRules.maxContactsPerParty else {
                throw FieldError(field: "contacts", problem: .tooLong, limit: ContactRules.maxContactsPerParty)
            }
            var contacts: [ContactDTO] = []
            for (index, contact) in input.contacts.enumerated() {
                let path = "contacts[\(index)]"
                contacts.append(
                    ContactDTO(
                        rank: contact.rank,
                        name: try TextRule.required(contact.name, field: "\(path).name", max: FieldLimits.name),
                        function: try TextRule.optional(
                            contact.function, field: "\(path).function", max: FieldLimits.name),
                        email: try contact.email.flatMap { $0.isEmpty ? nil : $0 }.map {
                            text throws(FieldError) in try CredentialRules.email(text, field: "\(path).email")
                        },
                        phone: try ContactRules.phone(contact.phone, field: "\(path).phone"),
                        mobile: try ContactRules.phone(contact.mobile, field: "\(path).mobile")))
            }
            return (name, reference, contacts.sorted { $0.rank < $1.rank })
        }
        let partyID = id ?? UUID.random()
        let now = self.now
        do {
            try await gate.transaction(on: database) { tx in
                let sql = try tx.sql()
                if let id {
                    guard
                        try await sql.raw(
                            """
                            UPDATE parties SET name = \(bind: name), contract_reference = \(bind: reference), \
                            kind = \(bind: input.kind.rawValue) WHERE id = \(bind: id) RETURNING id
                            """
                        ).first() != nil
                    else { throw APIError.notFound("Party") }
                    try await sql.raw("DELETE FROM contacts WHERE party_id = \(bind: id)").run()
                } else {
                    guard
                        try await sql.raw(
                            "SELECT id FROM parties WHERE kind = \(bind: input.kind.rawValue) AND name = \(bind: name)"
                        ).first() == nil
                    else { throw Self.duplicate }
                    try await sql.raw(
                        """
                        INSERT INTO parties (id, kind, name, contract_reference, created_at) VALUES \
                        (\(bind: partyID), \(bind: input.kind.rawValue), \(bind: name), \(bind: reference), \(bind: now))
                        """
                    ).run()
                }
                try await BulkInsert.run(
                    "contacts", ["id", "party_id", "rank", "position", "name", "function", "email", "phone", "mobile"],
                    contacts.enumerated().map { index, contact in
                        [
                            UUID.random(), partyID, contact.rank.rawValue, index, contact.name, contact.function,
                            contact.email,
                            contact.phone, contact.mobile,
                        ]
                    }, on: sql)
            }
        } catch let error as APIError {
            throw error
        } catch {
            // The (kind, name) index: another instance recorded the same party at once.
            if try await database.sql().raw(
                "SELECT id FROM parties WHERE kind = \(bind: input.kind.rawValue) AND name = \(bind: name)"
            ).first() != nil {
                throw Self.duplicate
            }
            throw error
        }
        return partyID
    }

    func delete(_ id: UUID) async throws {
        guard actor.can(.manageSettings) else { throw APIError(LifecycleError.forbidden(.manageSettings)) }
        try await gate.transaction(on: database) { tx in
            guard try await tx.sql().raw("DELETE FROM parties WHERE id = \(bind: id) RETURNING id").first() != nil
            else {
                throw APIError.notFound("Party")
            }
        }
    }

    static let duplicate = APIError(
        .conflict, code: "already_exists", message: "This party is already in the directory.", field: "name")
}

extension Request {
    var preparation: PreparationActions {
        get throws { PreparationActions(database: db, gate: application.writeGate, actor: try actingPerson, now: now) }
    }
}
