import Foundation
import PostgresKit
import SQLKit
import SQLiteKit

/// Rows read straight from the driver, by column position, for the queries that return
/// many incidents (register pages, the sweep's batches). Through SQLKit every cell goes
/// through a `Decoder` (and on PostgreSQL builds a coding path per cell), a large share of a
/// register page's time and of a sweep's. The query is serialized by SQLKit as usual.
package enum DriverRows {
    package static func fetch<Row>(
        _ query: SQLQueryString, on sql: any SQLDatabase, _ make: @escaping @Sendable (any PositionalRow) throws -> Row
    ) async throws -> [Row] {
        let (text, binds) = sql.serialize(query)
        let driver = try DriverStatement(on: sql)
        driver.observer?.willRunOnDriver()
        switch driver.connection {
        case .sqlite(let sqlite):
            let encoder = SQLiteDataEncoder()
            let data = try binds.map { try encoder.encode($0) }
            let rows = try await sqlite.withConnection { connection in
                SQLiteReaderCache.size(connection).flatMap { connection.query(text, data) }
            }.get()
            return try rows.map { try make(SQLitePositionalRow(row: $0)) }
        case .postgres(let postgres):
            let data = try binds.map(PostgresBind.data)
            return try await postgres.query(text, data).get().rows.map {
                try make(PostgresPositionalRow(row: $0.makeRandomAccess()))
            }
        }
    }
}

/// The cells of one row by position, in the SELECT's order; nil for NULL.
package protocol PositionalRow {
    func optionalString(_ index: Int) throws -> String?
    func optionalInt(_ index: Int) throws -> Int?
    func optionalBool(_ index: Int) throws -> Bool?
    func optionalDouble(_ index: Int) throws -> Double?
    func optionalUUID(_ index: Int) throws -> UUID?
    func optionalDate(_ index: Int) throws -> Date?
}

extension PositionalRow {
    /// Inlined into each caller, so that it is compiled for each type: rows are read through
    /// `any PositionalRow`, where a generic helper looked up its type's metadata on every cell.
    @inline(__always)
    private func required<T>(_ value: T?, _ index: Int) throws -> T {
        guard let value else { throw StorageFault.missingValue(column: index) }
        return value
    }

    package func string(_ index: Int) throws -> String { try required(optionalString(index), index) }
    package func int(_ index: Int) throws -> Int { try required(optionalInt(index), index) }
    package func bool(_ index: Int) throws -> Bool { try required(optionalBool(index), index) }
    package func uuid(_ index: Int) throws -> UUID { try required(optionalUUID(index), index) }
    package func date(_ index: Int) throws -> Date { try required(optionalDate(index), index) }
}

/// SQLite stores what SQLiteKit writes: UUIDs as text, dates as seconds (REAL), booleans as 0/1.
package struct SQLitePositionalRow: PositionalRow {
    /// Taken once: `SQLiteRow.columns` builds a new array on every call.
    private let cells: [SQLiteData]

    package init(row: SQLiteRow) {
        cells = row.columns.map(\.data)
    }

    private func data(_ index: Int) -> SQLiteData { cells[index] }

    package func optionalString(_ index: Int) throws -> String? {
        switch data(index) {
        case .null: return nil
        case .text(let text): return text
        case let other: throw StorageFault.unexpectedCell(column: index, found: "\(other)")
        }
    }

    package func optionalInt(_ index: Int) throws -> Int? {
        switch data(index) {
        case .null: return nil
        case .integer(let value): return value
        case let other: throw StorageFault.unexpectedCell(column: index, found: "\(other)")
        }
    }

    package func optionalBool(_ index: Int) throws -> Bool? { try optionalInt(index).map { $0 != 0 } }

    package func optionalDouble(_ index: Int) throws -> Double? {
        switch data(index) {
        case .null: return nil
        case .float(let value): return value
        case .integer(let value): return Double(value)
        case let other: throw StorageFault.unexpectedCell(column: index, found: "\(other)")
        }
    }

    package func optionalUUID(_ index: Int) throws -> UUID? {
        switch data(index) {
        case .null: return nil
        case .text(let text):
            guard let uuid = UUID(text: text) else { throw StorageFault.unexpectedCell(column: index, found: text) }
            return uuid
        case .blob(var buffer) where buffer.readableBytes == 16:
            return buffer.readBytes(length: 16).map { bytes in
                UUID(
                    uuid: (
                        bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                        bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
                    ))
            }
        case let other: throw StorageFault.unexpectedCell(column: index, found: "\(other)")
        }
    }

    package func optionalDate(_ index: Int) throws -> Date? {
        try optionalDouble(index).map(Date.init(timeIntervalSince1970:))
    }
}

/// PostgreSQL cells decode themselves from the wire format, without a `Decoder`.
package struct PostgresPositionalRow: PositionalRow {
    package let row: PostgresRandomAccessRow

    package init(row: PostgresRandomAccessRow) {
        self.row = row
    }

    package func optionalString(_ index: Int) throws -> String? { try row[index].decode(String?.self) }
    package func optionalInt(_ index: Int) throws -> Int? { try row[index].decode(Int?.self) }
    package func optionalBool(_ index: Int) throws -> Bool? { try row[index].decode(Bool?.self) }
    package func optionalDouble(_ index: Int) throws -> Double? { try row[index].decode(Double?.self) }
    package func optionalUUID(_ index: Int) throws -> UUID? { try row[index].decode(UUID?.self) }
    package func optionalDate(_ index: Int) throws -> Date? { try row[index].decode(Date?.self) }
}

/// SQLKit's binds as PostgreSQL values, for the types Riposte binds in its reads.
package enum PostgresBind {
    package static func data(_ value: any Encodable) throws -> PostgresData {
        switch value {
        case let value as UUID: return PostgresData(uuid: value)
        case let value as String: return PostgresData(string: value)
        case let value as Date: return PostgresData(date: value)
        case let value as Int: return PostgresData(int: value)
        case let value as Bool: return PostgresData(bool: value)
        case let value as Double: return PostgresData(double: value)
        case let value as any OptionalBind: return try value.unwrapped.map(data) ?? .null
        default: throw StorageFault.unsupportedBind(type: "\(type(of: value))")
        }
    }
}

package protocol OptionalBind {
    var unwrapped: (any Encodable)? { get }
}

extension Optional: OptionalBind where Wrapped: Encodable {
    package var unwrapped: (any Encodable)? { self }
}
