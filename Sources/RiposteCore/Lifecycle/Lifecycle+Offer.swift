import Foundation

/// What a person may do to an incident now: the pages show these forms and buttons and no
/// others. Each answer comes from the same judgements the commands use, so what is offered
/// is exactly what would be accepted.
public struct ActionOffer: Sendable, Equatable {
    public var qualify = false
    public var requalify = false
    /// The severities the qualification form may offer: those the person may set now.
    public var severities: [Severity] = []
    /// Statuses one may move to, with whether a reason is required.
    public var transitions: [(status: IncidentStatus, needsReason: Bool)] = []
    public var addAction = false
    public var addNote = false
    public var completeSteps = false
    public var pauseClock = false
    public var resumeClock = false
    public var statusReport = false
    /// Escalate to the incident manager (§4.3).
    public var escalate = false
    public var activatePlans: [ResponsePlan] = []
    public var deactivatePlans: [ResponsePlan] = []
    public var agreeToClose: [ResponsePlan] = []
    /// Plans warned of or invoked whose manager may decline them.
    public var declinePlans: [ResponsePlan] = []
    /// The flows of chapter II one may send a warning along now.
    public var warnings: [NotificationFlow] = []
    public var recordCommunication = false
    public var nameParties = false
    /// Correct the facts (#16 point 2), designate the owner, staff the response team (point 1).
    public var editFacts = false
    public var assignOwner = false
    public var manageMembers = false

    public static func == (lhs: ActionOffer, rhs: ActionOffer) -> Bool {
        lhs.qualify == rhs.qualify && lhs.requalify == rhs.requalify && lhs.severities == rhs.severities
            && lhs.transitions.map(\.status) == rhs.transitions.map(\.status)
            && lhs.transitions.map(\.needsReason) == rhs.transitions.map(\.needsReason)
            && lhs.addAction == rhs.addAction && lhs.addNote == rhs.addNote && lhs.completeSteps == rhs.completeSteps
            && lhs.pauseClock == rhs.pauseClock && lhs.resumeClock == rhs.resumeClock
            && lhs.statusReport == rhs.statusReport && lhs.escalate == rhs.escalate
            && lhs.activatePlans == rhs.activatePlans
            && lhs.deactivatePlans == rhs.deactivatePlans && lhs.agreeToClose == rhs.agreeToClose
            && lhs.declinePlans == rhs.declinePlans && lhs.warnings == rhs.warnings
            && lhs.recordCommunication == rhs.recordCommunication && lhs.nameParties == rhs.nameParties
            && lhs.editFacts == rhs.editFacts && lhs.assignOwner == rhs.assignOwner
            && lhs.manageMembers == rhs.manageMembers
    }
}

extension Lifecycle {
    public static func offer(_ incident: IncidentState, clockPaused: Bool, roles: Set<Role>) -> ActionOffer {
        var offer = ActionOffer()
        switch incident.status {
        case .reported: offer.qualify = PermissionMatrix.allows(roles, .qualify)
        case .qualified, .inTreatment, .eradication:
            offer.requalify = PermissionMatrix.allows(roles, .requalify, severity: incident.severity)
        default: break
        }
        if offer.qualify || offer.requalify {
            offer.severities = Severity.allCases.filter {
                (try? qualificationAllowed(incident, severity: $0, roles: roles).get()) != nil
            }
        }
        for target in IncidentStatus.allCases where target != .qualified {
            // A stand-in reason: whether one is required is reported separately.
            if case .success(let change) = transition(incident, to: target, reason: "-", roles: roles) {
                offer.transitions.append((target, reasonRequired.contains(change.action)))
            }
        }
        offer.addAction = (try? addEntry(incident, kind: .action, roles: roles).get()) != nil
        offer.addNote = (try? addEntry(incident, kind: .note, roles: roles).get()) != nil
        offer.completeSteps = (try? completeStep(incident, alreadyDone: false, roles: roles).get()) != nil
        let clockChange =
            (try? changeClock(
                incident, clock: SLAClock(startedAt: .distantPast), pause: true, reason: "-", roles: roles,
                at: .distantPast
            ).get()) != nil
        offer.pauseClock = clockChange && !clockPaused
        offer.resumeClock = clockChange && clockPaused
        offer.statusReport = (try? statusReport(incident, roles: roles).get()) != nil
        offer.escalate = (try? escalateToManager(incident, note: "-", roles: roles).get()) != nil
        if (try? changePlan(incident, plan: .irp, activate: false, roles: roles).get()) != nil {
            offer.deactivatePlans.append(.irp)
        }
        for plan in ResponsePlan.activatable {
            let active = incident.plans.isActive(plan)
            if (try? changePlan(incident, plan: plan, activate: !active, roles: roles).get()) != nil {
                if active { offer.deactivatePlans.append(plan) } else { offer.activatePlans.append(plan) }
            }
            if (try? agreeToClose(incident, plan: plan, roles: roles).get()) != nil { offer.agreeToClose.append(plan) }
            if (try? declinePlan(incident, plan: plan, reason: "-", roles: roles).get()) != nil {
                offer.declinePlans.append(plan)
            }
        }
        offer.warnings = PlanWarning.flows(sentBy: roles).filter {
            (try? warn(incident, flow: $0.number, message: "-", roles: roles).get()) != nil
        }
        offer.recordCommunication = (try? recordCommunication(incident, roles: roles).get()) != nil
        offer.nameParties = (try? nameParty(incident, roles: roles).get()) != nil
        let handler = Designee(id: UUID(), roles: [.responseTeam])
        offer.editFacts = mayEditFacts(incident, roles: roles)
        offer.assignOwner = (try? assignOwner(incident, current: nil, to: handler, roles: roles).get()) != nil
        offer.manageMembers =
            (try? changeMembership(incident, member: handler, added: true, isMember: false, roles: roles).get()) != nil
        return offer
    }
}
