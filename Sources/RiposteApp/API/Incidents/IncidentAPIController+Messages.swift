import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

extension IncidentAPIController {
    struct MessageBody: Content {
        let kind: MessageKind?
        let language: Language?
        let reporter: Bool?
        let parties: [UUID]?
        let addresses: [String]?
        let subject: String
        let body: String
    }

    struct MessageDraftDTO: Content {
        let kind: MessageKind
        let language: Language
        let subject: String
        let body: String
        /// Those the message may go to: the reporter's address, the clients and suppliers named
        /// on the incident with the address a message to them reaches.
        let reporter: String?
        let parties: [DraftParty]
    }

    struct DraftParty: Content {
        let id: UUID
        let name: String
        let kind: PartyKind
        let address: String?
    }

    /// `POST /incidents/{id}/messages`: a message sent by e-mail from the incident, logged as a
    /// communication whose deliveries say whether each e-mail went out.
    func sendMessage(_ req: Request) async throws -> Response {
        let body = try req.decodeBody(MessageBody.self)
        let language: Language
        if let asked = body.language {
            language = asked
        } else {
            language = try await req.organisationLanguage()
        }
        let request = IncidentActions.MessageRequest(
            kind: body.kind, language: language, reporter: body.reporter ?? false,
            parties: body.parties ?? [], addresses: body.addresses ?? [], subject: body.subject, body: body.body)
        let (dto, version) = try await req.actions.sendMessage(
            try req.incidentReference(), request, sender: try await req.messageSender(),
            expectedVersion: try ETag.expectedVersion(req))
        return try Response.json(dto, status: .created, version: version)
    }

    /// `GET /incidents/{id}/messages/draft?kind=…&language=…`: the template of that kind filled
    /// from the incident, and whom it may go to.
    func messageDraft(_ req: Request) async throws -> Response {
        let query = req.queryParameters
        try query.refuseUnknown(["kind", "language"])
        guard let kind = MessageKind(rawValue: try query.value("kind") ?? "") else {
            throw FieldError(field: "kind", problem: .invalid)
        }
        let language: Language
        if let raw = try query.value("language") {
            guard let asked = Language(rawValue: raw) else { throw FieldError(field: "language", problem: .invalid) }
            language = asked
        } else {
            language = try await req.organisationLanguage()
        }
        let actions = try req.actions
        try actions.requireHandler()
        let incident = try await actions.find(try req.incidentReference())
        let draft = try await actions.messageDraft(incident, kind: kind, language: language)
        let book = try await actions.messageAddressBook(of: incident)
        return try Response.json(
            MessageDraftDTO(
                kind: kind, language: language, subject: draft.subject, body: draft.body, reporter: book.reporter,
                parties: book.parties.map {
                    DraftParty(id: $0.party.id, name: $0.party.name, kind: $0.party.kind, address: $0.address)
                }))
    }
}

extension Request {
    /// Whose name messages go out in, or nil when Riposte sends no e-mail.
    func messageSender() async throws -> MessageSender? {
        guard application.notificationSettings.sendmail != nil else { return nil }
        let organisation = try await OrganisationStore.settings(on: db.sql()) ?? .beforeSetup
        return MessageSender(name: organisation.name, replyTo: nil)
    }

    /// The organisation's language: the one messages to the outside are written in by default.
    func organisationLanguage() async throws -> Language {
        try await OrganisationStore.settings(on: db.sql())?.language ?? .fallback
    }
}
