import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Concurrent updates of one incident")
struct ConcurrencyTests {
    @Test("with the same If-Match, exactly one wins and the others get 412") func sameIfMatch() async throws {
        try await withTestApp { t in
            let team = try await t.user([.responseTeam, .helpdeskOperator])
            let incident = try await t.report(as: team)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        try await t.send(
                            .POST, "/api/v1/incidents/\(incident.id)/journal", as: team,
                            json: #"{"kind":"note","text":"écrivain \#(index)"}"#, headers: [("If-Match", "\"1\"")]
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .preconditionFailed }.count == 11)
            let journal = try await t.journal(incident.id, as: team)
            #expect(journal.map(\.sequence) == [1, 2])
            #expect(try await t.fetch(incident.number, as: team).version == 2)
        }
    }

    @Test("without If-Match, every update is applied in turn, none lost") func serialised() async throws {
        try await withTestApp { t in
            let team = try await t.user([.responseTeam])
            let incident = try await t.report(as: team)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<16 {
                    group.addTask {
                        try await t.send(
                            .POST, "/api/v1/incidents/\(incident.id)/journal", as: team,
                            json: #"{"kind":"action","text":"action \#(index)"}"#
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .created }, "\(statuses)")
            let journal = try await t.journal(incident.id, as: team)
            #expect(journal.map(\.sequence) == Array(1...17))
            #expect(Set(journal.dropFirst().map(\.text)).count == 16)
            #expect(
                JournalVerifier.firstBreak(
                    in: try await t.db.sql().raw("SELECT \(JournalRow.columns) FROM journal_entries ORDER BY sequence")
                        .all()
                        .map(JournalRow.init))
                    == nil)
            #expect(try await t.fetch(incident.number, as: team).version == 17)
        }
    }

    @Test("concurrent reports get distinct consecutive numbers") func concurrentNumbers() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let numbers = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<20 {
                    group.addTask { try await t.report(as: employee, title: "Rapport \(index)").number }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let year = Calendar.utc.component(.year, from: t.clock.now())
            #expect(Set(numbers) == Set((1...20).map { IncidentNumber(year: year, sequence: $0).description }))
        }
    }

    struct Draft: Encodable {
        let title: String
        let description: String
        let impactedActivityIds: [UUID]
    }

    @Test("concurrent reports filed together keep each their own row, activities and journal")
    func concurrentReportsStayApart() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let activities = [try await t.activity("Paie"), try await t.activity("Facturation")]
            let filed = try await withThrowingTaskGroup(of: (Int, IncidentJSON).self) { group in
                for index in 0..<24 {
                    group.addTask {
                        let body = Draft(
                            title: "Rapport \(index)", description: "Détail \(index)",
                            impactedActivityIds: Array(activities.prefix(index % 3)))
                        let response = try await t.send(.POST, "/api/v1/incidents", as: employee, body: body)
                        try #require(response.status == .created, "\(response.body.string)")
                        return (index, try response.incident())
                    }
                }
                return try await group.reduce(into: [Int: IncidentJSON]()) { $0[$1.0] = $1.1 }
            }
            #expect(filed.count == 24)
            for (index, incident) in filed {
                let stored = try await t.fetch(incident.number, as: employee)
                #expect(stored.title == "Rapport \(index)")
                #expect(stored.description == "Détail \(index)")
                #expect(stored.impactedActivityIds.sorted() == Array(activities.prefix(index % 3)).sorted())
                let journal = try await t.journal(incident.id, as: employee)
                #expect(journal.map(\.text) == ["Détail \(index)"])
            }
            let verified = try await JournalVerifier(database: t.db).verifyAll()
            #expect(verified.incidents == 24 && verified.entries == 24 && verified.firstBreak == nil)
        }
    }
}
