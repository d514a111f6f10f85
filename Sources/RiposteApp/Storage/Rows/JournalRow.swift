import Foundation
import RiposteCore
import SQLKit

/// A journal entry as stored, read and written with plain SQL.
struct JournalRow: Codable, Sendable {
    let id: UUID
    let incidentId: UUID
    let sequence: Int
    let at: Date
    let authorId: UUID?
    let kind: String
    let text: String
    let details: String
    let previousHash: String
    let hash: String

    enum CodingKeys: String, CodingKey {
        case id, incidentId = "incident_id", sequence, at, authorId = "author_id", kind, text, details
        case previousHash = "previous_hash", hash
    }

    static let columnNames = [
        "id", "incident_id", "sequence", "at", "author_id", "kind", "text", "details", "previous_hash", "hash",
    ]
    static let columns = SQLQueryString(columnNames.joined(separator: ", "))

    /// The values of `columnNames`, in their order.
    var cells: [any CellValue] {
        [id, incidentId, sequence, at, authorId, kind, text, details, previousHash, hash]
    }

    init(_ row: any SQLRow) throws {
        self = try row.decode(model: JournalRow.self, with: IncidentRow.decoder)
    }

    init(
        id: UUID, incidentId: UUID, sequence: Int, at: Date, authorId: UUID?, kind: String, text: String,
        details: String, previousHash: String, hash: String
    ) {
        (self.id, self.incidentId, self.sequence, self.at, self.authorId) = (id, incidentId, sequence, at, authorId)
        (self.kind, self.text, self.details, self.previousHash, self.hash) = (kind, text, details, previousHash, hash)
    }

    /// Nil when the row cannot be read back: a row that was tampered with, most likely.
    var stored: StoredJournalEntry? {
        guard let kind = JournalKind(rawValue: kind),
            let details = try? JSONDecoder().decode([String: String].self, from: Data(details.utf8))
        else { return nil }
        let content = JournalEntryContent(
            incidentID: incidentId, sequence: sequence, at: at, authorID: authorId, kind: kind, text: text,
            details: details)
        return StoredJournalEntry(content: content, previousHash: previousHash, hash: hash)
    }

    func insert(into database: any SQLDatabase) async throws {
        try await Self.insert([self], into: database)
    }

    /// One incident's chain, oldest first.
    static func chain(of incidentID: UUID, on database: any SQLDatabase) async throws -> [JournalRow] {
        try await database.raw(
            "SELECT \(columns) FROM journal_entries WHERE incident_id = \(bind: incidentID) ORDER BY sequence"
        ).all().map(JournalRow.init)
    }

    static func insert(_ rows: [JournalRow], into database: any SQLDatabase) async throws {
        try await BulkInsert.run("journal_entries", columnNames, rows.map(\.cells), on: database)
    }
}
