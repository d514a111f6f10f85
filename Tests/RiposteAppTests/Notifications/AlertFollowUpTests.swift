import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Alerts to answer: acknowledgement, backup, administrators (#15 point 7)")
struct AlertFollowUpTests {
    struct Cast {
        let operator_: Caller
        let crisis: Caller
        let manager: Caller
        let admin: Caller
    }

    /// A crisis manager, an incident manager and an administrator; the crisis manager's backup
    /// of annex 1 is Bruno, who holds no account; e-mail goes through a command that keeps nothing.
    func cast(_ t: TestApp) async throws -> Cast {
        t.app.notificationSettings.sendmail = ["/bin/sh", "-c", "cat > /dev/null"]
        let admin = try await t.user([.admin])
        let created = try await t.send(
            .POST, "/api/v1/contacts", as: admin,
            json: """
                {"kind":"role","name":"crisis_manager","contacts":[
                  {"rank":"principal","name":"Claire","email":"claire@example.test"},
                  {"rank":"backup","name":"Bruno","email":"bruno@example.test"}]}
                """)
        try #require(created.status == .created, "\(created.body.string)")
        return Cast(
            operator_: try await t.user([.helpdeskOperator]), crisis: try await t.user([.crisisManager]),
            manager: try await t.user([.incidentManager]), admin: admin)
    }

    func crisis(_ t: TestApp, _ people: Cast) async throws -> IncidentJSON {
        try await t.qualify(try await t.report(as: people.operator_), as: people.operator_, severity: .crisis)
    }

    func count(_ t: TestApp, _ query: SQLQueryString) async throws -> Int {
        try await t.db.sql().raw(query).first()?.decode(column: "n", as: Int.self) ?? -1
    }

    func mailsTo(_ address: String, _ t: TestApp) async throws -> Int {
        try await count(t, "SELECT COUNT(*) AS n FROM deliveries WHERE target = \(bind: address)")
    }

    @Test("a crisis qualification waits for the crisis manager's answer; someone else's notification is not found")
    func acknowledge() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            _ = try await crisis(t, people)
            let item = try #require(try await t.notifications(of: people.crisis).items.first)
            #expect(item.needsAcknowledgement && item.acknowledgedAt == nil)
            let before = try await t.snapshot()
            let foreign = try await t.send(.POST, "/api/v1/notifications/\(item.id)/acknowledge", as: people.manager)
            #expect(foreign.status == .notFound)
            #expect(try await t.snapshot() == before)
            let answered = try await t.send(.POST, "/api/v1/notifications/\(item.id)/acknowledge", as: people.crisis)
            #expect(answered.status == .noContent)
            let after = try #require(try await t.notifications(of: people.crisis).items.first)
            #expect(after.acknowledgedAt == t.clock.now() && after.acknowledgedBy == people.crisis.id)
            #expect(after.readAt != nil)
            // Answered, it goes no further, however long nobody else looks.
            t.clock.advance(by: 3_600)
            try await AlertFollowUp(fanOut: t.app.outboxFanOut).run(at: t.clock.now())
            #expect(try await mailsTo("bruno@example.test", t) == 0)
            let again = try await t.send(.POST, "/api/v1/notifications/\(item.id)/acknowledge", as: people.crisis)
            #expect(again.status == .noContent)
        }
    }

    @Test("a plan decision needs no acknowledgement: 409 not_an_alert")
    func notAnAlert() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let incident = try await t.inTreatment(.major, as: people.manager)
            try await t.plan("cmp", "activate", on: incident, as: people.crisis)
            let item = try #require(try await t.notifications(of: people.manager).items.first)
            #expect(item.event == "plan_activated" && !item.needsAcknowledgement)
            let refused = try await t.send(.POST, "/api/v1/notifications/\(item.id)/acknowledge", as: people.manager)
            #expect(refused.status == .conflict)
            #expect(try refused.apiError().code == "not_an_alert")
        }
    }

    @Test("unanswered, a crisis alert goes to the backup after its delay, then to the administrators, once each")
    func followUp() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let incident = try await crisis(t, people)
            try await t.app.outboxFanOut.run()
            let followUp = AlertFollowUp(fanOut: t.app.outboxFanOut)
            t.clock.advance(by: 15 * 60 - 1)
            #expect(try await followUp.run(at: t.clock.now()) == 0)
            t.clock.advance(by: 1)
            // The crisis manager's alert goes to Bruno; the incident manager's and the helpdesk
            // manager's (a role nobody holds), without a backup, to the administrators.
            #expect(try await followUp.run(at: t.clock.now()) == 3)
            #expect(try await mailsTo("bruno@example.test", t) == 1)
            #expect(try await followUp.run(at: t.clock.now()) == 0)
            let adminItems = try await t.notifications(of: people.admin).items
            #expect(adminItems.count == 2 && adminItems.allSatisfy(\.needsAcknowledgement))
            t.clock.advance(by: 15 * 60)
            #expect(try await followUp.run(at: t.clock.now()) == 1)
            #expect(try await t.notifications(of: people.admin).items.count == 3)
            // The administrator answers for the crisis manager's role.
            let last = try #require(try await t.notifications(of: people.admin).items.first)
            #expect(
                try await t.send(.POST, "/api/v1/notifications/\(last.id)/acknowledge", as: people.admin).status
                    == .noContent)
            t.clock.advance(by: 86_400)
            #expect(try await followUp.run(at: t.clock.now()) == 0)
            let alerts = try await AlertStore.of(incident: incident.id, on: t.db.sql())
            #expect(alerts.map(\.stage) == [.administrators, .administrators, .administrators])
            #expect(alerts.filter { $0.acknowledgedAt != nil }.count == 1)
        }
    }

    @Test("two instances following up at once tell the backup exactly once")
    func twoInstances() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            for _ in 0..<5 { _ = try await crisis(t, people) }
            try await t.app.outboxFanOut.run()
            t.clock.advance(by: 15 * 60)
            let now = t.clock.now()
            let first = AlertFollowUp(fanOut: t.app.outboxFanOut)
            let second = AlertFollowUp(fanOut: t.app.outboxFanOut)
            async let a = first.run(at: now)
            async let b = second.run(at: now)
            let moved = try await a + b
            #expect(moved == 15, "the crisis, incident and helpdesk managers' alerts of five crises")
            #expect(try await mailsTo("bruno@example.test", t) == 5)
        }
    }

    @Test("while the crisis manager is away, the backup is told at once and the away person gets no e-mail")
    func away() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let tomorrow = RFC3339.format(t.clock.now().addingTimeInterval(86_400))
            let set = try await t.send(
                .PUT, "/api/v1/me/availability", as: people.crisis, json: #"{"awayUntil":"\#(tomorrow)"}"#)
            #expect(set.status == .ok, "\(set.body.string)")
            _ = try await crisis(t, people)
            try await t.app.outboxFanOut.run()
            #expect(try await mailsTo("bruno@example.test", t) == 1)
            let crisisEmail = try #require(try await PeopleStore.email(of: people.crisis.id, on: t.db.sql()))
            #expect(try await mailsTo(crisisEmail, t) == 0)
            #expect(try await t.notifications(of: people.crisis).items.count == 1, "in-app stays")
            let back = try await t.send(
                .PUT, "/api/v1/me/availability", as: people.crisis, json: #"{"awayUntil":null}"#)
            #expect(back.status == .ok)
        }
    }

    @Test("an absence in the past or beyond a year is refused with 422 and changes nothing")
    func availabilityRefusals() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let before = try await t.snapshot()
            for date in [t.clock.now().addingTimeInterval(-60), t.clock.now().addingTimeInterval(400 * 86_400)] {
                let response = try await t.send(
                    .PUT, "/api/v1/me/availability", as: people.crisis,
                    json: #"{"awayUntil":"\#(RFC3339.format(date))"}"#)
                #expect(response.status == .unprocessableEntity)
                #expect(try response.apiError().field == "awayUntil")
            }
            let malformed = try await t.send(
                .PUT, "/api/v1/me/availability", as: people.crisis, json: #"{"awayUntil":"tomorrow"}"#)
            #expect(malformed.status == .badRequest || malformed.status == .unprocessableEntity)
            #expect(try await t.snapshot() == before)
            let stored = try await PeopleStore.reachability(of: people.crisis.id, on: t.db.sql())
            #expect(stored.awayUntil == nil, "no refused absence was stored")
        }
    }

    @Test("a kind turned off reaches in-app only; an alert to answer is never muted")
    func preferences() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let set = try await t.send(
                .PUT, "/api/v1/me/notification-preferences", as: people.manager,
                json: #"{"emailOff":["plan_activated","qualified"]}"#)
            #expect(set.status == .ok)
            let read = try await t.send(.GET, "/api/v1/me/notification-preferences", as: people.manager)
            #expect(read.body.string.contains("plan_activated"))
            let unknown = try await t.send(
                .PUT, "/api/v1/me/notification-preferences", as: people.manager, json: #"{"emailOff":["nope"]}"#)
            #expect(unknown.status == .badRequest || unknown.status == .unprocessableEntity)
            let managerEmail = try #require(try await PeopleStore.email(of: people.manager.id, on: t.db.sql()))
            let incident = try await t.qualify(
                try await t.report(as: people.operator_), as: people.operator_, severity: .major)
            try await t.plan("cmp", "activate", on: incident, as: people.crisis)
            try await t.app.outboxFanOut.run()
            // The major qualification is an alert to answer: mailed all the same; the activation is not.
            let mails = try await t.db.sql().raw(
                "SELECT event FROM deliveries WHERE target = \(bind: managerEmail) ORDER BY created_at"
            ).all().map { try $0.decode(column: "event", as: String.self) }
            #expect(mails == ["qualified"])
            #expect(try await t.notifications(of: people.manager).items.count == 2)
        }
    }

    @Test("one person holding two roles answers once: no alert is left that nobody can acknowledge")
    func twoRolesOnePerson() async throws {
        try await withTestApp { t in
            t.app.notificationSettings.sendmail = ["/bin/sh", "-c", "cat > /dev/null"]
            let both = try await t.user([.crisisManager, .incidentManager])
            let helpdesk = try await t.user([.helpdeskOperator, .helpdeskManager])
            let incident = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .crisis)
            let items = try await t.notifications(of: both).items
            #expect(items.count == 1)
            let answered = try await t.send(
                .POST, "/api/v1/notifications/\(try #require(items.first).id)/acknowledge", as: both)
            #expect(answered.status == .noContent)
            t.clock.advance(by: 86_400)
            #expect(try await AlertFollowUp(fanOut: t.app.outboxFanOut).run(at: t.clock.now()) == 0)
            let alerts = try await AlertStore.of(incident: incident.id, on: t.db.sql())
            #expect(alerts.count == 1 && alerts.allSatisfy { $0.acknowledgedAt != nil })
        }
    }

    @Test("a closed incident's unanswered alerts go no further")
    func closedIncident() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            var incident = try await t.qualify(
                try await t.report(as: people.manager), as: people.manager, severity: .crisis)
            incident = try await t.move(incident, to: .inTreatment, as: people.manager)
            incident = try await t.move(incident, to: .resolved, as: people.manager)
            try await t.close(incident, as: people.manager)
            t.clock.advance(by: 86_400)
            #expect(try await AlertFollowUp(fanOut: t.app.outboxFanOut).run(at: t.clock.now()) == 0)
            #expect(try await mailsTo("bruno@example.test", t) == 0)
        }
    }

    @Test("the incident lists its alerts for handlers; one acknowledges there an alert one was told of, not another's")
    func incidentAlerts() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let reporter = try await t.user([.reporter])
            let incident = try await crisis(t, people)
            let path = "/api/v1/incidents/\(incident.id)/alerts"
            #expect(try await t.send(.GET, path, as: reporter).status == .forbidden)
            let listed = try await t.send(.GET, path, as: people.manager)
            #expect(listed.status == .ok)
            struct Page: Decodable {
                struct Item: Decodable {
                    let id: UUID
                    let role: String
                    let stage: String
                    let acknowledgedAt: Date?
                }
                let items: [Item]
            }
            let items = try listed.decode(Page.self).items
            #expect(Set(items.map(\.role)) == ["crisis_manager", "incident_manager", "helpdesk_manager"])
            #expect(items.allSatisfy { $0.stage == "holders" && $0.acknowledgedAt == nil })
            let crisisAlert = try #require(items.first { $0.role == "crisis_manager" })
            let notTold = try await t.send(
                .POST, "\(path)/\(crisisAlert.id)/acknowledge", as: people.manager)
            #expect(notTold.status == .notFound)
            let answered = try await t.send(.POST, "\(path)/\(crisisAlert.id)/acknowledge", as: people.crisis)
            #expect(answered.status == .noContent)
            let after = try await t.send(.GET, path, as: people.manager).decode(Page.self).items
            #expect(after.first { $0.id == crisisAlert.id }?.acknowledgedAt != nil)
        }
    }
}
