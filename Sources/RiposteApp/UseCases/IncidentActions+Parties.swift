import Foundation
import RiposteCore
import RiposteStorage
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
            guard let party = try await IncidentPartyStore.party(partyID, on: sql), let kind = party.kind,
                kind.isExternal
            else { throw FieldError(field: "partyId", problem: .unknown) }
            if try await IncidentPartyStore.isNamed(partyID, on: change.incidentID, as: relation, on: sql) {
                throw Refusal.alreadyExists(.party, field: "partyId")
            }
            try await IncidentPartyStore.name(partyID, on: change.incidentID, as: relation, on: sql)
            try await change.apply(
                .entry(
                    .partyLinked, details: ["party": party.name, "kind": kind.rawValue, "relation": relation.rawValue]))
        }.id
    }

    func involvedParties(_ incidentID: UUID) async throws -> [InvolvedPartyDTO] {
        try await IncidentPartyStore.involved(in: incidentID, on: reader.database).map {
            InvolvedPartyDTO(partyId: $0.id, kind: $0.kind, name: $0.name, relation: $0.relation)
        }
    }
}
