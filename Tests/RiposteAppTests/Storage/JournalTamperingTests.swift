import Fluent
import Foundation
import RiposteCore
import SQLKit
import Testing
import VaporTesting

@testable import RiposteApp

@Suite("Journal verification")
struct JournalTamperingTests {
    @Test("an intact register verifies") func intact() async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            for _ in 0..<3 { _ = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor) }
            let report = try await JournalVerifier(database: t.db).verifyAll()
            #expect(report.firstBreak == nil)
            #expect(report.incidents == 3 && report.entries == 6)
        }
    }

    static let tamperings: [(String, ChainBreak.Reason)] = [
        ("UPDATE journal_entries SET text = 'rien à signaler' WHERE sequence = 2", .hashMismatch),
        ("UPDATE journal_entries SET kind = 'note' WHERE sequence = 2", .hashMismatch),
        ("UPDATE journal_entries SET details = 'garbage' WHERE sequence = 2", .unreadable),
        ("DELETE FROM journal_entries WHERE sequence = 2", .sequenceGap),
    ]

    @Test("a row changed behind Riposte's back is found", arguments: tamperings)
    func tampered(statement: String, reason: ChainBreak.Reason) async throws {
        try await withTestApp { t in
            let helpdesk = try await t.user([.helpdeskOperator])
            let incident = try await t.qualify(try await t.report(as: helpdesk), as: helpdesk, severity: .minor)
            _ = try await t.move(incident, to: .inTreatment, as: helpdesk)
            try await t.db.sql().raw(SQLQueryString(statement)).run()
            let report = try await JournalVerifier(database: t.db).verifyAll()
            #expect(
                report.firstBreak
                    == .init(number: incident.number, sequence: reason == .sequenceGap ? 3 : 2, reason: reason))
        }
    }
}
