import Foundation
import RiposteCore
import SQLKit

/// An incident as a line of the register shows it (§4.2's table, the API's list, the
/// dashboard's recent incidents): the columns those read, not the plans' and the clock's. A
/// page of whole rows read every column of fifty incidents to use a third of them.
package struct RegisterLine: Sendable, Equatable {
    package let id: UUID
    package let number: String
    package let title: String
    package let description: String
    package let type: String?
    package let severity: String?
    package let status: String
    package let channel: String
    package let customersAffected: Bool
    package let team: String?
    package let reporterId: UUID
    package let reportedAt: Date
    package let detectedAt: Date?
    package let updatedAt: Date
    package let version: Int
    package let nextDueAt: Date?

    /// The columns of a line, in the order `init(_:)` reads them.
    private static let read: [IncidentColumn] = [
        .id, .number, .title, .description, .type, .severity, .status, .channel, .customersAffected, .team,
        .reporterId, .reportedAt, .detectedAt, .updatedAt, .version, .nextDueAt,
    ]

    /// The select list of a line.
    package static let columns = SQLQueryString(read.map(\.name).joined(separator: ", "))

    package init(_ row: any PositionalRow) throws {
        id = try row.uuid(0)
        number = try row.string(1)
        title = try row.string(2)
        description = try row.string(3)
        type = try row.optionalString(4)
        severity = try row.optionalString(5)
        status = try row.string(6)
        channel = try row.string(7)
        customersAffected = try row.bool(8)
        team = try row.optionalString(9)
        reporterId = try row.uuid(10)
        reportedAt = try row.date(11)
        detectedAt = try row.optionalDate(12)
        updatedAt = try row.date(13)
        version = try row.int(14)
        nextDueAt = try row.optionalDate(15)
    }

    /// The line of an incident read whole.
    package init(_ row: IncidentRow) {
        (id, number, title, description, type, severity) = (
            row.id, row.number, row.title, row.description, row.type, row.severity
        )
        (status, channel, customersAffected, team, reporterId) = (
            row.status, row.channel, row.customersAffected, row.team, row.reporterId
        )
        (reportedAt, detectedAt, updatedAt, version, nextDueAt) = (
            row.reportedAt, row.detectedAt, row.updatedAt, row.version, row.nextDueAt
        )
    }

    /// The lines a query over `columns` returns.
    package static func fetch(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> [RegisterLine] {
        try await DriverRows.fetch(query, on: sql, RegisterLine.init)
    }
}
