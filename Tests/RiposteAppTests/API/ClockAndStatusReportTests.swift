import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

struct EscalationFieldsJSON: Decodable {
    let slaPausedSince: Date?
    let slaPausedSeconds: Int
    let expectedRecoveryAt: Date?
    let lastStatusReportAt: Date?
    let version: Int
}

@Suite("SLA clock pauses and status reports")
struct ClockAndStatusReportTests {
    @Test("pausing stops the clock with a reason; resuming adds the paused time") func pauseAndResume() async throws {
        try await withTestApp { t in
            let team = try await t.user([.responseTeam, .helpdeskOperator])
            let incident = try await t.qualify(try await t.report(as: team), as: team, severity: .minor)
            let path = "/api/v1/incidents/\(incident.id)/clock"
            let paused = try await t.send(
                .POST, path, as: team, json: #"{"action":"pause","reason":"Attente du fournisseur"}"#)
            #expect(paused.status == .ok, "\(paused.body.string)")
            #expect(try paused.decode(EscalationFieldsJSON.self).slaPausedSince == t.clock.now())
            t.clock.advance(by: 1_800)
            let resumed = try await t.send(.POST, path, as: team, json: #"{"action":"resume"}"#)
            let fields = try resumed.decode(EscalationFieldsJSON.self)
            #expect(fields.slaPausedSince == nil)
            #expect(fields.slaPausedSeconds == 1_800)
            let journal = try await t.journal(incident.id, as: team)
            #expect(journal.suffix(2).map(\.kind) == ["clock_paused", "clock_resumed"])
            #expect(journal.suffix(2).first?.text == "Attente du fournisseur")
        }
    }

    @Test("clock refusals change nothing") func clockRefusals() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let team = try await t.user([.responseTeam, .helpdeskOperator])
            let incident = try await t.qualify(try await t.report(as: employee), as: team, severity: .minor)
            let path = "/api/v1/incidents/\(incident.id)/clock"
            let before = try await t.snapshot()
            let cases: [(Caller, String, HTTPStatus, String)] = [
                (team, #"{"action":"resume"}"#, .conflict, "clock_not_paused"),
                (team, #"{"action":"pause"}"#, .unprocessableEntity, "reason_required"),
                (team, #"{"action":"stop","reason":"x"}"#, .unprocessableEntity, "invalid"),
                (team, #"{"action":1}"#, .badRequest, "invalid_type"),
                (employee, #"{"action":"pause","reason":"x"}"#, .forbidden, "forbidden"),
            ]
            for (caller, json, status, code) in cases {
                let response = try await t.send(.POST, path, as: caller, json: json)
                #expect(response.status == status, "\(json): \(response.body.string)")
                #expect(try response.apiError().code == code)
            }
            #expect(try await t.snapshot() == before)
            _ = try await t.send(.POST, path, as: team, json: #"{"action":"pause","reason":"x"}"#)
            let twice = try await t.send(.POST, path, as: team, json: #"{"action":"pause","reason":"y"}"#)
            #expect(twice.status == .conflict)
            #expect(try twice.apiError().code == "clock_already_paused")
        }
    }

    @Test("the incident manager reports the situation and the expected recovery") func statusReport() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let incident = try await t.qualify(try await t.report(as: manager), as: manager, severity: .major)
            let expected = t.clock.now().addingTimeInterval(7_200)
            let response = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/status-reports", as: manager,
                json: #"{"situation":"Basculement en cours","expectedRecoveryAt":"\#(expected.formatted(.iso8601))"}"#)
            #expect(response.status == .created, "\(response.body.string)")
            let fields = try response.decode(EscalationFieldsJSON.self)
            #expect(fields.lastStatusReportAt == t.clock.now())
            #expect(fields.expectedRecoveryAt == expected)
            let entry = try #require(try await t.journal(incident.id, as: manager).last)
            #expect(entry.kind == "status_report" && entry.text == "Basculement en cours")
            #expect(entry.details["expectedRecoveryAt"] != nil)
        }
    }

    @Test("status report refusals change nothing") func statusReportRefusals() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let team = try await t.user([.responseTeam, .crisisManager])
            let incident = try await t.qualify(try await t.report(as: manager), as: manager, severity: .major)
            let path = "/api/v1/incidents/\(incident.id)/status-reports"
            let before = try await t.snapshot()
            let cases: [(Caller, String, HTTPStatus, String)] = [
                (team, #"{"situation":"x"}"#, .forbidden, "forbidden"),
                (manager, #"{"situation":" "}"#, .unprocessableEntity, "required"),
                (manager, #"{}"#, .unprocessableEntity, "required"),
                (
                    manager, #"{"situation":"x","expectedRecoveryAt":"2001-01-01T00:00:00Z"}"#, .unprocessableEntity,
                    "out_of_range"
                ),
                (manager, #"{"situation":"x","expectedRecoveryAt":"demain"}"#, .unprocessableEntity, "invalid"),
            ]
            for (caller, json, status, code) in cases {
                let response = try await t.send(.POST, path, as: caller, json: json)
                #expect(response.status == status, "\(json): \(response.body.string)")
                #expect(try response.apiError().code == code)
            }
            #expect(try await t.snapshot() == before)
        }
    }
}
