import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

/// #16 points 1 and 2 through the API: the facts corrected, the owner, the response team.
@Suite("The living incident (API)")
struct IncidentHandlingAPITests {
    @Test("each field corrected is a journal entry with before and after; the reporter's words stay")
    func editJournalled() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let activity = try await t.activity("Facturation", rtoHours: 4)
            let incident = try await t.qualify(try await t.report(as: manager), as: manager, severity: .major)
            let response = try await t.send(
                .PATCH, "/api/v1/incidents/\(incident.id)", as: manager,
                json: """
                    {"title":"Messagerie tombée pour tout le siège","impact":"200 personnes sans e-mail",
                    "resourcesAllocated":"2 techniciens","customersAffected":true,"team":"Infra",
                    "impactedActivityIds":["\(activity)"]}
                    """, headers: [("If-Match", "\"\(incident.version)\"")])
            #expect(response.status == .ok, "\(response.body.string)")
            let after = try response.incident()
            #expect(after.title == "Messagerie tombée pour tout le siège")
            #expect(after.impact == "200 personnes sans e-mail")
            #expect(after.resourcesAllocated == "2 techniciens")
            #expect(after.customersAffected && after.team == "Infra")
            #expect(after.impactedActivityIds == [activity])
            #expect(after.version == incident.version + 1)
            let journal = try await t.journal(incident.id, as: manager)
            let edits = journal.filter { $0.kind == "edited" }
            #expect(
                edits.map { $0.details["field"] ?? "" } == [
                    "title", "impact", "resourcesAllocated", "customersAffected", "team", "impactedActivityIds",
                ])
            #expect(edits[0].details["from"] == "Serveur de messagerie en panne")
            #expect(edits[0].details["to"] == "Messagerie tombée pour tout le siège")
            #expect(edits[5].details["to"] == activity.uuidString)
            #expect(journal.first?.kind == "reported")
            #expect(journal.first?.details["title"] == "Serveur de messagerie en panne")
            // The search finds the incident by its new title.
            let found = try await t.send(.GET, "/api/v1/incidents?q=tout%20le%20si%C3%A8ge", as: manager)
            #expect(found.body.string.contains(incident.number))
            // An empty text clears an optional field.
            let cleared = try await t.send(
                .PATCH, "/api/v1/incidents/\(incident.id)", as: manager, json: #"{"impact":""}"#)
            #expect(try cleared.incident().impact == nil)
        }
    }

    @Test(
        "refused edits change and journal nothing: stale, closed, unknown activity, empty title, forbidden, nothing new"
    )
    func editRefusals() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let operator_ = try await t.user([.helpdeskOperator])
            let reporter = try await t.user([.reporter])
            let incident = try await t.qualify(try await t.report(as: manager), as: manager, severity: .major)
            let before = try await t.snapshot()
            let path = "/api/v1/incidents/\(incident.id)"
            let stale = try await t.send(
                .PATCH, path, as: manager, json: #"{"title":"x"}"#, headers: [("If-Match", "\"999\"")])
            #expect(stale.status == .preconditionFailed)
            let unknown = try await t.send(
                .PATCH, path, as: manager, json: #"{"impactedActivityIds":["\#(UUID())"]}"#)
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.string.contains("impactedActivityIds"))
            #expect(
                try await t.send(.PATCH, path, as: manager, json: #"{"title":"  "}"#).status == .unprocessableEntity)
            let long = String(repeating: "a", count: 4_001)
            #expect(
                try await t.send(.PATCH, path, as: manager, json: #"{"impact":"\#(long)"}"#).status
                    == .unprocessableEntity)
            #expect(try await t.send(.PATCH, path, as: manager, json: #"{"title":1}"#).status == .badRequest)
            #expect(try await t.send(.PATCH, path, as: manager, json: #"{"title""#).status == .badRequest)
            // A major incident is beyond the helpdesk's reach; a reporter handles nothing.
            #expect(try await t.send(.PATCH, path, as: operator_, json: #"{"title":"x"}"#).status == .forbidden)
            #expect(try await t.send(.PATCH, path, as: reporter, json: #"{"title":"x"}"#).status == .forbidden)
            let same = try await t.send(.PATCH, path, as: manager, json: #"{"title":"\#(incident.title)"}"#)
            #expect(same.status == .conflict)
            #expect(try await t.snapshot() == before)
            // Closed: the facts are what the review keeps.
            let resolved = try await t.move(
                try await t.move(try await t.fetch(incident.number, as: manager), to: .inTreatment, as: manager),
                to: .resolved, as: manager)
            let closed = try await t.close(resolved, as: manager)
            let late = try await t.send(.PATCH, path, as: manager, json: #"{"title":"x"}"#)
            #expect(late.status == .conflict)
            #expect(late.body.string.contains("incident_finished"))
            #expect(try await t.fetch(incident.number, as: manager).version == closed.version)
        }
    }

    @Test("two edits with the same If-Match: one wins, the other gets 412 and changes nothing")
    func concurrentEdits() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let incident = try await t.qualify(try await t.report(as: manager), as: manager, severity: .minor)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for title in ["Premier titre", "Second titre"] {
                    group.addTask {
                        try await t.send(
                            .PATCH, "/api/v1/incidents/\(incident.id)", as: manager, json: #"{"title":"\#(title)"}"#,
                            headers: [("If-Match", "\"\(incident.version)\"")]
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted { $0.code < $1.code } == [.ok, .preconditionFailed])
            let edits = try await t.journal(incident.id, as: manager).filter { $0.kind == "edited" }
            #expect(edits.count == 1)
        }
    }

    @Test("whoever qualifies owns the incident; the helpdesk manager hands it on, the new owner is told")
    func owner() async throws {
        try await withTestApp { t in
            let operator_ = try await t.user([.helpdeskOperator])
            let lead = try await t.user([.helpdeskManager])
            let technician = try await t.user([.responseTeam])
            let incident = try await t.qualify(try await t.report(as: operator_), as: operator_, severity: .minor)
            #expect(incident.ownerId == operator_.id)
            let response = try await t.send(
                .PUT, "/api/v1/incidents/\(incident.id)/owner", as: lead, body: ["userId": technician.id.uuidString])
            #expect(response.status == .ok, "\(response.body.string)")
            #expect(try response.incident().ownerId == technician.id)
            let entry = try #require(try await t.journal(incident.id, as: lead).last)
            #expect(entry.kind == "owner_assigned")
            #expect(entry.details["from"] == operator_.id.uuidString)
            #expect(entry.details["to"] == technician.id.uuidString)
            let told = try await t.notifications(of: technician).items
            #expect(told.map(\.event) == ["assigned"])
            // Told alone: the other holders of the role are not.
            let colleague = try await t.user([.responseTeam])
            #expect(try await t.notifications(of: colleague).items.isEmpty)
        }
    }

    @Test("an owner must be a user who handles incidents; an operator may not designate; nothing changes")
    func ownerRefusals() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let operator_ = try await t.user([.helpdeskOperator])
            let admin = try await t.user([.admin])
            let incident = try await t.qualify(try await t.report(as: manager), as: manager, severity: .major)
            let before = try await t.snapshot()
            let path = "/api/v1/incidents/\(incident.id)/owner"
            let nobody = try await t.send(.PUT, path, as: manager, body: ["userId": UUID().uuidString])
            #expect(nobody.status == .unprocessableEntity)
            #expect(nobody.body.string.contains("userId"))
            let notHandler = try await t.send(.PUT, path, as: manager, body: ["userId": admin.id.uuidString])
            #expect(notHandler.status == .unprocessableEntity)
            #expect(notHandler.body.string.contains("not_a_handler"))
            #expect(
                try await t.send(.PUT, path, as: operator_, body: ["userId": operator_.id.uuidString]).status
                    == .forbidden)
            #expect(
                try await t.send(.PUT, path, as: manager, body: ["userId": manager.id.uuidString]).status == .conflict)
            #expect(
                try await t.send(.PUT, path, as: manager, json: #"{"userId":"nope"}"#).status == .unprocessableEntity)
            #expect(try await t.send(.PUT, path, as: manager, json: #"{"userId":7}"#).status == .badRequest)
            #expect(try await t.snapshot() == before)
            #expect(try await t.notifications(of: admin).items.isEmpty)
        }
    }

    @Test("members are added and removed, journalled, told once added; the team is listed in order")
    func members() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let first = try await t.user([.responseTeam])
            let second = try await t.user([.responseTeam, .helpdeskOperator])
            let reporter = try await t.user([.reporter])
            let incident = try await t.qualify(try await t.report(as: manager), as: manager, severity: .major)
            let base = "/api/v1/incidents/\(incident.id)/members"
            #expect(try await t.send(.POST, "\(base)/\(first.id)", as: manager).status == .created)
            t.clock.advance(by: 1)
            let added = try await t.send(.POST, "\(base)/\(second.id)", as: manager)
            #expect(added.status == .created)
            #expect(added.body.string.contains(second.id.uuidString))
            let listed = try await t.send(.GET, base, as: manager)
            let ids = try listed.decode(MembersJSON.self).items.map(\.userId)
            #expect(ids == [first.id, second.id])
            #expect(try await t.notifications(of: first).items.map(\.event) == ["member_added"])
            #expect(try await t.send(.POST, "\(base)/\(first.id)", as: manager).status == .conflict)
            #expect(try await t.send(.POST, "\(base)/\(reporter.id)", as: manager).status == .unprocessableEntity)
            #expect(try await t.send(.POST, "\(base)/\(UUID())", as: manager).status == .unprocessableEntity)
            #expect(try await t.send(.POST, "\(base)/\(first.id)", as: first).status == .forbidden)
            #expect(try await t.send(.GET, base, as: reporter).status == .forbidden)
            let removed = try await t.send(.DELETE, "\(base)/\(first.id)", as: manager)
            #expect(removed.status == .ok)
            #expect(try removed.decode(MembersJSON.self).items.map(\.userId) == [second.id])
            #expect(try await t.send(.DELETE, "\(base)/\(first.id)", as: manager).status == .conflict)
            let kinds = try await t.journal(incident.id, as: manager).map(\.kind).filter { $0.hasPrefix("member") }
            #expect(kinds == ["member_added", "member_added", "member_removed"])
        }
    }
}

