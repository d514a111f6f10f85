import Fluent
import Foundation
import RiposteCore
import SQLKit
import Testing

@testable import RiposteApp
@testable import RiposteStorage

/// A search's pages are the register's own, filtered: the keyed window on SQLite must agree,
/// page after page, with the plain listing, however many incidents share a millisecond.
@Suite("Search pages read from the register's order")
struct IncidentSearchWindowTests {
    /// 48 incidents, most sharing their millisecond with others; two words in turn.
    func fill(_ t: TestApp, as caller: Caller) async throws -> [String: String] {
        var titles: [String: String] = [:]
        for index in 0..<48 {
            let title = index % 3 == 1 ? "Quixote \(index)" : "Zorglub \(index)"
            titles[try await t.report(as: caller, title: title, description: "Sans objet").number] = title
            if index % 5 == 4 { t.clock.advance(by: 0.001) }
            if index % 11 == 10 { t.clock.advance(by: 2) }
        }
        return titles
    }

    func pages(_ t: TestApp, as caller: Caller, limit: Int, query: String) async throws -> [IncidentSummaryJSON] {
        var seen: [IncidentSummaryJSON] = []
        var cursor: String?
        repeat {
            let path =
                "/api/v1/incidents?limit=\(limit)" + (query.isEmpty ? "" : "&" + query)
                + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try await t.send(.GET, path, as: caller).decode(PageJSON.self)
            #expect(page.items.count == limit || page.nextCursor == nil, "a short page before the last")
            seen += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return seen
    }

    @Test("a search pages through ties in one millisecond as the register does") func ties() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let helpdesk = try await t.user([.helpdeskOperator])
            let titles = try await fill(t, as: employee)
            let register = try await pages(t, as: helpdesk, limit: 200, query: "")
            #expect(register.count == 48)
            let zorglub = register.filter { titles[$0.number]!.hasPrefix("Zorglub") }
            for limit in [1, 2, 3, 4, 7, 50] {
                let found = try await pages(t, as: helpdesk, limit: limit, query: "q=zorglub")
                #expect(found.map(\.number) == zorglub.map(\.number), "limit \(limit)")
            }
            #expect(try await pages(t, as: helpdesk, limit: 3, query: "q=introuvable").isEmpty)
        }
    }

    @Test("a search pages through more matches in one millisecond than it walks past")
    func crowdedMillisecond() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let helpdesk = try await t.user([.helpdeskOperator])
            var matching: Set<String> = []
            for index in 0..<36 {
                let title = index % 12 == 5 ? "Quixote \(index)" : "Zorglub \(index)"
                let number = try await t.report(as: employee, title: title, description: "Sans objet").number
                if title.hasPrefix("Zorglub") { matching.insert(number) }
                // Six, then 24 in one millisecond, then six.
                if index < 6 || index >= 29 { t.clock.advance(by: 0.001) }
            }
            let register = try await pages(t, as: helpdesk, limit: 200, query: "")
            let expected = register.map(\.number).filter(matching.contains)
            #expect(expected.count == 33)
            for limit in [1, 3, 7, 20] {
                let found = try await pages(t, as: helpdesk, limit: limit, query: "q=zorglub")
                #expect(found.map(\.number) == expected, "limit \(limit)")
            }
        }
    }

    @Test("a search's dates bound it to the millisecond") func dates() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let helpdesk = try await t.user([.helpdeskOperator])
            let titles = try await fill(t, as: employee)
            let register = try await pages(t, as: helpdesk, limit: 200, query: "")
            // Bounds on the dates of incidents that share their millisecond with others.
            let from = register[37].reportedAt
            let to = register[8].reportedAt
            let expected = register.filter {
                titles[$0.number]!.hasPrefix("Quixote") && $0.reportedAt >= from && $0.reportedAt <= to
            }
            #expect(!expected.isEmpty)
            let bounds = "from=\(DateCoding.text(from))&to=\(DateCoding.text(to))"
                .replacingOccurrences(of: "+", with: "%2B")
            for limit in [1, 2, 5] {
                let found = try await pages(t, as: helpdesk, limit: limit, query: "q=quixote&" + bounds)
                #expect(found.map(\.number) == expected.map(\.number), "limit \(limit)")
            }
        }
    }

    @Test("a needle is walked by trigrams that cover each of its characters") func trigrams() {
        #expect(IncidentSearchWindow.coveringTrigrams("ransomware") == #""ran" AND "som" AND "war" AND "are""#)
        #expect(IncidentSearchWindow.coveringTrigrams("pare-feu") == #""par" AND "e-f" AND "feu""#)
        #expect(IncidentSearchWindow.coveringTrigrams("abc") == #""abc""#)
        #expect(IncidentSearchWindow.coveringTrigrams("abcdef") == #""abc" AND "def""#)
        #expect(IncidentSearchWindow.coveringTrigrams(#"c"est"#) == #""c""e" AND "est""#)
        #expect(IncidentSearchWindow.coveringTrigrams("réseau") == #""rés" AND "eau""#)
    }

    @Test("an incident holding the trigrams apart is not found") func trigramsApart() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let helpdesk = try await t.user([.helpdeskOperator])
            var holding: [String] = []
            for index in 0..<12 {
                _ = try await t.report(as: employee, title: "ran som war are \(index)", description: "Sans objet")
                let whole = try await t.report(as: employee, title: "Ransomware \(index)", description: "Sans objet")
                holding.insert(whole.number, at: 0)
                t.clock.advance(by: 0.001)
            }
            for limit in [1, 5, 50] {
                let found = try await pages(t, as: helpdesk, limit: limit, query: "q=ransomware")
                #expect(found.map(\.number) == holding, "limit \(limit)")
            }
        }
    }

    @Test("PostgreSQL: the search index migration reverts and applies again") func postgresIndex() async throws {
        try await withTestApp { t in
            guard try t.db.sql().dialect.name == "postgresql" else { return }
            let employee = try await t.user([.reporter])
            let helpdesk = try await t.user([.helpdeskOperator])
            let titles = try await fill(t, as: employee)
            let expected = try await pages(t, as: helpdesk, limit: 200, query: "")
                .filter { titles[$0.number]!.hasPrefix("Quixote") }.map(\.number)
            try await t.db.withConnection { db in
                try await SearchNewestFirstByDistance().revert(on: db)
                #expect(try await pages(t, as: helpdesk, limit: 5, query: "q=quixote").map(\.number) == expected)
                try await SearchNewestFirstByDistance().prepare(on: db)
            }
            #expect(try await pages(t, as: helpdesk, limit: 5, query: "q=quixote").map(\.number) == expected)
        }
    }

    @Test("SQLite: keys written by a filing are those the migration computes") func keys() async throws {
        try await withTestApp { t in
            let sql = try t.db.sql()
            guard sql.dialect.name == "sqlite" else { return }
            let employee = try await t.user([.reporter])
            _ = try await fill(t, as: employee)
            struct Key: Decodable { let number: String, registerKey: Int64 }
            func keys() async throws -> [Key] {
                try await sql.raw("SELECT number, register_key FROM incidents ORDER BY number").all(
                    decoding: Key.self, keyDecodingStrategy: .convertFromSnakeCase)
            }
            let written = try await keys()
            // On one connection, as migrations run: another one would parse against the schema
            // it had cached before the revert.
            try await t.db.withConnection { db in
                try await KeySearchIndexByRegisterOrder().revert(on: db)
                try await KeySearchIndexByRegisterOrder().prepare(on: db)
            }
            let computed = try await keys()
            #expect(written.map(\.number) == computed.map(\.number))
            #expect(written.map(\.registerKey) == computed.map(\.registerKey))
            #expect(Set(written.map(\.registerKey)).count == 48)
            let helpdesk = try await t.user([.helpdeskOperator])
            #expect(try await pages(t, as: helpdesk, limit: 5, query: "q=quixote").count == 16)
        }
    }
}
