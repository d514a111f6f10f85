import Foundation

/// A message's or a part's header fields (RFC 5322 §2.2), unfolded, looked up by name in any
/// case. Values stay raw: encoded words are decoded where a field is read as text.
public struct MailHeaders: Sendable, Equatable {
    public private(set) var fields: [(name: String, value: String)] = []

    public static func == (lhs: MailHeaders, rhs: MailHeaders) -> Bool {
        lhs.fields.map(\.name) == rhs.fields.map(\.name) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }

    public init() {}

    /// Reads the header block (without the blank line that ends it). A line that neither
    /// continues the previous field nor is `name: value` makes the block malformed.
    public init(_ block: [UInt8]) throws(MailError) {
        // Header fields are ASCII; stray 8-bit bytes (unencoded names) are read as Latin-1.
        let text = String(decoding: block, as: UTF8.self)
        let raw = text.contains("\u{FFFD}") ? String(block.map { Character(Unicode.Scalar($0)) }) : text
        for line in raw.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.isEmpty { continue }
            if line.first == " " || line.first == "\t" {
                guard !fields.isEmpty else { throw .malformed("header") }
                fields[fields.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                line[..<colon].allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != ":" })
            else { throw .malformed("header") }
            fields.append(
                (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
            )
        }
    }

    /// The first field of that name, as sent.
    public subscript(_ name: String) -> String? {
        fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// A structured field's value and its parameters (`text/plain; charset="utf-8"`): the value
    /// lowercased, parameter names lowercased, quotes removed, RFC 2231 continuations joined.
    public static func parameters(_ field: String) -> (value: String, parameters: [String: String]) {
        var parts: [String] = []
        var current = ""
        var quoted = false
        for character in field {
            if character == "\"" { quoted.toggle() }
            if character == ";", !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            var name = part[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = part[part.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            // RFC 2231: name*=utf-8''caf%C3%A9, and name*0, name*1 continuations.
            if name.hasSuffix("*") {
                name.removeLast()
                value = Self.extendedValue(value)
            }
            if let star = name.firstIndex(of: "*") {
                let base = String(name[..<star])
                parameters[base, default: ""] += value
            } else {
                parameters[name] = value
            }
        }
        return (parts[0].trimmingCharacters(in: .whitespaces).lowercased(), parameters)
    }

    /// `charset'language'percent-encoded` as RFC 2231 writes a parameter.
    private static func extendedValue(_ value: String) -> String {
        let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3 else { return value.removingPercentEncoding ?? value }
        var bytes: [UInt8] = []
        var rest = Substring(pieces[2]).utf8[...]
        while let byte = rest.first {
            rest = rest.dropFirst()
            if byte == UInt8(ascii: "%"), rest.count >= 2, let high = MailBytes.hex(rest.first!),
                let low = MailBytes.hex(rest.dropFirst().first!)
            {
                bytes.append(high << 4 | low)
                rest = rest.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return Charset.decode(bytes, named: String(pieces[0]))
    }
}

/// Why a message was refused: one line, and nothing created.
public enum MailError: Error, Equatable, Sendable {
    case tooLarge(limit: Int)
    /// The part of the message that could not be read: `header`, `from`, `multipart`, `base64`…
    case malformed(String)
}
