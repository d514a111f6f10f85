import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Messages sent from an incident (#16 point 4)")
struct MessagesAPITests {
    struct MessageJSON: Decodable {
        struct Delivery: Decodable {
            let to: String
            let state: String
        }

        let id: UUID
        let direction: String
        let media: String
        let recipients: String
        let summary: String
        let source: String
        let deliveries: [Delivery]?
    }

    struct MessagesJSON: Decodable {
        let items: [MessageJSON]
    }

    struct PartyJSON: Decodable {
        let id: UUID
    }

    /// A folder sendmail writes each message into, one file per e-mail.
    static func mailbox(_ t: TestApp) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riposte-messages-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        t.app.notificationSettings.sendmail = ["/bin/sh", "-c", "cat > \(folder.path)/$$-$RANDOM.eml"]
        return folder
    }

    static func mails(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).map {
            try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }
    }

    static func body(of mail: String) throws -> String {
        let encoded = try #require(mail.components(separatedBy: "\r\n\r\n").last)
        return String(
            decoding: try #require(Data(base64Encoded: encoded, options: .ignoreUnknownCharacters)), as: UTF8.self)
    }

    /// A supplier with a principal and a backup contact, and a client whose contact has no address.
    static func directory(_ t: TestApp) async throws -> (supplier: UUID, client: UUID) {
        let admin = try await t.user([.admin])
        let supplier = try await t.send(
            .POST, "/api/v1/contacts", as: admin,
            json: """
                {"kind":"supplier","name":"Hébergeur","contacts":[
                  {"rank":"backup","name":"Lou","email":"lou@hebergeur.test"},
                  {"rank":"principal","name":"Sam","email":"Sam@Hebergeur.test"}]}
                """)
        try #require(supplier.status == .created, "\(supplier.body.string)")
        let client = try await t.send(
            .POST, "/api/v1/contacts", as: admin,
            json:
                #"{"kind":"client","name":"Ville","contacts":[{"rank":"principal","name":"Maire","phone":"+32 2 000 00 00"}]}"#
        )
        return (try supplier.decode(PartyJSON.self).id, try client.decode(PartyJSON.self).id)
    }

    static func name(_ party: UUID, on incident: IncidentJSON, as caller: Caller, _ t: TestApp) async throws {
        let linked = try await t.send(
            .POST, "/api/v1/incidents/\(incident.id)/parties", as: caller,
            json: #"{"partyId":"\#(party)","relation":"affected"}"#)
        try #require(linked.status == .created, "\(linked.body.string)")
    }

    @Test("a message reaches the reporter, a named supplier's principal and another address, each on its own")
    func sent() async throws {
        try await withTestApp { t in
            let folder = try Self.mailbox(t)
            defer { try? FileManager.default.removeItem(at: folder) }
            let (supplier, _) = try await Self.directory(t)
            let manager = try await t.user([.incidentManager], email: "im@acme.test")
            let reporter = try await t.user([.reporter], email: "ann@acme.test")
            let incident = try await t.qualify(try await t.report(as: reporter), as: manager, severity: .minor)
            try await Self.name(supplier, on: incident, as: manager, t)
            let body = "Het incident is opgelost.\nMet vriendelijke groeten"
            let sent = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/messages", as: manager,
                body: MessageBody(
                    kind: "resolved", language: "nl", reporter: true, parties: [supplier],
                    addresses: ["Else@Partner.test"], subject: "Incident \(incident.number) opgelost", body: body))
            #expect(sent.status == .created, "\(sent.body.string)")
            let logged = try sent.decode(MessageJSON.self)
            #expect(logged.recipients == "ann@acme.test, sam@hebergeur.test, else@partner.test")
            #expect(logged.direction == "external" && logged.media == "email")
            #expect(logged.deliveries?.map(\.state) == ["pending", "pending", "pending"])
            let entry = try #require(try await t.journal(incident.id, as: manager).last)
            #expect(entry.kind == "communication")
            #expect(entry.details["template"] == "resolved" && entry.details["language"] == "nl")
            #expect(entry.details["sent"] == "email")

            let clock = t.clock
            #expect(try await t.app.dispatcher.run(at: { clock.now() }).delivered >= 3)
            let mails = try Self.mails(in: folder).filter { !$0.contains("Auto-Submitted") }
            #expect(mails.count == 3)
            let toSupplier = try #require(mails.first { $0.contains("To: sam@hebergeur.test\r\n") })
            #expect(MailHeaders.value("Subject", in: toSupplier) == "Incident \(incident.number) opgelost")
            #expect(toSupplier.contains("Reply-To: <im@acme.test>\r\n"))
            #expect(try Self.body(of: toSupplier) == body, "only what was typed goes out, never the journal")

            let list = try await t.send(.GET, "/api/v1/incidents/\(incident.id)/communications", as: manager)
            let items = try list.decode(MessagesJSON.self).items
            let message = try #require(items.first { $0.id == logged.id })
            #expect(message.deliveries?.map(\.state) == ["delivered", "delivered", "delivered"])
            #expect(!items.contains { $0.source == "riposte" && $0.recipients == "sam@hebergeur.test" })
            // The reporter reads the message sent to them, and nothing of whom else it went to.
            let own = try await t.send(.GET, "/api/v1/incidents/\(incident.id)/communications", as: reporter)
            let theirs = try own.decode(MessagesJSON.self).items
            #expect(theirs.map(\.recipients) == ["ann@acme.test"])
            #expect(theirs.first?.deliveries == nil)
        }
    }

    @Test("bad addresses, empty bodies, unknown parties, stale versions and missing permissions change nothing")
    func refused() async throws {
        try await withTestApp { t in
            let (supplier, client) = try await Self.directory(t)
            let manager = try await t.user([.incidentManager])
            let operator_ = try await t.user([.helpdeskOperator])
            let team = try await t.user([.responseTeam])
            let continuity = try await t.user([.continuityManager])
            let incident = try await t.inTreatment(.major, as: manager)
            try await Self.name(supplier, on: incident, as: manager, t)
            try await Self.name(client, on: incident, as: manager, t)
            let other = try await t.report(as: manager)
            let path = "/api/v1/incidents/\(incident.id)/messages"
            let before = try await t.snapshot()
            // No e-mail configured: nothing could go out, so nothing is accepted.
            let unsent = try await t.send(
                .POST, path, as: manager, body: MessageBody(addresses: ["a@b.test"], subject: "s", body: "b"))
            #expect(unsent.status == .conflict)
            #expect(try unsent.apiError().code == "email_not_configured")
            let folder = try Self.mailbox(t)
            defer { try? FileManager.default.removeItem(at: folder) }
            let cases: [(Caller, MessageBody, [(String, String)], HTTPStatus, String, String?)] = [
                (
                    manager, MessageBody(addresses: ["not-an-address"], subject: "s", body: "b"), [],
                    .unprocessableEntity, "invalid", "addresses[0]"
                ),
                (
                    manager,
                    MessageBody(addresses: ["a@b.test", "x@y.test\r\nBcc: z@z.test"], subject: "s", body: "b"), [],
                    .unprocessableEntity, "invalid", "addresses[1]"
                ),
                (
                    manager, MessageBody(addresses: ["a@b.test"], subject: "s", body: "  "), [], .unprocessableEntity,
                    "required", "body"
                ),
                (manager, MessageBody(subject: "s", body: "b"), [], .unprocessableEntity, "required", "to"),
                (
                    manager, MessageBody(parties: [UUID()], subject: "s", body: "b"), [], .unprocessableEntity,
                    "unknown", "parties[0]"
                ),
                (
                    manager, MessageBody(parties: [client], subject: "s", body: "b"), [], .unprocessableEntity,
                    "invalid", "parties[0]"
                ),
                (
                    manager, MessageBody(addresses: ["a@b.test"], subject: "s", body: "b"), [("If-Match", "\"999\"")],
                    .preconditionFailed, "precondition_failed", nil
                ),
                (operator_, MessageBody(reporter: true, subject: "s", body: "b"), [], .forbidden, "forbidden", nil),
                (team, MessageBody(parties: [supplier], subject: "s", body: "b"), [], .forbidden, "forbidden", nil),
                // A supplier's contact typed by hand is still the supplier (note G holds).
                (
                    team, MessageBody(addresses: ["LOU@hebergeur.test"], subject: "s", body: "b"), [], .forbidden,
                    "forbidden", nil
                ),
                (
                    continuity, MessageBody(parties: [supplier], subject: "s", body: "b"), [], .forbidden, "forbidden",
                    nil
                ),
            ]
            for (caller, message, headers, status, code, field) in cases {
                let response = try await t.send(.POST, path, as: caller, body: message, headers: headers)
                #expect(response.status == status, "\(message): \(response.body.string)")
                #expect((try? response.apiError().code) == code, "\(message)")
                if let field { #expect((try? response.apiError().field) == field, "\(message)") }
            }
            // A party named on another incident is not this one's.
            let elsewhere = try await t.send(
                .POST, "/api/v1/incidents/\(other.id)/messages", as: manager,
                body: MessageBody(parties: [supplier], subject: "s", body: "b"))
            #expect(elsewhere.status == .unprocessableEntity)
            #expect(try await t.snapshot() == before)
            #expect(try Self.mails(in: folder).isEmpty)
            // The response team tells the stakeholders that are not clients or suppliers.
            let allowed = try await t.send(
                .POST, path, as: team, body: MessageBody(addresses: ["a@b.test"], subject: "s", body: "b"))
            #expect(allowed.status == .created, "\(allowed.body.string)")
        }
    }

    @Test("once the BCP runs, the continuity manager speaks to clients and suppliers, no longer the incident manager")
    func continuityPlan() async throws {
        try await withTestApp { t in
            _ = try Self.mailbox(t)
            let (supplier, _) = try await Self.directory(t)
            let manager = try await t.user([.incidentManager])
            let continuity = try await t.user([.continuityManager])
            let incident = try await t.inTreatment(.major, as: manager)
            try await Self.name(supplier, on: incident, as: manager, t)
            try await t.warn(7, on: incident, as: manager)
            try await t.plan("bcp", "activate", on: incident, as: continuity)
            let path = "/api/v1/incidents/\(incident.id)/messages"
            let message = MessageBody(parties: [supplier], subject: "Continuité", body: "Service de secours actif.")
            #expect(try await t.send(.POST, path, as: manager, body: message).status == .forbidden)
            let sent = try await t.send(.POST, path, as: continuity, body: message)
            #expect(sent.status == .created, "\(sent.body.string)")
        }
    }

    @Test("templates: the organisation rewords them, the draft fills them from the incident, a typo is refused")
    func templates() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let manager = try await t.user([.incidentManager])
            let incident = try await t.qualify(try await t.report(as: manager), as: manager, severity: .minor)
            let path = "/api/v1/settings/message-templates"
            let defaults = try await t.send(.GET, path, as: admin)
            #expect(defaults.status == .ok)
            let listed = try defaults.decode(TemplatesJSON.self).templates
            #expect(listed.count == 9 && listed.allSatisfy { !$0.custom })
            #expect(try await t.send(.GET, path, as: manager).status == .forbidden)
            let draft = try await t.send(
                .GET, "/api/v1/incidents/\(incident.id)/messages/draft?kind=resolved&language=en", as: manager)
            #expect(draft.status == .ok, "\(draft.body.string)")
            let english = try draft.decode(DraftJSON.self)
            #expect(english.subject.contains(incident.number) && english.subject.contains("resolved"))
            #expect(english.body.contains("Serveur de messagerie en panne"))
            #expect(!english.body.contains("{"))

            let before = try await t.snapshot()
            for json in [
                #"{"templates":[{"kind":"resolved","language":"nl","subject":"{numbr}","body":"b"}]}"#,
                #"{"templates":[{"kind":"resolved","language":"nl","subject":"s"}]}"#,
                #"{"templates":[{"kind":"solved","language":"nl","subject":"s","body":"b"}]}"#,
            ] {
                let response = try await t.send(.PUT, path, as: admin, json: json)
                #expect(response.status == .unprocessableEntity, "\(json): \(response.body.string)")
            }
            #expect(try await t.send(.PUT, path, as: manager, json: #"{"templates":[]}"#).status == .forbidden)
            #expect(try await t.snapshot() == before)

            let saved = try await t.send(
                .PUT, path, as: admin,
                json:
                    #"{"templates":[{"kind":"resolved","language":"nl","subject":"[{number}] opgelost","body":"Beste, {title} is opgelost. {sender}"}]}"#
            )
            #expect(saved.status == .ok, "\(saved.body.string)")
            #expect(try saved.decode(TemplatesJSON.self).templates.filter(\.custom).count == 1)
            let dutch = try await t.send(
                .GET, "/api/v1/incidents/\(incident.id)/messages/draft?kind=resolved&language=nl", as: manager
            ).decode(DraftJSON.self)
            #expect(dutch.subject == "[\(incident.number)] opgelost")
            #expect(dutch.body.hasPrefix("Beste, Serveur de messagerie en panne is opgelost. Test"))
            let reset = try await t.send(
                .PUT, path, as: admin, json: #"{"templates":[{"kind":"resolved","language":"nl"}]}"#)
            #expect(try reset.decode(TemplatesJSON.self).templates.allSatisfy { !$0.custom })
            let badKind = try await t.send(
                .GET, "/api/v1/incidents/\(incident.id)/messages/draft?kind=solved", as: manager)
            #expect(badKind.status == .unprocessableEntity)
        }
    }

    struct TemplatesJSON: Decodable {
        struct Template: Decodable {
            let kind: String
            let language: String
            let custom: Bool
        }
        let templates: [Template]
    }

    struct DraftJSON: Decodable {
        let subject: String
        let body: String
    }
}

struct MessageBody: Encodable, CustomStringConvertible {
    var kind: String? = nil
    var language: String? = nil
    var reporter: Bool? = nil
    var parties: [UUID]? = nil
    var addresses: [String]? = nil
    var subject: String
    var body: String

    var description: String { "to \(addresses ?? []) \(parties ?? []) reporter \(reporter ?? false) body \(body)" }
}
