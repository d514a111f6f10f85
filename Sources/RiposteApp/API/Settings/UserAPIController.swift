import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// `/api/v1/users`: who holds each role of the plan (#4 settings). Administrators only.
struct UserAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("users", use: list)
        routes.post("users", use: create)
        routes.put("users", ":userId", "roles", use: setRoles)
        routes.post("users", ":userId", "disable", use: disable)
        routes.post("users", ":userId", "enable", use: enable)
        routes.post("users", ":userId", "password-reset", use: resetPassword)
    }

    func disable(_ req: Request) async throws -> Response {
        try await setDisabled(req, true)
    }

    func enable(_ req: Request) async throws -> Response {
        try await setDisabled(req, false)
    }

    private func setDisabled(_ req: Request, _ disabled: Bool) async throws -> Response {
        guard let id = req.parameters.get("userId", as: UUID.self) else { throw Refusal.notFound(.user) }
        try await req.account.setDisabled(id, disabled)
        return try Response.json(try await Self.users(on: req.db.sql()).first { $0.id == id })
    }

    struct TemporaryPasswordDTO: Content {
        let temporaryPassword: String
    }

    /// A temporary password, in this answer only; to be changed at the next sign-in.
    func resetPassword(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("userId", as: UUID.self) else { throw Refusal.notFound(.user) }
        let password = try await req.account.resetPassword(of: id)
        return try Response.json(TemporaryPasswordDTO(temporaryPassword: password), status: .created)
    }

    struct UserDTO: Content {
        let id: UUID
        let email: String
        let name: String
        let roles: [Role]
        /// Disabled people cannot sign in or use a token; they stay on the journal.
        let disabled: Bool
    }

    struct NewUserBody: Content {
        let email: String
        let name: String
        let password: String
        let roles: [Role]?
    }

    struct RolesBody: Content {
        let roles: [Role]
    }

    func list(_ req: Request) async throws -> Response {
        guard try req.actingPerson.can(.manageUsers) else { throw LifecycleError.forbidden(.manageUsers) }
        return try Response.json(["items": try await Self.users(on: req.db.sql())])
    }

    func create(_ req: Request) async throws -> Response {
        let admin = try req.admin
        guard admin.actor?.can(.manageUsers) == true else { throw LifecycleError.forbidden(.manageUsers) }
        let body = try req.decodeBody(NewUserBody.self)
        let id = try await admin.createUser(
            email: body.email, name: body.name, password: body.password, roles: Set(body.roles ?? []))
        let user = try await Self.users(on: req.db.sql()).first { $0.id == id }
        let response = try Response.json(user, status: .created)
        response.headers.replaceOrAdd(name: "Location", value: "/api/v1/users/\(id.uuidString.lowercased())")
        return response
    }

    func setRoles(_ req: Request) async throws -> Response {
        let admin = try req.admin
        guard admin.actor?.can(.manageUsers) == true else { throw LifecycleError.forbidden(.manageUsers) }
        guard let id = req.parameters.get("userId", as: UUID.self) else { throw Refusal.notFound(.user) }
        let body = try req.decodeBody(RolesBody.self)
        try await admin.setRoles(of: id, to: Set(body.roles))
        return try Response.json(try await Self.users(on: req.db.sql()).first { $0.id == id })
    }

    static func users(on sql: any SQLDatabase) async throws -> [UserDTO] {
        try await PeopleStore.all(by: .email, peopleOnly: true, on: sql).map { person in
            UserDTO(
                id: person.id, email: person.email, name: person.name,
                roles: person.roles.sorted { $0.rawValue < $1.rawValue }, disabled: person.disabled)
        }
    }
}
