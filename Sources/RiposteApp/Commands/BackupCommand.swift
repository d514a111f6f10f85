import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// `riposte backup --to FILE` and `riposte backup verify FILE` (#19 point 1): one archive of
/// the database and the uploaded files, taken while Riposte serves, checked without restoring.
/// A group whose default takes options (`backup --to FILE`): ConsoleKit's groups read any
/// first word, an option too, as a subcommand's name.
struct BackupCommand: AnyAsyncCommand {
    var help: String { CommandText.say("cli.backup.help") }

    func run(using context: inout CommandContext) async throws {
        if context.input.arguments.first == "verify" {
            context.input.arguments.removeFirst()
            context.input.executablePath.append("verify")
            try await BackupVerifyCommand().run(using: &context)
        } else {
            try await BackupTakeCommand().run(using: &context)
        }
    }

    func outputHelp(using context: inout CommandContext) throws {
        try BackupTakeCommand().outputHelp(using: &context)
        context.console.print("verify FILE: " + BackupVerifyCommand().help)
    }
}

struct BackupTakeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: CommandText.say("cli.backup.to")) var to: String?
        @Flag(name: "force", help: CommandText.say("cli.backup.force")) var force: Bool
    }

    var help: String { CommandText.say("cli.backup.take.help") }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let to = signature.to, !to.isEmpty else { throw CommandFailure(CommandText.say("cli.backup.to_needed")) }
        let target = URL(fileURLWithPath: to).standardizedFileURL
        if FileManager.default.fileExists(atPath: target.path), !signature.force {
            throw CommandFailure(CommandText.say("cli.backup.exists", target.path))
        }
        let app = context.application
        let say = { (line: String) in context.console.print(line) }
        do {
            let result = try await BackupTaker(
                database: app.db, gate: app.writeGate, setup: DatabaseChoice.fromEnvironment(), files: app.files,
                now: app.clock.now()
            ).take(to: target, progress: say)
            say(CommandText.say("cli.backup.done", target.path, String(result.bytes), result.sha256))
        } catch let refusal as BackupArchive.Refusal {
            throw CommandFailure(refusal.line)
        }
    }
}

struct BackupVerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: CommandText.say("cli.backup.file")) var file: String
    }

    var help: String { CommandText.say("cli.backup.verify.help") }

    func run(using context: CommandContext, signature: Signature) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riposte-verify-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let manifest = try BackupArchive.open(URL(fileURLWithPath: signature.file), into: folder)
            let parts = String(manifest.parts.count)
            if let entries = try await BackupChecks.databasePart(manifest, in: folder) {
                context.console.print(CommandText.say("cli.backup.verified", signature.file, parts, String(entries)))
            } else {
                context.console.print(CommandText.say("cli.backup.verified_dump", signature.file, parts))
            }
        } catch let refusal as BackupArchive.Refusal {
            throw CommandFailure(refusal.line)
        }
    }
}

/// The checks an archive's SQLite database passes before it is trusted: every journal chain
/// intact, every table holding the rows the manifest counted.
enum BackupChecks {
    /// The journal entries checked, or nil for a PostgreSQL dump (checked once restored).
    static func databasePart(_ manifest: BackupManifest, in folder: URL) async throws -> Int? {
        guard manifest.engine == "sqlite" else { return nil }
        let path = folder.appendingPathComponent("database.sqlite").path
        return try await BackupReads.withSQLiteFile(at: path) { sql in
            try await verify(manifest, on: sql)
        }
    }

    /// Journal chains and counts, on a database restored or about to be.
    static func verify(_ manifest: BackupManifest, on sql: any SQLDatabase) async throws -> Int {
        let report = try await JournalVerifier(sql: sql).verifyAll()
        if let broken = report.firstBreak {
            throw BackupArchive.Refusal(
                "cli.journal.broken", broken.number, String(broken.sequence), broken.reason.rawValue)
        }
        if let problem = manifest.checkCounts(try await BackupReads.counts(on: sql)) {
            throw BackupArchive.Refusal(problem)
        }
        return report.entries
    }
}
