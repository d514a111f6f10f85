/// Small JSON texts written by hand where the register writes thousands at a time (journal
/// details, outbox payloads): `JSONEncoder` builds a tree of boxed values for each one,
/// which cost a sweep more than the database did. Readers still use `JSONDecoder`.
enum JSONText {
    /// An object of string members, keys sorted, as `JSONEncoder` with `.sortedKeys` and
    /// `.withoutEscapingSlashes` writes it.
    static func object(_ members: [String: String]) -> String {
        var text = "{"
        for (index, key) in members.keys.sorted().enumerated() {
            if index > 0 { text += "," }
            appendString(key, to: &text)
            text += ":"
            appendString(members[key] ?? "", to: &text)
        }
        return text + "}"
    }

    /// The same, leaving out nil members (as `JSONEncoder` leaves out nil optionals).
    static func object(_ members: [String: String?]) -> String {
        object(members.compactMapValues { $0 })
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped (RFC 8259 §7).
    /// Only ASCII bytes are ever escaped, so the work is done on UTF-8 bytes.
    static func appendString(_ value: String, to text: inout String) {
        text += "\""
        if !value.utf8.contains(where: needsEscape) {
            text += value
        } else {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(value.utf8.count + 16)
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
                    let hex = Array("0123456789abcdef".utf8)
                    bytes += [
                        UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)],
                        hex[Int(byte & 0xF)],
                    ]
                }
            }
            text += String(decoding: bytes, as: UTF8.self)
        }
        text += "\""
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
