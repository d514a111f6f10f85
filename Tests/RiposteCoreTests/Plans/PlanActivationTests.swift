import Foundation
import Testing

@testable import RiposteCore

@Suite("Plan activations along chapter II's flows")
struct PlanActivationTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// A resolved incident's IRP is deactivated already: closing waits on the other plans only
    /// (the IRP's own rule has its test).
    static func incident(
        _ status: IncidentStatus = .inTreatment, active: [ResponsePlan] = [], agreed: [ResponsePlan: Date] = [:]
    ) -> IncidentState {
        IncidentState(
            status: status, severity: .major, type: "outage",
            plans: PlanState(
                activeSince: Dictionary(uniqueKeysWithValues: active.map { ($0, t0) }), closeAgreedAt: agreed,
                marks: status == .resolved ? [.irp: PlanMark(.stoodDown, at: t0)] : [:]))
    }

    static func notices(_ decision: Result<PlanDecision, LifecycleError>) -> Set<NotificationRecipient> {
        guard case .success(let decision) = decision else { return [] }
        return Set(decision.notices)
    }

    @Test(
        "a plan's own manager activates it and tells the incident manager (flow 1, 7 or none) and the plan's team",
        arguments: [
            (ResponsePlan.cmp, Role.crisisManager, Int?(1)), (.bcp, .continuityManager, 7),
            (.drp, .recoveryManager, nil),
        ]
    )
    func ownManagerActivates(plan: ResponsePlan, manager: Role, flow: Int?) {
        let result = Lifecycle.changePlan(Self.incident(), plan: plan, activate: true, roles: [manager])
        #expect(
            Self.notices(result) == [
                NotificationRecipient(role: .incidentManager, flow: flow), NotificationRecipient(role: manager),
            ])
        #expect((try? result.get())?.change == .activated)
    }

    @Test("activating tells no other plan's manager: that is the warning their manager chooses to send")
    func activationTellsNoOtherPlan() {
        let result = Lifecycle.changePlan(
            Self.incident(active: [.bcp, .drp]), plan: .cmp, activate: true, roles: [.crisisManager])
        #expect(!Self.notices(result).contains { [.continuityManager, .recoveryManager].contains($0.role) })
    }

    @Test("standing down is told as activating is")
    func deactivation() {
        let result = Lifecycle.changePlan(
            Self.incident(active: [.cmp, .bcp]), plan: .bcp, activate: false, roles: [.continuityManager])
        #expect(
            Self.notices(result) == [
                NotificationRecipient(role: .incidentManager, flow: 7), NotificationRecipient(role: .continuityManager),
            ])
        #expect((try? result.get())?.change == .deactivated)
    }

    @Test(
        "no one but the plan's own manager activates or stands it down",
        arguments: [
            (ResponsePlan.cmp, true, Role.responseTeam), (.cmp, true, .incidentManager), (.bcp, true, .incidentManager),
            (.bcp, true, .crisisManager), (.drp, true, .crisisManager), (.drp, true, .incidentManager),
            (.cmp, false, .incidentManager), (.bcp, false, .crisisManager), (.drp, false, .crisisManager),
            (.drp, true, .continuityManager),
        ])
    func forbidden(plan: ResponsePlan, activate: Bool, role: Role) {
        let active: [ResponsePlan] = activate ? [] : [plan]
        let result = Lifecycle.changePlan(Self.incident(active: active), plan: plan, activate: activate, roles: [role])
        guard case .failure(.forbidden) = result else {
            Issue.record("\(role) should not \(activate ? "activate" : "deactivate") the \(plan): \(result)")
            return
        }
    }

    @Test("every plan's activation belongs to its manager alone")
    func matrixMatchesTheDiagram() {
        for plan in ResponsePlan.activatable {
            for role in Role.allCases {
                #expect(
                    PermissionMatrix.allows([role], plan.activateAction!) == (role == plan.manager), "\(role) → \(plan)"
                )
                #expect(
                    PermissionMatrix.allows([role], plan.deactivateAction!) == (role == plan.manager),
                    "\(role) → \(plan)")
            }
        }
    }

    @Test("a warned or invoked plan may be declined by its manager, with a reason, and is then marked declined")
    func decline() {
        var warned = Self.incident()
        warned.plans.marks[.cmp] = PlanMark(.invoked, at: Self.t0)
        let result = Lifecycle.declinePlan(warned, plan: .cmp, reason: "Contained by the IRP", roles: [.crisisManager])
        #expect(
            Self.notices(result) == [
                NotificationRecipient(role: .incidentManager, flow: 1), NotificationRecipient(role: .crisisManager),
            ])
        let later = Self.t0.addingTimeInterval(60)
        let effects = try? result.get().effects(on: warned.plans, severity: .crisis, note: "Contained", at: later)
        #expect(effects?.plans?.involvement(of: .cmp) == .declined)
        #expect(effects?.plans?.since(.cmp) == later)
        #expect(effects?.journal.first?.kind == .planDeclined)
        #expect(effects?.events.first?.note == "Contained")
        #expect(
            Lifecycle.declinePlan(warned, plan: .cmp, reason: nil, roles: [.crisisManager]) == .failure(.reasonRequired)
        )
        #expect(
            Lifecycle.declinePlan(warned, plan: .cmp, reason: "x", roles: [.incidentManager])
                == .failure(.forbidden(.activateCMP)))
        #expect(
            Lifecycle.declinePlan(Self.incident(), plan: .cmp, reason: "x", roles: [.crisisManager])
                == .failure(.noDecisionAwaited(.cmp)))
        #expect(
            Lifecycle.declinePlan(Self.incident(active: [.cmp]), plan: .cmp, reason: "x", roles: [.crisisManager])
                == .failure(.noDecisionAwaited(.cmp)))
    }

    @Test("activation clears the mark; standing down marks the plan stood down")
    func marksFollowDecisions() throws {
        var incident = Self.incident()
        incident.plans.marks[.bcp] = PlanMark(.warned, at: Self.t0)
        let later = Self.t0.addingTimeInterval(30)
        let activated = try Lifecycle.changePlan(incident, plan: .bcp, activate: true, roles: [.continuityManager])
            .get().effects(on: incident.plans, severity: .major, note: nil, at: later).plans
        #expect(activated?.involvement(of: .bcp) == .active)
        #expect(activated?.marks[.bcp] == nil)
        incident.plans = try #require(activated)
        let stood = try Lifecycle.changePlan(incident, plan: .bcp, activate: false, roles: [.continuityManager])
            .get().effects(on: incident.plans, severity: .major, note: nil, at: later.addingTimeInterval(1)).plans
        #expect(stood?.involvement(of: .bcp) == .stoodDown)
        #expect(stood?.isActive(.bcp) == false)
    }

    @Test("activating twice, deactivating what is not active, and the IRP are refused")
    func stateErrors() {
        #expect(
            Lifecycle.changePlan(Self.incident(active: [.cmp]), plan: .cmp, activate: true, roles: [.crisisManager])
                == .failure(.planAlreadyActive(.cmp)))
        #expect(
            Lifecycle.changePlan(Self.incident(), plan: .cmp, activate: false, roles: [.crisisManager])
                == .failure(.planNotActive(.cmp)))
        #expect(
            Lifecycle.changePlan(Self.incident(), plan: .irp, activate: true, roles: [.incidentManager])
                == .failure(.illegalPlan(.irp)))
    }

    @Test("no activation once the incident is resolved; standing down still works then")
    func finishedIncidents() {
        #expect(
            Lifecycle.changePlan(Self.incident(.resolved), plan: .cmp, activate: true, roles: [.crisisManager])
                == .failure(.incidentFinished(.resolved)))
        #expect(
            (try? Lifecycle.changePlan(
                Self.incident(.resolved, active: [.cmp]), plan: .cmp, activate: false, roles: [.crisisManager]
            ).get()) != nil)
        #expect(
            Lifecycle.changePlan(
                Self.incident(.closed, active: [.cmp]), plan: .cmp, activate: false, roles: [.crisisManager])
                == .failure(.incidentFinished(.closed)))
    }

    @Test("§4.5: closing with an active BCP or CMP needs each manager's agreement")
    func closingNeedsAgreement() {
        let both = Self.incident(.resolved, active: [.bcp, .cmp, .drp])
        #expect(
            Lifecycle.transition(both, to: .closed, reason: nil, roles: [.incidentManager])
                == .failure(.planAgreementRequired([.bcp, .cmp])))
        let later = Self.t0.addingTimeInterval(60)
        let bcpAgreed = Self.incident(.resolved, active: [.bcp, .cmp], agreed: [.bcp: later])
        #expect(
            Lifecycle.transition(bcpAgreed, to: .closed, reason: nil, roles: [.incidentManager])
                == .failure(.planAgreementRequired([.cmp])))
        let allAgreed = Self.incident(.resolved, active: [.bcp, .cmp], agreed: [.bcp: later, .cmp: later])
        #expect(
            (try? Lifecycle.transition(allAgreed, to: .closed, reason: nil, roles: [.incidentManager]).get()) != nil)
        // An agreement given before the plan was activated again does not count.
        let stale = Self.incident(.resolved, active: [.cmp], agreed: [.cmp: Self.t0.addingTimeInterval(-1)])
        #expect(
            Lifecycle.transition(stale, to: .closed, reason: nil, roles: [.incidentManager])
                == .failure(.planAgreementRequired([.cmp])))
        // The DRP alone does not hold the closing up.
        #expect(
            (try? Lifecycle.transition(
                Self.incident(.resolved, active: [.drp]), to: .closed, reason: nil, roles: [.incidentManager]
            )
            .get()) != nil)
    }

    @Test("§4.5: the incident manager deactivates the IRP once resolved, before closing; reopening runs it again")
    func irpBeforeClosing() throws {
        let resolved = IncidentState(status: .resolved, severity: .major, type: "outage")
        #expect(resolved.plans.isActive(.irp) && resolved.plans.involvement(of: .irp) == .active)
        #expect(
            Lifecycle.transition(resolved, to: .closed, reason: nil, roles: [.incidentManager])
                == .failure(.irpStillActive))
        #expect(
            Lifecycle.changePlan(resolved, plan: .irp, activate: false, roles: [.responseTeam])
                == .failure(.forbidden(.deactivateIRP)))
        #expect(
            Lifecycle.changePlan(
                IncidentState(status: .inTreatment, severity: .major, type: "outage"), plan: .irp, activate: false,
                roles: [.incidentManager]) == .failure(.irpRunsUntilResolved))
        #expect(
            Lifecycle.changePlan(resolved, plan: .irp, activate: true, roles: [.incidentManager])
                == .failure(.illegalPlan(.irp)))
        let decision = try Lifecycle.changePlan(resolved, plan: .irp, activate: false, roles: [.incidentManager]).get()
        #expect(decision.notices == [NotificationRecipient(role: .responseTeam)])
        let effects = decision.effects(on: resolved.plans, severity: .major, note: nil, at: Self.t0)
        #expect(effects.journal.map(\.kind) == [.planDeactivated])
        var down = resolved
        down.plans = try #require(effects.plans)
        #expect(down.plans.involvement(of: .irp) == .stoodDown)
        #expect(
            Lifecycle.changePlan(down, plan: .irp, activate: false, roles: [.incidentManager])
                == .failure(.planNotActive(.irp)))
        // The response team closes once the incident manager has deactivated the IRP.
        #expect((try? Lifecycle.transition(down, to: .closed, reason: nil, roles: [.responseTeam]).get()) != nil)
        let reopen = try Lifecycle.transition(down, to: .inTreatment, reason: "pas fini", roles: [.incidentManager])
            .get()
        #expect(reopen.effects(plans: down.plans).plans?.involvement(of: .irp) == .active)
        let close = try Lifecycle.transition(down, to: .closed, reason: nil, roles: [.incidentManager]).get()
        #expect(close.effects(plans: down.plans).plans == nil)
    }

    @Test("only the plan's manager agrees, once, for an active BCP or CMP")
    func agreement() {
        let incident = Self.incident(.resolved, active: [.cmp])
        #expect(
            Lifecycle.agreeToClose(incident, plan: .cmp, roles: [.incidentManager])
                == .failure(.forbidden(.agreeToCloseCMP)))
        #expect(
            Self.notices(Lifecycle.agreeToClose(incident, plan: .cmp, roles: [.crisisManager]))
                == [NotificationRecipient(role: .incidentManager, flow: 1)])
        #expect(Lifecycle.agreeToClose(incident, plan: .drp, roles: [.recoveryManager]) == .failure(.illegalPlan(.drp)))
        #expect(
            Lifecycle.agreeToClose(incident, plan: .bcp, roles: [.continuityManager]) == .failure(.planNotActive(.bcp)))
        let agreed = Self.incident(.resolved, active: [.cmp], agreed: [.cmp: Self.t0.addingTimeInterval(1)])
        #expect(Lifecycle.agreeToClose(agreed, plan: .cmp, roles: [.crisisManager]) == .failure(.alreadyAgreed(.cmp)))
    }
}
