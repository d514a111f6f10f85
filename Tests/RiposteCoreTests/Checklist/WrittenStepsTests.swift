import Foundation
import Testing

@testable import RiposteCore

@Suite("The severities' procedures as the organisation writes them (#20 point 2)")
struct WrittenStepsTests {
    let wording = KeyWording()

    @Test("a template key without words, or with the template's words in any language, stays the template's")
    func templateKept() throws {
        let steps = try WrittenSteps.procedure(
            [
                StepDraft(key: "minor.1"), StepDraft(key: "minor.2", text: "⟨nl:checklist.minor.2⟩"),
                StepDraft(key: "minor.3", role: "incident_manager"),
            ], of: .minor, field: "minor", wording: wording)
        #expect(
            steps == [
                ChecklistStep(key: "minor.1"), ChecklistStep(key: "minor.2"),
                ChecklistStep(key: "minor.3", role: .incidentManager),
            ])
        #expect(steps[1].words(in: .en, wording: wording) == "⟨en:checklist.minor.2⟩")
    }

    @Test("words of its own make a step keyed by them, in the severity, whatever key came with them")
    func written() throws {
        let sent = [StepDraft(text: "  Appeler l'assureur  "), StepDraft(key: "minor.2", text: "Prévenir le DPO")]
        let steps = try WrittenSteps.procedure(sent, of: .minor, field: "minor", wording: wording)
        #expect(steps.map(\.text) == ["Appeler l'assureur", "Prévenir le DPO"])
        #expect(steps.allSatisfy { $0.key.hasPrefix("minor.w") && !Checklists.isTemplateKey($0.key) })
        // The same words make the same key: sent again, the incident that has it does not get it twice.
        let again = try WrittenSteps.procedure(sent, of: .minor, field: "minor", wording: wording)
        #expect(again == steps)
        #expect(steps[0].words(in: .nl, wording: wording) == "Appeler l'assureur")
    }

    @Test(
        "what is refused, and where",
        arguments: [
            ([StepDraft](), "minor", FieldError.Problem.required),
            ([StepDraft(text: "a", role: "janitor")], "minor[0].role", .unknown),
            ([StepDraft(text: "a", role: "reporter")], "minor[0].role", .unknown),
            ([StepDraft(key: "major.1")], "minor[0].key", .unknown),
            ([StepDraft(key: "minor.w0")], "minor[0].key", .unknown),
            ([StepDraft()], "minor[0].text", .required),
            ([StepDraft(text: "   ")], "minor[0].text", .required),
            ([StepDraft(text: String(repeating: "x", count: 501))], "minor[0].text", .tooLong),
            ([StepDraft(text: "a\u{0}b")], "minor[0].text", .invalid),
            ([StepDraft(text: "Même"), StepDraft(text: "Même ")], "minor[1].text", .invalid),
            ([StepDraft(key: "minor.1"), StepDraft(key: "minor.1")], "minor[1].text", .invalid),
            (Array(repeating: StepDraft(key: "minor.1"), count: 51), "minor", .tooMany),
            ([StepDraft(text: "Étape\n## 12. Fausse section")], "minor[0].text", .invalid),
        ])
    func refused(drafts: [StepDraft], field: String, problem: FieldError.Problem) {
        let refusal = Result { () throws(FieldError) in
            try WrittenSteps.procedure(drafts, of: .minor, field: "minor", wording: wording)
        }
        guard case .failure(let error) = refusal else {
            Issue.record("accepted")
            return
        }
        #expect(error.field == field && error.problem == problem)
    }

    @Test("the procedures fall back on the template, severity by severity")
    func procedures() throws {
        var procedures = Procedures()
        #expect(procedures.steps(for: .major) == Checklists.steps(for: .major) && procedures.isTemplate(.major))
        procedures.written[.low] = [ChecklistStep(key: "low.wabc", text: "Noter")]
        #expect(procedures.steps(for: .low).map(\.text) == ["Noter"] && !procedures.isTemplate(.low))
        procedures.written[.minor] = Checklists.steps(for: .minor)
        #expect(procedures.isTemplate(.minor))
    }

    @Test("a rewritten procedure replaces the open steps of the template on the next qualification")
    func planner() throws {
        let written = try WrittenSteps.procedure(
            [StepDraft(key: "minor.1"), StepDraft(text: "Appeler l'assureur")], of: .minor, field: "minor",
            wording: wording)
        let existing = [
            ChecklistItemState(key: "low.1", done: true), ChecklistItemState(key: "low.2", done: false),
        ]
        let change = ChecklistPlanner.change(from: existing, to: written)
        #expect(change.removeKeys == ["low.2"])
        #expect(change.add == written)
    }
}
