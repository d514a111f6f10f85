import Foundation
import RiposteCore
import SQLKit

/// People as the pages read them: who is signing in, who they are once signed in, the list the
/// administrator manages, and the language each chose.
package enum PeopleStore {
    /// What a sign-in checks: the stored hash, and whether the person was disabled.
    package struct Credentials: Sendable {
        package let id: UUID
        package let passwordHash: String
        package let disabled: Bool

        package init(id: UUID, passwordHash: String, disabled: Bool) {
            self.id = id
            self.passwordHash = passwordHash
            self.disabled = disabled
        }
    }

    /// A person as the administrator's page lists them.
    package struct Listed: Sendable {
        package let id: UUID
        package let name: String
        package let email: String
        package let roles: Set<Role>
        package let disabled: Bool

        package init(id: UUID, name: String, email: String, roles: Set<Role>, disabled: Bool) {
            self.id = id
            self.name = name
            self.email = email
            self.roles = roles
            self.disabled = disabled
        }
    }

    package static func credentials(email: String, on sql: any SQLDatabase) async throws -> Credentials? {
        guard
            let row = try await sql.raw("SELECT id, password_hash, disabled_at FROM users WHERE email = \(bind: email)")
                .first()
        else { return nil }
        return Credentials(
            id: try row.decode(column: "id", as: UUID.self),
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            disabled: try row.decode(column: "disabled_at", as: Date?.self) != nil)
    }

    /// The person behind a session: name, roles, chosen language, and whether they must choose
    /// a new password first.
    package static func person(
        _ id: UUID, on sql: any SQLDatabase
    ) async throws -> (user: ActingPerson, language: Language?, mustChangePassword: Bool)? {
        let rows = try await sql.raw(
            """
            SELECT users.name AS name, users.language AS language, users.must_change_password AS must_change, \
            role_assignments.role AS role
            FROM users LEFT JOIN role_assignments ON role_assignments.user_id = users.id
            WHERE users.id = \(bind: id)
            """
        ).all()
        guard let first = rows.first else { return nil }
        let roles = Set(try rows.compactMap { try $0.decode(column: "role", as: String?.self) }.compactMap(Role.init))
        let language = try first.decode(column: "language", as: String?.self).flatMap(Language.init(rawValue:))
        return (
            ActingPerson(id: id, name: try first.decode(column: "name", as: String.self), roles: roles), language,
            try first.decode(column: "must_change", as: Bool?.self) ?? false
        )
    }

    package static func name(of id: UUID, on sql: any SQLDatabase) async throws -> String? {
        try await sql.raw("SELECT name FROM users WHERE id = \(bind: id)").first()?.decode(
            column: "name", as: String.self)
    }

    package enum Order: String { case name, email }

    /// The accounts machines and outsiders' reports are filed by (monitoring integrations, report
    /// links): no person, they never sign in.
    private static let serviceAccounts =
        "SELECT service_user FROM integrations UNION SELECT service_user FROM report_links"

    package static func isServiceAccount(_ id: UUID, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw(
            "SELECT 1 AS found FROM users WHERE id = \(bind: id) AND id IN (\(unsafeRaw: serviceAccounts))"
        ).first() != nil
    }

    /// Everyone, in the database's order of names or addresses, with their roles; `peopleOnly`
    /// leaves the service accounts out (the lists of people), else they are there for their names.
    package static func all(
        by order: Order = .name, peopleOnly: Bool = false, on sql: any SQLDatabase
    ) async throws -> [Listed] {
        var roles: [UUID: Set<Role>] = [:]
        for row in try await sql.raw("SELECT user_id, role FROM role_assignments").all() {
            guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { continue }
            roles[try row.decode(column: "user_id", as: UUID.self), default: []].insert(role)
        }
        return try await sql.raw(
            """
            SELECT id, name, email, disabled_at FROM users \
            \(unsafeRaw: peopleOnly ? "WHERE id NOT IN (\(serviceAccounts)) " : "")ORDER BY \(unsafeRaw: order.rawValue)
            """
        ).all().map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return Listed(
                id: id, name: try row.decode(column: "name", as: String.self),
                email: try row.decode(column: "email", as: String.self), roles: roles[id] ?? [],
                disabled: try row.decode(column: "disabled_at", as: Date?.self) != nil)
        }
    }

    /// The language a person chose for the pages and what they are sent.
    package static func setLanguage(_ language: Language, of id: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE users SET language = \(bind: language.rawValue) WHERE id = \(bind: id)").run()
    }

    package static func email(of id: UUID, on sql: any SQLDatabase) async throws -> String? {
        try await sql.raw("SELECT email FROM users WHERE id = \(bind: id)").first()?.decode(
            column: "email", as: String.self)
    }

    package static func emailTaken(_ email: String, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT id FROM users WHERE email = \(bind: email)").first() != nil
    }

    package static func exists(_ id: UUID, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT id FROM users WHERE id = \(bind: id)").first() != nil
    }

    /// How many people other than `id`, not disabled, hold the admin role.
    package static func otherActiveAdmins(than id: UUID, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw(
            """
            SELECT COUNT(*) AS n FROM role_assignments WHERE role = 'admin' AND user_id <> \(bind: id) \
            AND user_id IN (SELECT id FROM users WHERE disabled_at IS NULL)
            """
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Someone who may be designated on an incident: a person not disabled, and their roles.
    package static func designee(_ id: UUID, on sql: any SQLDatabase) async throws -> Designee? {
        guard
            let row = try await sql.raw("SELECT name FROM users WHERE id = \(bind: id) AND disabled_at IS NULL").first()
        else { return nil }
        return Designee(
            id: id, name: try row.decode(column: "name", as: String.self), roles: try await roles(of: id, on: sql))
    }

    package static func roles(of id: UUID, on sql: any SQLDatabase) async throws -> Set<Role> {
        Set(
            try await sql.raw("SELECT role FROM role_assignments WHERE user_id = \(bind: id)").all()
                .compactMap { Role(rawValue: try $0.decode(column: "role", as: String.self)) })
    }

    package static func replaceRoles(of id: UUID, with roles: Set<Role>, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM role_assignments WHERE user_id = \(bind: id)").run()
        try await insertRoles(roles, of: id, on: sql)
    }

    /// A person and their roles, already checked (the first administrator of setup, too).
    package static func insert(
        id: UUID, email: String, name: String, hash: String, language: Language?, roles: Set<Role>, at now: Date,
        on sql: any SQLDatabase
    ) async throws {
        try await sql.raw(
            """
            INSERT INTO users (id, email, name, password_hash, language, created_at) VALUES \
            (\(bind: id), \(bind: email), \(bind: name), \(bind: hash), \(bind: language?.rawValue), \(bind: now))
            """
        ).run()
        try await insertRoles(roles, of: id, on: sql)
    }

    private static func insertRoles(_ roles: Set<Role>, of userID: UUID, on sql: any SQLDatabase) async throws {
        for role in roles.sorted(by: { $0.rawValue < $1.rawValue }) {
            try await sql.raw(
                """
                INSERT INTO role_assignments (id, user_id, role) VALUES \
                (\(bind: UUID.random()), \(bind: userID), \(bind: role.rawValue))
                """
            ).run()
        }
    }
}

extension PeopleStore {
    /// What a person chose about being reached (#15 point 7): away until when, and the kinds of
    /// event they get in-app only.
    package struct Reachability: Sendable, Equatable {
        package let awayUntil: Date?
        package let emailOff: Set<NotificationEventKind>

        package init(awayUntil: Date?, emailOff: Set<NotificationEventKind>) {
            self.awayUntil = awayUntil
            self.emailOff = emailOff
        }
    }

    package static func reachability(of id: UUID, on sql: any SQLDatabase) async throws -> Reachability {
        let row = try await sql.raw("SELECT away_until, email_off FROM users WHERE id = \(bind: id)").first()
        return Reachability(
            awayUntil: try row?.decode(column: "away_until", as: Date?.self),
            emailOff: Set(
                (try row?.decode(column: "email_off", as: String?.self) ?? "").split(separator: ",")
                    .compactMap { NotificationEventKind(rawValue: String($0)) }))
    }

    package static func setAway(until date: Date?, of id: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE users SET away_until = \(bind: date) WHERE id = \(bind: id)").run()
    }

    package static func setEmailOff(
        _ kinds: Set<NotificationEventKind>, of id: UUID, on sql: any SQLDatabase
    )
        async throws
    {
        let text = kinds.map(\.rawValue).sorted().joined(separator: ",")
        try await sql.raw("UPDATE users SET email_off = \(bind: text) WHERE id = \(bind: id)").run()
    }
}
