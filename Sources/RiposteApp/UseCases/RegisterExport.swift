import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// The register downloaded whole (#16 point 7), with the filters of the page or the API: as
/// CSV for a spreadsheet (`RegisterCSV`), or as JSON. It is read and written a batch at a
/// time, so exporting 100,000 incidents holds one batch in memory, never the register.
struct RegisterExport: Sendable {
    enum Format: Sendable { case csv, json, paper }

    let filter: IncidentFilter
    let database: any SQLDatabase
    let language: Language
    let wording: Catalogue
    /// For the paper copy: what surrounds the table and how times read.
    var paper: Paper? = nil
    /// Incidents read per statement.
    var batch = 500
    /// Actions taken written per incident: all of them as the paper register lists them, up
    /// to a bound that keeps one batch's memory small; beyond it the cell says how many more.
    static let actionsPerIncident = 200

    /// The columns, in the template's order (§4.2 register), then what follows the incident.
    static let columns = [
        "number", "reportedAt", "type", "title", "team", "description", "impact", "impactedActivities",
        "resourcesAllocated", "actions", "severity", "status", "owner", "customersAffected", "detectedAt",
        "qualifiedAt", "resolvedAt", "closedAt",
    ]

    /// A download named for the day: `registre-2026-12-04.csv`.
    static func headers(_ format: Format, at now: Date) -> HTTPHeaders {
        let day = String(RFC3339.format(now).prefix(10))
        if format == .paper { return ["Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"] }
        let (type, ext) = format == .csv ? ("text/csv; charset=utf-8", "csv") : ("application/json", "json")
        return [
            "Content-Type": type, "Content-Disposition": "attachment; filename=\"register-\(day).\(ext)\"",
            "Cache-Control": "no-store",
        ]
    }

    /// The response's body: streamed, ended when the last batch is written.
    func body(_ format: Format) -> Response.Body {
        Response.Body(managedAsyncStream: { writer in
            try await write(format) { text in try await writer.writeBuffer(ByteBuffer(string: text)) }
        })
    }

    /// Writes the whole export through `emit`, a batch at a time.
    func write(_ format: Format, to emit: (String) async throws -> Void) async throws {
        let names = Dictionary(
            try await PeopleStore.all(on: database).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        switch format {
        case .csv:
            try await emit(
                RegisterCSV.byteOrderMark
                    + RegisterCSV.line(Self.columns.map { wording.text("export.column.\($0)", language, []) }))
        case .json: try await emit("{\"items\":[")
        case .paper: try await emit(paper.map(paperHead) ?? "")
        }
        var filter = self.filter
        // Newest first, by cursor, whatever order the page showed.
        (filter.limit, filter.bySeverity, filter.offset) = (batch, false, 0)
        var first = true
        while true {
            let rows = try await IncidentQuery.exportBatch(filter, on: database)
            guard let last = rows.last else { break }
            let ids = rows.map(\.id)
            let actions = try await IncidentQuery.latestActions(ids, count: Self.actionsPerIncident, on: database)
            let activities = try await ImpactedActivities(database: database).names(of: ids)
            var text = ""
            for row in rows {
                var taken = Array(actions[row.id]?.latest.reversed() ?? [])
                let left = (actions[row.id]?.total ?? 0) - taken.count
                if left > 0 { taken.insert(wording.text("register.actions.more", language, [String(left)]), at: 0) }
                let line = Line(
                    row: row, actions: taken, activities: activities[row.id] ?? [],
                    owner: row.ownerId.flatMap { names[$0] } ?? "")
                switch format {
                case .csv: text += RegisterCSV.line(cells(line))
                case .json:
                    text += (first ? "" : ",") + json(line)
                    first = false
                case .paper: text += paper.map { paperRow(line, $0) } ?? ""
                }
            }
            try await emit(text)
            guard rows.count == batch else { break }
            filter.after = IncidentCursor(
                reportedAtMilliseconds: JournalClock.milliseconds(last.reportedAt), id: last.id)
        }
        if format == .json { try await emit("]}") }
        if format == .paper { try await emit(paperFoot()) }
    }

    struct Line {
        let row: IncidentRow
        /// Oldest first, as the paper register lists them.
        let actions: [String]
        let activities: [String]
        let owner: String
    }

    private func cells(_ line: Line) -> [String] {
        let row = line.row
        func date(_ date: Date?) -> String { date.map(RFC3339.format) ?? "" }
        func label(_ prefix: String, _ code: String?) -> String {
            code.map { wording.text("\(prefix).\($0)", language, []) } ?? ""
        }
        return [
            row.number, date(row.reportedAt), row.type ?? "", row.title, row.team ?? "", row.description,
            row.impact ?? "", line.activities.joined(separator: "\n"), row.resourcesAllocated ?? "",
            line.actions.joined(separator: "\n"), label("severity", row.severity), label("status", row.status),
            line.owner, wording.text(row.customersAffected ? "common.yes" : "common.no", language, []),
            date(row.detectedAt), date(row.qualifiedAt), date(row.resolvedAt), date(row.closedAt),
        ]
    }

    /// A line as the API's register line, with the detailed description's parts and the actions.
    private func json(_ line: Line) -> String {
        let row = line.row
        var object = JSONObjectWriter()
        IncidentSummaryDTO(row).write(into: &object)
        object.member("impact", row.impact)
        object.member("resourcesAllocated", row.resourcesAllocated)
        object.member("ownerId", row.ownerId)
        object.member("qualifiedAt", row.qualifiedAt)
        object.member("resolvedAt", row.resolvedAt)
        object.member("closedAt", row.closedAt)
        object.member("impactedActivities", json: JSONObjectWriter.array(line.activities.map(JSONObjectWriter.quote)))
        object.member("actions", json: JSONObjectWriter.array(line.actions.map(JSONObjectWriter.quote)))
        return object.finish()
    }
}
