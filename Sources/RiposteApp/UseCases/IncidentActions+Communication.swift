import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

extension IncidentActions {
    typealias CommunicationDTO = CommunicationRecord

    /// Logs a communication sent about the incident; it is also a journal entry.
    func recordCommunication(
        _ reference: String, direction: CommunicationDirection, audience: String, media: CommunicationMedia,
        recipients: String?, at: Date?, summary: String, expectedVersion: Int?
    ) async throws -> (dto: CommunicationDTO, version: Int) {
        let now = self.now
        let entry = try FieldError.check { () throws(FieldError) in
            try CommunicationEntry.validated(
                direction: direction, audience: audience, media: media, recipients: recipients, at: at,
                summary: summary, now: now)
        }
        let (roles, author) = (actor.roles, actor.id)
        return try await change(reference, expectedVersion: expectedVersion) { change in
            try Lifecycle.recordCommunication(change.incident.state, roles: roles).orThrow()
            let id = UUID.random()
            let at = JournalClock.truncate(entry.at)
            try await CommunicationStore.insert(
                id: id, incident: change.incidentID, entry, at: at, author: author, recordedAt: change.at,
                on: change.database.sql())
            try await change.apply(entry.effects())
            return (
                CommunicationDTO(
                    id: id, direction: entry.direction, audience: entry.audience, media: entry.media,
                    recipients: entry.recipients, at: at, summary: entry.summary, authorId: author, source: "person"),
                change.incident.version
            )
        }.result
    }

    /// The incident's communications, oldest first: those logged by people, and the
    /// notifications Riposte delivered (e-mail and chat), logged the same way.
    func communications(_ reference: String) async throws -> [CommunicationDTO] {
        try await visibleCommunications(of: try await find(reference).id)
    }

    /// All of them for those who handle incidents; for a reporter, only the messages logged as
    /// sent to their own address (#13): never the handlers' addresses or Riposte's notices.
    func visibleCommunications(of incidentID: UUID) async throws -> [CommunicationDTO] {
        let all = try await CommunicationStore.all(of: incidentID, on: reader.database)
        if isHandler { return all }
        let email = try await PeopleStore.email(of: actor.id, on: reader.database)?.lowercased() ?? ""
        return Self.sentTo(email, among: all)
    }

    /// The messages logged as sent to `email`, showing only that address and no author.
    static func sentTo(_ email: String, among all: [CommunicationDTO]) -> [CommunicationDTO] {
        all.filter { item in
            item.source == "person" && !email.isEmpty
                && item.recipients.lowercased().split(whereSeparator: { ",; ".contains($0) }).contains { $0 == email }
        }.map {
            // Whoever else it went to, and who logged it, stay inside.
            CommunicationDTO(
                id: $0.id, direction: $0.direction, audience: $0.audience, media: $0.media, recipients: email,
                at: $0.at, summary: $0.summary, authorId: nil, source: $0.source)
        }
    }
}

extension CommunicationRecord: Content {}
