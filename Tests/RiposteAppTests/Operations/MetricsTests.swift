import Foundation
import RiposteCore
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("GET /metrics (#19 point 2)")
struct MetricsTests {
    /// The value of one series of the exposition, by its name and labels as written.
    static func value(_ series: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    @Test("off by default; behind its token, 401 without it or with another")
    func access() async throws {
        try await withTestApp { t in
            var response = try await t.send(.GET, "/metrics", as: nil)
            #expect(response.status == .notFound)
            #expect(response.headers.contentType == .json, "a machine's error, not a page")

            t.app.metricsAccess = .token("scrape-secret")
            response = try await t.send(.GET, "/metrics", as: nil)
            #expect(response.status == .unauthorized)
            #expect(response.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
            response = try await t.send(.GET, "/metrics", as: nil, headers: [("Authorization", "Bearer other")])
            #expect(response.status == .unauthorized)
            let user = try await t.user([.admin])
            response = try await t.send(.GET, "/metrics", as: user)
            #expect(response.status == .unauthorized, "an API token is not the scraper's token")

            response = try await t.send(.GET, "/metrics", as: nil, headers: [("Authorization", "Bearer scrape-secret")])
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentType)?.hasPrefix("text/plain; version=0.0.4") == true)

            t.app.metricsAccess = .open
            #expect(try await t.send(.GET, "/metrics", as: nil).status == .ok)
        }
    }

    @Test(
        "requests counted by route pattern and status; open incidents, the outbox and the last backup read when scraped"
    )
    func counts() async throws {
        try await withTestApp { t in
            t.app.metricsAccess = .open
            let manager = try await t.user([.incidentManager])
            let first = try await t.report(as: manager)
            _ = try await t.report(as: manager)
            _ = try await t.qualify(first, as: manager, severity: .major)
            #expect(try await t.send(.GET, "/api/v1/incidents/\(UUID())", as: manager).status == .notFound)
            #expect(try await t.send(.GET, "/no/such/page", as: nil).status == .notFound)

            var text = try await t.send(.GET, "/metrics", as: nil).body.string
            let filed = #"riposte_http_requests_total{route="/api/v1/incidents",method="POST",status="201"}"#
            #expect(Self.value(filed, in: text) == 2, "\(text)")
            #expect(
                Self.value(
                    #"riposte_http_requests_total{route="/api/v1/incidents/:id",method="GET",status="404"}"#, in: text)
                    == 1)
            #expect(
                Self.value(#"riposte_http_requests_total{route="unmatched",method="GET",status="404"}"#, in: text) == 1)
            #expect(!text.contains(first.id.uuidString), "a route's pattern, never an incident's id")
            #expect(
                Self.value(
                    #"riposte_http_request_duration_seconds_count{route="/api/v1/incidents",method="POST"}"#, in: text)
                    == 2)
            #expect(Self.value(#"riposte_incidents_open{severity="none",status="reported"}"#, in: text) == 1)
            #expect(Self.value(#"riposte_incidents_open{severity="major",status="qualified"}"#, in: text) == 1)
            #expect(Self.value(#"riposte_incidents_open{severity="crisis",status="resolved"}"#, in: text) == 0)
            #expect(Self.value("riposte_incidents_past_deadline", in: text) == 0)
            // Nothing dispatches in the tests: the changes wait in the outbox.
            #expect((Self.value(#"riposte_outbox_backlog{kind="events"}"#, in: text) ?? 0) > 0)
            #expect(!text.contains("riposte_last_backup_age_seconds"), "absent before the first backup")

            t.clock.advance(by: 90)
            try await BackupLog.record(
                .init(at: t.clock.now(), bytes: 4096, sha256: "ab", file: "riposte.zip"), on: t.db.sql())
            t.clock.advance(by: 30)
            _ = try await t.report(as: manager)
            text = try await t.send(.GET, "/metrics", as: nil).body.string
            #expect(Self.value(filed, in: text) == 3, "the counter moved")
            #expect(Self.value(#"riposte_incidents_open{severity="none",status="reported"}"#, in: text) == 2)
            #expect((Self.value("riposte_outbox_oldest_age_seconds", in: text) ?? 0) >= 120)
            #expect(Self.value("riposte_last_backup_age_seconds", in: text) == 30)
            #expect(Self.value("riposte_last_backup_size_bytes", in: text) == 4096)
            #expect(text.contains("# HELP riposte_incidents_open "), "described for whoever reads it")
            #expect(text.contains("# TYPE riposte_http_request_duration_seconds histogram"))
            // The law's deadlines (#17): open once a breach is assessed, overdue past its 72 hours.
            #expect(Self.value("riposte_regulatory_obligations_open", in: text) == 0)
            let team = try await t.user([.responseTeam])
            let breach = try await t.report(as: manager)
            let assessed = try await t.send(
                .PUT, "/api/v1/incidents/\(breach.id)/assessment", as: team, json: #"{"personalData":{"risk":"risk"}}"#)
            try #require(assessed.status == .ok)
            text = try await t.send(.GET, "/metrics", as: nil).body.string
            #expect(Self.value("riposte_regulatory_obligations_open", in: text) == 1)
            #expect(Self.value("riposte_regulatory_obligations_overdue", in: text) == 0)
            t.clock.advance(by: 72 * 3600 + 1)
            text = try await t.send(.GET, "/metrics", as: nil).body.string
            #expect(Self.value("riposte_regulatory_obligations_overdue", in: text) == 1)
        }
    }

    @Test("a refused sign-in and a refused API token are counted, by reason; a successful one is not")
    func signInFailures() async throws {
        try await withTestApp { t in
            t.app.metricsAccess = .open
            try await t.person([.reporter], email: "someone@example.test")
            let browser = Browser(t)
            try await browser.get("/login")
            var response = try await browser.post("/login", [("email", "someone@example.test"), ("password", "wrong")])
            #expect(response.status == .unauthorized)
            _ = try await Browser.signIn(t, email: "someone@example.test", password: "a long passphrase")
            response = try await t.send(.GET, "/metrics", as: nil)
            let text = response.body.string
            #expect(Self.value(#"riposte_sign_in_failures_total{reason="refused"}"#, in: text) == 1, "\(text)")
            #expect(
                try await t.send(.GET, "/api/v1/incidents", as: nil, headers: [("Authorization", "Bearer rpt_nope")])
                    .status == .unauthorized)
            #expect(try await t.send(.GET, "/api/v1/incidents", as: nil).status == .unauthorized)
            let after = try await t.send(.GET, "/metrics", as: nil).body.string
            #expect(
                Self.value(#"riposte_sign_in_failures_total{reason="api_token"}"#, in: after) == 1,
                "only a token sent counts")
        }
    }
}
