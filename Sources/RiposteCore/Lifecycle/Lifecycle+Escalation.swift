import Foundation

extension Lifecycle {
    /// Judges stopping (`pause: true`) or restarting the SLA clock, and returns the clock after it.
    /// A pause must say why; the clock only runs while the incident is being handled.
    public static func changeClock(
        _ incident: IncidentState, clock: SLAClock, pause: Bool, reason: String?, roles: Set<Role>, at now: Date
    ) -> Result<SLAClock, LifecycleError> {
        guard PermissionMatrix.allows(roles, .pauseClock, severity: incident.severity) else {
            return .failure(.forbidden(.pauseClock))
        }
        guard EscalationPolicy.running.contains(incident.status) else {
            return .failure(.incidentFinished(incident.status))
        }
        var clock = clock
        if pause {
            guard !(reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return .failure(.reasonRequired)
            }
            do { try clock.pause(at: now) } catch { return .failure(.clockAlreadyPaused) }
        } else {
            do { try clock.resume(at: now) } catch { return .failure(.clockNotPaused) }
        }
        return .success(clock)
    }

    /// Judges a status report to the crisis manager.
    public static func statusReport(_ incident: IncidentState, roles: Set<Role>) -> Result<Void, LifecycleError> {
        guard PermissionMatrix.allows(roles, .recordStatusReport, severity: incident.severity) else {
            return .failure(.forbidden(.recordStatusReport))
        }
        guard EscalationPolicy.running.contains(incident.status) else {
            return .failure(.incidentFinished(incident.status))
        }
        return .success(())
    }

    /// Judges the helpdesk's escalation to the incident manager (§4.3 "Faire remonter
    /// l'incident en fonction de sa criticité"): while the incident is being handled, with a
    /// note that says why.
    public static func escalateToManager(
        _ incident: IncidentState, note: String, roles: Set<Role>
    ) -> Result<IncidentEffects, LifecycleError> {
        guard PermissionMatrix.allows(roles, .escalate, severity: incident.severity) else {
            return .failure(.forbidden(.escalate))
        }
        guard EscalationPolicy.running.contains(incident.status) else {
            return .failure(.incidentFinished(incident.status))
        }
        return .success(
            IncidentEffects(
                journal: [.init(.escalatedToManager, text: note)],
                events: [
                    .init(
                        .escalatedToManager, severity: incident.severity, note: note,
                        to: [.init(role: .incidentManager)])
                ]))
    }
}
