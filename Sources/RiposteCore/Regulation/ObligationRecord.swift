import Foundation

/// How a deadline was met (#17 point 3): what was sent, when, to whom, under which reference
/// and by whom, or the decision not to notify and its reason. Kept as written: a later
/// submission (information given in phases, art. 33(4)) is another record.
public struct ObligationRecord: Sendable, Equatable, Codable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case submission
        /// A progress report where a final one was due (NIS2 art. 23(4)(e)): the incident is
        /// still being handled, the final report is due a month after it is.
        case progress
        /// The decision not to notify, with its reason (art. 33(1): unlikely to result in a risk).
        case decision
    }

    public let id: UUID
    public let step: ObligationStep
    public let kind: Kind
    /// When it was sent or decided.
    public let at: Date
    public let recipient: String
    /// The authority's reference for the notification.
    public let reference: String
    /// What was sent.
    public let document: String
    /// Why not to notify; or why the submission came late.
    public let reason: String
    public let recordedBy: UUID?
    public let recordedAt: Date

    public init(
        id: UUID, step: ObligationStep, kind: Kind, at: Date, recipient: String = "", reference: String = "",
        document: String = "", reason: String = "", recordedBy: UUID?, recordedAt: Date
    ) {
        self.id = id
        self.step = step
        self.kind = kind
        self.at = JournalClock.truncate(at)
        self.recipient = recipient
        self.reference = reference
        self.document = document
        self.reason = reason
        self.recordedBy = recordedBy
        self.recordedAt = JournalClock.truncate(recordedAt)
    }

    /// Whether it settles its step: a progress report does not.
    public var settles: Bool { kind != .progress }
}

/// A deadline of an incident: which step, counted from when, due when, and where it stands.
public struct ObligationClock: Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case open
        case submitted
        /// Decided not to notify, with a reason.
        case notNotified = "not_notified"
    }

    public let step: ObligationStep
    public let startsAt: Date
    /// Nil: "without undue delay" (art. 34), or a final report due a month after an incident
    /// still being handled.
    public let dueAt: Date?
    public let status: Status
    public let settledAt: Date?
    /// The step it counts from has not been sent yet: `startsAt` is that step's deadline,
    /// and moves when it is sent.
    public let provisional: Bool

    public init(
        step: ObligationStep, startsAt: Date, dueAt: Date?, status: Status = .open, settledAt: Date? = nil,
        provisional: Bool = false
    ) {
        self.step = step
        self.startsAt = startsAt
        self.dueAt = dueAt
        self.status = status
        self.settledAt = settledAt
        self.provisional = provisional
    }

    public var isOpen: Bool { status == .open }

    /// Open and past its deadline at `now`.
    public func isOverdue(at now: Date) -> Bool {
        guard isOpen, let dueAt else { return false }
        return now > dueAt
    }

    /// Settled after its deadline: the submission gives the reasons for the delay (art. 33(1)).
    public var settledLate: Bool {
        guard let settledAt, let dueAt else { return false }
        return settledAt > dueAt
    }
}
