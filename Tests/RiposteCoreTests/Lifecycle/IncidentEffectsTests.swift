import Foundation
import Testing

@testable import RiposteCore

@Suite("A decision as one value: what it does to the incident")
struct IncidentEffectsTests {
    static let minor = IncidentState(status: .inTreatment, severity: .minor, type: "réseau")
    static let due = Date(timeIntervalSince1970: 1_800_000_000)

    static func escalation(_ kind: Escalation.Kind, notify: Set<Role>) -> Escalation {
        Escalation(kind: kind, key: kind.rawValue, dueAt: due, notify: notify)
    }

    @Test("a qualification changes the fields, is journalled, and a new severity brings its checklist")
    func qualification() throws {
        let decision = try Lifecycle.qualify(
            Self.minor, type: "réseau", severity: .major, roles: [.incidentManager]
        ).get()
        let effects = decision.effects(team: "Infra")
        #expect(effects.qualification == decision)
        #expect(effects.journal.map(\.kind) == [.requalified])
        #expect(effects.journal[0].details["team"] == "Infra")
        #expect(effects.checklist == .major)
        #expect(effects.events.isEmpty && effects.escalationsMade.isEmpty)
        let sameSeverity = try Lifecycle.qualify(
            Self.minor, type: "matériel", severity: .minor, roles: [.incidentManager]
        ).get()
        #expect(sameSeverity.effects().checklist == nil)
    }

    @Test("an escalation is made once, journalled with its deadline, and told to its roles")
    func escalation() {
        let effects = EscalationPolicy.effects(
            of: [Self.escalation(.statusReportMissed, notify: [.incidentManager])], on: Self.minor)
        #expect(effects.escalationsMade == ["status_report_missed"])
        #expect(effects.journal.count == 1)
        #expect(effects.journal[0].kind == .escalated)
        #expect(effects.journal[0].details["notify"] == "incident_manager")
        #expect(effects.journal[0].times == ["dueAt": Self.due])
        #expect(
            effects.events == [
                .init(
                    .escalated, severity: .minor, escalation: "status_report_missed",
                    to: [.init(role: .incidentManager)])
            ])
        #expect(effects.qualification == nil && effects.checklist == nil)
    }

    @Test("§4.2.3 step 2: minor to major is a re-qualification with its reason; later messages say major")
    func minorBecomesMajor() {
        let effects = EscalationPolicy.effects(
            of: [
                Self.escalation(.statusReportMissed, notify: [.incidentManager]),
                Self.escalation(.minorBecomesMajor, notify: [.incidentManager]),
                Self.escalation(.majorOverdue, notify: [.crisisManager]),
            ], on: Self.minor)
        #expect(effects.qualification == Qualification.escalatedToMajor(Self.minor))
        #expect(effects.journal.map(\.kind) == [.escalated, .escalated, .requalified, .escalated])
        #expect(effects.journal[2].details["reason"] == "minor_becomes_major")
        #expect(effects.checklist == .major)
        #expect(effects.events.map(\.severity) == [.minor, .major, .major])
        #expect(effects.escalationsMade == ["status_report_missed", "minor_becomes_major", "major_overdue"])
    }

    @Test("nothing due, nothing done") func nothing() {
        #expect(EscalationPolicy.effects(of: [], on: Self.minor).isEmpty)
    }
}

@Suite("A move along the lifecycle as effects")
struct StatusChangeEffectsTests {
    @Test("the new status and its journal entry, the reason as its text") func transition() throws {
        let incident = IncidentState(status: .inTreatment, severity: .minor, type: "réseau")
        let move = try Lifecycle.transition(
            incident, to: .resolved, reason: "Serveur redémarré", roles: [.incidentManager]
        ).get()
        let effects = move.effects()
        #expect(effects.statusChange == move)
        #expect(effects.journal.count == 1)
        #expect(effects.journal[0].kind == .statusChanged)
        #expect(effects.journal[0].text == "Serveur redémarré")
        #expect(
            effects.journal[0].details == ["from": "in_treatment", "to": "resolved", "action": move.action.rawValue])
        #expect(effects.qualification == nil && effects.checklist == nil && effects.events.isEmpty)
    }
}

