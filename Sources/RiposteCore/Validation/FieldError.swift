import Foundation

/// A field that breaks a rule; the API answers 422 with it.
public struct FieldError: Error, Equatable, Sendable {
    public enum Problem: String, Sendable {
        case required
        case tooLong = "too_long"
        /// A list with more items than allowed (the limit says how many).
        case tooMany = "too_many"
        case outOfRange = "out_of_range"
        case invalid
        case unknown
        /// A password from the list of the most common ones.
        case tooCommon = "too_common"
    }

    public let field: String
    public let problem: Problem
    public let limit: Int?

    public init(field: String, problem: Problem, limit: Int? = nil) {
        self.field = field
        self.problem = problem
        self.limit = limit
    }
}

/// Rules every free text obeys. Lengths count Unicode code points, as JSON Schema's
/// `maxLength` does, so the OpenAPI document and the server agree on every string.
public enum TextRule {
    /// Checks the text as sent, then trims it and requires something to be left.
    public static func required(_ value: String, field: String, max: Int) throws(FieldError) -> String {
        try check(value, field: field, max: max)
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw FieldError(field: field, problem: .required) }
        return trimmed
    }

    /// Checks the text as sent, then trims it; empty becomes nil.
    public static func optional(_ value: String?, field: String, max: Int) throws(FieldError) -> String? {
        guard let value else { return nil }
        try check(value, field: field, max: max)
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The limit applies to what was sent, spaces included, as the published schema says.
    /// NUL cannot be stored as text by PostgreSQL and cuts SQLite's text short, which
    /// would break the journal's hash: it is refused outright.
    private static func check(_ text: String, field: String, max: Int) throws(FieldError) {
        guard text.unicodeScalars.count <= max else { throw FieldError(field: field, problem: .tooLong, limit: max) }
        guard !text.unicodeScalars.contains("\u{0}") else { throw FieldError(field: field, problem: .invalid) }
    }
}
