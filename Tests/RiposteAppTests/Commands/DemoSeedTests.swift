import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("riposte demo (#19 point 3)")
struct DemoSeedTests {
    @Test("an empty database gets the organisation, its people and incidents at every stage, on both engines")
    func fills() async throws {
        try await withTestApp { t in
            let sql = try t.db.sql()
            #expect(try await DemoSeed.isEmpty(on: sql))
            let seed = DemoSeed(app: t.app, language: .nl, now: t.clock.now())
            #expect(try await seed.fill(password: "a long demo passphrase") == DemoScenario.incidents.count)
            #expect(try await !DemoSeed.isEmpty(on: sql))
            #expect(try await OrganisationStore.settings(on: sql)?.name == "Bakkerij Dupont (demo)")
            let people = try await PeopleStore.all(on: sql)
            #expect(people.count == DemoScenario.people.count)
            #expect(Set(people.flatMap(\.roles)) == Set(Role.allCases))
            var statuses: [String: String] = [:]
            for row in try await sql.raw("SELECT title, status FROM incidents").all() {
                statuses[try row.decode(column: "title", as: String.self)] = try row.decode(
                    column: "status", as: String.self)
            }
            #expect(statuses["Muis reageert niet meer"] == "rejected")
            #expect(statuses["VPN onbeschikbaar voor de verkopers"] == "closed")
            #expect(statuses["Website onbereikbaar"] == "resolved")
            #expect(statuses["Bestanden versleuteld op de bestandsserver"] == "eradication")
            #expect(statuses["Printer aan het onthaal defect"] == "reported")
            #expect(Set(statuses.values).count == 7)
            // Every change went through the journal: its chains hold.
            let report = try await JournalVerifier(database: t.db).verifyAll()
            #expect(report.firstBreak == nil && report.incidents == DemoScenario.incidents.count)
            #expect(report.entries > 20)
            // The password works for everyone.
            _ = try await Browser.signIn(t, email: "crisis@demo.example", password: "a long demo passphrase")

            await #expect(throws: CommandFailure.self) {
                _ = try await DemoSeed(app: t.app, language: .fr, now: t.clock.now()).fill(password: "another one")
            }
            #expect(try await PeopleStore.all(on: sql).count == DemoScenario.people.count, "nothing written twice")
        }
    }
}
