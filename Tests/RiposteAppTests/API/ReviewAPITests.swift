import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Post-incident review and follow-ups (API)")
struct ReviewAPITests {
    struct ReviewJSON: Decodable {
        struct Prefill: Decodable {
            struct Recovery: Decodable {
                let activity: String
                let rto: String
                let met: Bool
            }

            let number: String
            let detectedAt: Date
            let resolvedAt: Date?
            let type: String?
            let severity: String?
            let customersAffected: Bool
            let manager: String?
            let description: String
            let plansActivated: [String]
            let cmpActivated: Bool
            let communicationMedia: [String]
            let firstCommunicationAt: Date?
            let updateIntervalSeconds: Int?
            let recoverySeconds: Int?
            let recovery: [Recovery]
            let suggestedRTOAnswer: String?
            let relatedIncidents: [String]
        }

        let prefill: Prefill
        let answers: [String: String]
        let complete: Bool
        let missing: [String]
    }

    struct FollowUpPageJSON: Decodable {
        struct Item: Decodable {
            let title: String
            let ownerRole: String?
            let status: String
            let incidentNumber: String?
        }

        let items: [Item]
    }

    /// A closed major incident with known times: detected 10 min before its report, the CMP
    /// activated, two communications 20 minutes apart, resolved 2 h after the report.
    func closedIncident(_ t: TestApp, manager: Caller, crisis: Caller) async throws -> IncidentJSON {
        let billing = try await t.activity("Facturation", rtoHours: 4)
        let payroll = try await t.activity("Paie", rtoHours: 1)
        let detected = t.clock.now().addingTimeInterval(-600)
        let created = try await t.send(
            .POST, "/api/v1/incidents", as: manager,
            json: """
                {"title":"Réseau coupé","description":"Plus de réseau au siège","customersAffected":true,
                 "detectedAt":"\(detected.formatted(.iso8601))","impactedActivityIds":["\(billing)","\(payroll)"]}
                """)
        try #require(created.status == .created, "\(created.body.string)")
        var incident = try created.incident()
        // An older incident of the same type, for "related incidents".
        let older = try await t.qualify(
            try await t.report(as: manager, title: "Réseau lent"), as: manager, type: "réseau", severity: .low)
        incident = try await t.qualify(incident, as: manager, type: "réseau", severity: .major)
        incident = try await t.move(incident, to: .inTreatment, as: manager)
        try await t.plan("cmp", "activate", on: incident, as: crisis)
        for wait in [600.0, 1200] {
            t.clock.advance(by: wait)
            let sent = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/communications", as: manager,
                json: #"{"direction":"external","audience":"Clients","media":"website","summary":"Info"}"#)
            try #require(sent.status == .created, "\(sent.body.string)")
        }
        t.clock.advance(by: 2 * 3600 - 1800)
        incident = try await t.move(try await t.fetch(incident.number, as: manager), to: .resolved, as: manager)
        try await t.plan("cmp", "agree_to_close", on: incident, as: crisis)
        incident = try await t.close(try await t.fetch(incident.number, as: manager), as: manager)
        #expect(older.number != incident.number)
        return incident
    }

