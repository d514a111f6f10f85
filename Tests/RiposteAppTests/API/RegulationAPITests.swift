import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("The law's deadlines: assessment, clocks, submissions, breach register (API)")
struct RegulationAPITests {
    struct AssessmentJSON: Decodable {
        let assessed: Bool
        let awareAt: Date
        let nis2Significant: Bool?
        let obligations: [ObligationJSON]
    }

    struct ObligationJSON: Decodable {
        struct Record: Decodable {
            let kind: String
            let at: Date
            let recipient: String
            let reference: String
            let reason: String
        }

        let id: String
        let regime: String
        let startsAt: Date
        let dueAt: Date?
        let status: String
        let overdue: Bool
        let provisional: Bool
        let settledLate: Bool
        let records: [Record]
    }

    struct BreachPageJSON: Decodable {
        struct Item: Decodable {
            struct Outcome: Decodable {
                let status: String
                let at: Date?
                let reason: String?
            }

            let number: String
            let status: String
            let authority: Outcome
            let dataSubjects: Outcome
        }

        let items: [Item]
    }

    static let breachBody = """
        {"personalData":{"dataCategories":"Noms, e-mails","subjectCategories":"Clients","approximateSubjects":1200,
         "approximateRecords":5000,"consequences":"Hameçonnage","measures":"Mots de passe changés","risk":"high"}}
        """

    struct People {
        let manager: Caller
        let team: Caller
        let privacy: Caller
        let crisis: Caller
        let admin: Caller
        let reporter: Caller
    }

    func people(_ t: TestApp) async throws -> People {
        People(
            manager: try await t.user([.incidentManager]), team: try await t.user([.responseTeam]),
            privacy: try await t.user([.privacyOfficer]), crisis: try await t.user([.crisisManager]),
            admin: try await t.user([.admin]), reporter: try await t.user([.reporter]))
    }

    func assess(
        _ t: TestApp, _ incident: IncidentJSON, as caller: Caller, json: String = breachBody,
        headers: [(String, String)] = []
    ) async throws -> TestingHTTPResponse {
        try await t.send(.PUT, "/api/v1/incidents/\(incident.id)/assessment", as: caller, json: json, headers: headers)
    }

    func obligation(_ id: String, in response: TestingHTTPResponse) throws -> ObligationJSON {
        try #require(try response.decode(AssessmentJSON.self).obligations.first { $0.id == id })
    }

    @Test("a breach with a high risk starts the 72-hour clock and the notice to people; the DPO is told")
    func assessBreach() async throws {
        try await withTestApp { t in
            let p = try await people(t)
            let incident = try await t.report(as: p.reporter)
            let unassessed = try await t.send(.GET, "/api/v1/incidents/\(incident.id)/assessment", as: p.team)
            #expect(unassessed.status == .ok)
            #expect(try unassessed.decode(AssessmentJSON.self).assessed == false)
            #expect(try unassessed.decode(AssessmentJSON.self).obligations.isEmpty)
            let saved = try await assess(t, incident, as: p.team)
            try #require(saved.status == .ok, "\(saved.body.string)")
            #expect(saved.headers.first(name: .eTag) != nil)
            let authority = try obligation("gdpr_authority", in: saved)
            #expect(authority.dueAt == incident.reportedAt.addingTimeInterval(72 * 3600))
            #expect(authority.status == "open")
            #expect(try obligation("gdpr_data_subjects", in: saved).dueAt == nil)
            let journal = try await t.journal(incident.id, as: p.manager)
            let entry = try #require(journal.last)
            #expect(entry.kind == "assessed")
            #expect(entry.details["personalData.risk"] == "high")
            #expect(entry.details["personalData.approximateSubjects"] == "1200")
            let told = try await t.notifications(of: p.privacy).items
            #expect(told.map(\.event) == ["breach_assessed"])
            #expect(told.first?.role == "privacy_officer")
            #expect(try await t.notifications(of: p.crisis).items.isEmpty)
            // The register's filter: only incidents with a deadline of the law open.
            _ = try await t.report(as: p.reporter, title: "Autre")
            let filtered = try await t.send(.GET, "/api/v1/incidents?openObligations=true", as: p.manager)
            #expect(filtered.status == .ok)
            #expect(filtered.body.string.contains(incident.number))
            #expect(!filtered.body.string.contains("Autre"))
        }
    }

