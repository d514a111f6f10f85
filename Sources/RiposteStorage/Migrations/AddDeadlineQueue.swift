import FluentKit
import FluentSQL
import SQLKit

/// PostgreSQL: the index of next deadlines moves from `incidents` to a narrow table of its
/// own, kept by the database itself (statement triggers), and `incidents` leaves room on its
/// pages. An UPDATE that changes an indexed column must add an entry to every index of the
/// table (eight on `incidents`, the trigram index among them); one that changes none, with
/// room on the row's page, is a heap-only (HOT) update that touches no index. Every change of
/// an incident moves its next deadline: with the deadline indexed elsewhere, most become HOT,
/// and a sweep's updates cost a fraction of what they did, trigger included.
///
/// `incidents.next_due_at` stays the one place the application writes; the triggers copy what
/// changes, whoever writes it. SQLite has no such updates: it keeps its index on `incidents`.
package struct AddDeadlineQueue: AsyncMigration {
    package func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw(
            """
            CREATE TABLE incident_deadlines (\
            incident_id uuid PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE, \
            due_at timestamptz NOT NULL)
            """
        ).run()
        try await sql.raw("CREATE INDEX incident_deadlines_due_at ON incident_deadlines (due_at)").run()
        try await sql.raw(
            """
            INSERT INTO incident_deadlines (incident_id, due_at) \
            SELECT id, next_due_at FROM incidents WHERE next_due_at IS NOT NULL
            """
        ).run()
        // Without statistics, the planner guessed a join that read the whole register until
        // autovacuum came by.
        try await sql.raw("ANALYZE incident_deadlines").run()
        // One set-wide statement per statement on `incidents`, not one per row: a sweep
        // updates a thousand incidents in one UPDATE.
        try await sql.raw(
            """
            CREATE FUNCTION riposte_deadlines_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO incident_deadlines (incident_id, due_at)
                SELECT id, next_due_at FROM inserted_rows WHERE next_due_at IS NOT NULL;
                RETURN NULL;
            END $$
            """
        ).run()
        try await sql.raw(
            """
            CREATE FUNCTION riposte_deadlines_updated() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO incident_deadlines (incident_id, due_at)
                SELECT after_rows.id, after_rows.next_due_at
                FROM after_rows JOIN before_rows ON before_rows.id = after_rows.id
                WHERE after_rows.next_due_at IS NOT NULL
                AND after_rows.next_due_at IS DISTINCT FROM before_rows.next_due_at
                ON CONFLICT (incident_id) DO UPDATE SET due_at = EXCLUDED.due_at;
                DELETE FROM incident_deadlines USING after_rows
                WHERE incident_deadlines.incident_id = after_rows.id AND after_rows.next_due_at IS NULL;
                RETURN NULL;
            END $$
            """
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER incidents_deadlines_inserted AFTER INSERT ON incidents \
            REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION riposte_deadlines_inserted()
            """
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER incidents_deadlines_updated AFTER UPDATE ON incidents \
            REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows \
            FOR EACH STATEMENT EXECUTE FUNCTION riposte_deadlines_updated()
            """
        ).run()
        try await sql.raw("DROP INDEX incidents_next_due_at").run()
        // Room for a changed row on its own page: new pages are filled to 85 %.
        try await sql.raw("ALTER TABLE incidents SET (fillfactor = 85)").run()
    }

    package func revert(on database: any Database) async throws {
        let sql = try database.sql()
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ALTER TABLE incidents RESET (fillfactor)").run()
        try await IndexBuilder.create("incidents_next_due_at", on: "incidents", columns: ["next_due_at"], in: database)
        try await sql.raw("DROP TRIGGER incidents_deadlines_updated ON incidents").run()
        try await sql.raw("DROP TRIGGER incidents_deadlines_inserted ON incidents").run()
        try await sql.raw("DROP FUNCTION riposte_deadlines_updated()").run()
        try await sql.raw("DROP FUNCTION riposte_deadlines_inserted()").run()
        try await sql.raw("DROP TABLE incident_deadlines").run()
    }
}
