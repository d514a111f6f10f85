import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("API: report links for clients, suppliers and visitors (#18 point 1)")
struct ReportLinksAPITests {
    struct LinksJSON: Decodable {
        struct Item: Decodable {
            let scope: String
            let partyId: UUID?
            let partyName: String?
            let active: Bool
        }

        let items: [Item]
    }

    struct ErrorJSON: Decodable {
        struct Body: Decodable {
            let code: String
        }

        let error: Body
    }

    @Test("made, listed, renewed and revoked by the administrator; unknown parties and others refused")
    func managed() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let (supplier, client) = try await MessagesAPITests.directory(t)
            let role = try await t.send(
                .POST, "/api/v1/contacts", as: admin,
                json: #"{"kind":"service","name":"Informatique","contacts":[{"rank":"principal","name":"Max"}]}"#)
            let service = try role.decode(MessagesAPITests.PartyJSON.self).id

            let first = try await PublicReportPagesTests.link(t, party: supplier, as: admin)
            let second = try await PublicReportPagesTests.link(t, party: supplier, as: admin)
            #expect(first != second)
            _ = try await PublicReportPagesTests.link(t, party: nil, as: admin)
            let listed = try await t.send(.GET, "/api/v1/report-links", as: admin).decode(LinksJSON.self)
            #expect(listed.items.count == 2)
            #expect(
                listed.items.contains {
                    $0.scope == "party" && $0.partyId == supplier && $0.partyName == "Hébergeur" && $0.active
                })
            #expect(listed.items.contains { $0.scope == "general" && $0.partyId == nil && $0.active })

            for party in [service, UUID()] {
                let refused = try await t.send(.POST, "/api/v1/contacts/\(party)/report-link", as: admin)
                #expect(refused.status == .notFound)
                #expect(try refused.decode(ErrorJSON.self).error.code == "not_found")
            }
            let manager = try await t.user([.incidentManager])
            #expect(try await t.send(.POST, "/api/v1/contacts/\(client)/report-link", as: manager).status == .forbidden)
            #expect(try await t.send(.GET, "/api/v1/report-links", as: manager).status == .forbidden)
            #expect(try await t.send(.DELETE, "/api/v1/report-link", as: manager).status == .forbidden)
            #expect(try await t.send(.POST, "/api/v1/report-link", as: nil).status == .unauthorized)

            #expect(
                try await t.send(.DELETE, "/api/v1/contacts/\(supplier)/report-link", as: admin).status == .noContent)
            let again = try await t.send(.DELETE, "/api/v1/contacts/\(supplier)/report-link", as: admin)
            #expect(again.status == .notFound)
            #expect(try await t.send(.DELETE, "/api/v1/contacts/\(client)/report-link", as: admin).status == .notFound)
            let after = try await t.send(.GET, "/api/v1/report-links", as: admin).decode(LinksJSON.self)
            #expect(after.items.contains { $0.partyId == supplier && !$0.active })

            // A party deleted takes its link with it; its service account stays one.
            let clientLink = try await PublicReportPagesTests.link(t, party: client, as: admin)
            #expect(try await t.send(.DELETE, "/api/v1/contacts/\(client)", as: admin).status == .noContent)
            #expect(try await t.app.testing().sendRequest(.GET, "/report/\(clientLink)").status == .notFound)
            let remaining = try await t.send(.GET, "/api/v1/report-links", as: admin).decode(LinksJSON.self)
            #expect(!remaining.items.contains { $0.partyId == client })

            // The service accounts reports are filed by are no people: never listed as one.
            let services = try await t.send(.GET, "/api/v1/users", as: admin).body.string
            #expect(!services.contains("report-link-"))
        }
    }

    @Test("publishing news needs a report from outside: an incident reported inside has none")
    func noReporterOutside() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let incident = try await t.report(as: manager)
            let refused = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/public-updates", as: manager, json: #"{"text":"Bonjour"}"#)
            #expect(refused.status == .notFound)
            let read = try await t.send(.GET, "/api/v1/incidents/\(incident.id)/public-updates", as: manager)
            #expect(read.status == .ok && read.body.string.contains(#""items":[]"#))
            let reporter = try await t.user([.reporter])
            let own = try await t.report(as: reporter)
            #expect(
                try await t.send(.GET, "/api/v1/incidents/\(own.id)/public-updates", as: reporter).status == .forbidden)
        }
    }
}

