import Foundation

/// An alert from a monitoring system (§4.1 "surveiller, détecter, analyser et signaler les
/// événements", #18 point 2), as Riposte keeps it whatever sent it: Prometheus Alertmanager or
/// the generic intake.
public struct MonitoringAlert: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        case firing, resolved
    }

    /// What makes two alerts the same one: Alertmanager's fingerprint, or the sender's key.
    public let key: String
    public let status: Status
    public let title: String
    public let description: String
    public let labels: [String: String]
    /// Where the alert comes from (Alertmanager's `generatorURL`), when it says.
    public let sourceURL: String?
    public let startsAt: Date?
    /// The severity the sender gives, in its own words (`critical`, `warning`…), mapped by the
    /// integration (`IntegrationRules`).
    public let severityHint: String?

    public init(
        key: String, status: Status, title: String, description: String = "", labels: [String: String] = [:],
        sourceURL: String? = nil, startsAt: Date? = nil, severityHint: String? = nil
    ) {
        self.key = key
        self.status = status
        self.title = title
        self.description = description
        self.labels = labels
        self.sourceURL = sourceURL
        self.startsAt = startsAt
        self.severityHint = severityHint
    }
}

/// A payload that is not what its sender documents: where, by the path of the field
/// (`alerts[2].fingerprint`). The API answers 400 with it and records nothing.
public struct MalformedPayload: Error, Equatable, Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }
}
