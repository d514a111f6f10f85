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

    @Test("the incident manager warns the crisis manager (flow 1): journalled, told, the CMP marked warned")
    func warnCMP() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let incident = try await majorIncident(t, people)
            let response = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/warnings", as: people.incidentManager,
                json: #"{"flow":1,"message":"La messagerie est tombée, les clients appellent."}"#)
            #expect(response.status == .created, "\(response.body.string)")
            let after = try response.incident()
            #expect(after.plans.map(\.plan) == ["cmp"])
            #expect(after.plans.first?.involvement == "warned")
            #expect(after.plans.first?.activeSince == nil)
            let entry = try #require(try await t.journal(incident.id, as: people.incidentManager).last)
            #expect(entry.kind == "plan_warned")
            #expect(entry.text == "La messagerie est tombée, les clients appellent.")
            #expect(entry.details == ["flow": "1", "from": "irp", "plan": "cmp"])
            let page = try await t.notifications(of: people.crisis)
            #expect(page.items.map(\.event) == ["plan_warned"])
            #expect(page.items.first?.flow == 1)
            #expect(page.items.first?.text.contains("La messagerie est tombée") == true)
            // A warning is not an activation: no one else hears of it.
            #expect(try await t.notifications(of: people.continuity).items.isEmpty)
            #expect(try await t.notifications(of: people.recovery).items.isEmpty)
        }
    }

    @Test("the crisis manager activates the CMP: the incident manager and the crisis team are told, no other plan")
    func activateCMP() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let crisisTeam = try await t.user([.crisisManager])
            let incident = try await majorIncident(t, people)
            let after = try await t.plan("cmp", "activate", on: incident, as: people.crisis)
            #expect(after.plans.map(\.plan) == ["cmp"])
            #expect(after.plans.first?.involvement == "active")
            #expect(after.version == incident.version + 1)
            let entry = try #require(try await t.journal(incident.id, as: people.incidentManager).last)
            #expect(entry.kind == "plan_activated")
            #expect(entry.details == ["plan": "cmp", "notify": "incident_manager:1,crisis_manager"])
            #expect(try await t.notifications(of: people.incidentManager).items.map(\.flow) == [1])
            #expect(try await t.notifications(of: crisisTeam).items.map(\.event) == ["plan_activated"])
            // Nobody is told what they did themselves; the other plans hear through warnings.
            #expect(try await t.notifications(of: people.crisis).items.isEmpty)
            #expect(try await t.notifications(of: people.continuity).items.isEmpty)
            #expect(try await t.notifications(of: people.recovery).items.isEmpty)
            // The incident manager may no longer activate another's plan.
            let refused = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/plans/bcp", as: people.incidentManager,
                body: ["action": "activate"])
            #expect(refused.status == .forbidden)
        }
    }

    @Test("notifications read in the reader's language") func language() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let incident = try await majorIncident(t, people)
            try await t.plan("cmp", "activate", on: incident, as: people.crisis)
            for (language, words) in [("fr", "CMP activé"), ("en", "CMP activated"), ("nl", "CMP geactiveerd")] {
                let response = try await t.send(
                    .GET, "/api/v1/notifications", as: people.incidentManager,
                    headers: [("Accept-Language", language)])
                let item = try #require(try response.decode(NotificationPageJSON.self).items.first)
                #expect(item.subject == "[\(incident.number)] \(words)")
            }
        }
    }

    @Test("flow 7: the incident manager warns the BCP straight, the crisis manager is not told")
    func flowSeven() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let incident = try await majorIncident(t, people)
            try await t.warn(7, on: incident, as: people.incidentManager)
            #expect(try await t.notifications(of: people.continuity).items.map(\.flow) == [7])
            #expect(try await t.notifications(of: people.crisis).items.isEmpty)
            #expect(try await t.notifications(of: people.recovery).items.isEmpty)
        }
    }

    @Test("each manager warns along their own flows only; a refused warning changes and sends nothing")
    func warningRefusals() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let incident = try await majorIncident(t, people)
            // Flow 6 goes both ways: each side sends it to the other.
            try await t.warn(6, on: incident, as: people.continuity)
            try await t.warn(6, on: incident, as: people.recovery)
            #expect(try await t.notifications(of: people.recovery).items.map(\.flow) == [6])
            #expect(try await t.notifications(of: people.continuity).items.map(\.flow) == [6])
            let before = try await t.snapshot()
            let path = "/api/v1/incidents/\(incident.id)/warnings"
            let cases: [(String, Caller, HTTPStatus, String)] = [
                (#"{"flow":2,"message":"x"}"#, people.incidentManager, .forbidden, "forbidden"),
                (#"{"flow":1,"message":"x"}"#, people.crisis, .forbidden, "forbidden"),
                (#"{"flow":1,"message":"x"}"#, people.team, .forbidden, "forbidden"),
                (#"{"flow":8,"message":"x"}"#, people.incidentManager, .unprocessableEntity, "out_of_range"),
                (#"{"flow":1,"message":"  "}"#, people.incidentManager, .unprocessableEntity, "required"),
                (#"{"flow":"1","message":"x"}"#, people.incidentManager, .badRequest, "invalid_type"),
                (#"{"flow":1}"#, people.incidentManager, .unprocessableEntity, "required"),
            ]
            for (json, caller, status, code) in cases {
                let response = try await t.send(.POST, path, as: caller, json: json)
                #expect(response.status == status, "\(json): \(response.body.string)")
                #expect((try? response.apiError().code) == code, "\(json): \(response.body.string)")
            }
            let long = try await t.send(
                .POST, path, as: people.incidentManager,
                json: #"{"flow":1,"message":"\#(String(repeating: "x", count: FieldLimits.reason + 1))"}"#)
            #expect(long.status == .unprocessableEntity)
            #expect(try long.apiError().code == "too_long")
            #expect(try await t.snapshot() == before)
            #expect(try await t.notifications(of: people.crisis).items.isEmpty)
        }
    }

    @Test("a warning on a closed incident is refused with 409")
    func warningOnClosed() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            var incident = try await majorIncident(t, people)
            incident = try await t.move(incident, to: .resolved, as: people.incidentManager)
            incident = try await t.close(incident, as: people.incidentManager)
            let before = try await t.snapshot()
            let response = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/warnings", as: people.incidentManager,
                json: #"{"flow":1,"message":"trop tard"}"#)
            #expect(response.status == .conflict)
            #expect(try response.apiError().code == "incident_finished")
            #expect(try await t.snapshot() == before)
        }
    }

    @Test(
        "a crisis qualification invokes the CMP with its alerts in one change; the crisis manager declines with a reason"
    )
    func invokedThenDeclined() async throws {
        try await withTestApp { t in
            let people = try await cast(t)
            let helpdesk = try await t.user([.helpdeskOperator])
            var incident = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .crisis)
            #expect(incident.plans.map(\.plan) == ["cmp"])
            #expect(incident.plans.first?.involvement == "invoked")
            let journal = try await t.journal(incident.id, as: people.incidentManager)
            #expect(journal.suffix(2).map(\.kind) == ["qualified", "plan_invoked"])
            #expect(try await t.notifications(of: people.crisis).items.map(\.event) == ["qualified"])
            let path = "/api/v1/incidents/\(incident.id)/plans/cmp"
            let noReason = try await t.send(.POST, path, as: people.crisis, body: ["action": "decline"])
            #expect(noReason.status == .unprocessableEntity)
            #expect(try noReason.apiError().field == "note")
            let notTheirs = try await t.send(
                .POST, path, as: people.incidentManager, body: ["action": "decline", "note": "x"])
            #expect(notTheirs.status == .forbidden)
            incident = try await t.plan(
                "cmp", "decline", on: incident, as: people.crisis, note: "Contenu par l'équipe d'intervention")
            #expect(incident.plans.first?.involvement == "declined")
            let declined = try #require(try await t.journal(incident.id, as: people.incidentManager).last)
            #expect(declined.kind == "plan_declined")
            #expect(declined.text == "Contenu par l'équipe d'intervention")
            #expect(
                try await t.notifications(of: people.incidentManager).items.map(\.event).contains("plan_declined"))
            let again = try await t.send(.POST, path, as: people.crisis, body: ["action": "decline", "note": "x"])
            #expect(again.status == .conflict)
            #expect(try again.apiError().code == "no_decision_awaited")
        }
    }

    @Test("closing with an active CMP needs the crisis manager's agreement (§4.5)") func closingAgreement() async throws
    {
        try await withTestApp { t in
            let people = try await cast(t)
            var incident = try await majorIncident(t, people)
            incident = try await t.plan("cmp", "activate", on: incident, as: people.crisis)
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
            #expect(
                try await t.notifications(of: people.incidentManager).items.map(\.event).contains("plan_close_agreed"))
            let journal = try await t.journal(incident.id, as: people.incidentManager)
            #expect(journal.last?.kind == "plan_close_agreed")
            let again = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/plans/cmp", as: people.crisis,
                body: ["action": "agree_to_close"])
            #expect(again.status == .conflict)
            #expect(try again.apiError().code == "already_agreed")
            _ = try await t.close(incident, as: people.incidentManager)
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
            let incident = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .major)
            t.clock.advance(by: 8 * 3_600)
            _ = try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false)
            // Major overdue (§4.2.3 step 9): the incident manager is told (#15 point 6), and the
            // crisis and continuity managers themselves.
            let overdue = "décider de l'activation du plan de gestion de crise"
            let received = try await t.notifications(of: people.incidentManager).items
            #expect(received.allSatisfy { $0.incidentId == incident.id })
            #expect(received.filter { $0.text.contains(overdue) }.count == 1)
            for person in [people.crisis, people.continuity] {
                let items = try await t.notifications(of: person).items
                #expect(items.map(\.event) == ["escalated"])
                #expect(items.first?.text.contains(overdue) == true)
            }
            #expect(try await t.notifications(of: people.recovery).items.isEmpty)
        }
    }
}