@Suite("API and pages: the ways to report, in the plan and on the report page (#18 point 4)")
struct ReportingMeansTests {
    struct MeansJSON: Decodable {
        let mailbox: String?
        let phone: String?
        let generalLink: Bool
        let parties: [String]
        let integrations: [String]
    }

    @Test("the plan lists the form, the mailbox, the phone, the public link, the parties' links and the integrations")
    func listed() async throws {
        try await withTestApp { t in
            let admin = try await t.user([.admin])
            let (supplier, _) = try await MessagesAPITests.directory(t)
            let before = try await t.send(.GET, "/api/v1/settings/reporting", as: admin).decode(MeansJSON.self)
            #expect(before.mailbox == nil && !before.generalLink && before.parties.isEmpty)
            for (body, field) in [
                (#"{"mailbox":"incidents@"}"#, "mailbox"), (#"{"phone":"call us"}"#, "phone"),
            ] {
                let refused = try await t.send(.PUT, "/api/v1/settings/reporting", as: admin, json: body)
                #expect(refused.status == .unprocessableEntity && refused.body.string.contains(#""field":"\#(field)""#))
            }
            let reporter = try await t.user([.reporter])
            #expect(
                try await t.send(.PUT, "/api/v1/settings/reporting", as: reporter, json: #"{"mailbox":null}"#).status
                    == .forbidden)
            let saved = try await t.send(
                .PUT, "/api/v1/settings/reporting", as: admin,
                json: #"{"mailbox":"Incidents@ACME.test","phone":"+32 2 555 00 00"}"#)
            #expect(saved.status == .ok, "\(saved.body.string)")
            _ = try await PublicReportPagesTests.link(t, party: supplier, as: admin)
            _ = try await PublicReportPagesTests.link(t, party: nil, as: admin)
            let integration = try await t.send(
                .POST, "/api/v1/integrations", as: admin, json: #"{"name":"Prometheus","kind":"alertmanager"}"#)
            #expect(integration.status == .created)
            let means = try await t.send(.GET, "/api/v1/settings/reporting", as: reporter).decode(MeansJSON.self)
            #expect(means.mailbox == "incidents@acme.test" && means.phone == "+32 2 555 00 00")
            #expect(means.generalLink && means.parties == ["Hébergeur"] && means.integrations == ["Prometheus"])

            let plan = try await t.send(.GET, "/api/v1/plan", as: admin, headers: [("Accept-Language", "fr")]).body
                .string
            #expect(plan.contains("Par e-mail à incidents@acme.test"))
            #expect(plan.contains("Par téléphone au helpdesk : +32 2 555 00 00."))
            #expect(plan.contains("Un formulaire public, sans compte"))
            #expect(plan.contains("propre lien de signalement : Hébergeur."))
            #expect(plan.contains("reçues automatiquement : Prometheus."))
            #expect(!plan.contains("/report/"))

            // Revoked links and removed settings leave the list.
            #expect(try await t.send(.DELETE, "/api/v1/report-link", as: admin).status == .noContent)
            _ = try await t.send(.PUT, "/api/v1/settings/reporting", as: admin, json: #"{"mailbox":"","phone":null}"#)
            let after = try await t.send(.GET, "/api/v1/settings/reporting", as: admin).decode(MeansJSON.self)
            #expect(after.mailbox == nil && after.phone == nil && !after.generalLink && after.parties == ["Hébergeur"])
        }
    }

    @Test("the administrator sets them on the directory page; every employee reads them on the report page")
    func pages() async throws {
        try await withTestApp { t in
            let admin = try await Browser.setUp(t)
            _ = try await admin.get("/contacts")
            let refused = try await admin.post("/contacts/reporting", [("mailbox", "incidents@"), ("phone", "")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#"id="reporting-mailbox-error""#))
            #expect(refused.body.string.contains(#"value="incidents@""#))
            let saved = try await admin.post(
                "/contacts/reporting", [("mailbox", "incidents@acme.test"), ("phone", "+32 2 555 00 00")])
            #expect(saved.status == .seeOther)
            try await t.person([.reporter], email: "ann@acme.test")
            let employee = try await Browser.signIn(t, email: "ann@acme.test", password: "a long passphrase")
            let page = try await employee.get("/incidents/new").body.string
            #expect(page.contains("Toutes les façons de signaler"))
            #expect(page.contains("Par e-mail à incidents@acme.test") && page.contains("+32 2 555 00 00"))
        }
    }
}
