import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Exercises: their own numbers, out of the register and the figures, nothing outside (#20, API)")
struct ExerciseAPITests {
    struct ExerciseJSON: Decodable {
        let id: UUID
        let number: String
        let exercise: Bool
        let exerciseChannels: [String]?
        let version: Int
    }

    struct ReportJSON: Decodable {
        struct Step: Decodable {
            let kind: String
            let detail: String?
            let slaSeconds: Int?
            let targetSeconds: Int?
            let met: Bool?
        }

        struct Lesson: Decodable {
            let question: String
            let answer: String
        }

        let number: String
        let steps: [Step]
        let targetsMet: Int
        let targetsTimed: Int
        let lessons: [Lesson]
    }

    /// An exercise filed by `caller`, reaching `channels` outside.
    static func exercise(
        _ t: TestApp, as caller: Caller, title: String = "Exercice rançongiciel", channels: [String]? = nil
    ) async throws -> IncidentJSON {
        let reach = channels.map { ",\"exerciseChannels\":[" + $0.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
        let response = try await t.send(
            .POST, "/api/v1/incidents", as: caller,
            json:
                #"{"title":"\#(title)","description":"Scénario : chiffrement des serveurs","exercise":true\#(reach ?? "")}"#
        )
        try #require(response.status == .created, "\(response.body.string)")
        return try response.decode(IncidentJSON.self)
    }

    @Test("an exercise is numbered EX-…, in its own series; real incidents keep theirs, and say they are real")
    func numbering() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let first = try await t.report(as: manager)
            let drill = try await Self.exercise(t, as: manager, channels: ["webhooks"])
            let second = try await Self.exercise(t, as: manager)
            let real = try await t.report(as: manager)
            let year = Calendar.utc.component(.year, from: t.clock.now())
            #expect(first.number == "INC-\(year)-0001" && real.number == "INC-\(year)-0002")
            #expect(drill.number == "EX-\(year)-0001" && second.number == "EX-\(year)-0002")
            let shown = try await t.send(.GET, "/api/v1/incidents/\(drill.number)", as: manager)
            let json = try shown.decode(ExerciseJSON.self)
            #expect(json.exercise && json.exerciseChannels == ["webhooks"])
            let plain = try await t.send(.GET, "/api/v1/incidents/\(real.id)", as: manager).decode(ExerciseJSON.self)
            #expect(!plain.exercise && plain.exerciseChannels == nil)
            let entry = try #require(try await t.journal(drill.id, as: manager).first)
            #expect(entry.kind == "reported" && entry.details["exercise"] == "true")
            #expect(entry.details["exerciseChannels"] == "webhooks")
            // The continuity and crisis managers run drills of their plans too.
            for role in [Role.continuityManager, .crisisManager] {
                _ = try await Self.exercise(t, as: try await t.user([role]))
            }
        }
    }

    @Test("the register's default view, its exports and its figures leave exercises out; the filter shows them alone")
    func outOfTheFigures() async throws {
        try await withTestApp { t in
            t.app.metricsAccess = .open
            let manager = try await t.user([.incidentManager])
            let real = try await t.qualify(
                try await t.report(as: manager, title: "Vraie panne"), as: manager, severity: .major)
            let drill = try await t.qualify(try await Self.exercise(t, as: manager), as: manager, severity: .major)
            let list = try await t.send(.GET, "/api/v1/incidents", as: manager).decode(PageJSON.self)
            #expect(list.items.map(\.number) == [real.number])
            let drills = try await t.send(.GET, "/api/v1/incidents?exercises=true", as: manager).decode(PageJSON.self)
            #expect(drills.items.map(\.number) == [drill.number])
            let searched = try await t.send(.GET, "/api/v1/incidents?q=exercice", as: manager).decode(PageJSON.self)
            #expect(searched.items.isEmpty, "a search of the register finds no drill unless asked")
            let csv = try await t.send(.GET, "/api/v1/incidents/export.csv", as: manager).body.string
            #expect(csv.contains(real.number) && !csv.contains(drill.number))
            let drillsCSV = try await t.send(.GET, "/api/v1/incidents/export.csv?exercises=true", as: manager).body
                .string
            #expect(drillsCSV.contains(drill.number) && !drillsCSV.contains(real.number))
            let json = try await t.send(.GET, "/api/v1/incidents/export.json", as: manager).body.string
            #expect(json.contains(real.number) && !json.contains(drill.number))
            let metrics = try await t.send(.GET, "/metrics", as: nil).body.string
            #expect(
                MetricsTests.value(#"riposte_incidents_open{severity="major",status="qualified"}"#, in: metrics) == 1)
        }
    }

    @Test(
        "only those who run drills file one; channels without a drill, or a drill turned real or back, change nothing")
    func refused() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let drill = try await Self.exercise(t, as: manager)
            let real = try await t.report(as: manager)
            let before = try await t.snapshot()
            for role in [Role.reporter, .helpdeskOperator, .responseTeam, .admin] {
                let refused = try await t.send(
                    .POST, "/api/v1/incidents", as: try await t.user([role]),
                    json: #"{"title":"x","description":"y","exercise":true}"#)
                #expect(refused.status == .forbidden, "\(role)")
            }
            let channels = try await t.send(
                .POST, "/api/v1/incidents", as: manager,
                json: #"{"title":"x","description":"y","exerciseChannels":["webhooks"]}"#)
            #expect(channels.status == .unprocessableEntity)
            #expect(channels.body.string.contains(#""field":"exerciseChannels""#))
            let unknown = try await t.send(
                .POST, "/api/v1/incidents", as: manager,
                json: #"{"title":"x","description":"y","exercise":true,"exerciseChannels":["regulators"]}"#)
            #expect(unknown.status == .badRequest || unknown.status == .unprocessableEntity)
            for (incident, value) in [(drill, false), (real, true)] {
                let turned = try await t.send(
                    .PATCH, "/api/v1/incidents/\(incident.id)", as: manager,
                    json: #"{"exercise":\#(value),"title":"Nouveau titre"}"#)
                #expect(turned.status == .conflict)
                #expect(turned.body.string.contains("exercise_is_fixed"))
            }
            #expect(try await t.snapshot() == before)
            // Saying what it already is changes nothing by itself, and lets the rest through.
            let same = try await t.send(
                .PATCH, "/api/v1/incidents/\(drill.id)", as: manager, json: #"{"exercise":true,"title":"Exercice 2"}"#)
            #expect(same.status == .ok, "\(same.body.string)")
        }
    }

    @Test("a drill's messages reach its reporter, never outside unless it includes them")
    func messages() async throws {
        try await withTestApp { t in
            let folder = try MessagesAPITests.mailbox(t)
            defer { try? FileManager.default.removeItem(at: folder) }
            let (supplier, _) = try await MessagesAPITests.directory(t)
            let manager = try await t.user([.incidentManager], email: "im@acme.test")
            for (channels, allowed) in [([String](), false), (["messages"], true)] {
                let drill = try await t.qualify(
                    try await Self.exercise(t, as: manager, channels: channels), as: manager, severity: .minor)
                try await MessagesAPITests.name(supplier, on: drill, as: manager, t)
                let before = try await t.snapshot()
                for body in [
                    MessageBody(parties: [supplier], subject: "Panne", body: "Bonjour"),
                    MessageBody(addresses: ["press@journal.test"], subject: "Panne", body: "Bonjour"),
                ] {
                    let sent = try await t.send(
                        .POST, "/api/v1/incidents/\(drill.id)/messages", as: manager, body: body)
                    if allowed {
                        #expect(sent.status == .created, "\(sent.body.string)")
                    } else {
                        #expect(sent.status == .conflict, "\(body)")
                        #expect(sent.body.string.contains("exercise_stays_inside"))
                    }
                }
                if !allowed {
                    #expect(try await t.snapshot() == before)
                    let inside = try await t.send(
                        .POST, "/api/v1/incidents/\(drill.id)/messages", as: manager,
                        body: MessageBody(reporter: true, subject: "Exercice", body: "Bonjour"))
                    #expect(inside.status == .created, "\(inside.body.string)")
                }
            }
        }
    }

    @Test("people are told, marked EXERCICE; webhooks only when the drill includes them")
    func notifications() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            t.app.webhookTargets = WebhookTargets(allowed: IPRange.list("127.0.0.1") ?? [])
            let hook = try await t.send(
                .POST, "/api/v1/webhooks", as: admin,
                json: #"{"url":"http://127.0.0.1:9/hook","format":"slack","events":["qualified"]}"#)
            try #require(hook.status == .created, "\(hook.body.string)")
            t.app.notificationSettings.sendmail = ["/bin/true"]
            let helpdesk = try await t.user([.helpdeskOperator])
            let manager = try await t.user([.incidentManager], email: "im@acme.test")
            let crisis = try await t.user([.crisisManager])
            let inside = try await t.qualify(try await Self.exercise(t, as: crisis), as: helpdesk, severity: .major)
            let reaching = try await t.qualify(
                try await Self.exercise(t, as: crisis, channels: ["webhooks"]), as: helpdesk, severity: .major)
            let real = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .major)
            try await t.app.outboxFanOut.settle()
            func deliveries(_ incident: IncidentJSON) async throws -> [(channel: String, subject: String)] {
                try await t.db.sql().raw(
                    "SELECT channel, subject FROM deliveries WHERE incident_id = \(bind: incident.id) ORDER BY channel"
                ).all().map {
                    (
                        try $0.decode(column: "channel", as: String.self),
                        try $0.decode(column: "subject", as: String.self)
                    )
                }
            }
            let insideSent = try await deliveries(inside)
            #expect(insideSent.map(\.channel) == ["email"], "the manager by e-mail, no webhook")
            // In the manager's language, French unless they chose another.
            #expect(insideSent.first?.subject.hasPrefix("[EXERCICE] [\(inside.number)]") == true)
            #expect(try await deliveries(reaching).map(\.channel) == ["email", "webhook"])
            #expect(try await deliveries(real).map(\.channel) == ["email", "webhook"])
            #expect(try await deliveries(real).first?.subject.hasPrefix("[\(real.number)]") == true)
            let told = try await t.notifications(of: manager).items
            #expect(told.count == 3, "in the app as for a real incident")
        }
    }

    @Test("a drill's assessment starts no clock of the law and enters no breach register")
    func noLegalClock() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let drill = try await Self.exercise(t, as: manager)
            let saved = try await t.send(
                .PUT, "/api/v1/incidents/\(drill.id)/assessment", as: manager, json: RegulationAPITests.breachBody)
            #expect(saved.status == .ok, "\(saved.body.string)")
            #expect(try saved.decode(RegulationAPITests.AssessmentJSON.self).obligations.isEmpty)
            let breaches = try await t.send(.GET, "/api/v1/breaches", as: manager)
            #expect(try breaches.decode(RegulationAPITests.BreachPageJSON.self).items.isEmpty)
            let open = try await t.send(.GET, "/api/v1/incidents?openObligations=true&exercises=true", as: manager)
            #expect(try open.decode(PageJSON.self).items.isEmpty)
            let now = t.clock.now().formatted(.iso8601)
            let submitted = try await t.send(
                .POST, "/api/v1/incidents/\(drill.id)/obligations/gdpr_authority/submissions", as: manager,
                json: #"{"at":"\#(now)","recipient":"CNIL"}"#)
            #expect(submitted.status == .conflict, "\(submitted.body.string)")
        }
    }

    @Test("its report: each step against the SLA, and the review's lessons; none for a real incident")
    func report() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let reporter = try await t.user([.reporter])
            var drill = try await Self.exercise(t, as: manager)
            t.clock.advance(by: 600)
            drill = try await t.qualify(drill, as: manager, severity: .minor)
            drill = try await t.move(drill, to: .inTreatment, as: manager)
            t.clock.advance(by: 3600)
            drill = try await t.move(drill, to: .resolved, as: manager)
            drill = try await t.close(drill, as: manager)
            let saved = try await t.send(
                .PUT, "/api/v1/incidents/\(drill.id)/review", as: manager,
                json: #"{"answers":{"prevention.learned":"Les sauvegardes hors ligne manquaient"}}"#)
            #expect(saved.status == .ok, "\(saved.body.string)")
            let response = try await t.send(.GET, "/api/v1/incidents/\(drill.id)/exercise-report", as: manager)
            try #require(response.status == .ok, "\(response.body.string)")
            let report = try response.decode(ReportJSON.self)
            #expect(
                report.steps.map(\.kind) == [
                    "reported", "qualified", "in_treatment", "resolved", "plan_deactivated", "closed",
                ])
            let qualified = try #require(report.steps.first { $0.kind == "qualified" })
            #expect(qualified.slaSeconds == 600 && qualified.targetSeconds == 4 * 3600 && qualified.met == true)
            #expect(qualified.detail == "minor")
            #expect(report.steps.first { $0.kind == "resolved" }?.slaSeconds == 4200)
            #expect(report.targetsMet == 2 && report.targetsTimed == 2)
            #expect(report.lessons.map(\.question) == ["prevention.learned"])
            let real = try await t.report(as: manager)
            let refused = try await t.send(.GET, "/api/v1/incidents/\(real.id)/exercise-report", as: manager)
            #expect(refused.status == .conflict && refused.body.string.contains("not_an_exercise"))
            #expect(
                try await t.send(.GET, "/api/v1/incidents/\(drill.id)/exercise-report", as: reporter).status
                    != .ok)
        }
    }
}
