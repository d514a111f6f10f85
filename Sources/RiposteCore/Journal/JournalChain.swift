/// A stored journal entry as the verifier sees it.
public struct StoredJournalEntry: Sendable, Equatable {
    public let content: JournalEntryContent
    public let previousHash: String
    public let hash: String

    public init(content: JournalEntryContent, previousHash: String, hash: String) {
        self.content = content
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// Where and why a chain is broken.
public struct ChainBreak: Sendable, Equatable {
    public enum Reason: String, Sendable {
        case sequenceGap = "sequence_gap"
        case previousHashMismatch = "previous_hash_mismatch"
        case hashMismatch = "hash_mismatch"
        /// The stored row cannot be read back into an entry (unknown kind, garbled details).
        case unreadable
    }

    public let sequence: Int
    public let reason: Reason

    public init(sequence: Int, reason: Reason) {
        self.sequence = sequence
        self.reason = reason
    }
}

public enum JournalChain {
    /// Walks one incident's entries in sequence order and reports the first broken one.
    public static func firstBreak(in entries: [StoredJournalEntry]) -> ChainBreak? {
        var expectedPrevious = JournalHasher.genesis
        for (offset, entry) in entries.enumerated() {
            let sequence = entry.content.sequence
            if sequence != offset + 1 { return ChainBreak(sequence: sequence, reason: .sequenceGap) }
            if entry.previousHash != expectedPrevious {
                return ChainBreak(sequence: sequence, reason: .previousHashMismatch)
            }
            if JournalHasher.hash(entry.content, previousHash: entry.previousHash) != entry.hash {
                return ChainBreak(sequence: sequence, reason: .hashMismatch)
            }
            expectedPrevious = entry.hash
        }
        return nil
    }
}
