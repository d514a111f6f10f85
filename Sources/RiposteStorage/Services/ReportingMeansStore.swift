import Foundation
import RiposteCore
import SQLKit

/// The ways to report that exist (#18 point 4): the mailbox and helpdesk phone the organisation
/// names (plan settings), the report links that work, the monitoring integrations.
package enum ReportingMeansStore {
    static let mailboxKey = "reporting.mailbox"
    static let phoneKey = "reporting.phone"

    package static func means(on sql: any SQLDatabase) async throws -> ReportingMeans {
        var settings: [String: String] = [:]
        for row in try await sql.raw(
            "SELECT key, value FROM plan_settings WHERE key IN (\(bind: mailboxKey), \(bind: phoneKey))"
        ).all() {
            settings[try row.decode(column: "key", as: String.self)] = try row.decode(column: "value", as: String?.self)
        }
        let links = try await sql.raw(
            """
            SELECT report_links.scope AS scope, parties.name AS name FROM report_links \
            LEFT JOIN parties ON parties.id = report_links.party_id \
            WHERE report_links.token_hash IS NOT NULL
            """
        ).all()
        let integrations = try await sql.raw("SELECT name FROM integrations ORDER BY name").all().map {
            try $0.decode(column: "name", as: String.self)
        }
        return ReportingMeans(
            mailbox: settings[mailboxKey], phone: settings[phoneKey],
            generalLink: try links.contains { try $0.decode(column: "scope", as: String.self) == "general" },
            parties: try links.compactMap { try $0.decode(column: "name", as: String?.self) },
            integrations: integrations)
    }

    /// The intake mailbox alone: where replies to a reporter's e-mails should go.
    package static func mailbox(on sql: any SQLDatabase) async throws -> String? {
        try await sql.raw("SELECT value FROM plan_settings WHERE key = \(bind: mailboxKey)").first()?
            .decode(column: "value", as: String?.self)
    }

    package static func save(mailbox: String?, phone: String?, on sql: any SQLDatabase) async throws {
        try await PlanSettingRow.put(mailboxKey, mailbox, on: sql)
        try await PlanSettingRow.put(phoneKey, phone, on: sql)
    }
}
