import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/account`: one's own password, sessions and API tokens (#13). After an administrator's
/// reset, the only page one may see until a new password is chosen.
struct AccountPageController {
    struct Page: Encodable {
        struct Session: Encodable {
            let id: UUID
            let createdAt: String
            let lastSeenAt: String
            let device: String
            let address: String
            let current: Bool
        }

        struct Token: Encodable {
            let id: UUID
            let name: String
            let createdAt: String
            let expiresAt: String
            let lastUsedAt: String
        }

        let page: PageFrame
        let mustChangePassword: Bool
        let sessions: [Session]
        let tokens: [Token]
        /// A token just made: shown on this answer only.
        let newToken: String?
        /// One's calendar feed: since when it exists; its address just made, shown on this answer only.
        let calendarSince: String?
        let newCalendar: String?
        /// Away until (a local date-time input), and each kind of event with whether it is mailed.
        let awayUntil: String
        let mailKinds: [MailKind]
        let form: FormState
    }

    struct ReachabilityFields: Content {
        var awayUntil: String?
        /// The kinds of event to mail (`mail[]`); those left out come in-app only.
        var mail: [String]?
    }

    struct MailKind: Encodable {
        let code: String
        let mailed: Bool
    }

    /// Away until a date (or back), and which kinds of event come by e-mail (#15 point 7).
    func changeReachability(_ req: Request) async throws -> Response {
        let fields = try req.content.decode(ReachabilityFields.self)
        let mailed = Set(fields.mail ?? [])
        let actions = try req.reachability
        do {
            let until = try req.parseLocal(fields.awayUntil).mapError {
                FieldError(field: "awayUntil", problem: $0.problem)
            }.get()
            try await actions.setAway(until: until)
            try await actions.setEmailOff(Set(NotificationEventKind.allCases.filter { !mailed.contains($0.rawValue) }))
        } catch {
            guard let error = APIError.refusing(error), error.field != nil else { throw error }
            var form = FormState(formName: "reachability")
            form.values["awayUntil"] = fields.awayUntil ?? ""
            form.errors["awayUntil"] = req.message(for: error)
            return try await render(req, form: form, alert: req.t("form.fix"), status: error.status)
        }
        req.leaveNotice("account.done.reachability")
        return req.redirect(to: .account)
    }

    func show(_ req: Request) async throws -> Response {
        try await render(req, form: FormState())
    }

    func changePassword(_ req: Request) async throws -> Response {
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        do {
            try await req.account.changePassword(
                current: fields["currentPassword"] ?? "", new: fields["newPassword"] ?? "",
                confirmation: fields["newPasswordConfirmation"] ?? "", keep: req.pageSession?.id)
        } catch {
            guard let error = APIError.refusing(error), error.field != nil else { throw error }
            var form = FormState(formName: "password")
            let field = error.field == "passwordConfirmation" ? "newPasswordConfirmation" : error.field!
            form.errors[field] = req.message(for: error)
            return try await render(req, form: form, alert: req.t("form.fix"), status: error.status)
        }
        req.leaveNotice("account.done.password")
        return req.redirect(to: .account)
    }

    func endSession(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.id, as: UUID.self),
            try await req.webSessions.end(id, of: try req.actingPerson.id)
        else { throw Refusal.notFound(.session) }
        if id == req.pageSession?.id { return req.redirect(to: .signIn()) }
        req.leaveNotice("account.done.session")
        return req.redirect(to: .account)
    }

    func createToken(_ req: Request) async throws -> Response {
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        let days = fields["expiresInDays"].flatMap { $0.isEmpty ? nil : $0 }
        var form = FormState(formName: "token", values: ["name": fields["name"] ?? "", "expiresInDays": days ?? ""])
        do {
            guard days == nil || Int(days!) != nil else {
                throw FieldError(field: "expiresInDays", problem: .invalid)
            }
            let made = try await req.account.createToken(
                for: try req.actingPerson.id, name: fields["name"] ?? "", expiresInDays: days.flatMap { Int($0) })
            return try await render(req, form: FormState(), newToken: made.token)
        } catch {
            guard let error = APIError.refusing(error), error.field != nil else { throw error }
            form.errors[error.field!] = req.message(for: error)
            return try await render(req, form: form, alert: req.t("form.fix"), status: error.status)
        }
    }

    func createCalendar(_ req: Request) async throws -> Response {
        let token = try await req.calendarActions.create(for: try req.actingPerson)
        return try await render(req, form: FormState(), newCalendar: req.calendarURL(token: token))
    }

    func revokeCalendar(_ req: Request) async throws -> Response {
        let person = try req.actingPerson
        _ = try await CalendarStore(database: req.db, gate: req.application.writeGate).revoke(for: person.id)
        req.leaveNotice("account.done.calendarRevoked")
        return req.redirect(to: .account)
    }

    func revokeToken(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.id, as: UUID.self) else { throw Refusal.notFound(.token) }
        // Here, one's own tokens only, whoever one is (administrators revoke others' by the API).
        guard try await req.account.tokens(all: false).contains(where: { $0.id == id }) else {
            throw Refusal.notFound(.token)
        }
        try await req.account.revokeToken(id)
        req.leaveNotice("account.done.revoked")
        return req.redirect(to: .account)
    }

    private func render(
        _ req: Request, form: FormState, alert: String? = nil, status: HTTPStatus = .ok, newToken: String? = nil,
        newCalendar: String? = nil
    ) async throws -> Response {
        let user = try req.actingPerson
        let current = req.pageSession?.id
        let reach = try await req.reachability.current()
        let page = Page(
            page: try await req.frame("account.title", alert: alert),
            mustChangePassword: req.pageSession?.mustChangePassword ?? false,
            sessions: try await req.webSessions.list(of: user.id).map {
                Page.Session(
                    id: $0.id, createdAt: req.display($0.createdAt), lastSeenAt: req.display($0.lastSeenAt),
                    device: $0.userAgent ?? "", address: $0.address ?? "", current: $0.id == current)
            },
            tokens: try await req.account.tokens(all: false).map {
                Page.Token(
                    id: $0.id, name: $0.name, createdAt: req.display($0.createdAt),
                    expiresAt: req.display($0.expiresAt), lastUsedAt: req.display($0.lastUsedAt))
            }, newToken: newToken,
            calendarSince: try await CalendarStore(database: req.db, gate: req.application.writeGate)
                .createdAt(for: user.id).map(req.display), newCalendar: newCalendar,
            awayUntil: form.values["awayUntil"] ?? req.localInput(reach.awayUntil),
            mailKinds: NotificationEventKind.allCases.map {
                MailKind(code: $0.rawValue, mailed: !reach.emailOff.contains($0))
            },
            form: form)
        let response = try await req.view.render("account", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
