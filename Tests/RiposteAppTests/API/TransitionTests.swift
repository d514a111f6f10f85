import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("POST /api/v1/incidents/{id}/transitions")
struct TransitionTests {
    @Test("a minor incident goes from report to review, every step in the journal") func journey() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let helpdesk = try await t.user([.helpdeskOperator])
            let team = try await t.user([.responseTeam])
            let manager = try await t.user([.incidentManager])
            var incident = try await t.qualify(try await t.report(as: employee), as: helpdesk, severity: .minor)
            incident = try await t.move(incident, to: .inTreatment, as: team)
            #expect(incident.stage == 3)
            incident = try await t.move(incident, to: .eradication, as: team)
            t.clock.advance(by: 600)
            incident = try await t.move(incident, to: .resolved, as: team)
            #expect(incident.resolvedAt == t.clock.now())
            // §4.5: the incident manager deactivates the IRP; the response team closes the ticket.
            let refused = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/transitions", as: team, body: ["to": "closed"])
            #expect(refused.status == .conflict)
            #expect(try refused.apiError().code == "irp_still_active")
            let byTeam = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/plans/irp", as: team, body: ["action": "deactivate"])
            #expect(byTeam.status == .forbidden)
            incident = try await t.plan("irp", "deactivate", on: incident, as: manager)
            #expect(incident.plans.map(\.involvement) == ["stood_down"])
            incident = try await t.move(incident, to: .closed, as: team)
            #expect(incident.closedAt == t.clock.now())
            var answers: [String: String] = [:]
            for question in ReviewForm.questions where question.required && question.kind != .prefilled {
                switch question.kind {
                case .yesNo: answers[question.key] = "yes"
                case .choice(let options): answers[question.key] = options[0]
                default: answers[question.key] = "Réponse"
                }
            }
            let review = try await t.send(
                .PUT, "/api/v1/incidents/\(incident.id)/review", as: team, body: ["answers": answers])
            #expect(review.status == .ok)
            incident = try await t.move(try await t.fetch(incident.number, as: team), to: .reviewed, as: team)
            #expect(incident.status == "reviewed")
            #expect(incident.stage == 6)
            let journal = try await t.journal(incident.id, as: team)
            #expect(
                journal.map(\.kind)
                    == ["reported", "qualified"] + Array(repeating: "status_changed", count: 3) + [
                        "plan_deactivated", "status_changed", "review_updated", "status_changed",
                    ])
            #expect(journal.map(\.sequence) == Array(1...9))
            #expect(journal.last?.details["to"] == "reviewed")
            #expect(zip(journal.dropLast(), journal.dropFirst()).allSatisfy { $0.hash == $1.previousHash })
        }
    }

    @Test("reopening and rejecting record their reason") func reasons() async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            let manager = try await t.user([.incidentManager])
            let duplicate = try await t.move(
                try await t.report(as: helpdesk), to: .rejected, as: helpdesk, reason: "Doublon de INC-2026-0001")
            #expect(duplicate.status == "rejected")
            #expect(try await t.journal(duplicate.id, as: helpdesk).last?.text == "Doublon de INC-2026-0001")
            var incident = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .major)
            incident = try await t.move(incident, to: .inTreatment, as: manager)
            incident = try await t.move(incident, to: .resolved, as: manager)
            incident = try await t.move(incident, to: .inTreatment, as: manager, reason: "Panne revenue")
            #expect(incident.resolvedAt == nil)
        }
    }

    @Test("illegal, forbidden and malformed transitions are refused and change nothing") func refusals() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let helpdesk = try await t.user([.helpdeskOperator])
            let major = try await t.qualify(try await t.report(as: employee), as: helpdesk, severity: .major)
            let before = try await t.snapshot()
            let path = "/api/v1/incidents/\(major.id)/transitions"
            let cases: [(Caller, String, HTTPStatus, String, String?)] = [
                (helpdesk, #"{"to":"closed"}"#, .conflict, "illegal_transition", "to"),
                (helpdesk, #"{"to":"qualified"}"#, .conflict, "qualify_instead", "to"),
                (helpdesk, #"{"to":"in_treatment"}"#, .forbidden, "forbidden", nil),
                (employee, #"{"to":"in_treatment"}"#, .forbidden, "forbidden", nil),
                (helpdesk, #"{"to":"rejected"}"#, .unprocessableEntity, "reason_required", "reason"),
                (
                    helpdesk, #"{"to":"rejected","reason":"\#(String(repeating: "r", count: 2001))"}"#,
                    .unprocessableEntity, "too_long", "reason"
                ),
                (helpdesk, #"{"to":"gone"}"#, .unprocessableEntity, "invalid", "to"),
                (helpdesk, #"{"to":7}"#, .badRequest, "invalid_type", "to"),
                (helpdesk, #"{}"#, .unprocessableEntity, "required", "to"),
            ]
            for (caller, json, status, code, field) in cases {
                let response = try await t.send(.POST, path, as: caller, json: json)
                #expect(response.status == status, "\(json): \(response.body.string)")
                let error = try response.apiError()
                #expect(error.code == code, "\(json)")
                #expect(error.field == field, "\(json)")
            }
            #expect(try await t.snapshot() == before)
        }
    }
}
