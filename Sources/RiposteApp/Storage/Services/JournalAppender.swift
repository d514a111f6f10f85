import Fluent
import Foundation
import RiposteCore

/// Appends entries to one incident's chain inside the transaction that holds the
/// incident's lock, so no other writer can take the same place in the chain.
final class JournalAppender: @unchecked Sendable {
    private let incidentID: UUID
    private let database: any Database
    private var last: (sequence: Int, hash: String)?

    init(incidentID: UUID, database: any Database, startsEmpty: Bool = false) {
        self.incidentID = incidentID
        self.database = database
        if startsEmpty { last = (0, JournalHasher.genesis) }
    }

    @discardableResult
    func append(
        kind: JournalKind, text: String = "", details: [String: String] = [:], author: UUID?, at: Date
    ) async throws -> JournalEntryModel {
        let previous = try await lastLink()
        let content = JournalEntryContent(
            incidentID: incidentID, sequence: previous.sequence + 1, at: at, authorID: author, kind: kind,
            text: text, details: details)
        let entry = JournalEntryModel()
        entry.$incident.id = incidentID
        entry.sequence = content.sequence
        entry.at = content.at
        entry.$author.id = author
        entry.kind = kind.rawValue
        entry.text = text
        entry.detailsJSON = Self.encode(details)
        entry.previousHash = previous.hash
        entry.hash = JournalHasher.hash(content, previousHash: previous.hash)
        try await entry.create(on: database)
        last = (content.sequence, entry.hash)
        return entry
    }

    private func lastLink() async throws -> (sequence: Int, hash: String) {
        if let last { return last }
        let newest = try await JournalEntryModel.query(on: database)
            .filter(\.$incident.$id == incidentID)
            .sort(\.$sequence, .descending)
            .first()
        let link = newest.map { ($0.sequence, $0.hash) } ?? (0, JournalHasher.genesis)
        last = link
        return link
    }

    static func encode(_ details: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(details)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
