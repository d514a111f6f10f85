import Foundation
import RiposteCore

/// Writes one JSON object member by member, in the shapes `DateCoding.encoder` gives them
/// (RFC 3339 dates with milliseconds, upper-case UUIDs, nil members left out), for the
/// responses that carry many objects: the register's pages.
struct JSONObjectWriter {
    private(set) var text: String
    private var first = true

    init(appendingTo text: String = "") {
        self.text = text
        self.text += "{"
    }

    mutating func finish() -> String {
        text += "}"
        return text
    }

    private mutating func key(_ name: String) {
        if !first { text += "," }
        first = false
        text += "\""
        text += name
        text += "\":"
    }

    mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        JSONText.appendString(value, to: &text)
    }

    mutating func member(_ name: String, _ value: Int) {
        key(name)
        text += String(value)
    }

    mutating func member(_ name: String, _ value: Bool) {
        key(name)
        text += value ? "true" : "false"
    }

    mutating func member(_ name: String, _ value: Date?) {
        guard let value else { return }
        key(name)
        text += "\""
        text += RFC3339.format(value)
        text += "\""
    }

    mutating func member(_ name: String, _ value: UUID) {
        key(name)
        text += "\""
        text += value.uppercaseText
        text += "\""
    }

    mutating func member(_ name: String, _ value: UUID?) {
        guard let value else { return }
        member(name, value)
    }

    /// A JSON array of values already written as JSON.
    static func array(_ elements: [String]) -> String {
        "[" + elements.joined(separator: ",") + "]"
    }

    /// A member whose value is already JSON.
    mutating func member(_ name: String, json value: String) {
        key(name)
        text += value
    }
}
