import Testing

@testable import RiposteCore

/// #15 point 1: who a qualification tells (§4.2, §4.2.4, §3.1).
@Suite("Who a qualification tells")
struct QualificationAlertsTests {
    static func told(
        from previous: Severity?, to severity: Severity, by roles: Set<Role>, type: String = "réseau"
    ) throws -> (kind: NotificationEventKind?, roles: [Role]) {
        let state =
            previous.map { IncidentState(status: .inTreatment, severity: $0, type: "réseau") }
            ?? IncidentState(status: .reported)
        let decision = try Lifecycle.qualify(state, type: type, severity: severity, roles: roles).get()
        let events = decision.effects(by: roles).events
        #expect(events.count <= 1)
        #expect(events.allSatisfy { $0.severity == severity })
        return (events.first?.kind, events.first?.recipients.map(\.role) ?? [])
    }

    @Test("every first qualification, by the incident manager: major and crisis call people, the rest no one")
    func firstQualification() throws {
        let manager: Set<Role> = [.incidentManager]
        #expect(try Self.told(from: nil, to: .low, by: manager).roles == [])
        #expect(try Self.told(from: nil, to: .minor, by: manager).roles == [])
        #expect(try Self.told(from: nil, to: .major, by: manager) == (.qualified, [.incidentManager]))
        #expect(try Self.told(from: nil, to: .crisis, by: manager) == (.qualified, [.crisisManager, .incidentManager]))
    }

    @Test("§3.1: a helpdesk operator's qualification, minor and above, tells the helpdesk manager too")
    func operatorTellsHelpdeskManager() throws {
        let helpdesk: Set<Role> = [.helpdeskOperator]
        #expect(try Self.told(from: nil, to: .low, by: helpdesk).roles == [])
        #expect(try Self.told(from: nil, to: .minor, by: helpdesk) == (.qualified, [.helpdeskManager]))
        #expect(try Self.told(from: nil, to: .major, by: helpdesk).roles == [.incidentManager, .helpdeskManager])
        #expect(
            try Self.told(from: nil, to: .crisis, by: helpdesk).roles
                == [.crisisManager, .incidentManager, .helpdeskManager])
    }

    @Test("every re-qualification upwards tells what the new severity calls for")
    func upwards() throws {
        let manager: Set<Role> = [.incidentManager]
        #expect(try Self.told(from: .low, to: .minor, by: manager).roles == [])
        #expect(try Self.told(from: .minor, to: .major, by: manager) == (.qualified, [.incidentManager]))
        #expect(try Self.told(from: .low, to: .major, by: manager) == (.qualified, [.incidentManager]))
        #expect(
            try Self.told(from: .major, to: .crisis, by: manager) == (.qualified, [.crisisManager, .incidentManager]))
        #expect(try Self.told(from: .minor, to: .crisis, by: manager).roles == [.crisisManager, .incidentManager])
    }

    @Test("a downgrade tells those who were told of the higher severity, once each")
    func downgrade() throws {
        let manager: Set<Role> = [.incidentManager]
        #expect(
            try Self.told(from: .crisis, to: .major, by: manager) == (.downgraded, [.incidentManager, .crisisManager]))
        #expect(
            try Self.told(from: .crisis, to: .low, by: manager) == (.downgraded, [.crisisManager, .incidentManager]))
        #expect(try Self.told(from: .major, to: .minor, by: manager) == (.downgraded, [.incidentManager]))
        #expect(try Self.told(from: .minor, to: .low, by: manager).roles == [])
    }

    @Test("a downgrade tells whoever the earlier qualifications told, as their entries recorded them")
    func downgradeTellsThoseRecorded() throws {
        let minor = IncidentState(status: .inTreatment, severity: .minor, type: "réseau")
        let decision = try Lifecycle.qualify(minor, type: "réseau", severity: .low, roles: [.incidentManager]).get()
        let events = decision.alerts(by: [.incidentManager], previouslyTold: [.helpdeskManager])
        #expect(events.map(\.kind) == [.downgraded])
        #expect(events.first?.recipients == [NotificationRecipient(role: .helpdeskManager)])
        let effects = decision.effects(by: [.incidentManager], previouslyTold: [.helpdeskManager])
        #expect(effects.journal.first?.details["notify"] == "helpdesk_manager")
        // An operator's minor qualification records the helpdesk manager it told.
        let reported = IncidentState(status: .reported)
        let first = try Lifecycle.qualify(reported, type: "réseau", severity: .minor, roles: [.helpdeskOperator]).get()
        #expect(first.effects(by: [.helpdeskOperator]).journal.first?.details["notify"] == "helpdesk_manager")
    }

    @Test("a change of type alone tells no one; the sweep's re-qualification carries no alert of its own")
    func typeOnlyAndSweep() throws {
        #expect(try Self.told(from: .major, to: .major, by: [.incidentManager], type: "matériel").roles == [])
        let minor = IncidentState(status: .inTreatment, severity: .minor, type: "réseau")
        #expect(Qualification.escalatedToMajor(minor).effects(reason: "minor_becomes_major").events.isEmpty)
    }

    @Test("the headline names the severity in the reader's language")
    func headline() {
        let event = NotificationEvent(
            kind: .qualified, incidentNumber: "INC-2026-0001", incidentTitle: "t", severity: .crisis)
        #expect(NotificationText.headlineKey(event) == ("notification.qualified", ["notification.severity.crisis"]))
        let down = NotificationEvent(
            kind: .downgraded, incidentNumber: "INC-2026-0001", incidentTitle: "t", severity: .minor)
        #expect(NotificationText.headlineKey(down) == ("notification.downgraded", ["notification.severity.minor"]))
    }
}
