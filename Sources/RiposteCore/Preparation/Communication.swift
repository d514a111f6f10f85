import Foundation

/// A communication sent about an incident (§4.3, PIR "activités de communication"): to whom,
/// through what, when, and what it said. Riposte's own notifications are logged the same way.
public enum CommunicationDirection: String, CaseIterable, Codable, Sendable {
    case `internal`
    case external
}

public enum CommunicationMedia: String, CaseIterable, Codable, Sendable {
    case email
    case phone
    case website
    case letter
    case meeting
    case chat
    case press
    case other
}

/// A communication as typed, checked.
public struct CommunicationEntry: Sendable, Equatable {
    public let direction: CommunicationDirection
    public let audience: String
    public let media: CommunicationMedia
    public let recipients: String
    public let at: Date
    public let summary: String

    public static let audienceLimit = 200
    public static let recipientsLimit = 2_000

    /// Checks what was typed; the time may not be in the future (it records what was sent).
    public static func validated(
        direction: CommunicationDirection, audience: String, media: CommunicationMedia, recipients: String?, at: Date?,
        summary: String, now: Date
    ) throws(FieldError) -> CommunicationEntry {
        let audience = try TextRule.required(audience, field: "audience", max: audienceLimit)
        let recipients = try TextRule.optional(recipients, field: "recipients", max: recipientsLimit) ?? ""
        let summary = try TextRule.required(summary, field: "summary", max: FieldLimits.journalText)
        let at = at ?? now
        // A minute of leeway for clocks that disagree a little.
        guard at <= now.addingTimeInterval(60) else { throw FieldError(field: "at", problem: .outOfRange) }
        return CommunicationEntry(
            direction: direction, audience: audience, media: media, recipients: recipients, at: at, summary: summary)
    }
}

extension CommunicationEntry {
    /// A communication logged on an incident: its journal entry, the summary as its text, the
    /// time it was sent to the millisecond the journal keeps.
    public func effects() -> IncidentEffects {
        .entry(
            .communication, text: summary,
            details: [
                "direction": direction.rawValue, "audience": audience, "media": media.rawValue,
                "recipients": recipients,
            ], times: ["at": JournalClock.truncate(at)])
    }
}
