import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

/// #15 point 2 through the API, on both engines.
@Suite("Escalating to the incident manager (API)")
struct EscalationAPITests {
    @Test("the operator escalates with a note: 201, journalled, the incident managers told, not the others")
    func escalates() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let crisis = try await t.user([.crisisManager])
            let operator_ = try await t.user([.helpdeskOperator])
            let incident = try await t.qualify(try await t.report(as: operator_), as: operator_, severity: .low)
            let response = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/escalations", as: operator_,
                body: ["note": "Le serveur de fichiers tombe aussi"])
            #expect(response.status == .created, "\(response.body.string)")
            #expect(response.headers.first(name: .eTag) != nil)
            let entry = try #require(try await t.journal(incident.id, as: manager).last)
            #expect(entry.kind == "escalated_to_manager")
            #expect(entry.text == "Le serveur de fichiers tombe aussi")
            #expect(entry.authorId == operator_.id)
            let told = try await t.notifications(of: manager).items
            #expect(told.map(\.event) == ["escalated_to_manager"])
            #expect(told.first?.incidentNumber == incident.number)
            #expect(
                told.first?.text.contains("Le serveur de fichiers tombe aussi") == true, "the note is in the message")
            #expect(try await t.notifications(of: crisis).items.isEmpty)
        }
    }

    @Test(
        "refused: not the helpdesk (403), a finished incident (409), no note or too long (422), unknown (404); nothing changes"
    )
    func refusals() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let operator_ = try await t.user([.helpdeskOperator])
            let open = try await t.qualify(try await t.report(as: operator_), as: operator_, severity: .low)
            let rejected = try await t.move(
                try await t.report(as: operator_), to: .rejected, as: operator_, reason: "doublon")
            let before = try await t.snapshot()
            let cases: [(Caller, UUID, String, HTTPStatus, String)] = [
                (manager, open.id, #"{"note":"n"}"#, .forbidden, "forbidden"),
                (operator_, rejected.id, #"{"note":"n"}"#, .conflict, "incident_finished"),
                (operator_, open.id, #"{"note":"   "}"#, .unprocessableEntity, "required"),
                (operator_, open.id, #"{}"#, .unprocessableEntity, "required"),
                (
                    operator_, open.id, "{\"note\":\"\(String(repeating: "x", count: 2001))\"}", .unprocessableEntity,
                    "too_long"
                ),
                (operator_, open.id, #"{"note":12}"#, .badRequest, "invalid_type"),
                (operator_, UUID(), #"{"note":"n"}"#, .notFound, "not_found"),
            ]
            for (caller, id, json, status, code) in cases {
                let response = try await t.send(.POST, "/api/v1/incidents/\(id)/escalations", as: caller, json: json)
                #expect(response.status == status, "\(json): \(response.body.string)")
                #expect(try response.apiError().code == code, "\(json)")
            }
            #expect(try await t.snapshot() == before)
        }
    }
}
