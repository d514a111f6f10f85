import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: the monitoring integrations (#18 point 2)")
struct IntegrationsPageTests {
    @Test("made on the page, its secret shown once; a bad mapping beside its field; renewed; deleted")
    func managed() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            let empty = try await admin.get("/admin/integrations").body.string
            #expect(empty.contains("Aucune intégration pour l&#39;instant."))
            let refused = try await admin.post(
                "/admin/integrations",
                [
                    ("name", "Prometheus <b>prod</b>"), ("kind", "alertmanager"), ("severityLabel", "severity"),
                    ("mapping", "critical=grave"),
                ])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#"id="new-mapping-error""#))
            let made = try await admin.post(
                "/admin/integrations",
                [
                    ("name", "Prometheus <b>prod</b>"), ("kind", "alertmanager"), ("severityLabel", "severity"),
                    ("mapping", "critical=major, warning=minor"), ("autoResolve", "on"),
                ])
            #expect(made.status == .ok)
            let page = made.body.string
            let secret = try #require(
                page.range(of: #"rint_[A-Za-z0-9_-]+"#, options: .regularExpression).map { String(page[$0]) })
            #expect(page.contains("Prometheus &lt;b&gt;prod&lt;/b&gt;") && !page.contains("<b>prod</b>"))
            #expect(page.contains(#"value="critical=major, warning=minor""#))
            // Never shown again.
            #expect(!(try await admin.get("/admin/integrations").body.string.contains(secret)))
            let listed = try await t.send(.GET, "/api/v1/integrations", as: try await t.user([.admin]))
            let id = try #require(
                try listed.decode(IntakeAPITests.IntegrationsJSON.self).items.first?.id.uuidString.lowercased())
            // The secret works at the intake.
            let delivered = try await t.send(
                .POST, "/api/v1/intake/alertmanager/\(id)", as: nil, json: IntakeAPITests.alert("page-1"),
                headers: [("Authorization", "Bearer \(secret)")])
            #expect(delivered.status == .ok, "\(delivered.body.string)")
            // The event's page shows the alert that filed it and how many times it came.
            let row = try await t.db.sql().raw("SELECT number FROM incidents").first()
            let number = try #require(try row?.decode(column: "number", as: String.self))
            let event = try await admin.get("/incidents/\(number)").body.string
            #expect(event.contains("Alertes de supervision") && event.contains("<code>page-1</code>"))
            // A refused edit of this integration keeps what was typed, beside its field.
            let refusedEdit = try await admin.post(
                "/admin/integrations/\(id)/save",
                [("name", "Prometheus typed"), ("severityLabel", "level"), ("mapping", "page=urgent")])
            #expect(refusedEdit.status == .unprocessableEntity)
            let kept = refusedEdit.body.string
            #expect(kept.contains(#"value="Prometheus typed""#) && kept.contains(#"value="page=urgent""#))
            #expect(kept.contains(#"value="level""#) && kept.contains(#"id="int-\#(id)-mapping-error""#))
            // Renewed: the old one is refused.
            let renewed = try await admin.post(
                "/admin/integrations/\(id)/save",
                [("name", "Prometheus"), ("severityLabel", "severity"), ("mapping", ""), ("renewSecret", "on")])
            #expect(renewed.status == .ok && renewed.body.string.contains("rint_"))
            let old = try await t.send(
                .POST, "/api/v1/intake/alertmanager/\(id)", as: nil, json: IntakeAPITests.alert("page-2"),
                headers: [("Authorization", "Bearer \(secret)")])
            #expect(old.status == .unauthorized)
            #expect(try await admin.post("/admin/integrations/\(id)/delete", []).status == .seeOther)
            #expect(try await admin.get("/admin/integrations").body.string.contains("Intégration supprimée"))
        }
    }
}
