import Foundation

/// Something Riposte tells people about: an escalation, or a plan activated, stood down or
/// agreed to close. Webhooks subscribe to these names.
public enum NotificationEventKind: String, CaseIterable, Codable, Sendable {
    case escalated
    case planActivated = "plan_activated"
    case planDeactivated = "plan_deactivated"
    case planCloseAgreed = "plan_close_agreed"
    /// A warning along a flow of chapter II, with the sender's message (#15 point 3).
    case planWarned = "plan_warned"
    /// The plan's manager declined to activate it, with the reason.
    case planDeclined = "plan_declined"
    /// A person qualified or re-qualified the incident at a severity that calls for people.
    case qualified
    /// A person lowered the incident's severity: those told of the higher one learn it.
    case downgraded
    /// The helpdesk escalated the incident to the incident manager (§4.3).
    case escalatedToManager = "escalated_to_manager"
    /// The incident manager's status report (§4.2.3 table, note F), to those who need it.
    case statusReport = "status_report"
    /// The incident was handed to the reader to handle (§4.2.1–§4.2.3 "l'employé désigné").
    case assigned
    /// The reader was added to the incident's response team (§4.2.3 step 4).
    case memberAdded = "member_added"
    /// The post-incident review is complete: it goes to the continuity manager (note F).
    case reviewCompleted = "review_completed"
    /// Personal data is involved, or the risk to people became high: for the privacy officer.
    case breachAssessed = "breach_assessed"
    /// A deadline of the law is coming (`escalation` names its step).
    case obligationReminder = "obligation_reminder"
    /// A deadline of the law passed with nothing sent.
    case obligationOverdue = "obligation_overdue"
    /// A client, a supplier or a visitor reported an incident through a report link (#18):
    /// the helpdesk receives it (§4.2).
    case reportedFromOutside = "reported_from_outside"
}

/// One event on one incident, with what the message needs to be written in any language.
public struct NotificationEvent: Sendable, Equatable, Codable {
    public let kind: NotificationEventKind
    public let incidentNumber: String
    public let incidentTitle: String
    public let severity: Severity?
    /// For `escalated`: which rule fired.
    public let escalation: String?
    /// For plan events: which plan.
    public let plan: ResponsePlan?
    /// What the person who acted wrote for the readers: an escalation's note, a report's situation.
    public let note: String?
    /// For the law's deadlines: when it is due.
    public let dueAt: Date?
    /// Set when the incident is a drill: every message says so, and only the channels it names
    /// reach outside (#20).
    public let exercise: Exercise?

    public init(
        kind: NotificationEventKind, incidentNumber: String, incidentTitle: String, severity: Severity?,
        escalation: String? = nil, plan: ResponsePlan? = nil, note: String? = nil, dueAt: Date? = nil,
        exercise: Exercise? = nil
    ) {
        self.dueAt = dueAt
        self.exercise = exercise
        self.kind = kind
        self.incidentNumber = incidentNumber
        self.incidentTitle = incidentTitle
        self.severity = severity
        self.escalation = escalation
        self.plan = plan
        self.note = note
    }
}

/// Who receives an event: a role, and the chapter II flow that brings it to them (nil when
/// no arrow of the diagram applies, as for a plan manager told of a change made by another).
public struct NotificationRecipient: Sendable, Equatable, Hashable {
    public let role: Role
    public let flow: Int?
    /// One holder of the role only, when the event is theirs (an owner, a member), not the role's.
    public let person: UUID?

    public init(role: Role, flow: Int? = nil, person: UUID? = nil) {
        self.role = role
        self.flow = flow
        self.person = person
    }
}
