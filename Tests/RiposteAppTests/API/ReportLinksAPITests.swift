import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("API: report links for clients, suppliers and visitors (#18 point 1)")
struct ReportLinksAPITests {
    struct LinksJSON: Decodable {
        struct Item: Decodable {
            let scope: String
            let partyId: UUID?
            let partyName: String?
            let active: Bool
        }

        let items: [Item]
    }

    struct ErrorJSON: Decodable {
        struct Body: Decodable {
            let code: String
        }

        let error: Body
    }

    @Test("made, listed, renewed and revoked by the administrator; unknown parties and others refused")
    func managed() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let (supplier, client) = try await MessagesAPITests.directory(t)
            let role = try await t.send(
                .POST, "/api/v1/contacts", as: admin,
                json: #"{"kind":"service","name":"Informatique","contacts":[{"rank":"principal","name":"Max"}]}"#)
            let service = try role.decode(MessagesAPITests.PartyJSON.self).id

            let first = try await PublicReportPagesTests.link(t, party: supplier, as: admin)
            let second = try await PublicReportPagesTests.link(t, party: supplier, as: admin)
            #expect(first != second)
            _ = try await PublicReportPagesTests.link(t, party: nil, as: admin)
            let listed = try await t.send(.GET, "/api/v1/report-links", as: admin).decode(LinksJSON.self)
            #expect(listed.items.count == 2)
            #expect(
                listed.items.contains {
                    $0.scope == "party" && $0.partyId == supplier && $0.partyName == "Hébergeur" && $0.active
                })
            #expect(listed.items.contains { $0.scope == "general" && $0.partyId == nil && $0.active })

            for party in [service, UUID()] {
                let refused = try await t.send(.POST, "/api/v1/contacts/\(party)/report-link", as: admin)
                #expect(refused.status == .notFound)
                #expect(try refused.decode(ErrorJSON.self).error.code == "not_found")
            }
            let manager = try await t.user([.incidentManager])
            #expect(try await t.send(.POST, "/api/v1/contacts/\(client)/report-link", as: manager).status == .forbidden)
            #expect(try await t.send(.GET, "/api/v1/report-links", as: manager).status == .forbidden)
            #expect(try await t.send(.DELETE, "/api/v1/report-link", as: manager).status == .forbidden)
            #expect(try await t.send(.POST, "/api/v1/report-link", as: nil).status == .unauthorized)

            #expect(
                try await t.send(.DELETE, "/api/v1/contacts/\(supplier)/report-link", as: admin).status == .noContent)
            let again = try await t.send(.DELETE, "/api/v1/contacts/\(supplier)/report-link", as: admin)
            #expect(again.status == .notFound)
            #expect(try await t.send(.DELETE, "/api/v1/contacts/\(client)/report-link", as: admin).status == .notFound)
            let after = try await t.send(.GET, "/api/v1/report-links", as: admin).decode(LinksJSON.self)
            #expect(after.items.contains { $0.partyId == supplier && !$0.active })

            // The service account its reports are filed by cannot sign in.
            let services = try await t.send(.GET, "/api/v1/users", as: admin).body.string
            #expect(!services.contains("report-link-"))
        }
    }

    @Test("publishing news needs a report from outside: an incident reported inside has none")
    func noReporterOutside() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let incident = try await t.report(as: manager)
            let refused = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/public-updates", as: manager, json: #"{"text":"Bonjour"}"#)
            #expect(refused.status == .notFound)
            let read = try await t.send(.GET, "/api/v1/incidents/\(incident.id)/public-updates", as: manager)
            #expect(read.status == .ok && read.body.string.contains(#""items":[]"#))
            let reporter = try await t.user([.reporter])
            let own = try await t.report(as: reporter)
            #expect(
                try await t.send(.GET, "/api/v1/incidents/\(own.id)/public-updates", as: reporter).status == .forbidden)
        }
    }
}
