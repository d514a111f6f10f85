import Testing

@testable import RiposteCore

@Suite("Qualification")
struct LifecycleQualifyTests {
    @Test("the helpdesk qualifies a reported incident") func firstQualification() throws {
        let result = try Lifecycle.qualify(
            IncidentState(status: .reported), type: "network", severity: .minor, roles: [.helpdeskOperator]
        ).get()
        #expect(result.action == .qualify)
        #expect(result.newStatus == .qualified)
        #expect(result.severityChanged)
    }

    @Test("a helpdesk operator may qualify straight to crisis: whoever receives the report classifies it")
    func operatorQualifiesAnySeverity() {
        let result = Lifecycle.qualify(
            IncidentState(status: .reported), type: "fire", severity: .crisis, roles: [.helpdeskOperator])
        #expect((try? result.get())?.severity == .crisis)
    }

    @Test("re-qualifying keeps the status and needs the escalation right") func requalify() throws {
        let incident = IncidentState(status: .inTreatment, severity: .minor, type: "network")
        #expect(
            Lifecycle.qualify(incident, type: "network", severity: .major, roles: [.helpdeskOperator])
                == .failure(.forbidden(.requalify)))
        let change = try Lifecycle.qualify(incident, type: "network", severity: .major, roles: [.incidentManager]).get()
        #expect(change.action == .requalify)
        #expect(change.newStatus == .inTreatment)
        #expect(change.previousSeverity == .minor)
    }

    @Test("#15 point 8: the helpdesk manager re-qualifies within his ceiling only; beyond it he escalates")
    func helpdeskManagerWithinHisCeiling() {
        let minor = IncidentState(status: .qualified, severity: .minor, type: "network")
        #expect(
            Lifecycle.qualify(minor, type: "network", severity: .major, roles: [.helpdeskManager])
                == .failure(.forbidden(.requalify)))
        #expect(
            (try? Lifecycle.qualify(minor, type: "network", severity: .low, roles: [.helpdeskManager]).get()) != nil)
        for severity in [Severity.major, .crisis] {
            let high = IncidentState(status: .inTreatment, severity: severity, type: "network")
            #expect(
                Lifecycle.qualify(high, type: "network", severity: .minor, roles: [.helpdeskManager])
                    == .failure(.forbidden(.requalify)), "no downgrade of \(severity)")
        }
        #expect((try? Lifecycle.escalateToManager(minor, note: "n", roles: [.helpdeskManager]).get()) != nil)
    }

    @Test("the qualification form offers exactly the severities the person may set")
    func offeredSeverities() {
        let minor = IncidentState(status: .qualified, severity: .minor, type: "network")
        #expect(Lifecycle.offer(minor, clockPaused: false, roles: [.helpdeskManager]).severities == [.low, .minor])
        #expect(Lifecycle.offer(minor, clockPaused: false, roles: [.incidentManager]).severities == Severity.allCases)
        let major = IncidentState(status: .inTreatment, severity: .major, type: "network")
        let helpdesk = Lifecycle.offer(major, clockPaused: false, roles: [.helpdeskManager])
        #expect(!helpdesk.requalify && helpdesk.severities.isEmpty)
        let reported = IncidentState(status: .reported)
        #expect(
            Lifecycle.offer(reported, clockPaused: false, roles: [.helpdeskOperator]).severities == Severity.allCases)
        #expect(Lifecycle.offer(reported, clockPaused: false, roles: [.reporter]).severities.isEmpty)
        let closed = IncidentState(status: .closed, severity: .minor, type: "network")
        #expect(Lifecycle.offer(closed, clockPaused: false, roles: [.incidentManager]).severities.isEmpty)
    }

    @Test("re-qualifying with nothing new is refused") func unchanged() {
        let incident = IncidentState(status: .qualified, severity: .minor, type: "network")
        #expect(
            Lifecycle.qualify(incident, type: "network", severity: .minor, roles: [.incidentManager])
                == .failure(.unchanged))
    }

    @Test("a type change alone keeps the checklist") func typeOnly() throws {
        let incident = IncidentState(status: .qualified, severity: .minor, type: "network")
        let change = try Lifecycle.qualify(incident, type: "power", severity: .minor, roles: [.incidentManager]).get()
        #expect(!change.severityChanged)
    }

    @Test(
        "finished incidents cannot be qualified", arguments: [IncidentStatus.resolved, .closed, .reviewed, .rejected])
    func finished(status: IncidentStatus) {
        let incident = IncidentState(status: status, severity: .minor, type: "x")
        #expect(
            Lifecycle.qualify(incident, type: "x", severity: .major, roles: Set(Role.allCases))
                == .failure(.cannotQualify(status)))
    }
}
