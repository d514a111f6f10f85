import Fluent
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// `riposte journal verify`: walks every incident's chain; exits non-zero at the first break.
struct JournalCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["verify": JournalVerifyCommand()]
    var help: String { CommandText.say("cli.journal.help") }
}

struct JournalVerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { CommandText.say("cli.journal.verify.help") }

    func run(using context: CommandContext, signature: Signature) async throws {
        let report = try await JournalVerifier(database: context.application.db).verifyAll()
        if let broken = report.firstBreak {
            throw CommandFailure(
                CommandText.say("cli.journal.broken", broken.number, String(broken.sequence), broken.reason.rawValue))
        }
        context.console.print(
            CommandText.say("cli.journal.intact", String(report.incidents), String(report.entries)))
    }
}

/// Reads the journals incident by incident, in pages, so memory stays flat on a large register.
struct JournalVerifier: Sendable {
    struct Broken: Sendable, Equatable {
        let number: String
        let sequence: Int
        let reason: ChainBreak.Reason
    }

    struct Report: Sendable {
        var incidents = 0
        var entries = 0
        var firstBreak: Broken?
    }

    let sql: any SQLDatabase

    init(sql: any SQLDatabase) {
        self.sql = sql
    }

    init(database: any Database) throws {
        self.init(sql: try database.sql())
    }

    func verifyAll() async throws -> Report {
        var report = Report()
        var lastNumber: String?
        while true {
            // By number, in pages: memory stays flat on a large register.
            let incidents = try await IncidentQuery.numbers(after: lastNumber, limit: 500, on: sql)
            guard let last = incidents.last else { return report }
            for incident in incidents {
                let rows = try await JournalRow.chain(of: incident.id, on: sql)
                report.incidents += 1
                report.entries += rows.count
                if let broken = Self.firstBreak(in: rows) {
                    report.firstBreak = Broken(
                        number: incident.number, sequence: broken.sequence, reason: broken.reason)
                    return report
                }
            }
            lastNumber = last.number
        }
    }

    static func firstBreak(in rows: [JournalRow]) -> ChainBreak? {
        var entries: [StoredJournalEntry] = []
        for row in rows {
            guard let entry = row.stored else { return ChainBreak(sequence: row.sequence, reason: .unreadable) }
            entries.append(entry)
        }
        return JournalChain.firstBreak(in: entries)
    }
}
