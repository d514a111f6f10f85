import Foundation
import RiposteCore
import RiposteStorage
import SQLKit

/// Messages sent from the incident by e-mail (#16 point 4): to its reporter, to the clients and
/// suppliers named on it or any contact of theirs, to other addresses; logged as communications
/// with each e-mail's delivery state. Their wording starts from the organisation's templates.
extension IncidentActions {
    /// A message as asked: whom to (the reporter, parties named on the incident, addresses), what.
    struct MessageRequest: Sendable {
        var kind: MessageKind?
        var language: Language
        var reporter = false
        var parties: [UUID] = []
        var addresses: [String] = []
        var subject: String
        var body: String
    }

    /// Those a message from this incident may be addressed to, for the form.
    struct MessageAddressBook: Sendable {
        var reporter: String?
        /// The clients and suppliers named on the incident with the address a message to them goes to.
        var parties: [(party: IncidentPartyStore.Involved, address: String?)]
        /// Every client's and supplier's contact with an address.
        var directory: [ExternalAddress]
    }

    static let emailNotConfigured = APIError(
        .conflict, code: "email_not_configured", message: "api.email_not_configured")

    /// Queues the message for each recipient and logs it; 409 when Riposte sends no e-mail
    /// (nothing would go out, so nothing is accepted).
    func sendMessage(
        _ reference: String, _ asked: MessageRequest, sender: MessageSender?, expectedVersion: Int?
    ) async throws -> (dto: CommunicationDTO, version: Int) {
        guard let sender else { throw Self.emailNotConfigured }
        let (roles, author) = (actor.roles, actor.id)
        return try await change(reference, expectedVersion: expectedVersion) { change in
            let sql = try change.database.sql()
            let recipients = try await Self.recipients(of: asked, incident: change.incident, on: sql)
            var message = try FieldError.check { () throws(FieldError) in
                try OutgoingMessage.validated(
                    kind: asked.kind, language: asked.language, recipients: recipients, subject: asked.subject,
                    body: asked.body)
            }
            // No one who reads a drill's e-mail may take it for a real incident (#20).
            if change.incident.exercise != nil {
                message.markAsExercise(wording.text("notification.exercise", asked.language, []))
            }
            let isMember = try await IncidentMemberStore.isMember(author, of: change.incidentID, on: sql)
            try Lifecycle.sendMessage(
                change.incident.state, to: message.audiences, roles: roles,
                handlesIt: change.incident.ownerId == author || isMember
            ).orThrow()
            let id = UUID.random()
            let at = JournalClock.truncate(change.at)
            let replyTo = try await PeopleStore.email(of: author, on: sql)
            try await CommunicationStore.insertMessage(
                id: id, incident: change.incidentID, message, at: at, author: author,
                sender: MessageSender(name: sender.name, replyTo: replyTo ?? sender.replyTo), on: sql)
            try await change.apply(message.effects(at: at))
            let entry = message.communication(at: at)
            return (
                CommunicationDTO(
                    id: id, direction: entry.direction, audience: entry.audience, media: entry.media,
                    recipients: entry.recipients, at: at, summary: entry.summary, authorId: author, source: "person",
                    deliveries: message.recipients.map {
                        MessageDelivery(to: $0.address, state: .pending, attempts: 0, deliveredAt: nil, lastError: nil)
                    }),
                change.incident.version
            )
        }.result
    }

