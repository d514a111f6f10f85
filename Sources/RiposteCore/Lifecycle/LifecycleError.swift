/// Why the core refused a command. Each case maps to one API error code.
public enum LifecycleError: Error, Equatable, Sendable {
    /// The roles held do not allow the action on this incident.
    case forbidden(Action)
    /// No edge of the lifecycle leads from one status to the other.
    case illegalTransition(from: IncidentStatus, to: IncidentStatus)
    /// `qualified` is reached by qualifying (type and severity), not by a bare transition.
    case qualifyInstead
    /// The incident can no longer be (re-)qualified in its current status.
    case cannotQualify(IncidentStatus)
    /// Re-qualifying with the same type and severity would record nothing.
    case unchanged
    /// Rejecting or reopening must say why.
    case reasonRequired
    /// The incident's status does not accept journal entries or checklist ticks.
    case incidentFinished(IncidentStatus)
    /// The checklist step is already ticked.
    case stepAlreadyDone
    /// The SLA clock is already stopped, or already running.
    case clockAlreadyPaused
    case clockNotPaused

    public var code: String {
        switch self {
        case .forbidden: "forbidden"
        case .illegalTransition: "illegal_transition"
        case .qualifyInstead: "qualify_instead"
        case .cannotQualify: "cannot_qualify"
        case .unchanged: "unchanged"
        case .reasonRequired: "reason_required"
        case .incidentFinished: "incident_finished"
        case .stepAlreadyDone: "step_already_done"
        case .clockAlreadyPaused: "clock_already_paused"
        case .clockNotPaused: "clock_not_paused"
        }
    }
}
