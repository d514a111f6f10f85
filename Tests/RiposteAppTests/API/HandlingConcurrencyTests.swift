import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("#16's doors under many people at once")
struct HandlingConcurrencyTests {
    @Test(
        "edits, members, owners, exports and filtered lists at once: every one answered, none lost, the journal whole")
    func manyAtOnce() async throws {
        try await withTestApp { t in
            let folder = try MessagesAPITests.mailbox(t)
            defer { try? FileManager.default.removeItem(at: folder) }
            let manager = try await t.user([.incidentManager])
            let admin = try await t.user([.admin])
            var team: [Caller] = []
            for _ in 0..<8 { team.append(try await t.user([.responseTeam])) }
            let incident = try await t.qualify(try await t.report(as: manager), as: manager, severity: .major)
            let path = "/api/v1/incidents/\(incident.id)"
            let members = team
            let statuses = try await withThrowingTaskGroup(of: (String, HTTPStatus).self) { group in
                for (index, person) in members.enumerated() {
                    group.addTask {
                        ("member", try await t.send(.POST, "\(path)/members/\(person.id)", as: manager).status)
                    }
                    group.addTask {
                        (
                            "edit",
                            try await t.send(.PATCH, path, as: manager, json: #"{"impact":"vague \#(index)"}"#).status
                        )
                    }
                    group.addTask {
                        (
                            "list",
                            try await t.send(.GET, "/api/v1/incidents?mine=true&breached=false", as: person).status
                        )
                    }
                }
                for index in 0..<4 {
                    group.addTask {
                        ("csv", try await t.send(.GET, "/api/v1/incidents/export.csv", as: manager).status)
                    }
                    // Messages to stakeholders and their drafts (#16 point 4), none lost.
                    group.addTask {
                        let message = MessageBody(
                            addresses: ["partner\(index)@example.test"], subject: "Suivi \(index)",
                            body: "Message \(index)")
                        return (
                            "message", try await t.send(.POST, "\(path)/messages", as: manager, body: message).status
                        )
                    }
                    group.addTask {
                        ("templates", try await t.send(.GET, "/api/v1/settings/message-templates", as: admin).status)
                    }
                    group.addTask {
                        (
                            "draft",
                            try await t.send(.GET, "\(path)/messages/draft?kind=acknowledged", as: manager).status
                        )
                    }
                    group.addTask {
                        ("json", try await t.send(.GET, "/api/v1/incidents/export.json", as: manager).status)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let failed = statuses.filter { kind, status in
                ["member", "message"].contains(kind) ? status != .created : status != .ok
            }
            #expect(failed.isEmpty, "\(failed)")
            #expect(try await t.send(.GET, "/health", as: nil).status == .ok)
            let journal = try await t.journal(incident.id, as: manager)
            #expect(journal.map(\.sequence) == Array(1...journal.count))
            #expect(journal.filter { $0.kind == "member_added" }.count == 8)
            // Each edit changed the impact from what the one before it left: all eight applied.
            #expect(journal.filter { $0.kind == "edited" }.count == 8)
            #expect(journal.filter { $0.kind == "communication" }.count == 4)
            let queued = try await t.db.sql().raw(
                "SELECT COUNT(*) AS n FROM deliveries WHERE communication_id IS NOT NULL"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(queued == 4)
            #expect(
                JournalVerifier.firstBreak(
                    in: try await t.db.sql().raw("SELECT \(JournalRow.columns) FROM journal_entries ORDER BY sequence")
                        .all().map(JournalRow.init)) == nil)
            let listed = try await t.send(.GET, "\(path)/members", as: manager)
            #expect(try listed.decode(MembersJSON.self).items.count == 8)
        }
    }
}
