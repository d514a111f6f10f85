import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("The parts of the plan the organisation writes (#20 point 3)")
struct PlanSectionsAPITests {
    struct SectionJSON: Decodable {
        let key: String
        let text: String
    }

    struct SectionsJSON: Decodable {
        let items: [SectionJSON]
    }

    @Test("the administrator writes them; everyone reads them; the draft and the published plan hold them")
    func written() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let reporter = try await t.user([.helpdeskOperator])
            let saved = try await t.send(
                .PUT, "/api/v1/plan/sections/reporting", as: admin,
                json: #"{"text":"  Appelez le **1234** ou écrivez à [la sécurité](mailto:secu@acme.test).\n"}"#)
            #expect(saved.status == .ok, "\(saved.body.string)")
            #expect(try saved.decode(SectionJSON.self).text.hasPrefix("Appelez le **1234**"))
            let all = try await t.send(.GET, "/api/v1/plan/sections", as: reporter).decode(SectionsJSON.self)
            #expect(all.items.map(\.key) == PlanSection.allCases.map(\.rawValue))
            #expect(all.items.first { $0.key == "communication" }?.text == "")
            let one = try await t.send(.GET, "/api/v1/plan/sections/reporting", as: reporter).decode(SectionJSON.self)
            #expect(one.text.contains("mailto:secu@acme.test"))
            let draft = try await t.send(.GET, "/api/v1/plan", as: admin, headers: [("Accept-Language", "en")])
            #expect(draft.body.string.contains("## 8. Reporting an incident"))
            #expect(draft.body.string.contains("Appelez le **1234**"))
            // Cleared by an empty text.
            // A reporter reads the published plan, not the draft's parts.
            let employee = try await t.user([.reporter])
            #expect(try await t.send(.GET, "/api/v1/plan/sections", as: employee).status == .forbidden)
            let cleared = try await t.send(.PUT, "/api/v1/plan/sections/reporting", as: admin, json: #"{"text":""}"#)
            #expect(try cleared.decode(SectionJSON.self).text == "")
        }
    }

    @Test("an unknown part, a text too long or with a NUL, another role: refused, nothing changed")
    func refused() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let manager = try await t.user([.incidentManager])
            let path = "/api/v1/plan/sections/recovery"
            let long = String(repeating: "a", count: PlanSection.maximumLength + 1)
            let cases: [(String, Caller?, String, HTTPStatus)] = [
                ("/api/v1/plan/sections/nonsense", admin, #"{"text":"x"}"#, .notFound),
                (path, admin, #"{"text":"\#(long)"}"#, .unprocessableEntity),
                (path, admin, #"{"text":"a\u0000b"}"#, .unprocessableEntity),
                (path, admin, #"{"text":12}"#, .badRequest),
                (path, manager, #"{"text":"x"}"#, .forbidden),
                (path, nil, #"{"text":"x"}"#, .unauthorized),
            ]
            for (target, caller, body, status) in cases {
                let response = try await t.send(.PUT, target, as: caller, json: body)
                #expect(response.status == status, "\(target) \(body.prefix(30)): \(response.body.string)")
            }
            let all = try await t.send(.GET, "/api/v1/plan/sections", as: manager).decode(SectionsJSON.self)
            #expect(all.items.allSatisfy { $0.text.isEmpty })
        }
    }
}
