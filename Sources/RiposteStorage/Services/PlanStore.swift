import Foundation
import RiposteCore
import SQLKit

/// The published versions of the plan, who acknowledged them, and what the plan document is
/// written from.
package enum PlanStore {
    package struct Version: Sendable {
        package let number: Int
        package let publishedAt: Date
        package let publishedBy: String?
        package let language: Language
        package let content: String?

        package init(number: Int, publishedAt: Date, publishedBy: String?, language: Language, content: String?) {
            self.number = number
            self.publishedAt = publishedAt
            self.publishedBy = publishedBy
            self.language = language
            self.content = content
        }
    }

    /// The parts of the plan the organisation wrote (#20 point 3), one `plan_settings` row each.
    package static func sections(on sql: any SQLDatabase) async throws -> [PlanSection: String] {
        var sections: [PlanSection: String] = [:]
        for row in try await sql.raw("SELECT key, value FROM plan_settings WHERE key LIKE 'section.%'").all() {
            let key = try row.decode(column: "key", as: String.self).dropFirst("section.".count)
            if let section = PlanSection(rawValue: String(key)) {
                sections[section] = try row.decode(column: "value", as: String.self)
            }
        }
        return sections
    }

    /// Replaces a section's text; an empty one is removed.
    package static func setSection(_ section: PlanSection, to text: String, on sql: any SQLDatabase) async throws {
        try await PlanSettingRow.put("section." + section.rawValue, text.isEmpty ? nil : text, on: sql)
    }

    package static func latestNumber(on sql: any SQLDatabase) async throws -> Int? {
        try await sql.raw("SELECT MAX(number) AS n FROM plan_versions").first()?.decode(column: "n", as: Int?.self)
    }

    /// Keeps a version; its number is the key, so two publications at once cannot both take it.
    package static func insert(
        number: Int, content: String, language: Language, at now: Date, by author: UUID, on sql: any SQLDatabase
    ) async throws {
        try await sql.raw(
            """
            INSERT INTO plan_versions (number, content, language, published_at, published_by) VALUES \
            (\(bind: number), \(bind: content), \(bind: language.rawValue), \(bind: now), \(bind: author))
            """
        ).run()
    }

    /// Every version, newest first, without its text.
    package static func versions(on sql: any SQLDatabase) async throws -> [Version] {
        try await sql.raw(
            """
            SELECT plan_versions.number AS number, plan_versions.published_at AS published_at, \
            plan_versions.language AS language, users.name AS name FROM plan_versions \
            LEFT JOIN users ON users.id = plan_versions.published_by ORDER BY plan_versions.number DESC
            """
        ).all().map { try version($0, content: nil) }
    }

    package static func version(_ number: Int, on sql: any SQLDatabase) async throws -> Version? {
        guard
            let row = try await sql.raw(
                """
                SELECT plan_versions.number AS number, plan_versions.published_at AS published_at, \
                plan_versions.language AS language, plan_versions.content AS content, users.name AS name \
                FROM plan_versions LEFT JOIN users ON users.id = plan_versions.published_by \
                WHERE plan_versions.number = \(bind: number)
                """
            ).first()
        else { return nil }
        return try version(row, content: try row.decode(column: "content", as: String.self))
    }

    private static func version(_ row: any SQLRow, content: String?) throws -> Version {
        Version(
            number: try row.decode(column: "number", as: Int.self),
            publishedAt: try row.decode(column: "published_at", as: Date.self),
            publishedBy: try row.decode(column: "name", as: String?.self),
            language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .fallback,
            content: content)
    }

    package static func hasAcknowledged(_ version: Int, person: UUID, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw(
            "SELECT id FROM plan_acknowledgements WHERE version = \(bind: version) AND user_id = \(bind: person)"
        ).first() != nil
    }

    package static func acknowledge(_ version: Int, person: UUID, at now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO plan_acknowledgements (id, version, user_id, acknowledged_at) VALUES \
            (\(bind: UUID.random()), \(bind: version), \(bind: person), \(bind: now))
            """
        ).run()
    }

    /// Everyone, by name, with when they acknowledged `version` (nil: not yet).
    package static func acknowledgements(
        of version: Int, on sql: any SQLDatabase
    ) async throws -> [(id: UUID, name: String, at: Date?)] {
        try await sql.raw(
            """
            SELECT users.id AS id, users.name AS name, plan_acknowledgements.acknowledged_at AS at FROM users \
            LEFT JOIN plan_acknowledgements ON plan_acknowledgements.user_id = users.id \
            AND plan_acknowledgements.version = \(bind: version) ORDER BY users.name
            """
        ).all().map {
            (
                try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "name", as: String.self),
                try $0.decode(column: "at", as: Date?.self)
            )
        }
    }

    /// When the plan was last published, and how many incidents were closed since.
    /// When the latest version was published, if one was.
    package static func lastPublishedAt(on sql: any SQLDatabase) async throws -> Date? {
        try await sql.raw("SELECT MAX(published_at) AS at FROM plan_versions").first()?.decode(
            column: "at", as: Date?.self)
    }

    package static func lastPublication(on sql: any SQLDatabase) async throws -> (at: Date?, closedSince: Int) {
        guard
            let last = try await sql.raw("SELECT MAX(published_at) AS at FROM plan_versions").first()?
                .decode(column: "at", as: Date?.self)
        else { return (nil, 0) }
        let closed =
            try await sql.raw(
                "SELECT COUNT(*) AS n FROM incidents WHERE closed_at > \(bind: last) AND exercise IS NULL"
            ).first()?
            .decode(column: "n", as: Int.self) ?? 0
        return (last, closed)
    }

    /// When the latest exercise was filed (#20), if there ever was one; a drill set aside
    /// (rejected) was not run.
    package static func lastExerciseAt(on sql: any SQLDatabase) async throws -> Date? {
        try await sql.raw(
            "SELECT MAX(reported_at) AS at FROM incidents WHERE exercise IS NOT NULL AND status <> 'rejected'"
        ).first()?.decode(column: "at", as: Date?.self)
    }

    /// Who holds each role, by name: people who can sign in, not those disabled.
    package static func holders(on sql: any SQLDatabase) async throws -> [Role: [String]] {
        var holders: [Role: [String]] = [:]
        for row in try await sql.raw(
            """
            SELECT users.name AS name, role_assignments.role AS role FROM role_assignments \
            JOIN users ON users.id = role_assignments.user_id WHERE users.disabled_at IS NULL
            """
        ).all() {
            if let role = Role(rawValue: try row.decode(column: "role", as: String.self)) {
                holders[role, default: []].append(try row.decode(column: "name", as: String.self))
            }
        }
        return holders
    }
}
