import Fluent

/// Incident types offered when qualifying (#3 administration); qualifying may still name
/// another, since the plan leaves the list to the organisation.
struct CreateIncidentType: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("incident_types")
            .id()
            .field("name", .string, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("incident_types").delete()
    }
}
