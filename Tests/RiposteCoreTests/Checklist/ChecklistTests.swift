import Testing

@testable import RiposteCore

@Suite("Checklists of §4.2.1–§4.2.4")
struct ChecklistTests {
    @Test("each severity has the plan's number of steps") func counts() {
        #expect(Checklists.steps(for: .low).count == 3)
        #expect(Checklists.steps(for: .minor).count == 5)
        #expect(Checklists.steps(for: .major).count == 9)
        #expect(Checklists.steps(for: .crisis).count == 3)
    }

    @Test("every step has its own key and catalogue key") func texts() {
        let all = Severity.allCases.flatMap { Checklists.steps(for: $0) }
        #expect(Set(all.map(\.key)).count == all.count)
        for step in all {
            #expect(step.textKey == "checklist.\(step.key)")
            #expect(Checklists.isTemplateKey(step.key) && step.text == nil && step.role == nil)
        }
        #expect(Checklists.textKeys.count == 20)
    }

    @Test("keys name severity and number") func keys() {
        #expect(Checklists.steps(for: .major).last?.key == "major.9")
        #expect(!Checklists.isTemplateKey("minor.6"))
    }

    @Test("a first qualification adds every step") func first() {
        let change = ChecklistPlanner.change(from: [], to: Checklists.steps(for: .minor))
        #expect(change.removeKeys.isEmpty)
        #expect(change.add.map(\.key) == ["minor.1", "minor.2", "minor.3", "minor.4", "minor.5"])
    }

    @Test("escalating keeps ticked steps and replaces the open ones") func escalation() {
        let existing = [
            ChecklistItemState(key: "minor.1", done: true),
            ChecklistItemState(key: "minor.2", done: false),
            ChecklistItemState(key: "minor.3", done: true),
        ]
        let change = ChecklistPlanner.change(from: existing, to: Checklists.steps(for: .major))
        #expect(change.removeKeys == ["minor.2"])
        #expect(change.add.count == 9)
    }

    @Test("going back to a former severity does not duplicate its ticked steps") func backAndForth() {
        let existing = [
            ChecklistItemState(key: "minor.1", done: true),
            ChecklistItemState(key: "major.1", done: false),
        ]
        let change = ChecklistPlanner.change(from: existing, to: Checklists.steps(for: .minor))
        #expect(change.removeKeys == ["major.1"])
        #expect(change.add.map(\.key) == ["minor.2", "minor.3", "minor.4", "minor.5"])
    }
}
