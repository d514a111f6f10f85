import Fluent
import Foundation
import RiposteCore
import RiposteStorage
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

    typealias ContactDTO = ContactRecord
    typealias PartyDTO = PartyRecord

    /// Every party with its contacts, principal first.
    func parties() async throws -> [PartyDTO] {
        guard actor.can(.viewRegister) || actor.can(.manageSettings) else {
            throw LifecycleError.forbidden(.viewRegister)
        }
        return try await DirectoryStore.all(on: database.sql())
    }

    /// The roles and parties short of a principal and a backup.
    func gaps() async throws -> [ContactDirectory.Gap] {
        ContactDirectory.gaps(parties: try await parties().map { ($0.kind, $0.name, $0.contacts.map(\.rank)) })
    }

    /// Records a party and its contacts, or replaces them (`id` given).
    @discardableResult
    func save(_ input: PartyInput, replacing id: UUID? = nil) async throws -> UUID {
        guard actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
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
                if id == nil, try await DirectoryStore.exists(kind: input.kind, name: name, on: sql) {
                    throw Self.duplicate
                }
                let party = PartyRecord(
                    id: partyID, kind: input.kind, name: name, contractReference: reference, contacts: contacts)
                guard try await DirectoryStore.save(party, new: id == nil, at: now, on: sql) else {
                    throw Refusal.notFound(.party)
                }
            }
        } catch  where APIError.refusing(error) != nil {
            throw error
        } catch {
            // The (kind, name) index: another instance recorded the same party at once.
            if try await DirectoryStore.exists(kind: input.kind, name: name, on: database.sql()) {
                throw Self.duplicate
            }
            throw error
        }
        return partyID
    }

    func delete(_ id: UUID) async throws {
        guard actor.can(.manageSettings) else { throw LifecycleError.forbidden(.manageSettings) }
        try await gate.transaction(on: database) { tx in
            guard try await DirectoryStore.delete(id, on: tx.sql()) else { throw Refusal.notFound(.party) }
        }
    }

    static let duplicate = Refusal.alreadyExists(.party, field: "name")
}

extension ContactRecord: Content {}
extension PartyRecord: Content {}

extension Request {
    var preparation: PreparationActions {
        get throws { PreparationActions(database: db, gate: application.writeGate, actor: try actingPerson, now: now) }
    }
}
