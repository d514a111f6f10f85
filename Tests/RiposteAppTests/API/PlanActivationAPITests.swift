import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Plan activations (API)")
struct PlanActivationAPITests {
    struct Cast {
        let incidentManager: Caller
        let crisis: Caller
        let continuity: Caller
        let recovery: Caller
        let team: Caller
    }

    func cast(_ t: TestApp) async throws -> Cast {
        Cast(
            incidentManager: try await t.user([.incidentManager]), crisis: try await t.user([.crisisManager]),
            continuity: try await t.user([.continuityManager]), recovery: try await t.user([.recoveryManager]),
            team: try await t.user([.responseTeam]))
    }

    func majorIncident(_ t: TestApp, _ people: Cast) async throws -> IncidentJSON {
        let incident = try await t.qualify(
            try await t.report(as: people.incidentManager), as: people.incidentManager, severity: .major)
        return try await t.move(incident, to: .inTreatment, as: people.incidentManager)
    }

    @Test("the incident manager activates the CMP: journalled, and flows 1, 2 and 4 notify the managers")
    func activateCMP() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let incident = try await majorIncident(t, people)
            let after = try await t.plan("cmp", "activate", on: incident, as: people.incidentManager)
            #expect(after.plans.map(\.plan) == ["cmp"])
            #expect(after.version == incident.version + 1)
            let entry = try #require(try await t.journal(incident.id, as: people.incidentManager).last)
            #expect(entry.kind == "plan_activated")
            #expect(entry.details["plan"] == "cmp")
            #expect(entry.details["actingFor"] == "irp")
            #expect(entry.details["notify"] == "crisis_manager:1,continuity_manager:2,recovery_manager:4")
            for (caller, flow) in [(people.crisis, 1), (people.continuity, 2), (people.recovery, 4)] {
                let page = try await t.notifications(of: caller)
                #expect(page.items.count == 1)
                #expect(page.items.first?.flow == flow)
                #expect(page.items.first?.event == "plan_activated")
                #expect(page.items.first?.incidentNumber == incident.number)
                #expect(page.unreadCount == 1)
            }
            // Nobody is told what they did themselves; the team is not on these flows.
            #expect(try await t.notifications(of: people.incidentManager).items.isEmpty)
            #expect(try await t.notifications(of: people.team).items.isEmpty)
        }
    }

    @Test("notifications read in the reader's language") func language() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let incident = try await majorIncident(t, people)
            try await t.plan("cmp", "activate", on: incident, as: people.incidentManager)
            for (language, words) in [("fr", "CMP activé"), ("en", "CMP activated"), ("nl", "CMP geactiveerd")] {
                let response = try await t.send(
                    .GET, "/api/v1/notifications", as: people.recovery, headers: [("Accept-Language", language)])
                let item = try #require(try response.decode(NotificationPageJSON.self).items.first)
                #expect(item.subject == "[\(incident.number)] \(words)")
            }
        }
    }

    @Test("flow 7: straight to the BCP, the crisis manager is not told") func flowSeven() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let incident = try await majorIncident(t, people)
            try await t.plan("bcp", "activate", on: incident, as: people.incidentManager)
            #expect(try await t.notifications(of: people.continuity).items.map(\.flow) == [7])
            #expect(try await t.notifications(of: people.crisis).items.isEmpty)
            #expect(try await t.notifications(of: people.recovery).items.isEmpty)
        }
    }

    @Test("closing with an active CMP needs the crisis manager's agreement (§4.5)") func closingAgreement() async throws
    {
        try await withTestApp { t in
            let people = try await cast(t)
            var incident = try await majorIncident(t, people)
            incident = try await t.plan("cmp", "activate", on: incident, as: people.incidentManager)
            incident = try await t.move(incident, to: .resolved, as: people.incidentManager)
            let before = try await t.snapshot()
            let refused = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/transitions", as: people.incidentManager,
                body: ["to": "closed"])
            #expect(refused.status == .conflict)
            #expect(try refused.apiError().code == "plan_agreement_required")
            #expect(try await t.snapshot() == before)
            // Only the plan's manager may agree.
            let notTheirs = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/plans/cmp", as: people.incidentManager,
                body: ["action": "agree_to_close"])
            #expect(notTheirs.status == .forbidden)
            incident = try await t.plan("cmp", "agree_to_close", on: incident, as: people.crisis)
            #expect(incident.plans.first?.closeAgreedAt != nil)
            let journal = try await t.journal(incident.id, as: people.incidentManager)
            #expect(journal.last?.kind == "plan_close_agreed")
            #expect(try await t.notifications(of: people.incidentManager).items.map(\.event) == ["plan_close_agreed"])
            let again = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/plans/cmp", as: people.crisis,
                body: ["action": "agree_to_close"])
            #expect(again.status == .conflict)
            #expect(try again.apiError().code == "already_agreed")
            _ = try await t.move(incident, to: .closed, as: people.incidentManager)
        }
    }

    @Test("refusals change nothing and tell no one") func refusals() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let incident = try await majorIncident(t, people)
            try await t.plan("drp", "activate", on: incident, as: people.recovery)
            let before = try await t.snapshot()
            let path = "/api/v1/incidents/\(incident.id)/plans"
            let cases: [(String, String, Caller, HTTPStatus, String)] = [
                ("cmp", #"{"action":"activate"}"#, people.team, .forbidden, "forbidden"),
                ("drp", #"{"action":"activate"}"#, people.recovery, .conflict, "plan_already_active"),
                ("bcp", #"{"action":"deactivate"}"#, people.continuity, .conflict, "plan_not_active"),
                ("irp", #"{"action":"activate"}"#, people.incidentManager, .unprocessableEntity, "illegal_plan"),
                ("xyz", #"{"action":"activate"}"#, people.incidentManager, .notFound, "not_found"),
                ("cmp", #"{"action":"launch"}"#, people.crisis, .unprocessableEntity, "invalid"),
                ("cmp", #"{"action":7}"#, people.crisis, .badRequest, "invalid_type"),
                ("cmp", #"{"action":"#, people.crisis, .badRequest, "malformed_json"),
                ("drp", #"{"action":"agree_to_close"}"#, people.recovery, .unprocessableEntity, "illegal_plan"),
            ]
            for (plan, json, caller, status, code) in cases {
                let response = try await t.send(.POST, "\(path)/\(plan)", as: caller, json: json)
                #expect(response.status == status, "\(plan) \(json): \(response.body.string)")
                #expect((try? response.apiError().code) == code, "\(plan) \(json)")
            }
            let long = try await t.send(
                .POST, "\(path)/cmp", as: people.crisis,
                body: ["action": "activate", "note": String(repeating: "x", count: FieldLimits.reason + 1)])
            #expect(long.status == .unprocessableEntity)
            let stale = try await t.send(
                .POST, "\(path)/cmp", as: people.crisis, body: ["action": "activate"], headers: [("If-Match", "\"1\"")])
            #expect(stale.status == .preconditionFailed)
            #expect(try await t.snapshot() == before)
        }
    }

    @Test("the sweep's escalations notify the roles the policy names") func escalationNotifies() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let helpdesk = try await t.user([.helpdeskOperator])
            let incident = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor)
            t.clock.advance(by: 3 * 86_400)
            _ = try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false)
            // Minor to major, then (now older than a major's time) major overdue: the incident
            // manager is told of both (#15 point 6), the crisis manager of the second.
            let received = try await t.notifications(of: people.incidentManager).items
            #expect(received.map(\.event) == ["escalated", "escalated"])
            #expect(received.allSatisfy { $0.incidentId == incident.id })
            // Written after the re-qualification: the messages say major.
            #expect(received.allSatisfy { $0.text.contains("majeur") })
            #expect(try await t.notifications(of: people.crisis).items.map(\.event) == ["escalated"])
        }
    }
}
