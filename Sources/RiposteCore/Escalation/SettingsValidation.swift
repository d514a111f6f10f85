/// Checks durations given as text for the settings (API and, later, admin pages).
public enum DurationRule {
    /// A positive ISO 8601 duration; `field` names it in the error.
    public static func positive(_ text: String, field: String) throws(FieldError) -> ISODuration {
        guard let duration = ISODuration(text) else { throw FieldError(field: field, problem: .invalid) }
        guard duration.seconds > 0 else { throw FieldError(field: field, problem: .outOfRange) }
        return duration
    }
}

/// Checks the choice of automatic promotion at the resolution deadline (#15 point 5).
public enum PromotionRule {
    /// Only a minor incident has a level the sweep promotes it to; absent means off.
    public static func check(_ promote: Bool?, of severity: Severity) throws(FieldError) -> Bool {
        guard let promote else { return false }
        guard !promote || severity == .minor else {
            throw FieldError(field: "\(severity.rawValue).promoteAtDeadline", problem: .invalid)
        }
        return promote
    }
}
