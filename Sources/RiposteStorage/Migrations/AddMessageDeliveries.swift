import FluentKit
import FluentSQL

/// Messages sent from an incident (#16 point 4): each recipient's e-mail is a delivery of the
/// communication that logs the message, so the log shows whether it went out; the message
/// goes out in the organisation's name, answers going to the person who wrote it.
package struct AddMessageDeliveries: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema("deliveries").field("communication_id", .uuid).update()
        try await database.schema("deliveries").field("sender_name", .string).update()
        try await database.schema("deliveries").field("reply_to", .string).update()
    }

    package func revert(on database: any Database) async throws {
        for name in ["reply_to", "sender_name", "communication_id"] {
            try await database.schema("deliveries").deleteField(FieldKey(stringLiteral: name)).update()
        }
    }
}
