import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// The sweep's second pass (#17 point 3): the incidents whose next reminder of the law is due,
/// found through their index. For each, the core says which reminders and escalations are due
/// (`RegulatoryAlerts`); they are made in the incident's change, journalled and told. An
/// incident looked at with nothing to say (a regime changed, a clock settled meanwhile) only has
/// its clocks' state written again: its version, and so its readers' `If-Match`, stay.
struct RegulatorySweep: Sendable {
    let store: IncidentStore
    let regulation: RegulationStore
    let logger: Logger

    /// Incidents looked at per sweep: the rest wait for the next one.
    var limit = 500

    func run(at now: Date, dryRun: Bool) async throws -> [(number: String, alerts: [RegulatoryAlert])] {
        var made: [(number: String, alerts: [RegulatoryAlert])] = []
        for id in try await regulation.dueForAlerts(at: now, limit: limit) {
            // One incident that fails (logged) holds up neither the others nor the next sweep's.
            do {
                if let alerts = try await settle(id, at: now, dryRun: dryRun) { made.append(alerts) }
            } catch {
                logger.error(
                    "regulatory-sweep-failed", metadata: ["incident": "\(id)", "error": "\(String(reflecting: error))"])
            }
        }
        return made
    }

    /// The alerts due on one incident, made (or, in a dry run, only said), and its clocks' state.
    private func settle(
        _ id: UUID, at now: Date, dryRun: Bool
    ) async throws -> (number: String, alerts: [RegulatoryAlert])? {
        let incident = try await IncidentReader(database: store.database.sql()).row(id)
        let view = try await IncidentActions.regulatoryView(of: incident, on: store.database.sql())
        let due = RegulatoryAlerts.due(view.clocks, made: view.alertsMade, at: now)
        if dryRun { return due.alerts.isEmpty ? nil : (incident.number, due.alerts) }
        guard !due.alerts.isEmpty else {
            try await regulation.update(id, clocks: view.state(at: now), ifIncidentVersion: incident.version)
            return nil
        }
        let alerts = try await store.mutate(id, expectedVersion: nil, author: nil, at: now) { change in
            let sql = try change.database.sql()
            // Read again under the lock: someone may have sent the report meanwhile.
            let locked = try await IncidentActions.regulatoryView(of: change.incident, on: sql)
            let due = RegulatoryAlerts.due(locked.clocks, made: locked.alertsMade, at: now)
            let keys = locked.alertsMade.union(due.alerts.map(\.key)).union(due.skipped)
            try await RegulationStore.update(
                id, clocks: locked.state(alertsMade: keys, at: now), on: sql)
            if !due.alerts.isEmpty {
                try await change.apply(
                    RegulatoryAlerts.effects(of: due.alerts, severity: change.incident.state.severity))
            }
            return due.alerts
        }
        return alerts.isEmpty ? nil : (incident.number, alerts)
    }
}