struct MembersJSON: Decodable {
    struct Member: Decodable {
        let userId: UUID
        let name: String
        let addedAt: Date
    }

    let items: [Member]
}

@Suite("My incidents (API and dashboard)")
struct MyIncidentsTests {
    @Test("the register filters the incidents one owns or works on; others are not listed")
    func mine() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let technician = try await t.user([.responseTeam])
            let owned = try await t.qualify(try await t.report(as: manager), as: manager, severity: .minor)
            let staffed = try await t.qualify(
                try await t.report(as: manager, title: "Réseau"), as: manager, severity: .major)
            let other = try await t.report(as: manager, title: "Autre")
            #expect(
                try await t.send(
                    .PUT, "/api/v1/incidents/\(owned.id)/owner", as: manager,
                    body: ["userId": technician.id.uuidString]
                ).status == .ok)
            #expect(
                try await t.send(.POST, "/api/v1/incidents/\(staffed.id)/members/\(technician.id)", as: manager).status
                    == .created)
            let page = try await t.send(.GET, "/api/v1/incidents?mine=true", as: technician)
            #expect(page.status == .ok)
            let numbers = try page.decode(PageJSON.self).items.map(\.number)
            #expect(Set(numbers) == [owned.number, staffed.number])
            #expect(!numbers.contains(other.number))
            // The manager owns the one he still holds only.
            let his = try await t.send(.GET, "/api/v1/incidents?mine=true", as: manager)
            #expect(try his.decode(PageJSON.self).items.map(\.number) == [staffed.number])
            #expect(try await t.send(.GET, "/api/v1/incidents?mine=yes", as: manager).status == .unprocessableEntity)
        }
    }
}
