import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: the organisation's parts of the plan, its criteria beside the qualification (#20 point 3)")
struct PlanSectionsPageTests {
    @Test("written on the plan page, shown formatted, scripts as text, unsafe links as text, criteria by the form")
    func written() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            try await admin.get("/plan")
            let criteria =
                "Plus de **50** postes <script>alert(1)</script> [fiche](javascript:alert(2)) [guide](https://wiki.acme.test/crise)"
            #expect(try await admin.post("/plan/sections/criteria_major", [("text", criteria)]).status == .seeOther)
            let plan = try await admin.get("/plan").body.string
            #expect(plan.contains("Partie du plan enregistrée"))
            #expect(plan.contains("<strong>50</strong>") && plan.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!plan.contains("<script>alert(1)</script>") && !plan.contains(#"href="javascript"#))
            #expect(plan.contains(#"<a href="https://wiki.acme.test/crise" rel="noopener noreferrer">guide</a>"#))
            // Too long: the text stays in its field, the reason beside it.
            let long = String(repeating: "x", count: PlanSection.maximumLength + 1)
            let refused = try await admin.post("/plan/sections/recovery", [("text", long)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#"id="section-recovery-error""#))
            // Beside the qualification form of an incident.
            try await t.person([.helpdeskOperator], email: "hd@example.test")
            let helpdesk = try await Browser.signIn(t, email: "hd@example.test", password: HandlingPagesTests.password)
            try await helpdesk.get("/incidents/new")
            let sent = try await helpdesk.post("/incidents/new", [("title", "Panne"), ("description", "Rien")])
            let number = try #require(sent.headers.first(name: .location)?.components(separatedBy: "/").last)
            let page = try await helpdesk.get("/incidents/\(number)").body.string
            #expect(page.contains("Critères prédéterminés de l&#39;organisation (§4.2)"))
            #expect(page.contains("<strong>50</strong>") && !page.contains("<script>alert(1)</script>"))
        }
    }
}
