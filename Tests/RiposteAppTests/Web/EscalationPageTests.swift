import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

/// #15 point 2 on the incident page.
@Suite("Pages: escalating to the incident manager")
struct EscalationPageTests {
    @Test(
        "the operator is offered the form, escalates with a note; the manager is told; a blank note is refused in place"
    )
    func escalates() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.helpdeskOperator], email: "helpdesk@example.test")
            let manager = try await t.user([.incidentManager])
            let operatorCaller = try await t.user([.helpdeskOperator])
            let incident = try await t.qualify(
                try await t.report(as: operatorCaller), as: operatorCaller, severity: .low)
            let helpdesk = try await Browser.signIn(t, email: "helpdesk@example.test", password: "a long passphrase")
            let page = try await helpdesk.get("/incidents/\(incident.number)").body.string
            #expect(page.contains("/incidents/\(incident.number)/escalations"))
            let version = try #require(IncidentPagesTests.version(in: page))
            let blank = try await helpdesk.post(
                "/incidents/\(incident.number)/escalations", [("note", " "), ("version", version)])
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.body.string.contains("escalate-note-error"))
            #expect(try await t.notifications(of: manager).items.isEmpty)
            let sent = try await helpdesk.post(
                "/incidents/\(incident.number)/escalations",
                [("note", "Toute la compta est touchée"), ("version", version)])
            #expect(sent.status == .seeOther)
            let after = try await helpdesk.get("/incidents/\(incident.number)").body.string
            #expect(after.contains("Incident remonté : le gestionnaire des incidents est prévenu."))
            #expect(after.contains("Toute la compta est touchée"))
            #expect(try await t.notifications(of: manager).items.map(\.event) == ["escalated_to_manager"])
            // The incident manager is not offered to escalate to themself.
            try await t.person([.incidentManager], email: "im@example.test")
            let im = try await Browser.signIn(t, email: "im@example.test", password: "a long passphrase")
            #expect(!(try await im.get("/incidents/\(incident.number)").body.string.contains("/escalations")))
        }
    }
}
