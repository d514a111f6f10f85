import Foundation

/// The deadlines the law sets for an incident (#17 point 3), from the organisation's regimes, the
/// assessment and what was already sent: a pure function, so that a corrected awareness time
/// or a late submission moves every clock that follows from it. Clocks are not paused with the
/// SLA clock: the law's hours run on.
public enum RegulatoryClocks {
    public static let hour: TimeInterval = 3600

    /// Every clock that applies, in the order of the steps. `handledAt` is when the incident was
    /// resolved, if it is (the NIS2 final report after a progress report counts from then). An
    /// exercise's assessment is practice: no clock of the law starts (#20).
    public static func clocks(
        settings: RegulationSettings, assessment: RegulatoryAssessment, records: [ObligationRecord],
        handledAt: Date? = nil, exercise: Bool = false
    ) -> [ObligationClock] {
        guard !exercise else { return [] }
        let aware = assessment.awareAt
        var clocks: [ObligationClock] = []
        func settle(_ step: ObligationStep, from start: Date, due: Date?, provisional: Bool = false) -> ObligationClock
        {
            let clock = clock(step, from: start, due: due, provisional: provisional, records: records)
            clocks.append(clock)
            return clock
        }
        if let data = assessment.personalData {
            _ = settle(.gdprAuthority, from: aware, due: aware + 72 * hour)
            // Art. 34(1), (3)(a): people are told of a high risk, unless the data was unintelligible.
            if data.risk == .high, !data.encrypted { _ = settle(.gdprDataSubjects, from: aware, due: nil) }
        }
        if settings.applies(.nis2), let nis2 = assessment.nis2, nis2.significant {
            _ = settle(.nis2EarlyWarning, from: aware, due: aware + 24 * hour)
            let notification = settle(.nis2Notification, from: aware, due: aware + 72 * hour)
            if notification.status != .notNotified {
                let start = notification.settledAt ?? notification.dueAt ?? aware
                let progress = records.contains { $0.step == .nis2FinalReport && $0.kind == .progress }
                let due: Date? =
                    progress ? handledAt.map { month(after: $0) } : month(after: start)
                _ = settle(
                    .nis2FinalReport, from: progress ? (handledAt ?? start) : start, due: due,
                    provisional: notification.settledAt == nil)
            }
        }
        if settings.applies(.dora), let dora = assessment.dora, dora.major, let classified = dora.classifiedAt {
            let initial = settle(.doraInitial, from: classified, due: min(classified + 4 * hour, aware + 24 * hour))
            if initial.status != .notNotified {
                let intermediateStart = initial.settledAt ?? initial.dueAt ?? classified
                let intermediate = settle(
                    .doraIntermediate, from: intermediateStart, due: intermediateStart + 72 * hour,
                    provisional: initial.settledAt == nil)
                if intermediate.status != .notNotified {
                    // The final report counts from the last intermediate report.
                    let last = records.filter { $0.step == .doraIntermediate && $0.kind == .submission }.map(\.at).max()
                    let start = last ?? intermediate.dueAt ?? intermediateStart
                    _ = settle(.doraFinal, from: start, due: month(after: start), provisional: last == nil)
                }
            }
        }
        return clocks
    }

    /// A step's clock, settled by its first submission or decision.
    private static func clock(
        _ step: ObligationStep, from start: Date, due: Date?, provisional: Bool, records: [ObligationRecord]
    ) -> ObligationClock {
        // A submission settles it even after a decision not to notify: the authority was told.
        let ofStep = records.filter { $0.step == step }
        let settling =
            ofStep.filter { $0.kind == .submission }.min { $0.at < $1.at }
            ?? ofStep.filter { $0.kind == .decision }.min { $0.at < $1.at }
        let status: ObligationClock.Status =
            switch settling?.kind {
            case .submission?: .submitted
            case .decision?: .notNotified
            case .progress?, nil: .open
            }
        return ObligationClock(
            step: step, startsAt: start, dueAt: due, status: status, settledAt: settling?.at, provisional: provisional)
    }

    /// One calendar month later (the regulations' "one month"), in UTC.
    public static func month(after date: Date) -> Date {
        utc.date(byAdding: .month, value: 1, to: date) ?? date + 31 * 86_400
    }

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The open clocks, soonest deadline first (those without one last): the dashboard's order.
    public static func soonestFirst(_ clocks: [ObligationClock]) -> [ObligationClock] {
        clocks.filter(\.isOpen).sorted { ($0.dueAt ?? .distantFuture) < ($1.dueAt ?? .distantFuture) }
    }
}
