import Foundation
import RiposteCore
import SQLKit

/// The post-incident reviews (§4.6): one set of answers per incident, and what the review can
/// read of the register by itself.
package enum ReviewStore {
    /// The incident's answers, by question (none yet: empty).
    package static func answers(of incident: UUID, on sql: any SQLDatabase) async throws -> [String: String] {
        guard
            let text = try await sql.raw("SELECT answers FROM reviews WHERE incident_id = \(bind: incident)").first()?
                .decode(column: "answers", as: String.self)
        else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }

    /// Replaces the incident's answers (`encoded` as JSON text).
    package static func save(
        _ encoded: String, of incident: UUID, by author: UUID, at now: Date, on sql: any SQLDatabase
    ) async throws {
        try await sql.raw("DELETE FROM reviews WHERE incident_id = \(bind: incident)").run()
        try await sql.raw(
            """
            INSERT INTO reviews (incident_id, answers, updated_at, updated_by) VALUES \
            (\(bind: incident), \(bind: encoded), \(bind: now), \(bind: author))
            """
        ).run()
    }

    /// The essential activities the incident impacts, with their RTO.
    package static func impactedActivities(
        of incident: UUID, on sql: any SQLDatabase
    ) async throws -> [(name: String, rto: ISODuration)] {
        try await sql.raw(
            """
            SELECT essential_activities.name AS name, essential_activities.rto_seconds AS rto_seconds \
            FROM impacted_activities JOIN essential_activities ON essential_activities.id = impacted_activities.activity_id \
            WHERE impacted_activities.incident_id = \(bind: incident) ORDER BY essential_activities.name
            """
        ).all().map {
            (
                try $0.decode(column: "name", as: String.self),
                ISODuration(seconds: try $0.decode(column: "rto_seconds", as: Int.self))
            )
        }
    }

    /// The latest other incidents of the same type, and of the same kind: a drill's review
    /// lists drills, a real incident's real ones (#20), so that practice never reads as recurrence.
    package static func related(
        to incident: UUID, type: String, exercise: Bool, limit: Int, on sql: any SQLDatabase
    ) async throws -> [String] {
        let kind: SQLQueryString = exercise ? "exercise IS NOT NULL" : "exercise IS NULL"
        return try await sql.raw(
            """
            SELECT number FROM incidents WHERE type = \(bind: type) AND id <> \(bind: incident) AND \(kind) \
            ORDER BY reported_at DESC LIMIT \(literal: limit)
            """
        ).all().map { try $0.decode(column: "number", as: String.self) }
    }
}
