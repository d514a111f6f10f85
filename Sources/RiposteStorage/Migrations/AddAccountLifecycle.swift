import FluentKit
import FluentSQL

/// What a person's account and tokens go through (#13): a person can be disabled (kept on the
/// journal, unable to sign in or use a token) and asked to choose a new password at next sign-in
/// (after an administrator's reset); an API token has a name, may expire, and shows when it was
/// last used. New columns may be empty, so rows made before read as they always did.
package struct AddAccountLifecycle: AsyncMigration {
    /// One column per statement: SQLite's ALTER TABLE adds one at a time.
    package static let columns: [(table: String, column: String, type: DatabaseSchema.DataType)] = [
        ("users", "disabled_at", .datetime), ("users", "must_change_password", .bool), ("api_tokens", "name", .string),
        ("api_tokens", "expires_at", .datetime), ("api_tokens", "last_used_at", .datetime),
    ]

    package func prepare(on database: any Database) async throws {
        for (table, column, type) in Self.columns {
            try await database.schema(table).field(FieldKey(stringLiteral: column), type).update()
        }
    }

    package func revert(on database: any Database) async throws {
        for (table, column, _) in Self.columns.reversed() {
            try await database.schema(table).deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
