/// How an integration turns alerts into the register's events (#18 point 2): the severity a
/// label maps to (the template's weak signal, Faible, unless mapped), and what a repeated or
/// resolved alert does to the incident its key already opened.
public struct IntegrationSettings: Sendable, Equatable, Codable {
    /// The label whose value names the severity (`severity=critical`).
    public var severityLabel: String
    /// The label's values, lowercased, and the severity each means.
    public var mapping: [String: Severity]
    /// Whether a resolved alert resolves the incident it opened, while that is still a weak
    /// signal.
    public var autoResolve: Bool

    public init(severityLabel: String = "severity", mapping: [String: Severity] = [:], autoResolve: Bool = false) {
        self.severityLabel = severityLabel
        self.mapping = mapping
        self.autoResolve = autoResolve
    }
}

/// The open incident an alert's key already points to.
public struct AlertedIncident: Sendable, Equatable {
    public let status: IncidentStatus
    public let severity: Severity?

    public init(status: IncidentStatus, severity: Severity?) {
        self.status = status
        self.severity = severity
    }
}

public enum AlertDecision: Sendable, Equatable {
    /// A new event in the register, qualified at this severity.
    case file(Severity)
    /// The same alert again (Alertmanager re-sends every group and repeat interval): a count
    /// and a last-seen time, nothing else.
    case repeated
    /// Resolved at the source: a journal entry.
    case noteResolved
    /// Resolved at the source, and resolved in the register with its journal entry.
    case resolve
    /// Resolved at the source, but nothing open came from it.
    case ignore
}

public enum IntegrationRules {
    public static func severity(of alert: MonitoringAlert, settings: IntegrationSettings) -> Severity {
        alert.severityHint.flatMap { settings.mapping[$0.lowercased()] } ?? .low
    }

    public static func decide(
        _ alert: MonitoringAlert, open: AlertedIncident?, settings: IntegrationSettings
    ) -> AlertDecision {
        switch (alert.status, open) {
        case (.firing, nil): .file(severity(of: alert, settings: settings))
        case (.firing, .some): .repeated
        case (.resolved, nil): .ignore
        case (.resolved, .some(let incident)):
            settings.autoResolve && machineMayResolve(incident) ? .resolve : .noteResolved
        }
    }

    /// A machine resolves only what is still a weak signal: an event qualified Faible, before
    /// its eradication. Whatever a person raised above Faible is a person's to resolve; a major
    /// incident never is a machine's. (An alert's event is filed qualified: none stays reported.)
    public static func machineMayResolve(_ incident: AlertedIncident) -> Bool {
        [.qualified, .inTreatment].contains(incident.status) && incident.severity == .low
    }

    /// The event an alert files, qualified at once at `severity`: the organisation's mapping
    /// decides it, not a person's roles. Its type is the alert's name.
    public static func qualification(of alert: MonitoringAlert, severity: Severity) -> Qualification {
        Qualification(
            action: .qualify, previousSeverity: nil, severity: severity, previousType: nil,
            type: String((alert.labels["alertname"] ?? alert.title).prefix(FieldLimits.type)), newStatus: .qualified)
    }

    /// The moves that resolve an event a machine may resolve, along the lifecycle's own edges:
    /// from qualified, its treatment starts and it is resolved; from treatment, it is resolved.
    public static func resolution(of incident: AlertedIncident, reason: String) -> [StatusChange] {
        guard machineMayResolve(incident) else { return [] }
        let resolve = StatusChange(from: .inTreatment, to: .resolved, action: .resolve, reason: reason)
        guard incident.status == .qualified else { return [resolve] }
        return [StatusChange(from: .qualified, to: .inTreatment, action: .startTreatment, reason: reason), resolve]
    }
}
