import Fluent

/// The clients and suppliers an incident involves (#5): who reported it, who is affected.
struct CreateIncidentParty: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("incident_parties")
            .id()
            .field("incident_id", .uuid, .required, .references("incidents", "id", onDelete: .cascade))
            .field("party_id", .uuid, .required, .references("parties", "id", onDelete: .cascade))
            .field("relation", .string, .required)
            .unique(on: "incident_id", "party_id", "relation")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("incident_parties").delete()
    }
}
