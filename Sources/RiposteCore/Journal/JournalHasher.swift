import Crypto
import Foundation

/// Chains journal entries: each hash covers the previous hash and a canonical
/// encoding of the entry, so changing, removing or reordering an entry is detectable.
public enum JournalHasher {
    /// The "previous hash" of an incident's first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// Length-prefixed fields in a fixed order: no separator inside a text can forge another field.
    public static func canonicalEncoding(of entry: JournalEntryContent) -> String {
        String(decoding: canonicalBytes(of: entry), as: UTF8.self)
    }

    /// The canonical encoding's UTF-8 bytes, built as bytes: the journal hashes one per
    /// entry, thousands in a sweep.
    static func canonicalBytes(of entry: JournalEntryContent) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(200 + entry.text.utf8.count + entry.details.count * 48)
        func field(_ name: String, _ value: String) {
            bytes += name.utf8
            bytes.append(UInt8(ascii: "="))
            appendDecimal(value.utf8.count, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            bytes += value.utf8
            bytes.append(UInt8(ascii: "\n"))
        }
        // A UUID as its 36 characters, lower case, written from its bytes.
        func field(_ name: String, _ id: UUID?) {
            bytes += name.utf8
            guard let id else { return bytes += Array("=0:\n".utf8) }
            bytes += Array("=36:".utf8)
            withUnsafeBytes(of: id.uuid) { raw in
                for (index, byte) in raw.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 { bytes.append(UInt8(ascii: "-")) }
                    bytes.append(Hex.lowercaseDigits[Int(byte >> 4)])
                    bytes.append(Hex.lowercaseDigits[Int(byte & 0x0F)])
                }
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        field("incident", entry.incidentID)
        field("sequence", String(entry.sequence))
        field("at", String(JournalClock.milliseconds(entry.at)))
        field("author", entry.authorID)
        field("kind", entry.kind.rawValue)
        field("text", entry.text)
        for (key, value) in entry.details.sorted(by: { $0.key < $1.key }) {
            field("details." + key, value)
        }
        return bytes
    }

    public static func hash(_ entry: JournalEntryContent, previousHash: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(previousHash.utf8))
        hasher.update(data: canonicalBytes(of: entry))
        return Hex.encode(hasher.finalize())
    }

    /// The SHA-256 of a text, in hex: what a journal entry says of a document kept beside it.
    public static func sha256(_ text: String) -> String {
        Hex.encode(SHA256.hash(data: Array(text.utf8)))
    }

    /// A non-negative number's decimal digits, as `String(n)` writes them.
    private static func appendDecimal(_ number: Int, to bytes: inout [UInt8]) {
        guard number >= 10 else { return bytes.append(UInt8(ascii: "0") + UInt8(number)) }
        appendDecimal(number / 10, to: &bytes)
        bytes.append(UInt8(ascii: "0") + UInt8(number % 10))
    }
}
