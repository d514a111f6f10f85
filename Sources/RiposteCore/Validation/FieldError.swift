import Foundation

/// A field that breaks a rule; the API answers 422 with it.
public struct FieldError: Error, Equatable, Sendable {
    public enum Problem: String, Sendable {
        case required
        case tooLong = "too_long"
        case outOfRange = "out_of_range"
        case invalid
        case unknown
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

public enum TextRule {
    /// Trims, then checks presence and length. Returns the trimmed text.
    public static func required(_ value: String, field: String, max: Int) throws(FieldError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw FieldError(field: field, problem: .required) }
        guard trimmed.count <= max else { throw FieldError(field: field, problem: .tooLong, limit: max) }
        return trimmed
    }

    /// Trims; empty becomes nil.
    public static func optional(_ value: String?, field: String, max: Int) throws(FieldError) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.count <= max else { throw FieldError(field: field, problem: .tooLong, limit: max) }
        return trimmed
    }
}
