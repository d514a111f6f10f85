import FluentKit
import FluentSQL

package struct CreateIncidentCounter: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("incident_counters")
            .field("year", .int, .identifier(auto: false))
            .field("last_sequence", .int, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("incident_counters").delete()
    }
}

package struct CreateIncident: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("incidents")
            .id()
            .field("number", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("type", .string)
            .field("severity", .string)
            .field("status", .string, .required)
            .field("channel", .string, .required)
            .field("customers_affected", .bool, .required)
            .field("team", .string)
            .field("reporter_id", .uuid, .required, .references("users", "id"))
            .field("reported_at", .datetime, .required)
            .field("detected_at", .datetime)
            .field("qualified_at", .datetime)
            .field("resolved_at", .datetime)
            .field("closed_at", .datetime)
            .field("updated_at", .datetime, .required)
            .field("version", .int, .required)
            .field("search_text", .string, .required)
            .unique(on: "number")
            .create()
        // The register's pages and the API list newest first, filtered by one of these.
        try await IndexBuilder.create(
            "incidents_reported_at", on: "incidents", columns: ["reported_at", "id"], in: database)
        try await IndexBuilder.create(
            "incidents_status_reported_at", on: "incidents", columns: ["status", "reported_at", "id"], in: database)
        try await IndexBuilder.create(
            "incidents_severity_reported_at", on: "incidents", columns: ["severity", "reported_at", "id"], in: database)
        try await IndexBuilder.create(
            "incidents_reporter_reported_at", on: "incidents", columns: ["reporter_id", "reported_at", "id"],
            in: database)
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("incidents").delete()
    }
}

package struct CreateJournalEntry: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("journal_entries")
            .id()
            .field("incident_id", .uuid, .required, .references("incidents", "id"))
            .field("sequence", .int, .required)
            .field("at", .datetime, .required)
            .field("author_id", .uuid, .references("users", "id"))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("details", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            // One entry per place in the chain: two writers can never both append entry n.
            .unique(on: "incident_id", "sequence")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("journal_entries").delete()
    }
}

package struct CreateChecklistItem: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("checklist_items")
            .id()
            .field("incident_id", .uuid, .required, .references("incidents", "id", onDelete: .cascade))
            .field("step_key", .string, .required)
            .field("position", .int, .required)
            .field("done_by", .uuid, .references("users", "id"))
            .field("done_at", .datetime)
            .unique(on: "incident_id", "step_key")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("checklist_items").delete()
    }
}