    /// Each recipient asked for, checked and told apart: a typed address that belongs to a
    /// client's or supplier's contact is theirs, whoever typed it (notes G and H hold).
    static func recipients(
        of asked: MessageRequest, incident: IncidentRow, on sql: any SQLDatabase
    ) async throws -> [MessageRecipient] {
        var recipients: [MessageRecipient] = []
        // Every address, wherever it comes from, passes the rule typed ones pass.
        let reporterAddress = try await PeopleStore.email(of: incident.reporterId, on: sql).flatMap(Self.sendable)
        if asked.reporter {
            guard let reporterAddress else { throw FieldError(field: "reporter", problem: .unknown) }
            let name = try await PeopleStore.name(of: incident.reporterId, on: sql) ?? ""
            recipients.append(MessageRecipient(address: reporterAddress, audience: .reporter, label: name))
        }
        let named = try await IncidentPartyStore.involved(in: incident.id, on: sql)
        let directory = try await Self.sendableDirectory(on: sql)
        for (index, partyID) in asked.parties.enumerated() {
            guard let party = named.first(where: { $0.id == partyID && $0.kind.isExternal }) else {
                throw FieldError(field: "parties[\(index)]", problem: .unknown)
            }
            guard let address = principalAddress(of: partyID, in: directory) else {
                throw FieldError(field: "parties[\(index)]", problem: .invalid)
            }
            recipients.append(MessageRecipient(address: address, audience: .clientOrSupplier, label: party.name))
        }
        for (index, raw) in asked.addresses.enumerated() {
            let address = try FieldError.check { () throws(FieldError) in
                try MessageRecipient.address(raw, field: "addresses[\(index)]")
            }
            if let contact = directory.first(where: { $0.email == address }) {
                recipients.append(MessageRecipient(address: address, audience: .clientOrSupplier, label: contact.party))
            } else if address == reporterAddress {
                recipients.append(MessageRecipient(address: address, audience: .reporter))
            } else {
                recipients.append(MessageRecipient(address: address, audience: .other))
            }
        }
        return recipients
    }

    /// The address as a message may go to it, or nil for one a mail header could be split on.
    static func sendable(_ address: String) -> String? {
        try? MessageRecipient.address(address, field: "to")
    }

    /// The directory's client and supplier contacts whose address a message may go to.
    static func sendableDirectory(on sql: any SQLDatabase) async throws -> [ExternalAddress] {
        try await DirectoryStore.externalAddresses(on: sql).filter { sendable($0.email) != nil }
    }

    /// The party's principal contact's address, else the first of its contacts with one.
    static func principalAddress(of partyID: UUID, in directory: [ExternalAddress]) -> String? {
        directory.filter { $0.partyID == partyID }.min { $0.rank < $1.rank }?.email
    }

    /// Whom the form may address on this incident.
    func messageAddressBook(of incident: IncidentRow) async throws -> MessageAddressBook {
        let sql = reader.database
        let directory = try await Self.sendableDirectory(on: sql)
        let named = try await IncidentPartyStore.involved(in: incident.id, on: sql).filter(\.kind.isExternal)
        return MessageAddressBook(
            reporter: try await PeopleStore.email(of: incident.reporterId, on: sql).flatMap(Self.sendable),
            parties: named.map { ($0, Self.principalAddress(of: $0.id, in: directory)) }, directory: directory)
    }

    /// A message of this kind prepared from the incident, in `language`: the organisation's
    /// template, or the catalogue's, with the incident's values filled in.
    func messageDraft(_ incident: IncidentRow, kind: MessageKind, language: Language) async throws -> MessageTemplate {
        let sql = reader.database
        return try await Self.draft(
            incident, kind: kind, language: language, sender: try await PeopleStore.name(of: actor.id, on: sql) ?? "",
            on: sql, wording: wording)
    }

    /// The organisation's template of this kind in `language`, or the catalogue's, filled with
    /// the incident's values; `sender` signs it.
    static func draft(
        _ incident: IncidentRow, kind: MessageKind, language: Language, sender: String, on sql: any SQLDatabase,
        wording: Catalogue
    ) async throws -> MessageTemplate {
        let written = try await MessageTemplateStore.written(on: sql)
        let template = written[.init(kind: kind, language: language)] ?? Self.defaultTemplate(kind, language, wording)
        let organisation = try await OrganisationStore.settings(on: sql) ?? .beforeSetup
        let expected = incident.expectedRecoveryAt.map { date in
            var style = Date.FormatStyle(date: .long, time: .shortened)
            style.locale = Locale(identifier: language.rawValue)
            style.timeZone = organisation.timeZone
            return date.formatted(style)
        }
        return template.filled(with: [
            .number: incident.number, .title: incident.title, .organisation: organisation.name,
            .expectedResolution: expected ?? wording.text("message.expected_resolution.unknown", language),
            .sender: sender,
        ])
    }

    /// The template the catalogue words for this kind and language.
    static func defaultTemplate(_ kind: MessageKind, _ language: Language, _ wording: Catalogue) -> MessageTemplate {
        MessageTemplate(
            subject: wording.text("message.template.\(kind.rawValue).subject", language),
            body: wording.text("message.template.\(kind.rawValue).body", language))
    }
}
