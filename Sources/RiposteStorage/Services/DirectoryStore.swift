import Foundation
import RiposteCore
import SQLKit

/// A contact of a party, as stored (annex 1).
package struct ContactRecord: Codable, Sendable {
    package let rank: ContactRank
    package let name: String
    package let function: String?
    package let email: String?
    package let phone: String?
    package let mobile: String?

    package init(rank: ContactRank, name: String, function: String?, email: String?, phone: String?, mobile: String?) {
        self.rank = rank
        self.name = name
        self.function = function
        self.email = email
        self.phone = phone
        self.mobile = mobile
    }
}

/// A party of the directory (a role of the plan, a client, a supplier, a service) with its
/// contacts, principal first.
package struct PartyRecord: Codable, Sendable {
    package let id: UUID
    package let kind: PartyKind
    package let name: String
    package let contractReference: String?
    package let contacts: [ContactRecord]

    package init(id: UUID, kind: PartyKind, name: String, contractReference: String?, contacts: [ContactRecord]) {
        self.id = id
        self.kind = kind
        self.name = name
        self.contractReference = contractReference
        self.contacts = contacts
    }
}

/// The contact directory of annex 1: parties and their contacts.
package enum DirectoryStore {
    package static func all(on sql: any SQLDatabase) async throws -> [PartyRecord] {
        var contacts: [UUID: [ContactRecord]] = [:]
        for row in try await sql.raw(
            "SELECT party_id, rank, name, function, email, phone, mobile FROM contacts ORDER BY position"
        ).all() {
            contacts[try row.decode(column: "party_id", as: UUID.self), default: []].append(
                ContactRecord(
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
                return PartyRecord(
                    id: id, kind: PartyKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .service,
                    name: try row.decode(column: "name", as: String.self),
                    contractReference: try row.decode(column: "contract_reference", as: String?.self),
                    contacts: contacts[id] ?? [])
            }
    }

    /// The contacts of clients and suppliers who have an e-mail address, principal first: those
    /// a message from an incident may reach (#16 point 4).
    package static func externalAddresses(on sql: any SQLDatabase) async throws -> [ExternalAddress] {
        try await sql.raw(
            """
            SELECT parties.id AS party_id, parties.name AS party_name, contacts.name AS name, contacts.rank AS rank, \
            contacts.email AS email FROM contacts JOIN parties ON parties.id = contacts.party_id \
            WHERE parties.kind IN ('client', 'supplier') AND contacts.email IS NOT NULL AND contacts.email <> '' \
            ORDER BY parties.name, contacts.position
            """
        ).all().map { row in
            ExternalAddress(
                partyID: try row.decode(column: "party_id", as: UUID.self),
                party: try row.decode(column: "party_name", as: String.self),
                name: try row.decode(column: "name", as: String.self),
                rank: ContactRank(rawValue: try row.decode(column: "rank", as: String.self)) ?? .other,
                email: try row.decode(column: "email", as: String.self).lowercased())
        }
    }

    package static func exists(kind: PartyKind, name: String, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT id FROM parties WHERE kind = \(bind: kind.rawValue) AND name = \(bind: name)")
            .first() != nil
    }

    /// Writes a party and replaces its contacts; false when there was no such party to update.
    package static func save(
        _ party: PartyRecord, new: Bool, at now: Date, on sql: any SQLDatabase
    ) async throws -> Bool {
        if new {
            try await sql.raw(
                """
                INSERT INTO parties (id, kind, name, contract_reference, created_at) VALUES \
                (\(bind: party.id), \(bind: party.kind.rawValue), \(bind: party.name), \
                \(bind: party.contractReference), \(bind: now))
                """
            ).run()
        } else {
            guard
                try await sql.raw(
                    """
                    UPDATE parties SET name = \(bind: party.name), contract_reference = \(bind: party.contractReference), \
                    kind = \(bind: party.kind.rawValue) WHERE id = \(bind: party.id) RETURNING id
                    """
                ).first() != nil
            else { return false }
            try await sql.raw("DELETE FROM contacts WHERE party_id = \(bind: party.id)").run()
        }
        try await BulkInsert.run(
            "contacts", ["id", "party_id", "rank", "position", "name", "function", "email", "phone", "mobile"],
            party.contacts.enumerated().map { index, contact in
                [
                    UUID.random(), party.id, contact.rank.rawValue, index, contact.name, contact.function,
                    contact.email, contact.phone, contact.mobile,
                ]
            }, on: sql)
        return true
    }

    /// Whether there was such a party to delete (its contacts go with it).
    package static func delete(_ id: UUID, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("DELETE FROM parties WHERE id = \(bind: id) RETURNING id").first() != nil
    }
}

/// A client's or supplier's contact with an e-mail address.
package struct ExternalAddress: Sendable, Equatable {
    package let partyID: UUID
    package let party: String
    package let name: String
    package let rank: ContactRank
    package let email: String

    package init(partyID: UUID, party: String, name: String, rank: ContactRank, email: String) {
        self.partyID = partyID
        self.party = party
        self.name = name
        self.rank = rank
        self.email = email
    }
}
