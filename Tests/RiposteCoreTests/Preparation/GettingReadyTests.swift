import Foundation
import Testing

@testable import RiposteCore

@Suite("The getting-ready checklist (#19 point 3)")
struct GettingReadyTests {
    static func everythingDone() -> GettingReady.Facts {
        var facts = GettingReady.Facts()
        facts.deadlinesSaved = true
        facts.heldRoles = Set(Role.allCases)
        facts.activities = 1
        facts.documents = Set(DocumentKind.allCases)
        facts.emailTestedAt = Date(timeIntervalSince1970: 0)
        facts.lastBackupAt = Date(timeIntervalSince1970: 0)
        facts.planVersion = 1
        return facts
    }

    @Test("a new organisation has everything to do, in the plan's order, roles and documents named")
    func fresh() {
        var facts = GettingReady.Facts()
        facts.heldRoles = [.admin, .reporter]
        facts.directoryGaps = 7
        let lines = GettingReady.lines(facts)
        #expect(lines.map(\.item) == GettingReady.Item.allCases)
        #expect(lines.allSatisfy { !$0.done })
        #expect(lines.first { $0.item == .roles }?.missing == GettingReady.planRoles.map(\.rawValue))
        #expect(
            lines.first { $0.item == .documents }?.missing == [
                "risk_assessment", "risk_treatment", "bcp", "cmp", "drp",
            ])
        #expect(!GettingReady.isDone(facts))
    }

    @Test("each fact ticks its own line, and only it")
    func eachLine() {
        let done = Self.everythingDone()
        #expect(GettingReady.isDone(done))
        let undo: [(GettingReady.Item, (inout GettingReady.Facts) -> Void)] = [
            (.deadlines, { $0.deadlinesSaved = false }),
            (.roles, { $0.heldRoles.remove(.recoveryManager) }),
            (.directory, { $0.directoryGaps = 1 }),
            (.activities, { $0.activities = 0 }),
            (.documents, { $0.documents.remove(.drp) }),
            (.email, { $0.emailTestedAt = nil }),
            (.backup, { $0.lastBackupAt = nil }),
            (.plan, { $0.notAcknowledged = 1 }),
            (.plan, { $0.planVersion = nil }),
        ]
        for (item, change) in undo {
            var facts = done
            change(&facts)
            let lines = GettingReady.lines(facts)
            #expect(lines.filter { !$0.done }.map(\.item) == [item], "\(item)")
        }
        var facts = done
        facts.heldRoles = Set(GettingReady.planRoles)
        #expect(GettingReady.isDone(facts), "the administrator's and the reporter's roles are not the plan's")
        facts.documents = Set(GettingReady.planDocuments)
        #expect(GettingReady.isDone(facts), "another document is the organisation's own, not annex 2's")
        var missing = done
        missing.heldRoles.subtract([.crisisManager, .helpdeskOperator])
        #expect(
            GettingReady.lines(missing).first { $0.item == .roles }?.missing == ["helpdesk_operator", "crisis_manager"])
    }
}
