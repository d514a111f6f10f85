import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// `/setup`: the first start (#3). Organisation, first administrator, default language and
/// time zone; then setup is gone for good: the page and a second POST are refused.
struct SetupController {
    struct SetupPage: Encodable {
        let page: PageFrame
        let form: FormState
        let languages: [PageFrame.Option]
        /// Which roles of the plan the first administrator holds (#19 point 3).
        let roleChoices: [PageFrame.Option]
        let roles: [PageFrame.Option]
    }

    struct SetupForm: Content {
        var organisation: String?
        var name: String?
        var email: String?
        var password: String?
        var passwordConfirmation: String?
        var language: String?
        var timeZone: String?
        var holds: String?
        var roles: [String]?
    }

    func show(_ req: Request) async throws -> Response {
        guard try await !req.application.setupDone(on: req.db.sql()) else { return req.redirect(to: .signIn()) }
        return try await render(
            req, form: FormState(values: ["timeZone": "Europe/Brussels", "holds": SetupRoles.all.rawValue]),
            language: nil)
    }

    func submit(_ req: Request) async throws -> Response {
        guard try await !req.application.setupDone(on: req.db.sql()) else {
            throw WebError(.forbidden, messageKey: "setup.done")
        }
        let input = try req.content.decode(SetupForm.self)
        var form = FormState(values: [
            "organisation": input.organisation ?? "", "name": input.name ?? "", "email": input.email ?? "",
            "timeZone": input.timeZone ?? "", "holds": input.holds ?? SetupRoles.admin.rawValue,
            "roles": (input.roles ?? []).joined(separator: ","),
        ])
        func check<T>(_ body: () throws(FieldError) -> T) -> T? {
            do { return try body() } catch {
                form.errors[error.field] = req.message(for: APIError(error))
                return nil
            }
        }
        let organisation = check { () throws(FieldError) in
            try TextRule.required(input.organisation ?? "", field: "organisation", max: FieldLimits.name)
        }
        let name = check { () throws(FieldError) in
            try TextRule.required(input.name ?? "", field: "name", max: FieldLimits.name)
        }
        let email = check { () throws(FieldError) in try CredentialRules.email(input.email ?? "") }
        let password = check { () throws(FieldError) in
            try req.application.passwordWork.check(
                input.password ?? "", confirmation: input.passwordConfirmation ?? "")
        }
        let roles = check { () throws(FieldError) in
            try SetupRoles.roles(choice: input.holds, ticked: input.roles ?? [])
        }
        let language = Language(rawValue: input.language ?? "") ?? .fallback
        let zone = TimeZone(identifier: (input.timeZone ?? "").trimmingCharacters(in: .whitespaces))
        if zone == nil { form.errors["timeZone"] = req.t("error.invalid") }
        guard let organisation, let name, let email, let password, let zone, let roles, form.errors.isEmpty else {
            return try await render(req, form: form, language: language, status: .unprocessableEntity)
        }
        let hash = try await req.hashPassword(password)
        let userID = UUID.random()
        let now = req.now
        do {
            try await req.application.writeGate.transaction(on: req.db) { tx in
                let sql = try tx.sql()
                // Inside the transaction: two setups at once, only one finds no user.
                if try await OrganisationStore.isSetUp(on: sql) {
                    throw WebError(.forbidden, messageKey: "setup.done")
                }
                try await OrganisationStore.create(
                    OrganisationSettings(name: organisation, language: language, timeZone: zone), at: now, on: sql)
                try await PeopleStore.insert(
                    id: userID, email: email, name: name, hash: hash, language: language, roles: roles, at: now,
                    on: sql)
            }
        } catch is WebError {
            throw WebError(.forbidden, messageKey: "setup.done")
        } catch {
            // The organisation's key is unique: a concurrent setup got there first.
            if try await req.application.setupDone(on: req.db.sql()) {
                throw WebError(.forbidden, messageKey: "setup.done")
            }
            throw error
        }
        try await SignInController.begin(req, userID: userID)
        req.pageLanguage = language
        req.leaveNotice("setup.welcome")
        return req.redirect(to: .home)
    }

    private func render(
        _ req: Request, form: FormState, language: Language?, status: HTTPStatus = .ok
    ) async throws
        -> Response
    {
        let ticked = Set((form.values["roles"] ?? "").split(separator: ",").map(String.init))
        let page = SetupPage(
            page: try await req.frame("setup.title"), form: form,
            languages: req.options(Language.allCases, selected: language ?? req.pageLanguage),
            roleChoices: req.options(SetupRoles.allCases, selected: SetupRoles(rawValue: form.values["holds"] ?? "")),
            roles: Role.allCases.filter { $0 != .admin && $0 != .reporter }.map {
                PageFrame.Option(code: $0.rawValue, selected: ticked.contains($0.rawValue))
            })
        let response = try await req.view.render("setup", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
