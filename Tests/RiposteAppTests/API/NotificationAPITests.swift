import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Notifications and webhooks (API)")
struct NotificationAPITests {
    @Test("a notification is marked read by its reader only") func markRead() async throws {
        try await withTestApp { t in
            let crisis = try await t.user([.crisisManager])
            let other = try await t.user([.continuityManager])
            let manager = try await t.user([.incidentManager])
            let incident = try await t.inTreatment(.major, as: manager)
            try await t.warn(1, on: incident, as: manager)
            let item = try #require(try await t.notifications(of: crisis).items.first)
            let foreign = try await t.send(.POST, "/api/v1/notifications/\(item.id)/read", as: other)
            #expect(foreign.status == .notFound)
            let read = try await t.send(.POST, "/api/v1/notifications/\(item.id)/read", as: crisis)
            #expect(read.status == .noContent)
            let page = try await t.notifications(of: crisis)
            #expect(page.unreadCount == 0)
            #expect(page.items.first?.readAt != nil)
            #expect(try await t.notifications(of: crisis, query: "?unread=true").items.isEmpty)
            #expect(try await t.send(.POST, "/api/v1/notifications/nope/read", as: crisis).status == .notFound)
            for query in ["?unread=yes", "?limit=0", "?limit=201", "?colour=red"] {
                let response = try await t.send(.GET, "/api/v1/notifications\(query)", as: crisis)
                #expect(response.status == .badRequest || response.status == .unprocessableEntity, "\(query)")
            }
            #expect(try await t.send(.GET, "/api/v1/notifications", as: nil).status == .unauthorized)
        }
    }

    @Test("webhooks: admin only, checked, listed without their secret, deleted") func webhooks() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let manager = try await t.user([.incidentManager])
            let before = try await t.snapshot()
            var refused: [(Caller, String, HTTPStatus, String)] = [
                (
                    manager, #"{"url":"https://h.example/x","format":"generic","events":["escalated"]}"#, .forbidden,
                    "forbidden"
                ),
                (
                    admin, #"{"url":"ftp://h.example/x","format":"generic","events":["escalated"]}"#,
                    .unprocessableEntity, "invalid"
                ),
                (
                    admin, #"{"url":"https://h.example/x","format":"irc","events":["escalated"]}"#,
                    .unprocessableEntity, "invalid"
                ),
                (
                    admin, #"{"url":"https://h.example/x","format":"slack","events":[]}"#, .unprocessableEntity,
                    "required"
                ),
                (
                    admin, #"{"url":"https://h.example/x","format":"slack","events":["lunch"]}"#, .unprocessableEntity,
                    "invalid"
                ),
                (admin, #"{"url":"https://h.example/x","format":"slack"}"#, .unprocessableEntity, "required"),
                (admin, #"{"url":42,"format":"slack","events":["escalated"]}"#, .badRequest, "invalid_type"),
            ]
            // The inside: this machine, a cloud's metadata service, the private network, in
            // any spelling the resolver reads as one of them.
            let inside = [
                "http://127.0.0.1:9/hook", "http://localhost/x", "http://[::1]:8080/", "http://169.254.169.254/latest",
                "http://10.0.0.7/hooks", "http://2130706433/", "http://0x7f.1/", "http://[::ffff:127.0.0.1]/",
                "http://224.0.0.1/", "http://0.0.0.0/",
            ].map {
                (
                    admin, #"{"url":"\#($0)","format":"slack","events":["escalated"]}"#, HTTPStatus.unprocessableEntity,
                    "invalid"
                )
            }
            refused += inside
            for (caller, json, status, code) in refused {
                let response = try await t.send(.POST, "/api/v1/webhooks", as: caller, json: json)
                #expect(response.status == status, "\(json): \(response.body.string)")
                #expect((try? response.apiError().code) == code, "\(json)")
            }
            #expect(try await t.snapshot() == before)
            let created = try await t.send(
                .POST, "/api/v1/webhooks", as: admin,
                json:
                    #"{"url":"https://hooks.slack.com/services/T0/B0/secret","format":"slack","events":["escalated","plan_activated"]}"#
            )
            #expect(created.status == .created)
            #expect(!created.body.string.contains("secret"))
            let list = try await t.send(.GET, "/api/v1/webhooks", as: admin)
            #expect(list.status == .ok)
            #expect(try list.decode(WebhookPageJSON.self).items.map(\.url) == ["https://hooks.slack.com/…"])
            #expect(!list.body.string.contains("secret"))
            #expect(try await t.send(.GET, "/api/v1/webhooks", as: manager).status == .forbidden)
            let id = try created.decode(WebhookJSON.self).id
            #expect(try await t.send(.DELETE, "/api/v1/webhooks/\(id)", as: manager).status == .forbidden)
            #expect(try await t.send(.DELETE, "/api/v1/webhooks/\(id)", as: admin).status == .noContent)
            #expect(try await t.send(.DELETE, "/api/v1/webhooks/\(id)", as: admin).status == .notFound)
        }
    }

