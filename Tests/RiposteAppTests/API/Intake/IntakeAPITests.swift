import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Monitoring alerts: integrations, Alertmanager's and the generic intake (#18 point 2)")
struct IntakeAPITests {
    struct IntegrationJSON: Decodable {
        let id: UUID
        let name: String
        let intakeURL: String
        let received: Int
        let filed: Int
        let secret: String?
    }

    struct IntegrationsJSON: Decodable {
        let items: [IntegrationJSON]
    }

    struct OutcomeJSON: Decodable {
        let received: Int
        let filed: Int
        let repeated: Int
        let resolved: Int
        let noted: Int
        let ignored: Int
    }

    static func integration(
        _ t: TestApp, as admin: Caller, kind: String = "alertmanager", autoResolve: Bool = true
    ) async throws -> IntegrationJSON {
        let response = try await t.send(
            .POST, "/api/v1/integrations", as: admin,
            json:
                #"{"name":"Prometheus \#(kind)","kind":"\#(kind)","mapping":{"Critical":"major","warning":"minor"},"autoResolve":\#(autoResolve)}"#
        )
        try #require(response.status == .created, "\(response.body.string)")
        return try response.decode(IntegrationJSON.self)
    }

    static func alert(
        _ fingerprint: String, status: String = "firing", severity: String = "info", times: Int = 1
    ) -> String {
        let one = """
            {"status":"\(status)","labels":{"alertname":"DiskFull","instance":"db1","severity":"\(severity)"},
             "annotations":{"summary":"Disque plein <script>alert(1)</script>","description":"/var à 98 %"},
             "startsAt":"2026-01-01T08:00:00Z","endsAt":"0001-01-01T00:00:00Z",
             "generatorURL":"http://prom:9090/graph","fingerprint":"\(fingerprint)"}
            """
        return """
            {"version":"4","groupKey":"{}:{alertname=\\"DiskFull\\"}","status":"\(status)","receiver":"riposte",
             "alerts":[\(Array(repeating: one, count: times).joined(separator: ","))]}
            """
    }

    func post(
        _ t: TestApp, _ integration: IntegrationJSON, _ body: String, secret: String? = nil
    ) async throws
        -> TestingHTTPResponse
    {
        try await t.send(
            .POST, integration.intakeURL, as: nil, json: body,
            headers: [("Authorization", "Bearer \(secret ?? integration.secret ?? "")")])
    }

    func incidents(_ t: TestApp) async throws -> [(status: String, severity: String?, channel: String)] {
        try await t.db.sql().raw("SELECT status, severity, channel FROM incidents ORDER BY reported_at").all().map {
            (
                try $0.decode(column: "status", as: String.self), try $0.decode(column: "severity", as: String?.self),
                try $0.decode(column: "channel", as: String.self)
            )
        }
    }

