import Foundation
import Testing

@testable import RiposteCore

@Suite("A plan's activation, stand-down or agreement as effects")
struct PlanDecisionEffectsTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let now = t0.addingTimeInterval(3600)

    static func incident(active: [ResponsePlan] = [], agreed: [ResponsePlan: Date] = [:]) -> IncidentState {
        IncidentState(
            status: .inTreatment, severity: .major, type: "outage",
            plans: PlanState(
                activeSince: Dictionary(uniqueKeysWithValues: active.map { ($0, t0) }), closeAgreedAt: agreed))
    }

    @Test("activating the CMP: active from now, journalled with who is told, and told along the flows")
    func activation() throws {
        let state = Self.incident()
        let decision = try Lifecycle.changePlan(state, plan: .cmp, activate: true, roles: [.crisisManager]).get()
        let effects = decision.effects(on: state.plans, severity: .major, note: "salle de crise", at: Self.now)
        #expect(effects.plans?.activeSince == [.cmp: Self.now])
        #expect(effects.journal.count == 1)
        let entry = effects.journal[0]
        #expect(entry.kind == .planActivated)
        #expect(entry.text == "salle de crise")
        #expect(entry.details["plan"] == "cmp")
        #expect(entry.details["notify"] == "incident_manager:1,crisis_manager")
        #expect(
            effects.events == [
                .init(.planActivated, severity: .major, plan: .cmp, note: "salle de crise", to: decision.notices)
            ])
        #expect(effects.qualification == nil && effects.checklist == nil && effects.escalationsMade.isEmpty)
    }

    @Test("standing a plan down clears its activation and keeps the others; no note, no text")
    func standDown() throws {
        let state = Self.incident(active: [.cmp, .bcp])
        let decision = try Lifecycle.changePlan(state, plan: .bcp, activate: false, roles: [.continuityManager]).get()
        let effects = decision.effects(on: state.plans, severity: .major, note: nil, at: Self.now)
        #expect(effects.plans?.activeSince == [.cmp: Self.t0])
        #expect(effects.journal.map(\.kind) == [.planDeactivated])
        #expect(effects.journal[0].text == "")
        #expect(effects.events.map(\.kind) == [.planDeactivated])
    }

    @Test("a plan manager's agreement to close is dated, and the incident manager is told (§4.5)")
    func agreement() throws {
        let state = Self.incident(active: [.cmp])
        let decision = try Lifecycle.agreeToClose(state, plan: .cmp, roles: [.crisisManager]).get()
        let effects = decision.effects(on: state.plans, severity: .major, note: nil, at: Self.now)
        #expect(effects.plans?.closeAgreedAt == [.cmp: Self.now])
        #expect(effects.plans?.activeSince == [.cmp: Self.t0])
        #expect(effects.plans?.agreementsMissing == [])
        #expect(effects.journal.map(\.kind) == [.planCloseAgreed])
        #expect(effects.events.map(\.recipients) == [decision.notices])
        #expect(effects.events.first?.recipients.map(\.role) == [.incidentManager])
    }
}