@Suite("The SLA clock and status reports as effects")
struct ClockAndReportEffectsTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let minor = IncidentState(status: .inTreatment, severity: .minor, type: "réseau")

    @Test("a pause records its reason and since when; a resume the whole seconds paused") func clock() throws {
        var clock = SLAClock(startedAt: Self.start)
        try clock.pause(at: Self.start.addingTimeInterval(60))
        let paused = clock.effects(paused: true, reason: "Attente du fournisseur")
        #expect(paused.clock == clock)
        #expect(paused.journal.map(\.kind) == [.clockPaused])
        #expect(paused.journal[0].text == "Attente du fournisseur")
        #expect(paused.journal[0].details == ["pausedSeconds": "0"])
        #expect(paused.journal[0].times == ["pausedSince": Self.start.addingTimeInterval(60)])
        try clock.resume(at: Self.start.addingTimeInterval(150.6))
        let resumed = clock.effects(paused: false, reason: nil)
        #expect(resumed.journal.map(\.kind) == [.clockResumed])
        #expect(resumed.journal[0].details == ["pausedSeconds": "91"] && resumed.journal[0].times.isEmpty)
    }

    @Test("a status report says the situation, and the expected recovery to the millisecond") func report() {
        let expected = Date(timeIntervalSince1970: 1_800_003_600.123_456)
        let effects = StatusReport(situation: "Bascule en cours", expectedRecoveryAt: expected).effects(
            on: Self.minor, facts: Self.facts())
        #expect(effects.statusReport?.expectedRecoveryAt == JournalClock.truncate(expected))
        #expect(effects.journal.map(\.kind) == [.statusReport])
        #expect(effects.journal[0].text == "Bascule en cours")
        #expect(effects.journal[0].times == ["expectedRecoveryAt": JournalClock.truncate(expected)])
        let plain = StatusReport(situation: "Rien de neuf", expectedRecoveryAt: nil).effects(
            on: Self.minor, facts: Self.facts())
        #expect(plain.journal[0].times.isEmpty && plain.statusReport?.expectedRecoveryAt == nil)
    }

    static func facts(activities: [ImpactedActivity] = []) -> EscalationFacts {
        EscalationFacts(
            status: .inTreatment, severity: .minor, severitySince: start, clock: SLAClock(startedAt: start),
            disruptedSince: start, impactedActivities: activities)
    }

    @Test(
        "#15 point 4: a major or crisis report, or one with the CMP active, goes to the crisis manager with the situation"
    )
    func reportToTheCrisisManager() {
        let report = StatusReport(situation: "Bascule en cours", expectedRecoveryAt: nil)
        let flow1 = NotificationFlow.between(.irp, .cmp)?.number
        #expect(flow1 == 1)
        for severity in [Severity.major, .crisis] {
            let incident = IncidentState(status: .inTreatment, severity: severity, type: "réseau")
            let effects = report.effects(on: incident, facts: Self.facts())
            #expect(
                effects.events == [
                    .init(
                        .statusReport, severity: severity, note: "Bascule en cours",
                        to: [.init(role: .crisisManager, flow: flow1)])
                ])
        }
        var withCMP = Self.minor
        withCMP.plans.activeSince[.cmp] = Self.start
        #expect(report.readers(of: withCMP, facts: Self.facts()).map(\.role) == [.crisisManager])
        var invoked = Self.minor
        invoked.plans.marks[.cmp] = PlanMark(.invoked, at: Self.start)
        #expect(report.readers(of: invoked, facts: Self.facts()).map(\.role) == [.crisisManager])
        var declined = Self.minor
        declined.plans.marks[.cmp] = PlanMark(.declined, at: Self.start)
        #expect(report.readers(of: declined, facts: Self.facts()).isEmpty, "a declined CMP reads no more reports")
        #expect(
            report.effects(on: Self.minor, facts: Self.facts()).events.isEmpty,
            "a minor incident's report is the team's")
    }

    @Test("#15 point 4: the continuity manager reads it when the BCP is active or recovery passes an RTO")
    func reportToTheContinuityManager() {
        let fourHours = ImpactedActivity(id: UUID(), rto: ISODuration(seconds: 4 * 3600))
        let facts = Self.facts(activities: [fourHours])
        let withinRTO = StatusReport(situation: "s", expectedRecoveryAt: Self.start.addingTimeInterval(4 * 3600))
        let beyondRTO = StatusReport(situation: "s", expectedRecoveryAt: Self.start.addingTimeInterval(4 * 3600 + 1))
        #expect(withinRTO.readers(of: Self.minor, facts: facts).isEmpty)
        #expect(beyondRTO.readers(of: Self.minor, facts: facts).map(\.role) == [.continuityManager])
        #expect(beyondRTO.readers(of: Self.minor, facts: Self.facts()).isEmpty, "no activity, no RTO")
        var withBCP = Self.minor
        withBCP.plans.activeSince[.bcp] = Self.start
        #expect(
            StatusReport(situation: "s", expectedRecoveryAt: nil).readers(of: withBCP, facts: facts)
                == [.init(role: .continuityManager, flow: NotificationFlow.between(.irp, .bcp)?.number)])
        var warned = Self.minor
        warned.plans.marks[.bcp] = PlanMark(.warned, at: Self.start)
        #expect(withinRTO.readers(of: warned, facts: facts).map(\.role) == [.continuityManager])
        var stoodDown = Self.minor
        stoodDown.plans.marks[.bcp] = PlanMark(.stoodDown, at: Self.start)
        #expect(withinRTO.readers(of: stoodDown, facts: facts).isEmpty)
        let major = IncidentState(status: .inTreatment, severity: .major, type: "réseau")
        #expect(beyondRTO.readers(of: major, facts: facts).map(\.role) == [.crisisManager, .continuityManager])
    }

    @Test("#15 point 4: a report without a date keeps the incident's earlier estimate in view")
    func earlierEstimate() {
        let fourHours = ImpactedActivity(id: UUID(), rto: ISODuration(seconds: 4 * 3600))
        var facts = Self.facts(activities: [fourHours])
        facts.expectedRecoveryAt = Self.start.addingTimeInterval(6 * 3600)
        let undated = StatusReport(situation: "toujours en cours", expectedRecoveryAt: nil)
        #expect(undated.readers(of: Self.minor, facts: facts).map(\.role) == [.continuityManager])
        let sooner = StatusReport(situation: "s", expectedRecoveryAt: Self.start.addingTimeInterval(3600))
        #expect(sooner.readers(of: Self.minor, facts: facts).isEmpty, "a new estimate replaces the old one")
    }
}
