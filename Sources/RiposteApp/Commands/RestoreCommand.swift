import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// `riposte restore --from FILE` (#19 point 1): into an empty database and files folder
/// (`--force` to replace what is there), only from an archive whose every part is whole and
/// whose schema this Riposte reads; then the database is brought to this Riposte's schema,
/// every journal chain verified and the rows counted against the manifest.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "from", help: CommandText.say("cli.restore.from")) var from: String?
        @Flag(name: "force", help: CommandText.say("cli.restore.force")) var force: Bool
    }

    var help: String { CommandText.say("cli.restore.help") }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let from = signature.from, !from.isEmpty else {
            throw CommandFailure(CommandText.say("cli.restore.from_needed"))
        }
        let app = context.application
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("riposte-restore-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let manifest = try BackupArchive.open(URL(fileURLWithPath: from), into: folder)
            _ = try await BackupChecks.databasePart(manifest, in: folder)
            let setup = DatabaseChoice.fromEnvironment()
            guard manifest.engine == setup.engineName else {
                throw BackupArchive.Refusal("cli.restore.other_engine", manifest.engine, setup.engineName)
            }
            try await Self.refuseUnlessEmpty(setup, files: app.files, force: signature.force, on: app.db)
            try await Self.restoreDatabase(setup, from: folder, on: app.db)
            try Self.restoreFiles(manifest, from: folder, into: app.files)
            try await DatabaseUpkeep.prepare(app.db.sql())
            // An archive of an older schema follows this Riposte's migrations.
            try await app.autoMigrate()
            let entries = try await JournalVerifier(database: app.db).verifyAll()
            if let broken = entries.firstBreak {
                throw BackupArchive.Refusal(
                    "cli.journal.broken", broken.number, String(broken.sequence), broken.reason.rawValue)
            }
            if manifest.schemaVersion == MigrationList.all.count,
                let problem = manifest.checkCounts(try await BackupReads.counts(on: app.db.sql()))
            {
                throw BackupArchive.Refusal(problem)
            }
            context.console.print(
                CommandText.say("cli.restore.done", from, String(entries.incidents), String(entries.entries)))
        } catch let refusal as BackupArchive.Refusal {
            throw CommandFailure(refusal.line)
        }
    }

    static func refuseUnlessEmpty(
        _ setup: DatabaseChoice, files: FileStore, force: Bool, on database: any Database
    ) async throws {
        guard !force else { return }
        let holds: Bool
        switch setup {
        case .sqlite(let path):
            holds =
                FileManager.default.fileExists(atPath: path)
                ? try await BackupReads.withSQLiteFile(at: path) { try await BackupReads.holdsData(on: $0) } : false
        case .postgres: holds = try await BackupReads.holdsData(on: database.sql())
        }
        if holds { throw BackupArchive.Refusal("cli.restore.not_empty_database") }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: files.directory.path)) ?? []
        if names.contains(where: { !$0.hasPrefix(".") }) {
            throw BackupArchive.Refusal("cli.restore.not_empty_files", files.directory.path)
        }
    }

    /// SQLite: the archive's file takes the database's place (nothing has opened it yet: under
    /// `restore`, `configure` neither prepares nor migrates it). PostgreSQL: the schema emptied,
    /// then `pg_restore` of the dump in one transaction. PostgreSQL: `pg_restore` of the dump, in one
    /// transaction, over whatever tables are there.
    static func restoreDatabase(_ setup: DatabaseChoice, from folder: URL, on database: any Database) async throws {
        switch setup {
        case .sqlite(let path):
            // Whole beside it first: an interrupted copy never leaves a truncated database.
            let restoring = path + ".restoring"
            try? FileManager.default.removeItem(atPath: restoring)
            try FileManager.default.copyItem(
                atPath: folder.appendingPathComponent("database.sqlite").path, toPath: restoring)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            guard rename(restoring, path) == 0 else {
                throw BackupArchive.Refusal("cli.restore.cannot_replace", path)
            }
        case .postgres(let url):
            let dump = folder.appendingPathComponent("database.pgdump")
            guard FileManager.default.fileExists(atPath: dump.path) else {
                throw BackupArchive.Refusal("cli.restore.no_dump")
            }
            guard let program = ExternalCommand.find("pg_restore") else {
                throw BackupArchive.Refusal("cli.restore.no_pg_restore")
            }
            // Nothing of the database that was there stays beside what is restored (tables a
            // newer schema added would break the migrations that follow).
            try await BackupReads.emptySchema(on: database.sql())
            let (address, password) = PostgresAddress.split(url)
            let (status, error) = try await ExternalCommand.run(
                program, ["--no-owner", "--single-transaction", "--dbname=\(address)", dump.path],
                environment: password.map { ["PGPASSWORD": $0] } ?? [:])
            guard status == 0 else {
                throw BackupArchive.Refusal("cli.restore.pg_restore_failed", String(status), error)
            }
        }
    }

    static func restoreFiles(_ manifest: BackupManifest, from folder: URL, into files: FileStore) throws {
        try FileManager.default.createDirectory(at: files.directory, withIntermediateDirectories: true)
        for part in manifest.parts {
            guard let name = BackupManifest.fileName(of: part.path) else { continue }
            let target = files.directory.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: folder.appendingPathComponent(part.path), to: target)
        }
    }
}
