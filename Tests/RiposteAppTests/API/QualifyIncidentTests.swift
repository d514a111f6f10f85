import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("POST /api/v1/incidents/{id}/qualify")
struct QualifyIncidentTests {
    @Test("the helpdesk qualifies: type, severity, checklist and journal") func qualify() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let helpdesk = try await t.user([.helpdeskOperator])
            let reported = try await t.report(as: employee)
            let response = try await t.send(
                .POST, "/api/v1/incidents/\(reported.number)/qualify", as: helpdesk,
                json: #"{"type":"messagerie","severity":"minor","team":"Support N1"}"#)
            #expect(response.status == .ok)
            let incident = try response.incident()
            #expect(incident.status == "qualified")
            #expect(incident.severity == "minor")
            #expect(incident.team == "Support N1")
            #expect(incident.qualifiedAt == t.clock.now())
            #expect(incident.version == 2)
            #expect(incident.checklist.map(\.key) == ["minor.1", "minor.2", "minor.3", "minor.4", "minor.5"])
            let entry = try #require(try await t.journal(incident.id, as: helpdesk).last)
            #expect(entry.kind == "qualified")
            // The operator's qualification told the helpdesk manager, recorded for a later downgrade.
            #expect(
                entry.details == [
                    "type": "messagerie", "severity": "minor", "team": "Support N1", "notify": "helpdesk_manager",
                    "owner": helpdesk.id.uuidString, "ownerName": "Test [\"helpdesk_operator\"]",
                ])
            // Whoever qualifies it owns it (#16 point 1), recorded on the qualification's entry.
            #expect(incident.ownerId == helpdesk.id)
        }
    }

    @Test("escalating to major keeps the ticked steps and brings the nine steps of §4.2.3") func requalify()
        async throws
    {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            let manager = try await t.user([.incidentManager])
            let minor = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor)
            let first = minor.checklist[0]
            let ticked = try await t.send(
                .POST, "/api/v1/incidents/\(minor.id)/checklist/\(first.id)/done", as: helpdesk)
            #expect(ticked.status == .ok)
            let major = try await t.qualify(minor, as: manager, severity: .major)
            #expect(major.status == "qualified")
            #expect(major.checklist.filter { $0.key.hasPrefix("minor.") }.map(\.key) == ["minor.1"])
            #expect(major.checklist.filter { $0.key.hasPrefix("major.") }.count == 9)
            let entry = try #require(try await t.journal(major.id, as: manager).last)
            #expect(entry.kind == "requalified")
            #expect(entry.details["previousSeverity"] == "minor")
            #expect(entry.details["severity"] == "major")
        }
    }

    @Test("refusals change nothing") func refusals() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let helpdesk = try await t.user([.helpdeskOperator])
            let incident = try await t.qualify(try await t.report(as: employee), as: helpdesk, severity: .minor)
            let before = try await t.snapshot()
            let path = "/api/v1/incidents/\(incident.id)/qualify"
            let cases: [(Caller, String, [(String, String)], HTTPStatus, String)] = [
                (employee, #"{"type":"x","severity":"major"}"#, [], .forbidden, "forbidden"),
                (helpdesk, #"{"type":"x","severity":"major"}"#, [], .forbidden, "forbidden"),
                (helpdesk, #"{"type":"x","severity":"apocalypse"}"#, [], .unprocessableEntity, "invalid"),
                (helpdesk, #"{"type":"","severity":"minor"}"#, [], .unprocessableEntity, "required"),
                (helpdesk, #"{"severity":"minor"}"#, [], .unprocessableEntity, "required"),
                (helpdesk, #"{"type":["x"],"severity":"minor"}"#, [], .badRequest, "invalid_type"),
            ]
            for (caller, json, headers, status, code) in cases {
                let response = try await t.send(.POST, path, as: caller, json: json, headers: headers)
                #expect(response.status == status, "\(json): \(response.body.string)")
                #expect(try response.apiError().code == code)
            }
            let manager = try await t.user([.incidentManager])
            let unchanged = try await t.send(
                .POST, path, as: manager, json: #"{"type":"messagerie","severity":"minor"}"#)
            #expect(unchanged.status == .conflict)
            #expect(try unchanged.apiError().code == "unchanged")
            let stale = try await t.send(
                .POST, path, as: manager, json: #"{"type":"x","severity":"major"}"#, headers: [("If-Match", "\"1\"")])
            #expect(stale.status == .preconditionFailed)
            #expect(try stale.apiError().code == "precondition_failed")
            let garbage = try await t.send(
                .POST, path, as: manager, json: #"{"type":"x","severity":"major"}"#,
                headers: [("If-Match", "yesterday")])
            #expect(garbage.status == .preconditionFailed)
            let missing = try await t.send(
                .POST, "/api/v1/incidents/INC-1999-0001/qualify", as: manager, json: #"{"type":"x","severity":"major"}"#
            )
            #expect(missing.status == .notFound)
            #expect(try await t.snapshot() == before)
        }
    }

    @Test("the current ETag is accepted") func currentETag() async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            let incident = try await t.report(as: helpdesk)
            let response = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/qualify", as: helpdesk,
                json: #"{"type":"x","severity":"low"}"#, headers: [("If-Match", "\"1\"")])
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .eTag) == "\"2\"")
        }
    }
}
