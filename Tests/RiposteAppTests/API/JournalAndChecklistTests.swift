import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Journal entries and checklist steps")
struct JournalAndChecklistTests {
    @Test("the team records actions and notes") func addEntries() async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            let team = try await t.user([.responseTeam])
            let incident = try await t.report(as: helpdesk)
            let response = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/journal", as: team,
                json: #"{"kind":"action","text":"Redémarrage du serveur SMTP"}"#)
            #expect(response.status == .created)
            let entry = try response.decode(JournalJSON.self)
            #expect(entry.kind == "action")
            #expect(entry.sequence == 2)
            #expect(entry.authorId == team.id)
            #expect(response.headers.first(name: .eTag) == "\"2\"")
            let note = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/journal", as: helpdesk,
                json: #"{"kind":"note","text":"Client rappelé"}"#)
            #expect(note.status == .created)
            #expect(try await t.fetch(incident.number, as: team).version == 3)
        }
    }

    @Test("journal refusals change nothing") func journalRefusals() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let helpdesk = try await t.user([.helpdeskOperator])
            let incident = try await t.report(as: employee)
            let before = try await t.snapshot()
            let path = "/api/v1/incidents/\(incident.id)/journal"
            let cases: [(Caller, String, HTTPStatus, String)] = [
                (employee, #"{"kind":"note","text":"x"}"#, .forbidden, "forbidden"),
                (helpdesk, #"{"kind":"status_changed","text":"x"}"#, .unprocessableEntity, "invalid"),
                (helpdesk, #"{"kind":"secret","text":"x"}"#, .unprocessableEntity, "invalid"),
                (helpdesk, #"{"kind":"note","text":"  "}"#, .unprocessableEntity, "required"),
                (
                    helpdesk, #"{"kind":"note","text":"\#(String(repeating: "x", count: 10_001))"}"#,
                    .unprocessableEntity, "too_long"
                ),
            ]
            for (caller, json, status, code) in cases {
                let response = try await t.send(.POST, path, as: caller, json: json)
                #expect(response.status == status, "\(response.body.string)")
                #expect(try response.apiError().code == code)
            }
            let unknown = try await t.send(
                .POST, "/api/v1/incidents/\(UUID())/journal", as: helpdesk, json: #"{"kind":"note","text":"x"}"#)
            #expect(unknown.status == .notFound)
            #expect(try await t.snapshot() == before)
        }
    }

    @Test("a step is ticked once, by a named person at a time") func tick() async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            let incident = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .low)
            let step = incident.checklist[1]
            t.clock.advance(by: 60)
            let response = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/checklist/\(step.id)/done", as: helpdesk)
            #expect(response.status == .ok)
            let item = try #require(try response.incident().checklist.first { $0.id == step.id })
            #expect(item.done && item.doneBy == helpdesk.id && item.doneAt == t.clock.now())
            let entry = try #require(try await t.journal(incident.id, as: helpdesk).last)
            #expect(entry.kind == "checklist_step_done" && entry.details["step"] == "low.2")

            let other = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .low)
            let before = try await t.snapshot()
            let again = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/checklist/\(step.id)/done", as: helpdesk)
            #expect(again.status == .conflict)
            #expect(try again.apiError().code == "step_already_done")
            let unknown = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/checklist/\(UUID())/done", as: helpdesk)
            #expect(unknown.status == .notFound)
            let crossed = try await t.send(
                .POST, "/api/v1/incidents/\(other.id)/checklist/\(incident.checklist[0].id)/done", as: helpdesk)
            #expect(crossed.status == .notFound)
            #expect(try await t.snapshot() == before)
        }
    }

    @Test("the helpdesk may not tick a major incident's steps") func forbiddenTick() async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            let incident = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .major)
            let before = try await t.snapshot()
            let response = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/checklist/\(incident.checklist[0].id)/done", as: helpdesk)
            #expect(response.status == .forbidden)
            #expect(try await t.snapshot() == before)
        }
    }
}
