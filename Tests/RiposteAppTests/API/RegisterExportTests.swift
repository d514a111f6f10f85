import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("The register exported (#16 point 7)")
struct RegisterExportTests {
    /// Cells of a CSV as a spreadsheet reads it: `;`, quotes doubled, CRLF between lines.
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            switch (character, quoted) {
            case ("\"", true) where characters.first == "\"": cell.append("\""); characters.removeFirst()
            case ("\"", _): quoted.toggle()
            case (";", false): row.append(cell); cell = ""
            case ("\r\n", false), ("\n", false): row.append(cell); rows.append(row); (row, cell) = ([], "")
            default: cell.append(character)
            }
        }
        return rows
    }

    @Test("CSV: BOM, the reader's language, the API's listing, formulas neutralised, filters applied")
    func csv() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let formula = try await t.report(as: manager, title: "=HYPERLINK(\"http://x\")", description: "a;b\n\"c\"")
            let qualified = try await t.qualify(
                try await t.report(as: manager, title: "Réseau"), as: manager, severity: .major)
            try await t.send(
                .POST, "/api/v1/incidents/\(qualified.id)/journal", as: manager,
                json: #"{"kind":"action","text":"Redémarrage du routeur"}"#)
            let response = try await t.send(
                .GET, "/api/v1/incidents/export.csv", as: manager, headers: [("Accept-Language", "fr")])
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(response.headers.first(name: "Content-Disposition")?.contains("attachment") == true)
            let text = response.body.string
            #expect(text.hasPrefix("\u{FEFF}Numéro;Date;Type;Description courte;Équipe en charge"))
            let rows = Self.rows(String(text.dropFirst()))
            let listed = try await t.send(.GET, "/api/v1/incidents", as: manager).decode(PageJSON.self).items
            #expect(rows.dropFirst().map { $0[0] } == listed.map(\.number))
            let neutral = try #require(rows.first { $0[0] == formula.number })
            #expect(neutral[3] == "'=HYPERLINK(\"http://x\")")
            #expect(neutral[5] == "a;b\n\"c\"")
            let network = try #require(rows.first { $0[0] == qualified.number })
            #expect(network[9] == "Redémarrage du routeur")
            #expect(network[10] == "Majeur")
            #expect(rows.allSatisfy { $0.count == RegisterExport.columns.count })
            // The list's filters apply; a misspelt one is refused, as by the list.
            let major = try await t.send(.GET, "/api/v1/incidents/export.csv?severity=major", as: manager)
            #expect(Self.rows(major.body.string).dropFirst().map { $0[0] } == [qualified.number])
            #expect(try await t.send(.GET, "/api/v1/incidents/export.csv?satus=x", as: manager).status == .badRequest)
            #expect(try await t.send(.GET, "/api/v1/incidents/export.csv?cursor=x", as: manager).status == .badRequest)
            #expect(
                try await t.send(.GET, "/api/v1/incidents/export.csv?severity=huge", as: manager).status
                    == .unprocessableEntity)
            #expect(try await t.send(.GET, "/api/v1/incidents/export.csv", as: nil).status == .unauthorized)
        }
    }

    @Test("JSON: every incident once, in the register's order, across batches")
    func jsonAcrossBatches() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            for index in 0..<5 {
                t.clock.advance(by: index % 2 == 0 ? 0 : 1)
                _ = try await t.report(as: manager, title: "Incident \(index)")
            }
            let numbers = try await t.send(.GET, "/api/v1/incidents", as: manager).decode(PageJSON.self).items
                .map(\.number)
            var export = RegisterExport(
                filter: IncidentFilter(), database: try t.db.sql(), language: .fr, wording: t.app.catalogue)
            export.batch = 2
            var chunks: [String] = []
            try await export.write(.json) { chunks.append($0) }
            #expect(chunks.count >= 4, "written a batch at a time")
            struct Export: Decodable {
                struct Item: Decodable {
                    let number: String
                    let actions: [String]
                }
                let items: [Item]
            }
            let decoded = try JSONDecoder().decode(Export.self, from: Data(chunks.joined().utf8))
            #expect(decoded.items.map(\.number) == numbers)
            let api = try await t.send(.GET, "/api/v1/incidents/export.json", as: manager)
            #expect(try JSONDecoder().decode(Export.self, from: Data(api.body.string.utf8)).items.count == 5)
        }
    }

    @Test("a reporter may not export: the lines hold the handlers' assessment and actions")
    func reporterRefused() async throws {
        try await withTestApp { t in
            let reporter = try await t.user([.reporter])
            _ = try await t.report(as: reporter, title: "Le mien")
            #expect(try await t.send(.GET, "/api/v1/incidents/export.csv", as: reporter).status == .forbidden)
            #expect(try await t.send(.GET, "/api/v1/incidents/export.json", as: reporter).status == .forbidden)
        }
    }
}
