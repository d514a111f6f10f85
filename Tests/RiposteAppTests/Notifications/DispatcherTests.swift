import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

/// A channel that refuses the first `failures` tries of each message, then takes it.
/// The real channels (sendmail, HTTP) are exercised end to end in Tests/e2e.
actor ScriptedTransport: DeliveryTransport {
    let failures: Int
    let delay: Duration
    private(set) var tries: [UUID: Int] = [:]
    private(set) var delivered: [UUID: Int] = [:]

    init(failures: Int = 0, delay: Duration = .zero) {
        self.failures = failures
        self.delay = delay
    }

    func send(_ delivery: ClaimedDelivery) async throws {
        if delay > .zero { try await Task.sleep(for: delay) }
        tries[delivery.id, default: 0] += 1
        guard tries[delivery.id]! > failures else { throw DeliveryFailure("api.delivery.webhook_status", "503") }
        delivered[delivery.id, default: 0] += 1
    }
}

@Suite("Outbox dispatcher")
struct DispatcherTests {
    func dispatcher(_ t: TestApp, _ transport: any DeliveryTransport, maxAttempts: Int = 8) -> Dispatcher {
        Dispatcher(
            database: t.db, gate: t.app.writeGate, policy: DeliveryPolicy(base: 10, cap: 600, maxAttempts: maxAttempts),
            transport: transport, fanOut: t.app.outboxFanOut)
    }

