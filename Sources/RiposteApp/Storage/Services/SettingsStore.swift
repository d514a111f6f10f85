import Fluent
import Foundation
import RiposteCore
import SQLKit
import Vapor

/// The plan's settings as stored: SLA targets per severity (defaults where none is set).
struct SettingsStore: Sendable {
    let database: any Database
    let gate: WriteGate

    func sla() async throws -> SLASettings {
        var settings = SLASettings.defaults
        for row in try await SLATargetModel.query(on: database).all() {
            guard let severity = Severity(rawValue: row.severity) else { continue }
            settings.targets[severity] = SeverityTargets(
                qualify: ISODuration(seconds: row.qualifySeconds), resolve: ISODuration(seconds: row.resolveSeconds),
                statusReport: row.statusReportSeconds.map(ISODuration.init(seconds:)))
        }
        return settings
    }

    /// Replaces the targets of the given severities, all or none.
    func save(_ changes: [Severity: SeverityTargets]) async throws {
        try await gate.transaction(on: database) { tx in
            for (severity, targets) in changes {
                let row =
                    try await SLATargetModel.query(on: tx).filter(\.$severity == severity.rawValue).first()
                    ?? SLATargetModel()
                row.severity = severity.rawValue
                row.qualifySeconds = targets.qualify.seconds
                row.resolveSeconds = targets.resolve.seconds
                row.statusReportSeconds = targets.statusReport?.seconds
                try await row.save(on: tx)
            }
            // New targets move every running incident's deadlines: the next sweep looks again.
            try await tx.sql().raw(
                """
                UPDATE incidents SET next_due_at = reported_at \
                WHERE status IN ('reported', 'qualified', 'in_treatment', 'eradication')
                """
            ).run()
        }
    }
}

extension Request {
    var settings: SettingsStore { SettingsStore(database: db, gate: application.writeGate) }
}