    @Test("a firing alert files an event at the mapped severity; 100 repeats make one with a count of 100")
    func firingAndRepeats() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let integration = try await Self.integration(t, as: admin)
            #expect(integration.secret?.hasPrefix("rint_") == true)
            // A hundred identical alerts, in ten deliveries of ten.
            let first = try await post(t, integration, Self.alert("fp-1", severity: "critical", times: 10))
            #expect(first.status == .ok, "\(first.body.string)")
            #expect(try first.decode(OutcomeJSON.self).filed == 1)
            #expect(try first.decode(OutcomeJSON.self).repeated == 9)
            for _ in 2...10 {
                let again = try await post(t, integration, Self.alert("fp-1", severity: "critical", times: 10))
                #expect(try again.decode(OutcomeJSON.self).repeated == 10)
            }
            let filed = try await incidents(t)
            #expect(filed.count == 1 && filed[0].severity == "major" && filed[0].channel == "monitoring")
            #expect(filed[0].status == "qualified")
            let id = try await t.db.sql().raw("SELECT id FROM incidents").first()!.decode(column: "id", as: UUID.self)
            #expect(try await IntegrationStore.alerts(of: id, on: t.db.sql()).first?.count == 100)
            // Its handlers read the count and the last time it came, by the API and on its page.
            let monitoring = try await t.send(.GET, "/api/v1/incidents/\(id)/monitoring", as: admin)
            #expect(monitoring.status == .ok)
            #expect(
                monitoring.body.string.contains(#""count":100"#) && monitoring.body.string.contains(#""key":"fp-1""#))
            let reporter = try await t.user([.reporter])
            #expect(try await t.send(.GET, "/api/v1/incidents/\(id)/monitoring", as: reporter).status == .forbidden)
            let journal = try await t.journal(id, as: admin)
            let entry = try #require(journal.first { $0.kind == "monitoring_alert" })
            #expect(entry.details["labels"]?.contains("instance=db1") == true)
            #expect(entry.details["source"] == "http://prom:9090/graph")
            let listed = try await t.send(.GET, "/api/v1/integrations", as: admin).body.string
            #expect(listed.contains(#""received":100"#) && listed.contains(#""filed":1"#) && !listed.contains("rint_"))
            // Unmapped severity: Faible, the template's weak signal.
            _ = try await post(t, integration, Self.alert("fp-2", severity: "page"))
            #expect(try await incidents(t).compactMap(\.severity).sorted() == ["low", "major"])
        }
    }

    @Test("a resolved alert resolves a Faible event, never a major incident; after its end the key opens anew")
    func resolution() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let integration = try await Self.integration(t, as: admin)
            _ = try await post(t, integration, Self.alert("weak"))
            _ = try await post(t, integration, Self.alert("strong", severity: "critical"))
            let weak = try await post(t, integration, Self.alert("weak", status: "resolved"))
            #expect(try weak.decode(OutcomeJSON.self).resolved == 1, "\(weak.body.string)")
            let strong = try await post(t, integration, Self.alert("strong", status: "resolved", severity: "critical"))
            #expect(try strong.decode(OutcomeJSON.self).noted == 1)
            let statuses = Dictionary(
                uniqueKeysWithValues: try await incidents(t).map { ($0.severity ?? "", $0.status) })
            #expect(statuses == ["low": "resolved", "major": "qualified"])
            // Fires again after its event was resolved: a new event.
            let again = try await post(t, integration, Self.alert("weak"))
            #expect(try again.decode(OutcomeJSON.self).filed == 1)
            #expect(try await incidents(t).count == 3)
            // Raised by a person above Faible: a resolved alert is noted, never resolves it.
            _ = try await post(t, integration, Self.alert("raised"))
            let manager = try await t.user([.incidentManager])
            let raisedID = try await t.db.sql().raw(
                "SELECT incident_id FROM monitored_alerts WHERE key = 'raised' AND open"
            ).first()!.decode(column: "incident_id", as: UUID.self)
            _ = try await t.qualify(
                try await t.fetch(raisedID.uuidString, as: manager), as: manager, type: "DiskFull", severity: .minor)
            let raised = try await post(t, integration, Self.alert("raised", status: "resolved"))
            #expect(try raised.decode(OutcomeJSON.self).noted == 1)
            #expect(try await t.fetch(raisedID.uuidString, as: manager).status == "qualified")
            // A resolved alert nothing opened is ignored.
            let stray = try await post(t, integration, Self.alert("never", status: "resolved"))
            #expect(try stray.decode(OutcomeJSON.self).ignored == 1)
        }
    }

    @Test("the same new alert delivered twenty times at once makes one event")
    func concurrent() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let integration = try await Self.integration(t, as: admin)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<20 { group.addTask { try await post(t, integration, Self.alert("storm")).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .ok }, "\(statuses)")
            #expect(try await incidents(t).count == 1)
            let id = try await t.db.sql().raw("SELECT id FROM incidents").first()!.decode(column: "id", as: UUID.self)
            #expect(try await IntegrationStore.alerts(of: id, on: t.db.sql()).first?.count == 20)
        }
    }

    @Test("the generic intake, basic auth with the secret as password")
    func generic() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let integration = try await Self.integration(t, as: admin, kind: "events")
            let basic = Data("monitor:\(integration.secret!)".utf8).base64EncodedString()
            let response = try await t.send(
                .POST, integration.intakeURL, as: nil,
                json: #"{"title":"Sauvegarde échouée","key":"backup-nas","severity":"warning"}"#,
                headers: [("Authorization", "Basic \(basic)")])
            #expect(response.status == .ok, "\(response.body.string)")
            #expect(try await incidents(t).first?.severity == "minor")
        }
    }

    @Test("wrong secrets, bad payloads, oversize bodies, too many deliveries, other roles: refused, nothing recorded")
    func refusals() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let manager = try await t.user([.incidentManager])
            let integration = try await Self.integration(t, as: admin)
            let events = try await Self.integration(t, as: admin, kind: "events")
            let before = try await t.snapshot()
            let url = integration.intakeURL
            let cases: [(String, [(String, String)], String, HTTPStatus, String?)] = [
                (url, [("Authorization", "Bearer rint_wrong")], Self.alert("x"), .unauthorized, nil),
                (url, [], Self.alert("x"), .unauthorized, nil),
                (
                    "/api/v1/intake/alertmanager/\(UUID())", [("Authorization", "Bearer \(integration.secret!)")],
                    Self.alert("x"), .unauthorized, nil
                ),
                (
                    events.intakeURL, [("Authorization", "Bearer \(integration.secret!)")], Self.alert("x"),
                    .unauthorized, nil
                ),
                (
                    url, [("Authorization", "Bearer \(integration.secret!)")],
                    Self.alert("x").replacingOccurrences(of: #""version":"4""#, with: #""version":"3""#), .badRequest,
                    "version"
                ),
                (
                    url, [("Authorization", "Bearer \(integration.secret!)")],
                    Self.alert("").replacingOccurrences(of: "x", with: ""), .badRequest, "alerts[0].fingerprint"
                ),
                (url, [("Authorization", "Bearer \(integration.secret!)")], "{", .badRequest, "$"),
                (
                    url, [("Authorization", "Bearer \(integration.secret!)")], String(repeating: " ", count: 1_100_000),
                    .payloadTooLarge, nil
                ),
            ]
            for (path, headers, body, status, field) in cases {
                let response = try await t.send(.POST, path, as: nil, json: body, headers: headers)
                #expect(response.status == status, "\(path) \(body.prefix(40)): \(response.body.string.prefix(200))")
                if let field { #expect(try response.decode(ErrorJSON.self).error.field == field) }
            }
            #expect(try await t.send(.GET, "/api/v1/integrations", as: manager).status == .forbidden)
            #expect(
                try await t.send(.POST, "/api/v1/integrations", as: manager, json: #"{"name":"x"}"#).status
                    == .forbidden)
            let taken = try await t.send(
                .POST, "/api/v1/integrations", as: admin, json: #"{"name":"Prometheus alertmanager"}"#)
            #expect(taken.status == .conflict)
            let badMapping = try await t.send(
                .POST, "/api/v1/integrations", as: admin, json: #"{"name":"y","mapping":{"critical":"severe"}}"#)
            #expect(badMapping.status == .unprocessableEntity || badMapping.status == .badRequest)
            #expect(try await t.snapshot() == before)

            // More than the integration may deliver in a second: 429 with Retry-After.
            t.app.intakeLimiter = IntakeLimiter(perSecond: 2)
            var answers: [HTTPStatus] = []
            for index in 0..<3 { answers.append(try await post(t, integration, Self.alert("burst-\(index)")).status) }
            #expect(answers == [.ok, .ok, .tooManyRequests])
            let limited = try await post(t, integration, Self.alert("burst-9"))
            #expect(limited.headers.first(name: .retryAfter) == "1")
        }
    }
}
