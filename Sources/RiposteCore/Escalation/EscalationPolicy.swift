import Foundation

/// The escalation rules of §4.2.3, §4.3 and chapter II, as a pure function of an incident's
/// facts, the settings and the time. The app stores `nextDueAt` with each incident, so a
/// sweep reads only the incidents that have something due.
public enum EscalationPolicy {
    /// Statuses in which the incident is being handled and deadlines run.
    public static let running: Set<IncidentStatus> = [.reported, .qualified, .inTreatment, .eradication]

    /// Every escalation due at `now` that has not been made yet.
    public static func due(_ facts: EscalationFacts, settings: SLASettings, at now: Date) -> [Escalation] {
        candidates(facts, settings: settings, now: now).filter { $0.dueAt <= now && !facts.escalated.contains($0.key) }
    }

    /// Everything due at `now`, including what an escalation makes due in turn: a minor
    /// incident that becomes major may already be past the major deadline too. Without this,
    /// the second step would wait for the next sweep, and whether it did would depend on how
    /// the sweep cut its batches. In the order made.
    public static func settle(_ facts: EscalationFacts, settings: SLASettings, at now: Date) -> [Escalation] {
        var facts = facts
        var made: [Escalation] = []
        // Each round makes at least one new key, and there are few: the bound only guards
        // against a rule that would call for itself again.
        for _ in 0..<8 {
            let due = due(facts, settings: settings, at: now)
            guard !due.isEmpty else { break }
            for escalation in due {
                facts.escalated.insert(escalation.key)
                if escalation.kind == .minorBecomesMajor {
                    facts.severity = .major
                    facts.severitySince = now
                    facts.pausedBeforeSeverity = facts.clock.paused(at: now)
                }
            }
            made += due
        }
        return made
    }

    /// The earliest time something will be due, for the sweep's index; nil when nothing
    /// can fall due until the incident changes (resolved, paused without other deadlines…).
    public static func nextDueAt(_ facts: EscalationFacts, settings: SLASettings, after now: Date) -> Date? {
        candidates(facts, settings: settings, now: now)
            .filter { !facts.escalated.contains($0.key) }
            .map(\.dueAt)
            .min()
    }

    static func candidates(_ facts: EscalationFacts, settings: SLASettings, now: Date) -> [Escalation] {
        // §4.6: once closed, the incident waits for its review; the incident manager is reminded
        // unless it is complete already (marking it reviewed is then one button).
        if facts.status == .closed {
            guard let closedAt = facts.closedAt, !facts.reviewComplete else { return [] }
            return [
                Escalation(
                    kind: .reviewOverdue, key: Escalation.Kind.reviewOverdue.rawValue,
                    dueAt: WorkingDays.adding(settings.reviewReminderWorkingDays, to: closedAt),
                    notify: [.incidentManager])
            ]
        }
        guard running.contains(facts.status) else { return [] }
        var result: [Escalation] = []
        guard let severity = facts.severity else {
            if let due = facts.clock.deadline(after: settings.qualifyUnknownSeverity) {
                result.append(
                    Escalation(
                        kind: .qualificationOverdue, key: Escalation.Kind.qualificationOverdue.rawValue, dueAt: due,
                        notify: [.helpdeskManager]))
            }
            return result + rtoEscalations(facts, now: now)
        }
        let targets = settings.targets(for: severity)
        // A major incident's time runs from when it became major (#15 point 5).
        let resolveFrom = severity == .major ? facts.severitySince : nil
        if let due = facts.clock.deadline(
            after: targets.resolve, from: resolveFrom, pausedBefore: resolveFrom == nil ? 0 : facts.pausedBeforeSeverity
        ) {
            switch severity {
            case .minor:
                let kind: Escalation.Kind = targets.promoteAtDeadline ? .minorBecomesMajor : .minorOverdue
                result.append(
                    Escalation(
                        kind: kind, key: Escalation.minorDeadlineKey, dueAt: due,
                        notify: [.incidentManager, .helpdeskManager]))
            case .major:
                // §4.2.3 step 9 and below it: the incident manager, who "avise immédiatement" the
                // continuity and crisis teams, and those teams' managers themselves (#15 point 6).
                result.append(
                    Escalation(
                        kind: .majorOverdue, key: Escalation.Kind.majorOverdue.rawValue, dueAt: due,
                        notify: [.incidentManager, .crisisManager, .continuityManager]))
            case .low, .crisis:
                break
            }
        }
        if severity >= .major, let cadence = targets.statusReport,
            let since = facts.lastStatusReportAt ?? facts.severitySince
        {
            let due = since.addingTimeInterval(TimeInterval(cadence.seconds))
            result.append(
                Escalation(
                    kind: .statusReportMissed,
                    key: "\(Escalation.Kind.statusReportMissed.rawValue):\(Int64(due.timeIntervalSince1970))",
                    dueAt: due, notify: [.incidentManager]))
        }
        return result + rtoEscalations(facts, now: now)
    }

    /// Expected recovery later than the disruption's start plus an activity's RTO: due at
    /// once when the estimate says so, and in any case when the RTO has run out.
    static func rtoEscalations(_ facts: EscalationFacts, now: Date) -> [Escalation] {
        facts.impactedActivities.map { activity in
            let limit = facts.disruptedSince.addingTimeInterval(TimeInterval(activity.rto.seconds))
            let due: Date
            if let expected = facts.expectedRecoveryAt, expected > limit {
                due = min(limit, max(facts.disruptedSince, now))
            } else {
                due = limit
            }
            return Escalation(
                kind: .recoveryBeyondRTO,
                key: "\(Escalation.Kind.recoveryBeyondRTO.rawValue):\(activity.id.uuidString.lowercased())",
                dueAt: due, notify: [.continuityManager])
        }
    }
}
