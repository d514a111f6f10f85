/// What the core needs to know about an incident to judge a command.
public struct IncidentState: Sendable, Equatable {
    public var status: IncidentStatus
    public var severity: Severity?
    public var type: String?
    /// The continuity, crisis and recovery plans active on the incident.
    public var plans: PlanState
    /// Whether its post-incident review answers every required question (§4.6).
    public var reviewComplete: Bool

    public init(
        status: IncidentStatus, severity: Severity? = nil, type: String? = nil, plans: PlanState = PlanState(),
        reviewComplete: Bool = false
    ) {
        self.status = status
        self.severity = severity
        self.type = type
        self.plans = plans
        self.reviewComplete = reviewComplete
    }
}
