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
        let ranks: [String]
        let form: FormState
    }

    func show(_ req: Request) async throws -> Response {
        try await render(req, form: FormState())
    }

    func create(_ req: Request) async throws -> Response {
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
        var form = FormState(values: [
            "kind": kind.rawValue, "name": fields["name"] ?? "", "contractReference": fields["contractReference"] ?? "",
        ])
        do {
            try await req.preparation.save(
                PreparationActions.PartyInput(
                    kind: kind, name: fields["name"] ?? "", contractReference: fields["contractReference"],
                    contacts: contacts))
            req.leaveNotice("contacts.done")
            return req.redirect(to: .contacts)
        } catch {
            guard let error = APIError.refusing(error), error.status != .forbidden else { throw error }
            form.errors[error.field?.hasPrefix("contacts") == true ? "contacts" : (error.field ?? "name")] =
                req.message(for: error)
            return try await render(req, form: form, status: error.status)
        }
    }

    private func render(_ req: Request, form: FormState, status: HTTPStatus = .ok) async throws -> Response {
        let preparation = try req.preparation
        let parties = try await preparation.parties()
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
                            label: label(party.kind, party.name), contractReference: party.contractReference,
                            contacts: party.contacts.map {
                                Page.Contact(
                                    rank: $0.rank.rawValue, name: $0.name, function: $0.function ?? "", email: $0.email,
                                    phone: $0.phone ?? "", mobile: $0.mobile ?? "")
                            })
                    })
            },
            canEdit: preparation.actor.can(.manageSettings),
            kinds: req.options(PartyKind.allCases, selected: PartyKind(rawValue: form.values["kind"] ?? "")),
            roles: Role.allCases.filter { $0 != .reporter && $0 != .admin }.map(\.rawValue),
            ranks: [ContactRank.principal.rawValue, ContactRank.backup.rawValue], form: form)
        let response = try await req.view.render("contacts", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
