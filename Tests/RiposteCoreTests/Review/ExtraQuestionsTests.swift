import Testing

@testable import RiposteCore

@Suite("The organisation's own review questions (#20 point 3)")
struct ExtraQuestionsTests {
    @Test("added, reworded under their key, moved, retired when left out; answers kept optional")
    func revised() throws {
        let first = try ExtraQuestions.revised(
            [],
            with: [
                ExtraQuestionDraft(text: " Le fournisseur a-t-il répondu à temps ? ", section: "management"),
                ExtraQuestionDraft(text: "Qui a payé la rançon ?", section: "damages"),
            ])
        #expect(first.map(\.text) == ["Le fournisseur a-t-il répondu à temps ?", "Qui a payé la rançon ?"])
        #expect(first.allSatisfy { ExtraQuestion.isExtraKey($0.key) && !$0.retired })
        let second = try ExtraQuestions.revised(
            first,
            with: [
                ExtraQuestionDraft(
                    key: first[0].key, text: "Le fournisseur a-t-il tenu ses délais ?", section: "evaluation")
            ])
        #expect(
            second[0]
                == ExtraQuestion(
                    key: first[0].key, text: "Le fournisseur a-t-il tenu ses délais ?", section: "evaluation"))
        #expect(second[1].key == first[1].key && second[1].retired)
        // A retired question shows only where it was answered; answers to it stay valid, optional.
        #expect(ExtraQuestions.shown(second, answers: [:]).map(\.key) == [first[0].key])
        #expect(ExtraQuestions.shown(second, answers: [first[1].key: "Personne"]).count == 2)
        let answers = try ReviewRules.validate([first[1].key: " Personne ", first[0].key: ""], extra: second)
        #expect(answers == [first[1].key: "Personne"])
        #expect(ReviewRules.missing(answers) == ReviewRules.missing([:]), "never required")
    }

    @Test(
        "what is refused, and where",
        arguments: [
            ([ExtraQuestionDraft(text: " ", section: "misc")], "questions[0].text"),
            ([ExtraQuestionDraft(text: String(repeating: "x", count: 501), section: "misc")], "questions[0].text"),
            ([ExtraQuestionDraft(text: "a", section: "elsewhere")], "questions[0].section"),
            ([ExtraQuestionDraft(key: "extra.nope", text: "a", section: "misc")], "questions[0].key"),
            (
                [ExtraQuestionDraft(text: "a", section: "misc"), ExtraQuestionDraft(text: "a", section: "damages")],
                "questions[1].text"
            ),
            (Array(repeating: ExtraQuestionDraft(text: "a", section: "misc"), count: 31), "questions"),
        ])
    func refused(drafts: [ExtraQuestionDraft], field: String) {
        let refusal = Result { () throws(FieldError) in try ExtraQuestions.revised([], with: drafts) }
        guard case .failure(let error) = refusal else {
            Issue.record("accepted")
            return
        }
        #expect(error.field == field)
    }

    @Test("an answer to a question that is neither the form's nor the organisation's is refused")
    func unknownAnswer() {
        let refusal = Result { () throws(FieldError) in try ReviewRules.validate(["extra.gone": "x"], extra: []) }
        guard case .failure(let error) = refusal else {
            Issue.record("accepted")
            return
        }
        #expect(error.field == "answers.extra.gone" && error.problem == .unknown)
    }
}
