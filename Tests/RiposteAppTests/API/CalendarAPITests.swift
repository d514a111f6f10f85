import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Calendar feeds: a person's deadlines, subscribed to without signing in")
struct CalendarAPITests {
    struct FeedJSON: Decodable {
        let url: String
    }

    /// The path of a feed's address.
    static func path(_ response: TestingHTTPResponse) throws -> String {
        let url = try response.decode(FeedJSON.self).url
        let range = try #require(url.range(of: "/calendar/"))
        return String(url[range.lowerBound...])
    }

    /// The DTSTART of the event whose uid starts with `uid`.
    static func start(of uid: String, in feed: String) -> String? {
        guard let event = feed.components(separatedBy: "BEGIN:VEVENT").first(where: { $0.contains("UID:" + uid) })
        else {
            return nil
        }
        return event.components(separatedBy: "\r\n").first { $0.hasPrefix("DTSTART") }
    }

    @Test(
        "an owner's resolution deadline, moved when the incident is re-qualified; renewed and revoked addresses are 404"
    )
    func feed() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let made = try await t.send(.POST, "/api/v1/me/calendar", as: manager)
            #expect(made.status == .created)
            let path = try Self.path(made)
            #expect(path.hasSuffix(".ics"))
            let incident = try await t.inTreatment(.minor, as: manager)
            var feed = try await t.send(.GET, path, as: nil)
            #expect(feed.status == .ok)
            #expect(feed.headers.contentType?.subType == "calendar")
            let uid = "\(incident.id.uuidString.lowercased())-resolve"
            let minor = try #require(Self.start(of: uid, in: feed.body.string))
            _ = try await t.qualify(incident, as: manager, severity: .major)
            feed = try await t.send(.GET, path, as: nil)
            let major = try #require(Self.start(of: uid, in: feed.body.string))
            #expect(minor != major, "the same event, moved")
            // Renewing gives a new address; the old one is no longer anything.
            let renewed = try await t.send(.POST, "/api/v1/me/calendar", as: manager)
            #expect(try await t.send(.GET, path, as: nil).status == .notFound)
            let newPath = try Self.path(renewed)
            #expect(try await t.send(.GET, newPath, as: nil).status == .ok)
            #expect(try await t.send(.DELETE, "/api/v1/me/calendar", as: manager).status == .noContent)
            #expect(try await t.send(.GET, newPath, as: nil).status == .notFound)
            #expect(try await t.send(.DELETE, "/api/v1/me/calendar", as: manager).status == .notFound)
            #expect(try await t.send(.GET, "/calendar/rcal_nothing.ics", as: nil).status == .notFound)
            #expect(try await t.send(.GET, String(newPath.dropLast(4)) + ".txt", as: nil).status == .notFound)
        }
    }

    @Test("the law's deadlines for those reminded of them; a reporter's feed holds no one else's incident")
    func legal() async throws {
        try await withTestApp { t in
            let privacy = try await t.user([.privacyOfficer])
            let reporter = try await t.user([.reporter])
            let team = try await t.user([.responseTeam])
            let incident = try await t.report(as: reporter)
            _ = try await t.send(
                .PUT, "/api/v1/incidents/\(incident.id)/assessment", as: team,
                json: #"{"personalData":{"risk":"risk"}}"#)
            let path = try Self.path(try await t.send(.POST, "/api/v1/me/calendar", as: privacy))
            let feed = try await t.send(.GET, path, as: nil).body.string
            #expect(feed.contains("UID:\(incident.number)-gdpr_authority@riposte"))
            #expect(feed.contains("RGPD : notification"))
            let reporterPath = try Self.path(try await t.send(.POST, "/api/v1/me/calendar", as: reporter))
            let own = try await t.send(.GET, reporterPath, as: nil).body.string
            #expect(!own.contains("gdpr_authority"))
            #expect(own.contains("BEGIN:VCALENDAR"))
        }
    }
}