    /// An admin, a webhook for plan activations, and an incident whose CMP is activated.
    func incidentWithWebhook(_ t: TestApp, hooks: Int = 1) async throws -> (IncidentJSON, Caller) {
        let admin = try await t.user([.admin])
        // The receiver's address is a loopback one, which webhooks reach only when allowed.
        t.app.webhookTargets = WebhookTargets(allowed: IPRange.list("127.0.0.1") ?? [])
        for index in 0..<hooks {
            let created = try await t.send(
                .POST, "/api/v1/webhooks", as: admin,
                json: #"{"url":"http://127.0.0.1:9/hook/\#(index)","format":"slack","events":["plan_activated"]}"#)
            try #require(created.status == .created, "\(created.body.string)")
        }
        let manager = try await t.user([.incidentManager])
        let crisis = try await t.user([.crisisManager])
        let incident = try await t.inTreatment(.major, as: manager)
        try await t.plan("cmp", "activate", on: incident, as: crisis)
        return (incident, manager)
    }

    @Test("a receiver failing three times then succeeding gets one message; the incident shows the retries")
    func retries() async throws {
        try await withTestApp { t in
            let (incident, manager) = try await incidentWithWebhook(t)
            let transport = ScriptedTransport(failures: 3)
            let dispatcher = dispatcher(t, transport)
            let clock = t.clock
            var summary = try await dispatcher.run(at: { clock.now() })
            #expect(summary == .init(delivered: 0, retried: 1, failed: 0))
            // Not due again before its backoff (10 s, then 20 s, then 40 s).
            t.clock.advance(by: 9)
            #expect(try await dispatcher.run(at: { clock.now() }).total == 0)
            for wait in [1.0, 20, 40] {
                t.clock.advance(by: wait)
                summary = try await dispatcher.run(at: { clock.now() })
            }
            #expect(summary == .init(delivered: 1, retried: 0, failed: 0))
            #expect(await transport.delivered.values.reduce(0, +) == 1)
            t.clock.advance(by: 3600)
            #expect(try await dispatcher.run(at: { clock.now() }).total == 0)
            let delivery = try #require(try await t.deliveries(of: incident, as: manager).first)
            #expect(delivery.state == "delivered")
            #expect(delivery.attempts == 4)
            #expect(delivery.history.map(\.outcome) == ["failed", "failed", "failed", "delivered"])
            #expect(delivery.history.first?.error == "The webhook answered HTTP 503.")
            #expect(delivery.channel == "webhook")
            #expect(delivery.target == "http://127.0.0.1:9/…")
            #expect(delivery.deliveredAt != nil)
            // Addresses, hosts and errors are for those who handle incidents, not for a reporter.
            let reporter = try await t.user([.reporter])
            let own = try await t.report(as: reporter)
            let refused = try await t.send(.GET, "/api/v1/incidents/\(own.id)/deliveries", as: reporter)
            #expect(refused.status == .forbidden)
        }
    }

    @Test("after the last attempt the delivery is given up, and says why") func givesUp() async throws {
        try await withTestApp { t in
            let (incident, manager) = try await incidentWithWebhook(t)
            let dispatcher = dispatcher(t, ScriptedTransport(failures: 100), maxAttempts: 2)
            let clock = t.clock
            _ = try await dispatcher.run(at: { clock.now() })
            t.clock.advance(by: 10)
            #expect(try await dispatcher.run(at: { clock.now() }) == .init(delivered: 0, retried: 0, failed: 1))
            t.clock.advance(by: 86_400)
            #expect(try await dispatcher.run(at: { clock.now() }).total == 0)
            let delivery = try #require(try await t.deliveries(of: incident, as: manager).first)
            #expect(delivery.state == "failed")
            #expect(delivery.lastError == "The webhook answered HTTP 503.")
            // Worded in the language the client asks for.
            let inFrench = try await t.deliveries(of: incident, as: manager, headers: [("Accept-Language", "fr")])
            #expect(inFrench.first?.lastError == "Le webhook a répondu HTTP 503.")
            #expect(inFrench.first?.history.last?.error == "Le webhook a répondu HTTP 503.")
            // The incident itself was never held up.
            #expect(try await t.fetch(incident.number, as: manager).plans.map(\.plan) == ["cmp"])
        }
    }

    @Test("two dispatchers at once send each message exactly once") func concurrentDispatchers() async throws {
        try await withTestApp { t in
            // Each event is fanned out before the next admin adds webhooks: an event reaches the
            // webhooks that exist when it is fanned out.
            for _ in 0..<3 {
                _ = try await incidentWithWebhook(t, hooks: 4)
                try await t.app.outboxFanOut.run()
            }
            let pending = try await t.db.sql().raw("SELECT COUNT(*) AS n FROM deliveries").first()?
                .decode(column: "n", as: Int.self)
            // 3 incidents × (4 webhooks, plus the 4 of each earlier admin's set) = 4 + 8 + 12.
            #expect(pending == 24)
            let transport = ScriptedTransport(delay: .milliseconds(5))
            let clock = t.clock
            let first = dispatcher(t, transport)
            let second = dispatcher(t, transport)
            async let a = first.run(at: { clock.now() })
            async let b = second.run(at: { clock.now() })
            let (one, two) = try await (a, b)
            #expect(one.delivered + two.delivered == 24)
            #expect(await transport.delivered.count == 24)
            #expect(await transport.delivered.values.allSatisfy { $0 == 1 })
        }
    }

    @Test("e-mail goes through the sendmail command, one per person, in their language") func sendmail() async throws {
        try await withTestApp { t in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riposte-mail-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            t.app.notificationSettings.sendmail = ["/bin/sh", "-c", "cat > \(folder.path)/$$.eml"]
            let recovery = try await t.user([.recoveryManager], email: "drp@example.test")
            try await t.db.sql().raw("UPDATE users SET language = 'en' WHERE id = \(bind: recovery.id)").run()
            let manager = try await t.user([.incidentManager])
            let crisis = try await t.user([.crisisManager])
            let incident = try await t.inTreatment(.major, as: manager)
            try await t.warn(4, on: incident, as: crisis, message: "Salle serveurs inondée")
            let clock = t.clock
            #expect(try await t.app.dispatcher.run(at: { clock.now() }).delivered == 1)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            let message = try String(
                contentsOf: folder.appendingPathComponent(try #require(files.first)), encoding: .utf8)
            #expect(message.contains("To: drp@example.test\r\n"))
            let subject = "[\(incident.number)] Warning for the DRP: yours to decide whether to activate it"
            #expect(MailHeaders.value("Subject", in: message) == subject)
            #expect(message.contains("From: Riposte <riposte@localhost>\r\n"))
            #expect(message.contains("Auto-Submitted: auto-generated\r\n"))
            let body = try #require(message.components(separatedBy: "\r\n\r\n").last)
            let text = String(
                decoding: try #require(Data(base64Encoded: body, options: .ignoreUnknownCharacters)), as: UTF8.self)
            #expect(text.contains("disaster recovery manager (flow 4)"))
            #expect(text.contains("Salle serveurs inondée"))
        }
    }

    @Test("a failing sendmail command is retried with its error shown") func sendmailFails() async throws {
        try await withTestApp { t in
            t.app.notificationSettings.sendmail = [
                "/bin/sh", "-c", "cat > /dev/null; echo 'relay refused' >&2; exit 75",
            ]
            let crisis = try await t.user([.crisisManager])
            let manager = try await t.user([.incidentManager])
            let incident = try await t.inTreatment(.major, as: manager)
            try await t.plan("cmp", "activate", on: incident, as: crisis)
            let clock = t.clock
            #expect(try await t.app.dispatcher.run(at: { clock.now() }).retried == 1)
            let delivery = try #require(try await t.deliveries(of: incident, as: manager).first)
            #expect(delivery.state == "pending")
            #expect(delivery.lastError?.hasSuffix("exited with status 75: relay refused") == true)
        }
    }

    @Test("a webhook whose host now resolves inside is not posted to: the delivery fails with why")
    func deliveryJudgesTheHostAgain() async throws {
        try await withTestApp { t in
            let transport = LiveTransport(
                mail: nil, eventLoopGroup: t.app.eventLoopGroup, targets: WebhookTargets(allowed: []),
                threadPool: t.app.threadPool)
            for target in ["http://127.0.0.1:9/hook", "http://localhost:9/hook", "http://169.254.169.254/x"] {
                let delivery = ClaimedDelivery(
                    id: UUID(), channel: "webhook", target: target, subject: "s", payload: "{}", attempt: 1)
                await #expect(throws: DeliveryFailure.self, "\(target)") { try await transport.send(delivery) }
            }
        }
    }
}
