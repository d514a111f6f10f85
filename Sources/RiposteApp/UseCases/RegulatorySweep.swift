import Foundation
import RiposteCore
import RiposteStorage

/// The sweep's second pass (#17 point 3): the incidents whose next reminder of the law is due,
/// found through their index. For each, the core says which reminders and escalations are due
/// (`RegulatoryAlerts`); they are made in the incident's change, journalled and told. An
/// incident looked at with nothing to say (a regime changed, a clock settled meanwhile) only has
/// its clocks' state written again: its version, and so its readers' `If-Match`, stay.
struct RegulatorySweep: Sendable {
    let store: IncidentStore
    let regulation: RegulationStore

    /// Incidents looked at per sweep: the rest wait for the next one.
    var limit = 500

    func run(at now: Date, dryRun: Bool) async throws -> [(number: String, alerts: [RegulatoryAlert])] {
        var made: [(number: String, alerts: [RegulatoryAlert])] = []
        for id in try await regulation.dueForAlerts(at: now, limit: limit) {
            let incident = try await IncidentReader(database: store.database.sql()).row(id)
            let view = try await IncidentActions.regulatoryView(of: incident, on: store.database.sql())
            let due = RegulatoryAlerts.due(view.clocks, made: view.alertsMade, at: now)
            if dryRun {
                if !due.alerts.isEmpty { made.append((incident.number, due.alerts)) }
                continue
            }
            guard !due.alerts.isEmpty else {
                try await store.gate.transaction(on: store.database) { tx in
                    try await RegulationStore.update(id, clocks: view.state(at: now), on: tx.sql())
                }
                continue
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
            if !alerts.isEmpty { made.append((incident.number, alerts)) }
        }
        return made
    }
}
