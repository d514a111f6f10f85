import Foundation
import RiposteCore
import SQLKit
import Vapor

extension IncidentActions {
    struct InvolvedPartyDTO: Content {
        let partyId: UUID
        let kind: PartyKind
        let name: String
        let relation: PartyRelation
    }

    /// Names a client or supplier of the directory on the incident; journalled.
    func linkParty(
        _ reference: String, partyID: UUID, relation: PartyRelation, expectedVersion: Int?
    ) async throws
        -> UUID
    {
        let roles = actor.roles
        return try await change(reference, expectedVersion: expectedVersion) { change in
            try Lifecycle.nameParty(change.incident.state, roles: roles).orThrow()
            let sql = try change.database.sql()
            guard
                let party = try await sql.raw("SELECT kind, name FROM parties WHERE id = \(bind: partyID)").first(),
                let kind = PartyKind(rawValue: try party.decode(column: "kind", as: String.self)), kind.isExternal
            else { throw APIError(FieldError(field: "partyId", problem: .unknown)) }
            let exists =
                try await sql.raw(
                    """
                    SELECT id FROM incident_parties WHERE incident_id = \(bind: change.incidentID) \
                    AND party_id = \(bind: partyID) AND relation = \(bind: relation.rawValue)
                    """
                ).first() != nil
            if exists {
                throw APIError(
                    .conflict, code: "already_exists", message: "This party is already named so.", field: "partyId")
            }
            try await sql.raw(
                """
                INSERT INTO incident_parties (id, incident_id, party_id, relation) VALUES \
                (\(bind: UUID.random()), \(bind: change.incidentID), \(bind: partyID), \(bind: relation.rawValue))
                """
            ).run()
            try await change.record(
                .partyLinked,
                details: [
                    "party": try party.decode(column: "name", as: String.self), "kind": kind.rawValue,
                    "relation": relation.rawValue,
                ])
        }.id
    }

    func involvedParties(_ incidentID: UUID) async throws -> [InvolvedPartyDTO] {
        try await reader.database.raw(
            """
            SELECT parties.id AS id, parties.kind AS kind, parties.name AS name, incident_parties.relation AS relation \
            FROM incident_parties JOIN parties ON parties.id = incident_parties.party_id \
            WHERE incident_parties.incident_id = \(bind: incidentID) ORDER BY parties.name
            """
        ).all().map { row in
            InvolvedPartyDTO(
                partyId: try row.decode(column: "id", as: UUID.self),
                kind: PartyKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .client,
                name: try row.decode(column: "name", as: String.self),
                relation: PartyRelation(rawValue: try row.decode(column: "relation", as: String.self)) ?? .affected)
        }
    }
}
