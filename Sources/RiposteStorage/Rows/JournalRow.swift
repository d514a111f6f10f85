import Foundation
import RiposteCore
import SQLKit

/// A journal entry as stored, read and written with plain SQL.
package struct JournalRow: Codable, Sendable {
    package let id: UUID
    package let incidentId: UUID
    package let sequence: Int
    package let at: Date
    package let authorId: UUID?
    package let kind: String
    package let text: String
    package let details: String
    package let previousHash: String
    package let hash: String

    package enum CodingKeys: String, CodingKey {
        case id, incidentId = "incident_id", sequence, at, authorId = "author_id", kind, text, details
        case previousHash = "previous_hash", hash
    }

    package static let columnNames = [
        "id", "incident_id", "sequence", "at", "author_id", "kind", "text", "details", "previous_hash", "hash",
    ]
    package static let columns = SQLQueryString(columnNames.joined(separator: ", "))

    /// The values of `columnNames`, in their order.
    package var cells: [any CellValue] {
        [id, incidentId, sequence, at, authorId, kind, text, details, previousHash, hash]
    }

    package init(_ row: any SQLRow) throws {
        self = try row.decode(model: JournalRow.self, with: IncidentRow.decoder)
    }

    package init(
        id: UUID, incidentId: UUID, sequence: Int, at: Date, authorId: UUID?, kind: String, text: String,
        details: String, previousHash: String, hash: String
    ) {
        (self.id, self.incidentId, self.sequence, self.at, self.authorId) = (id, incidentId, sequence, at, authorId)
        (self.kind, self.text, self.details, self.previousHash, self.hash) = (kind, text, details, previousHash, hash)
    }

    /// Nil when the row cannot be read back: a row that was tampered with, most likely.
    package var stored: StoredJournalEntry? {
        guard let kind = JournalKind(rawValue: kind),
            let details = try? JSONDecoder().decode([String: String].self, from: Data(details.utf8))
        else { return nil }
        let content = JournalEntryContent(
            incidentID: incidentId, sequence: sequence, at: at, authorID: authorId, kind: kind, text: text,
            details: details)
        return StoredJournalEntry(content: content, previousHash: previousHash, hash: hash)
    }

    package func insert(into database: any SQLDatabase) async throws {
        try await Self.insert([self], into: database)
    }

    /// The roles told of the incident's qualifications so far, as their entries recorded them
    /// (`notify`): a downgrade tells them (#15 point 1). Entries written before recorded none.
    package static func toldOfQualifications(
        of incidentID: UUID, on database: any SQLDatabase
    ) async throws
        -> [Role]
    {
        var told: [Role] = []
        for row in try await database.raw(
            """
            SELECT details FROM journal_entries WHERE incident_id = \(bind: incidentID) \
            AND kind IN ('qualified', 'requalified') ORDER BY sequence
            """
        ).all() {
            let text = try row.decode(column: "details", as: String.self)
            let details = (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
            for recipient in RecipientList.decode(details["notify"] ?? "") where !told.contains(recipient.role) {
                told.append(recipient.role)
            }
        }
        return told
    }

    /// One incident's chain, oldest first.
    package static func chain(of incidentID: UUID, on database: any SQLDatabase) async throws -> [JournalRow] {
        try await database.raw(
            "SELECT \(columns) FROM journal_entries WHERE incident_id = \(bind: incidentID) ORDER BY sequence"
        ).all().map(JournalRow.init)
    }

    /// One incident's entries of one kind, oldest first.
    package static func entries(
        of incidentID: UUID, kind: JournalKind, on database: any SQLDatabase
    ) async throws -> [JournalRow] {
        try await database.raw(
            """
            SELECT \(columns) FROM journal_entries WHERE incident_id = \(bind: incidentID) \
            AND kind = \(bind: kind.rawValue) ORDER BY sequence
            """
        ).all().map(JournalRow.init)
    }

    package static func insert(_ rows: [JournalRow], into database: any SQLDatabase) async throws {
        try await BulkInsert.run("journal_entries", columnNames, rows.map(\.cells), on: database)
    }
}
