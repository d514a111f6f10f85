import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp
@testable import RiposteStorage

@Suite("The law's side of the register in storage, on both engines")
struct RegulationStoreTests {
    func store(_ t: TestApp) -> RegulationStore { RegulationStore(database: t.db, gate: t.app.writeGate) }

    static func state(open: Bool, due: Date?, alert: Date?, made: Set<String> = []) -> RegulationStore.ClockState {
        .init(openObligations: open, nextDueAt: due, nextAlertAt: alert, alertsMade: made)
    }

    @Test("the sweep's look at an incident writes its clocks' state only if the incident did not change since")
    func conditionalState() async throws {
        try await withTestApp { t in
            let reporter = try await t.user([.reporter])
            let team = try await t.user([.responseTeam])
            let incident = try await t.report(as: reporter)
            let assessed = try await t.send(
                .PUT, "/api/v1/incidents/\(incident.id)/assessment", as: team,
                json: #"{"personalData":{"risk":"risk"}}"#)
            try #require(assessed.status == .ok)
            let version = try await t.fetch(incident.id.uuidString, as: team).version
            let stale = Self.state(open: false, due: nil, alert: nil)
            // Someone changed the incident after the sweep read it: their state stands.
            try await store(t).update(incident.id, clocks: stale, ifIncidentVersion: version - 1)
            let sql = try t.db.sql()
            let open = try await sql.raw(
                "SELECT open_obligations, next_alert_at FROM incident_assessments WHERE incident_id = \(bind: incident.id)"
            ).first()
            #expect(try open?.decode(column: "open_obligations", as: Bool.self) == true)
            #expect(try open?.decode(column: "next_alert_at", as: Date?.self) != nil)
            try await store(t).update(incident.id, clocks: stale, ifIncidentVersion: version)
            let written = try await sql.raw(
                "SELECT open_obligations FROM incident_assessments WHERE incident_id = \(bind: incident.id)"
            ).first()
            #expect(try written?.decode(column: "open_obligations", as: Bool.self) == false)
        }
    }

    @Test("once a breach, always in the register; the due reminders soonest first")
    func register() async throws {
        try await withTestApp { t in
            let reporter = try await t.user([.reporter])
            let team = try await t.user([.responseTeam])
            let first = try await t.report(as: reporter)
            t.clock.advance(by: 3600)
            let second = try await t.report(as: reporter)
            for incident in [second, first] {
                let response = try await t.send(
                    .PUT, "/api/v1/incidents/\(incident.id)/assessment", as: team,
                    json: #"{"personalData":{"risk":"risk"}}"#)
                try #require(response.status == .ok)
            }
            _ = try await t.send(.PUT, "/api/v1/incidents/\(second.id)/assessment", as: team, json: "{}")
            let breaches = try await store(t).breaches()
            #expect(Set(breaches.map(\.number)) == [first.number, second.number])
            #expect(breaches.first { $0.number == second.number }?.assessment.isBreach == false)
            #expect(try await store(t).open(limit: 10).map(\.number) == [first.number])
            t.clock.advance(by: 100 * 3600)
            #expect(try await store(t).dueForAlerts(at: t.clock.now(), limit: 10) == [first.id])
        }
    }
}
