import Foundation
import Testing

@testable import RiposteCore

@Suite("The plan document")
struct PlanDocumentTests {
    static var facts: PlanDocument.Facts {
        PlanDocument.Facts(
            organisation: "ACME", holders: [.crisisManager: ["Claire"], .incidentManager: ["Inès", "Hugo"]],
            contacts: [
                .init(party: "Hébergeur", rank: .principal, name: "Sam", details: "+32 2 123 45 67"),
                .init(party: "crisis_manager", role: .crisisManager, rank: .backup, name: "Bruno", details: ""),
            ],
            sla: .defaults, activities: [(name: "Facturation", rto: ISODuration(seconds: 14_400))],
            documents: [(kind: .bcp, title: "BCP", version: "3")])
    }

    @Test("every part of the plan is written, in each language") func parts() {
        for language in Language.allCases {
            let text = PlanDocument.markdown(Self.facts, in: language, wording: KeyWording(), versionLine: "v1")
            #expect(text.hasPrefix("# "))
            #expect(text.contains("ACME") && text.contains("v1"))
            #expect(text.contains("Claire") && text.contains("Hugo, Inès"))
            #expect(
                text.contains("Sam")
                    && text.contains("Facturation: RTO ⟨\(language.rawValue):duration.amount.hours.other|4⟩")
                    && text.contains("BCP (v3)"))
            #expect(text.components(separatedBy: "\n## ").count == 12, "eleven numbered sections")
            for flow in 1...7 { #expect(text.contains("\n\(flow). ")) }
        }
        let dutch = PlanDocument.markdown(
            Self.facts, in: .nl, wording: KeyWording(),
            versionLine: PlanDocument.versionLine(
                number: 2, day: "2026-11-29", author: "A", in: .nl, wording: KeyWording()))
        #expect(dutch.hasPrefix("# ⟨nl:plan.document.title⟩ — ACME\n\n⟨nl:plan.document.version⟩ 2 — 2026-11-29 — A"))
        // Roles, ranks and document kinds in the reader's words, not as codes.
        #expect(dutch.contains("- ⟨nl:notification.role.crisis_manager⟩ — ⟨nl:plan.document.rank.backup⟩: Bruno"))
        #expect(dutch.contains("BCP (v3) — ⟨nl:plan.document.kind.bcp⟩"))
        #expect(dutch.contains("\n1. ⟨nl:plan.document.flow.alerts|IRP,CMP⟩\n"))
        #expect(dutch.contains("\n3. ⟨nl:plan.document.flow.informs|BCP,CMP⟩\n"))
        #expect(!dutch.contains("crisis_manager —") && !dutch.contains("— backup"))
    }

