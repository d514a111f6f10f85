import Foundation
import RiposteCore
import RiposteStorage
import SQLKit

/// E-mails to whoever reported an incident from outside (#18 point 1): the receipt with their
/// follow-up link, and the news that it is resolved. Worded from the organisation's templates
/// (or the catalogue's) in the reporter's language, and sent as every message from an incident
/// is: logged as a communication, journalled, each delivery tracked.
struct ReporterMail: Sendable {
    let sender: MessageSender
    let wording: Catalogue

    /// Queues the message of `kind` to `reporter` within `change`; `followURL` ends it when given.
    func send(
        _ kind: MessageKind, to reporter: PublicReportStore.Reporter, followURL: String? = nil, author: UUID,
        in change: IncidentChange
    ) async throws {
        let sql = try change.database.sql()
        let language = reporter.language
        var draft = try await IncidentActions.draft(
            change.incident, kind: kind, language: language, sender: sender.name, on: sql, wording: wording)
        if let followURL {
            draft = MessageTemplate(
                subject: draft.subject,
                body: draft.body + "\n\n" + wording.text("public.mail.follow", language, [followURL]))
        }
        var message = try FieldError.check { () throws(FieldError) in
            try OutgoingMessage.validated(
                kind: kind, language: language,
                recipients: [MessageRecipient(address: reporter.email, audience: .reporter, label: reporter.name)],
                subject: draft.subject, body: draft.body)
        }
        if change.incident.exercise != nil {
            message.markAsExercise(wording.text("notification.exercise", language, []))
        }
        let at = JournalClock.truncate(change.at)
        try await CommunicationStore.insertMessage(
            id: UUID.random(), incident: change.incidentID, message, at: at, author: author, sender: sender, on: sql)
        try await change.apply(message.effects(at: at))
    }
}
