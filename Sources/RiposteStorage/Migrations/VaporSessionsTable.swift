import FluentKit
import FluentSQL

/// The table Vapor's Fluent sessions kept, one row per browser: created by an early migration
/// and dropped when Riposte's own sessions replaced it (`CreateWebSessions`). Declared here so
/// the migrations replay the same history on a new database without Vapor.
package enum VaporSessionsTable {
    package static let name = "_fluent_sessions"

    package static func create(on database: any Database) async throws {
        try await database.schema(name)
            .id()
            .field("key", .string, .required)
            .field("data", .json, .required)
            .unique(on: "key")
            .create()
    }

    package static func drop(on database: any Database) async throws {
        try await database.schema(name).delete()
    }
}
