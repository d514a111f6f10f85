import Foundation
import Testing

@testable import RiposteCore

@Suite("Escalation policy")
struct EscalationPolicyTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    /// An organisation that chose automatic promotion of late minor incidents (#15 point 5);
    /// `judging` is the default, which puts them to the managers.
    static let settings = SLASettings(targets: [
        .low: SeverityTargets(qualify: ISODuration(seconds: 7_200), resolve: ISODuration(seconds: 86_400)),
        .minor: SeverityTargets(
            qualify: ISODuration(seconds: 3_600), resolve: ISODuration(seconds: 14_400), promoteAtDeadline: true),
        .major: SeverityTargets(
            qualify: ISODuration(seconds: 1_800), resolve: ISODuration(seconds: 7_200),
            statusReport: ISODuration(seconds: 1_800)),
        .crisis: SeverityTargets(
            qualify: ISODuration(seconds: 900), resolve: ISODuration(seconds: 3_600),
            statusReport: ISODuration(seconds: 900)),
    ])

    static func facts(
        _ status: IncidentStatus = .inTreatment, _ severity: Severity? = .minor, activities: [ImpactedActivity] = [],
        expectedRecoveryAt: Date? = nil, lastStatusReportAt: Date? = nil, escalated: Set<String> = []
    ) -> EscalationFacts {
        EscalationFacts(
            status: status, severity: severity, severitySince: severity == nil ? nil : start,
            clock: SLAClock(startedAt: start), disruptedSince: start, impactedActivities: activities,
            expectedRecoveryAt: expectedRecoveryAt, lastStatusReportAt: lastStatusReportAt, escalated: escalated)
    }

    static var judging: SLASettings {
        var settings = Self.settings
        settings.targets[.minor]?.promoteAtDeadline = false
        return settings
    }

    static func kinds(_ facts: EscalationFacts, at offset: TimeInterval) -> [Escalation.Kind] {
        EscalationPolicy.due(facts, settings: settings, at: start.addingTimeInterval(offset)).map(\.kind)
    }

    @Test(
        "a minor incident becomes major at its resolution SLA, not a second before",
        arguments: [
            (14_399.0, false), (14_400.0, true), (14_401.0, true),
        ])
    func minorBoundary(offset: TimeInterval, due: Bool) {
        #expect(Self.kinds(Self.facts(), at: offset).contains(.minorBecomesMajor) == due)
    }

    @Test(
        "by default a late minor incident is put to the helpdesk and incident managers, once, and stays minor",
        arguments: [(14_399.0, false), (14_400.0, true), (14_401.0, true)])
    func minorJudged(offset: TimeInterval, due: Bool) {
        let at = Self.start.addingTimeInterval(offset)
        let made = EscalationPolicy.due(Self.facts(), settings: Self.judging, at: at)
        #expect(made.map(\.kind) == (due ? [.minorOverdue] : []))
        #expect(made.first.map { Set($0.notify) } ?? [] == (due ? [.incidentManager, .helpdeskManager] : []))
        let effects = EscalationPolicy.effects(of: made, on: IncidentState(status: .inTreatment, severity: .minor))
        #expect(effects.qualification == nil && effects.checklist == nil)
        var after = Self.facts()
        after.escalated = Set(made.map(\.key))
        #expect(EscalationPolicy.due(after, settings: Self.judging, at: at).isEmpty)
        if due {
            // Switching the setting on afterwards does not make the same deadline fire again.
            #expect(EscalationPolicy.due(after, settings: Self.settings, at: at).isEmpty)
        }
    }

    @Test("a major incident's resolution time counts from when it became major, not from the report")
    func majorFromSeveritySince() {
        var facts = Self.facts(.inTreatment, .major)
        facts.severitySince = Self.start.addingTimeInterval(10_000)
        facts.lastStatusReportAt = Self.start.addingTimeInterval(100_000)
        #expect(!Self.kinds(facts, at: 10_000 + 7_199).contains(.majorOverdue))
        #expect(Self.kinds(facts, at: 10_000 + 7_200).contains(.majorOverdue))
    }

    @Test("time paused before an incident became major does not push its major deadline back; later pauses do")
    func pausesBeforeMajor() throws {
        var facts = Self.facts(.inTreatment, .major)
        // Paused an hour while minor, then major from 10,000 s on.
        try facts.clock.pause(at: Self.start.addingTimeInterval(1_000))
        try facts.clock.resume(at: Self.start.addingTimeInterval(4_600))
        facts.severitySince = Self.start.addingTimeInterval(10_000)
        facts.pausedBeforeSeverity = 3_600
        facts.lastStatusReportAt = Self.start.addingTimeInterval(100_000)
        #expect(Self.kinds(facts, at: 10_000 + 7_200).contains(.majorOverdue))
        // Another half hour paused once major: the deadline moves by that half hour only.
        try facts.clock.pause(at: Self.start.addingTimeInterval(11_000))
        try facts.clock.resume(at: Self.start.addingTimeInterval(12_800))
        #expect(!Self.kinds(facts, at: 10_000 + 7_200 + 1_799).contains(.majorOverdue))
        #expect(Self.kinds(facts, at: 10_000 + 7_200 + 1_800).contains(.majorOverdue))
    }

    @Test("settling a promotion: the major deadline starts with the promotion, so nothing else is due at once")
    func settleChains() {
        let at = Self.start.addingTimeInterval(14_400)
        let made = EscalationPolicy.settle(Self.facts(), settings: Self.settings, at: at)
        // Now major since `at`: two hours to resolve from now, the first status report half
        // an hour after the re-qualification.
        #expect(made.map(\.kind) == [.minorBecomesMajor])
        var after = Self.facts()
        after.severity = .major
        after.severitySince = at
        after.escalated = Set(made.map(\.key))
        #expect(EscalationPolicy.due(after, settings: Self.settings, at: at).isEmpty)
        #expect(EscalationPolicy.nextDueAt(after, settings: Self.settings, after: at) == at.addingTimeInterval(1_800))
    }

    @Test("settling makes nothing twice and nothing early")
    func settleOnce() {
        let before = Self.start.addingTimeInterval(14_399)
        #expect(EscalationPolicy.settle(Self.facts(), settings: Self.settings, at: before).isEmpty)
        let made = Self.facts(escalated: [Escalation.minorDeadlineKey])
        #expect(EscalationPolicy.settle(made, settings: Self.settings, at: before.addingTimeInterval(1)).isEmpty)
        let closed = Self.facts(.closed)
        #expect(EscalationPolicy.settle(closed, settings: Self.settings, at: before.addingTimeInterval(86_400)).isEmpty)
    }

    @Test(
        "a major incident past its SLA alerts the incident, crisis and continuity managers",
        arguments: [
            (7_199.0, false), (7_200.0, true), (7_201.0, true),
        ])
    func majorBoundary(offset: TimeInterval, due: Bool) throws {
        let escalations = EscalationPolicy.due(
            Self.facts(.inTreatment, .major, lastStatusReportAt: Self.start.addingTimeInterval(offset)),
            settings: Self.settings, at: Self.start.addingTimeInterval(offset))
        let overdue = escalations.first { $0.kind == .majorOverdue }
        #expect((overdue != nil) == due)
        if let overdue {
            #expect(overdue.notify == [.incidentManager, .crisisManager, .continuityManager])
            #expect(overdue.notifyList == "continuity_manager,crisis_manager,incident_manager")
        }
    }

    @Test(
        "a missed status report reminds the incident manager, once per missed report",
        arguments: [
            (1_799.0, false), (1_800.0, true), (1_801.0, true),
        ])
    func statusReportBoundary(offset: TimeInterval, due: Bool) {
        #expect(Self.kinds(Self.facts(.inTreatment, .major), at: offset).contains(.statusReportMissed) == due)
    }

    @Test("a report made resets the cadence, and each missed report is its own escalation") func statusReportCycles()
        throws
    {
        let first = try #require(
            EscalationPolicy.due(
                Self.facts(.inTreatment, .crisis), settings: Self.settings, at: Self.start.addingTimeInterval(900)
            )
            .first { $0.kind == .statusReportMissed })
        let afterReport = Self.facts(
            .inTreatment, .crisis, lastStatusReportAt: Self.start.addingTimeInterval(1_000), escalated: [first.key])
        #expect(!Self.kinds(afterReport, at: 1_899).contains(.statusReportMissed))
        let second = try #require(
            EscalationPolicy.due(afterReport, settings: Self.settings, at: Self.start.addingTimeInterval(1_900))
                .first { $0.kind == .statusReportMissed })
        #expect(second.key != first.key)
    }

    @Test("expected recovery beyond an activity's RTO escalates at once to continuity") func rtoByEstimate() throws {
        let activity = ImpactedActivity(id: UUID(), rto: ISODuration(seconds: 4 * 3_600))
        let facts = Self.facts(
            activities: [activity], expectedRecoveryAt: Self.start.addingTimeInterval(5 * 3_600))
        let escalation = try #require(
            EscalationPolicy.due(facts, settings: Self.settings, at: Self.start.addingTimeInterval(60)).first {
                $0.kind == .recoveryBeyondRTO
            })
        #expect(escalation.notify == [.continuityManager])
        #expect(escalation.key.hasSuffix(activity.id.uuidString.lowercased()))
    }

    @Test(
        "without an estimate, the RTO running out escalates",
        arguments: [
            (14_399.0, false), (14_400.0, true), (14_401.0, true),
        ])
    func rtoByTime(offset: TimeInterval, due: Bool) {
        let activity = ImpactedActivity(id: UUID(), rto: ISODuration(seconds: 14_400))
        let facts = Self.facts(.inTreatment, .low, activities: [activity])
        #expect(Self.kinds(facts, at: offset).contains(.recoveryBeyondRTO) == due)
    }

    @Test("an estimate within the RTO escalates nothing early") func rtoWithinEstimate() {
        let activity = ImpactedActivity(id: UUID(), rto: ISODuration(seconds: 14_400))
        let facts = Self.facts(
            .inTreatment, .low, activities: [activity], expectedRecoveryAt: Self.start.addingTimeInterval(3_600))
        #expect(!Self.kinds(facts, at: 3_600).contains(.recoveryBeyondRTO))
    }

    @Test(
        "an unqualified report is overdue at the shortest time to qualify",
        arguments: [
            (899.0, false), (900.0, true), (901.0, true),
        ])
    func qualification(offset: TimeInterval, due: Bool) {
        #expect(Self.kinds(Self.facts(.reported, nil), at: offset) == (due ? [.qualificationOverdue] : []))
    }

    @Test("each escalation happens once per incident and level") func idempotent() {
        let once = Self.facts(escalated: [Escalation.minorDeadlineKey])
        #expect(!Self.kinds(once, at: 20_000).contains(.minorBecomesMajor))
        #expect(EscalationPolicy.due(once, settings: Self.judging, at: Self.start.addingTimeInterval(20_000)).isEmpty)
    }

    @Test(
        "finished incidents escalate nothing",
        arguments: [
            IncidentStatus.resolved, .closed, .reviewed, .rejected,
        ])
    func finished(status: IncidentStatus) {
        let activity = ImpactedActivity(id: UUID(), rto: ISODuration(seconds: 60))
        let facts = Self.facts(status, .major, activities: [activity])
        #expect(
            EscalationPolicy.due(facts, settings: Self.settings, at: Self.start.addingTimeInterval(1_000_000)).isEmpty)
        #expect(EscalationPolicy.nextDueAt(facts, settings: Self.settings, after: Self.start) == nil)
    }

    @Test("a paused clock reaches no SLA deadline, and paused time is not counted") func paused() throws {
        var facts = Self.facts()
        try facts.clock.pause(at: Self.start.addingTimeInterval(3_600))
        #expect(!Self.kinds(facts, at: 100_000).contains(.minorBecomesMajor))
        try facts.clock.resume(at: Self.start.addingTimeInterval(7_200))
        #expect(!Self.kinds(facts, at: 14_400 + 3_599).contains(.minorBecomesMajor))
        #expect(Self.kinds(facts, at: 14_400 + 3_600).contains(.minorBecomesMajor))
    }

    @Test("re-qualifying to major replaces the minor deadline with the major ones") func requalified() {
        let major = Self.facts(.inTreatment, .major, escalated: [Escalation.Kind.minorBecomesMajor.rawValue])
        let due = Self.kinds(major, at: 7_200)
        #expect(due.contains(.majorOverdue))
        #expect(!due.contains(.minorBecomesMajor))
    }

    @Test("the next due time is the earliest pending deadline") func nextDue() {
        let facts = Self.facts(.inTreatment, .major)
        #expect(
            EscalationPolicy.nextDueAt(facts, settings: Self.settings, after: Self.start)
                == Self.start.addingTimeInterval(1_800))
        let reported = Self.facts(
            .inTreatment, .major, escalated: ["status_report_missed:\(Int64(Self.start.timeIntervalSince1970 + 1_800))"]
        )
        #expect(
            EscalationPolicy.nextDueAt(reported, settings: Self.settings, after: Self.start)
                == Self.start.addingTimeInterval(7_200))
    }
}
