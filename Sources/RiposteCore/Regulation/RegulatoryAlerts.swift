import Foundation

/// When Riposte reminds and escalates a deadline of the law (#17 point 3): the incident manager
/// and the privacy officer at half the time and at the last quarter, and, once it has passed,
/// the crisis manager too. Each alert is made once per clock (its `key`); a sweep that comes
/// late makes only the latest one due, not a burst of stale reminders.
public struct RegulatoryAlert: Sendable, Equatable {
    public enum Stage: String, CaseIterable, Codable, Sendable {
        case half
        case lastQuarter = "last_quarter"
        case passed

        /// How far through the clock's time the stage comes.
        var fraction: Double {
            switch self {
            case .half: 0.5
            case .lastQuarter: 0.75
            case .passed: 1
            }
        }
    }

    public let step: ObligationStep
    public let stage: Stage
    public let dueAt: Date

    public init(step: ObligationStep, stage: Stage, dueAt: Date) {
        self.step = step
        self.stage = stage
        self.dueAt = dueAt
    }

    public var key: String { Self.key(step, stage, due: dueAt) }

    /// A stage of one deadline: a deadline that moves (a corrected awareness time, a report sent
    /// that the next counts from, a progress report) is reminded afresh.
    public static func key(_ step: ObligationStep, _ stage: Stage, due: Date) -> String {
        "\(step.rawValue).\(stage.rawValue).\(JournalClock.milliseconds(due))"
    }

    /// Who is told: a reminder goes to those who send; a deadline passed goes up to the crisis
    /// manager as well.
    public var recipients: [NotificationRecipient] {
        var roles: [Role] = [.incidentManager, .privacyOfficer]
        if stage == .passed { roles.append(.crisisManager) }
        return roles.map { NotificationRecipient(role: $0) }
    }
}

public enum RegulatoryAlerts {
    /// When a clock's stage comes: a deadline has passed a millisecond after it (the time
    /// Riposte keeps), as `ObligationClock.isOverdue` says.
    static func time(of stage: RegulatoryAlert.Stage, in clock: ObligationClock) -> Date? {
        guard let due = clock.dueAt else { return nil }
        if stage == .passed { return due + 0.001 }
        return clock.startsAt + due.timeIntervalSince(clock.startsAt) * stage.fraction
    }

    /// The alerts due at `now` that were not made (`made`: their keys): for each open clock, the
    /// latest stage reached. `skipped` are the earlier stages it passes over, recorded as made so
    /// they never come afterwards.
    public static func due(
        _ clocks: [ObligationClock], made: Set<String>, at now: Date
    ) -> (alerts: [RegulatoryAlert], skipped: [String]) {
        var alerts: [RegulatoryAlert] = []
        var skipped: [String] = []
        for clock in clocks where clock.isOpen {
            guard let due = clock.dueAt else { continue }
            let reached = RegulatoryAlert.Stage.allCases.filter { stage in
                time(of: stage, in: clock).map { $0 <= now } ?? false
            }
            guard let latest = reached.last, !made.contains(RegulatoryAlert.key(clock.step, latest, due: due)) else {
                continue
            }
            alerts.append(RegulatoryAlert(step: clock.step, stage: latest, dueAt: due))
            skipped += reached.dropLast().map { RegulatoryAlert.key(clock.step, $0, due: due) }.filter {
                !made.contains($0)
            }
        }
        return (alerts, skipped)
    }

    /// The next time an alert comes after `now`, if one is left to make: when the sweep looks
    /// at the incident again.
    public static func nextAlertAt(_ clocks: [ObligationClock], made: Set<String>, after now: Date) -> Date? {
        clocks.filter(\.isOpen).flatMap { clock in
            RegulatoryAlert.Stage.allCases.compactMap { stage -> Date? in
                guard let due = clock.dueAt, !made.contains(RegulatoryAlert.key(clock.step, stage, due: due)) else {
                    return nil
                }
                return time(of: stage, in: clock)
            }
        }.min()
    }

    /// The alerts as effects on an incident of `severity`: a journal entry each, and the message
    /// to those who send or, once passed, to those above them.
    public static func effects(of alerts: [RegulatoryAlert], severity: Severity?) -> IncidentEffects {
        var effects = IncidentEffects()
        for alert in alerts {
            let passed = alert.stage == .passed
            effects.journal.append(
                .init(
                    passed ? .obligationOverdue : .obligationReminder,
                    details: [
                        "step": alert.step.rawValue, "stage": alert.stage.rawValue,
                        "notify": RecipientList.encode(alert.recipients),
                    ], times: ["dueAt": alert.dueAt]))
            effects.events.append(
                .init(
                    passed ? .obligationOverdue : .obligationReminder, severity: severity,
                    escalation: alert.step.rawValue, dueAt: alert.dueAt, to: alert.recipients))
        }
        return effects
    }
}
