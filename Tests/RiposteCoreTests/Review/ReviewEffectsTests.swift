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
