import Foundation
import RiposteCore
import SQLKit

/// Where one incident's chain ends, read inside the transaction that holds the incident's lock
/// (so no other writer can take the next place in the chain), and the entry that follows it.
package final class JournalAppender: @unchecked Sendable {
    private let incidentID: UUID
    private let database: any SQLDatabase
    private var last: (sequence: Int, hash: String)?

    package init(incidentID: UUID, database: any SQLDatabase) {
        self.incidentID = incidentID
        self.database = database
    }

    /// The entry that follows `previous` in an incident's chain (not stored yet).
    package static func next(
        after previous: (sequence: Int, hash: String), incidentID: UUID, kind: JournalKind, text: String,
        details: [String: String], author: UUID?, at: Date
    ) -> JournalRow {
        let content = JournalEntryContent(
            incidentID: incidentID, sequence: previous.sequence + 1, at: at, authorID: author, kind: kind,
            text: text, details: details)
        return JournalRow(
            id: UUID.timeOrdered(at: content.at), incidentId: incidentID, sequence: content.sequence, at: content.at,
            authorId: author,
            kind: kind.rawValue, text: text, details: encode(details), previousHash: previous.hash,
            hash: JournalHasher.hash(content, previousHash: previous.hash))
    }

    /// Where the chain ends now: the entry a new one follows.
    package func end() async throws -> (sequence: Int, hash: String) {
        try await lastLink()
    }

    /// Entries were appended (`IncidentWriter.record`): the chain now ends there.
    package func `continue`(after link: (sequence: Int, hash: String)) {
        last = link
    }

    private func lastLink() async throws -> (sequence: Int, hash: String) {
        if let last { return last }
        let newest = try await database.raw(
            """
            SELECT sequence, hash FROM journal_entries WHERE incident_id = \(bind: incidentID) \
            ORDER BY sequence DESC LIMIT 1
            """
        ).first()
        let link =
            try newest.map {
                (try $0.decode(column: "sequence", as: Int.self), try $0.decode(column: "hash", as: String.self))
            }
            ?? (0, JournalHasher.genesis)
        last = link
        return link
    }

    package static func encode(_ details: [String: String]) -> String {
        JSONText.object(details)
    }
}
