import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/api/v1/account/password` and `/api/v1/tokens`: one's own password and API tokens, and an
/// administrator's view of everyone's tokens (#13).
struct AccountAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("account", "password", use: changePassword)
        routes.get("tokens", use: tokens)
        routes.post("tokens", use: createToken)
        routes.delete("tokens", ":tokenId", use: revokeToken)
    }

    struct PasswordBody: Content {
        let currentPassword: String
        let newPassword: String
    }

    struct NewTokenBody: Content {
        let name: String
        let expiresInDays: Int?
        /// Someone else's token (administrators); oneself by default.
        let userId: UUID?
    }

    struct TokenDTO: Content {
        let id: UUID
        let userId: UUID
        let userEmail: String
        let name: String
        let createdAt: Date
        let expiresAt: Date?
        let lastUsedAt: Date?

        init(_ token: AccountStore.Token) {
            (id, userId, userEmail, name) = (token.id, token.userID, token.userEmail, token.name)
            (createdAt, expiresAt, lastUsedAt) = (token.createdAt, token.expiresAt, token.lastUsedAt)
        }
    }

    struct NewTokenDTO: Content {
        /// The token itself, in this answer only: only its digest is kept.
        let token: String
        let item: TokenDTO
    }

    /// A new password; every page session of the person ends (tokens stay).
    func changePassword(_ req: Request) async throws -> HTTPStatus {
        let body = try req.decodeBody(PasswordBody.self)
        try await req.account.changePassword(
            current: body.currentPassword, new: body.newPassword, confirmation: nil, keep: nil)
        return .noContent
    }

    func tokens(_ req: Request) async throws -> Response {
        let query = req.queryParameters
        try query.refuseUnknown(["all"])
        let all: Bool
        switch try query.value("all") {
        case nil, "false": all = false
        case "true": all = true
        default: throw FieldError(field: "all", problem: .invalid)
        }
        return try Response.json(["items": try await req.account.tokens(all: all).map(TokenDTO.init)])
    }

    func createToken(_ req: Request) async throws -> Response {
        let body = try req.decodeBody(NewTokenBody.self)
        let made = try await req.account.createToken(
            for: body.userId ?? (try req.actingPerson.id), name: body.name, expiresInDays: body.expiresInDays)
        let response = try Response.json(NewTokenDTO(token: made.token, item: TokenDTO(made.entry)), status: .created)
        response.headers.replaceOrAdd(
            name: "Location", value: "/api/v1/tokens/\(made.entry.id.uuidString.lowercased())")
        return response
    }

    func revokeToken(_ req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("tokenId", as: UUID.self) else { throw Refusal.notFound(.token) }
        try await req.account.revokeToken(id)
        return .noContent
    }
}
