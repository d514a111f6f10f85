import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: the post-incident review")
struct ReviewPageTests {
    @Test("the incident's manager is its owner until the review corrects it; left as shown, it keeps following")
    func managerCorrected() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.incidentManager], email: "im@example.test")
            let owner = try await t.user([.incidentManager, .helpdeskOperator])
            let crisis = try await t.user([.crisisManager])
            let incident = try await ReviewAPITests().closedIncident(t, manager: owner, crisis: crisis)
            let browser = try await Browser.signIn(t, email: "im@example.test", password: HandlingPagesTests.password)
            var page = try await browser.get("/incidents/\(incident.number)/review").body.string
            let shown = try #require(page.firstMatch(of: /name="manager"[^>]*>([^<]*)</)).1
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
            #expect(shown.hasPrefix("Test"), "the owner's name is suggested")
            var version = try #require(IncidentPagesTests.version(in: page))
            let kept = try await browser.post(
                "/incidents/\(incident.number)/review", [("version", version), ("manager", String(shown))])
            #expect(kept.status == .seeOther, "\(kept.body.string)")
            var answers = try await IncidentActions.answers(of: incident.id, on: t.db.sql())
            #expect(answers["manager"] == nil, "a suggestion left as shown is not an answer")
            page = try await browser.get("/incidents/\(incident.number)/review").body.string
            version = try #require(IncidentPagesTests.version(in: page))
            let corrected = try await browser.post(
                "/incidents/\(incident.number)/review", [("version", version), ("manager", "Claire Dupont")])
            #expect(corrected.status == .seeOther)
            answers = try await IncidentActions.answers(of: incident.id, on: t.db.sql())
            #expect(answers["manager"] == "Claire Dupont")
            page = try await browser.get("/incidents/\(incident.number)/review").body.string
            #expect(page.contains(">Claire Dupont</textarea>"))
        }
    }
}
