import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// A person's private calendar feed (#20 point 5): made or renewed (its address shown once),
/// revoked, and read by whoever holds its address — a calendar program, without signing in.
struct CalendarActions: Sendable {
    let calendars: CalendarStore
    let regulation: RegulationStore
    let settings: SettingsStore
    let database: any SQLDatabase
    let wording: Catalogue
    let now: Date

    /// Incidents and deadlines a feed lists at most, each.
    static let limit = 200

    /// A new secret for `person`'s feed, in place of any other: what its address carries.
    func create(for person: ActingPerson) async throws -> String {
        let token = "rcal_" + TokenDigest.newToken()
        try await calendars.create(for: person.id, tokenHash: TokenDigest.digest(token), at: now)
        return token
    }

    /// The feed behind `token`, nil for an unknown or revoked one (or a disabled person's).
    func feed(token: String) async throws -> String? {
        guard let (person, chosen) = try await calendars.person(tokenHash: TokenDigest.digest(token)) else {
            return nil
        }
        let organisation = try await OrganisationStore.settings(on: database) ?? .beforeSetup
        let language = chosen ?? organisation.language
        var facts = CalendarFeed.Facts()
        let sla = try await settings.sla()
        let involved = try await calendars.involved(person.id, limit: Self.limit)
        facts.incidents = involved.map { incident in
            CalendarFeed.Incident(
                id: incident.row.id, number: incident.row.number, title: incident.row.title,
                deadlines: EscalationPolicy.deadlines(incident.facts, settings: sla, at: now),
                activities: incident.activities)
        }
        // The law's deadlines: all of them for those reminded of them, else their own incidents'.
        if person.can(.viewRegister) {
            let answering = !person.roles.isDisjoint(with: [.incidentManager, .privacyOfficer, .crisisManager])
            let mine = Set(involved.map(\.row.number))
            facts.legal = try await RegulationActions(regulation: regulation, actor: person, now: now, wording: wording)
                .openDeadlines(limit: Self.limit).filter { answering || mine.contains($0.number) }.map {
                    CalendarFeed.Legal(number: $0.number, title: $0.title, clock: $0.clock)
                }
        }
        facts.followUps = try await FollowUpStore.all(status: .open, on: database).compactMap { followUp in
            guard let day = followUp.dueOn,
                followUp.ownerId == person.id || followUp.ownerRole.map(person.roles.contains) == true
            else { return nil }
            return CalendarFeed.Dated(
                id: followUp.id, title: followUp.title, day: day, incidentNumber: followUp.incidentNumber)
        }
        if person.can(.manageSettings) {
            facts.documents = try await DocumentStore.all(on: database).compactMap { document in
                document.nextReviewOn.map { CalendarFeed.Dated(id: document.id, title: document.title, day: $0) }
            }
            if let published = try await PlanStore.lastPublication(on: database).at {
                facts.planReviewDue = Calendar.utc.date(byAdding: .year, value: 1, to: published)
            }
        }
        return ICalendar.document(
            name: wording.text("calendar.name", language, [person.name]),
            events: CalendarFeed.events(facts, in: language, wording: wording), stamp: now)
    }
}

extension Request {
    var calendarActions: CalendarActions {
        get throws {
            CalendarActions(
                calendars: CalendarStore(database: db, gate: application.writeGate), regulation: regulation,
                settings: settings, database: try db.sql(), wording: application.catalogue, now: now)
        }
    }

    /// The feed's address as a calendar program subscribes to it, on the host this request came to.
    func calendarURL(token: String) -> String {
        let scheme = application.secureCookies ? "https" : "http"
        let host = headers.first(name: .host) ?? "localhost"
        return "\(scheme)://\(host)/calendar/\(token).ics"
    }
}
