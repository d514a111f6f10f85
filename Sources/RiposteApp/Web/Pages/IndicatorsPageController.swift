import Foundation
import RiposteCore
import RiposteStorage
import Vapor

/// `/indicators`: how the organisation is doing over a period (#20 point 4), the figures of
/// `GET /api/v1/metrics` with charts drawn on the server beside their data, printable. A
/// period that cannot be read, is reversed or spans more than ten years is shown back with the
/// message next to its field.
struct IndicatorsPageController {
    struct Page: Encodable {
        struct Figure: Encodable {
            let label: String
            let value: String
        }

        struct SeverityLine: Encodable {
            let severity: String
            let count: Int
            let qualifyMedian: String
            let qualifyP90: String
            let resolveMedian: String
            let resolveP90: String
            let qualifyRate: String
            let resolveRate: String
        }

        struct BucketLine: Encodable {
            let label: String
            let counts: [Int]
            let total: Int
        }

        let page: PageFrame
        let form: FormState
        let exercises: Bool
        let shown: Bool
        let periodText: String
        let figures: [Figure]
        let severities: [SeverityLine]
        let bucketHeaders: [String]
        let buckets: [BucketLine]
        let countsChart: String
        let complianceChart: String
        let resolveChart: String
    }

    func show(_ req: Request) async throws -> Response {
        let actions = try req.metricsActions
        func field(_ name: String) -> String {
            ((try? req.query.get(String.self, at: name)) ?? "").trimmingCharacters(in: .whitespaces)
        }
        var form = FormState(values: ["from": field("from"), "to": field("to")])
        let exercises = field("exercises") == "1"
        var period: MetricsPeriod?
        do {
            period = try Self.period(from: form.values["from"] ?? "", to: form.values["to"] ?? "", req)
        } catch let error as FieldError {
            form.errors[error.field] = req.message(for: APIError(error))
        }
        guard form.errors.isEmpty else {
            return try await render(
                req, Self.empty(req, form: form, exercises: exercises), status: .unprocessableEntity)
        }
        let report = try await actions.report(period, exercises: exercises)
        if form.values["from"] == "" { form.values["from"] = Self.day(report.metrics.period.from, req) }
        if form.values["to"] == "" { form.values["to"] = Self.day(report.metrics.period.to, req) }
        return try await render(req, try await Self.page(report, form: form, req), status: .ok)
    }

    /// The days typed, the last one whole, in the organisation's time zone; both empty is the
    /// default period.
    static func period(from: String, to: String, _ req: Request) throws -> MetricsPeriod? {
        func day(_ text: String, _ name: String) throws -> Date? {
            guard !text.isEmpty else { return nil }
            guard let day = req.parseDay(text) else { throw FieldError(field: name, problem: .invalid) }
            return day
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = req.organisation.timeZone
        // The next midnight, less a millisecond: a day of 23 or 25 hours is whole too.
        func endOf(_ day: Date) -> Date {
            (calendar.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86_400)).addingTimeInterval(
                -0.001)
        }
        return try MetricsPeriod.asked(
            from: try day(from, "from"), to: try day(to, "to").map(endOf), now: req.now, calendar: calendar)
    }

    static func day(_ date: Date, _ req: Request) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = req.organisation.timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    private func render(_ req: Request, _ page: Page, status: HTTPStatus) async throws -> Response {
        let response = try await req.view.render("indicators", page).encodeResponse(for: req)
        response.status = status
        return response
    }

    static func empty(_ req: Request, form: FormState, exercises: Bool) async throws -> Page {
        Page(
            page: try await req.frame("indicators.title", alert: req.t("form.fix")), form: form, exercises: exercises,
            shown: false, periodText: "", figures: [], severities: [], bucketHeaders: [], buckets: [],
            countsChart: "", complianceChart: "", resolveChart: "")
    }

