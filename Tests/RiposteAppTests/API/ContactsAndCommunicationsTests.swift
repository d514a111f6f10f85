import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Contacts and communications (API)")
struct ContactsAndCommunicationsTests {
    struct DirectoryJSON: Decodable {
        struct Party: Decodable {
            let id: UUID
            let kind: String
            let name: String
            let contacts: [Contact]
        }

        struct Contact: Decodable {
            let rank: String
            let name: String
            let phone: String?
        }

        struct Gap: Decodable {
            let kind: String
            let name: String
            let contacts: Int
        }

        let items: [Party]
        let gaps: [Gap]
    }

    struct CommunicationJSON: Decodable {
        let audience: String
        let media: String
        let source: String
        let at: Date
    }

    struct CommunicationPageJSON: Decodable {
        let items: [CommunicationJSON]
    }

    @Test("the admin keeps the directory; gaps list what lacks a principal and a backup") func directory() async throws
    {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let manager = try await t.user([.incidentManager])
            let created = try await t.send(
                .POST, "/api/v1/contacts", as: admin,
                json: """
                    {"kind":"role","name":"crisis_manager","contacts":[
                      {"rank":"principal","name":"Claire","phone":"+32 2 123 45 67"},
                      {"rank":"backup","name":"Bruno","email":"bruno@example.test"}]}
                    """)
            #expect(created.status == .created, "\(created.body.string)")
            _ = try await t.send(
                .POST, "/api/v1/contacts", as: admin,
                json:
                    #"{"kind":"supplier","name":"Hébergeur","contractReference":"C-12","contacts":[{"rank":"principal","name":"Sam"}]}"#
            )
            let page = try await t.send(.GET, "/api/v1/contacts", as: manager)
            #expect(page.status == .ok)
            let directory = try page.decode(DirectoryJSON.self)
            #expect(directory.items.map(\.name) == ["crisis_manager", "Hébergeur"])
            #expect(directory.items.first?.contacts.map(\.rank) == ["principal", "backup"])
            #expect(!directory.gaps.contains { $0.name == "crisis_manager" })
            #expect(directory.gaps.contains { $0.name == "Hébergeur" && $0.contacts == 1 })
            #expect(directory.gaps.contains { $0.name == "continuity_manager" && $0.contacts == 0 })
            let before = try await t.snapshot()
            let refusals: [(Caller, String, HTTPStatus, String)] = [
                (manager, #"{"kind":"client","name":"Ville","contacts":[]}"#, .forbidden, "forbidden"),
                (admin, #"{"kind":"role","name":"chief","contacts":[]}"#, .unprocessableEntity, "invalid"),
                (admin, #"{"kind":"supplier","name":"Hébergeur","contacts":[]}"#, .conflict, "already_exists"),
                (
                    admin,
                    #"{"kind":"client","name":"X","contacts":[{"rank":"principal","name":"A","phone":"call me"}]}"#,
                    .unprocessableEntity, "invalid"
                ),
                (
                    admin, #"{"kind":"client","name":"X","contacts":[{"rank":"principal","name":"A","email":"nope"}]}"#,
                    .unprocessableEntity, "invalid"
                ),
                (admin, #"{"kind":"planet","name":"X","contacts":[]}"#, .unprocessableEntity, "invalid"),
            ]
            for (caller, json, status, code) in refusals {
                let response = try await t.send(.POST, "/api/v1/contacts", as: caller, json: json)
                #expect(response.status == status, "\(json): \(response.body.string)")
                #expect((try? response.apiError().code) == code, "\(json)")
            }
            let id = try #require(directory.items.last?.id)
            #expect(try await t.send(.DELETE, "/api/v1/contacts/\(id)", as: manager).status == .forbidden)
            #expect(try await t.snapshot() == before)
            let replaced = try await t.send(
                .PUT, "/api/v1/contacts/\(id)", as: admin,
                json:
                    #"{"kind":"supplier","name":"Hébergeur","contacts":[{"rank":"principal","name":"Sam"},{"rank":"backup","name":"Lou"}]}"#
            )
            #expect(replaced.status == .ok)
            #expect(try await t.send(.DELETE, "/api/v1/contacts/\(id)", as: admin).status == .noContent)
            #expect(try await t.send(.DELETE, "/api/v1/contacts/\(id)", as: admin).status == .notFound)
        }
    }

    @Test("communications are logged, journalled, and listed with Riposte's deliveries") func communications()
        async throws
    {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let reporter = try await t.user([.reporter])
            let incident = try await t.qualify(try await t.report(as: reporter), as: manager, severity: .major)
            let path = "/api/v1/incidents/\(incident.id)/communications"
            let sent = try await t.send(
                .POST, path, as: manager,
                json: #"{"direction":"external","audience":"Clients","media":"website","summary":"Bannière publiée"}"#)
            #expect(sent.status == .created, "\(sent.body.string)")
            #expect(try await t.journal(incident.id, as: manager).last?.kind == "communication")
            let before = try await t.snapshot()
            let future = Date(timeIntervalSinceNow: 86_400 * 365).formatted(.iso8601)
            let refusals: [(Caller, String, HTTPStatus)] = [
                (reporter, #"{"direction":"internal","audience":"x","media":"email","summary":"y"}"#, .forbidden),
                (
                    manager, #"{"direction":"sideways","audience":"x","media":"email","summary":"y"}"#,
                    .unprocessableEntity
                ),
                (
                    manager, #"{"direction":"internal","audience":"","media":"email","summary":"y"}"#,
                    .unprocessableEntity
                ),
                (
                    manager,
                    #"{"direction":"internal","audience":"x","media":"email","summary":"y","at":"\#(future)"}"#,
                    .unprocessableEntity
                ),
                (
                    manager, #"{"direction":"internal","audience":"x","media":"pigeon","summary":"y"}"#,
                    .unprocessableEntity
                ),
            ]
            for (caller, json, status) in refusals {
                let response = try await t.send(.POST, path, as: caller, json: json)
                #expect(response.status == status, "\(json): \(response.body.string)")
            }
            #expect(try await t.snapshot() == before)
            let list = try await t.send(.GET, path, as: manager)
            #expect(try list.decode(CommunicationPageJSON.self).items.map(\.audience) == ["Clients"])
            #expect(try await t.send(.GET, path, as: reporter).status == .ok, "the reporter reads their own incident")
        }
    }

    @Test("an incident names the clients and suppliers it involves") func involvedParties() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let manager = try await t.user([.incidentManager])
            let created = try await t.send(
                .POST, "/api/v1/contacts", as: admin, json: #"{"kind":"client","name":"Ville","contacts":[]}"#)
            let party = try created.decode(DirectoryJSON.Party.self)
            let role = try await t.send(
                .POST, "/api/v1/contacts", as: admin, json: #"{"kind":"role","name":"crisis_manager","contacts":[]}"#)
            let roleParty = try role.decode(DirectoryJSON.Party.self)
            let incident = try await t.report(as: manager)
            let path = "/api/v1/incidents/\(incident.id)/parties"
            let linked = try await t.send(
                .POST, path, as: manager, json: #"{"partyId":"\#(party.id)","relation":"affected"}"#)
            #expect(linked.status == .created, "\(linked.body.string)")
            #expect(try await t.journal(incident.id, as: manager).last?.kind == "party_linked")
            let before = try await t.snapshot()
            for (json, status) in [
                (#"{"partyId":"\#(party.id)","relation":"affected"}"#, HTTPStatus.conflict),
                (#"{"partyId":"\#(roleParty.id)","relation":"affected"}"#, .unprocessableEntity),
                (#"{"partyId":"\#(UUID())","relation":"reporter"}"#, .unprocessableEntity),
                (#"{"partyId":"\#(party.id)","relation":"victim"}"#, .unprocessableEntity),
            ] {
                let response = try await t.send(.POST, path, as: manager, json: json)
                #expect(response.status == status, "\(json): \(response.body.string)")
            }
            #expect(try await t.snapshot() == before)
            #expect(try await t.send(.GET, path, as: manager).body.string.contains("Ville"))
        }
    }
}
