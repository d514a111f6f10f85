import Foundation

/// The law's deadlines of a period's incidents (#17) as the metrics count them: settled in
/// time (a submission, or a decision not to notify), settled late, still open past their
/// deadline, and still open within it.
public struct ObligationTally: Sendable, Equatable {
    public var met = 0
    public var late = 0
    public var overdue = 0
    public var open = 0

    public init() {}

    public init(_ clocks: [ObligationClock], at now: Date) {
        for clock in clocks {
            if !clock.isOpen {
                if clock.settledLate { late += 1 } else { met += 1 }
            } else if clock.isOverdue(at: now) {
                overdue += 1
            } else {
                open += 1
            }
        }
    }

    public static func + (left: ObligationTally, right: ObligationTally) -> ObligationTally {
        var sum = left
        (sum.met, sum.late, sum.overdue, sum.open) = (
            left.met + right.met, left.late + right.late, left.overdue + right.overdue, left.open + right.open
        )
        return sum
    }

    /// Settled in time over every deadline settled or past; nil when none was.
    public var rate: Compliance { Compliance(timed: met + late + overdue, met: met) }
}

/// The review's follow-ups of a period (§4.6, #16 point 5): those created in it, still open,
/// open past their due day, and done.
public struct FollowUpTally: Sendable, Equatable {
    public var open = 0
    public var overdue = 0
    public var done = 0

    public init() {}

    /// From each follow-up's status and due day (`YYYY-MM-DD`), `today` being the organisation's.
    public init(_ followUps: [(done: Bool, dueOn: String?)], today: String) {
        for followUp in followUps {
            if followUp.done {
                done += 1
            } else {
                open += 1
                if let due = followUp.dueOn, due < today { overdue += 1 }
            }
        }
    }
}
