import Foundation

/// What a person's calendar feed holds (#20 point 5), from what storage read for them: the
/// deadlines of the incidents they own or work on, the law's deadlines they answer for, the
/// follow-ups due from them or their roles, and for the administrator the reference documents'
/// reviews and the plan's yearly review. Words from the catalogues (`calendar.…`).
public enum CalendarFeed {
    public struct Incident: Sendable {
        public let id: UUID
        public let number: String
        public let title: String
        public let deadlines: [RunningDeadline]
        /// The impacted activities' names, for their RTOs.
        public let activities: [UUID: String]

        public init(id: UUID, number: String, title: String, deadlines: [RunningDeadline], activities: [UUID: String]) {
            (self.id, self.number, self.title, self.deadlines, self.activities) = (
                id, number, title, deadlines, activities
            )
        }
    }

    public struct Legal: Sendable {
        public let number: String
        public let title: String
        public let clock: ObligationClock

        public init(number: String, title: String, clock: ObligationClock) {
            (self.number, self.title, self.clock) = (number, title, clock)
        }
    }

    public struct Dated: Sendable {
        public let id: UUID
        public let title: String
        /// `YYYY-MM-DD`.
        public let day: String
        public let incidentNumber: String?

        public init(id: UUID, title: String, day: String, incidentNumber: String? = nil) {
            (self.id, self.title, self.day, self.incidentNumber) = (id, title, day, incidentNumber)
        }
    }

    public struct Facts: Sendable {
        public var incidents: [Incident] = []
        public var legal: [Legal] = []
        public var followUps: [Dated] = []
        public var documents: [Dated] = []
        /// When the published plan is due for its yearly review (§ chapter II: at least once a year).
        public var planReviewDue: Date?
        /// When the yearly exercise is due (#20), for those who run exercises.
        public var exerciseDue: Date?

        public init() {}
    }

    public static func events(_ facts: Facts, in language: Language, wording: some Wording) -> [CalendarEvent] {
        func t(_ key: String, _ arguments: [String] = []) -> String { wording.text(key, language, arguments) }
        var events: [CalendarEvent] = []
        for incident in facts.incidents {
            // A drill's deadlines say so, as its notifications do (#20).
            let mark = IncidentNumber.isExercise(incident.number) ? "[" + t("notification.exercise") + "] " : ""
            for deadline in incident.deadlines {
                let activity = deadline.activity.flatMap { incident.activities[$0] } ?? ""
                events.append(
                    CalendarEvent(
                        uid: "\(incident.id.uuidString.lowercased())-\(deadline.kind.rawValue)"
                            + (deadline.activity.map { "-\($0.uuidString.lowercased())" } ?? "") + "@riposte",
                        when: .at(deadline.dueAt),
                        summary: mark
                            + t(
                                "calendar.deadline.\(deadline.kind.rawValue)",
                                [incident.number, incident.title, activity]),
                        description: t("calendar.where", ["/incidents/\(incident.number)"])))
            }
        }
        for legal in facts.legal {
            guard let due = legal.clock.dueAt else { continue }
            events.append(
                CalendarEvent(
                    uid: "\(legal.number)-\(legal.clock.step.rawValue)@riposte", when: .at(due),
                    summary: t(
                        "calendar.legal",
                        [legal.number, t("obligation.step.\(legal.clock.step.rawValue)"), legal.title]),
                    description: t("calendar.where", ["/incidents/\(legal.number)/assessment"])))
        }
        for followUp in facts.followUps {
            events.append(
                CalendarEvent(
                    uid: "followup-\(followUp.id.uuidString.lowercased())@riposte", when: .day(followUp.day),
                    summary: t("calendar.followUp", [followUp.title]),
                    description: followUp.incidentNumber.map { t("calendar.where", ["/incidents/\($0)"]) } ?? ""))
        }
        for document in facts.documents {
            events.append(
                CalendarEvent(
                    uid: "document-\(document.id.uuidString.lowercased())@riposte", when: .day(document.day),
                    summary: t("calendar.document", [document.title]), description: t("calendar.where", ["/documents"]))
            )
        }
        if let due = facts.planReviewDue {
            // A review is due on a day, not at the second the plan was published.
            events.append(
                CalendarEvent(
                    uid: "plan-review@riposte", when: .day(String(ICalendar.utc(due).prefix(8))),
                    summary: t("calendar.planReview"), description: t("calendar.where", ["/plan"])))
        }
        if let due = facts.exerciseDue {
            events.append(
                CalendarEvent(
                    uid: "exercise@riposte", when: .day(String(ICalendar.utc(due).prefix(8))),
                    summary: t("calendar.exercise"), description: t("calendar.where", ["/incidents/new?exercise=1"])))
        }
        return events
    }

    public static var textKeys: [String] {
        [
            "calendar.legal", "calendar.followUp", "calendar.document", "calendar.planReview", "calendar.exercise",
            "calendar.where",
        ]
            + RunningDeadline.Kind.allCases.map { "calendar.deadline.\($0.rawValue)" }
    }
}
