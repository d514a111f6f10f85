import RiposteCore

/// Small JSON texts written by hand where the register writes thousands at a time (journal
/// details, outbox payloads): `JSONEncoder` builds a tree of boxed values for each one,
/// which cost a sweep more than the database did. Readers still use `JSONDecoder`. The text
/// is built as UTF-8 bytes and made a `String` once: appending to a `String` piece by piece
/// checks and grows it at every step.
package enum JSONText {
    /// An object of string members, keys sorted, as `JSONEncoder` with `.sortedKeys` and
    /// `.withoutEscapingSlashes` writes it.
    package static func object(_ members: [String: String]) -> String {
        object(sorted: members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// An object of members already in key order, leaving out nil ones (as `JSONEncoder`
    /// leaves out nil optionals).
    package static func object(sorted members: [(String, String?)]) -> String {
        object(members: members.map { ($0.0, $0.1.map(Member.string)) })
    }

    /// A member's value: a string to quote, or JSON already written (a number, an object).
    package enum Member {
        case string(String)
        case json(String)

        var count: Int {
            switch self {
            case .string(let text), .json(let text): text.utf8.count
            }
        }
    }

    /// An object of members in the order given, leaving out nil ones.
    package static func object(members: [(String, Member?)]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(members.reduce(2) { $0 + $1.0.utf8.count + ($1.1?.count ?? 0) + 6 })
        bytes.append(UInt8(ascii: "{"))
        var first = true
        for (key, value) in members {
            guard let value else { continue }
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            appendString(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            switch value {
            case .string(let text): appendString(text, to: &bytes)
            case .json(let text): bytes += text.utf8
            }
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped (RFC 8259 §7).
    /// Only ASCII bytes are ever escaped, so the work is done on UTF-8 bytes.
    package static func appendString(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        defer { bytes.append(UInt8(ascii: "\"")) }
        // Most texts need no escape: copied whole rather than byte by byte.
        guard value.utf8.contains(where: needsEscape) else { return bytes += value.utf8 }
        for byte in value.utf8 {
            guard needsEscape(byte) else {
                bytes.append(byte)
                continue
            }
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
            default:
                bytes += [
                    UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Hex.lowercaseDigits[Int(byte >> 4)],
                    Hex.lowercaseDigits[Int(byte & 0xF)],
                ]
            }
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
