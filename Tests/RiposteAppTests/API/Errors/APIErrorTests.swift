import RiposteCore
import Testing

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
            #expect(!answer.message.isEmpty)
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
        #expect(APIError.refusing(StorageFault("no counter")) == nil)
    }
}
