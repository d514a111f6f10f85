import Foundation
import Testing

@testable import RiposteCore

@Suite("Plan activations along chapter II's flows")
struct PlanActivationTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func incident(
        _ status: IncidentStatus = .inTreatment, active: [ResponsePlan] = [], agreed: [ResponsePlan: Date] = [:]
    ) -> IncidentState {
        IncidentState(
            status: status, severity: .major, type: "outage",
            plans: PlanState(
                activeSince: Dictionary(uniqueKeysWithValues: active.map { ($0, t0) }), closeAgreedAt: agreed))
    }

    static func notices(_ decision: Result<PlanDecision, LifecycleError>) -> Set<NotificationRecipient> {
        guard case .success(let decision) = decision else { return [] }
        return Set(decision.notices)
    }

    @Test("the incident manager activating the CMP alerts the crisis manager (1), who alerts BCP (2) and DRP (4)")
    func incidentManagerActivatesCMP() {
        let result = Lifecycle.changePlan(Self.incident(), plan: .cmp, activate: true, roles: [.incidentManager])
        #expect(
            Self.notices(result) == [
                NotificationRecipient(role: .crisisManager, flow: 1),
                NotificationRecipient(role: .continuityManager, flow: 2),
                NotificationRecipient(role: .recoveryManager, flow: 4),
            ])
        #expect((try? result.get())?.actingFor == .irp)
    }

    @Test("the crisis manager activating their own plan keeps the incident manager informed (1)")
    func crisisManagerActivatesCMP() {
        let result = Lifecycle.changePlan(Self.incident(), plan: .cmp, activate: true, roles: [.crisisManager])
        #expect(
            Self.notices(result) == [
                NotificationRecipient(role: .continuityManager, flow: 2),
                NotificationRecipient(role: .recoveryManager, flow: 4),
                NotificationRecipient(role: .incidentManager, flow: 1),
            ])
    }

    @Test("flow 7: the incident manager goes straight to the BCP without telling the crisis manager")
    func flowSeven() {
        let result = Lifecycle.changePlan(Self.incident(), plan: .bcp, activate: true, roles: [.incidentManager])
        #expect(Self.notices(result) == [NotificationRecipient(role: .continuityManager, flow: 7)])
    }

    @Test("a BCP activated during a crisis consults the CMP (3) and informs an active DRP (6)")
    func bcpWithCrisisAndRecovery() {
        let result = Lifecycle.changePlan(
            Self.incident(active: [.cmp, .drp]), plan: .bcp, activate: true, roles: [.continuityManager])
        #expect(
            Self.notices(result) == [
                NotificationRecipient(role: .crisisManager, flow: 3),
                NotificationRecipient(role: .recoveryManager, flow: 6),
                NotificationRecipient(role: .incidentManager, flow: 7),
            ])
    }

    @Test("the crisis manager alerts the DRP (4); the DRP informs the CMP (5) and an active BCP (6)")
    func drp() {
        let byCrisis = Lifecycle.changePlan(
            Self.incident(active: [.cmp]), plan: .drp, activate: true, roles: [.crisisManager])
        #expect(Self.notices(byCrisis) == [NotificationRecipient(role: .recoveryManager, flow: 4)])
        let byRecovery = Lifecycle.changePlan(
            Self.incident(active: [.cmp, .bcp]), plan: .drp, activate: true, roles: [.recoveryManager])
        #expect(
            Self.notices(byRecovery) == [
                NotificationRecipient(role: .crisisManager, flow: 5),
                NotificationRecipient(role: .continuityManager, flow: 6),
            ])
    }

    @Test("deactivation tells the partners still in action and the incident manager")
    func deactivation() {
        let result = Lifecycle.changePlan(
            Self.incident(active: [.cmp, .bcp]), plan: .bcp, activate: false, roles: [.continuityManager])
        #expect(
            Self.notices(result) == [
                NotificationRecipient(role: .crisisManager, flow: 3),
                NotificationRecipient(role: .incidentManager, flow: 7),
            ])
        #expect((try? result.get())?.change == .deactivated)
    }

    @Test(
        "who may do what follows the matrix",
        arguments: [
            (ResponsePlan.cmp, true, Role.responseTeam), (.drp, true, .incidentManager),
            (.cmp, false, .incidentManager),
            (.bcp, false, .incidentManager), (.drp, true, .continuityManager),
        ])
    func forbidden(plan: ResponsePlan, activate: Bool, role: Role) {
        let active: [ResponsePlan] = activate ? [] : [plan]
        let result = Lifecycle.changePlan(Self.incident(active: active), plan: plan, activate: activate, roles: [role])
        guard case .failure(.forbidden) = result else {
            Issue.record("\(role) should not \(activate ? "activate" : "deactivate") the \(plan): \(result)")
            return
        }
    }

    @Test("every role allowed to activate a plan runs it or has an arrow towards it")
    func matrixMatchesTheDiagram() {
        for plan in ResponsePlan.activatable {
            for role in Role.allCases where PermissionMatrix.allows([role], plan.activateAction!) {
                let side = Lifecycle.actingSide([role], towards: plan)
                #expect(side == plan || NotificationFlow.between(side, plan) != nil, "\(role) → \(plan)")
            }
        }
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
