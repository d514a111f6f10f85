import Foundation
import Testing

@testable import RiposteCore

@Suite("Deadlines in sight")
struct RunningDeadlinesTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func facts(
        status: IncidentStatus = .inTreatment, severity: Severity?, clock: SLAClock? = nil,
        activities: [ImpactedActivity] = [], lastReport: Date? = nil
    ) -> EscalationFacts {
        EscalationFacts(
            status: status, severity: severity, severitySince: start, clock: clock ?? SLAClock(startedAt: start),
            disruptedSince: start, impactedActivities: activities, lastStatusReportAt: lastReport)
    }

    @Test("an unqualified report runs against its time to qualify, and its RTOs") func unqualified() {
        let activity = ImpactedActivity(id: UUID(), rto: ISODuration(seconds: 7_200))
        let deadlines = EscalationPolicy.deadlines(
            facts(status: .reported, severity: nil, activities: [activity]), settings: .defaults, at: start)
        #expect(
            deadlines == [
                RunningDeadline(
                    kind: .qualify,
                    dueAt: start.addingTimeInterval(TimeInterval(SLASettings.defaults.qualifyUnknownSeverity.seconds))),
                RunningDeadline(kind: .rto, activity: activity.id, dueAt: start.addingTimeInterval(7_200)),
            ])
    }

    @Test("a major incident: resolve and the next status report, counted from the last one") func major() {
        let report = start.addingTimeInterval(1_800)
        let deadlines = EscalationPolicy.deadlines(
            facts(severity: .major, lastReport: report), settings: .defaults, at: start.addingTimeInterval(3_600))
        #expect(deadlines.map(\.kind) == [.resolve, .statusReport])
        #expect(deadlines[0].dueAt == start.addingTimeInterval(8 * 3_600))
        #expect(deadlines[1].dueAt == report.addingTimeInterval(2 * 3_600))
    }

    @Test("low and crisis incidents show their resolution time too, though no escalation follows it")
    func everySeverityResolves() {
        for severity in Severity.allCases {
            let kinds = EscalationPolicy.deadlines(facts(severity: severity), settings: .defaults, at: start).map(
                \.kind)
            #expect(kinds.first == .resolve, "\(severity)")
        }
    }

    @Test("a paused clock: its deadlines are those it would have if it ran again now, marked paused")
    func paused() throws {
        var clock = SLAClock(startedAt: start)
        try clock.pause(at: start.addingTimeInterval(3_600))
        let now = start.addingTimeInterval(5 * 3_600)
        let activity = ImpactedActivity(id: UUID(), rto: ISODuration(seconds: 3_600))
        let deadlines = EscalationPolicy.deadlines(
            facts(severity: .minor, clock: clock, activities: [activity]), settings: .defaults, at: now)
        let resolve = try #require(deadlines.first)
        #expect(resolve.paused)
        // Three days of SLA time, of which one hour was used before the pause.
        #expect(resolve.dueAt == now.addingTimeInterval(3 * 86_400 - 3_600))
        // An RTO runs on wall time.
        #expect(
            deadlines.last == RunningDeadline(kind: .rto, activity: activity.id, dueAt: start.addingTimeInterval(3_600))
        )
    }

    @Test(
        "a resolved, closed or rejected incident runs against nothing",
        arguments: [IncidentStatus.resolved, .closed, .reviewed, .rejected])
    func finished(status: IncidentStatus) {
        #expect(
            EscalationPolicy.deadlines(facts(status: status, severity: .major), settings: .defaults, at: start).isEmpty)
    }
}
