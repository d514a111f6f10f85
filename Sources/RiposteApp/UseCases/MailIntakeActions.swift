import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// What `riposte intake mail` does with a message it read (#18 point 3): a reply to a message
/// Riposte sent about an incident, or one naming its number in the subject, joins that
/// incident's journal; a new message from a person of the organisation is their report; from
/// anyone else, a report from outside through the intake mailbox (the sender named, a
/// directory contact's party named as reporter, the helpdesk told, a receipt and the
/// resolution e-mailed), channel `email` in every case.
struct MailIntakeActions: Sendable {
    let database: any Database
    let store: IncidentStore
    let passwords: PasswordWork
    let now: Date
    let wording: Catalogue
    let sender: MessageSender?
    /// The address outsiders reach Riposte by (`RIPOSTE_PUBLIC_URL`), for the follow-up link.
    let publicURL: String?

    enum Outcome: Sendable, Equatable {
        case filed(String)
        case added(String)
        /// An automatic message (out of office, bounce, list): read, and left alone.
        case ignored
    }

    func receive(_ message: MailMessage) async throws -> Outcome {
        let sql = try database.sql()
        let language = try await OrganisationStore.settings(on: sql)?.language ?? .fallback
        let heading = wording.text("mail.attachments", language, [])
        if message.isAutomatic { return .ignored }
        let person = try await PeopleStore.credentials(email: message.fromAddress, on: sql)
        let personID = person.flatMap { $0.disabled ? nil : $0.id }
        if let incident = try await answered(message, from: personID, on: sql) {
            var author = personID
            if author == nil { author = try await mailbox().serviceUser }
            let effects = MailIntake.reply(message, attachments: heading)
            try await store.mutate(incident.id, expectedVersion: nil, author: author, at: now) { change in
                try await change.apply(effects)
            }
            return .added(incident.number)
        }
        let (title, description) = MailIntake.report(
            message, untitled: wording.text("mail.untitled", language, []), attachments: heading)
        if let personID {
            let now = self.now
            let report = try FieldError.check { () throws(FieldError) in
                try IncidentReport(title: title, description: description, channel: .email).validated(at: now)
            }
            let name = try await PeopleStore.name(of: personID, on: sql) ?? message.fromAddress
            let filed = try await store.report(report, by: ActingPerson(id: personID, name: name, roles: []), at: now)
            return .filed(filed.number)
        }
        let contact = try await DirectoryStore.externalAddresses(on: sql).first { $0.email == message.fromAddress }
        let outside = PublicReportActions(database: database, store: store, now: now, wording: wording, sender: sender)
        let base = publicURL
        let filed = try await outside.file(
            PublicReport(
                title: title, description: description,
                name: MailIntake.cut(message.fromName ?? contact?.name ?? message.fromAddress, FieldLimits.name),
                email: message.fromAddress),
            through: try await mailbox(), party: contact.map { ($0.partyID, $0.party) }, language: language
        ) { token in base.map { $0 + PublicReportPageController.url(.publicFollow(token: token), language) } }
        return .filed(filed.number)
    }

    /// The incident the message answers: one of Riposte's messages it replies to (their ids
    /// cannot be guessed), else the number in its subject, from someone the incident knows (a
    /// person of the organisation, its reporter from outside, a contact of a party named on
    /// it): anyone else naming a number files a report of their own rather than writing into
    /// an incident's journal. Nil for a new report.
    private func answered(
        _ message: MailMessage, from person: UUID?, on sql: any SQLDatabase
    ) async throws -> IncidentRow? {
        let reader = IncidentReader(database: sql)
        for delivery in MailIntake.deliveries(answered: message) {
            if let id = try await DeliveryRecord.incident(ofDelivery: delivery, on: sql) {
                return try await reader.row(id)
            }
        }
        guard let number = MailIntake.number(inSubject: message.subject),
            let incident = try await reader.find(number: number)
        else { return nil }
        if person != nil { return incident }
        if try await PublicReportStore.reporter(of: incident.id, on: sql)?.email == message.fromAddress {
            return incident
        }
        let named = Set(try await IncidentPartyStore.involved(in: incident.id, on: sql).map(\.id))
        let contacts = try await DirectoryStore.externalAddresses(on: sql)
        return contacts.contains { $0.email == message.fromAddress && named.contains($0.partyID) } ? incident : nil
    }

    /// The intake mailbox's door, made the first time a message comes through it.
    private func mailbox() async throws -> ReportLinkStore.Record {
        let sql = try database.sql()
        if let made = try await ReportLinkStore.find(.mailbox, on: sql) { return made }
        let language = try await OrganisationStore.settings(on: sql)?.language ?? .fallback
        let hash = try await passwords.hash(TokenDigest.newToken(), on: database.eventLoop)
        let (name, now) = (wording.text("mail.reporter", language, []), self.now)
        return try await store.gate.transaction(on: database) { tx in
            try await ReportLinkStore.ensure(
                .mailbox, serviceName: name, serviceEmail: "intake-mailbox@riposte.invalid", passwordHash: hash,
                at: now,
                on: try tx.sql())
        }
    }
}
