import Testing

@testable import RiposteCore

@Suite("Journal entries and checklist ticks")
struct LifecycleJournalTests {
    @Test("the response team records an action") func recordAction() {
        #expect(
            Lifecycle.addEntry(
                IncidentState(status: .inTreatment, severity: .major), kind: .action, roles: [.responseTeam])
                == .success(.recordAction))
    }

    @Test("a reporter may not write in the journal") func reporterCannotWrite() {
        #expect(
            Lifecycle.addEntry(IncidentState(status: .reported), kind: .note, roles: [.reporter])
                == .failure(.forbidden(.addNote)))
    }

    @Test("automatic kinds cannot be written by hand") func automaticKinds() {
        #expect(
            Lifecycle.addEntry(IncidentState(status: .reported), kind: .statusChanged, roles: Set(Role.allCases))
                == .failure(.forbidden(.addNote)))
    }

    @Test("a reviewed or rejected incident takes no more entries", arguments: [IncidentStatus.reviewed, .rejected])
    func finished(status: IncidentStatus) {
        #expect(
            Lifecycle.addEntry(IncidentState(status: status, severity: .minor), kind: .note, roles: [.incidentManager])
                == .failure(.incidentFinished(status)))
    }

    @Test("a step is ticked once") func tickOnce() {
        let incident = IncidentState(status: .inTreatment, severity: .minor)
        #expect((try? Lifecycle.completeStep(incident, alreadyDone: false, roles: [.helpdeskOperator]).get()) != nil)
        #expect(throws: LifecycleError.stepAlreadyDone) {
            try Lifecycle.completeStep(incident, alreadyDone: true, roles: [.helpdeskOperator]).get()
        }
    }

    @Test("the helpdesk cannot tick a major incident's steps") func helpdeskMajor() {
        let incident = IncidentState(status: .inTreatment, severity: .major)
        #expect(throws: LifecycleError.forbidden(.completeChecklistStep)) {
            try Lifecycle.completeStep(incident, alreadyDone: false, roles: [.helpdeskOperator]).get()
        }
    }

    @Test("a closed incident's checklist is frozen") func closedFrozen() {
        let incident = IncidentState(status: .closed, severity: .minor)
        #expect(throws: LifecycleError.incidentFinished(.closed)) {
            try Lifecycle.completeStep(incident, alreadyDone: false, roles: [.incidentManager]).get()
        }
    }
}
