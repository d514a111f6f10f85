import FluentKit
import FluentSQL

/// Browsers that signed in to an account before (#13): one that shows its cookie is not slowed
/// by the account's shared count of attempts, so guessers elsewhere cannot keep the owner out.
/// Keyed by the SHA-256 of the cookie's token.
package struct CreateKnownDevices: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("known_devices")
            .field("token_hash", .string, .identifier(auto: false))
            .field("email", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await IndexBuilder.create(
            "known_devices_created", on: "known_devices", columns: ["created_at"], in: database)
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("known_devices").delete()
    }
}
