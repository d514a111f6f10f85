import Foundation
import RiposteCore
import RiposteStorage
import SQLKit

/// E-mails to whoever reported an incident from outside (#18 point 1): the receipt with their
/// follow-up link, and the news that it is resolved. Worded from the organisation's templates
/// (or the catalogue's) in the reporter's language, and sent as every message from an incident
/// is: logged as a communication, journalled, each delivery tracked. Replies go to the intake
/// mailbox when the organisation names one, and come back into the journal through it.
struct ReporterMail: Sendable {
    let sender: MessageSender
    let wording: Catalogue

    /// Queues the message of `kind` to `reporter` within `change`; `followURL` ends the e-mail
    /// only (the journal and the communications say that a link was sent, never which: it is
    /// the reporter's key). Nothing is sent, and nothing refused, for a message the rules of
    /// messages would refuse: a reporter's e-mail never stops the change it goes with.
    @discardableResult
    func send(
        _ kind: MessageKind, to reporter: PublicReportStore.Reporter, followURL: String? = nil, author: UUID,
        in change: IncidentChange
    ) async throws -> Bool {
        let sql = try change.database.sql()
        let language = reporter.language
        let draft = try await IncidentActions.draft(
            change.incident, kind: kind, language: language, sender: sender.name, on: sql, wording: wording)
        func ending(_ link: String) -> String { "\n\n" + wording.text("public.mail.follow", language, [link]) }
        // A long title must not make the subject too long to send.
        let subject = MailIntake.cut(draft.subject, MessageTemplate.subjectLimit)
        let recorded = MailIntake.cut(draft.body + (followURL == nil ? "" : ending("…")), OutgoingMessage.bodyLimit)
        var message: OutgoingMessage
        do {
            message = try OutgoingMessage.validated(
                kind: kind, language: language,
                recipients: [MessageRecipient(address: reporter.email, audience: .reporter, label: reporter.name)],
                subject: subject, body: recorded)
        } catch {
            return false
        }
        if change.incident.exercise != nil {
            message.markAsExercise(wording.text("notification.exercise", language, []))
        }
        var replyTo = sender.replyTo
        if replyTo == nil { replyTo = try await ReportingMeansStore.mailbox(on: sql) }
        let at = JournalClock.truncate(change.at)
        try await CommunicationStore.insertMessage(
            id: UUID.random(), incident: change.incidentID, message, at: at, author: author,
            sender: MessageSender(name: sender.name, replyTo: replyTo),
            delivered: followURL.map { message.body.replacingOccurrences(of: ending("…"), with: ending($0)) },
            on: sql)
        try await change.apply(message.effects(at: at))
        return true
    }
}
