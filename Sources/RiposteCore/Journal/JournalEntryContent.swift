import Foundation

/// The part of a journal entry that its hash covers.
public struct JournalEntryContent: Sendable, Equatable {
    public let incidentID: UUID
    public let sequence: Int
    /// Truncated to the millisecond so that every database returns what was hashed.
    public let at: Date
    public let authorID: UUID?
    public let kind: JournalKind
    public let text: String
    public let details: [String: String]

    public init(
        incidentID: UUID, sequence: Int, at: Date, authorID: UUID?, kind: JournalKind, text: String,
        details: [String: String] = [:]
    ) {
        self.incidentID = incidentID
        self.sequence = sequence
        self.at = JournalClock.truncate(at)
        self.authorID = authorID
        self.kind = kind
        self.text = text
        self.details = details
    }
}

/// Journal times are kept to the millisecond: SQLite stores a double, PostgreSQL microseconds.
public enum JournalClock {
    /// A stored millisecond comes back a hair below itself (330.9998 for .331 as a double,
    /// or cut to the microsecond); the 10 µs allowance lands it on the same millisecond
    /// again, so that the hash of an entry read back equals the hash it was written with.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000 + 0.01).rounded(.down))
    }

    public static func truncate(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000)
    }
}
