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
        // The API tokens' random part, without their prefix: this secret is not one of them.
        let token = "rcal_" + TokenDigest.newToken().replacingOccurrences(of: "rpt_", with: "")
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
        // What a person sees of the register is what their roles allow now, not what they once did.
        if person.can(.viewRegister) {
            let sla = try await settings.sla()
            let involved = try await calendars.involved(
                person.id, unqualified: person.can(.qualify), limit: Self.limit)
            facts.incidents = involved.map { incident in
                CalendarFeed.Incident(
                    id: incident.row.id, number: incident.row.number, title: incident.row.title,
                    // A paused clock's deadlines are no times yet: they move on every reading.
                    deadlines: EscalationPolicy.deadlines(incident.facts, settings: sla, at: now).filter { !$0.paused },
                    activities: incident.activities)
            }
            // The law's deadlines: all of them for those reminded of them, else their own incidents',
            // whatever became of them (a GDPR notification outlives the incident's resolution).
            let answering = !person.roles.isDisjoint(with: [.incidentManager, .privacyOfficer, .crisisManager])
            facts.legal = try await RegulationActions(regulation: regulation, actor: person, now: now, wording: wording)
                .openDeadlines(limit: Self.limit, involving: answering ? nil : person.id).map {
                    CalendarFeed.Legal(number: $0.number, title: $0.title, clock: $0.clock)
                }
        }
        facts.followUps = try await FollowUpStore.due(
            for: person.id, roles: person.roles, limit: Self.limit, on: database
        ).compactMap { followUp in
            followUp.dueOn.map {
                CalendarFeed.Dated(
                    id: followUp.id, title: followUp.title, day: $0, incidentNumber: followUp.incidentNumber)
            }
        }
        if person.can(.manageSettings) {
            facts.documents = try await DocumentStore.all(on: database).compactMap { document in
                document.nextReviewOn.map { CalendarFeed.Dated(id: document.id, title: document.title, day: $0) }
            }
            // As the plan's own reminder counts it (`PlanReminder`): a year of 365 days.
            facts.planReviewDue = try await PlanStore.lastPublishedAt(on: database).map {
                $0.addingTimeInterval(365 * 86_400)
            }
        }
        if person.can(.runExercise) || person.can(.manageSettings) {
            facts.exerciseDue = PlanReminder.exerciseDue(
                lastExerciseAt: try await PlanStore.lastExerciseAt(on: database), now: now)
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
