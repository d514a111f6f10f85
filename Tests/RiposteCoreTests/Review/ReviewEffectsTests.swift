import Foundation
import Testing

@testable import RiposteCore

@Suite("Saving the review as effects")
struct ReviewEffectsTests {
    static var everyRequiredAnswer: [String: String] {
        var answers: [String: String] = [:]
        for question in ReviewForm.questions where question.required && question.kind != .prefilled {
            switch question.kind {
            case .yesNo: answers[question.key] = "yes"
            case .choice(let options): answers[question.key] = options.first
            default: answers[question.key] = "réponse"
            }
        }
        return answers
    }

    @Test("complete when every required question is answered; the entry counts answers and gaps")
    func complete() {
        let answers = Self.everyRequiredAnswer
        let effects = ReviewRules.effects(of: answers)
        #expect(effects.reviewComplete == true)
        #expect(effects.journal.map(\.kind) == [.reviewUpdated])
        #expect(effects.journal[0].details == ["answered": String(answers.count), "missing": "0"])
    }

    @Test("one required answer missing: not complete, and the entry says one is missing")
    func incomplete() throws {
        var answers = Self.everyRequiredAnswer
        let dropped = try #require(answers.keys.sorted().first)
        answers[dropped] = nil
        let effects = ReviewRules.effects(of: answers)
        #expect(effects.reviewComplete == false)
        #expect(effects.journal[0].details["missing"] == "1")
        #expect(ReviewRules.effects(of: [:]).journal[0].details["answered"] == "0")
    }
}

@Suite("The review is not forgotten (#16 point 5)")
struct ReviewReminderTests {
    let monday = Date(timeIntervalSince1970: 1_795_996_800)  // 2026-11-30, a Monday, 00:00 UTC

    @Test("working days skip weekends") func workingDays() {
        let friday = monday.addingTimeInterval(4 * 86_400 + 3_600)
        #expect(WorkingDays.adding(1, to: friday) == friday.addingTimeInterval(3 * 86_400))
        #expect(WorkingDays.adding(10, to: monday) == monday.addingTimeInterval(14 * 86_400))
        let saturday = monday.addingTimeInterval(5 * 86_400)
        #expect(WorkingDays.adding(1, to: saturday) == monday.addingTimeInterval(7 * 86_400))
        #expect(WorkingDays.adding(0, to: saturday) == saturday)
    }

    @Test("a closed incident reminds the incident manager after ten working days; a reviewed one does not")
    func reminder() throws {
        var facts = EscalationFacts(
            status: .closed, severity: .minor, severitySince: monday, clock: SLAClock(startedAt: monday),
            disruptedSince: monday, closedAt: monday)
        let due = monday.addingTimeInterval(14 * 86_400)
        #expect(EscalationPolicy.nextDueAt(facts, settings: .defaults, after: monday) == due)
        #expect(EscalationPolicy.due(facts, settings: .defaults, at: due.addingTimeInterval(-1)).isEmpty)
        let made = try #require(EscalationPolicy.due(facts, settings: .defaults, at: due).first)
        #expect(made.kind == .reviewOverdue && made.notify == [.incidentManager])
        facts.escalated.insert(made.key)
        #expect(EscalationPolicy.due(facts, settings: .defaults, at: due.addingTimeInterval(86_400)).isEmpty)
        // A review complete already needs no reminder: marking it reviewed is one button.
        facts.escalated = []
        facts.reviewComplete = true
        #expect(EscalationPolicy.nextDueAt(facts, settings: .defaults, after: monday) == nil)
        facts.reviewComplete = false
        facts.status = .reviewed
        #expect(EscalationPolicy.nextDueAt(facts, settings: .defaults, after: monday) == nil)
    }

    @Test("a review complete for the first time goes to the continuity manager, once (note F)")
    func toContinuityManager() {
        let answers = ReviewEffectsTests.everyRequiredAnswer
        let first = ReviewRules.effects(of: answers, wasComplete: false, severity: .major)
        #expect(first.events.map(\.kind) == [.reviewCompleted])
        #expect(first.events.first?.recipients.map(\.role) == [.continuityManager])
        #expect(ReviewRules.effects(of: answers, wasComplete: true, severity: .major).events.isEmpty)
        #expect(ReviewRules.effects(of: [:], wasComplete: false).events.isEmpty)
    }
}
