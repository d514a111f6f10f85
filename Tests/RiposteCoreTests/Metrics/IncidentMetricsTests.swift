import Foundation
import Testing

@testable import RiposteCore

@Suite("Metrics")
struct IncidentMetricsTests {
    static let start = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01 00:00 UTC
    static let day: TimeInterval = 86_400
    static let hour = 3_600
    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    static func period(days: Double) throws -> MetricsPeriod {
        try MetricsPeriod(from: start, to: start + days * day)
    }

    @Test("median: the middle value, or the mean of the two middle ones; p90 by nearest rank")
    func statistics() {
        let odd = DurationStats([50, 10, 30])
        #expect(odd.count == 3 && odd.median == 30 && odd.mean == 30 && odd.p90 == 50)
        let even = DurationStats([40, 10, 30, 20])
        #expect(even.median == 25 && even.mean == 25)
        // Ten values: rank ⌈0.9 × 10⌉ = 9, the ninth smallest; eleven: rank 10.
        #expect(DurationStats(Array(1...10)).p90 == 9)
        #expect(DurationStats(Array(1...11)).p90 == 10)
        #expect(DurationStats([7]).p90 == 7 && DurationStats([7]).median == 7)
        let none = DurationStats([])
        #expect(none.count == 0 && none.median == nil && none.p90 == nil && none.mean == nil)
    }

