import Foundation
import RiposteCore
import SQLKit

/// The last backup taken, by the command or by `serve` (#19 point 1), for the administration
/// page: kept with the plan's other settings, one row.
package enum BackupLog {
    package struct Entry: Codable, Sendable, Equatable {
        package let at: Date
        package let bytes: Int
        package let sha256: String
        package let file: String

        package init(at: Date, bytes: Int, sha256: String, file: String) {
            self.at = at
            self.bytes = bytes
            self.sha256 = sha256
            self.file = file
        }
    }

    static let key = "last_backup"

    package static func record(_ entry: Entry, on sql: any SQLDatabase) async throws {
        let value = String(decoding: try JSONEncoder().encode(entry), as: UTF8.self)
        try await PlanSettingRow.put(key, value, on: sql)
    }

    package static func last(on sql: any SQLDatabase) async throws -> Entry? {
        guard
            let value = try await sql.raw("SELECT value FROM plan_settings WHERE key = \(bind: key)").first()?
                .decode(column: "value", as: String.self)
        else { return nil }
        return try? JSONDecoder().decode(Entry.self, from: Data(value.utf8))
    }
}
