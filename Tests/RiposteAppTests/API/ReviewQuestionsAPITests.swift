import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("The organisation's own questions in the post-incident review (#20 point 3)")
struct ReviewQuestionsAPITests {
    struct QuestionsJSON: Decodable {
        struct Item: Decodable {
            let key: String
            let text: String
            let section: String
        }

        let items: [Item]
    }

    struct ReviewJSON: Decodable {
        struct Question: Decodable {
            let key: String
            let section: String
            let kind: String
            let required: Bool
            let text: String?
        }

        let answers: [String: String]
        let complete: Bool
        let questions: [Question]
    }

    @Test("added by the incident manager, asked in their section, answered optionally; retired, kept where answered")
    func asked() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager, .helpdeskOperator])
            let crisis = try await t.user([.crisisManager])
            let incident = try await ReviewAPITests().closedIncident(t, manager: manager, crisis: crisis)
            let saved = try await t.send(
                .PUT, "/api/v1/settings/review-questions", as: manager,
                json:
                    #"{"items":[{"text":"L'assureur a-t-il été prévenu ?","section":"damages"},{"text":"Quel outil a manqué ?","section":"detection"}]}"#
            )
            #expect(saved.status == .ok, "\(saved.body.string)")
            let questions = try saved.decode(QuestionsJSON.self).items
            #expect(questions.map(\.section) == ["damages", "detection"])
            let path = "/api/v1/incidents/\(incident.id)/review"
            let review = try await t.send(.GET, path, as: manager).decode(ReviewJSON.self)
            let added = review.questions.filter { $0.text != nil }
            #expect(added.map(\.key) == [questions[1].key, questions[0].key], "in the form's order of sections")
            #expect(added.allSatisfy { $0.kind == "text" && !$0.required })
            #expect(review.questions.last?.key == "misc.notes")

            let answered = try await t.send(
                .PUT, path, as: manager, body: ["answers": [questions[0].key: "Oui, le lendemain"]])
            #expect(answered.status == .ok, "\(answered.body.string)")
            // Retired: the review that answered it keeps it with its answer; a new review does not show it.
            let retired = try await t.send(
                .PUT, "/api/v1/settings/review-questions", as: manager,
                json:
                    #"{"items":[{"key":"\#(questions[1].key)","text":"Quel outil de détection a manqué ?","section":"detection"}]}"#
            )
            #expect(try retired.decode(QuestionsJSON.self).items.map(\.key) == [questions[1].key])
            let kept = try await t.send(.GET, path, as: manager).decode(ReviewJSON.self)
            #expect(kept.answers[questions[0].key] == "Oui, le lendemain")
            #expect(
                kept.questions.contains { $0.key == questions[0].key && $0.text == "L'assureur a-t-il été prévenu ?" })
            #expect(kept.questions.contains { $0.text == "Quel outil de détection a manqué ?" })
            // Saved again with the retired answer: still accepted.
            let again = try await t.send(.PUT, path, as: manager, body: ["answers": kept.answers])
            #expect(again.status == .ok, "\(again.body.string)")
        }
    }

    @Test("bad lists are refused with the field's path, by role; unknown answers too; nothing changes")
    func refused() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let helpdesk = try await t.user([.helpdeskOperator])
            let before = try await t.snapshot()
            let cases: [(Caller?, String, HTTPStatus, String?)] = [
                (manager, #"{"items":[{"text":" ","section":"misc"}]}"#, .unprocessableEntity, "items[0].text"),
                (manager, #"{"items":[{"text":"a","section":"nowhere"}]}"#, .unprocessableEntity, "items[0].section"),
                (
                    manager, #"{"items":[{"key":"extra.x","text":"a","section":"misc"}]}"#, .unprocessableEntity,
                    "items[0].key"
                ),
                (
                    manager, #"{"items":[{"text":"a","section":"misc"},{"text":"a","section":"misc"}]}"#,
                    .unprocessableEntity, "items[1].text"
                ),
                (manager, #"{"items":{"text":"a"}}"#, .badRequest, nil),
                (helpdesk, #"{"items":[]}"#, .forbidden, nil),
                (nil, #"{"items":[]}"#, .unauthorized, nil),
            ]
            for (caller, body, status, field) in cases {
                let response = try await t.send(.PUT, "/api/v1/settings/review-questions", as: caller, json: body)
                #expect(response.status == status, "\(body): \(response.body.string)")
                if let field { #expect(try response.decode(ErrorJSON.self).error.field == field, "\(body)") }
            }
            #expect(try await t.snapshot() == before)
            let reporter = try await t.user([.reporter])
            #expect(try await t.send(.GET, "/api/v1/settings/review-questions", as: reporter).status == .forbidden)
        }
    }
}