    @Test("a period is never reversed nor longer than ten years; the limits themselves are allowed")
    func period() throws {
        #expect(throws: FieldError(field: "to", problem: .outOfRange)) {
            try MetricsPeriod(from: Self.start, to: Self.start - 1)
        }
        #expect(throws: FieldError(field: "from", problem: .outOfRange)) {
            try MetricsPeriod(from: Self.start, to: Self.start + MetricsPeriod.longest + 1)
        }
        #expect((try? MetricsPeriod(from: Self.start, to: Self.start + MetricsPeriod.longest)) != nil)
        #expect((try? MetricsPeriod(from: Self.start, to: Self.start)) != nil)
        let year = try MetricsPeriod(from: Self.start, to: Self.start + 364 * Self.day)
        #expect(year.buckets(calendar: Self.utc).count == 12)
        #expect(!year.byYear)
        let five = try MetricsPeriod(from: Self.start, to: Self.start + 5 * 365 * Self.day)
        #expect(five.byYear && five.buckets(calendar: Self.utc).count == 5)
    }

    @Test("a period asked by one end runs a year from it, never before the end of today; none asks the default")
    func asked() throws {
        let now = Self.start + 100 * Self.day + 3600
        #expect(try MetricsPeriod.asked(from: nil, to: nil, now: now, calendar: Self.utc) == nil)
        let fromOnly = try #require(try MetricsPeriod.asked(from: Self.start, to: nil, now: now, calendar: Self.utc))
        #expect(fromOnly.to == Self.start + 365 * Self.day)
        let recent = try #require(
            try MetricsPeriod.asked(from: now - Self.day, to: nil, now: now, calendar: Self.utc))
        #expect(recent.to == now - Self.day + 365 * Self.day)
        let toOnly = try #require(try MetricsPeriod.asked(from: nil, to: Self.start, now: now, calendar: Self.utc))
        #expect(toOnly.from == Self.start - 365 * Self.day)
        let old = try #require(
            try MetricsPeriod.asked(from: Self.start - 400 * Self.day, to: nil, now: now, calendar: Self.utc))
        #expect(old.to == Self.start + 101 * Self.day - 0.001, "to the end of today, the same all day")
        #expect(throws: FieldError(field: "to", problem: .outOfRange)) {
            try MetricsPeriod.asked(from: Self.start, to: Self.start - 1, now: now, calendar: Self.utc)
        }
    }

    /// A fixed set: minor incidents resolved in 1, 2, 3 and 4 hours (target 3 days, all met), a
    /// major one qualified at its one-hour target exactly and one a second past it, resolved 8
    /// hours after becoming major (met) and 8 hours and a second (missed) — 9 and 10 hours after
    /// their reports —, an event, one not qualified, one rejected.
    static let measures: [IncidentMeasure] = [
        .init(severity: .minor, status: .closed, reportedAt: start, qualifySeconds: 60, resolveSeconds: hour),
        .init(
            severity: .minor, status: .resolved, reportedAt: start + day, qualifySeconds: 120, resolveSeconds: 2 * hour),
        .init(
            severity: .minor, status: .reviewed, reportedAt: start + 2 * day, qualifySeconds: 180,
            resolveSeconds: 3 * hour,
            reviewComplete: true),
        .init(
            severity: .minor, status: .closed, reportedAt: start + 3 * day, qualifySeconds: 240,
            resolveSeconds: 4 * hour,
            reviewComplete: true, reviewReminded: true),
        .init(
            severity: .major, status: .closed, reportedAt: start + 40 * day, qualifySeconds: 3600,
            resolveSeconds: 9 * hour, resolveSLASeconds: 8 * hour, rtoBreached: true),
        .init(
            severity: .major, status: .inTreatment, reportedAt: start + 41 * day, qualifySeconds: 3601,
            resolveSeconds: 10 * hour, resolveSLASeconds: 8 * hour + 1),
        .init(severity: .low, status: .qualified, reportedAt: start + 42 * day, qualifySeconds: 30),
        .init(severity: nil, status: .reported, reportedAt: start + 43 * day),
        .init(
            severity: .crisis, status: .rejected, reportedAt: start + 44 * day, qualifySeconds: 10, resolveSeconds: 10),
    ]

    @Test("a fixed set of incidents gives its known figures") func knownAnswers() throws {
        let metrics = IncidentMetrics.of(
            Self.measures, period: try Self.period(days: 90), sla: .defaults, calendar: Self.utc,
            activations: [.bcp: 1, .cmp: 2])
        #expect(metrics.reported == 9 && metrics.rejected == 1 && metrics.unqualified == 1)
        #expect(metrics.incidents == 6 && metrics.events == 1)
        let minor = try #require(metrics.bySeverity.first { $0.severity == .minor })
        #expect(minor.count == 4)
        #expect(minor.resolve.median == Double(5 * Self.hour) / 2)
        #expect(minor.resolve.p90 == 4 * Self.hour)
        #expect(minor.resolveCompliance == Compliance(timed: 4, met: 4))
        #expect(minor.qualify.median == 150)
        let major = try #require(metrics.bySeverity.first { $0.severity == .major })
        #expect(major.qualifyCompliance == Compliance(timed: 2, met: 1), "at the target is met, a second past is not")
        #expect(major.resolveCompliance == Compliance(timed: 2, met: 1))
        #expect(major.resolveCompliance.rate == 0.5)
        #expect(major.resolve.median == Double(19 * Self.hour) / 2, "the MTTR counts from the report")
        // The rejected crisis counts in no figure but the rejected.
        let crisis = try #require(metrics.bySeverity.first { $0.severity == .crisis })
        #expect(crisis.count == 0 && crisis.resolve.count == 0)
        #expect(metrics.qualify.count == 7 && metrics.resolve.count == 6)
        #expect(metrics.qualify.median == 180)
        // A minor qualified past its four hours misses, an event within its day meets.
        let late = IncidentMetrics.of(
            [.init(severity: .minor, status: .qualified, reportedAt: Self.start, qualifySeconds: 4 * Self.hour + 1)],
            period: try Self.period(days: 1), sla: .defaults, calendar: Self.utc)
        #expect(late.bySeverity.first { $0.severity == .minor }?.qualifyCompliance == Compliance(timed: 1, met: 0))
        #expect(metrics.rtoBreaches == 1)
        #expect(metrics.planActivations == [.bcp: 1, .cmp: 2])
        #expect(metrics.reviews == .init(owed: 4, complete: 2, onTime: 1))
        // January holds the four minor ones; February the rest that count (not the rejected).
        #expect(metrics.buckets.count == 4)
        #expect(metrics.buckets[0].counts == [.minor: 4] && metrics.buckets[0].total == 4)
        #expect(metrics.buckets[1].counts == [.major: 2, .low: 1] && metrics.buckets[1].unqualified == 1)
    }

    @Test("the period's ends are included, a millisecond outside is not") func boundaries() throws {
        let at = [Self.start - 0.001, Self.start, Self.start + 10 * Self.day, Self.start + 10 * Self.day + 0.001]
        let measures = at.map { IncidentMeasure(severity: .minor, status: .qualified, reportedAt: $0) }
        let metrics = IncidentMetrics.of(
            measures, period: try Self.period(days: 10), sla: .defaults, calendar: Self.utc)
        #expect(metrics.reported == 2)
    }

    @Test("the time to resolve leaves pauses out; a major incident's counts from when it became major")
    func timeToResolve() {
        let report = Self.start
        // Paused 30 min in all, resolved 3 h after the report: 2 h 30 min.
        var clock = SLAClock(startedAt: report, pausedSeconds: 1_800)
        #expect(
            clock.timeToResolve(severity: .minor, severitySince: nil, pausedBeforeSeverity: 0, at: report + 10_800)
                == 9_000)
        // Major since 1 h after the report, 20 min of the pauses before it: 2 h less 10 min.
        #expect(
            clock.timeToResolve(
                severity: .major, severitySince: report + 3_600, pausedBeforeSeverity: 1_200, at: report + 10_800)
                == 6_600)
        // A pause under way at the resolution counts until then.
        try? clock.pause(at: report + 9_000)
        #expect(
            clock.timeToResolve(severity: .low, severitySince: nil, pausedBeforeSeverity: 0, at: report + 10_800)
                == 7_200)
    }

    @Test("the law's deadlines and the follow-ups are counted as met, late, overdue or open")
    func tallies() {
        let now = Self.start + 10 * Self.day
        func clock(_ status: ObligationClock.Status, due: Date?, settled: Date? = nil) -> ObligationClock {
            ObligationClock(step: .gdprAuthority, startsAt: Self.start, dueAt: due, status: status, settledAt: settled)
        }
        let tally = ObligationTally(
            [
                clock(.submitted, due: Self.start + 72 * 3600, settled: Self.start + 72 * 3600),
                clock(.submitted, due: Self.start + 72 * 3600, settled: Self.start + 72 * 3600 + 1),
                clock(.notNotified, due: Self.start + 72 * 3600, settled: Self.start + 3600),
                clock(.open, due: now - 1), clock(.open, due: now + 1), clock(.open, due: nil),
            ], at: now)
        #expect(tally.met == 2 && tally.late == 1 && tally.overdue == 1 && tally.open == 2)
        #expect(tally.rate == Compliance(timed: 4, met: 2))
        let followUps = FollowUpTally(
            [(true, "2027-01-01"), (false, "2027-01-09"), (false, "2027-01-10"), (false, nil)], today: "2027-01-10")
        #expect(
            followUps
                == {
                    var t = FollowUpTally(); (t.open, t.overdue, t.done) = (3, 1, 1); return t
                }())
    }
}
