import Testing

@testable import RiposteCore

@Suite("Notification texts")
struct NotificationTextTests {
    static var events: [NotificationEvent] {
        let escalations = Escalation.Kind.allCases.map(\.rawValue).map {
            NotificationEvent(
                kind: .escalated, incidentNumber: "INC-2026-0007", incidentTitle: "Mail down", severity: .major,
                escalation: $0)
        }
        let plans = [
            NotificationEventKind.planActivated, .planDeactivated, .planCloseAgreed, .planWarned, .planDeclined,
        ].map {
            NotificationEvent(
                kind: $0, incidentNumber: "INC-2026-0007", incidentTitle: "Mail down", severity: .crisis, plan: .cmp)
        }
        return escalations + plans
    }

    static let wording = KeyWording()

    @Test("every event is said in the reader's language", arguments: events)
    func translated(event: NotificationEvent) {
        let subjects = Language.allCases.map { NotificationText.subject(event, in: $0, wording: Self.wording) }
        #expect(Set(subjects).count == Language.allCases.count, "\(subjects)")
        for subject in subjects { #expect(subject.hasPrefix("[INC-2026-0007] ⟨")) }
    }

    @Test("every escalation rule has its own words") func distinctEscalations() {
        let headlines = Self.events.filter { $0.kind == .escalated }.map {
            NotificationText.subject($0, in: .fr, wording: Self.wording)
        }
        #expect(Set(headlines).count == headlines.count)
        #expect(headlines.contains("[INC-2026-0007] ⟨fr:notification.escalation.major_overdue⟩"))
        #expect(headlines.contains("[INC-2026-0007] ⟨fr:notification.escalation.minor_overdue⟩"))
    }

    @Test("the body says why the reader gets it, with the flow") func bodyNamesTheFlow() {
        let event = Self.events.first { $0.kind == .planActivated }!
        let body = NotificationText.body(
            event, for: NotificationRecipient(role: .recoveryManager, flow: 4), in: .en, wording: Self.wording)
        #expect(
            body.split(separator: "\n", omittingEmptySubsequences: false) == [
                "⟨en:notification.plan.activated|CMP⟩", "", "INC-2026-0007 — Mail down",
                "⟨en:notification.severityLabel⟩: ⟨en:notification.severity.crisis⟩",
                "⟨en:notification.addressedTo⟩: ⟨en:notification.role.recovery_manager⟩ (⟨en:notification.flow⟩ 4)",
            ])
    }

    @Test("every key the notifications use is listed, once") func keys() {
        #expect(Set(NotificationText.textKeys).count == NotificationText.textKeys.count)
        for event in Self.events {
            #expect(NotificationText.textKeys.contains(NotificationText.headlineKey(event).key))
        }
    }
}
