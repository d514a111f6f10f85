import FluentKit
import FluentSQL

/// Riposte's own page sessions, in place of Vapor's Fluent sessions (#13): one row per signed-in
/// browser, created at sign-in only (never for an anonymous visitor), keyed by the SHA-256 of
/// the cookie's token (a copy of the table signs nobody in), with the form token, when it
/// began and when it was last used (idle and absolute timeouts), and what the person sees in
/// their list of sessions. Vapor's table, which wrote a row on every page view, is dropped.
package struct CreateWebSessions: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("web_sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("user_agent", .string)
            .field("address", .string)
            .unique(on: "token_hash")
            .create()
        try await IndexBuilder.create("web_sessions_user", on: "web_sessions", columns: ["user_id"], in: database)
        try await IndexBuilder.create(
            "web_sessions_last_seen", on: "web_sessions", columns: ["last_seen_at"], in: database)
        try await VaporSessionsTable.drop(on: database)
    }

    package func revert(on database: any Database) async throws {
        try await VaporSessionsTable.create(on: database)
        try await database.schema("web_sessions").delete()
    }
}
