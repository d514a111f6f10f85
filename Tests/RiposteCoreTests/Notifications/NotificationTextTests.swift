import Testing

@testable import RiposteCore

@Suite("Notification texts")
struct NotificationTextTests {
    static var events: [NotificationEvent] {
        let escalations = [
            "minor_becomes_major", "major_overdue", "recovery_beyond_rto", "status_report_missed",
            "qualification_overdue",
        ].map {
            NotificationEvent(
                kind: .escalated, incidentNumber: "INC-2026-0007", incidentTitle: "Mail down", severity: .major,
                escalation: $0)
        }
        let plans = [NotificationEventKind.planActivated, .planDeactivated, .planCloseAgreed].map {
            NotificationEvent(
                kind: $0, incidentNumber: "INC-2026-0007", incidentTitle: "Mail down", severity: .crisis, plan: .cmp)
        }
        return escalations + plans
    }

    @Test("every event reads differently in each language", arguments: events)
    func translated(event: NotificationEvent) {
        let subjects = Language.allCases.map { NotificationText.subject(event, in: $0) }
        #expect(Set(subjects).count == Language.allCases.count, "\(subjects)")
        for subject in subjects { #expect(subject.hasPrefix("[INC-2026-0007] ")) }
    }

    @Test("every escalation rule has its own words") func distinctEscalations() {
        let headlines = Self.events.filter { $0.kind == .escalated }.map { NotificationText.subject($0, in: .fr) }
        #expect(Set(headlines).count == headlines.count)
    }

    @Test("the body says why the reader gets it, with the flow") func bodyNamesTheFlow() {
        let event = Self.events.first { $0.kind == .planActivated }!
        let body = NotificationText.body(event, for: NotificationRecipient(role: .recoveryManager, flow: 4), in: .en)
        #expect(body.contains("CMP activated"))
        #expect(body.contains("INC-2026-0007 — Mail down"))
        #expect(body.contains("disaster recovery manager (flow 4)"))
        #expect(body.contains("Severity: crisis"))
    }

    @Test("every role and severity is named in every language") func names() {
        for language in Language.allCases {
            #expect(
                Set(Role.allCases.map { NotificationText.roleName($0).text(in: language) }).count == Role.allCases.count
            )
            #expect(
                Set(Severity.allCases.map { NotificationText.severityName($0).text(in: language) }).count
                    == Severity.allCases.count)
        }
    }
}
