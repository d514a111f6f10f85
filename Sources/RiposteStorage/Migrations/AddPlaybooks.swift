import FluentKit
import FluentSQL

/// Playbooks and the organisation's own checklists (#20 point 2). A playbook keeps its steps,
/// types and links as JSON, with its version; an incident's checklist item keeps the words and
/// role it was given when they are the organisation's (`text` NULL: the template's step, said
/// in the reader's language), so that rewriting a procedure later changes no incident.
/// The severities' rewritten procedures are plan settings (`checklist.<severity>`).
package struct AddPlaybooks: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("playbooks")
            .id()
            .field("name", .string, .required)
            .field("incident_types", .string, .required)
            .field("steps", .string, .required)
            .field("documents", .string, .required)
            .field("contacts", .string, .required)
            .field("version", .int, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid, .references("users", "id", onDelete: .setNull))
            .unique(on: "name")
            .create()
        // One column per statement: SQLite adds one at a time.
        try await database.schema("checklist_items").field("text", .string).update()
        try await database.schema("checklist_items").field("role", .string).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("checklist_items").deleteField("role").update()
        try await database.schema("checklist_items").deleteField("text").update()
        try await database.schema("playbooks").delete()
    }
}
