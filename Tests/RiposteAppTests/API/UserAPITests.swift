import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Users and roles (API)")
struct UserAPITests {
    struct UserJSON: Decodable {
        let id: UUID
        let email: String
        let roles: [String]
    }

    @Test("a change of roles applies to the person's very next API request") func rolesApplyAtOnce() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let person = try await t.user([.reporter])
            func listUsers() async throws -> HTTPStatus { try await t.send(.GET, "/api/v1/users", as: person).status }
            // Each answer is read while the token's roles are kept in memory from the last one.
            #expect(try await listUsers() == .forbidden)
            let granted = try await t.send(
                .PUT, "/api/v1/users/\(person.id)/roles", as: admin, json: #"{"roles":["admin","reporter"]}"#)
            #expect(granted.status == .ok)
            #expect(try await listUsers() == .ok)
            let withdrawn = try await t.send(
                .PUT, "/api/v1/users/\(person.id)/roles", as: admin, json: #"{"roles":["reporter"]}"#)
            #expect(withdrawn.status == .ok)
            #expect(try await listUsers() == .forbidden)
        }
    }

    @Test("an admin creates people with roles and changes them; others may not") func users() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let manager = try await t.user([.incidentManager])
            let created = try await t.send(
                .POST, "/api/v1/users", as: admin,
                json:
                    #"{"email":"Crise@Example.test","name":"Claire","password":"a long passphrase","roles":["crisis_manager"]}"#
            )
            #expect(created.status == .created)
            let user = try created.decode(UserJSON.self)
            #expect(user.email == "crise@example.test")
            #expect(user.roles == ["crisis_manager"])
            let changed = try await t.send(
                .PUT, "/api/v1/users/\(user.id)/roles", as: admin,
                json: #"{"roles":["crisis_manager","continuity_manager"]}"#)
            #expect(changed.status == .ok)
            #expect(try changed.decode(UserJSON.self).roles == ["continuity_manager", "crisis_manager"])
            let before = try await t.snapshot()
            let refusals: [(HTTPMethod, String, Caller, String, HTTPStatus, String)] = [
                (
                    .POST, "/api/v1/users", manager,
                    #"{"email":"x@example.test","name":"X","password":"a long passphrase"}"#, .forbidden, "forbidden"
                ),
                (
                    .POST, "/api/v1/users", admin,
                    #"{"email":"crise@example.test","name":"X","password":"a long passphrase"}"#, .conflict,
                    "already_exists"
                ),
                (
                    .POST, "/api/v1/users", admin, #"{"email":"y@example.test","name":"Y","password":"short"}"#,
                    .unprocessableEntity, "out_of_range"
                ),
                (
                    .POST, "/api/v1/users", admin, #"{"email":"nope","name":"Y","password":"a long passphrase"}"#,
                    .unprocessableEntity, "invalid"
                ),
                (
                    .POST, "/api/v1/users", admin,
                    #"{"email":"z@example.test","name":"Z","password":"a long passphrase","roles":["boss"]}"#,
                    .unprocessableEntity, "invalid"
                ),
                (.PUT, "/api/v1/users/\(UUID())/roles", admin, #"{"roles":[]}"#, .notFound, "not_found"),
                (.PUT, "/api/v1/users/\(admin.id)/roles", admin, #"{"roles":["reporter"]}"#, .conflict, "last_admin"),
                (.PUT, "/api/v1/users/\(user.id)/roles", manager, #"{"roles":["admin"]}"#, .forbidden, "forbidden"),
            ]
            for (method, path, caller, json, status, code) in refusals {
                let response = try await t.send(method, path, as: caller, json: json)
                #expect(response.status == status, "\(path) \(json): \(response.body.string)")
                #expect((try? response.apiError().code) == code, "\(path) \(json)")
            }
            #expect(try await t.snapshot() == before)
            let list = try await t.send(.GET, "/api/v1/users", as: admin)
            #expect(list.status == .ok)
            #expect(!list.body.string.contains("password"))
            #expect(try await t.send(.GET, "/api/v1/users", as: manager).status == .forbidden)
        }
    }
}
