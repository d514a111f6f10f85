import Fluent
import Foundation
import RiposteCore

/// An append-only journal entry. Nothing updates or deletes these rows.
final class JournalEntryModel: Model, @unchecked Sendable {
    static let schema = "journal_entries"

    @ID(key: .id) var id: UUID?
    @Parent(key: "incident_id") var incident: IncidentModel
    @Field(key: "sequence") var sequence: Int
    @Field(key: "at") var at: Date
    @OptionalParent(key: "author_id") var author: UserModel?
    @Field(key: "kind") var kind: String
    @Field(key: "text") var text: String
    /// Sorted-key JSON of the entry's details.
    @Field(key: "details") var detailsJSON: String
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}

    /// Nil when the row cannot be read back: a row that was tampered with, most likely.
    var stored: StoredJournalEntry? {
        guard let kind = JournalKind(rawValue: kind),
            let details = try? JSONDecoder().decode([String: String].self, from: Data(detailsJSON.utf8))
        else { return nil }
        let content = JournalEntryContent(
            incidentID: $incident.id, sequence: sequence, at: at, authorID: $author.id,
            kind: kind, text: text, details: details)
        return StoredJournalEntry(content: content, previousHash: previousHash, hash: hash)
    }
}
