import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("The register page's data")
struct RegisterPageDataTests {
    static func query(_ fields: [String: String], viewer: ActingPerson) -> RegisterPageData.Query {
        RegisterPageData.Query(
            value: { fields[$0] },
            day: { text in
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(identifier: "UTC")!
                let parts = text.split(separator: "-").compactMap { Int($0) }
                guard parts.count == 3 else { return nil }
                return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
            }, viewer: viewer)
    }

    @Test("a page of the register reads in two statements, whatever its order or search, on both engines")
    func budget() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            var numbers: [String] = []
            for _ in 0..<3 {
                let incident = try await t.inTreatment(.major, as: manager)
                numbers.append(incident.number)
                for text in ["Redémarrage", "Bascule"] {
                    let logged = try await t.send(
                        .POST, "/api/v1/incidents/\(incident.id)/journal", as: manager,
                        json: #"{"kind":"action","text":"\#(text)"}"#)
                    try #require(logged.status == .created)
                }
            }
            let viewer = ActingPerson(id: manager.id, name: "", roles: [.incidentManager])
            for fields in [[:], ["sort": "severity"], ["q": "incident"], ["q": "INC", "severity": "major"]] {
                let sql = CountingSQLDatabase(try t.db.sql())
                let query = Self.query(fields, viewer: viewer)
                let data = try await RegisterPageData.load(query, on: sql)
                #expect(sql.statements <= 2, "\(fields): \(sql.statements) statements")
                #expect(query.problems.isEmpty)
                if fields["q"] != "incident" { #expect(Set(data.rows.map(\.number)) == Set(numbers), "\(fields)") }
                #expect(
                    data.rows.allSatisfy {
                        data.actions[$0.id]?.latest == ["Bascule", "Redémarrage"] && data.actions[$0.id]?.total == 2
                    }, "\(fields)")
            }
        }
    }

    @Test("the query: the API's rules, bad fields named, a reporter's own reports, the next page's link")
    func query() {
        let manager = ActingPerson(id: UUID(), name: "", roles: [.incidentManager])
        let reporter = ActingPerson(id: UUID(), name: "", roles: [.reporter])
        let bad = Self.query(["status": "lost", "from": "yesterday", "q": "a\u{0}b"], viewer: manager)
        #expect(Set(bad.problems.map(\.field)) == ["status", "from", "q"], "a NUL is refused, as by the API")
        #expect(bad.shown.q == "ab")
        #expect(Self.query([:], viewer: reporter).filter.reporterOnly == reporter.id)
        #expect(Self.query([:], viewer: manager).filter.reporterOnly == nil)
        let severe = Self.query(["sort": "severity", "page": "2", "severity": "major"], viewer: manager)
        #expect(severe.filter.bySeverity && severe.filter.offset == 2 * severe.filter.limit)
        let page = RegisterPageData(
            rows: [], cursor: IncidentCursor(reportedAtMilliseconds: 1, id: UUID()), actions: [:])
        #expect(page.next(severe)?.url == "/incidents?severity=major&sort=severity&page=3")
        #expect(RegisterPageData(rows: [], cursor: nil, actions: [:]).next(severe) == nil)
        let dated = Self.query(["to": "2026-12-03"], viewer: manager)
        #expect(abs((dated.filter.to?.timeIntervalSince1970 ?? 0) - (1_796_342_400 - 0.001)) < 0.000_1)
    }
}
