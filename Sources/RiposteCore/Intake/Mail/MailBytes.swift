import Foundation

/// The transfer encodings a part's body arrives in (RFC 2045 §6), and the charsets its text is
/// written in.
enum MailBytes {
    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The body as its `Content-Transfer-Encoding` says; 7bit, 8bit, binary and unknown ones as is.
    static func decode(_ body: [UInt8], transferEncoding: String?) throws(MailError) -> [UInt8] {
        switch transferEncoding?.trimmingCharacters(in: .whitespaces).lowercased() {
        case "base64": return try base64(body)
        case "quoted-printable": return quotedPrintable(body)
        default: return body
        }
    }

    /// Base64 with its line breaks (and any whitespace) ignored; anything else is malformed.
    static func base64(_ body: [UInt8]) throws(MailError) -> [UInt8] {
        let kept = body.filter { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A) }
        var text = String(decoding: kept, as: UTF8.self)
        // Some senders leave the padding off.
        while text.utf8.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text) else { throw .malformed("base64") }
        return Array(data)
    }

    /// Quoted-printable: `=XX` bytes, `=` at a line's end joins it to the next; a lone `=` not
    /// followed by two hex digits is kept as sent (RFC 2045 §6.7's robustness note).
    static func quotedPrintable(_ body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var index = 0
        while index < body.count {
            let byte = body[index]
            if byte == UInt8(ascii: "=") {
                if index + 1 < body.count, body[index + 1] == 0x0A {
                    index += 2
                    continue
                }
                if index + 2 < body.count, body[index + 1] == 0x0D, body[index + 2] == 0x0A {
                    index += 3
                    continue
                }
                if index + 2 < body.count, let high = hex(body[index + 1]), let low = hex(body[index + 2]) {
                    out.append(high << 4 | low)
                    index += 3
                    continue
                }
            }
            out.append(byte)
            index += 1
        }
        return out
    }
}

/// Text in the charset a part or an encoded word names, by the names IANA gives the charsets
/// Foundation decodes; UTF-8 for any other (with replacement characters where it is not).
enum Charset {
    static let encodings: [String: String.Encoding] = [
        "utf-8": .utf8, "utf8": .utf8, "us-ascii": .ascii, "ascii": .ascii, "iso-8859-1": .isoLatin1,
        "latin1": .isoLatin1, "iso_8859-1": .isoLatin1, "iso-8859-2": .isoLatin2, "latin2": .isoLatin2,
        "windows-1250": .windowsCP1250, "windows-1251": .windowsCP1251, "windows-1252": .windowsCP1252,
        "cp1252": .windowsCP1252, "windows-1253": .windowsCP1253, "windows-1254": .windowsCP1254,
        "utf-16": .utf16, "utf-16be": .utf16BigEndian, "utf-16le": .utf16LittleEndian, "utf-32": .utf32,
        "utf-32be": .utf32BigEndian, "utf-32le": .utf32LittleEndian, "shift_jis": .shiftJIS,
        "euc-jp": .japaneseEUC, "iso-2022-jp": .iso2022JP, "macintosh": .macOSRoman,
    ]

    static func decode(_ bytes: [UInt8], named name: String?) -> String {
        let key = (name ?? "us-ascii").trimmingCharacters(in: .whitespaces).lowercased()
        if let encoding = encodings[key], encoding != .utf8, encoding != .ascii,
            let text = String(bytes: bytes, encoding: encoding)
        {
            return text
        }
        // US-ASCII mail often carries 8-bit bytes anyway: UTF-8 reads both, Latin-1 what UTF-8 cannot.
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if key == "us-ascii" || key == "ascii" { return String(bytes.map { Character(Unicode.Scalar($0)) }) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