    static func page(_ report: MetricsActions.Report, form: FormState, _ req: Request) async throws -> Page {
        let metrics = report.metrics
        func duration(_ seconds: Double?) -> String {
            seconds.map {
                req.duration(Countdown(to: Date(timeIntervalSince1970: $0), from: Date(timeIntervalSince1970: 0)))
            } ?? "—"
        }
        func percent(_ compliance: Compliance) -> String {
            compliance.rate.map {
                req.t("indicators.percent", String(Int(($0 * 100).rounded())), String(compliance.timed))
            }
                ?? "—"
        }
        func severityName(_ severity: Severity) -> String { req.t("severity.\(severity.rawValue)") }
        let activations = ResponsePlan.activatable.map {
            "\($0.rawValue.uppercased()) \(metrics.planActivations[$0] ?? 0)"
        }
        var figures = [
            Page.Figure(label: req.t("indicators.reported"), value: String(metrics.reported)),
            Page.Figure(label: req.t("indicators.incidents"), value: String(metrics.incidents)),
            Page.Figure(label: req.t("indicators.events"), value: String(metrics.events)),
            Page.Figure(label: req.t("indicators.unqualified"), value: String(metrics.unqualified)),
            Page.Figure(label: req.t("indicators.rejected"), value: String(metrics.rejected)),
            Page.Figure(
                label: req.t("indicators.mtta"),
                value: req.t(
                    "indicators.durations", duration(metrics.qualify.median),
                    duration(metrics.qualify.p90.map(Double.init)),
                    duration(metrics.qualify.mean))),
            Page.Figure(
                label: req.t("indicators.mttr"),
                value: req.t(
                    "indicators.durations", duration(metrics.resolve.median),
                    duration(metrics.resolve.p90.map(Double.init)),
                    duration(metrics.resolve.mean))),
            Page.Figure(label: req.t("indicators.rtoBreaches"), value: String(metrics.rtoBreaches)),
            Page.Figure(label: req.t("indicators.planActivations"), value: activations.joined(separator: " · ")),
            Page.Figure(
                label: req.t("indicators.reviews"),
                value: req.t(
                    "indicators.reviews.value", String(metrics.reviews.complete), String(metrics.reviews.owed),
                    String(metrics.reviews.onTime))),
        ]
        if !report.exercises {
            figures.append(
                Page.Figure(
                    label: req.t("indicators.followUps"),
                    value: req.t(
                        "indicators.followUps.value", String(report.followUps.open), String(report.followUps.overdue),
                        String(report.followUps.done))))
            let obligations = report.obligations
            figures.append(
                Page.Figure(
                    label: req.t("indicators.obligations"),
                    value: req.t(
                        "indicators.obligations.value", String(obligations.met), String(obligations.late),
                        String(obligations.overdue), String(obligations.open))))
        }
        let severities = metrics.bySeverity.map { line in
            Page.SeverityLine(
                severity: line.severity.rawValue, count: line.count, qualifyMedian: duration(line.qualify.median),
                qualifyP90: duration(line.qualify.p90.map(Double.init)), resolveMedian: duration(line.resolve.median),
                resolveP90: duration(line.resolve.p90.map(Double.init)), qualifyRate: percent(line.qualifyCompliance),
                resolveRate: percent(line.resolveCompliance))
        }
        let labels = metrics.buckets.map { bucketLabel($0.start, byYear: metrics.period.byYear, req) }
        let seriesNames = Severity.allCases.map(severityName) + [req.t("severity.none")]
        let counts = metrics.buckets.map { bucket in
            Severity.allCases.map { bucket.counts[$0] ?? 0 } + [bucket.unqualified]
        }
        let chartSeries = SVGChart.series(seriesNames)
        let countsChart = SVGChart.stackedColumns(
            id: "chart-counts", title: req.t("indicators.chart.counts"),
            description: req.t("indicators.chart.counts.desc", String(metrics.reported - metrics.rejected)),
            labels: metrics.buckets.map { bucketLabel($0.start, byYear: metrics.period.byYear, short: true, req) },
            series: chartSeries, values: counts)
        var complianceRows: [(label: String, value: Double?, text: String)] = []
        for line in metrics.bySeverity {
            complianceRows.append(
                (
                    req.t("indicators.chart.qualifyOf", severityName(line.severity)), line.qualifyCompliance.rate,
                    percent(line.qualifyCompliance)
                ))
            complianceRows.append(
                (
                    req.t("indicators.chart.resolveOf", severityName(line.severity)), line.resolveCompliance.rate,
                    percent(line.resolveCompliance)
                ))
        }
        let complianceChart = SVGChart.bars(
            id: "chart-sla", title: req.t("indicators.chart.sla"), description: req.t("indicators.chart.sla.desc"),
            rows: complianceRows, maximum: 1, series: SVGChart.series([req.t("indicators.chart.sla")])[0])
        let longest = Double(metrics.bySeverity.compactMap(\.resolve.p90).max() ?? 0)
        var resolveRows: [(label: String, value: Double?, text: String)] = []
        for line in metrics.bySeverity {
            resolveRows.append(
                (
                    req.t("indicators.chart.medianOf", severityName(line.severity)), line.resolve.median,
                    duration(line.resolve.median)
                ))
            resolveRows.append(
                (
                    req.t("indicators.chart.p90Of", severityName(line.severity)), line.resolve.p90.map(Double.init),
                    duration(line.resolve.p90.map(Double.init))
                ))
        }
        let resolveChart = SVGChart.bars(
            id: "chart-resolve", title: req.t("indicators.chart.resolve"),
            description: req.t("indicators.chart.resolve.desc"), rows: resolveRows, maximum: longest,
            series: SVGChart.series(["", req.t("indicators.chart.resolve")])[1])
        return Page(
            page: try await req.frame("indicators.title"), form: form, exercises: report.exercises, shown: true,
            periodText: req.t(
                "indicators.period", req.display(metrics.period.from), req.display(metrics.period.to),
                report.timeZone.identifier),
            figures: figures, severities: severities, bucketHeaders: seriesNames,
            buckets: zip(labels, counts).map { Page.BucketLine(label: $0, counts: $1, total: $1.reduce(0, +)) },
            countsChart: countsChart, complianceChart: complianceChart, resolveChart: resolveChart)
    }

    /// A month ("déc. 2026"), or on a chart's axis where thirteen must fit ("déc. 26"); or a year.
    static func bucketLabel(_ start: Date, byYear: Bool, short: Bool = false, _ req: Request) -> String {
        var style = Date.FormatStyle().year(short && !byYear ? .twoDigits : .defaultDigits)
        if !byYear { style = style.month(.abbreviated) }
        style.locale = req.pageLanguage.locale
        style.timeZone = req.organisation.timeZone
        return start.formatted(style)
    }
}
