import FluentKit
import FluentSQL

/// Incident types offered when qualifying (#3 administration); qualifying may still name
/// another, since the plan leaves the list to the organisation.
package struct CreateIncidentType: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        try await database.schema("incident_types")
            .id()
            .field("name", .string, .required)
            .unique(on: "name")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("incident_types").delete()
    }
}