    @Test("each webhook format is the receiver's own shape", arguments: WebhookFormat.allCases)
    func formats(format: WebhookFormat) throws {
        let event = NotificationEvent(
            kind: .planActivated, incidentNumber: "INC-2026-0001", incidentTitle: "Panne \"mail\"", severity: .major,
            plan: .cmp)
        let payload = try WebhookPayload.render(
            format, event: event, incidentID: UUID(),
            recipients: [NotificationRecipient(role: .crisisManager, flow: 1)],
            at: Date(timeIntervalSince1970: 1_800_000_000), wording: try Catalogue.load())
        let json = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
        switch format {
        case .generic:
            #expect(json["event"] as? String == "plan_activated")
            #expect((json["incident"] as? [String: Any])?["number"] as? String == "INC-2026-0001")
            #expect((json["notify"] as? [[String: Any]])?.first?["flow"] as? Int == 1)
        case .slack:
            #expect((json["text"] as? String)?.contains("[INC-2026-0001] CMP activé") == true)
        case .mattermost:
            #expect((json["text"] as? String)?.contains("\\[INC-2026-0001\\] CMP activé") == true)
        case .teams:
            #expect(json["@type"] as? String == "MessageCard")
            #expect(json["title"] as? String == "&#91;INC-2026-0001&#93; CMP activé")
        }
    }

    @Test("a hostile title pings nobody and links nowhere, in every chat format", arguments: WebhookFormat.allCases)
    func hostileTitle(format: WebhookFormat) throws {
        let event = NotificationEvent(
            kind: .planActivated, incidentNumber: "INC-2026-0001",
            incidentTitle: "<!channel> @all <https://evil.example/reset|Password expired: click> <a href=\"x\">y</a>",
            severity: .major, plan: .cmp)
        let payload = try WebhookPayload.render(
            format, event: event, incidentID: UUID(), recipients: [], at: Date(timeIntervalSince1970: 1_800_000_000),
            wording: try Catalogue.load())
        let json = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
        let shown = [json["text"], json["title"]].compactMap { $0 as? String }.joined(separator: "\n")
        switch format {
        case .generic:
            // Riposte's own JSON carries the title as data, for the receiver to treat as such.
            #expect((json["incident"] as? [String: Any])?["title"] as? String == event.incidentTitle)
        case .slack:
            #expect(!shown.contains("<!channel>") && !shown.contains("<https://"))
        case .mattermost:
            #expect(!shown.contains("@all"))
            #expect(shown.range(of: #"(^|[^\\])[<\[]"#, options: .regularExpression) == nil, "every < and [ escaped")
        case .teams:
            #expect(!shown.contains("<a href") && !shown.contains("<!channel>"))
        }
    }
}

struct WebhookJSON: Decodable {
    let id: UUID
    let url: String
}

struct WebhookPageJSON: Decodable {
    let items: [WebhookJSON]
}
