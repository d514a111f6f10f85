import Foundation
import Testing

@testable import RiposteCore

@Suite("What a person's calendar feed holds")
struct CalendarFeedTests {
    static let due = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("an incident's deadlines, the law's, follow-ups, documents and the plan's review, each with a stable uid")
    func events() {
        let incident = UUID()
        let activity = UUID()
        var facts = CalendarFeed.Facts()
        facts.incidents = [
            .init(
                id: incident, number: "INC-2026-0001", title: "Messagerie",
                deadlines: [
                    RunningDeadline(kind: .resolve, dueAt: Self.due),
                    RunningDeadline(kind: .rto, activity: activity, dueAt: Self.due),
                ], activities: [activity: "Facturation"])
        ]
        facts.legal = [
            .init(
                number: "INC-2026-0002", title: "Fuite",
                clock: ObligationClock(step: .gdprAuthority, startsAt: Self.due, dueAt: Self.due + 72 * 3600)),
            .init(
                number: "INC-2026-0002", title: "Fuite",
                clock: ObligationClock(step: .gdprDataSubjects, startsAt: Self.due, dueAt: nil)),
        ]
        facts.followUps = [.init(id: UUID(), title: "Sauvegardes", day: "2027-01-10", incidentNumber: "INC-2026-0001")]
        facts.documents = [.init(id: UUID(), title: "BCP", day: "2027-03-01")]
        facts.planReviewDue = Self.due
        let events = CalendarFeed.events(facts, in: .fr, wording: KeyWording())
        #expect(events.count == 6, "a deadline without a time is no event")
        #expect(events[0].uid == "\(incident.uuidString.lowercased())-resolve@riposte")
        #expect(events[0].summary == "⟨fr:calendar.deadline.resolve|INC-2026-0001,Messagerie,⟩")
        #expect(events[1].summary.contains("Facturation"))
        #expect(events[2].uid == "INC-2026-0002-gdpr_authority@riposte")
        #expect(events[2].when == .at(Self.due + 72 * 3600))
        #expect(events[3].when == .day("2027-01-10"))
        #expect(events[5].uid == "plan-review@riposte")
        #expect(events[5].when == .day("20270115"), "a review is due on a day")
    }
}
