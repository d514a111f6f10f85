import Foundation
import PostgresKit
import SQLKit
import SQLiteKit

/// A value to store, of one of the few types Riposte's tables hold. Rows written by the
/// thousand (a sweep's journal, the outbox) are bound straight to the driver: through
/// SQLKit each value was an `Encodable` serialized into an expression tree, then cast
/// about to find its database type, a tenth of a sweep's time.
enum Cell: Sendable {
    case text(String)
    case int(Int)
    case bool(Bool)
    case date(Date)
    case uuid(UUID)
    case null

    /// As SQLiteKit writes the same Swift value: UUIDs as text, dates as seconds.
    var sqlite: SQLiteData {
        switch self {
        case .text(let value): .text(value)
        case .int(let value): .integer(value)
        case .bool(let value): .integer(value ? 1 : 0)
        case .date(let value): value.sqliteData ?? .float(value.timeIntervalSince1970)
        case .uuid(let value): .text(value.uuidString)
        case .null: .null
        }
    }

    var postgres: PostgresData {
        switch self {
        case .text(let value): PostgresData(string: value)
        case .int(let value): PostgresData(int: value)
        case .bool(let value): PostgresData(bool: value)
        case .date(let value): PostgresData(date: value)
        case .uuid(let value): PostgresData(uuid: value)
        case .null: .null
        }
    }

    /// For any other SQL database, through SQLKit.
    var encodable: any Encodable & Sendable {
        switch self {
        case .text(let value): value
        case .int(let value): value
        case .bool(let value): value
        case .date(let value): value
        case .uuid(let value): value
        case .null: String?.none
        }
    }
}

/// Values that are stored as one `Cell`.
protocol CellValue: Sendable {
    var cell: Cell { get }
}

extension String: CellValue { var cell: Cell { .text(self) } }
extension Int: CellValue { var cell: Cell { .int(self) } }
extension Bool: CellValue { var cell: Cell { .bool(self) } }
extension Date: CellValue { var cell: Cell { .date(self) } }
extension UUID: CellValue { var cell: Cell { .uuid(self) } }
extension Optional: CellValue where Wrapped: CellValue {
    var cell: Cell { self?.cell ?? .null }
}

/// Many rows in few statements: one INSERT per batch, kept under the engines' limits on
/// bound parameters (32,766 for SQLite, 65,535 for PostgreSQL).
enum BulkInsert {
    static let maxParameters = 30_000

    static func run(
        _ table: String, _ columns: [String], _ rows: [[any CellValue]], on database: any SQLDatabase
    )
        async throws
    {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, maxParameters / columns.count)
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let slice = rows[start..<min(start + perStatement, rows.count)]
            if let sqlite = database as? any SQLiteDatabase {
                let binds = slice.flatMap { $0.map(\.cell.sqlite) }
                _ = try await sqlite.query(statement(table, columns, rows: slice.count) { _ in "?" }, binds).get()
            } else if let postgres = database as? any PostgresDatabase {
                let binds = slice.flatMap { $0.map(\.cell.postgres) }
                _ = try await postgres.query(statement(table, columns, rows: slice.count) { "$\($0)" }, binds).get()
            } else {
                var insert = database.insert(into: table).columns(columns)
                for row in slice { insert = insert.values(row.map(\.cell.encodable)) }
                try await insert.run()
            }
        }
    }

    /// `INSERT INTO table (a, b) VALUES (p1, p2), (p3, p4)`, placeholders numbered from 1.
    /// Table and column names are Riposte's own, never input.
    static func statement(_ table: String, _ columns: [String], rows: Int, _ placeholder: (Int) -> String) -> String {
        var text = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        var number = 0
        for row in 0..<rows {
            text += row == 0 ? "(" : ", ("
            for column in 0..<columns.count {
                number += 1
                text += column == 0 ? placeholder(number) : ", " + placeholder(number)
            }
            text += ")"
        }
        return text
    }
}
