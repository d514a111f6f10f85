import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/contacts`: the contact directory of annex 1, what it lacks, and (for the administrator)
/// the form to add a role, service, supplier or client with its principal and backup.
struct ContactsPageController {
    struct Page: Encodable {
        struct Contact: Encodable {
            let rank: String
            let name: String
            let function: String
            let email: String?
            let phone: String
            let mobile: String
        }

        struct Party: Encodable {
            let id: UUID
            let label: String
            let contractReference: String?
            let contacts: [Contact]
        }

        struct Group: Encodable {
            let kind: String
            let parties: [Party]
        }

        struct Gap: Encodable {
            let label: String
            let contacts: Int
        }

        let page: PageFrame
        let gaps: [Gap]
        let groups: [Group]
        let canEdit: Bool
        let kinds: [PageFrame.Option]
        let roles: [String]
        /// The principal's and the backup's fields, as typed or as stored for the party edited.
        let ranks: [RankFields]
        let form: FormState
        /// The party whose fields the form holds, saved in its place; nil: a new one.
        let editing: UUID?
        /// The report links (#18 point 1): the general one, then each client's and supplier's.
        let reportLinks: [ReportLinkLine]
        /// The address of the link just made or renewed, shown once; "" otherwise.
        let newLink: String
        let newLinkFor: String
        /// The intake mailbox and the helpdesk's phone, as stored or as typed in a refused form.
        let reporting: Reporting

        struct Reporting: Encodable {
            let mailbox: String
            let phone: String
            let errors: [String: String]
        }

        struct ReportLinkLine: Encodable {
            /// The party's id, or `general`.
            let id: String
            let label: String
            let active: Bool
            let since: String
        }

        struct RankFields: Encodable {
            let rank: String
            let name: String
            let function: String
            let email: String
            let phone: String
            let mobile: String
        }
    }

    /// The directory; `?edit=<id>` fills the form with that party's fields, to save in its place.
    func show(_ req: Request) async throws -> Response {
        guard let raw = req.query[String.self, at: "edit"] else { return try await render(req, form: FormState()) }
        guard let id = UUID(uuidString: raw),
            let party = try await req.preparation.parties().first(where: { $0.id == id })
        else { throw Refusal.notFound(.party) }
        var values = [
            "kind": party.kind.rawValue, "name": party.name, "contractReference": party.contractReference ?? "",
        ]
        for contact in party.contacts {
            let rank = contact.rank.rawValue
            values["\(rank)Name"] = contact.name
            values["\(rank)Function"] = contact.function ?? ""
            values["\(rank)Email"] = contact.email ?? ""
            values["\(rank)Phone"] = contact.phone ?? ""
            values["\(rank)Mobile"] = contact.mobile ?? ""
        }
        return try await render(req, form: FormState(values: values), editing: id)
    }

    func create(_ req: Request) async throws -> Response {
        try await save(req, replacing: nil)
    }

    /// The party's fields saved in its place (its contacts replaced).
    func update(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.id, as: UUID.self) else { throw Refusal.notFound(.party) }
        return try await save(req, replacing: id)
    }

    func delete(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.id, as: UUID.self) else { throw Refusal.notFound(.party) }
        try await req.preparation.delete(id)
        req.leaveNotice("contacts.done.deleted")
        return req.redirect(to: .contacts)
    }

    private func save(_ req: Request, replacing id: UUID?) async throws -> Response {
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        let kind = PartyKind(rawValue: fields["kind"] ?? "") ?? .service
        var contacts: [PreparationActions.ContactInput] = []
        for rank in [ContactRank.principal, .backup] {
            let name = fields["\(rank.rawValue)Name"]?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !name.isEmpty else { continue }
            contacts.append(
                PreparationActions.ContactInput(
                    rank: rank, name: name, function: fields["\(rank.rawValue)Function"],
                    email: fields["\(rank.rawValue)Email"], phone: fields["\(rank.rawValue)Phone"],
                    mobile: fields["\(rank.rawValue)Mobile"]))
        }
        var form = FormState(values: fields.filter { $0.key != "_csrf" })
        do {
            try await req.preparation.save(
                PreparationActions.PartyInput(
                    kind: kind, name: fields["name"] ?? "", contractReference: fields["contractReference"],
                    contacts: contacts), replacing: id)
            req.leaveNotice("contacts.done")
            return req.redirect(to: .contacts)
        } catch {
            guard let error = APIError.refusing(error), error.status != .forbidden else { throw error }
            form.errors[error.field?.hasPrefix("contacts") == true ? "contacts" : (error.field ?? "name")] =
                req.message(for: error)
            return try await render(req, form: form, editing: id, status: error.status)
        }
    }

    /// The reporting means' form: the refused one as typed, else what is stored.
    private func reporting(_ req: Request, form: FormState) async throws -> Page.Reporting {
        if form.formName == "reporting" {
            return Page.Reporting(
                mailbox: form.values["mailbox"] ?? "", phone: form.values["phone"] ?? "", errors: form.errors)
        }
        let means = try await req.reportLinks.means()
        return Page.Reporting(mailbox: means.mailbox ?? "", phone: means.phone ?? "", errors: [:])
    }

    func render(
        _ req: Request, form: FormState, editing: UUID? = nil, newLink: (url: String, label: String)? = nil,
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let preparation = try req.preparation
        let parties = try await preparation.parties()
        let canEdit = preparation.actor.can(.manageSettings)
        let label = { (kind: PartyKind, name: String) -> String in
            kind == .role ? req.t("role.\(name)") : name
        }
        let gaps = ContactDirectory.gaps(parties: parties.map { ($0.kind, $0.name, $0.contacts.map(\.rank)) })
        let page = Page(
            page: try await req.frame("contacts.title", alert: form.errors.isEmpty ? nil : req.t("form.fix")),
            gaps: gaps.map { Page.Gap(label: label($0.kind, $0.name), contacts: $0.contacts) },
            groups: PartyKind.allCases.map { kind in
                Page.Group(
                    kind: kind.rawValue,
                    parties: parties.filter { $0.kind == kind }.map { party in
                        Page.Party(
                            id: party.id, label: label(party.kind, party.name),
                            contractReference: party.contractReference,
                            contacts: party.contacts.map {
                                Page.Contact(
                                    rank: $0.rank.rawValue, name: $0.name, function: $0.function ?? "", email: $0.email,
                                    phone: $0.phone ?? "", mobile: $0.mobile ?? "")
                            })
                    })
            },
            canEdit: canEdit,
            kinds: req.options(PartyKind.allCases, selected: PartyKind(rawValue: form.values["kind"] ?? "")),
            roles: Role.allCases.filter { $0 != .reporter && $0 != .admin }.map(\.rawValue),
            ranks: [ContactRank.principal, .backup].map(\.rawValue).map { rank in
                func value(_ field: String) -> String { form.values["\(rank)\(field)"] ?? "" }
                return Page.RankFields(
                    rank: rank, name: value("Name"), function: value("Function"), email: value("Email"),
                    phone: value("Phone"), mobile: value("Mobile"))
            }, form: form, editing: editing,
            reportLinks: canEdit ? try await reportLinks(req, parties: parties) : [],
            newLink: newLink?.url ?? "", newLinkFor: newLink?.label ?? "",
            reporting: try await reporting(req, form: form))
        let response = try await req.view.render("contacts", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
