import FluentKit
import FluentSQL

/// The living incident (#16 points 1 and 2): the employee designated to handle it, the impact
/// and resources of its detailed description (§4.2 register), and its response team's members
/// (§4.2.3 step 4). Incidents filed before have no owner until someone is designated.
package struct AddOwnersAndMembers: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema("incidents").field("owner_id", .uuid).update()
        try await database.schema("incidents").field("impact", .string).update()
        try await database.schema("incidents").field("resources_allocated", .string).update()
        try await database.schema("incident_members")
            .field("incident_id", .uuid, .required, .references("incidents", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("added_at", .datetime, .required)
            .field("added_by", .uuid)
            .compositeIdentifier(over: "incident_id", "user_id")
            .create()
        let sql = try database.sql()
        // "My incidents": those a person owns, or is a member of, newest first.
        try await sql.raw("CREATE INDEX incidents_owner ON incidents (owner_id, reported_at)").run()
        try await sql.raw("CREATE INDEX incident_members_user ON incident_members (user_id)").run()
    }

    package func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("DROP INDEX incidents_owner").run()
        try await database.schema("incident_members").delete()
        for name in ["resources_allocated", "impact", "owner_id"] {
            try await database.schema("incidents").deleteField(FieldKey(stringLiteral: name)).update()
        }
    }
}
