import Testing

@testable import RiposteCore

@Suite("Refusals")
struct RefusalTests {
    @Test("codes are the API's stable ones, whatever the subject")
    func codes() {
        #expect(Refusal.notFound(.incident).code == "not_found")
        #expect(Refusal.notFound(.followUp).code == "not_found")
        #expect(Refusal.stale.code == "precondition_failed")
        #expect(Refusal.unauthenticated.code == "unauthorized")
        #expect(Refusal.notTheReporter.code == "forbidden")
        #expect(Refusal.alreadyExists(.party, field: "partyId").code == "already_exists")
        #expect(Refusal.lastAdministrator.code == "last_admin")
        #expect(Refusal.ownAccount.code == "invalid")
    }

    @Test("the field at fault is named when there is one")
    func fields() {
        #expect(Refusal.alreadyExists(.user, field: "email").field == "email")
        #expect(Refusal.lastAdministrator.field == "roles")
        #expect(Refusal.notFound(.document).field == nil)
        #expect(Refusal.stale.field == nil)
    }
}
