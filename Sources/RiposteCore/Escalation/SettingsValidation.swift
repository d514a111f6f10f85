/// Checks durations given as text for the settings (API and, later, admin pages).
/// How a duration is written: ISO 8601 (the API), or as people type it (the pages).
public enum DurationNotation: Sendable {
    case iso
    case typed
}

public enum DurationRule {
    /// A target, a delay or an RTO of more than a year is a typing mistake, not a plan (#19).
    public static let longestSeconds = 365 * 86_400

    /// A positive ISO 8601 duration of at most a year, as the API takes it; `field` names it in
    /// the error.
    public static func positive(_ text: String, field: String) throws(FieldError) -> ISODuration {
        guard let duration = ISODuration(text) else { throw FieldError(field: field, problem: .invalid) }
        return try inRange(duration.seconds, field: field)
    }

    /// A duration as typed on the pages ("4 heures", "30 min", or ISO 8601): one minute to a year.
    public static func typed(_ text: String, field: String) throws(FieldError) -> ISODuration {
        guard let seconds = DurationText.seconds(in: text) else { throw FieldError(field: field, problem: .invalid) }
        return try inRange(seconds, field: field)
    }

    public static func check(
        _ text: String, field: String, notation: DurationNotation
    ) throws(FieldError)
        -> ISODuration
    {
        switch notation {
        case .iso: try positive(text, field: field)
        case .typed: try typed(text, field: field)
        }
    }

    private static func inRange(_ seconds: Int, field: String) throws(FieldError) -> ISODuration {
        guard seconds > 0, seconds <= longestSeconds else {
            throw FieldError(field: field, problem: .outOfRange, limit: longestSeconds)
        }
        return ISODuration(seconds: seconds)
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
