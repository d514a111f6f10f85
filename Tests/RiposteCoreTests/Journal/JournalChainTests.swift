import Foundation
import Testing

@testable import RiposteCore

@Suite("Journal hash chain")
struct JournalChainTests {
    static let incident = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!
    static let author = UUID(uuidString: "11111111-2222-3333-4444-555555555555")!
    static let start = Date(timeIntervalSince1970: 1_790_000_000.123_456)

    static func chain(_ texts: [String]) -> [StoredJournalEntry] {
        var previous = JournalHasher.genesis
        return texts.enumerated().map { index, text in
            let content = JournalEntryContent(
                incidentID: incident, sequence: index + 1, at: start.addingTimeInterval(Double(index)),
                authorID: author, kind: .note, text: text, details: ["k": "v\(index)"])
            let hash = JournalHasher.hash(content, previousHash: previous)
            defer { previous = hash }
            return StoredJournalEntry(content: content, previousHash: previous, hash: hash)
        }
    }

    /// The bytes every stored chain was hashed over: any change here breaks `journal verify`
    /// on existing registers, so they are pinned, with the hash of a known entry.
    @Test("the canonical encoding and its hash are pinned") func pinnedEncoding() {
        let content = JournalEntryContent(
            incidentID: Self.incident, sequence: 3, at: Self.start, authorID: Self.author, kind: .note,
            text: "café \n fermé", details: ["b": "yz", "a": "x"])
        #expect(
            JournalHasher.canonicalEncoding(of: content)
                == "incident=36:6f9619ff-8b86-d011-b42d-00c04fc964ff\nsequence=1:3\nat=13:1790000000123\n"
                + "author=36:11111111-2222-3333-4444-555555555555\nkind=4:note\ntext=14:café \n fermé\n"
                + "details.a=1:x\ndetails.b=2:yz\n")
        #expect(
            JournalHasher.hash(content, previousHash: JournalHasher.genesis)
                == "9eb7a67752af5d481eedc4b30e4ffbe60449da0bc8e9b5615da09059deeb34ba")
        let anonymous = JournalEntryContent(
            incidentID: Self.incident, sequence: 1, at: Self.start, authorID: nil, kind: .note, text: "", details: [:])
        #expect(JournalHasher.canonicalEncoding(of: anonymous).contains("\nauthor=0:\nkind=4:note\n"))
    }

    @Test("the hash is SHA-256 hex and deterministic") func deterministic() {
        let content = JournalEntryContent(
            incidentID: Self.incident, sequence: 1, at: Self.start, authorID: nil, kind: .reported, text: "x")
        let first = JournalHasher.hash(content, previousHash: JournalHasher.genesis)
        #expect(first.count == 64)
        #expect(first.allSatisfy { $0.isHexDigit })
        #expect(first == JournalHasher.hash(content, previousHash: JournalHasher.genesis))
        #expect(first != JournalHasher.hash(content, previousHash: String(repeating: "1", count: 64)))
    }

    @Test("times are kept to the millisecond") func milliseconds() {
        let content = JournalEntryContent(
            incidentID: Self.incident, sequence: 1, at: Self.start, authorID: nil, kind: .note, text: "")
        #expect(JournalClock.milliseconds(content.at) == 1_790_000_000_123)
    }

    @Test("a time read back from either database gives the same millisecond") func roundTrips() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            let raw = Date(timeIntervalSince1970: Double.random(in: 1_700_000_000...2_200_000_000, using: &generator))
            let stored = JournalClock.truncate(raw)
            let milliseconds = JournalClock.milliseconds(stored)
            // SQLite: the double itself. PostgreSQL: cut to the microsecond.
            let microseconds = (stored.timeIntervalSince1970 * 1_000_000).rounded(.down) / 1_000_000
            #expect(JournalClock.milliseconds(Date(timeIntervalSince1970: microseconds)) == milliseconds)
            #expect(JournalClock.truncate(stored) == stored)
            #expect(abs(stored.timeIntervalSince(raw)) < 0.001)
        }
    }

    @Test("the canonical encoding cannot be forged through a text") func noForgery() {
        let honest = JournalEntryContent(
            incidentID: Self.incident, sequence: 1, at: Self.start, authorID: nil, kind: .note, text: "a",
            details: ["b": "c"])
        let forged = JournalEntryContent(
            incidentID: Self.incident, sequence: 1, at: Self.start, authorID: nil, kind: .note,
            text: "a\ndetails.b=1:c", details: [:])
        #expect(JournalHasher.canonicalEncoding(of: honest) != JournalHasher.canonicalEncoding(of: forged))
    }

    @Test("an intact chain has no break") func intact() {
        #expect(JournalChain.firstBreak(in: Self.chain(["a", "b", "c"])) == nil)
        #expect(JournalChain.firstBreak(in: []) == nil)
    }

    @Test("an edited text is found") func editedText() {
        var entries = Self.chain(["a", "b", "c"])
        let old = entries[1]
        let c = old.content
        entries[1] = StoredJournalEntry(
            content: JournalEntryContent(
                incidentID: c.incidentID, sequence: c.sequence, at: c.at, authorID: c.authorID, kind: c.kind, text: "B",
                details: c.details),
            previousHash: old.previousHash, hash: old.hash)
        #expect(JournalChain.firstBreak(in: entries) == ChainBreak(sequence: 2, reason: .hashMismatch))
    }

    @Test("a removed entry is found") func removed() {
        var entries = Self.chain(["a", "b", "c"])
        entries.remove(at: 1)
        #expect(JournalChain.firstBreak(in: entries) == ChainBreak(sequence: 3, reason: .sequenceGap))
    }

    @Test("a rehashed entry still breaks the link to its successor") func rehashed() {
        var entries = Self.chain(["a", "b", "c"])
        let c = entries[1].content
        let forged = JournalEntryContent(
            incidentID: c.incidentID, sequence: 2, at: c.at, authorID: c.authorID, kind: c.kind, text: "B",
            details: c.details)
        entries[1] = StoredJournalEntry(
            content: forged, previousHash: entries[1].previousHash,
            hash: JournalHasher.hash(forged, previousHash: entries[1].previousHash))
        #expect(JournalChain.firstBreak(in: entries) == ChainBreak(sequence: 3, reason: .previousHashMismatch))
    }
}
