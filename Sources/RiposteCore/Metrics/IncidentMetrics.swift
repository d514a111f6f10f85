import Foundation

/// One incident as the metrics read it: what it is, and the times the SLA clock ran until it
/// was qualified and resolved (kept on the incident when each happened, pauses left out).
public struct IncidentMeasure: Sendable, Equatable {
    public var severity: Severity?
    public var status: IncidentStatus
    public var reportedAt: Date
    public var qualifySeconds: Int?
    /// From the report to the resolution, on the SLA clock: the MTTR's.
    public var resolveSeconds: Int?
    /// As the SLA counts it (a major incident's from when it became major): its compliance's.
    public var resolveSLASeconds: Int?
    /// An impacted activity's recovery went past its RTO (the escalation was made).
    public var rtoBreached: Bool
    public var reviewComplete: Bool
    /// The incident manager was reminded of its review (`review_overdue`): not done on time.
    public var reviewReminded: Bool

    public init(
        severity: Severity?, status: IncidentStatus, reportedAt: Date, qualifySeconds: Int? = nil,
        resolveSeconds: Int? = nil, resolveSLASeconds: Int? = nil, rtoBreached: Bool = false,
        reviewComplete: Bool = false, reviewReminded: Bool = false
    ) {
        self.resolveSLASeconds = resolveSLASeconds ?? resolveSeconds
        self.severity = severity
        self.status = status
        self.reportedAt = reportedAt
        self.qualifySeconds = qualifySeconds
        self.resolveSeconds = resolveSeconds
        self.rtoBreached = rtoBreached
        self.reviewComplete = reviewComplete
        self.reviewReminded = reviewReminded
    }
}

/// How the organisation is doing over a period (#20 point 4): how many incidents and events,
/// how fast they were qualified (MTTA) and resolved (MTTR), how often within the SLA, the RTOs
/// missed, the plans activated and the reviews done on time. Pure: the same incidents and
/// settings always give the same figures.
public struct IncidentMetrics: Sendable, Equatable {
    public struct BySeverity: Sendable, Equatable {
        public let severity: Severity
        public let count: Int
        public let qualify: DurationStats
        public let resolve: DurationStats
        /// Qualified within the severity's time to qualify (the plan's table: a crisis in
        /// minutes, an event within the day).
        public let qualifyCompliance: Compliance
        /// Resolved within the severity's target, timed as the escalation times it.
        public let resolveCompliance: Compliance
    }

    /// The incidents of one month (or year) by severity, for the chart.
    public struct Bucket: Sendable, Equatable {
        public let start: Date
        public let counts: [Severity: Int]
        public let unqualified: Int

        public var total: Int { counts.values.reduce(unqualified, +) }
    }

    public struct Reviews: Sendable, Equatable {
        /// Closed (or reviewed) incidents of the period: those a review is owed for.
        public let owed: Int
        public let complete: Int
        /// Complete without the incident manager having been reminded.
        public let onTime: Int
    }

    public let period: MetricsPeriod
    public let reported: Int
    public let rejected: Int
    public let unqualified: Int
    public let bySeverity: [BySeverity]
    /// Every qualified incident's time to qualify (MTTA), every resolved one's time to resolve (MTTR).
    public let qualify: DurationStats
    public let resolve: DurationStats
    public let rtoBreaches: Int
    public let planActivations: [ResponsePlan: Int]
    public let reviews: Reviews
    public let buckets: [Bucket]

    /// The events ("Faible": a weak signal, §4.2) as apart from incidents proper.
    public var events: Int { bySeverity.first { $0.severity == .low }?.count ?? 0 }
    public var incidents: Int { bySeverity.filter { $0.severity != .low }.reduce(0) { $0 + $1.count } }

    /// The figures of `measures` reported within `period`, under the SLA targets `sla`;
    /// months (or years) in `calendar`'s time zone. `activations`: the plans activated on
    /// them, each activation once (a plan stood down and activated again counts twice).
    public static func of(
        _ measures: [IncidentMeasure], period: MetricsPeriod, sla: SLASettings, calendar: Calendar,
        activations: [ResponsePlan: Int] = [:]
    ) -> IncidentMetrics {
        let within = measures.filter { period.contains($0.reportedAt) }
        let bySeverity = Severity.allCases.map { severity in
            let of = within.filter { $0.severity == severity && $0.status != .rejected }
            let qualified = of.compactMap(\.qualifySeconds)
            let timed = of.compactMap(\.resolveSLASeconds)
            let targets = sla.targets(for: severity)
            return BySeverity(
                severity: severity, count: of.count, qualify: DurationStats(qualified),
                resolve: DurationStats(of.compactMap(\.resolveSeconds)),
                qualifyCompliance: Compliance(
                    timed: qualified.count, met: qualified.count { $0 <= targets.qualify.seconds }),
                resolveCompliance: Compliance(timed: timed.count, met: timed.count { $0 <= targets.resolve.seconds }))
        }
        let counted = within.filter { $0.status != .rejected }
        let owed = counted.filter { [.closed, .reviewed].contains($0.status) }
        return IncidentMetrics(
            period: period, reported: within.count, rejected: within.count { $0.status == .rejected },
            unqualified: counted.count { $0.severity == nil }, bySeverity: bySeverity,
            qualify: DurationStats(counted.compactMap(\.qualifySeconds)),
            resolve: DurationStats(counted.compactMap(\.resolveSeconds)),
            rtoBreaches: counted.count(where: \.rtoBreached), planActivations: activations,
            reviews: Reviews(
                owed: owed.count, complete: owed.count(where: \.reviewComplete),
                onTime: owed.count { $0.reviewComplete && !$0.reviewReminded }),
            buckets: buckets(counted, period: period, calendar: calendar))
    }

    private static func buckets(_ measures: [IncidentMeasure], period: MetricsPeriod, calendar: Calendar) -> [Bucket] {
        let starts = period.buckets(calendar: calendar)
        var counts = [[Severity: Int]](repeating: [:], count: starts.count)
        var unqualified = [Int](repeating: 0, count: starts.count)
        for measure in measures {
            // The last start at or before the report: starts are in order.
            guard let index = starts.lastIndex(where: { $0 <= measure.reportedAt }) else { continue }
            if let severity = measure.severity {
                counts[index][severity, default: 0] += 1
            } else {
                unqualified[index] += 1
            }
        }
        return starts.indices.map { Bucket(start: starts[$0], counts: counts[$0], unqualified: unqualified[$0]) }
    }
}
