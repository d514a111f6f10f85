import Fluent
import Foundation
import RiposteCore
import SQLKit

/// Filters of the register list, already checked.
struct IncidentFilter: Sendable {
    var status: IncidentStatus?
    var severity: Severity?
    var type: String?
    var text: String?
    var from: Date?
    var to: Date?
    var reporterOnly: UUID?
    var limit = 50
    var after: IncidentCursor?
}

/// Keyset position in the newest-first order: stable while incidents are added.
struct IncidentCursor: Sendable, Equatable {
    let reportedAtMilliseconds: Int64
    let id: UUID

    var token: String {
        Data("\(reportedAtMilliseconds)_\(id.uuidString)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init(reportedAtMilliseconds: Int64, id: UUID) {
        self.reportedAtMilliseconds = reportedAtMilliseconds
        self.id = id
    }

    init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard token.count <= 80, let data = Data(base64Encoded: base64) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: "_")
        guard parts.count == 2, let ms = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
            return nil
        }
        self.init(reportedAtMilliseconds: ms, id: id)
    }
}

enum IncidentQuery {
    /// One page, newest first, plus the cursor of the next one.
    static func page(
        _ filter: IncidentFilter, on database: any Database
    ) async throws -> (
        [IncidentModel], IncidentCursor?
    ) {
        let query = IncidentModel.query(on: database)
        if let status = filter.status { query.filter(\.$status == status.rawValue) }
        if let severity = filter.severity { query.filter(\.$severity == severity.rawValue) }
        if let type = filter.type { query.filter(\.$type == type) }
        if let from = filter.from { query.filter(\.$reportedAt >= from) }
        if let to = filter.to { query.filter(\.$reportedAt <= to) }
        if let reporter = filter.reporterOnly { query.filter(\.$reporter.$id == reporter) }
        if let text = filter.text {
            query.filter(.custom(try containsExpression(SearchText.fold(text), on: database)))
        }
        if let after = filter.after {
            let at = Date(timeIntervalSince1970: Double(after.reportedAtMilliseconds) / 1000)
            query.group(.or) { or in
                or.filter(\.$reportedAt < at)
                or.group(.and) { and in
                    and.filter(\.$reportedAt == at)
                    and.filter(\.$id < after.id)
                }
            }
        }
        let rows = try await query.sort(\.$reportedAt, .descending).sort(\.$id, .descending)
            .limit(filter.limit + 1).all()
        let page = Array(rows.prefix(filter.limit))
        guard rows.count > filter.limit, let last = page.last, let id = last.id else { return (page, nil) }
        return (page, IncidentCursor(reportedAtMilliseconds: JournalClock.milliseconds(last.reportedAt), id: id))
    }

    /// A substring test without LIKE's wildcards, so `%` and `_` in a search are literal.
    /// SQLite calls it `instr`, PostgreSQL `strpos`; both return 0 when absent.
    static func containsExpression(_ needle: String, on database: any Database) throws -> any SQLExpression {
        let function = try database.sql().dialect.name == "sqlite" ? "instr" : "strpos"
        return SQLBinaryExpression(
            left: SQLFunction(function, args: SQLColumn("search_text"), SQLBind(needle)),
            op: SQLBinaryOperator.greaterThan,
            right: SQLLiteral.numeric("0"))
    }
}
