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

    @Test("a paused clock's deadlines are left out; the helpdesk sees what waits to be qualified; follow-ups by role")
    func contents() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let helpdesk = try await t.user([.helpdeskOperator])
            let reporter = try await t.user([.reporter])
            let waiting = try await t.report(as: reporter, title: "Pas encore qualifié")
            let helpdeskPath = try Self.path(try await t.send(.POST, "/api/v1/me/calendar", as: helpdesk))
            let helpdeskFeed = try await t.send(.GET, helpdeskPath, as: nil).body.string
            #expect(helpdeskFeed.contains("UID:\(waiting.id.uuidString.lowercased())-qualify@riposte"))
            let incident = try await t.inTreatment(.minor, as: manager)
            let path = try Self.path(try await t.send(.POST, "/api/v1/me/calendar", as: manager))
            let uid = "\(incident.id.uuidString.lowercased())-resolve"
            #expect(Self.start(of: uid, in: try await t.send(.GET, path, as: nil).body.string) != nil)
            let paused = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/clock", as: manager,
                json: #"{"action":"pause","reason":"Fournisseur"}"#)
            try #require(paused.status == .ok)
            #expect(Self.start(of: uid, in: try await t.send(.GET, path, as: nil).body.string) == nil)
            let followUp = try await t.send(
                .POST, "/api/v1/follow-ups", as: manager,
                json: #"{"title":"Tester les sauvegardes","ownerRole":"incident_manager","dueOn":"2027-03-15"}"#)
            try #require(followUp.status == .created, "\(followUp.body.string)")
            let feed = try await t.send(.GET, path, as: nil).body.string
            #expect(feed.contains("DTSTART;VALUE=DATE:20270315"))
            #expect(!(try await t.send(.GET, helpdeskPath, as: nil).body.string).contains("20270315"))
        }
    }

    @Test("a disabled person's feed answers 404, and stays ended when they are enabled again")
    func disabled() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let manager = try await t.user([.incidentManager])
            let path = try Self.path(try await t.send(.POST, "/api/v1/me/calendar", as: manager))
            let disabled = try await t.send(.POST, "/api/v1/users/\(manager.id)/disable", as: admin)
            try #require(disabled.status == .ok || disabled.status == .noContent, "\(disabled.body.string)")
            #expect(try await t.send(.GET, path, as: nil).status == .notFound)
            _ = try await t.send(.POST, "/api/v1/users/\(manager.id)/enable", as: admin)
            #expect(try await t.send(.GET, path, as: nil).status == .notFound)
        }
    }

    @Test("the log never holds a feed's secret, however the path is written")
    func logging() {
        #expect(RequestLogging.loggable("/calendar/rcal_abc.ics") == "/calendar/…")
        #expect(RequestLogging.loggable("//calendar/rcal_abc.ics") == "/calendar/…")
        #expect(RequestLogging.loggable("/Calendar/rcal_abc.ics") == "/calendar/…")
        #expect(RequestLogging.loggable("/api/v1/incidents") == "/api/v1/incidents")
        #expect(RequestLogging.loggable("/api/v1/me/calendar") == "/api/v1/me/calendar")
    }

    @Test("a path too long for any file is an unknown address (404), not a fault")
    func longPath() async throws {
        try await withTestApp { t in
            let long = String(repeating: "a", count: 5_000)
            #expect(try await t.send(.GET, "/calendar/\(long).ics", as: nil).status == .notFound)
            let api = try await t.send(.GET, "/api/v1/\(long)", as: nil)
            #expect(api.status == .notFound || api.status == .unauthorized)
            #expect(api.body.string.contains("\"error\""))
        }
    }
}
