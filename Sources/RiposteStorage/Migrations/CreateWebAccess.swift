import FluentKit
import FluentSQL

/// What the web pages need (#3): the organisation chosen at setup (one row, key `default`,
/// so a second setup cannot insert another), sign-in failures per account and per address
/// (shared by every instance), and the sessions table of Vapor's Fluent driver.
package struct CreateWebAccess: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("organisation")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("language", .string, .required)
            .field("time_zone", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("sign_in_failures")
            .field("key", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("window_started_at", .datetime, .required)
            .field("locked_until", .datetime)
            .create()
        try await VaporSessionsTable.create(on: database)
    }

    package func revert(on database: any Database) async throws {
        try await VaporSessionsTable.drop(on: database)
        try await database.schema("sign_in_failures").delete()
        try await database.schema("organisation").delete()
    }
}
