import Foundation
import RiposteCore
import Testing

@testable import RiposteApp
@testable import RiposteStorage

@Suite("The metrics' figures, kept a while")
struct MetricsFiguresTests {
    @Test("the same period and settings, however the settings were read, are one set of figures")
    func sameKey() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            _ = try await t.report(as: manager)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let period = MetricsPeriod.lastYear(until: t.clock.now(), calendar: calendar)
            let figures = MetricsFigures()
            let defaults = SLASettings.defaults
            // The same targets, entered in another order: another dictionary, the same settings.
            var reordered = SLASettings(targets: [:])
            for severity in Severity.allCases.reversed() { reordered.targets[severity] = defaults.targets[severity] }
            let first = try await figures.figures(
                period, exercises: false, sla: defaults, calendar: calendar, on: t.db.sql())
            _ = try await t.report(as: manager)
            let second = try await figures.figures(
                period, exercises: false, sla: reordered, calendar: calendar, on: t.db.sql())
            #expect(first.reported == 1 && second.reported == 1, "kept")
            let drills = try await figures.figures(
                period, exercises: true, sla: defaults, calendar: calendar, on: t.db.sql())
            #expect(drills.reported == 0)
            let other = try await MetricsFigures().figures(
                period, exercises: false, sla: defaults, calendar: calendar, on: t.db.sql())
            #expect(other.reported == 2)
        }
    }
}
