import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("The plan document (API)")
struct PlanAPITests {
    struct VersionJSON: Decodable {
        let number: Int
        let content: String?
        let publishedBy: String?
    }

    struct AcknowledgementsJSON: Decodable {
        struct Person: Decodable {
            let id: UUID
        }

        let version: Int?
        let acknowledged: [Person]
        let missing: [Person]
    }

    struct DraftJSON: Decodable {
        let content: String
        let reminders: [String]
    }

    @Test("publish numbered versions; each person acknowledges; the admin sees who has not") func versions()
        async throws
    {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let crisis = try await t.user([.crisisManager])
            let reporter = try await t.user([.reporter])
            var draft = try await t.send(.GET, "/api/v1/plan", as: crisis, headers: [("Accept-Language", "en")])
            #expect(try draft.decode(DraftJSON.self).reminders == ["never_published", "exercise_due"])
            // The yearly exercise (#20) is due until one is run.
            _ = try await ExerciseAPITests.exercise(t, as: crisis)
            draft = try await t.send(.GET, "/api/v1/plan", as: crisis, headers: [("Accept-Language", "en")])
            #expect(draft.status == .ok)
            let body = try draft.decode(DraftJSON.self)
            #expect(body.content.hasPrefix("# Incident management plan"))
            #expect(body.reminders == ["never_published"])
            #expect(try await t.send(.POST, "/api/v1/plan/versions", as: crisis).status == .forbidden)
            #expect(try await t.send(.POST, "/api/v1/plan/acknowledgements", as: crisis).status == .notFound)
            let first = try await t.send(.POST, "/api/v1/plan/versions", as: admin)
            #expect(first.status == .created)
            let version = try first.decode(VersionJSON.self)
            #expect(version.number == 1)
            #expect(version.content?.contains("Version 1") == true)
            t.clock.advance(by: 60)
            #expect(try await t.send(.POST, "/api/v1/plan/versions", as: admin).decode(VersionJSON.self).number == 2)
            // Version 1 is kept as published.
            let kept = try await t.send(.GET, "/api/v1/plan/versions/1", as: crisis).decode(VersionJSON.self)
            #expect(kept.content == version.content)
            let forReporter = try await t.send(.GET, "/api/v1/plan/versions/1", as: reporter).decode(VersionJSON.self)
            #expect(forReporter.content?.contains("## 1. ") == false, "a reporter reads it without the directory")
            #expect(try await t.send(.GET, "/api/v1/plan/versions/9", as: reporter).status == .notFound)
            #expect(try await t.send(.POST, "/api/v1/plan/acknowledgements", as: crisis).status == .created)
            #expect(try await t.send(.POST, "/api/v1/plan/acknowledgements", as: crisis).status == .created)
            let status = try await t.send(.GET, "/api/v1/plan/acknowledgements", as: admin).decode(
                AcknowledgementsJSON.self)
            #expect(status.version == 2)
            #expect(status.acknowledged.map(\.id) == [crisis.id])
            #expect(Set(status.missing.map(\.id)) == [admin.id, reporter.id])
            #expect(try await t.send(.GET, "/api/v1/plan/acknowledgements", as: crisis).status == .forbidden)
            let reminders = try await t.send(.GET, "/api/v1/plan", as: admin).decode(DraftJSON.self).reminders
            #expect(reminders.isEmpty)
            t.clock.advance(by: 366 * 86_400)
            #expect(
                try await t.send(.GET, "/api/v1/plan", as: admin).decode(DraftJSON.self).reminders == [
                    "older_than_a_year", "exercise_due",
                ])
        }
    }
}
