import Foundation
import RiposteCore
import RiposteStorage
import SQLKit

/// What handlers tell the person who reported an incident from outside (#18 point 1): updates
/// published on their follow-up page, and an e-mail when it is resolved.
extension IncidentActions {
    struct PublicUpdateDTO: Codable, Sendable {
        let id: UUID
        let text: String
        let publishedAt: Date
    }

    /// Publishes an update on the follow-up page; journalled with its words. Speaking to the
    /// reporter is sending them a message: a client's or supplier's is the incident manager's
    /// to address (note G), or the continuity manager's once the BCP runs (note H).
    func publishUpdate(
        _ reference: String, text: String, expectedVersion: Int?
    ) async throws -> (update: PublicUpdateDTO, version: Int) {
        let effects = try FieldError.check { () throws(FieldError) in try PublicFollowUp.update(text) }
        let (roles, author) = (actor.roles, actor.id)
        return try await change(reference, expectedVersion: expectedVersion) { change in
            let sql = try change.database.sql()
            guard let reporter = try await PublicReportStore.reporter(of: change.incidentID, on: sql) else {
                throw Refusal.notFound(.reportLink)
            }
            let isMember = try await IncidentMemberStore.isMember(author, of: change.incidentID, on: sql)
            try Lifecycle.sendMessage(
                change.incident.state, to: [reporter.viaParty ? .clientOrSupplier : .reporter], roles: roles,
                handlesIt: change.incident.ownerId == author || isMember
            ).orThrow()
            let (id, at) = (UUID.random(), JournalClock.truncate(change.at))
            let body = effects.journal.first?.text ?? ""
            try await PublicReportStore.publish(id, on: change.incidentID, body: body, author: author, at: at, on: sql)
            try await change.apply(effects)
            return (PublicUpdateDTO(id: id, text: body, publishedAt: at), change.incident.version)
        }.result
    }

    /// Who reported the incident from outside, and what was published for them.
    func publicFollowUp(
        _ incident: IncidentRow
    ) async throws -> (
        reporter: PublicReportStore.Reporter?, updates: [PublicUpdateDTO]
    ) {
        let sql = reader.database
        guard let reporter = try await PublicReportStore.reporter(of: incident.id, on: sql) else { return (nil, []) }
        let updates = try await PublicReportStore.updates(of: incident.id, on: sql).map {
            PublicUpdateDTO(id: $0.id, text: $0.body, publishedAt: $0.at)
        }
        return (reporter, updates)
    }

    /// The first resolution of an incident reported from outside is e-mailed to its reporter
    /// (the organisation's `resolved` template in their language); a reopened incident
    /// resolved again is not told twice.
    static func tellReporterResolved(in change: IncidentChange, by author: UUID, _ wording: Catalogue) async throws {
        let sql = try change.database.sql()
        guard let reporter = try await PublicReportStore.reporter(of: change.incidentID, on: sql),
            reporter.toldResolvedAt == nil,
            try await PublicReportStore.toldResolved(change.incidentID, at: change.at, on: sql)
        else { return }
        let organisation = try await OrganisationStore.settings(on: sql) ?? .beforeSetup
        try await ReporterMail(sender: MessageSender(name: organisation.name, replyTo: nil), wording: wording)
            .send(.resolved, to: reporter, author: author, in: change)
    }
}
