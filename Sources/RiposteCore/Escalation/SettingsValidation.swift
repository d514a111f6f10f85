/// Checks durations given as text for the settings (API and, later, admin pages).
public enum DurationRule {
    /// A positive ISO 8601 duration; `field` names it in the error.
    public static func positive(_ text: String, field: String) throws(FieldError) -> ISODuration {
        guard let duration = ISODuration(text) else { throw FieldError(field: field, problem: .invalid) }
        guard duration.seconds > 0 else { throw FieldError(field: field, problem: .outOfRange) }
        return duration
    }
}
