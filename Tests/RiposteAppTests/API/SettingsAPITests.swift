import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

struct SLASettingsJSON: Decodable, Equatable {
    struct Targets: Decodable, Equatable {
        let qualify: String
        let resolve: String
        let statusReport: String?
    }

    let low: Targets
    let minor: Targets
    let major: Targets
    let crisis: Targets
}

struct ActivityJSON: Decodable, Equatable {
    let id: UUID
    let name: String
    let rto: String
}

@Suite("SLA settings and essential activities")
struct SettingsAPITests {
    @Test("the defaults are served until an admin changes them") func defaults() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let settings = try await t.send(.GET, "/api/v1/settings/sla", as: employee).decode(SLASettingsJSON.self)
            #expect(settings.major == .init(qualify: "PT1H", resolve: "PT8H", statusReport: "PT2H"))
            #expect(settings.minor.statusReport == nil)
        }
    }

    @Test("an admin replaces some severities' targets; the others keep theirs") func update() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let response = try await t.send(
                .PUT, "/api/v1/settings/sla", as: admin,
                json:
                    #"{"minor":{"qualify":"PT30M","resolve":"P1DT12H"},"crisis":{"qualify":"PT5M","resolve":"PT2H","statusReport":"PT30S"}}"#
            )
            #expect(response.status == .ok, "\(response.body.string)")
            let settings = try response.decode(SLASettingsJSON.self)
            #expect(settings.minor == .init(qualify: "PT30M", resolve: "P1DT12H", statusReport: nil))
            #expect(settings.crisis == .init(qualify: "PT5M", resolve: "PT2H", statusReport: "PT30S"))
            #expect(settings.major == .init(qualify: "PT1H", resolve: "PT8H", statusReport: "PT2H"))
            let again = try await t.send(.GET, "/api/v1/settings/sla", as: admin).decode(SLASettingsJSON.self)
            #expect(again.minor.resolve == "P1DT12H")
            #expect(
                try await t.app.db.transaction { try await SettingsStore(database: $0, gate: t.app.writeGate).sla() }
                    .targets(for: .crisis).statusReport?.seconds == 30)
        }
    }

    static let badSettings: [(String, HTTPStatus, String, String?)] = [
        (#"{}"#, .unprocessableEntity, "required", "low"),
        (#"{"urgent":{"qualify":"PT1H","resolve":"PT2H"}}"#, .unprocessableEntity, "invalid", "urgent"),
        (#"{"minor":{"qualify":"PT1H"}}"#, .unprocessableEntity, "required", "minor.resolve"),
        (#"{"minor":{"qualify":"PT1H","resolve":"PT0S"}}"#, .unprocessableEntity, "out_of_range", "minor.resolve"),
        (#"{"minor":{"qualify":"PT1H","resolve":"P366D"}}"#, .unprocessableEntity, "out_of_range", "minor.resolve"),
        (#"{"minor":{"qualify":"1 hour","resolve":"PT2H"}}"#, .unprocessableEntity, "invalid", "minor.qualify"),
        (#"{"minor":{"qualify":"PT1H","resolve":"P1M"}}"#, .unprocessableEntity, "invalid", "minor.resolve"),
        (
            #"{"minor":{"qualify":"PT1H","resolve":"PT2H","statusReport":"soon"}}"#, .unprocessableEntity, "invalid",
            "minor.statusReport"
        ),
        (#"{"minor":5}"#, .badRequest, "invalid_type", "minor"),
        (#"{"minor":"#, .badRequest, "malformed_json", nil),
    ]

    @Test("bad settings are refused and change nothing", arguments: badSettings)
    func badInput(json: String, status: HTTPStatus, code: String, field: String?) async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let before = try await t.send(.GET, "/api/v1/settings/sla", as: admin).decode(SLASettingsJSON.self)
            let response = try await t.send(.PUT, "/api/v1/settings/sla", as: admin, json: json)
            #expect(response.status == status, "\(response.body.string)")
            let error = try response.apiError()
            #expect(error.code == code)
            #expect(error.field == field)
            #expect(try await t.send(.GET, "/api/v1/settings/sla", as: admin).decode(SLASettingsJSON.self) == before)
        }
    }

    @Test("only an admin changes the settings") func forbidden() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager, .helpdeskManager, .crisisManager])
            let response = try await t.send(
                .PUT, "/api/v1/settings/sla", as: manager, json: #"{"minor":{"qualify":"PT1H","resolve":"PT2H"}}"#)
            #expect(response.status == .forbidden)
            let activity = try await t.send(
                .POST, "/api/v1/activities", as: manager, json: #"{"name":"Paie","rto":"P1D"}"#)
            #expect(activity.status == .forbidden)
            #expect(
                try await t.send(.GET, "/api/v1/activities", as: manager).decode(ActivityPageJSON.self).items.isEmpty)
        }
    }

    struct ActivityPageJSON: Decodable {
        let items: [ActivityJSON]
    }

    @Test("activities are added with their RTO, listed by name, and named by incidents") func activities() async throws
    {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let created = try await t.send(
                .POST, "/api/v1/activities", as: admin, json: #"{"name":"  Paie ","rto":"PT48H"}"#)
            #expect(created.status == .created)
            let payroll = try created.decode(ActivityJSON.self)
            #expect(payroll.name == "Paie" && payroll.rto == "P2D")
            _ = try await t.send(.POST, "/api/v1/activities", as: admin, json: #"{"name":"Facturation","rto":"PT4H"}"#)
            let list = try await t.send(.GET, "/api/v1/activities", as: admin).decode(ActivityPageJSON.self)
            #expect(list.items.map(\.name) == ["Facturation", "Paie"])
            let employee = try await t.user([.reporter])
            let incident = try await t.send(
                .POST, "/api/v1/incidents", as: employee,
                json: #"{"title":"Paie bloquée","description":"x","impactedActivityIds":["\#(payroll.id)"]}"#)
            #expect(try incident.incident().impactedActivityIds == [payroll.id])
        }
    }

    static let badActivities: [(String, HTTPStatus, String, String?)] = [
        (#"{"name":"Paie","rto":"P1D"}"#, .conflict, "already_exists", "name"),
        (#"{"name":" ","rto":"P1D"}"#, .unprocessableEntity, "required", "name"),
        (#"{"name":"\#(String(repeating: "n", count: 201))","rto":"P1D"}"#, .unprocessableEntity, "too_long", "name"),
        (#"{"name":"Stock","rto":"PT0S"}"#, .unprocessableEntity, "out_of_range", "rto"),
        (#"{"name":"Stock","rto":"P53W"}"#, .unprocessableEntity, "out_of_range", "rto"),
        (#"{"name":"Stock","rto":"forever"}"#, .unprocessableEntity, "invalid", "rto"),
        (#"{"name":"Stock"}"#, .unprocessableEntity, "required", "rto"),
        (#"{"name":7,"rto":"P1D"}"#, .badRequest, "invalid_type", "name"),
    ]

    @Test("bad activities are refused and change nothing", arguments: badActivities)
    func badActivity(json: String, status: HTTPStatus, code: String, field: String?) async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            _ = try await t.send(.POST, "/api/v1/activities", as: admin, json: #"{"name":"Paie","rto":"P1D"}"#)
            let response = try await t.send(.POST, "/api/v1/activities", as: admin, json: json)
            #expect(response.status == status, "\(response.body.string)")
            let error = try response.apiError()
            #expect(error.code == code)
            #expect(error.field == field)
            let list = try await t.send(.GET, "/api/v1/activities", as: admin).decode(ActivityPageJSON.self)
            #expect(list.items.map(\.name) == ["Paie"])
        }
    }
}
