import Foundation
import Testing

@testable import RiposteCore

@Suite("Warnings along chapter II's flows")
struct PlanWarningTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func incident(_ status: IncidentStatus = .inTreatment) -> IncidentState {
        IncidentState(status: status, severity: .major, type: "outage")
    }

    /// Written out from the diagram, independently of `NotificationFlow.all`: the flow, who
    /// sends it, and the role it reaches.
    static let diagram: [(flow: Int, sender: Role, receiver: Role)] = [
        (1, .incidentManager, .crisisManager), (7, .incidentManager, .continuityManager),
        (2, .crisisManager, .continuityManager), (4, .crisisManager, .recoveryManager),
        (3, .continuityManager, .crisisManager), (5, .recoveryManager, .crisisManager),
        (6, .continuityManager, .recoveryManager), (6, .recoveryManager, .continuityManager),
    ]

    @Test("each flow is sent by its sender's role and reaches the receiving role, with the flow's number")
    func routing() throws {
        for (flow, sender, receiver) in Self.diagram {
            let warning = try Lifecycle.warn(Self.incident(), flow: flow, message: "m", roles: [sender]).get()
            let effects = warning.effects(on: PlanState(), severity: .major, at: Self.t0)
            #expect(effects.events.map(\.recipients) == [[NotificationRecipient(role: receiver, flow: flow)]])
            #expect(effects.events.first?.kind == .planWarned)
            #expect(effects.events.first?.note == "m")
        }
    }

    @Test("no role sends a flow that is not its own", arguments: Role.allCases)
    func onlyOwnFlows(role: Role) {
        for flow in 1...7 {
            let mine = Self.diagram.contains { $0.flow == flow && $0.sender == role }
            let result = Lifecycle.warn(Self.incident(), flow: flow, message: "m", roles: [role])
            if mine {
                #expect((try? result.get()) != nil, "\(role) sends \(flow)")
            } else {
                #expect(result == .failure(.forbidden(.warn)), "\(role) may not send \(flow)")
            }
        }
    }

    @Test("the receiving plan is marked warned, unless it is already invoked or active; journalled with the message")
    func marks() throws {
        let warning = try Lifecycle.warn(Self.incident(), flow: 1, message: "Décidez", roles: [.incidentManager]).get()
        let fresh = warning.effects(on: PlanState(), severity: .major, at: Self.t0)
        #expect(fresh.plans?.involvement(of: .cmp) == .warned)
        #expect(fresh.plans?.since(.cmp) == Self.t0)
        #expect(fresh.journal.map(\.kind) == [.planWarned])
        #expect(fresh.journal.first?.text == "Décidez")
        #expect(fresh.journal.first?.details == ["flow": "1", "from": "irp", "plan": "cmp"])
        for state in [
            PlanState(activeSince: [.cmp: Self.t0]), PlanState(marks: [.cmp: PlanMark(.invoked, at: Self.t0)]),
        ] {
            let effects = warning.effects(on: state, severity: .major, at: Self.t0.addingTimeInterval(60))
            #expect(effects.plans == nil, "the plan keeps where it stands")
            #expect(effects.events.count == 1, "the message is sent all the same")
        }
        let declined = PlanState(marks: [.cmp: PlanMark(.declined, at: Self.t0)])
        #expect(
            warning.effects(on: declined, severity: .major, at: Self.t0).plans?.involvement(of: .cmp) == .warned,
            "warned again after a decline, the manager decides again")
    }

    @Test("a closed, reviewed or rejected incident takes no warning; a resolved one does")
    func finished() {
        for status in [IncidentStatus.closed, .reviewed, .rejected] {
            #expect(
                Lifecycle.warn(Self.incident(status), flow: 1, message: "m", roles: [.incidentManager])
                    == .failure(.incidentFinished(status)))
        }
        #expect(
            (try? Lifecycle.warn(Self.incident(.resolved), flow: 1, message: "m", roles: [.incidentManager]).get())
                != nil)
    }

    @Test("a crisis qualification invokes the CMP once; an active CMP stays active")
    func crisisInvokes() throws {
        let reported = IncidentState(status: .reported)
        let decision = try Lifecycle.qualify(
            reported, type: "ransomware", severity: .crisis, roles: [.helpdeskOperator]
        )
        .get()
        let effects = decision.effects(by: [.helpdeskOperator], plans: PlanState(), at: Self.t0)
        #expect(effects.plans?.involvement(of: .cmp) == .invoked)
        #expect(effects.journal.map(\.kind) == [.qualified, .planInvoked])
        let active = decision.effects(
            by: [.helpdeskOperator], plans: PlanState(activeSince: [.cmp: Self.t0]), at: Self.t0)
        #expect(active.plans == nil && active.journal.map(\.kind) == [.qualified])
        // Changing only the type of a crisis whose CMP was declined does not invoke it again.
        let declined = IncidentState(
            status: .inTreatment, severity: .crisis, type: "ransomware",
            plans: PlanState(marks: [.cmp: PlanMark(.declined, at: Self.t0)]))
        let typeOnly = try Lifecycle.qualify(declined, type: "intrusion", severity: .crisis, roles: [.incidentManager])
            .get()
        #expect(typeOnly.effects(by: [.incidentManager], plans: declined.plans, at: Self.t0).plans == nil)
        let major = try Lifecycle.qualify(reported, type: "outage", severity: .major, roles: [.helpdeskOperator]).get()
        #expect(major.effects(by: [.helpdeskOperator], plans: PlanState(), at: Self.t0).plans == nil)
    }
}
