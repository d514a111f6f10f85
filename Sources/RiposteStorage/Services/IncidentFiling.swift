import FluentKit
import FluentSQL
import Foundation
import NIOConcurrencyHelpers
import RiposteCore
import SQLKit

/// One validated report on its way into the register: its number, its row, its impacted
/// activities and what the core says filing it does (its first journal entry) are written in
/// the writer's transaction. Filings
/// queued together on SQLite are written together, one statement per table (see `WriteGate`).
package struct IncidentFiling: GroupableWrite {
    package let report: IncidentReport
    package let reporter: UUID
    package let at: Date
    /// The impacted activities with their RTOs, read before queueing.
    package let activities: [ImpactedActivity]
    package let settings: SLASettings
    package let numbering: IncidentNumbering
    /// The incident as filed, once its transaction holds it.
    package let filed = NIOLockedValueBox<IncidentRow?>(nil)

    package init(
        report: IncidentReport, reporter: UUID, at: Date, activities: [ImpactedActivity], settings: SLASettings,
        numbering: IncidentNumbering
    ) {
        self.report = report
        self.reporter = reporter
        self.at = at
        self.activities = activities
        self.settings = settings
        self.numbering = numbering
    }

    package var year: Int { Calendar.utc.component(.year, from: at) }

    package static func store(_ filings: [IncidentFiling], on database: any Database) async throws {
        guard let numbering = filings.first?.numbering else { return }
        let sql = try database.sql()
        var numbers: [IncidentNumber] = []
        for series in IncidentNumber.Series.allCases {
            for year in Set(filings.filter { $0.report.series == series }.map(\.year)).sorted() {
                let count = filings.count { $0.report.series == series && $0.year == year }
                numbers += try await numbering.next(count, series, year: year, on: sql)
            }
        }
        // Numbers were taken series by series, year by year: hand them out in the same order.
        let order = { (filing: IncidentFiling) in IncidentNumber.Series.allCases.firstIndex(of: filing.report.series)! }
        let byYear = filings.indices.sorted {
            (order(filings[$0]), filings[$0].year, $0) < (order(filings[$1]), filings[$1].year, $1)
        }
        var rows = [IncidentRow?](repeating: nil, count: filings.count)
        for (number, index) in zip(numbers, byYear) { rows[index] = filings[index].row(number: number) }
        let incidents = rows.compactMap { $0 }
        let writer = IncidentWriter(database: database)
        try await writer.insert(incidents)
        let impacted = zip(filings, incidents).flatMap { filing, incident in
            filing.report.impactedActivityIDs.map { [UUID.random(), incident.id, $0] as [any CellValue] }
        }
        try await BulkInsert.run("impacted_activities", ["id", "incident_id", "activity_id"], impacted, on: sql)
        try await writer.record(
            zip(filings, incidents).map { filing, incident in
                IncidentWriter.Decided(
                    incident: incident, effects: filing.report.effects(number: incident.number),
                    journalEnd: (0, JournalHasher.genesis), author: filing.reporter, at: filing.at)
            })
        for (filing, incident) in zip(filings, incidents) { filing.filed.withLockedValue { $0 = incident } }
    }

    private func row(number: IncidentNumber) -> IncidentRow {
        let reportedAt = JournalClock.truncate(at)
        var incident = IncidentRow(
            id: UUID.timeOrdered(at: at), number: number.description, title: report.title,
            description: report.description,
            type: report.type, severity: nil, status: IncidentStatus.reported.rawValue,
            channel: report.channel.rawValue, customersAffected: report.customersAffected, team: nil,
            reporterId: reporter, reportedAt: reportedAt, detectedAt: report.detectedAt.map(JournalClock.truncate),
            qualifiedAt: nil, resolvedAt: nil, closedAt: nil, updatedAt: reportedAt, version: 1,
            slaPausedSeconds: 0, slaPausedSince: nil, severitySince: nil, expectedRecoveryAt: nil,
            lastStatusReportAt: nil, nextDueAt: nil, bcpActiveSince: nil, cmpActiveSince: nil,
            drpActiveSince: nil, bcpCloseAgreedAt: nil, cmpCloseAgreedAt: nil, reviewComplete: false,
            escalatedKeys: "")
        incident.exercise = report.exercise?.stored
        incident.nextDueAt = EscalationPolicy.nextDueAt(
            EscalationFactsReader.facts(for: incident, activities: activities), settings: settings, after: at)
        return incident
    }
}
