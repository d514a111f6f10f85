import Crypto
import Foundation

/// What a backup archive holds (#19 point 1), written beside its parts: which Riposte and
/// which schema made it, how many rows each table had, and each part's size and SHA-256. An
/// archive is checked against it before anything is restored.
public struct BackupManifest: Codable, Sendable, Equatable {
    public struct Part: Codable, Sendable, Equatable {
        public let path: String
        public let bytes: Int
        public let sha256: String

        public init(path: String, bytes: Int, sha256: String) {
            self.path = path
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    /// Names an archive of Riposte's, in this layout: `/2` has a sealed manifest.
    public static let currentFormat = "riposte-backup/2"
    /// The layouts this Riposte restores: `/1`, written before manifests were sealed, too.
    public static let readableFormats: Set<String> = ["riposte-backup/1", currentFormat]
    public static let fileName = "manifest.json"

    public let format: String
    /// The schema: how many migrations had run.
    public let schemaVersion: Int
    /// `sqlite` or `postgres`.
    public let engine: String
    public let createdAt: Date
    /// Rows per table, as the database part holds them.
    public let counts: [String: Int]
    public let parts: [Part]
    /// SHA-256 of everything above, so that a manifest damaged or changed after it was written
    /// (a count or a part's checksum, zipped again with a right CRC) is refused like a damaged
    /// part. It has no key: it catches accidents and careless edits, not someone who rewrites
    /// the seal too (keep archives where only their owners can write). Required from
    /// `riposte-backup/2` on; `/1` archives, written before it existed, are still read.
    public private(set) var seal: String?

    public init(schemaVersion: Int, engine: String, createdAt: Date, counts: [String: Int], parts: [Part]) {
        self.format = Self.currentFormat
        self.schemaVersion = schemaVersion
        self.engine = engine
        self.createdAt = createdAt
        self.counts = counts
        self.parts = parts
        self.seal = computedSeal
    }

    /// One line per fact, in a fixed order: the same text on every platform and after the
    /// JSON's round trip.
    var computedSeal: String {
        // The date as the manifest's JSON writes it (ISO 8601, whole seconds), whichever way
        // its fraction went there.
        let day = ISO8601DateFormatter().string(from: createdAt)
        var lines = [format, String(schemaVersion), engine, day]
        lines += counts.sorted { $0.key < $1.key }.map { "count \($0.key) \($0.value)" }
        lines += parts.sorted { $0.path < $1.path }.map { "part \($0.path) \($0.bytes) \($0.sha256)" }
        return Hex.encode(SHA256.hash(data: Data(lines.joined(separator: "\n").utf8)))
    }

    /// Why an archive may not be restored.
    public enum Problem: Sendable, Equatable {
        /// Not an archive of Riposte's, or of a layout this Riposte does not read.
        case notRiposte
        /// Made by a newer Riposte: its schema is ahead of this one's.
        case newerSchema(archive: Int, supported: Int)
        case missingPart(String)
        case unlistedPart(String)
        case damagedPart(String)
        /// The restored database does not hold what the archive said.
        case countDiffers(table: String, expected: Int, found: Int)
    }

    /// Checks the parts found in an archive (path → size and SHA-256, the manifest excluded)
    /// against the manifest; the first problem, or nil when every part is whole.
    public func check(found: [String: Part], supportedSchema: Int) -> Problem? {
        guard Self.readableFormats.contains(format) else { return .notRiposte }
        if seal != computedSeal && (seal != nil || format == Self.currentFormat) {
            return .damagedPart(Self.fileName)
        }
        guard schemaVersion <= supportedSchema else {
            return .newerSchema(archive: schemaVersion, supported: supportedSchema)
        }
        for part in parts.sorted(by: { $0.path < $1.path }) {
            guard let actual = found[part.path] else { return .missingPart(part.path) }
            guard actual == part else { return .damagedPart(part.path) }
        }
        let listed = Set(parts.map(\.path))
        if let extra = found.keys.sorted().first(where: { !listed.contains($0) }) { return .unlistedPart(extra) }
        return nil
    }

    /// Compares a database's row counts with the manifest's, table by table.
    public func checkCounts(_ found: [String: Int]) -> Problem? {
        for (table, expected) in counts.sorted(by: { $0.key < $1.key }) where found[table, default: 0] != expected {
            return .countDiffers(table: table, expected: expected, found: found[table, default: 0])
        }
        return nil
    }

    /// A part's path for an uploaded file: under `files/`, its name only (never a folder of
    /// the archive's choosing when restored).
    public static func filePath(_ name: String) -> String { "files/" + name }

    /// The file name a part restores to, or nil for a path that would leave the files folder.
    public static func fileName(of path: String) -> String? {
        guard path.hasPrefix("files/") else { return nil }
        let name = String(path.dropFirst("files/".count))
        guard !name.isEmpty, !name.contains("/"), !name.contains("\\"), name != ".", name != ".." else { return nil }
        return name
    }
}
