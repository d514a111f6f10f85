import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// The incident page's messages (#16 point 4): choose a kind and a language, get the template
/// filled from the incident, correct it, pick whom it goes to, send. The form is prepared only
/// when asked for (`?message=kind`), so reading the page costs nothing more.
extension IncidentPageController {
    struct MessageForm: Encodable {
        struct Party: Encodable {
            let id: UUID
            let name: String
            let address: String
            let checked: Bool
        }

        struct Contact: Encodable {
            let address: String
            let label: String
            let selected: Bool
        }

        let kinds: [PageFrame.Option]
        let languages: [PageFrame.Option]
        /// Riposte sends no e-mail: the page says why instead of offering a form that would fail.
        let emailConfigured: Bool
        /// When the incident is resolved: "inform the stakeholders of the resolution".
        let offerResolution: Bool
        /// The form itself, once a kind was chosen.
        let composing: Bool
        let kind: String
        let language: String
        let reporter: String?
        let reporterChecked: Bool
        let parties: [Party]
        let directory: [Contact]
        let subject: String
        let body: String
    }

    /// The message card, or nil when the reader may send none.
    func messageForm(
        _ req: Request, _ incident: IncidentRow, handlesIt: Bool, form: FormState
    ) async throws -> MessageForm? {
        let user = try req.actingPerson
        guard let reach = Lifecycle.messageReach(incident.state, roles: user.roles, handlesIt: handlesIt) else {
            return nil
        }
        let resolved = Lifecycle.offersResolutionMessage(incident.state)
        let refused = form.formName == "message"
        let query = req.queryParameters
        let kind =
            (refused ? form.values["messageKind"] : try? query.value("message")).flatMap(MessageKind.init)
        let language =
            (refused ? form.values["messageLanguage"] : try? query.value("lang")).flatMap(Language.init)
            ?? req.organisation.language
        let chosen = kind ?? (resolved ? .resolved : .acknowledged)
        var message = MessageForm(
            kinds: req.options(MessageKind.allCases, selected: chosen),
            languages: req.options(Language.allCases, selected: language),
            emailConfigured: req.application.notificationSettings.sendmail != nil, offerResolution: resolved,
            composing: false, kind: chosen.rawValue, language: language.rawValue, reporter: nil,
            reporterChecked: false, parties: [], directory: [], subject: "", body: "")
        guard let kind, message.emailConfigured else { return message }
        let actions = try req.actions
        let book = try await actions.messageAddressBook(of: incident)
        let draft =
            refused
            ? MessageTemplate(subject: form.values["subject"] ?? "", body: form.values["body"] ?? "")
            : try await actions.messageDraft(incident, kind: kind, language: language)
        let checkedParties = Set((form.values["toParties"] ?? "").split(separator: ",").map(String.init))
        let pickedContacts = Set((form.values["toAddresses"] ?? "").split(separator: ",").map(String.init))
        let toClients = reach.contains(.clientOrSupplier)
        message = MessageForm(
            kinds: message.kinds, languages: message.languages, emailConfigured: true, offerResolution: resolved,
            composing: true, kind: kind.rawValue, language: language.rawValue,
            reporter: reach.contains(.reporter) ? book.reporter : nil,
            reporterChecked: refused ? form.values["toReporter"] == "on" : true,
            parties: toClients
                ? book.parties.compactMap { party, address in
                    address.map {
                        MessageForm.Party(
                            id: party.id, name: party.name, address: $0,
                            checked: refused ? checkedParties.contains(party.id.uuidString) : kind == .resolved)
                    }
                } : [],
            directory: toClients
                ? book.directory.map {
                    MessageForm.Contact(
                        address: $0.email, label: "\($0.party) – \($0.name)",
                        selected: pickedContacts.contains($0.email))
                } : [],
            subject: draft.subject, body: draft.body)
        return message
    }

    /// `POST /incidents/{number}/messages`: the message as the form has it.
    func message(_ req: Request) async throws -> Response {
        try await perform(req, form: "message") { actions, number, fields in
            let typed = (fields.otherAddresses ?? "").split(whereSeparator: { ",; \n\r\t".contains($0) }).map(
                String.init)
            let request = IncidentActions.MessageRequest(
                kind: fields.messageKind.flatMap(MessageKind.init),
                language: fields.messageLanguage.flatMap(Language.init) ?? req.organisation.language,
                reporter: fields.toReporter == "on",
                parties: try (fields.toParties ?? []).enumerated().map { index, raw in
                    guard let id = UUID(uuidString: raw) else {
                        throw FieldError(field: "parties[\(index)]", problem: .unknown)
                    }
                    return id
                }, addresses: typed + (fields.toAddresses ?? []), subject: fields.subject ?? "",
                body: fields.body ?? "")
            do {
                _ = try await actions.sendMessage(
                    number, request, sender: try await req.messageSender(), expectedVersion: fields.version)
            } catch let error as FieldError {
                // The form's fields: a typed address, or whom it goes to as a whole.
                if error.field.hasPrefix("addresses[") {
                    let index = Int(error.field.dropFirst("addresses[".count).dropLast()) ?? 0
                    throw FieldError(
                        field: index < typed.count ? "otherAddresses" : "to", problem: error.problem, limit: error.limit
                    )
                }
                if error.field.hasPrefix("parties[") || error.field == "reporter" {
                    throw FieldError(field: "to", problem: error.problem, limit: error.limit)
                }
                throw error
            }
            return "incident.done.message"
        }
    }
}
