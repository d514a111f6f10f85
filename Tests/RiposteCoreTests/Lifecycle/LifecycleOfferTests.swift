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

    @Test("the incident manager on a major incident in treatment") func incidentManager() {
        let state = IncidentState(status: .inTreatment, severity: .major, type: "t")
        let offer = Lifecycle.offer(state, clockPaused: true, roles: [.incidentManager])
        #expect(offer.requalify && offer.addAction && offer.completeSteps && offer.statusReport)
        #expect(offer.resumeClock && !offer.pauseClock)
        #expect(offer.transitions.map(\.status) == [.eradication, .resolved])
        #expect(offer.activatePlans == [.bcp, .cmp])
        #expect(offer.agreeToClose.isEmpty)
        #expect(offer.recordCommunication && offer.nameParties)
    }
}
