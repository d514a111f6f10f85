import SQLKit

/// One row of `plan_settings`, the organisation's settings by key: written in one statement,
/// so that two writers of the same key at once (two administrators, two instances) both end
/// with a value, the later one's, never a duplicate key that refuses one of them.
package enum PlanSettingRow {
    /// Sets `key` to `value`, or removes it when `value` is nil.
    package static func put(_ key: String, _ value: String?, on sql: any SQLDatabase) async throws {
        guard let value else {
            return try await sql.raw("DELETE FROM plan_settings WHERE key = \(bind: key)").run()
        }
        try await sql.raw(
            """
            INSERT INTO plan_settings (key, value) VALUES (\(bind: key), \(bind: value)) \
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """
        ).run()
    }
}
