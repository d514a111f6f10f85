import Fluent
import Foundation
import RiposteCore
import RiposteStorage
import SQLKit

/// Takes a backup while Riposte serves (#19 point 1). SQLite: a consistent copy of the file
/// (`VACUUM INTO`), its rows counted in the copy. PostgreSQL: `pg_dump` of a snapshot exported
/// by a transaction whose counts are those of the same snapshot; without `pg_dump`, the files
/// and the manifest only, and the operator is told to dump the database beside it.
struct BackupTaker {
    let database: any Database
    let gate: WriteGate
    let setup: DatabaseChoice
    let files: FileStore
    let now: Date

    func take(to target: URL, progress: (String) -> Void) async throws -> BackupManifest.Part {
        let work = target.deletingLastPathComponent().appendingPathComponent(".riposte-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var parts: [(path: String, file: URL)] = []
        let counts: [String: Int]
        progress(CommandText.say("cli.backup.database"))
        switch setup {
        case .sqlite(let path):
            let copy = work.appendingPathComponent("database.sqlite")
            // On a connection of its own: the server's pooled connections keep answering.
            try await BackupReads.withSQLiteFile(at: path) { try await BackupReads.copySQLite(to: copy.path, on: $0) }
            counts = try await BackupReads.withSQLiteFile(at: copy.path) { try await BackupReads.counts(on: $0) }
            parts.append(("database.sqlite", copy))
        case .postgres(let url):
            let dump = work.appendingPathComponent("database.pgdump")
            if let program = ExternalCommand.find("pg_dump") {
                counts = try await Self.dump(url, with: program, to: dump, on: database)
                parts.append(("database.pgdump", dump))
            } else {
                counts = try await BackupReads.counts(on: database.sql())
                progress(CommandText.say("cli.backup.no_pg_dump"))
            }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: files.directory.path)) ?? []
        for name in names.sorted() where !name.hasPrefix(".") {
            let file = files.directory.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), !isFolder.boolValue
            else { continue }
            parts.append((BackupManifest.filePath(name), file))
        }
        progress(CommandText.say("cli.backup.files", String(parts.count(where: { $0.path.hasPrefix("files/") }))))
        let manifest = BackupManifest(
            schemaVersion: MigrationList.all.count, engine: setup.engineName, createdAt: now, counts: counts,
            parts: try parts.map { try BackupArchive.part($0.path, of: $0.file) })
        progress(CommandText.say("cli.backup.writing"))
        try BackupArchive.write(manifest, parts: parts, to: target)
        let archive = try BackupArchive.part(target.lastPathComponent, of: target)
        // Told on the administration page, which warns when backups stop: only an archive that
        // holds the database counts.
        if parts.contains(where: { $0.path.hasPrefix("database.") }) {
            let entry = BackupLog.Entry(at: now, bytes: archive.bytes, sha256: archive.sha256, file: target.path)
            try await gate.transaction(on: database) { tx in try await BackupLog.record(entry, on: tx.sql()) }
        }
        return archive
    }

    /// `serve`'s own backups: one into `folder` every interval, the newest `keep` kept. Without
    /// `pg_dump` it refuses (an archive without the database is no backup), and says so.
    func takeInto(folder: URL, keep: Int) async throws -> BackupManifest.Part {
        if case .postgres = setup, ExternalCommand.find("pg_dump") == nil {
            throw BackupArchive.Refusal("cli.backup.no_pg_dump")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let part = try await take(to: folder.appendingPathComponent(BackupSchedule.archiveName(at: now))) { _ in }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        for name in BackupSchedule.toRemove(names, keep: keep) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        return part
    }

    /// `pg_dump` of the snapshot a repeatable-read transaction exports, the rows counted in
    /// that same snapshot while the transaction holds it.
    static func dump(
        _ url: String, with program: URL, to file: URL, on database: any Database
    ) async throws
        -> [String: Int]
    {
        try await database.transaction { tx in
            let sql = try tx.sql()
            let snapshot = try await BackupReads.exportSnapshot(on: sql)
            let counts = try await BackupReads.counts(on: sql)
            let (address, password) = PostgresAddress.split(url)
            let (status, error) = try await ExternalCommand.run(
                program,
                [
                    "--format=custom", "--no-owner", "--snapshot=\(snapshot)", "--file=\(file.path)",
                    "--dbname=\(address)",
                ], environment: password.map { ["PGPASSWORD": $0] } ?? [:])
            guard status == 0 else { throw BackupArchive.Refusal("cli.backup.pg_dump_failed", String(status), error) }
            return counts
        }
    }
}

extension DatabaseChoice {
    var engineName: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgres"
        }
    }
}

/// A `DATABASE_URL` for PostgreSQL's own programs: the password out of the URL, handed over in
/// `PGPASSWORD`, so that `ps` never shows it.
enum PostgresAddress {
    static func split(_ url: String) -> (address: String, password: String?) {
        guard var components = URLComponents(string: url), let password = components.password else { return (url, nil) }
        components.password = nil
        return (components.string ?? url, password.removingPercentEncoding ?? password)
    }
}
