import Fluent
import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Escalation sweep")
struct EscalationSweepTests {
    static let day: TimeInterval = 86_400

    /// Every escalation recorded on the incidents' rows, one key per incident and level.
    func escalationRows(_ t: TestApp) async throws -> [String] {
        try await t.db.sql().raw("SELECT escalated_keys FROM incidents").all()
            .flatMap { try $0.decode(column: "escalated_keys", as: String.self).split(separator: ",").map(String.init) }
            .sorted()
    }

    /// The organisation's choice of automatic promotion at the minor deadline (#15 point 5).
    func promoteLateMinors(_ t: TestApp) async throws {
        let admin = try await t.user([.admin])
        let put = try await t.send(
            .PUT, "/api/v1/settings/sla", as: admin,
            json: #"{"minor":{"qualify":"PT4H","resolve":"P3D","promoteAtDeadline":true}}"#)
        try #require(put.status == .ok, "\(put.body.string)")
    }

    @Test("by default a late minor incident is put to the helpdesk and incident managers, once, and stays minor")
    func minorJudged() async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            let helpdeskManager = try await t.user([.helpdeskManager])
            let manager = try await t.user([.incidentManager])
            let incident = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor)
            t.clock.advance(by: 3 * Self.day)
            let outcomes = try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false)
            #expect(outcomes.first?.escalations.map(\.kind) == [.minorOverdue])
            let after = try await t.fetch(incident.number, as: helpdesk)
            #expect(after.severity == "minor")
            for person in [helpdeskManager, manager] {
                let received = try await t.notifications(of: person).items.filter { $0.event == "escalated" }
                #expect(received.count == 1)
                #expect(received.first?.text.contains("décider s'il devient majeur") == true)
            }
            #expect(try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false).isEmpty)
            #expect(try await escalationRows(t) == [Escalation.minorDeadlineKey])
            // The incident manager's judgement, a re-qualification like any other.
            let major = try await t.qualify(after, as: manager, severity: .major)
            #expect(major.severity == "major")
        }
    }

    @Test("a minor incident past its resolution SLA becomes major, once, when the organisation chose so")
    func minorBecomesMajor() async throws {
        try await withTestApp { t in
            try await promoteLateMinors(t)
            let helpdesk = try await t.user([.helpdeskOperator])
            let incident = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor)
            t.clock.advance(by: 3 * Self.day - 1)
            #expect(try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false).isEmpty)
            t.clock.advance(by: 1)
            let outcomes = try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false)
            #expect(outcomes.map(\.number) == [incident.number])
            // Now major: its time to resolve counts from now (#15 point 5), nothing else is due.
            #expect(outcomes.first?.escalations.map(\.kind) == [.minorBecomesMajor])
            let after = try await t.fetch(incident.number, as: helpdesk)
            #expect(after.severity == "major")
            #expect(after.checklist.filter { $0.key.hasPrefix("major.") }.count == 9)
            let journal = try await t.journal(incident.id, as: helpdesk)
            #expect(journal.map(\.kind).suffix(2) == ["escalated", "requalified"])
            // Recorded as any re-qualification is, with the rule as its reason.
            let requalified = try #require(journal.first { $0.kind == "requalified" })
            #expect(requalified.details["previousSeverity"] == "minor" && requalified.details["severity"] == "major")
            #expect(requalified.details["reason"] == "minor_becomes_major")
            #expect(requalified.details["type"] == after.type)
            #expect(try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false).isEmpty)
            #expect(try await escalationRows(t) == [Escalation.minorDeadlineKey])
            // Eight hours (a major's default time) after the promotion, the major is overdue.
            t.clock.advance(by: 8 * 3_600)
            let later = try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false)
            #expect(later.flatMap(\.escalations).map(\.kind).contains(.majorOverdue))
        }
    }

    @Test("a dry run says what is due and changes nothing") func dryRun() async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            _ = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor)
            t.clock.advance(by: 4 * Self.day)
            let before = try await t.snapshot()
            let outcomes = try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: true)
            #expect(outcomes.count == 1)
            #expect(try await t.snapshot() == before)
            #expect(try await escalationRows(t).isEmpty)
        }
    }

    @Test("a major incident past its SLA alerts the incident, crisis and continuity managers")
    func majorOverdue() async throws {
        try await withTestApp { t in
            let manager = try await t.user([.incidentManager])
            let incident = try await t.qualify(try await t.report(as: manager), as: manager, severity: .major)
            // Status reports on time, so that only the resolution SLA is at stake.
            for _ in 0..<4 {
                t.clock.advance(by: 7_000)
                _ = try await t.send(
                    .POST, "/api/v1/incidents/\(incident.id)/status-reports", as: manager,
                    json: #"{"situation":"en cours"}"#)
            }
            t.clock.advance(by: 1_000)
            let outcomes = try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false)
            let escalation = try #require(outcomes.first?.escalations.first { $0.kind == .majorOverdue })
            #expect(escalation.notify == [.incidentManager, .crisisManager, .continuityManager])
            let entry = try #require(try await t.journal(incident.id, as: manager).last { $0.kind == "escalated" })
            #expect(entry.details["notify"] == "continuity_manager,crisis_manager,incident_manager")
            #expect(entry.authorId == nil)
        }
    }

    @Test("a paused clock reaches no SLA") func paused() async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            let incident = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor)
            _ = try await t.send(
                .POST, "/api/v1/incidents/\(incident.id)/clock", as: helpdesk,
                json: #"{"action":"pause","reason":"Attente fournisseur"}"#)
            t.clock.advance(by: 10 * Self.day)
            #expect(try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false).isEmpty)
        }
    }

    @Test("longer targets move deadlines that were already stored") func settingsChange() async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            let admin = try await t.user([.admin])
            _ = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor)
            let put = try await t.send(
                .PUT, "/api/v1/settings/sla", as: admin, json: #"{"minor":{"qualify":"PT4H","resolve":"P5D"}}"#)
            #expect(put.status == .ok)
            t.clock.advance(by: 4 * Self.day)
            #expect(try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false).isEmpty)
            t.clock.advance(by: Self.day)
            #expect(try await t.app.escalationSweep.run(at: t.clock.now(), dryRun: false).count == 1)
        }
    }

    @Test("two sweeps at once escalate each incident once") func concurrentSweeps() async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            for _ in 0..<6 { _ = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor) }
            t.clock.advance(by: 3 * Self.day)
            let sweep = t.app.escalationSweep
            let now = t.clock.now()
            let made = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        try await sweep.run(at: now, dryRun: false).reduce(0) { $0 + $1.escalations.count }
                    }
                }
                return try await group.reduce(0, +)
            }
            // Each incident's late minor deadline is put to the managers once: whichever sweep
            // made it, never twice.
            let rest = try await sweep.run(at: now, dryRun: false).reduce(0) { $0 + $1.escalations.count }
            #expect(made + rest == 6)
            let rows = try await escalationRows(t)
            #expect(rows.count == 6)
            #expect(Set(rows) == [Escalation.minorDeadlineKey])
            let escalatedEntries = try await t.db.sql().raw(
                "SELECT COUNT(*) AS n FROM journal_entries WHERE kind = 'escalated'"
            )
            .first()?.decode(column: "n", as: Int.self)
            #expect(escalatedEntries == 6)
        }
    }

    @Test("the register's size does not matter: only due incidents are read") func onlyDue() async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            let late = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor)
            t.clock.advance(by: 2 * Self.day)
            for _ in 0..<5 { _ = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .low) }
            t.clock.advance(by: Self.day)
            let due = try await t.db.sql().raw(
                "SELECT number FROM incidents WHERE next_due_at <= \(bind: t.clock.now())"
            ).all().map { try $0.decode(column: "number", as: String.self) }
            #expect(due == [late.number])
        }
    }

    @Test("incidents sharing one deadline are all escalated, across pages") func sharedDeadline() async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            var numbers: [String] = []
            for _ in 0..<11 {
                numbers.append(
                    try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor).number)
            }
            // One instant for all, written as a float by another program (as SQLite stores it).
            try await t.db.sql().raw("UPDATE incidents SET next_due_at = reported_at").run()
            t.clock.advance(by: 3 * Self.day)
            var sweep = t.app.escalationSweep
            sweep.pageSize = 3
            let outcomes = try await sweep.run(at: t.clock.now(), dryRun: false)
            #expect(outcomes.map(\.number) == numbers.sorted())
            #expect(outcomes.allSatisfy { $0.escalations.map(\.kind) == [.minorOverdue] })
        }
    }
}
