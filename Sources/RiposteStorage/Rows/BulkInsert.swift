import Foundation
import PostgresKit
import RiposteCore
import SQLKit
import SQLiteKit

/// A value to store, of one of the few types Riposte's tables hold. Rows written by the
/// thousand (a sweep's journal, the outbox) are bound straight to the driver: through
/// SQLKit each value was an `Encodable` serialized into an expression tree, then cast
/// about to find its database type, a visible share of a sweep's time.
package enum Cell: Sendable, Equatable {
    case text(String)
    case int(Int)
    case bool(Bool)
    case date(Date)
    case uuid(UUID)
    case null
    /// A PostgreSQL array of one column's cells (see `BulkInsert.unnest`).
    indirect case array([Cell], PostgresDataType)

    /// The element type of a column's cells; nil when they are all NULL.
    package static func arrayType(of cells: [Cell], column: String) throws -> PostgresDataType? {
        var found: PostgresDataType?
        for cell in cells {
            let type: PostgresDataType
            switch cell {
            case .null: continue
            case .text: type = .text
            case .int: type = .int8
            case .bool: type = .bool
            case .date: type = .timestamptz
            case .uuid: type = .uuid
            case .array: throw StorageFault.mixedColumn(column)
            }
            if let found, found != type { throw StorageFault.mixedColumn(column) }
            found = type
        }
        return found
    }

    /// As SQLiteKit writes the same Swift value: UUIDs as text, dates as seconds.
    package var sqlite: SQLiteData {
        switch self {
        case .text(let value): .text(value)
        case .int(let value): .integer(value)
        case .bool(let value): .integer(value ? 1 : 0)
        case .date(let value): value.sqliteData ?? .float(value.timeIntervalSince1970)
        case .uuid(let value): .text(value.uppercaseText)
        case .null: .null
        case .array: preconditionFailure("BulkInsert.unnest binds arrays, on PostgreSQL")
        }
    }

    package var postgres: PostgresData {
        switch self {
        case .text(let value): PostgresData(string: value)
        case .int(let value): PostgresData(int: value)
        case .bool(let value): PostgresData(bool: value)
        case .date(let value): PostgresData(date: value)
        case .uuid(let value): PostgresData(uuid: value)
        case .null: .null
        case .array(let cells, let type):
            PostgresData(
                array: cells.map { cell -> PostgresData? in
                    if case .null = cell { return nil }
                    return cell.postgres
                }, elementType: type)
        }
    }

}

/// A statement run on the driver with `Cell` binds, its placeholders written for the engine
/// (`?` for SQLite, `$1` for PostgreSQL), the only two Riposte runs on.
package struct DriverStatement {
    package enum Connection {
        case sqlite(any SQLiteDatabase)
        case postgres(any PostgresDatabase)
    }

    package let connection: Connection

    /// Told of each statement, when a test watches the database.
    package let observer: (any ObservedSQLDatabase)?

    package init(on database: any SQLDatabase) throws {
        observer = database as? any ObservedSQLDatabase
        let database = observer?.observed ?? database
        if let sqlite = database as? any SQLiteDatabase {
            connection = .sqlite(sqlite)
        } else if let postgres = database as? any PostgresDatabase {
            connection = .postgres(postgres)
        } else {
            throw StorageFault.unsupportedEngine
        }
    }

    package func run(_ text: String, _ binds: [Cell]) async throws {
        observer?.willRunOnDriver()
        switch connection {
        case .sqlite(let sqlite): _ = try await sqlite.query(text, binds.map(\.sqlite)).get()
        case .postgres(let postgres): _ = try await postgres.query(text, binds.map(\.postgres)).get()
        }
    }
}

/// A database that watches the statements sent through it (a test that holds a page to its
/// budget): those run on the driver, past SQLKit, are told to it too, then run on what it wraps.
package protocol ObservedSQLDatabase: SQLDatabase {
    var observed: any SQLDatabase { get }
    func willRunOnDriver()
}

/// Values that are stored as one `Cell`.
package protocol CellValue: Sendable {
    var cell: Cell { get }
}

extension String: CellValue { package var cell: Cell { .text(self) } }
extension Int: CellValue { package var cell: Cell { .int(self) } }
extension Bool: CellValue { package var cell: Cell { .bool(self) } }
extension Date: CellValue { package var cell: Cell { .date(self) } }
extension UUID: CellValue { package var cell: Cell { .uuid(self) } }
extension Cell: CellValue { package var cell: Cell { self } }
extension Optional: CellValue where Wrapped: CellValue {
    package var cell: Cell { self?.cell ?? .null }
}

/// Many rows in few statements: one INSERT per batch, kept under the engines' limits on
/// bound parameters (32,766 for SQLite, 65,535 for PostgreSQL).
package enum BulkInsert {
    package static let maxParameters = 30_000

    package static func run(
        _ table: String, _ columns: [String], _ rows: [[any CellValue]], on database: any SQLDatabase
    )
        async throws
    {
        guard !rows.isEmpty else { return }
        try await database.engine.insert(table, columns, rows, on: DriverStatement(on: database))
    }

    /// `INSERT … VALUES`, as many rows per statement as the binds allow; `placeholder` numbers
    /// the binds as the engine does.
    package static func values(
        _ table: String, _ columns: [String], _ rows: [[any CellValue]], on driver: DriverStatement,
        placeholder: (Int) -> String
    ) async throws {
        let perStatement = max(1, maxParameters / columns.count)
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let slice = rows[start..<min(start + perStatement, rows.count)]
            try await driver.run(
                statement(table, columns, rows: slice.count, placeholder), slice.flatMap { $0.map(\.cell) })
        }
    }

    /// PostgreSQL: one array per column, `INSERT INTO table (a, b, c) SELECT u.a, NULL, u.c FROM
    /// unnest($1, $2) AS u(a, c)`. A thousand rows are then a few binds, not ten thousand the
    /// server must parse; a column without any value is a NULL literal, typed by its target.
    package static func unnest(
        _ table: String, _ columns: [String], _ rows: [[any CellValue]]
    ) throws -> (String, [Cell]) {
        var selected: [String] = []
        var arrayColumns: [String] = []
        var binds: [Cell] = []
        for (index, column) in columns.enumerated() {
            let cells = rows.map { $0[index].cell }
            guard let type = try Cell.arrayType(of: cells, column: column) else {
                selected.append("NULL")
                continue
            }
            arrayColumns.append(column)
            selected.append("u.\(column)")
            binds.append(.array(cells, type))
        }
        let placeholders = binds.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        let text =
            "INSERT INTO \(table) (\(columns.joined(separator: ", "))) SELECT \(selected.joined(separator: ", ")) "
            + "FROM unnest(\(placeholders)) AS u(\(arrayColumns.joined(separator: ", ")))"
        return (text, binds)
    }

    /// `INSERT INTO table (a, b) VALUES (p1, p2), (p3, p4)`, placeholders numbered from 1.
    /// Table and column names are Riposte's own, never input.
    package static func statement(
        _ table: String, _ columns: [String], rows: Int, _ placeholder: (Int) -> String
    ) -> String {
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
