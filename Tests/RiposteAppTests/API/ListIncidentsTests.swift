import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("GET /api/v1/incidents")
struct ListIncidentsTests {
    /// Every page of a listing, following `nextCursor`, each no longer than `limit`.
    func allPages(_ t: TestApp, as caller: Caller, limit: Int, query: String = "") async throws -> [String] {
        var seen: [String] = []
        var cursor: String?
        repeat {
            let path = "/api/v1/incidents?limit=\(limit)\(query)" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try await t.send(.GET, path, as: caller).decode(PageJSON.self)
            #expect(page.items.count <= limit)
            seen += page.items.map(\.number)
            cursor = page.nextCursor
        } while cursor != nil
        return seen
    }

    @Test("the register lists newest first, page by page, with nothing missed or repeated") func pagination()
        async throws
    {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let helpdesk = try await t.user([.helpdeskOperator])
            var numbers: [String] = []
            for index in 0..<7 {
                numbers.append(try await t.report(as: employee, title: "Incident \(index)").number)
                // Two share each millisecond, so the id breaks ties.
                if index % 2 == 1 { t.clock.advance(by: 1) }
            }
            let seen = try await allPages(t, as: helpdesk, limit: 3)
            #expect(Set(seen) == Set(numbers))
            #expect(seen.count == numbers.count)
            let dates = try await t.send(.GET, "/api/v1/incidents?limit=200", as: helpdesk).decode(PageJSON.self).items
                .map(\.reportedAt)
            #expect(dates == dates.sorted(by: >))
        }
    }

    @Test("filters by status, severity, type and dates") func filters() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let helpdesk = try await t.user([.helpdeskOperator])
            let old = try await t.report(as: employee, title: "Ancien")
            t.clock.advance(by: 86_400)
            let minor = try await t.qualify(
                try await t.report(as: employee), as: helpdesk, type: "réseau", severity: .minor)
            let major = try await t.qualify(
                try await t.report(as: employee), as: helpdesk, type: "messagerie", severity: .major)

            func numbers(_ query: String) async throws -> Set<String> {
                Set(
                    try await t.send(.GET, "/api/v1/incidents?\(query)", as: helpdesk).decode(PageJSON.self).items.map(
                        \.number))
            }
            #expect(try await numbers("status=reported") == [old.number])
            #expect(try await numbers("severity=major") == [major.number])
            #expect(try await numbers("type=r%C3%A9seau") == [minor.number])
            let since = (t.clock.now().addingTimeInterval(-3600)).formatted(.iso8601)
            #expect(try await numbers("from=\(since)") == [minor.number, major.number])
            #expect(try await numbers("to=\(since)") == [old.number])
        }
    }

    @Test("text search ignores case and accents and finds numbers") func search() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let helpdesk = try await t.user([.helpdeskOperator])
            let mail = try await t.report(as: employee, title: "Messagerie ÉTEINTE", description: "Le serveur Exchange")
            _ = try await t.report(as: employee, title: "Imprimante", description: "Bourrage 100%")
            func numbers(_ q: String) async throws -> [String] {
                let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q
                return try await t.send(.GET, "/api/v1/incidents?q=\(encoded)", as: helpdesk).decode(PageJSON.self)
                    .items.map(\.number)
            }
            #expect(try await numbers("eteinte") == [mail.number])
            #expect(try await numbers("exchange") == [mail.number])
            #expect(try await numbers(mail.number.lowercased()) == [mail.number])
            #expect(try await numbers("0%").count == 1)
            #expect(try await numbers("100%").count == 1)
            #expect(try await numbers("00_").isEmpty)
            #expect(try await numbers("_").isEmpty)
            let quoted = try await t.report(
                as: employee, title: #"Disque "C" plein"#, description: #"Chemin C:\Temp\x"#)
            #expect(try await numbers(#""c""#) == [quoted.number])
            #expect(try await numbers(#"c:\temp"#) == [quoted.number])
            #expect(try await numbers("introuvable").isEmpty)
        }
    }

    @Test("a search pages like the register: newest first, with its filters, nothing missed or repeated")
    func searchPagination() async throws {
        try await withTestApp { t in
            let employee = try await t.user([.reporter])
            let helpdesk = try await t.user([.helpdeskOperator])
            var matching: [String] = []
            for index in 0..<9 {
                let title = index % 3 == 2 ? "Imprimante \(index)" : "Panne du pare-feu \(index)"
                let incident = try await t.report(as: employee, title: title)
                if index % 3 != 2 { matching.append(incident.number) }
                t.clock.advance(by: 1)
            }
            let qualified = try await t.qualify(
                try await t.report(as: employee, title: "Pare-feu saturé"), as: helpdesk, severity: .minor)
            func pages(_ query: String) async throws -> [String] {
                try await allPages(t, as: helpdesk, limit: 2, query: "&" + query)
            }
            // Newest first: the order of filing, reversed.
            #expect(try await pages("q=pare-feu") == ([qualified.number] + matching.reversed()))
            #expect(try await pages("q=pare-feu&status=reported") == matching.reversed())
            #expect(try await pages("q=pare-feu&severity=minor") == [qualified.number])
            #expect(try await pages("q=introuvable").isEmpty)
        }
    }

    @Test("someone who only reports sees only their own incidents") func reporterScope() async throws {
        try await withTestApp { t in
            let alice = try await t.user([.reporter])
            let bob = try await t.user([.reporter])
            let mine = try await t.report(as: alice)
            _ = try await t.report(as: bob)
            let page = try await t.send(.GET, "/api/v1/incidents", as: alice).decode(PageJSON.self)
            #expect(page.items.map(\.number) == [mine.number])
        }
    }

    static let badQueries: [(String, String, String)] = [
        ("limit=0", "out_of_range", "limit"),
        ("limit=201", "out_of_range", "limit"),
        ("limit=ten", "invalid", "limit"),
        ("to=", "invalid", "to"),
        ("status=open", "invalid", "status"),
        ("severity=huge", "invalid", "severity"),
        ("from=monday", "invalid", "from"),
        ("cursor=%21%21", "invalid", "cursor"),
        ("q=\(String(repeating: "a", count: 201))", "too_long", "q"),
    ]

    @Test(
        "unknown parameters are refused rather than ignored", arguments: ["satus=open", "=true", "status=reported&x=1"])
    func unknownParameters(query: String) async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            let response = try await t.send(.GET, "/api/v1/incidents?\(query)", as: helpdesk)
            #expect(response.status == .badRequest)
            #expect(try response.apiError().code == "invalid_parameter")
        }
    }

    @Test("bad parameters get 422 naming the parameter", arguments: badQueries)
    func badParameters(query: String, code: String, field: String) async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            let response = try await t.send(.GET, "/api/v1/incidents?\(query)", as: helpdesk)
            #expect(response.status == .unprocessableEntity)
            let error = try response.apiError()
            #expect(error.code == code)
            #expect(error.field == field)
        }
    }
}