    @Test("the procedures as the organisation keeps them, and its playbooks with their links, are in the plan")
    func procedures() throws {
        var facts = Self.facts
        facts.procedures.written[.minor] = [
            ChecklistStep(key: "minor.1"), ChecklistStep(key: "minor.wx", text: "Appeler l'assureur", role: .admin),
        ]
        let playbook = try PlaybookDraft(
            name: "Rançongiciel", incidentTypes: ["Ransomware"],
            steps: [StepDraft(text: "Isoler les postes", role: "response_team")]
        ).playbook(id: UUID(), version: 4)
        facts.playbooks = [(playbook, ["BCP"], ["Banque"])]
        let text = PlanDocument.markdown(facts, in: .en, wording: KeyWording())
        #expect(text.contains("\n1. ⟨en:checklist.minor.1⟩\n2. Appeler l'assureur (⟨en:notification.role.admin⟩)\n"))
        #expect(!text.contains("checklist.minor.2") && text.contains("⟨en:checklist.major.9⟩"))
        #expect(text.contains("## 11. ⟨en:plan.document.playbooks⟩\n\n### Rançongiciel (v4)\n"))
        #expect(text.contains("⟨en:plan.document.playbook.types⟩: Ransomware"))
        #expect(text.contains("\n1. Isoler les postes (⟨en:notification.role.response_team⟩)\n"))
        #expect(text.contains("⟨en:plan.document.playbook.documents⟩: BCP"))
        #expect(text.contains("⟨en:plan.document.playbook.contacts⟩: Banque"))
        let hidden = PlanDocument.withoutDirectory(
            text, notice: "(reserved)", contactsLine: "⟨en:plan.document.playbook.contacts⟩")
        #expect(!hidden.contains("Banque") && hidden.contains("Isoler les postes"), "the directory's names stay in it")
        #expect(
            PlanDocument.markdown(Self.facts, in: .en, wording: KeyWording()).contains(
                "## 11. ⟨en:plan.document.playbooks⟩\n\n⟨en:plan.document.none⟩"))
    }

    @Test("a reader without the directory gets the plan without sections 1 and 2, in each language")
    func withoutDirectory() {
        for language in Language.allCases {
            let whole = PlanDocument.markdown(Self.facts, in: language, wording: KeyWording(), versionLine: "v1")
            let text = PlanDocument.withoutDirectory(whole, notice: "(reserved)")
            #expect(!text.contains("Claire") && !text.contains("Sam") && !text.contains("+32 2 123 45 67"))
            #expect(!text.contains("## 1. ") && !text.contains("## 2. ") && text.contains("(reserved)"))
            #expect(text.contains("ACME") && text.contains("v1") && text.contains("## 3. "))
            #expect(
                text.contains("Facturation: RTO ⟨\(language.rawValue):duration.amount.hours.other|4⟩"),
                "the sections after the directory stay whole")
        }
    }

    @Test("reminders: never published, a year old, an incident closed since") func reminders() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(
            PlanReminder.reasons(lastPublishedAt: nil, incidentsClosedSince: 0, lastExerciseAt: now, now: now) == [
                .neverPublished
            ])
        let fresh = now.addingTimeInterval(-364 * 86_400)
        #expect(
            PlanReminder.reasons(lastPublishedAt: fresh, incidentsClosedSince: 0, lastExerciseAt: now, now: now).isEmpty
        )
        let old = now.addingTimeInterval(-365 * 86_400)
        #expect(
            PlanReminder.reasons(lastPublishedAt: old, incidentsClosedSince: 2, lastExerciseAt: now, now: now) == [
                .olderThanAYear, .incidentClosedSince,
            ])
    }

    @Test(
        "the organisation's own parts: criteria under each severity, the three sections at the end, headings kept below"
    )
    func organisationText() {
        var facts = Self.facts
        facts.sections = [
            .criteriaMajor: "Plus de **50** postes touchés\n# Exemples\n- la messagerie",
            .reporting: "## Par téléphone\nAppelez le 1234.", .recovery: "  ",
        ]
        let text = PlanDocument.markdown(facts, in: .fr, wording: KeyWording())
        #expect(
            text.contains(
                "### ⟨fr:notification.severity.major⟩\n\n**⟨fr:plan.document.criteria⟩**\n\n"
                    + "Plus de **50** postes touchés\n#### Exemples\n- la messagerie\n"),
            "under the severity, its headings below the severity's")
        // How to report: the ways that exist first, then the organisation's words (#18 point 4).
        #expect(
            text.contains(
                "## 8. ⟨fr:plan.document.reporting⟩\n\n- ⟨fr:plan.document.means.form⟩\n\n#### Par téléphone\nAppelez le 1234."
            ))
        #expect(text.contains("## 9. ⟨fr:plan.document.communication⟩\n\n⟨fr:plan.document.notWritten⟩"))
        #expect(
            text.contains("## 10. ⟨fr:plan.document.recovery⟩\n\n⟨fr:plan.document.notWritten⟩"), "blank is unwritten")
        #expect(!text.contains("plan.document.criteria⟩**\n\n- ⟨"), "criteria only where written")
        // A reader without the directory still gets the organisation's parts.
        let restricted = PlanDocument.withoutDirectory(text, notice: "(reserved)")
        #expect(restricted.contains("Appelez le 1234.") && !restricted.contains("Claire"))
    }

    @Test("a section's text is kept trimmed, within its limit, never with a NUL") func sectionText() throws {
        #expect(try PlanSection.checked("  Appelez le 1234.\n") == "Appelez le 1234.")
        #expect(try PlanSection.checked("   ") == "")
        #expect(throws: FieldError(field: "text", problem: .tooLong, limit: PlanSection.maximumLength)) {
            try PlanSection.checked(String(repeating: "a", count: PlanSection.maximumLength + 1))
        }
        #expect(throws: FieldError(field: "text", problem: .invalid)) { try PlanSection.checked("a\u{0}b") }
        #expect(PlanSection.criteria(of: .crisis).severity == .crisis && PlanSection.reporting.severity == nil)
    }
}
