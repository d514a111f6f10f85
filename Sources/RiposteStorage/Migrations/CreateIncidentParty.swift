import FluentKit
import FluentSQL

/// The clients and suppliers an incident involves (#5): who reported it, who is affected.
package struct CreateIncidentParty: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("incident_parties")
            .id()
            .field("incident_id", .uuid, .required, .references("incidents", "id", onDelete: .cascade))
            .field("party_id", .uuid, .required, .references("parties", "id", onDelete: .cascade))
            .field("relation", .string, .required)
            .unique(on: "incident_id", "party_id", "relation")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("incident_parties").delete()
    }
}
