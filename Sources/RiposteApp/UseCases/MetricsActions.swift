import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// How the organisation is doing (#20 point 4): the figures of a period, for the metrics page
/// and `GET /api/v1/metrics`; real incidents, or the exercises alone. Those who read the
/// register read them.
struct MetricsActions: Sendable {
    let figures: MetricsFigures
    let database: any SQLDatabase
    let regulation: RegulationStore
    let settings: SettingsStore
    let actor: ActingPerson
    let now: Date

    struct Report: Sendable {
        let metrics: IncidentMetrics
        let exercises: Bool
        let followUps: FollowUpTally
        let obligations: ObligationTally
        let timeZone: TimeZone
    }

    /// The figures of `period` (by default the twelve months up to now).
    func report(_ period: MetricsPeriod?, exercises: Bool) async throws -> Report {
        guard actor.can(.viewRegister) else { throw LifecycleError.forbidden(.viewRegister) }
        let organisation = try await OrganisationStore.settings(on: database) ?? .beforeSetup
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = organisation.timeZone
        let period = period ?? MetricsPeriod.lastYear(until: now, calendar: calendar)
        let metrics = try await figures.figures(
            period, exercises: exercises, sla: try await settings.sla(), calendar: calendar, on: database)
        var obligations = ObligationTally()
        // An exercise starts no clock of the law: there is nothing to count.
        if !exercises {
            let lines = try await regulation.assessed(from: period.from, to: period.to)
            let records = try await regulation.records(of: lines.map(\.incident))
            let regimes = try await regulation.settings()
            for line in lines {
                obligations =
                    obligations
                    + ObligationTally(
                        RegulatoryClocks.clocks(
                            settings: regimes, assessment: line.assessment, records: records[line.incident] ?? [],
                            handledAt: line.resolvedAt), at: now)
            }
        }
        let day = DateFormatter()
        day.calendar = calendar
        day.timeZone = organisation.timeZone
        day.locale = Locale(identifier: "en_US_POSIX")
        day.dateFormat = "yyyy-MM-dd"
        let followUps = FollowUpTally(
            exercises ? [] : try await FollowUpStore.created(from: period.from, to: period.to, on: database),
            today: day.string(from: now))
        return Report(
            metrics: metrics, exercises: exercises, followUps: followUps, obligations: obligations,
            timeZone: organisation.timeZone)
    }
}

extension Application {
    private struct MetricsFiguresKey: StorageKey {
        typealias Value = MetricsFigures
    }

    /// Made once at boot (see `configure`): the figures this process keeps a short while.
    var metricsFigures: MetricsFigures {
        get { storage[MetricsFiguresKey.self] ?? MetricsFigures() }
        set { storage[MetricsFiguresKey.self] = newValue }
    }
}

extension Request {
    var metricsActions: MetricsActions {
        get throws {
            MetricsActions(
                figures: application.metricsFigures, database: try db.sql(), regulation: regulation,
                settings: settings, actor: try actingPerson, now: now)
        }
    }
}
