import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Pages: one's calendar feed on the account page")
struct CalendarPageTests {
    @Test("made from the account page, its address shown once and answering; revoked, it answers 404")
    func madeAndRevoked() async throws {
        try await withTestApp { t in
            try await t.person([.incidentManager], email: "im@example.test")
            let browser = try await Browser.signIn(t, email: "im@example.test", password: HandlingPagesTests.password)
            var page = try await browser.get("/account").body.string
            #expect(page.contains("Créer l&#39;adresse"))
            let made = try await browser.post("/account/calendar", [])
            #expect(made.status == .ok)
            let address = try #require(made.body.string.firstMatch(of: /(\/calendar\/rcal_[A-Za-z0-9_\-]+\.ics)/)).1
            #expect(try await t.send(.GET, String(address), as: nil).status == .ok)
            page = try await browser.get("/account").body.string
            #expect(!page.contains(String(address)), "shown once")
            #expect(page.contains("Abonnement actif depuis"))
            let revoked = try await browser.post("/account/calendar/revoke", [])
            #expect(revoked.status == .seeOther)
            #expect(try await t.send(.GET, String(address), as: nil).status == .notFound)
        }
    }
}
