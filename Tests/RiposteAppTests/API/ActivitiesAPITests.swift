import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Essential activities kept by the continuity manager (#16 point 6)")
struct ActivitiesAPITests {
    @Test("the continuity manager corrects an RTO; the incidents that impact it are settled again")
    func update() async throws {
        try await withTestApp { t in
            let continuity = try await t.user([.continuityManager])
            let manager = try await t.user([.incidentManager])
            let billing = try await t.activity("Facturation", rtoHours: 4)
            _ = try await t.activity("Paie", rtoHours: 8)
            let incident = try await t.report(as: manager)
            _ = try await t.send(
                .PATCH, "/api/v1/incidents/\(incident.id)", as: manager,
                json: #"{"impactedActivityIds":["\#(billing)"]}"#)
            let response = try await t.send(
                .PUT, "/api/v1/activities/\(billing)", as: continuity,
                body: ["name": "Facturation clients", "rto": "PT2H"])
            #expect(response.status == .ok, "\(response.body.string)")
            #expect(response.body.string.contains("PT2H"))
            let row = try await IncidentReader(database: try t.db.sql()).row(incident.id)
            #expect(row.nextDueAt == row.reportedAt, "due at once: the next sweep settles the new RTO")
            let path = "/api/v1/activities/\(billing)"
            #expect(
                try await t.send(.PUT, path, as: continuity, body: ["name": "Paie", "rto": "PT2H"]).status == .conflict)
            #expect(
                try await t.send(.PUT, path, as: continuity, body: ["name": "x", "rto": "deux heures"]).status
                    == .unprocessableEntity)
            #expect(try await t.send(.PUT, path, as: manager, body: ["name": "x", "rto": "PT1H"]).status == .forbidden)
            #expect(
                try await t.send(
                    .PUT, "/api/v1/activities/\(UUID())", as: continuity, body: ["name": "x", "rto": "PT1H"]
                )
                .status == .notFound)
        }
    }

    @Test("a retired activity is no longer offered but stays on the incidents that named it")
    func retire() async throws {
        try await withTestApp { t in
            let continuity = try await t.user([.continuityManager])
            let manager = try await t.user([.incidentManager])
            let billing = try await t.activity("Facturation", rtoHours: 4)
            let incident = try await t.report(as: manager)
            _ = try await t.send(
                .PATCH, "/api/v1/incidents/\(incident.id)", as: manager,
                json: #"{"impactedActivityIds":["\#(billing)"]}"#)
            #expect(try await t.send(.DELETE, "/api/v1/activities/\(billing)", as: manager).status == .forbidden)
            #expect(try await t.send(.DELETE, "/api/v1/activities/\(billing)", as: continuity).status == .noContent)
            #expect(try await t.send(.DELETE, "/api/v1/activities/\(billing)", as: continuity).status == .notFound)
            let listed = try await t.send(.GET, "/api/v1/activities", as: manager)
            #expect(!listed.body.string.contains(billing.uuidString))
            #expect(try await t.fetch(incident.number, as: manager).impactedActivityIds == [billing])
            // Kept while other facts change; not named anew.
            let kept = try await t.send(
                .PATCH, "/api/v1/incidents/\(incident.id)", as: manager, json: #"{"impact":"Factures en retard"}"#)
            #expect(kept.status == .ok)
            let other = try await t.report(as: manager, title: "Autre")
            let refused = try await t.send(
                .PATCH, "/api/v1/incidents/\(other.id)", as: manager,
                json: #"{"impactedActivityIds":["\#(billing)"]}"#)
            #expect(refused.status == .unprocessableEntity)
            let report = try await t.send(
                .POST, "/api/v1/incidents", as: manager,
                json: #"{"title":"t","description":"d","impactedActivityIds":["\#(billing)"]}"#)
            #expect(report.status == .unprocessableEntity)
        }
    }

    @Test("the page: the continuity manager adds, corrects and retires; others may not open it")
    func page() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            try await t.person([.continuityManager], email: "bcp@example.test")
            try await t.person([.responseTeam], email: "team@example.test")
            let bcp = try await Browser.signIn(t, email: "bcp@example.test", password: "a long passphrase")
            var page = try await bcp.get("/activities").body.string
            #expect(page.contains("Activités essentielles et leur RTO"))
            #expect(try await bcp.post("/activities", [("name", "Facturation"), ("rto", "PT4H")]).status == .seeOther)
            page = try await bcp.get("/activities").body.string
            #expect(page.contains("Facturation") && page.contains("4 h"))
            let id = try #require(page.firstMatch(of: /activities\/([0-9A-F-]{36})\/edit/)).1
            let bad = try await bcp.post("/activities/\(id)/edit", [("name", "Facturation"), ("rto", "bientôt")])
            #expect(bad.status == .unprocessableEntity)
            #expect(
                try await bcp.post("/activities/\(id)/edit", [("name", "Facturation"), ("rto", "PT2H")]).status
                    == .seeOther)
            #expect(try await bcp.get("/activities").body.string.contains("2 h"))
            #expect(try await bcp.post("/activities/\(id)/retire", []).status == .seeOther)
            #expect(!(try await bcp.get("/activities").body.string.contains("Facturation")))
            let team = try await Browser.signIn(t, email: "team@example.test", password: "a long passphrase")
            #expect(try await team.get("/activities").status == .forbidden)
        }
    }
}
