import FluentKit
import FluentSQL

package struct CreateUser: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("password_hash", .string, .required)
            .field("language", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "email")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}

package struct CreateRoleAssignment: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("role_assignments")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .unique(on: "user_id", "role")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("role_assignments").delete()
    }
}

package struct CreateAPIToken: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").delete()
    }
}
