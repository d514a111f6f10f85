import FluentKit
import FluentSQL

/// Annex 2 (#5): the reference documents. An uploaded file lives in the files folder under a
/// random name (`stored_name`), never under the name it came with.
package struct CreateDocuments: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("documents")
            .id()
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("reference", .string)
            .field("version", .string)
            .field("owner", .string)
            .field("link", .string)
            .field("file_name", .string)
            .field("file_type", .string)
            .field("file_size", .int)
            .field("stored_name", .string)
            .field("next_review_on", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("documents").delete()
    }
}
