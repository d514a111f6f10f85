import Crypto
import Foundation

/// Chains journal entries: each hash covers the previous hash and a canonical
/// encoding of the entry, so changing, removing or reordering an entry is detectable.
public enum JournalHasher {
    /// The "previous hash" of an incident's first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// Length-prefixed fields in a fixed order: no separator inside a text can forge another field.
    public static func canonicalEncoding(of entry: JournalEntryContent) -> String {
        var encoding = ""
        encoding.reserveCapacity(160 + entry.text.utf8.count + entry.details.count * 48)
        func field(_ name: String, _ value: String) {
            encoding += name
            encoding += "="
            encoding += String(value.utf8.count)
            encoding += ":"
            encoding += value
            encoding += "\n"
        }
        field("incident", entry.incidentID.lowercaseText)
        field("sequence", String(entry.sequence))
        field("at", String(JournalClock.milliseconds(entry.at)))
        field("author", entry.authorID?.lowercaseText ?? "")
        field("kind", entry.kind.rawValue)
        field("text", entry.text)
        for (key, value) in entry.details.sorted(by: { $0.key < $1.key }) {
            field("details." + key, value)
        }
        return encoding
    }

    public static func hash(_ entry: JournalEntryContent, previousHash: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(previousHash.utf8))
        hasher.update(data: Data(canonicalEncoding(of: entry).utf8))
        return Hex.encode(hasher.finalize())
    }
}
