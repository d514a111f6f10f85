import Foundation
import RiposteCore
import SQLKit

/// The organisation's settings from setup, read once per page request (every instance sees
/// a change at once).
package struct OrganisationSettings: Sendable {
    package var name: String
    package var language: Language
    package var timeZone: TimeZone

    package init(name: String, language: Language, timeZone: TimeZone) {
        self.name = name
        self.language = language
        self.timeZone = timeZone
    }

    package static let beforeSetup = OrganisationSettings(
        name: "Riposte", language: .fallback, timeZone: TimeZone(identifier: "Europe/Brussels") ?? .gmt)
}

/// The organisation, as setup made it: its name, language and time zone.
package enum OrganisationStore {
    package static func settings(on sql: any SQLDatabase) async throws -> OrganisationSettings? {
        guard let row = try await sql.raw("SELECT name, language, time_zone FROM organisation LIMIT 1").first() else {
            return nil
        }
        return OrganisationSettings(
            name: try row.decode(column: "name", as: String.self),
            language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .fallback,
            timeZone: TimeZone(identifier: try row.decode(column: "time_zone", as: String.self)) ?? .gmt)
    }

    /// Whether setup was done: someone exists (people are disabled, never all removed).
    /// No organisation, nobody, no incident: a database `riposte demo` may fill.
    package static func holdsNothing(on sql: any SQLDatabase) async throws -> Bool {
        for table in ["organisation", "users", "incidents"] {
            if try await sql.raw("SELECT 1 AS one FROM \(unsafeRaw: table) LIMIT 1").first() != nil { return false }
        }
        return true
    }

    package static func isSetUp(on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT 1 AS one FROM users LIMIT 1").first() != nil
    }

    /// Setup's organisation row (in setup's transaction, after `isSetUp` said no).
    package static func create(_ settings: OrganisationSettings, at now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO organisation (id, name, language, time_zone, created_at) VALUES \
            ('default', \(bind: settings.name), \(bind: settings.language.rawValue), \
            \(bind: settings.timeZone.identifier), \(bind: now))
            """
        ).run()
    }
}
