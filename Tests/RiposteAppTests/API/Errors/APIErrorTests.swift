import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Refusals as the API answers them")
struct APIErrorTests {
    static let refusals: [Refusal] =
        Refusal.Subject.allCases.map { Refusal.notFound($0) } + [
            .stale, .unauthenticated, .notTheReporter, .alreadyExists(.user, field: "email"), .lastAdministrator,
            .ownAccount,
        ]

    @Test("every refusal keeps its code and field, with a status that says which kind it is")
    func statuses() {
        for refusal in Self.refusals {
            let answer = APIError(refusal)
            #expect(answer.code == refusal.code)
            #expect(answer.field == refusal.field)
            #expect(APIError.allCodes.contains(answer.code), "\(answer.code)")
        }
        #expect(APIError(.notFound(.incident)).status == .notFound)
        #expect(APIError(.stale).status == .preconditionFailed)
        #expect(APIError(.unauthenticated).status == .unauthorized)
        #expect(APIError(.notTheReporter).status == .forbidden)
        #expect(APIError(.alreadyExists(.party, field: "name")).status == .conflict)
        #expect(APIError(.lastAdministrator).status == .conflict)
    }

    @Test("the refusals of every layer are answered; a fault is not a refusal")
    func refusing() {
        #expect(APIError.refusing(Refusal.stale)?.status == .preconditionFailed)
        #expect(APIError.refusing(FieldError(field: "title", problem: .required))?.field == "title")
        #expect(APIError.refusing(LifecycleError.clockNotPaused)?.code == "clock_not_paused")
        #expect(APIError.refusing(StorageFault.counterMissing(year: 2026)) == nil)
    }

    @Test("the message is the catalogue's, in the client's language, English by default")
    func language() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let plain = try await t.send(.GET, "/api/v1/incidents/INC-2026-9999", as: admin)
            #expect(plain.status == .notFound)
            #expect(try plain.apiError().message == "Incident not found.")
            let dutch = try await t.send(
                .GET, "/api/v1/incidents/INC-2026-9999", as: admin, headers: [("Accept-Language", "nl-BE, fr;q=0.5")])
            #expect(try dutch.apiError().message == "Incident niet gevonden.")
            let field = try await t.send(
                .POST, "/api/v1/incidents", as: admin, json: #"{"description":"x"}"#,
                headers: [("Accept-Language", "fr")])
            #expect(field.status == .unprocessableEntity)
            #expect(try field.apiError().message == "title est obligatoire.")
        }
    }
}
