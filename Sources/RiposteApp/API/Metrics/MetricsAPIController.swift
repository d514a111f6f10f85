import Foundation
import RiposteCore
import Vapor

/// `GET /api/v1/metrics` (#20 point 4): the figures of a period, those of the metrics page.
struct MetricsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("metrics", use: show)
    }

    func show(_ req: Request) async throws -> Response {
        let query = req.queryParameters
        try query.refuseUnknown(["from", "to", "exercises"])
        let exercises = try query.boolean("exercises") ?? false
        let actions = try req.metricsActions
        let period = try Self.period(from: try query.value("from"), to: try query.value("to"), now: actions.now)
        let report = try await actions.report(period, exercises: exercises)
        return try Response.json(MetricsDTO(report))
    }

    /// The period asked for: both ends, one end (the other a year away, within `now`), or none
    /// (the last twelve months). A date that is no date, a reversed period or one longer than
    /// ten years is 422.
    static func period(from: String?, to: String?, now: Date) throws -> MetricsPeriod? {
        func date(_ text: String?, _ field: String) throws -> Date? {
            guard let text else { return nil }
            guard let date = DateCoding.parse(text) else { throw FieldError(field: field, problem: .invalid) }
            return date
        }
        let (start, end) = (try date(from, "from"), try date(to, "to"))
        // The API's times are UTC: so is its "today".
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        return try FieldError.check { () throws(FieldError) in
            try MetricsPeriod.asked(from: start, to: end, now: now, calendar: utc)
        }
    }
}

/// The figures as the API speaks them: durations in whole seconds, rates from 0 to 1.
struct MetricsDTO: Content {
    struct DurationsDTO: Content {
        let count: Int
        let medianSeconds: Double?
        let p90Seconds: Int?
        let meanSeconds: Double?

        init(_ durations: DurationStats) {
            (count, medianSeconds, p90Seconds) = (durations.count, durations.median, durations.p90)
            meanSeconds = durations.mean.map { ($0 * 10).rounded() / 10 }
        }
    }

    struct ComplianceDTO: Content {
        let timed: Int
        let met: Int
        let rate: Double?

        init(_ compliance: Compliance) {
            (timed, met, rate) = (compliance.timed, compliance.met, compliance.rate)
        }
    }

    struct SeverityDTO: Content {
        let severity: Severity
        let count: Int
        let timeToQualify: DurationsDTO
        let timeToResolve: DurationsDTO
        let qualifyCompliance: ComplianceDTO
        let resolveCompliance: ComplianceDTO
    }

    struct BucketDTO: Content {
        let start: Date
        let total: Int
        let unqualified: Int
        let low: Int
        let minor: Int
        let major: Int
        let crisis: Int
    }

    struct ReviewsDTO: Content {
        let owed: Int
        let complete: Int
        let onTime: Int
    }

    struct FollowUpsDTO: Content {
        let open: Int
        let overdue: Int
        let done: Int
    }

    struct ObligationsDTO: Content {
        let met: Int
        let late: Int
        let overdue: Int
        let open: Int
    }

    let from: Date
    let to: Date
    let exercises: Bool
    let reported: Int
    let rejected: Int
    let unqualified: Int
    let incidents: Int
    let events: Int
    let timeToQualify: DurationsDTO
    let timeToResolve: DurationsDTO
    let bySeverity: [SeverityDTO]
    let rtoBreaches: Int
    let planActivations: [String: Int]
    let reviews: ReviewsDTO
    let followUps: FollowUpsDTO
    let obligations: ObligationsDTO
    let bucket: String
    let buckets: [BucketDTO]

    init(_ report: MetricsActions.Report) {
        let metrics = report.metrics
        (from, to, exercises) = (metrics.period.from, metrics.period.to, report.exercises)
        (reported, rejected, unqualified) = (metrics.reported, metrics.rejected, metrics.unqualified)
        (incidents, events, rtoBreaches) = (metrics.incidents, metrics.events, metrics.rtoBreaches)
        timeToQualify = DurationsDTO(metrics.qualify)
        timeToResolve = DurationsDTO(metrics.resolve)
        bySeverity = metrics.bySeverity.map {
            SeverityDTO(
                severity: $0.severity, count: $0.count, timeToQualify: DurationsDTO($0.qualify),
                timeToResolve: DurationsDTO($0.resolve), qualifyCompliance: ComplianceDTO($0.qualifyCompliance),
                resolveCompliance: ComplianceDTO($0.resolveCompliance))
        }
        planActivations = Dictionary(
            uniqueKeysWithValues: ResponsePlan.activatable.map { ($0.rawValue, metrics.planActivations[$0] ?? 0) })
        reviews = ReviewsDTO(
            owed: metrics.reviews.owed, complete: metrics.reviews.complete, onTime: metrics.reviews.onTime)
        followUps = FollowUpsDTO(
            open: report.followUps.open, overdue: report.followUps.overdue, done: report.followUps.done)
        obligations = ObligationsDTO(
            met: report.obligations.met, late: report.obligations.late, overdue: report.obligations.overdue,
            open: report.obligations.open)
        bucket = metrics.period.byYear ? "year" : "month"
        buckets = metrics.buckets.map {
            BucketDTO(
                start: $0.start, total: $0.total, unqualified: $0.unqualified, low: $0.counts[.low] ?? 0,
                minor: $0.counts[.minor] ?? 0, major: $0.counts[.major] ?? 0, crisis: $0.counts[.crisis] ?? 0)
        }
    }
}
