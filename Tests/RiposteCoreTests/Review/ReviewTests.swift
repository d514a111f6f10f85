import Foundation
import Testing

@testable import RiposteCore

@Suite("Post-incident review")
struct ReviewTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static var completeAnswers: [String: String] {
        var answers: [String: String] = [:]
        for question in ReviewForm.questions where question.required && question.kind != .prefilled {
            switch question.kind {
            case .yesNo: answers[question.key] = "no"
            case .choice(let options): answers[question.key] = options[0]
            default: answers[question.key] = "Réponse"
            }
        }
        return answers
    }

    @Test("the form has the template's sections, keys unique, every text a catalogue key") func form() {
        #expect(
            ReviewForm.sections.map(\.key) == [
                "administration", "detection", "evaluation", "communication", "rootCause", "prevention", "management",
                "improvements", "damages", "misc",
            ])
        let keys = ReviewForm.questions.map(\.key)
        #expect(Set(keys).count == keys.count)
        for question in ReviewForm.questions {
            #expect(question.textKey == "review.question.\(question.key)")
            if case .choice(let options) = question.kind {
                for option in options { #expect(ReviewForm.choices.contains(option)) }
            }
        }
        // The template's three choice lists.
        #expect(ReviewForm.question("management.rto")?.kind == .choice(["rto.none", "rto.some", "rto.all"]))
        #expect(ReviewForm.question("management.staff")?.kind == .choice(["staff.1", "staff.2", "staff.3"]))
    }

    @Test("answers are checked: unknown, pre-filled, off-list and oversize are refused") func validation() throws {
        #expect(
            try ReviewRules.validate(["detection.how": " Supervision ", "misc.notes": ""]) == [
                "detection.how": "Supervision"
            ])
        #expect(throws: FieldError(field: "answers.nope", problem: .unknown)) {
            try ReviewRules.validate(["nope": "x"])
        }
        #expect(throws: FieldError(field: "answers.number", problem: .unknown)) {
            try ReviewRules.validate(["number": "x"])
        }
        // The incident's manager is suggested from its owner, and may be corrected (#16 point 5).
        #expect(ReviewForm.question("manager")?.kind == .suggested)
        #expect(try ReviewRules.validate(["manager": " Claire "]) == ["manager": "Claire"])
        #expect(!ReviewRules.missing([:]).contains("manager"))
        #expect(throws: FieldError(field: "answers.management.rto", problem: .invalid)) {
            try ReviewRules.validate(["management.rto": "rto.most"])
        }
        #expect(throws: FieldError(field: "answers.damages.claims", problem: .invalid)) {
            try ReviewRules.validate(["damages.claims": "maybe"])
        }
        #expect(throws: FieldError.self) {
            try ReviewRules.validate(["detection.how": String(repeating: "x", count: ReviewRules.answerLimit + 1)])
        }
    }

    @Test("complete when every required question is answered; the flags make follow-ups") func completeness() {
        var answers = Self.completeAnswers
        #expect(ReviewRules.missing(answers).isEmpty)
        answers["detection.how"] = nil
        #expect(ReviewRules.missing(answers) == ["detection.how"])
        answers["feedback.bcp"] = "yes"
        answers["management.contracts"] = "yes"
        let tasks = ReviewRules.feedbackTasks(answers)
        #expect(tasks.map(\.key) == ["management.contracts", "feedback.bcp"])
        #expect(tasks.map(\.role) == [.admin, .continuityManager])
        #expect(tasks.map(\.titleKey) == ["review.task.management.contracts", "review.task.feedback.bcp"])
    }

    @Test("reviewed only with a complete review; written by the team once closed") func lifecycle() {
        let closed = IncidentState(status: .closed, severity: .major, type: "t")
        #expect(
            Lifecycle.transition(closed, to: .reviewed, reason: nil, roles: [.incidentManager])
                == .failure(.reviewIncomplete))
        var done = closed
        done.reviewComplete = true
        #expect((try? Lifecycle.transition(done, to: .reviewed, reason: nil, roles: [.incidentManager]).get()) != nil)
        #expect((try? Lifecycle.writeReview(closed, roles: [.responseTeam]).get()) != nil)
        #expect(Self.error(Lifecycle.writeReview(closed, roles: [.helpdeskOperator])) == .forbidden(.review))
        #expect(Self.error(Lifecycle.writeReview(IncidentState(status: .resolved), roles: [.incidentManager])) != nil)
        #expect(
            Self.error(Lifecycle.writeReview(IncidentState(status: .reviewed), roles: [.incidentManager]))
                == .incidentFinished(.reviewed))
    }

    static func error(_ result: Result<Void, LifecycleError>) -> LifecycleError? {
        if case .failure(let error) = result { return error }
        return nil
    }

    @Test("pre-fill: times, plans once each, media in order, update frequency, RTO met for some") func prefill() {
        let facts = ReviewPrefill.Facts(
            number: "INC-2026-0001", reportedAt: Self.t0, detectedAt: Self.t0.addingTimeInterval(-600),
            resolvedAt: Self.t0.addingTimeInterval(3 * 3600), type: "réseau", severity: .major,
            customersAffected: true, manager: "Inès", description: "Panne",
            plansActivated: [.cmp, .bcp, .cmp],
            communications: [
                (Self.t0.addingTimeInterval(1800), .phone), (Self.t0.addingTimeInterval(600), .email),
                (Self.t0.addingTimeInterval(3000), .email),
            ],
            activities: [
                (name: "Facturation", rto: ISODuration(seconds: 4 * 3600)),
                (name: "Paie", rto: ISODuration(seconds: 3600)),
            ],
            related: ["INC-2025-0100"])
        let prefill = ReviewPrefill(facts)
        #expect(prefill.detectedAt == Self.t0.addingTimeInterval(-600))
        #expect(prefill.plansActivated == [.cmp, .bcp])
        #expect(prefill.cmpActivated)
        #expect(prefill.media == [.email, .phone])
        #expect(prefill.firstCommunicationAt == Self.t0.addingTimeInterval(600))
        #expect(prefill.updateInterval == 1200)
        #expect(abs((prefill.recoveryTime ?? 0) - (3 * 3600 + 600)) < 0.001)
        #expect(prefill.activities.map(\.met) == [true, false])
        #expect(prefill.suggestedRTOAnswer == "rto.some")
    }
}
