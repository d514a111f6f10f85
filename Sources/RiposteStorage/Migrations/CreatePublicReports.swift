import FluentKit
import FluentSQL

/// Reports from outside (#18 point 1). `report_links`: a client's or supplier's own link, or
/// the organisation's general one (`scope`: the party's id, or `general`), its secret as a
/// SHA-256 only (none while revoked) and the service account its reports are filed by.
/// `public_reports`: who reported an incident through a link, how to reach them, the follow-up
/// link's SHA-256 (the link itself is in their receipt only), whether they were told of the
/// resolution.
/// `public_updates`: what handlers published for them.
package struct CreatePublicReports: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("report_links")
            .id()
            .field("scope", .string, .required)
            // A party deleted takes its link's secret with it, not the row: the service account
            // its reports were filed by stays one (never enabled, never listed as a person).
            .field("party_id", .uuid, .references("parties", "id", onDelete: .setNull))
            .field("token_hash", .string)
            .field("service_user", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("renewed_at", .datetime, .required)
            .unique(on: "scope")
            .unique(on: "token_hash")
            .create()
        try await database.schema("public_reports")
            .field("incident_id", .uuid, .identifier(auto: false), .references("incidents", "id"))
            .field("link_id", .uuid, .required)
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("phone", .string)
            .field("language", .string, .required)
            .field("follow_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("told_resolved_at", .datetime)
            .unique(on: "follow_hash")
            .create()
        try await database.schema("public_updates")
            .id()
            .field("incident_id", .uuid, .required, .references("incidents", "id"))
            .field("body", .string, .required)
            .field("author_id", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql().raw("CREATE INDEX public_updates_incident ON public_updates (incident_id, created_at)")
            .run()
    }

    package func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX public_updates_incident").run()
        try await database.schema("public_updates").delete()
        try await database.schema("public_reports").delete()
        try await database.schema("report_links").delete()
    }
}
