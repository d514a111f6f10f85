import Crypto
import Foundation
import RiposteCore
import RiposteStorage
import ZIPFoundation

/// A backup archive on disk (#19 point 1): a zip of the database part, the uploaded files
/// under `files/` and `manifest.json` listing every other part with its size and SHA-256.
enum BackupArchive {
    /// Why an archive cannot be used, worded for the command line in one line.
    struct Refusal: Error, Sendable {
        let key: String
        let arguments: [String]

        init(_ key: String, _ arguments: String...) {
            self.key = key
            self.arguments = arguments
        }

        init(_ problem: BackupManifest.Problem) {
            switch problem {
            case .notRiposte: self.init("cli.backup.not_riposte")
            case .newerSchema(let archive, let supported):
                self.init("cli.backup.newer_schema", String(archive), String(supported))
            case .missingPart(let path): self.init("cli.backup.missing_part", path)
            case .unlistedPart(let path): self.init("cli.backup.unlisted_part", path)
            case .damagedPart(let path): self.init("cli.backup.damaged_part", path)
            case .countDiffers(let table, let expected, let found):
                self.init("cli.backup.count_differs", table, String(expected), String(found))
            }
        }

        var line: String { CommandText.catalogue.text(key, CommandText.language, arguments) }
    }

    /// A file's size and SHA-256, read in chunks.
    static func part(_ path: String, of file: URL) throws -> BackupManifest.Part {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            bytes += chunk.count
        }
        return BackupManifest.Part(path: path, bytes: bytes, sha256: Hex.encode(hasher.finalize()))
    }

    /// Writes the archive at `target` from the parts at hand (archive path → file) and the
    /// manifest; written beside the target first and moved into place when whole.
    static func write(
        _ manifest: BackupManifest, parts: [(path: String, file: URL)], to target: URL
    ) throws {
        let partial = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).part")
        defer { try? FileManager.default.removeItem(at: partial) }
        let archive = try Archive(url: partial, accessMode: .create)
        for part in parts {
            try archive.addEntry(with: part.path, fileURL: part.file, compressionMethod: .deflate)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let manifestData = try encoder.encode(manifest)
        try archive.addEntry(
            with: BackupManifest.fileName, type: .file, uncompressedSize: Int64(manifestData.count),
            compressionMethod: .deflate,
            provider: { position, size in
                manifestData.subdata(in: Data.Index(position)..<Data.Index(position) + size)
            })
        if FileManager.default.fileExists(atPath: target.path) {
            _ = try FileManager.default.replaceItemAt(target, withItemAt: partial)
        } else {
            try FileManager.default.moveItem(at: partial, to: target)
        }
    }

    /// An archive read and checked: every part whole and listed, a schema this Riposte reads.
    /// The parts are extracted into `folder` (the database part and the files), for a restore
    /// or for the checks that need the database itself.
    static func open(_ source: URL, into folder: URL) throws -> BackupManifest {
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw Refusal("cli.backup.no_file", source.path)
        }
        let archive: Archive
        do {
            archive = try Archive(url: source, accessMode: .read)
        } catch {
            throw Refusal("cli.backup.not_riposte")
        }
        guard let manifestEntry = archive[BackupManifest.fileName] else { throw Refusal("cli.backup.not_riposte") }
        var manifestData = Data()
        let manifest: BackupManifest
        do {
            _ = try archive.extract(manifestEntry) { manifestData.append($0) }
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            manifest = try decoder.decode(BackupManifest.self, from: manifestData)
        } catch {
            throw Refusal("cli.backup.not_riposte")
        }
        var found: [String: BackupManifest.Part] = [:]
        for entry in archive where entry.path != BackupManifest.fileName {
            // Only the parts Riposte writes, by names that stay inside the folder.
            guard entry.type == .file,
                entry.path == "database.sqlite" || entry.path == "database.pgdump"
                    || BackupManifest.fileName(of: entry.path) != nil
            else { throw Refusal(.unlistedPart(entry.path)) }
            let destination = folder.appendingPathComponent(entry.path)
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            do {
                _ = try archive.extract(entry, to: destination)
            } catch {
                throw Refusal(.damagedPart(entry.path))
            }
            found[entry.path] = try part(entry.path, of: destination)
        }
        if let problem = manifest.check(found: found, supportedSchema: MigrationList.all.count) {
            throw Refusal(problem)
        }
        return manifest
    }
}
