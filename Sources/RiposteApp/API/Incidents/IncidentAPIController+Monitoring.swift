import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `GET /incidents/{id}/monitoring` (#18 point 2): the alert keys that filed or joined the
/// incident, each with the integration it came through, how many times it came (Alertmanager
/// re-sends an open alert at every interval), first and last.
extension IncidentAPIController {
    struct MonitoredAlertDTO: Content {
        let integration: String?
        let key: String
        let count: Int
        let firstSeen: Date
        let lastSeen: Date
        /// Still the key's open event: the next firing counts here rather than filing another.
        let open: Bool
    }

    struct MonitoredAlertsDTO: Content {
        let items: [MonitoredAlertDTO]
    }

    func monitoring(_ req: Request) async throws -> Response {
        let actions = try req.actions
        try actions.requireHandler()
        let incident = try await actions.find(try req.incidentReference())
        let items = try await actions.monitoringAlerts(of: incident).map {
            MonitoredAlertDTO(
                integration: $0.integration, key: $0.key, count: $0.count, firstSeen: $0.firstSeen,
                lastSeen: $0.lastSeen, open: $0.open)
        }
        return try Response.json(MonitoredAlertsDTO(items: items))
    }
}

extension IncidentActions {
    /// The monitoring alerts of an incident, for those who handle it.
    func monitoringAlerts(of incident: IncidentRow) async throws -> [IntegrationStore.IncidentAlert] {
        try await IntegrationStore.alerts(of: incident.id, on: reader.database)
    }
}
