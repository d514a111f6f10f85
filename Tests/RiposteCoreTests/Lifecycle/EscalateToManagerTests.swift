import Testing

@testable import RiposteCore

/// #15 point 2: the helpdesk escalates an incident to the incident manager (§4.3).
@Suite("Escalating to the incident manager")
struct EscalateToManagerTests {
    @Test("the helpdesk escalates a handled incident: journalled with its note, the incident managers told")
    func escalates() throws {
        for status in [IncidentStatus.reported, .qualified, .inTreatment, .eradication] {
            let state = IncidentState(status: status, severity: status == .reported ? nil : .minor, type: "réseau")
            for roles: Set<Role> in [[.helpdeskOperator], [.helpdeskManager]] {
                let effects = try Lifecycle.escalateToManager(state, note: "serveur de fichiers aussi", roles: roles)
                    .get()
                #expect(effects.journal == [.init(.escalatedToManager, text: "serveur de fichiers aussi")])
                #expect(
                    effects.events == [
                        .init(
                            .escalatedToManager, severity: state.severity, note: "serveur de fichiers aussi",
                            to: [.init(role: .incidentManager)])
                    ])
                #expect(effects.qualification == nil && effects.statusChange == nil && effects.checklist == nil)
            }
        }
    }

    @Test("others may not; a finished incident is not escalated")
    func refused() {
        let handled = IncidentState(status: .inTreatment, severity: .major, type: "réseau")
        for role in Role.allCases where role != .helpdeskOperator && role != .helpdeskManager {
            #expect(
                Lifecycle.escalateToManager(handled, note: "n", roles: [role]).failure == .forbidden(.escalate),
                "\(role)")
        }
        for status in [IncidentStatus.resolved, .closed, .reviewed, .rejected] {
            let finished = IncidentState(status: status, severity: .minor, type: "réseau")
            #expect(
                Lifecycle.escalateToManager(finished, note: "n", roles: [.helpdeskManager]).failure
                    == .incidentFinished(status))
        }
    }

    @Test("the incident page offers it exactly when it would be accepted")
    func offered() {
        let handled = IncidentState(status: .inTreatment, severity: .minor, type: "réseau")
        #expect(Lifecycle.offer(handled, clockPaused: false, roles: [.helpdeskOperator]).escalate)
        #expect(!Lifecycle.offer(handled, clockPaused: false, roles: [.incidentManager]).escalate)
        let closed = IncidentState(status: .closed, severity: .minor, type: "réseau")
        #expect(!Lifecycle.offer(closed, clockPaused: false, roles: [.helpdeskManager]).escalate)
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
