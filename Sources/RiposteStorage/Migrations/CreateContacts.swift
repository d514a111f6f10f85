import FluentKit
import FluentSQL

/// Annex 1 (#5): parties (plan roles, essential services, suppliers, clients) and their
/// contacts; the communications logged on incidents.
package struct CreateContacts: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("parties")
            .id()
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("contract_reference", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "kind", "name")
            .create()
        try await database.schema("contacts")
            .id()
            .field("party_id", .uuid, .required, .references("parties", "id", onDelete: .cascade))
            .field("rank", .string, .required)
            .field("position", .int, .required)
            .field("name", .string, .required)
            .field("function", .string)
            .field("email", .string)
            .field("phone", .string)
            .field("mobile", .string)
            .create()
        try await IndexBuilder.create(
            "contacts_party", on: "contacts", columns: ["party_id", "position"], in: database)
        try await database.schema("communications")
            .id()
            .field("incident_id", .uuid, .required, .references("incidents", "id", onDelete: .cascade))
            .field("direction", .string, .required)
            .field("audience", .string, .required)
            .field("media", .string, .required)
            .field("recipients", .string, .required)
            .field("at", .datetime, .required)
            .field("summary", .string, .required)
            .field("author_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await IndexBuilder.create(
            "communications_incident", on: "communications", columns: ["incident_id", "at"], in: database)
    }

    package func revert(on database: any Database) async throws {
        for table in ["communications", "contacts", "parties"] { try await database.schema(table).delete() }
    }
}
