import Foundation
import RiposteCore
import RiposteStorage

/// Writes one JSON object member by member, in the shapes `DateCoding.encoder` gives them
/// (RFC 3339 dates with milliseconds, upper-case UUIDs, nil members left out), for the
/// responses that carry many objects: the register's pages. Built as UTF-8 bytes, as
/// `JSONText` is, and made a `String` once.
struct JSONObjectWriter {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var first = true

    mutating func finish() -> String {
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Member names are Riposte's own, never input: written as they are.
    private mutating func key(_ name: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        bytes += name.utf8
        bytes += #"":"#.utf8
    }

    private mutating func quoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        bytes += text.utf8
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        JSONText.appendString(value, to: &bytes)
    }

    mutating func member(_ name: String, _ value: Int) {
        key(name)
        bytes += String(value).utf8
    }

    mutating func member(_ name: String, _ value: Bool) {
        key(name)
        bytes += (value ? "true" : "false").utf8
    }

    mutating func member(_ name: String, _ value: Date?) {
        guard let value else { return }
        key(name)
        quoted(RFC3339.format(value))
    }

    mutating func member(_ name: String, _ value: UUID?) {
        guard let value else { return }
        key(name)
        quoted(value.uppercaseText)
    }

    /// A text as a JSON string.
    static func quote(_ text: String) -> String {
        var bytes: [UInt8] = []
        JSONText.appendString(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A JSON array of values already written as JSON.
    static func array(_ elements: [String]) -> String {
        "[" + elements.joined(separator: ",") + "]"
    }

    /// A member whose value is already JSON.
    mutating func member(_ name: String, json value: String) {
        key(name)
        bytes += value.utf8
    }
}
