import Foundation
import RiposteCore
import SQLKit

/// What the getting-ready checklist (#19 point 3) reads, and the one thing it records: that an
/// e-mail sent to try the settings went out.
package enum GettingReadyStore {
    static let emailTestedKey = "email_tested_at"

    /// Everything but the directory's gaps, which the core works out from the parties.
    package static func facts(on sql: any SQLDatabase) async throws -> GettingReady.Facts {
        var facts = GettingReady.Facts()
        facts.deadlinesSaved = try await sql.raw("SELECT severity FROM sla_targets LIMIT 1").first() != nil
        facts.heldRoles = Set(
            try await sql.raw(
                """
                SELECT DISTINCT role_assignments.role AS role FROM role_assignments \
                JOIN users ON users.id = role_assignments.user_id WHERE users.disabled_at IS NULL
                """
            ).all().compactMap { Role(rawValue: try $0.decode(column: "role", as: String.self)) })
        facts.activities =
            try await sql.raw("SELECT COUNT(*) AS n FROM essential_activities WHERE retired_at IS NULL").first()?
            .decode(column: "n", as: Int.self) ?? 0
        facts.documents = Set(
            try await sql.raw(
                "SELECT DISTINCT kind FROM documents WHERE stored_name IS NOT NULL OR link IS NOT NULL"
            ).all().compactMap { DocumentKind(rawValue: try $0.decode(column: "kind", as: String.self)) })
        let tested = try await sql.raw(
            "SELECT value FROM plan_settings WHERE key = \(bind: emailTestedKey)"
        ).first()?.decode(column: "value", as: String.self)
        facts.emailTestedAt = tested.flatMap { RFC3339.parse($0) }
        facts.lastBackupAt = try await BackupLog.last(on: sql)?.at
        facts.planVersion = try await PlanStore.latestNumber(on: sql)
        if let version = facts.planVersion {
            facts.notAcknowledged =
                try await sql.raw(
                    """
                    SELECT COUNT(*) AS n FROM users WHERE disabled_at IS NULL AND NOT EXISTS (\
                    SELECT 1 FROM plan_acknowledgements WHERE plan_acknowledgements.user_id = users.id \
                    AND plan_acknowledgements.version = \(bind: version))
                    """
                ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return facts
    }

    package static func recordEmailTested(at time: Date, on sql: any SQLDatabase) async throws {
        try await PlanSettingRow.put(emailTestedKey, RFC3339.format(time), on: sql)
    }
}
