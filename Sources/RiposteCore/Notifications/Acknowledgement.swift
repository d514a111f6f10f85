import Foundation

/// "Someone must answer" (#15 point 7): an alert about a major incident or a crisis waits for
/// one holder of the role it went to. Unanswered in time, it goes to the role's backup contact
/// (annex 1: principal and backup), then to the administrators.
public enum Acknowledgement {
    /// Who has the alert now; each stage lasts the severity's delay, the last one until answered.
    public enum Stage: Int, Sendable, Equatable, CaseIterable {
        /// The holders of the role (those away excepted, whose share goes to the backup at once).
        case holders = 0
        /// The role's backup contact was told too.
        case backup = 1
        /// The administrators were told too.
        case administrators = 2

        /// The next stage, or nil after the last.
        public var next: Stage? { Stage(rawValue: rawValue + 1) }

        /// Its name in the catalogues' keys.
        public var key: String {
            switch self {
            case .holders: "holders"
            case .backup: "backup"
            case .administrators: "administrators"
            }
        }
    }

    /// Whether this event must be acknowledged: the alerts about a major incident or a crisis
    /// (a qualification or re-qualification, the major incident past its time, a warning along
    /// a flow). Plan decisions, reports and reminders (a status report due, a recovery beyond an
    /// RTO) inform; they are not alarms.
    public static func isRequired(_ event: NotificationEvent) -> Bool {
        guard let severity = event.severity, severity >= .major else { return false }
        switch event.kind {
        case .qualified, .planWarned: return true
        case .escalated: return event.escalation == Escalation.Kind.majorOverdue.rawValue
        default: return false
        }
    }

    /// When an alert at `stage`, reached at `since`, moves on unless answered: after the
    /// severity's delay; never from the last stage.
    public static func dueAt(after stage: Stage, since: Date, delay: ISODuration) -> Date? {
        stage.next == nil ? nil : since.addingTimeInterval(TimeInterval(delay.seconds))
    }

    /// Whether a person marked away until `awayUntil` is away at `now`.
    public static func isAway(until awayUntil: Date?, at now: Date) -> Bool {
        awayUntil.map { now < $0 } ?? false
    }
}

/// The end of an absence a person may declare: in the future, and within a year (#15 point 7).
public enum AvailabilityRule {
    public static let longestAbsence: TimeInterval = 366 * 86_400

    public static func check(_ awayUntil: Date?, at now: Date) throws(FieldError) -> Date? {
        guard let awayUntil else { return nil }
        guard awayUntil > now, awayUntil.timeIntervalSince(now) <= longestAbsence else {
            throw FieldError(field: "awayUntil", problem: .outOfRange)
        }
        return awayUntil
    }
}
