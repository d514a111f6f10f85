import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Severity checklists and scenario playbooks (#20 point 2)")
struct PlaybooksAPITests {
    struct StepJSON: Decodable {
        let key: String
        let text: String
        let role: String?
        let origin: String
    }

    struct ChecklistsJSON: Decodable {
        let low: [StepJSON]
        let minor: [StepJSON]
        let major: [StepJSON]
        let crisis: [StepJSON]
    }

    struct PlaybookJSON: Decodable {
        let id: UUID
        let name: String
        let incidentTypes: [String]
        let steps: [StepJSON]
        let documentIds: [UUID]
        let contactIds: [UUID]
        let version: Int
    }

    struct PlaybooksJSON: Decodable {
        let items: [PlaybookJSON]
    }

    struct IdJSON: Decodable {
        let id: UUID
    }

    @Test("the template's checklists, rewritten by the incident manager, used at the next qualification only")
    func checklists() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let helpdesk = try await t.user([.helpdeskOperator])
            let defaults = try await t.send(
                .GET, "/api/v1/settings/checklists", as: helpdesk, headers: [("Accept-Language", "nl")])
            let template = try defaults.decode(ChecklistsJSON.self)
            #expect(template.major.count == 9 && template.minor.allSatisfy { $0.origin == "template" })
            let before = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor)

            // The template's first step kept (sent back in Dutch as read), the second rewritten, one added.
            let body = """
                {"minor":[{"key":"minor.1","text":\(json(template.minor[0].text))},
                  {"key":"minor.2","text":"Appeler l'assureur","role":"incident_manager"},
                  {"text":"Prévenir le DPO","role":"privacy_officer"}]}
                """
            let saved = try await t.send(.PUT, "/api/v1/settings/checklists", as: manager, json: body)
            #expect(saved.status == .ok, "\(saved.body.string)")
            let minor = try saved.decode(ChecklistsJSON.self).minor
            #expect(minor.map(\.origin) == ["template", "organisation", "organisation"])
            #expect(minor[0].key == "minor.1" && minor[1].role == "incident_manager")
            let major = try saved.decode(ChecklistsJSON.self).major
            #expect(major.count == 9, "the severities left out stay")

            // An incident qualified before keeps its steps; one qualified now gets the new ones.
            #expect(try await t.fetch(before.number, as: helpdesk).checklist.count == 5)
            let after = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor)
            #expect(after.checklist.map(\.text).dropFirst() == ["Appeler l'assureur", "Prévenir le DPO"])
            #expect(after.checklist.map(\.origin) == ["template", "organisation", "organisation"])
            #expect(after.checklist[2].role == "privacy_officer")
            // A written step, ticked, is journalled with its words.
            let tick = try await t.send(
                .POST, "/api/v1/incidents/\(after.id)/checklist/\(after.checklist[1].id)/done", as: helpdesk)
            #expect(tick.status == .ok, "\(tick.body.string)")
            let entry = try await t.journal(after.id, as: helpdesk).last
            #expect(entry?.details["text"] == "Appeler l'assureur")

            // Back to the template by sending its keys alone.
            let reset = try await t.send(
                .PUT, "/api/v1/settings/checklists", as: manager,
                json:
                    #"{"minor":[{"key":"minor.1"},{"key":"minor.2"},{"key":"minor.3"},{"key":"minor.4"},{"key":"minor.5"}]}"#
            )
            #expect(try reset.decode(ChecklistsJSON.self).minor.allSatisfy { $0.origin == "template" })
        }
    }

    @Test("bad checklists are refused with the field's path, by role, and change nothing")
    func checklistRefusals() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let helpdesk = try await t.user([.helpdeskOperator])
            let reporter = try await t.user([.reporter])
            let before = try await t.snapshot()
            let long = String(repeating: "x", count: 501)
            let cases: [(Caller?, String, HTTPStatus, String?)] = [
                (admin, #"{"minor":[]}"#, .unprocessableEntity, "minor"),
                (admin, #"{"minor":[{"text":"a","role":"janitor"}]}"#, .unprocessableEntity, "minor[0].role"),
                (
                    admin, #"{"low":[{"key":"low.1"}],"major":[{"key":"minor.1"}]}"#, .unprocessableEntity,
                    "major[0].key"
                ),
                (admin, #"{"minor":[{"text":"\#(long)"}]}"#, .unprocessableEntity, "minor[0].text"),
                (admin, #"{"minor":[{"text":"a"},{"text":"a"}]}"#, .unprocessableEntity, "minor[1].text"),
                (admin, #"{"minor":"steps"}"#, .badRequest, nil),
                (admin, #"{"minor":[{"text":"a"}"#, .badRequest, nil),
                (helpdesk, #"{"minor":[{"text":"a"}]}"#, .forbidden, nil),
                (nil, #"{"minor":[{"text":"a"}]}"#, .unauthorized, nil),
            ]
            for (caller, body, status, field) in cases {
                let response = try await t.send(.PUT, "/api/v1/settings/checklists", as: caller, json: body)
                #expect(response.status == status, "\(body): \(response.body.string)")
                if let field { #expect(try response.decode(ErrorJSON.self).error.field == field, "\(body)") }
            }
            #expect(try await t.send(.GET, "/api/v1/settings/checklists", as: reporter).status == .forbidden)
            #expect(try await t.snapshot() == before)
        }
    }

    @Test(
        "a playbook proposed by type, chosen at qualification: its steps join and stay; its versions change no incident"
    )
    func playbooks() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let helpdesk = try await t.user([.helpdeskOperator])
            let admin = try await t.user([.admin])
            let document = try await t.send(
                .POST, "/api/v1/documents", as: admin, json: #"{"kind":"bcp","title":"Plan de continuité"}"#
            ).decode(IdJSON.self).id
            let party = try await t.send(
                .POST, "/api/v1/contacts", as: admin,
                json: #"{"kind":"supplier","name":"Assureur","contacts":[{"rank":"principal","name":"Lou"}]}"#
            ).decode(IdJSON.self).id
            let created = try await t.send(
                .POST, "/api/v1/playbooks", as: manager,
                json: """
                    {"name":"Rançongiciel","incidentTypes":["Ransomware"],
                     "steps":[{"text":"Isoler les postes","role":"response_team"},{"text":"Prévenir l'assureur"}],
                     "documentIds":["\(document)"],"contactIds":["\(party)"]}
                    """)
            #expect(created.status == .created, "\(created.body.string)")
            let playbook = try created.decode(PlaybookJSON.self)
            #expect(
                created.headers.first(name: .location) == "/api/v1/playbooks/\(playbook.id.uuidString.lowercased())")
            #expect(playbook.version == 1 && playbook.documentIds == [document] && playbook.contactIds == [party])
            #expect(created.headers.first(name: .eTag) == "\"1\"")
            let listed = try await t.send(.GET, "/api/v1/playbooks", as: helpdesk).decode(PlaybooksJSON.self)
            #expect(listed.items.map(\.name) == ["Rançongiciel"])

            // Chosen at qualification: the steps after the severity's, the journal names the version.
            let incident = try await t.report(as: helpdesk)
            let qualified = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/qualify", as: helpdesk,
                json: #"{"type":"Ransomware","severity":"minor","playbookId":"\#(playbook.id)"}"#
            ).incident()
            #expect(qualified.checklist.count == 7)
            #expect(qualified.checklist.suffix(2).map(\.text) == ["Isoler les postes", "Prévenir l'assureur"])
            #expect(qualified.checklist.suffix(2).allSatisfy { $0.origin == "playbook" })
            let applied = try await t.journal(incident.id, as: helpdesk).first { $0.kind == "playbook_applied" }
            #expect(applied?.details["version"] == "1" && applied?.details["playbook"] == "Rançongiciel")

            // A new version (the second step reworded): the incident keeps what it was given.
            let replaced = try await t.send(
                .PUT, "/api/v1/playbooks/\(playbook.id)", as: manager,
                json:
                    #"{"name":"Rançongiciel","incidentTypes":["Ransomware"],"steps":[{"text":"Isoler les postes"},{"text":"Prévenir l'assureur et le DPO"}]}"#,
                headers: [("If-Match", "\"1\"")])
            #expect(replaced.status == .ok, "\(replaced.body.string)")
            #expect(try replaced.decode(PlaybookJSON.self).version == 2)
            let kept = try await t.fetch(incident.number, as: helpdesk)
            #expect(kept.checklist.suffix(2).map(\.text) == ["Isoler les postes", "Prévenir l'assureur"])
            // Re-qualified to major: the playbook's steps stay, the minor's open ones go.
            let major = try await t.qualify(kept, as: manager, type: "Ransomware", severity: .major)
            #expect(major.checklist.count == 11)
            #expect(major.checklist.suffix(2).map(\.text) == ["Isoler les postes", "Prévenir l'assureur"])
            // A stale version is refused, nothing written.
            let stale = try await t.send(
                .PUT, "/api/v1/playbooks/\(playbook.id)", as: manager, json: #"{"name":"X","steps":[{"text":"a"}]}"#,
                headers: [("If-Match", "\"1\"")])
            #expect(stale.status == .preconditionFailed)
            // Followed later by an incident qualified without it, its qualification unchanged.
            let plain = try await t.qualify(
                try await t.report(as: helpdesk), as: helpdesk, type: "Ransomware", severity: .low)
            let followed = try await t.send(
                .POST, "/api/v1/incidents/\(plain.id)/qualify", as: manager,
                json: #"{"type":"Ransomware","severity":"low","playbookId":"\#(playbook.id)"}"#)
            #expect(followed.status == .ok, "\(followed.body.string)")
            #expect(
                try followed.incident().checklist.suffix(2).map(\.text) == [
                    "Isoler les postes", "Prévenir l'assureur et le DPO",
                ])
            // A document deleted: the link is left out, and the playbook read is accepted back as it is.
            #expect(try await t.send(.DELETE, "/api/v1/documents/\(document)", as: admin).status == .noContent)
            let read = try await t.send(.GET, "/api/v1/playbooks/\(playbook.id)", as: manager)
            #expect(read.headers.first(name: .eTag) == "\"2\"")
            #expect(try read.decode(PlaybookJSON.self).documentIds.isEmpty)
            // Deleted: the incident keeps its steps.
            #expect(try await t.send(.DELETE, "/api/v1/playbooks/\(playbook.id)", as: manager).status == .noContent)
            #expect(try await t.send(.GET, "/api/v1/playbooks/\(playbook.id)", as: manager).status == .notFound)
            #expect(try await t.fetch(incident.number, as: helpdesk).checklist.count == 11)
        }
    }

    @Test("bad playbooks are refused with the field's path, by role, and change nothing")
    func playbookRefusals() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let helpdesk = try await t.user([.helpdeskOperator])
            let taken = try await t.send(
                .POST, "/api/v1/playbooks", as: manager, json: #"{"name":"Panne","steps":[{"text":"a"}]}"#)
            let id = try taken.decode(PlaybookJSON.self).id
            let incident = try await t.report(as: helpdesk)
            let before = try await t.snapshot()
            let unknown = UUID()
            let cases: [(HTTPMethod, String, Caller?, String, HTTPStatus, String?)] = [
                (
                    .POST, "/api/v1/playbooks", manager, #"{"name":"A","steps":[{"text":"a","role":"boss"}]}"#,
                    .unprocessableEntity, "steps[0].role"
                ),
                (.POST, "/api/v1/playbooks", manager, #"{"name":"A","steps":[]}"#, .unprocessableEntity, "steps"),
                (
                    .POST, "/api/v1/playbooks", manager, #"{"name":" ","steps":[{"text":"a"}]}"#, .unprocessableEntity,
                    "name"
                ),
                (
                    .POST, "/api/v1/playbooks", manager,
                    #"{"name":"A","steps":[{"text":"a"}],"documentIds":["\#(unknown)"]}"#, .unprocessableEntity,
                    "documentIds[0]"
                ),
                (
                    .POST, "/api/v1/playbooks", manager,
                    #"{"name":"A","steps":[{"text":"a"}],"contactIds":["\#(unknown)"]}"#, .unprocessableEntity,
                    "contactIds[0]"
                ),
                (.POST, "/api/v1/playbooks", manager, #"{"name":"Panne","steps":[{"text":"b"}]}"#, .conflict, "name"),
                (.POST, "/api/v1/playbooks", manager, #"{"name":"A","steps":"a"}"#, .badRequest, nil),
                (
                    .POST, "/api/v1/playbooks", manager, #"{"name":"A\n## 12. Faux","steps":[{"text":"a"}]}"#,
                    .unprocessableEntity, "name"
                ),
                (
                    .POST, "/api/v1/playbooks", manager, #"{"name":"A","steps":[{"text":"a\n| x |"}]}"#,
                    .unprocessableEntity, "steps[0].text"
                ),
                (.POST, "/api/v1/playbooks", helpdesk, #"{"name":"A","steps":[{"text":"a"}]}"#, .forbidden, nil),
                (.POST, "/api/v1/playbooks", nil, #"{"name":"A","steps":[{"text":"a"}]}"#, .unauthorized, nil),
                (
                    .PUT, "/api/v1/playbooks/\(unknown)", manager, #"{"name":"A","steps":[{"text":"a"}]}"#, .notFound,
                    nil
                ),
                (.PUT, "/api/v1/playbooks/nonsense", manager, #"{"name":"A","steps":[{"text":"a"}]}"#, .notFound, nil),
                (.DELETE, "/api/v1/playbooks/\(unknown)", manager, "", .notFound, nil),
                (.DELETE, "/api/v1/playbooks/\(id)", helpdesk, "", .forbidden, nil),
                (
                    .POST, "/api/v1/incidents/\(incident.id)/qualify", helpdesk,
                    #"{"type":"x","severity":"low","playbookId":"\#(unknown)"}"#, .unprocessableEntity, "playbookId"
                ),
            ]
            for (method, path, caller, body, status, field) in cases {
                let response = try await t.send(method, path, as: caller, json: body.isEmpty ? nil : body)
                #expect(response.status == status, "\(method) \(path) \(body): \(response.body.string)")
                if let field { #expect(try response.decode(ErrorJSON.self).error.field == field, "\(body)") }
            }
            #expect(try await t.snapshot() == before)
            let all = try await t.send(.GET, "/api/v1/playbooks", as: manager).decode(PlaybooksJSON.self)
            #expect(all.items.map(\.name) == ["Panne"] && all.items[0].version == 1)
        }
    }

    @Test("two people writing the same playbook at once both land, one version each")
    func concurrentVersions() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let admin = try await t.user([.admin])
            let id = try await t.send(
                .POST, "/api/v1/playbooks", as: manager, json: #"{"name":"Panne","steps":[{"text":"a"}]}"#
            ).decode(PlaybookJSON.self).id
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for (index, caller) in [manager, admin, manager, admin].enumerated() {
                    group.addTask {
                        try await t.send(
                            .PUT, "/api/v1/playbooks/\(id)", as: caller,
                            json: #"{"name":"Panne","steps":[{"text":"step \#(index)"}]}"#
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .ok })
            #expect(try await t.send(.GET, "/api/v1/playbooks/\(id)", as: admin).decode(PlaybookJSON.self).version == 5)
        }
    }

    private func json(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }
}
