import Foundation
import Testing

@testable import RiposteCore

@Suite("What the pages offer")
struct LifecycleOfferTests {
    @Test("a reporter is offered nothing on a reported incident") func reporter() {
        let offer = Lifecycle.offer(IncidentState(status: .reported), clockPaused: false, roles: [.reporter])
        #expect(offer == ActionOffer())
    }

    @Test("the helpdesk qualifies or rejects a report, with a reason") func helpdesk() {
        let offer = Lifecycle.offer(IncidentState(status: .reported), clockPaused: false, roles: [.helpdeskOperator])
        #expect(offer.qualify)
        #expect(offer.transitions.map(\.status) == [.rejected])
        #expect(offer.transitions.map(\.needsReason) == [true])
    }

    @Test("offers match the judgements, for every role, status and severity") func matchesJudgements() {
        for role in Role.allCases {
            for status in IncidentStatus.allCases {
                for severity in [nil] + Severity.allCases.map(Optional.some) {
                    let state = IncidentState(status: status, severity: severity, type: "t")
                    let offer = Lifecycle.offer(state, clockPaused: false, roles: [role])
                    for target in IncidentStatus.allCases where target != .qualified {
                        let allowed =
                            (try? Lifecycle.transition(state, to: target, reason: "r", roles: [role]).get()) != nil
                        #expect(
                            offer.transitions.contains { $0.status == target } == allowed, "\(role) \(status)→\(target)"
                        )
                    }
                }
            }
        }
    }

    @Test("the crisis manager of an invoked CMP: activate it or decline it, and warn the BCP and DRP")
    func crisisManager() {
        var state = IncidentState(status: .qualified, severity: .crisis, type: "t")
        state.plans.marks[.cmp] = PlanMark(.invoked, at: Date(timeIntervalSince1970: 0))
        let offer = Lifecycle.offer(state, clockPaused: false, roles: [.crisisManager])
        #expect(offer.activatePlans == [.cmp])
        #expect(offer.declinePlans == [.cmp])
        #expect(offer.warnings.map(\.number) == [2, 4])
        let closed = Lifecycle.offer(
            IncidentState(status: .closed, severity: .crisis, type: "t"), clockPaused: false, roles: [.crisisManager])
        #expect(closed.warnings.isEmpty && closed.activatePlans.isEmpty)
    }

    @Test("the incident manager on a major incident in treatment") func incidentManager() {
        let state = IncidentState(status: .inTreatment, severity: .major, type: "t")
        let offer = Lifecycle.offer(state, clockPaused: true, roles: [.incidentManager])
        #expect(offer.requalify && offer.addAction && offer.completeSteps && offer.statusReport)
        #expect(offer.resumeClock && !offer.pauseClock)
        #expect(offer.transitions.map(\.status) == [.eradication, .resolved])
        #expect(offer.activatePlans.isEmpty)
        #expect(offer.warnings.map(\.number) == [1, 7])
        #expect(offer.agreeToClose.isEmpty && offer.declinePlans.isEmpty)
        #expect(offer.recordCommunication && offer.nameParties)
    }
}
