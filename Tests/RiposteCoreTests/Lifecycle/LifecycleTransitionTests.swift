import Foundation
import Testing

@testable import RiposteCore

@Suite("Lifecycle transitions")
struct LifecycleTransitionTests {
    static let legal: Set<String> = [
        "reported>rejected",
        "qualified>in_treatment", "qualified>rejected",
        "in_treatment>eradication", "in_treatment>resolved",
        "eradication>resolved",
        "resolved>closed", "resolved>in_treatment",
        "closed>reviewed",
    ]

    static let everyPair: [(IncidentStatus, IncidentStatus)] = IncidentStatus.allCases.flatMap { from in
        IncidentStatus.allCases.map { (from, $0) }
    }

    static let everyone = Set(Role.allCases)

    @Test("each pair of statuses is legal or illegal as the plan says", arguments: everyPair)
    func pair(from: IncidentStatus, to: IncidentStatus) {
        // A complete review and the IRP deactivated: their own rules are tested with them.
        let incident = IncidentState(
            status: from, severity: .major, type: "network",
            plans: PlanState(marks: [.irp: PlanMark(.stoodDown, at: Date(timeIntervalSince1970: 0))]),
            reviewComplete: true)
        let result = Lifecycle.transition(incident, to: to, reason: "because", roles: Self.everyone)
        if to == .qualified {
            #expect(result == .failure(.qualifyInstead))
        } else if Self.legal.contains("\(from.rawValue)>\(to.rawValue)") {
            guard case .success(let change) = result else {
                Issue.record("\(from) → \(to) should be legal, got \(result)")
                return
            }
            #expect(change.from == from && change.to == to)
        } else {
            #expect(result == .failure(.illegalTransition(from: from, to: to)))
        }
    }

    @Test("rejecting needs a reason") func rejectNeedsReason() {
        let incident = IncidentState(status: .reported)
        #expect(
            Lifecycle.transition(incident, to: .rejected, reason: "  ", roles: [.helpdeskOperator])
                == .failure(.reasonRequired))
        #expect(
            Lifecycle.transition(incident, to: .rejected, reason: nil, roles: [.helpdeskOperator])
                == .failure(.reasonRequired))
        let accepted = Lifecycle.transition(incident, to: .rejected, reason: " duplicate ", roles: [.helpdeskOperator])
        #expect(
            accepted == .success(StatusChange(from: .reported, to: .rejected, action: .reject, reason: "duplicate")))
    }

    @Test("reopening a resolved incident needs a reason") func reopenNeedsReason() {
        let incident = IncidentState(status: .resolved, severity: .major)
        #expect(
            Lifecycle.transition(incident, to: .inTreatment, reason: nil, roles: [.incidentManager])
                == .failure(.reasonRequired))
    }

    @Test("the helpdesk resolves a minor incident but not a major one") func firstLineStopsAtMinor() {
        let minor = IncidentState(status: .inTreatment, severity: .minor)
        let major = IncidentState(status: .inTreatment, severity: .major)
        #expect((try? Lifecycle.transition(minor, to: .resolved, reason: nil, roles: [.helpdeskOperator]).get()) != nil)
        #expect(
            Lifecycle.transition(major, to: .resolved, reason: nil, roles: [.helpdeskOperator])
                == .failure(.forbidden(.resolve)))
    }

    @Test("a reporter cannot move an incident") func reporterCannotMove() {
        let incident = IncidentState(status: .qualified, severity: .low)
        #expect(
            Lifecycle.transition(incident, to: .inTreatment, reason: nil, roles: [.reporter])
                == .failure(.forbidden(.startTreatment)))
    }

    @Test("an illegal transition is reported as such even to someone without rights") func illegalBeforeForbidden() {
        let incident = IncidentState(status: .reported)
        #expect(
            Lifecycle.transition(incident, to: .closed, reason: nil, roles: [.reporter])
                == .failure(.illegalTransition(from: .reported, to: .closed)))
    }

    @Test("every status belongs to one stage of the plan, and none to preparation") func stages() {
        #expect(IncidentStatus.reported.stage == .notificationAndIdentification)
        #expect(IncidentStatus.inTreatment.stage == .activationAndTreatment)
        #expect(IncidentStatus.eradication.stage == .eradication)
        #expect(IncidentStatus.closed.stage == .deactivation)
        #expect(IncidentStatus.reviewed.stage == .lessonsLearned)
        #expect(!IncidentStatus.allCases.contains { $0.stage == .preparation })
    }
}
