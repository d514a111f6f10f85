import Foundation
import SQLKit

/// What the lessons page lists (§4.6 and chapter II's yearly review): the reviews written
/// lately, and the incidents grouped by type, to see what keeps happening.
package enum LessonsReads {
    package static func recentReviews(
        limit: Int, on sql: any SQLDatabase
    ) async throws -> [(
        number: String, title: String, complete: Bool
    )] {
        try await sql.raw(
            """
            SELECT incidents.number AS number, incidents.title AS title, incidents.review_complete AS complete \
            FROM reviews JOIN incidents ON incidents.id = reviews.incident_id \
            ORDER BY reviews.updated_at DESC LIMIT \(literal: limit)
            """
        ).all().map {
            (
                try $0.decode(column: "number", as: String.self), try $0.decode(column: "title", as: String.self),
                try $0.decode(column: "complete", as: Bool.self)
            )
        }
    }

    /// Closed incidents without a complete post-incident review (§4.6, #16 point 5), the longest
    /// waiting first.
    package static func awaitingReview(
        limit: Int, on sql: any SQLDatabase
    ) async throws -> [(number: String, title: String, closedAt: Date?)] {
        try await sql.raw(
            """
            SELECT number, title, closed_at FROM incidents \
            WHERE status = 'closed' AND review_complete = \(bind: false) \
            ORDER BY closed_at, number LIMIT \(literal: limit)
            """
        ).all().map {
            (
                try $0.decode(column: "number", as: String.self), try $0.decode(column: "title", as: String.self),
                try $0.decode(column: "closed_at", as: Date?.self)
            )
        }
    }

    /// The numbers of the latest incidents of each type, newest first.
    package static func numbersByType(limit: Int, on sql: any SQLDatabase) async throws -> [String: [String]] {
        var groups: [String: [String]] = [:]
        for row in try await sql.raw(
            """
            SELECT type, number FROM incidents WHERE type IS NOT NULL AND exercise IS NULL \
            ORDER BY reported_at DESC LIMIT \(literal: limit)
            """
        ).all() {
            groups[try row.decode(column: "type", as: String.self), default: []]
                .append(try row.decode(column: "number", as: String.self))
        }
        return groups
    }
}
