/// What the core needs to know about an incident to judge a command.
public struct IncidentState: Sendable, Equatable {
    public var status: IncidentStatus
    public var severity: Severity?
    public var type: String?
    /// The continuity, crisis and recovery plans active on the incident.
    public var plans: PlanState
    /// Whether its post-incident review answers every required question (§4.6).
    public var reviewComplete: Bool
    /// Set when the incident is a drill (#20): what it may reach outside. Nil for a real one.
    public var exercise: Exercise?

    public init(
        status: IncidentStatus, severity: Severity? = nil, type: String? = nil, plans: PlanState = PlanState(),
        reviewComplete: Bool = false, exercise: Exercise? = nil
    ) {
        self.exercise = exercise
        self.status = status
        self.severity = severity
        self.type = type
        self.plans = plans
        self.reviewComplete = reviewComplete
    }
}
