import Foundation
import Testing

@testable import RiposteCore

@Suite("Scenario playbooks (#20 point 2)")
struct PlaybookTests {
    let id = UUID(uuidString: "6F1C2E9A-0000-4000-8000-000000000001")!

    func ransomware(
        version: Int = 1, steps: [String] = ["Isoler les postes", "Prévenir l'assureur"]
    ) throws
        -> Playbook
    {
        try PlaybookDraft(
            name: " Rançongiciel ", incidentTypes: ["Ransomware", "malware", "ransomware"],
            steps: steps.enumerated().map { StepDraft(text: $1, role: $0 == 0 ? "response_team" : nil) },
            documentIds: [id, id]
        ).playbook(id: id, version: version)
    }

    @Test("a draft becomes a playbook: trimmed, types and links once each, steps keyed under it")
    func draft() throws {
        let playbook = try ransomware()
        #expect(playbook.name == "Rançongiciel" && playbook.incidentTypes == ["Ransomware", "malware"])
        #expect(playbook.documents == [id] && playbook.contacts.isEmpty && playbook.version == 1)
        #expect(playbook.steps.map(\.role) == [.responseTeam, nil])
        #expect(playbook.steps.allSatisfy { $0.key.hasPrefix("playbook.6f1c2e9a-0000-4000-8000-000000000001.") })
        #expect(playbook.steps.allSatisfy { ChecklistStep.isPlaybookKey($0.key) })
    }

    @Test(
        "what a draft may not be",
        arguments: [
            (PlaybookDraft(name: " ", steps: [StepDraft(text: "a")]), "name"),
            (PlaybookDraft(name: "a", steps: []), "steps"),
            (PlaybookDraft(name: "a", steps: [StepDraft(text: "a", role: "boss")]), "steps[0].role"),
            (PlaybookDraft(name: "a", steps: [StepDraft(key: "minor.1")]), "steps[0].text"),
            (
                PlaybookDraft(
                    name: "a", incidentTypes: [String(repeating: "t", count: 101)], steps: [StepDraft(text: "a")]),
                "incidentTypes[0]"
            ),
            (
                PlaybookDraft(name: "a", incidentTypes: (0...20).map(String.init), steps: [StepDraft(text: "a")]),
                "incidentTypes"
            ),
            (
                PlaybookDraft(name: "a", steps: [StepDraft(text: "a")], contactIds: (0...50).map { _ in UUID() }),
                "contactIds"
            ),
        ])
    func refused(draft: PlaybookDraft, field: String) {
        let refusal = Result { () throws(FieldError) in try draft.playbook(id: UUID(), version: 1) }
        guard case .failure(let error) = refusal else {
            Issue.record("accepted")
            return
        }
        #expect(error.field == field)
    }

    @Test("proposed from the incident's type, whatever its case and spaces; the first by name")
    func proposal() throws {
        let first = try ransomware()
        let other = Playbook(
            id: UUID(), name: "Autre rançongiciel", incidentTypes: ["RANSOMWARE"], steps: first.steps)
        let mail = Playbook(id: UUID(), name: "Messagerie", incidentTypes: ["Panne e-mail"], steps: first.steps)
        #expect(Playbook.proposed(for: " ransomware ", among: [first, mail, other])?.id == other.id)
        #expect(Playbook.proposed(for: "panne E-MAIL", among: [first, mail, other])?.id == mail.id)
        #expect(Playbook.proposed(for: "Inondation", among: [first, mail, other]) == nil)
        #expect(Playbook.proposed(for: nil, among: [first]) == nil)
        #expect(Playbook.proposed(for: "", among: [Playbook(id: id, name: "x", incidentTypes: [""], steps: [])]) == nil)
    }

    @Test("its steps are added at qualification, and the journal names its version")
    func applied() throws {
        let playbook = try ransomware(version: 3)
        let qualification = try Lifecycle.qualify(
            IncidentState(status: .reported), type: "Ransomware", severity: .major, roles: [.helpdeskOperator]
        ).get()
        let effects = qualification.effects(by: [.helpdeskOperator]).following(playbook)
        #expect(effects.checklist == .major && effects.playbookSteps == playbook.steps)
        let entry = try #require(effects.journal.last)
        #expect(entry.kind == .playbookApplied && entry.details["version"] == "3")
        #expect(entry.details["playbook"] == "Rançongiciel")
        #expect(qualification.effects().following(nil) == qualification.effects())

        let change = ChecklistPlanner.change(
            from: [], to: Checklists.steps(for: .major), playbook: effects.playbookSteps)
        #expect(change.add.map(\.key) == Checklists.steps(for: .major).map(\.key) + playbook.steps.map(\.key))
    }

    @Test("an incident keeps the steps it was given when the playbook changes, and when its severity does")
    func kept() throws {
        let given = try ransomware(version: 1)
        let existing =
            Checklists.steps(for: .major).map { ChecklistItemState(key: $0.key, done: false) }
            + given.steps.map { ChecklistItemState(key: $0.key, done: false) }
        // Re-qualified to minor, following the playbook as it is now (one step reworded, one new).
        let now = try ransomware(version: 2, steps: ["Isoler les postes", "Prévenir l'assureur et le DPO"])
        let change = ChecklistPlanner.change(from: existing, to: Checklists.steps(for: .minor), playbook: now.steps)
        #expect(Set(change.removeKeys) == Set(Checklists.steps(for: .major).map(\.key)))
        #expect(!change.removeKeys.contains { ChecklistStep.isPlaybookKey($0) })
        // The step the incident has is not added twice; the reworded one comes beside the old.
        #expect(change.add.map(\.key) == Checklists.steps(for: .minor).map(\.key) + [now.steps[1].key])
        // Same severity, no playbook: nothing moves.
        #expect(ChecklistPlanner.change(from: existing, to: nil) == ChecklistChange(removeKeys: [], add: []))
    }
}
