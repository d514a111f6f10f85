import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("The metrics of a period (#20 point 4, API)")
struct MetricsAPITests {
    struct MetricsJSON: Decodable {
        struct Stats: Decodable {
            let count: Int
            let medianSeconds: Double?
            let p90Seconds: Int?
        }

        struct Compliance: Decodable {
            let timed: Int
            let met: Int
            let rate: Double?
        }

        struct Severity: Decodable {
            let severity: String
            let count: Int
            let timeToResolve: Stats
            let qualifyCompliance: Compliance
            let resolveCompliance: Compliance
        }

        struct Bucket: Decodable {
            let total: Int
            let minor: Int
            let major: Int
        }

        let exercises: Bool
        let reported: Int
        let incidents: Int
        let events: Int
        let timeToQualify: Stats
        let timeToResolve: Stats
        let bySeverity: [Severity]
        let planActivations: [String: Int]
        let bucket: String
        let buckets: [Bucket]
    }

    /// A minor incident qualified after 10 min and resolved 3 h after its report with its clock
    /// paused 1 h (2 h of SLA time); a major one qualified after 20 min (within its hour), its
    /// CMP activated, resolved 9 h after becoming major (past its 8 h), 9 h 20 min after its report.
    static func fill(_ t: TestApp) async throws -> (manager: Caller, minor: IncidentJSON, major: IncidentJSON) {
        let manager = try await t.user([.incidentManager, .responseTeam])
        let crisis = try await t.user([.crisisManager])
        var minor = try await t.report(as: manager, title: "Imprimante")
        var major = try await t.report(as: manager, title: "Réseau")
        t.clock.advance(by: 600)
        minor = try await t.move(
            try await t.qualify(minor, as: manager, severity: .minor), to: .inTreatment, as: manager)
        t.clock.advance(by: 600)
        major = try await t.move(
            try await t.qualify(major, as: manager, severity: .major), to: .inTreatment, as: manager)
        try await t.plan("cmp", "activate", on: major, as: crisis)
        let clock = "/api/v1/incidents/\(minor.id)/clock"
        try #require(
            try await t.send(.POST, clock, as: manager, json: #"{"action":"pause","reason":"Fournisseur"}"#).status
                == .ok)
        t.clock.advance(by: 3600)
        try #require(try await t.send(.POST, clock, as: manager, json: #"{"action":"resume"}"#).status == .ok)
        t.clock.advance(by: 10_800 - 600 - 600 - 3600)
        minor = try await t.move(try await t.fetch(minor.number, as: manager), to: .resolved, as: manager)
        t.clock.advance(by: 1200 + 9 * 3600 - 10_800)
        major = try await t.move(try await t.fetch(major.number, as: manager), to: .resolved, as: manager)
        return (manager, minor, major)
    }

    @Test("the figures of known incidents: times on the SLA clock, compliance, plans; a drill only with the filter")
    func knownFigures() async throws {
        try await withTestApp { t in
            let (manager, _, _) = try await Self.fill(t)
            _ = try await ExerciseAPITests.exercise(t, as: manager)
            let response = try await t.send(.GET, "/api/v1/metrics", as: manager)
            try #require(response.status == .ok, "\(response.body.string)")
            let metrics = try response.decode(MetricsJSON.self)
            #expect(!metrics.exercises && metrics.reported == 2 && metrics.incidents == 2 && metrics.events == 0)
            let minor = try #require(metrics.bySeverity.first { $0.severity == "minor" })
            #expect(minor.timeToResolve.medianSeconds == 7200, "3 h less the hour paused")
            #expect(minor.qualifyCompliance.met == 1 && minor.resolveCompliance.rate == 1)
            let major = try #require(metrics.bySeverity.first { $0.severity == "major" })
            #expect(major.timeToResolve.medianSeconds == Double(9 * 3600 + 1200), "the MTTR counts from the report")
            #expect(major.qualifyCompliance.met == 1, "its own hour to qualify")
            #expect(major.resolveCompliance.met == 0, "9 h after becoming major: past its 8 h")
            #expect(metrics.timeToQualify.count == 2 && metrics.timeToQualify.medianSeconds == 900)
            #expect(metrics.planActivations["cmp"] == 1 && metrics.planActivations["bcp"] == 0)
            #expect(metrics.bucket == "month" && metrics.buckets.map(\.total).reduce(0, +) == 2)
            let drills = try await t.send(.GET, "/api/v1/metrics?exercises=true", as: manager).decode(MetricsJSON.self)
            #expect(drills.exercises && drills.reported == 1)
            // A period that holds none of them: a month per bar (in the organisation's time zone).
            let empty = try await t.send(
                .GET, "/api/v1/metrics?from=2020-01-01T00:00:00Z&to=2020-12-31T23:59:59Z", as: manager)
            let none = try empty.decode(MetricsJSON.self)
            #expect(none.reported == 0 && none.timeToResolve.medianSeconds == nil && none.buckets.count >= 12)
        }
    }

    @Test("a period's figures are kept a while, then read again")
    func kept() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            #expect(try await t.send(.GET, "/api/v1/metrics", as: manager).decode(MetricsJSON.self).reported == 0)
            _ = try await t.report(as: manager)
            #expect(
                try await t.send(.GET, "/api/v1/metrics", as: manager).decode(MetricsJSON.self).reported == 0,
                "the same period within its lifetime")
            // Once its lifetime is over (here: a figures keeper that keeps nothing).
            t.app.metricsFigures = MetricsFigures(lifetime: .zero)
            #expect(try await t.send(.GET, "/api/v1/metrics", as: manager).decode(MetricsJSON.self).reported == 1)
        }
    }

    @Test("a reversed period, one past ten years, a date that is none, an unknown parameter, a reporter: refused")
    func refused() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let cases: [(String, HTTPStatus, String)] = [
                ("from=2026-06-01T00:00:00Z&to=2026-01-01T00:00:00Z", .unprocessableEntity, #""field":"to""#),
                ("from=2010-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", .unprocessableEntity, #""field":"from""#),
                ("from=yesterday", .unprocessableEntity, #""field":"from""#),
                ("exercises=maybe", .unprocessableEntity, "exercises"),
                ("since=2026-01-01", .badRequest, "since"),
            ]
            for (query, status, text) in cases {
                let response = try await t.send(.GET, "/api/v1/metrics?\(query)", as: manager)
                #expect(response.status == status, "\(query): \(response.body.string)")
                #expect(response.body.string.contains(text), "\(query): \(response.body.string)")
            }
            let reporter = try await t.user([.reporter])
            #expect(try await t.send(.GET, "/api/v1/metrics", as: reporter).status == .forbidden)
            #expect(try await t.send(.GET, "/api/v1/metrics", as: nil).status == .unauthorized)
        }
    }

    @Test("each incident keeps the SLA time it took to be qualified and resolved; a reopening forgets the latter")
    func stored() async throws {
        try await withTestApp { t in
            let (manager, minor, _) = try await Self.fill(t)
            let row = try await IncidentReader(database: t.db.sql()).row(minor.id)
            #expect(row.qualifySeconds == 600 && row.resolveSeconds == 7200)
            _ = try await t.move(minor, to: .inTreatment, as: manager, reason: "Pas réglé")
            #expect(try await IncidentReader(database: t.db.sql()).row(minor.id).resolveSeconds == nil)
        }
    }
}
