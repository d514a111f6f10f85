import Foundation
import RiposteCore
import SQLKit

/// The clients and suppliers of the directory named on incidents (annex 1 parties, and how
/// each is involved).
package enum IncidentPartyStore {
    package struct Involved: Sendable {
        package let id: UUID
        package let kind: PartyKind
        package let name: String
        package let relation: PartyRelation

        package init(id: UUID, kind: PartyKind, name: String, relation: PartyRelation) {
            self.id = id
            self.kind = kind
            self.name = name
            self.relation = relation
        }
    }

    /// A party of the directory: its kind and name, nil if there is none such.
    package static func party(_ id: UUID, on sql: any SQLDatabase) async throws -> (kind: PartyKind?, name: String)? {
        guard let row = try await sql.raw("SELECT kind, name FROM parties WHERE id = \(bind: id)").first() else {
            return nil
        }
        return (
            PartyKind(rawValue: try row.decode(column: "kind", as: String.self)),
            try row.decode(column: "name", as: String.self)
        )
    }

    package static func isNamed(
        _ party: UUID, on incident: UUID, as relation: PartyRelation, on sql: any SQLDatabase
    ) async throws -> Bool {
        try await sql.raw(
            """
            SELECT id FROM incident_parties WHERE incident_id = \(bind: incident) \
            AND party_id = \(bind: party) AND relation = \(bind: relation.rawValue)
            """
        ).first() != nil
    }

    package static func name(
        _ party: UUID, on incident: UUID, as relation: PartyRelation, on sql: any SQLDatabase
    )
        async throws
    {
        try await sql.raw(
            """
            INSERT INTO incident_parties (id, incident_id, party_id, relation) VALUES \
            (\(bind: UUID.random()), \(bind: incident), \(bind: party), \(bind: relation.rawValue))
            """
        ).run()
    }

    package static func involved(in incident: UUID, on sql: any SQLDatabase) async throws -> [Involved] {
        try await sql.raw(
            """
            SELECT parties.id AS id, parties.kind AS kind, parties.name AS name, incident_parties.relation AS relation \
            FROM incident_parties JOIN parties ON parties.id = incident_parties.party_id \
            WHERE incident_parties.incident_id = \(bind: incident) ORDER BY parties.name
            """
        ).all().map { row in
            Involved(
                id: try row.decode(column: "id", as: UUID.self),
                kind: PartyKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .client,
                name: try row.decode(column: "name", as: String.self),
                relation: PartyRelation(rawValue: try row.decode(column: "relation", as: String.self)) ?? .affected)
        }
    }
}