    @Test("a reporter neither reads nor writes the assessment; bad input and stale versions change nothing")
    func refusals() async throws {
        try await withTestApp { t in
            let p = try await people(t)
            let incident = try await t.report(as: p.reporter)
            #expect(
                try await t.send(.GET, "/api/v1/incidents/\(incident.id)/assessment", as: p.reporter).status
                    == .forbidden)
            let before = try await t.snapshot()
            #expect(try await assess(t, incident, as: p.reporter).status == .forbidden)
            let future = t.clock.now().addingTimeInterval(60).formatted(.iso8601)
            let late = try await assess(t, incident, as: p.team, json: #"{"awareAt":"\#(future)","reason":"x"}"#)
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.string.contains("\"field\":\"awareAt\""))
            let yearBefore = incident.reportedAt.addingTimeInterval(-400 * 86_400).formatted(.iso8601)
            #expect(
                try await assess(t, incident, as: p.team, json: #"{"awareAt":"\#(yearBefore)","reason":"x"}"#).status
                    == .unprocessableEntity)
            let moved = incident.reportedAt.addingTimeInterval(-3600).formatted(.iso8601)
            let noReason = try await assess(t, incident, as: p.team, json: #"{"awareAt":"\#(moved)"}"#)
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("\"field\":\"reason\""))
            #expect(
                try await assess(t, incident, as: p.team, json: #"{"personalData":{"risk":"huge"}}"#).status
                    == .unprocessableEntity)
            #expect(
                try await assess(t, incident, as: p.team, headers: [("If-Match", "\"999\"")]).status
                    == .preconditionFailed)
            #expect(
                try await t.send(.PUT, "/api/v1/incidents/\(UUID())/assessment", as: p.team, json: Self.breachBody)
                    .status == .notFound)
            #expect(try await t.snapshot() == before)
        }
    }

    @Test("correcting the awareness time, with its reason, moves the clocks and is journalled")
    func awarenessCorrection() async throws {
        try await withTestApp { t in
            let p = try await people(t)
            let incident = try await t.report(as: p.reporter)
            let first = try await assess(t, incident, as: p.team)
            let version = try #require(first.headers.first(name: .eTag))
            let earlier = incident.reportedAt.addingTimeInterval(-5 * 3600)
            let corrected = try await assess(
                t, incident, as: p.manager,
                json:
                    #"{"awareAt":"\#(earlier.formatted(.iso8601))","reason":"Le SOC l'a vu à 4 h","personalData":{"risk":"high"}}"#,
                headers: [("If-Match", version)])
            try #require(corrected.status == .ok, "\(corrected.body.string)")
            #expect(try obligation("gdpr_authority", in: corrected).dueAt == earlier.addingTimeInterval(72 * 3600))
            let entry = try #require(try await t.journal(incident.id, as: p.manager).last)
            #expect(entry.text == "Le SOC l'a vu à 4 h")
            #expect(entry.details["awareAt"] != nil)
            // The privacy officer was told once: the risk did not change.
            #expect(try await t.notifications(of: p.privacy).items.count == 1)
        }
    }

    @Test("the law's hours run on while the SLA clock is paused")
    func notPaused() async throws {
        try await withTestApp { t in
            let p = try await people(t)
            let incident = try await t.inTreatment(.minor, as: p.manager)
            let before = try await assess(t, incident, as: p.team)
            let due = try obligation("gdpr_authority", in: before).dueAt
            let paused = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/clock", as: p.manager,
                json: #"{"action":"pause","reason":"En attente du fournisseur"}"#)
            try #require(paused.status == .ok, "\(paused.body.string)")
            t.clock.advance(by: 10 * 3600)
            let after = try await t.send(.GET, "/api/v1/incidents/\(incident.id)/assessment", as: p.team)
            #expect(try obligation("gdpr_authority", in: after).dueAt == due)
        }
    }

    @Test("a submission settles the deadline; in the future, by someone without the right, or unknown, refused")
    func submissions() async throws {
        try await withTestApp { t in
            let p = try await people(t)
            let incident = try await t.report(as: p.reporter)
            try #require(try await assess(t, incident, as: p.team).status == .ok)
            let path = "/api/v1/incidents/\(incident.id)/obligations"
            let before = try await t.snapshot()
            let future = t.clock.now().addingTimeInterval(60).formatted(.iso8601)
            #expect(
                try await t.send(
                    .POST, "\(path)/gdpr_authority/submissions", as: p.privacy, json: #"{"at":"\#(future)"}"#
                )
                .status == .unprocessableEntity)
            let now = t.clock.now().formatted(.iso8601)
            #expect(
                try await t.send(.POST, "\(path)/gdpr_authority/submissions", as: p.team, json: #"{"at":"\#(now)"}"#)
                    .status == .forbidden)
            #expect(
                try await t.send(.POST, "\(path)/dora_initial/submissions", as: p.privacy, json: #"{"at":"\#(now)"}"#)
                    .status == .conflict)
            #expect(
                try await t.send(.POST, "\(path)/nowhere/submissions", as: p.privacy, json: #"{"at":"\#(now)"}"#).status
                    == .notFound)
            #expect(
                try await t.send(.POST, "\(path)/gdpr_authority/decisions", as: p.privacy, json: #"{"reason":"  "}"#)
                    .status == .unprocessableEntity)
            #expect(try await t.snapshot() == before)
            let sent = try await t.send(
                .POST, "\(path)/gdpr_authority/submissions", as: p.privacy,
                json: #"{"at":"\#(now)","recipient":"CNIL","reference":"NOTIF-2026-42","document":"Notification"}"#)
            try #require(sent.status == .created, "\(sent.body.string)")
            let clock = try sent.decode(ObligationJSON.self)
            #expect(clock.status == "submitted")
            #expect(clock.records.first?.reference == "NOTIF-2026-42")
            #expect(try await t.journal(incident.id, as: p.manager).last?.kind == "obligation_submitted")
            // Phased information (art. 33(4)): another submission is kept beside the first.
            let again = try await t.send(
                .POST, "\(path)/gdpr_authority/submissions", as: p.manager, json: #"{"at":"\#(now)","reference":"2"}"#)
            #expect(try again.decode(ObligationJSON.self).records.count == 2)
            #expect(
                try await t.send(.POST, "\(path)/gdpr_authority/decisions", as: p.privacy, json: #"{"reason":"x"}"#)
                    .status == .conflict)
            let people = try await t.send(
                .POST, "\(path)/gdpr_data_subjects/decisions", as: p.privacy,
                json: #"{"reason":"Risque élevé écarté : les mots de passe étaient hachés"}"#)
            #expect(try people.decode(ObligationJSON.self).status == "not_notified")
        }
    }

    @Test(
        "the sweep reminds at half time and the last quarter, escalates once past, and a late submission gives its reason"
    )
    func sweepReminders() async throws {
        try await withTestApp { t in
            let p = try await people(t)
            let incident = try await t.report(as: p.reporter)
            try #require(
                try await assess(t, incident, as: p.team, json: #"{"personalData":{"risk":"risk"}}"#).status == .ok)
            // The plan's own escalations (the incident is not qualified) are not this test's.
            func sweep() async throws -> [RegulatoryAlert.Stage] {
                try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false).flatMap(\.obligations).map(
                    \.stage)
            }
            t.clock.advance(by: 36 * 3600 - 1)
            #expect(try await sweep().isEmpty)
            t.clock.advance(by: 1)
            #expect(try await sweep() == [.half])
            #expect(try await sweep().isEmpty, "once")
            t.clock.advance(by: 18 * 3600)
            #expect(try await sweep() == [.lastQuarter])
            t.clock.advance(by: 18 * 3600)
            #expect(try await sweep().isEmpty, "due now, not yet passed")
            t.clock.advance(by: 1)
            #expect(try await sweep() == [.passed])
            #expect(try await sweep().isEmpty)
            let kinds = try await t.journal(incident.id, as: p.manager).map(\.kind)
            #expect(kinds.filter { $0 == "obligation_reminder" }.count == 2)
            #expect(kinds.filter { $0 == "obligation_overdue" }.count == 1)
            #expect(
                try await t.notifications(of: p.privacy).items.filter { $0.event == "obligation_reminder" }.count == 2)
            let crisis = try await t.notifications(of: p.crisis).items
            #expect(crisis.map(\.event) == ["obligation_overdue"])
            #expect(crisis.first?.text.contains("gdpr") == false, "worded, not coded")
            let now = t.clock.now().formatted(.iso8601)
            let path = "/api/v1/incidents/\(incident.id)/obligations/gdpr_authority/submissions"
            let noReason = try await t.send(.POST, path, as: p.privacy, json: #"{"at":"\#(now)"}"#)
            #expect(noReason.status == .unprocessableEntity)
            let late = try await t.send(
                .POST, path, as: p.privacy, json: #"{"at":"\#(now)","reason":"Le DPO était injoignable"}"#)
            try #require(late.status == .created, "\(late.body.string)")
            #expect(try late.decode(ObligationJSON.self).settledLate)
            #expect(try await t.journal(incident.id, as: p.manager).last?.details["late"] == "true")
        }
    }

    @Test("settings: the administrator's; a link that is no web page or address is refused")
    func settings() async throws {
        try await withTestApp { t in
            let p = try await people(t)
            let defaults = try await t.send(.GET, "/api/v1/settings/regulation", as: p.team)
            #expect(defaults.status == .ok)
            #expect(defaults.body.string.contains("CNIL"))
            let body = #"{"nis2":"important","dora":true,"country":"be","privacyContact":"dpo@example.be"}"#
            #expect(
                try await t.send(.PUT, "/api/v1/settings/regulation", as: p.manager, json: body).status == .forbidden)
            let before = try await t.snapshot()
            let script =
                #"{"nis2":"important","dora":false,"country":"be","authorities":[{"regime":"gdpr","name":"X","link":"javascript:alert(1)"}]}"#
            let refused = try await t.send(.PUT, "/api/v1/settings/regulation", as: p.admin, json: script)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("authorities[0].link"))
            #expect(
                try await t.send(
                    .PUT, "/api/v1/settings/regulation", as: p.admin,
                    json: #"{"nis2":"maybe","dora":false,"country":"be"}"#
                )
                .status == .unprocessableEntity)
            #expect(try await t.snapshot() == before)
            let saved = try await t.send(.PUT, "/api/v1/settings/regulation", as: p.admin, json: body)
            #expect(saved.status == .ok)
            #expect(saved.body.string.contains("Safeonweb"))
        }
    }

    @Test("NIS2 and DORA clocks follow the organisation's regimes; the DORA cap holds")
    func nis2AndDORA() async throws {
        try await withTestApp { t in
            let p = try await people(t)
            let incident = try await t.report(as: p.reporter)
            let both = #"{"nis2":{"severeDisruption":true,"suspectedMalicious":true},"dora":{"major":true}}"#
            let outside = try await assess(t, incident, as: p.manager, json: both)
            #expect(try outside.decode(AssessmentJSON.self).obligations.isEmpty)
            try #require(
                try await t.send(
                    .PUT, "/api/v1/settings/regulation", as: p.admin,
                    json: #"{"nis2":"essential","dora":true,"country":"be"}"#
                ).status == .ok)
            let assessed = try await t.send(.GET, "/api/v1/incidents/\(incident.id)/assessment", as: p.manager)
            let ids = try assessed.decode(AssessmentJSON.self).obligations.map(\.id)
            #expect(
                ids == [
                    "nis2_early_warning", "nis2_notification", "nis2_final_report", "dora_initial", "dora_intermediate",
                    "dora_final",
                ])
            #expect(
                try obligation("dora_initial", in: assessed).dueAt == incident.reportedAt.addingTimeInterval(4 * 3600))
            #expect(try obligation("nis2_final_report", in: assessed).provisional)
        }
    }
}
