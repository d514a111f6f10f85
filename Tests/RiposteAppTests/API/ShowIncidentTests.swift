import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("GET /api/v1/incidents/{id}")
struct ShowIncidentTests {
    @Test("an incident is found by id or by number, with its ETag") func byIdOrNumber() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let helpdesk = try await t.user([.helpdeskOperator])
            let incident = try await t.report(as: employee)
            let byID = try await t.send(.GET, "/api/v1/incidents/\(incident.id)", as: helpdesk)
            let byNumber = try await t.send(.GET, "/api/v1/incidents/\(incident.number.lowercased())", as: helpdesk)
            #expect(byID.status == .ok)
            #expect(try byNumber.incident().id == incident.id)
            #expect(byID.headers.first(name: .eTag) == "\"1\"")
        }
    }

    @Test(
        "unknown ids and numbers get 404",
        arguments: ["6F9619FF-8B86-D011-B42D-00C04FC964FF", "INC-2020-0001", "nonsense"])
    func unknown(reference: String) async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            let response = try await t.send(.GET, "/api/v1/incidents/\(reference)", as: helpdesk)
            #expect(response.status == .notFound)
            #expect(try response.apiError().code == "not_found")
        }
    }

    @Test("a reporter may not read someone else's incident") func othersIncident() async throws {
        try await withTestApp { t in
            let alice = try await t.user([.reporter])
            let bob = try await t.user([.reporter])
            let incident = try await t.report(as: bob)
            let response = try await t.send(.GET, "/api/v1/incidents/\(incident.id)", as: alice)
            #expect(response.status == .forbidden)
            #expect(try response.apiError().code == "forbidden")
            #expect(try await t.send(.GET, "/api/v1/incidents/\(incident.id)/journal", as: alice).status == .forbidden)
        }
    }

    @Test("checklist texts follow Accept-Language") func languages() async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            let incident = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor)
            #expect(
                incident.checklist.first?.text == t.app.catalogue.text(Checklists.steps(for: .minor)[0].textKey, .fr))
            let english = try await t.send(
                .GET, "/api/v1/incidents/\(incident.id)", as: helpdesk, headers: [("Accept-Language", "en-GB")])
            #expect(
                try english.incident().checklist.first?.text
                    == t.app.catalogue.text(Checklists.steps(for: .minor)[0].textKey, .en))
            let dutch = try await t.send(
                .GET, "/api/v1/incidents/\(incident.id)", as: helpdesk, headers: [("Accept-Language", "nl-BE,nl;q=0.9")]
            )
            #expect(
                try dutch.incident().checklist.first?.text
                    == t.app.catalogue.text(Checklists.steps(for: .minor)[0].textKey, .nl))
        }
    }

    @Test("health answers without a token; unknown API routes get JSON, unknown pages an HTML 404")
    func healthAndUnknownRoute() async throws {
        try await withTestApp { t in
            let health = try await t.send(.GET, "/health", as: nil)
            #expect(health.status == .ok)
            let missing = try await t.send(.GET, "/api/v1/nothing-here", as: nil)
            #expect(missing.status == .unauthorized || missing.status == .notFound)
            let token = try await t.user([.reporter])
            let unknownAPI = try await t.send(.GET, "/api/v1/nothing-here", as: token)
            #expect(unknownAPI.status == .notFound)
            #expect(try unknownAPI.apiError().code == "not_found")
            let unknown = try await t.send(.GET, "/nothing-here", as: nil)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers.contentType?.subType == "html")
            #expect(unknown.body.string.contains("<html lang=\"fr\">"))
        }
    }
}
