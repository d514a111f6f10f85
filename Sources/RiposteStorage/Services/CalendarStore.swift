import FluentKit
import Foundation
import RiposteCore
import SQLKit

/// The private calendar feeds (#20 point 5) and what a feed reads for its person: the incidents
/// they own or work on that still run against deadlines, with their impacted activities.
package struct CalendarStore: Sendable {
    package let database: any Database
    package let gate: WriteGate

    package init(database: any Database, gate: WriteGate) {
        self.database = database
        self.gate = gate
    }

    /// Gives `person` a feed whose secret hashes to `tokenHash`, in place of any other.
    package func create(for person: UUID, tokenHash: String, at now: Date) async throws {
        // One statement: two renewals at once (a double click) leave one feed, the later one.
        try await gate.transaction(on: database) { tx in
            try await tx.sql().raw(
                """
                INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES \
                (\(bind: person), \(bind: tokenHash), \(bind: now)) ON CONFLICT (user_id) DO UPDATE \
                SET token_hash = excluded.token_hash, created_at = excluded.created_at
                """
            ).run()
        }
    }

    /// Ends the person's feed; false when there was none.
    package func revoke(for person: UUID) async throws -> Bool {
        try await gate.transaction(on: database) { tx in
            try await tx.sql().raw("DELETE FROM calendar_feeds WHERE user_id = \(bind: person) RETURNING user_id")
                .all().isEmpty == false
        }
    }

    /// Whether the person has a feed, and since when.
    package func createdAt(for person: UUID) async throws -> Date? {
        try await database.sql().raw("SELECT created_at FROM calendar_feeds WHERE user_id = \(bind: person)")
            .first()?.decode(column: "created_at", as: Date.self)
    }

    /// The person a feed's secret belongs to, and their language, unless they were disabled.
    package func person(tokenHash: String) async throws -> (ActingPerson, Language?)? {
        let sql = try database.sql()
        guard
            let row = try await sql.raw(
                """
                SELECT users.id AS id FROM calendar_feeds JOIN users ON users.id = calendar_feeds.user_id \
                WHERE calendar_feeds.token_hash = \(bind: tokenHash) AND users.disabled_at IS NULL
                """
            ).first()
        else { return nil }
        return try await PeopleStore.person(try row.decode(column: "id", as: UUID.self), on: sql).map {
            ($0.user, $0.language)
        }
    }

    /// Ends a person's feed with their access: at a password reset, when they are disabled.
    static func end(of person: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM calendar_feeds WHERE user_id = \(bind: person)").run()
    }

    /// The incidents `person` owns or works on that still run against deadlines, soonest due
    /// first, and with `unqualified` those nobody qualified yet (the helpdesk's deadline), with
    /// the facts the escalation policy reads and their impacted activities' names.
    package func involved(
        _ person: UUID, unqualified: Bool, limit: Int
    ) async throws -> [(row: IncidentRow, facts: EscalationFacts, activities: [UUID: String])] {
        let sql = try database.sql()
        let waiting: SQLQueryString = unqualified ? " OR severity IS NULL" : ""
        let rows = try await IncidentRow.fetch(
            """
            SELECT \(IncidentRow.columns) FROM incidents WHERE status IN \
            (\(binds: EscalationPolicy.running.map(\.rawValue).sorted())) AND (owner_id = \(bind: person) \
            OR id IN (SELECT incident_id FROM incident_members WHERE user_id = \(bind: person))\(waiting)) \
            ORDER BY next_due_at IS NULL, next_due_at LIMIT \(literal: limit)
            """, on: sql)
        let activities = try await EscalationFactsReader.activities(of: rows.map(\.id), on: sql)
        var names: [UUID: String] = [:]
        for row in try await sql.raw("SELECT id, name FROM essential_activities").all() {
            names[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "name", as: String.self)
        }
        return rows.map { row in
            let own = activities[row.id] ?? []
            return (
                row, EscalationFactsReader.facts(for: row, activities: own),
                Dictionary(own.compactMap { activity in names[activity.id].map { (activity.id, $0) } }) { a, _ in a }
            )
        }
    }
}
