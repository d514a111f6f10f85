/// Why the core refused a command. Each case maps to one API error code.
public enum LifecycleError: Error, Equatable, Sendable {
    /// The roles held do not allow the action on this incident.
    case forbidden(Permission)
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
    /// The IRP runs with every incident, and only BCP and CMP managers agree to a closing.
    case illegalPlan(ResponsePlan)
    case planAlreadyActive(ResponsePlan)
    case planNotActive(ResponsePlan)
    /// The plan was neither warned of nor invoked: there is nothing to decline.
    case noDecisionAwaited(ResponsePlan)
    /// §4.5: the IRP is deactivated once the incident is resolved.
    case irpRunsUntilResolved
    /// §4.5: the incident manager deactivates the IRP before the ticket is closed.
    case irpStillActive
    /// The plan's manager already agreed to close since the plan was activated.
    case alreadyAgreed(ResponsePlan)
    /// §4.5: an incident with an active BCP or CMP closes with that plan manager's agreement.
    case planAgreementRequired([ResponsePlan])
    /// §4.6: an incident is reviewed once its post-incident review is complete.
    case reviewIncomplete
    /// The person named as owner or member holds no role that handles incidents.
    case notAHandler
    /// An exercise reaches outside the organisation only through the channels it names (#20).
    case exerciseStaysInside(ExerciseChannel)
    /// An exercise stays one, a real incident stays real: file a new one instead (#20).
    case exerciseIsFixed

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
        case .illegalPlan: "illegal_plan"
        case .planAlreadyActive: "plan_already_active"
        case .planNotActive: "plan_not_active"
        case .noDecisionAwaited: "no_decision_awaited"
        case .irpRunsUntilResolved: "irp_runs_until_resolved"
        case .irpStillActive: "irp_still_active"
        case .alreadyAgreed: "already_agreed"
        case .planAgreementRequired: "plan_agreement_required"
        case .reviewIncomplete: "review_incomplete"
        case .notAHandler: "not_a_handler"
        case .exerciseStaysInside: "exercise_stays_inside"
        case .exerciseIsFixed: "exercise_is_fixed"
        }
    }
}
