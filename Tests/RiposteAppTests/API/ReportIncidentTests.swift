import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("POST /api/v1/incidents")
struct ReportIncidentTests {
    @Test("an employee reports an incident and gets its number") func report() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let activity = try await t.activity("Facturation")
            let response = try await t.send(
                .POST, "/api/v1/incidents", as: employee,
                json: """
                    {"title":"  Site web inaccessible ","description":"Erreur 502","type":"web","channel":"client",
                     "detectedAt":"2026-11-18T10:00:00Z","customersAffected":true,"impactedActivityIds":["\(activity)"]}
                    """)
            #expect(response.status == .created)
            let incident = try response.incident()
            let year = Calendar.utc.component(.year, from: t.clock.now())
            #expect(incident.number == "INC-\(year)-0001")
            #expect(incident.title == "Site web inaccessible")
            #expect(incident.status == "reported")
            #expect(incident.stage == 2)
            #expect(incident.channel == "client")
            #expect(incident.customersAffected)
            #expect(incident.impactedActivityIds == [activity])
            #expect(incident.reporterId == employee.id)
            #expect(incident.checklist.isEmpty)
            #expect(response.headers.first(name: .eTag) == "\"1\"")
            #expect(response.headers.first(name: "Location") == "/api/v1/incidents/\(incident.id.uuidString)")
            let journal = try await t.journal(incident.id, as: try await t.user([.helpdeskOperator]))
            #expect(journal.map(\.kind) == ["reported"])
            #expect(journal[0].authorId == employee.id)
        }
    }

    @Test("numbers follow each other within a year and restart the next year") func numbering() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            t.clock.set(try Date("2026-12-31T23:59:00Z", strategy: .iso8601))
            let first = try await t.report(as: employee)
            let second = try await t.report(as: employee)
            t.clock.set(try Date("2027-01-01T00:01:00Z", strategy: .iso8601))
            let third = try await t.report(as: employee)
            #expect(
                [first.number, second.number, third.number] == ["INC-2026-0001", "INC-2026-0002", "INC-2027-0001"])
        }
    }

    static let badBodies: [(String, HTTPStatus, String, String?)] = [
        (#"{"title":"x""#, .badRequest, "malformed_json", nil),
        (#"not json"#, .badRequest, "malformed_json", nil),
        (#"{"title":5,"description":"d"}"#, .badRequest, "invalid_type", "title"),
        (
            #"{"title":"t","description":"d","customersAffected":"yes"}"#, .badRequest, "invalid_type",
            "customersAffected"
        ),
        (#"{"description":"d"}"#, .unprocessableEntity, "required", "title"),
        (#"{"title":"   ","description":"d"}"#, .unprocessableEntity, "required", "title"),
        (#"{"title":"t","description":"d","channel":"pigeon"}"#, .unprocessableEntity, "invalid", "channel"),
        (#"{"title":"t","description":"d","detectedAt":"yesterday"}"#, .unprocessableEntity, "invalid", "detectedAt"),
        (
            #"{"title":"t","description":"d","detectedAt":"2099-01-01T00:00:00Z"}"#, .unprocessableEntity,
            "out_of_range", "detectedAt"
        ),
        (
            #"{"title":"t","description":"d","impactedActivityIds":["6F9619FF-8B86-D011-B42D-00C04FC964FF"]}"#,
            .unprocessableEntity, "unknown", "impactedActivityIds"
        ),
        (
            #"{"title":"t","description":"d","impactedActivityIds":["nope"]}"#, .unprocessableEntity, "invalid",
            "impactedActivityIds[0]"
        ),
        (
            #"{"title":"\#(String(repeating: "a", count: 201))","description":"d"}"#, .unprocessableEntity, "too_long",
            "title"
        ),
        (
            #"{"title":"t","description":"\#(String(repeating: "a", count: 10_001))"}"#, .unprocessableEntity,
            "too_long", "description"
        ),
        (
            #"{"title":"t","description":"d","type":"\#(String(repeating: "a", count: 101))"}"#, .unprocessableEntity,
            "too_long", "type"
        ),
    ]

    @Test("bad input gets a clear error and changes nothing", arguments: badBodies)
    func badInput(json: String, status: HTTPStatus, code: String, field: String?) async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let before = try await t.snapshot()
            let response = try await t.send(.POST, "/api/v1/incidents", as: employee, json: json)
            #expect(response.status == status, "\(response.body.string)")
            let error = try response.apiError()
            #expect(error.code == code)
            #expect(error.field == field)
            #expect(!error.message.isEmpty)
            #expect(try await t.snapshot() == before)
        }
    }

    @Test("a body over 64 KiB is refused with 413") func tooLarge() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let before = try await t.snapshot()
            let huge = #"{"title":"t","description":"\#(String(repeating: "a", count: 70_000))"}"#
            let response = try await t.send(.POST, "/api/v1/incidents", as: employee, json: huge)
            #expect(response.status == .payloadTooLarge)
            #expect(try response.apiError().code == "payload_too_large")
            #expect(try await t.snapshot() == before)
        }
    }

    @Test("a body that is not JSON is refused with 415") func wrongMediaType() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let response = try await t.send(
                .POST, "/api/v1/incidents", as: employee, json: "title=x",
                headers: [("Content-Type", "application/x-www-form-urlencoded")])
            #expect(response.status == .unsupportedMediaType)
            #expect(try response.apiError().code == "unsupported_media_type")
        }
    }

    @Test("no token, or a wrong one, gets 401 and changes nothing") func unauthorized() async throws {
        try await withTestApp { t in
            let before = try await t.snapshot()
            let body = #"{"title":"t","description":"d"}"#
            let anonymous = try await t.send(.POST, "/api/v1/incidents", as: nil, json: body)
            #expect(anonymous.status == .unauthorized)
            #expect(try anonymous.apiError().code == "unauthorized")
            #expect(anonymous.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
            let forged = try await t.send(
                .POST, "/api/v1/incidents", as: Caller(id: UUID(), token: "rpt_forged"), json: body)
            #expect(forged.status == .unauthorized)
            #expect(try await t.snapshot() == before)
        }
    }
}