    @Test("every pre-filled value comes from the incident") func prefill() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager, .helpdeskOperator])
            let crisis = try await t.user([.crisisManager])
            let incident = try await closedIncident(t, manager: manager, crisis: crisis)
            let response = try await t.send(.GET, "/api/v1/incidents/\(incident.id)/review", as: manager)
            #expect(response.status == .ok, "\(response.body.string)")
            let review = try response.decode(ReviewJSON.self)
            let p = review.prefill
            #expect(p.number == incident.number)
            #expect(p.detectedAt == incident.detectedAt)
            #expect(p.type == "réseau" && p.severity == "major" && p.customersAffected)
            #expect(p.manager?.hasPrefix("Test") == true)
            #expect(p.description == "Plus de réseau au siège")
            #expect(p.plansActivated == ["cmp"] && p.cmpActivated)
            #expect(p.communicationMedia == ["website"])
            #expect(p.updateIntervalSeconds == 1200)
            #expect(p.recoverySeconds == 2 * 3600 + 600)
            #expect(p.recovery.map(\.activity) == ["Facturation", "Paie"])
            #expect(p.recovery.map(\.met) == [true, false])
            #expect(p.suggestedRTOAnswer == "rto.some")
            #expect(p.relatedIncidents.count == 1)
            #expect(!review.complete && !review.missing.isEmpty)
            // The owner is the suggestion; a correction is an answer of its own, kept.
            let corrected = try await t.send(
                .PUT, "/api/v1/incidents/\(incident.id)/review", as: manager,
                json: #"{"answers":{"manager":"Claire Dupont"}}"#)
            #expect(corrected.status == .ok, "\(corrected.body.string)")
            let again = try await t.send(.GET, "/api/v1/incidents/\(incident.id)/review", as: manager)
            #expect(try again.decode(ReviewJSON.self).answers["manager"] == "Claire Dupont")
            #expect(again.body.string.contains(#""kind":"suggested""#))
        }
    }

    @Test("answers are saved whole; complete allows reviewed; flags become follow-ups") func answers() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager, .helpdeskOperator])
            let crisis = try await t.user([.crisisManager])
            let reporter = try await t.user([.reporter])
            let incident = try await closedIncident(t, manager: manager, crisis: crisis)
            let path = "/api/v1/incidents/\(incident.id)/review"
            let before = try await t.snapshot()
            for (caller, json, status) in [
                (reporter, #"{"answers":{}}"#, HTTPStatus.forbidden),
                (manager, #"{"answers":{"number":"x"}}"#, .unprocessableEntity),
                (manager, #"{"answers":{"management.rto":"rto.most"}}"#, .unprocessableEntity),
                (manager, #"{"answers":{"detection.how":7}}"#, .badRequest),
            ] {
                let response = try await t.send(.PUT, path, as: caller, json: json)
                #expect(response.status == status, "\(json): \(response.body.string)")
            }
            #expect(try await t.snapshot() == before)
            let early = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/transitions", as: manager, body: ["to": "reviewed"])
            #expect(early.status == .conflict)
            #expect(try early.apiError().code == "review_incomplete")
            var answers: [String: String] = [:]
            for question in ReviewForm.questions where question.required && question.kind != .prefilled {
                switch question.kind {
                case .yesNo: answers[question.key] = "no"
                case .choice(let options): answers[question.key] = options.last!
                default: answers[question.key] = "Réponse"
                }
            }
            answers["feedback.riskAssessment"] = "yes"
            let continuity = try await t.user([.continuityManager])
            let saved = try await t.send(.PUT, path, as: manager, body: ["answers": answers])
            #expect(saved.status == .ok, "\(saved.body.string)")
            #expect(try saved.decode(ReviewJSON.self).complete)
            // Note F: the complete review goes to the continuity manager, once.
            #expect(try await t.notifications(of: continuity).items.map(\.event) == ["review_completed"])
            #expect(try await t.journal(incident.id, as: manager).last?.kind == "review_updated")
            // Saving again makes no second follow-up for the same flag.
            _ = try await t.send(.PUT, path, as: manager, body: ["answers": answers])
            #expect(try await t.notifications(of: continuity).items.count == 1)
            let followUps = try await t.send(.GET, "/api/v1/follow-ups?status=open", as: manager)
            let items = try followUps.decode(FollowUpPageJSON.self).items
            #expect(items.map(\.ownerRole) == ["continuity_manager"])
            #expect(items.first?.incidentNumber == incident.number)
            let reviewed = try await t.move(try await t.fetch(incident.number, as: manager), to: .reviewed, as: manager)
            #expect(reviewed.status == "reviewed")
            // Reviewed: the review is kept as it was.
            #expect(try await t.send(.PUT, path, as: manager, body: ["answers": answers]).status == .conflict)
        }
    }

    @Test("follow-ups: created with an owner and a due date, closed, checked") func followUps() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let reporter = try await t.user([.reporter])
            let created = try await t.send(
                .POST, "/api/v1/follow-ups", as: manager,
                json: #"{"title":"Changer le routeur","ownerRole":"response_team","dueOn":"2026-12-31"}"#)
            #expect(created.status == .created, "\(created.body.string)")
            for (caller, json, status) in [
                (reporter, #"{"title":"x"}"#, HTTPStatus.forbidden),
                (manager, #"{"title":""}"#, .unprocessableEntity),
                (manager, #"{"title":"x","dueOn":"2026-02-30"}"#, .unprocessableEntity),
                (manager, #"{"title":"x","incidentId":"\#(UUID())"}"#, .unprocessableEntity),
            ] {
                let response = try await t.send(.POST, "/api/v1/follow-ups", as: caller, json: json)
                #expect(response.status == status, "\(json): \(response.body.string)")
            }
            let id = try #require(
                try await t.db.sql().raw("SELECT id FROM follow_ups").first()?.decode(column: "id", as: UUID.self))
            #expect(
                try await t.send(.PUT, "/api/v1/follow-ups/\(id)", as: manager, json: #"{"status":"done"}"#).status
                    == .ok)
            let open = try await t.send(.GET, "/api/v1/follow-ups?status=open", as: manager)
            #expect(try open.decode(FollowUpPageJSON.self).items.isEmpty)
            #expect(
                try await t.send(.GET, "/api/v1/follow-ups?status=late", as: manager).status == .unprocessableEntity)
        }
    }

    @Test("a closed incident without its review is listed and, ten working days on, the incident manager is reminded")
    func notForgotten() async throws {
        try await withTestApp { t in
            _ = try await Browser.setUp(t)
            let manager = try await t.user([.incidentManager])
            let other = try await t.user([.incidentManager])
            let crisis = try await t.user([.crisisManager])
            let incident = try await closedIncident(t, manager: manager, crisis: crisis)
            try await t.person([.incidentManager], email: "im@example.test")
            let browser = try await Browser.signIn(t, email: "im@example.test", password: "a long passphrase")
            let lessons = try await browser.get("/lessons").body.string
            let awaiting = try #require(lessons.range(of: "id=\"awaiting-heading\""))
            #expect(lessons[awaiting.upperBound...].prefix(500).contains(incident.number))
            #expect(try await browser.get("/").body.string.contains("Revues post-incident à faire"))
            t.clock.advance(by: 9 * 86_400)
            #expect(try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false).isEmpty)
            t.clock.advance(by: 6 * 86_400)
            #expect(try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false).count == 1)
            let told = try await t.notifications(of: other).items
            #expect(
                told.contains { $0.event == "escalated" && $0.text.contains("Revue post-incident toujours pas faite") })
            let entry = try #require(try await t.journal(incident.id, as: manager).last)
            #expect(entry.kind == "escalated" && entry.details["kind"] == "review_overdue")
            // A reminder after closing is no missed deadline of the handling.
            let breached = try await t.send(.GET, "/api/v1/incidents?breached=true", as: manager)
            #expect(!breached.body.string.contains(incident.number))
        }
    }

    @Test("the organisation sets the reminder's delay; the closed incidents follow it")
    func reminderDelay() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let manager = try await t.user([.incidentManager])
            let crisis = try await t.user([.crisisManager])
            let path = "/api/v1/settings/review-reminder"
            #expect(try await t.send(.GET, path, as: manager).body.string == #"{"workingDays":10}"#)
            let incident = try await closedIncident(t, manager: manager, crisis: crisis)
            let before = try await t.snapshot()
            #expect(try await t.send(.PUT, path, as: manager, json: #"{"workingDays":3}"#).status == .forbidden)
            #expect(try await t.send(.PUT, path, as: admin, json: #"{"workingDays":0}"#).status == .unprocessableEntity)
            #expect(try await t.send(.PUT, path, as: admin, json: #"{"workingDays":"3"}"#).status == .badRequest)
            #expect(try await t.snapshot() == before)
            let saved = try await t.send(.PUT, path, as: admin, json: #"{"workingDays":3}"#)
            #expect(saved.status == .ok && saved.body.string == #"{"workingDays":3}"#)
            // Five calendar days always hold three working days.
            t.clock.advance(by: 5 * 86_400)
            #expect(try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false).count == 1)
            let entry = try #require(try await t.journal(incident.id, as: manager).last)
            #expect(entry.details["kind"] == "review_overdue")
        }
    }
}
