import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: the register on paper (#16 point 2)")
struct RegisterPaperTests {
    @Test("the template's table, one row per incident with the filters applied, every value escaped")
    func paper() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.incidentManager], email: "im@example.test")
            try await t.person([.reporter], email: "rep@example.test")
            let manager = try await t.user([.incidentManager])
            _ = try await t.activity("Facturation", rtoHours: 4)
            let hostile = try await t.report(
                as: manager, title: "<script>alert(1)</script>", description: "Texte \"cité\" & <b>gras</b>")
            let major = try await t.inTreatment(.major, as: manager)
            for action in ["Redémarrage du routeur", "Bascule sur la ligne de secours"] {
                try await t.send(
                    .POST, "/api/v1/incidents/\(major.id)/journal", as: manager,
                    json: #"{"kind":"action","text":"\#(action)"}"#)
            }
            let browser = try await Browser.signIn(t, email: "im@example.test", password: HandlingPagesTests.password)
            let register = try await browser.get("/incidents").body.string
            #expect(register.contains("href=\"/incidents/print\""))
            let response = try await browser.get("/incidents/print")
            #expect(response.status == .ok)
            let page = response.body.string
            #expect(page.contains("<th scope=\"col\">Brève description de l&#39;incident</th>"))
            #expect(page.contains("Description détaillée (impact, durée, activités impactées, ressources allouées)"))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>"))
            #expect(page.contains("Texte &quot;cité&quot; &amp; &lt;b&gt;gras&lt;/b&gt;"))
            #expect(page.contains("<ol><li>Redémarrage du routeur</li><li>Bascule sur la ligne de secours</li></ol>"))
            #expect(page.contains("<strong>Durée :</strong> en cours"))
            #expect(page.hasSuffix("</html>\n"))
            let rows = page.components(separatedBy: "<tr><td>").count - 1
            #expect(rows == 2)
            let filtered = try await browser.get("/incidents/print?severity=major").body.string
            #expect(filtered.contains(major.number) && !filtered.contains(hostile.number))
            let reporter = try await Browser.signIn(t, email: "rep@example.test", password: HandlingPagesTests.password)
            #expect(try await reporter.get("/incidents/print").status == .forbidden)
        }
    }
}
