import Crypto
import Foundation

/// Chains journal entries: each hash covers the previous hash and a canonical
/// encoding of the entry, so changing, removing or reordering an entry is detectable.
public enum JournalHasher {
    /// The "previous hash" of an incident's first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// Length-prefixed fields in a fixed order: no separator inside a text can forge another field.
    public static func canonicalEncoding(of entry: JournalEntryContent) -> String {
        var fields: [(String, String)] = [
            ("incident", entry.incidentID.uuidString.lowercased()),
            ("sequence", String(entry.sequence)),
            ("at", String(JournalClock.milliseconds(entry.at))),
            ("author", entry.authorID?.uuidString.lowercased() ?? ""),
            ("kind", entry.kind.rawValue),
            ("text", entry.text),
        ]
        for key in entry.details.keys.sorted() {
            fields.append(("details." + key, entry.details[key] ?? ""))
        }
        return fields.map { name, value in "\(name)=\(value.utf8.count):\(value)\n" }.joined()
    }

    public static func hash(_ entry: JournalEntryContent, previousHash: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(previousHash.utf8))
        hasher.update(data: Data(canonicalEncoding(of: entry).utf8))
        return Hex.encode(hasher.finalize())
    }
}
