import Foundation
import RiposteCore
import RiposteStorage
import SQLKit

/// The BCP's essential activities and their RTO (§4.1, note D), kept by the continuity manager
/// and the administrator (#16 point 6).
extension AdminActions {
    /// A new name or RTO for an activity in use; the incidents that name it escalate by the new RTO.
    @discardableResult
    func updateActivity(
        _ id: UUID, name rawName: String, rto rawRTO: String, notation: DurationNotation = .iso
    ) async throws -> (id: UUID, name: String, rto: ISODuration) {
        try require(.manageActivities)
        let (name, rto) = try FieldError.check { () throws(FieldError) in
            (
                try TextRule.required(rawName, field: "name", max: FieldLimits.name),
                try DurationRule.check(rawRTO, field: "rto", notation: notation)
            )
        }
        try await unique(Self.duplicateActivity) {
            try await gate.transaction(on: database) { tx in
                let sql = try tx.sql()
                guard try await !SettingsStore.activityExists(named: name, except: id, on: sql) else {
                    throw Self.duplicateActivity
                }
                guard try await SettingsStore.updateActivity(id, name: name, rto: rto, on: sql) else {
                    throw Refusal.notFound(.essentialActivity)
                }
                // Deadlines counted from the old RTO are settled again by the next sweep.
                try await IncidentWriter(database: tx).dueAtOnce(impacting: id)
            }
        } recheck: {
            try await SettingsStore.activityExists(named: name, except: id, on: database.sql())
        }
        return (id, name, rto)
    }

    /// Takes an activity out of the plan: no longer offered, still named on the incidents that
    /// impacted it (their RTO escalation keeps it).
    func retireActivity(_ id: UUID) async throws {
        try require(.manageActivities)
        let now = self.now
        try await gate.transaction(on: database) { tx in
            guard try await SettingsStore.retireActivity(id, at: now, on: tx.sql()) else {
                throw Refusal.notFound(.essentialActivity)
            }
        }
    }
}
