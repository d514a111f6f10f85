import Foundation
import Testing

@testable import RiposteCore

@Suite("Backup manifest")
struct BackupManifestTests {
    static let database = BackupManifest.Part(path: "database.sqlite", bytes: 4096, sha256: "aa")
    static let file = BackupManifest.Part(path: "files/abc", bytes: 10, sha256: "bb")
    static let manifest = BackupManifest(
        schemaVersion: 40, engine: "sqlite", createdAt: Date(timeIntervalSince1970: 1_800_000_000),
        counts: ["incidents": 3, "users": 2], parts: [database, file])

    static func found(_ parts: [BackupManifest.Part]) -> [String: BackupManifest.Part] {
        Dictionary(uniqueKeysWithValues: parts.map { ($0.path, $0) })
    }

    @Test("whole parts pass; a missing, damaged, resized or unlisted part is named")
    func parts() {
        #expect(Self.manifest.check(found: Self.found([Self.database, Self.file]), supportedSchema: 40) == nil)
        #expect(
            Self.manifest.check(found: Self.found([Self.database]), supportedSchema: 40) == .missingPart("files/abc"))
        let damaged = BackupManifest.Part(path: "files/abc", bytes: 10, sha256: "cc")
        #expect(
            Self.manifest.check(found: Self.found([Self.database, damaged]), supportedSchema: 40)
                == .damagedPart("files/abc"))
        let truncated = BackupManifest.Part(path: "database.sqlite", bytes: 2048, sha256: "aa")
        #expect(
            Self.manifest.check(found: Self.found([truncated, Self.file]), supportedSchema: 40)
                == .damagedPart("database.sqlite"))
        let extra = BackupManifest.Part(path: "files/zzz", bytes: 1, sha256: "dd")
        #expect(
            Self.manifest.check(found: Self.found([Self.database, Self.file, extra]), supportedSchema: 40)
                == .unlistedPart("files/zzz"))
    }

    @Test("an archive of a newer schema, or of another layout, is refused")
    func schema() throws {
        #expect(
            Self.manifest.check(found: Self.found([Self.database, Self.file]), supportedSchema: 39)
                == .newerSchema(archive: 40, supported: 39))
        #expect(Self.manifest.check(found: Self.found([Self.database, Self.file]), supportedSchema: 41) == nil)
        let json = String(decoding: try JSONEncoder().encode(Self.manifest), as: UTF8.self)
            .replacingOccurrences(of: "riposte-backup\\/2", with: "other-app/3")
        let other = try JSONDecoder().decode(BackupManifest.self, from: Data(json.utf8))
        #expect(other.check(found: Self.found([Self.database, Self.file]), supportedSchema: 40) == .notRiposte)
    }

    @Test("counts compare table by table, a missing table counting as empty")
    func counts() {
        #expect(Self.manifest.checkCounts(["incidents": 3, "users": 2, "extra": 0]) == nil)
        #expect(
            Self.manifest.checkCounts(["incidents": 2, "users": 2])
                == .countDiffers(table: "incidents", expected: 3, found: 2))
        #expect(Self.manifest.checkCounts(["incidents": 3]) == .countDiffers(table: "users", expected: 2, found: 0))
    }

    @Test("a file part restores to its name only, never outside the files folder")
    func fileNames() {
        #expect(BackupManifest.fileName(of: BackupManifest.filePath("3f2a")) == "3f2a")
        for path in ["files/../etc/passwd", "files/", "files/..", "database.sqlite", "files/a\\b", "/files/x"] {
            #expect(BackupManifest.fileName(of: path) == nil, "\(path)")
        }
    }

    @Test("the manifest is sealed: edited after it was written, it is refused like a damaged part")
    func sealed() throws {
        let found = Self.found([Self.database, Self.file])
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let written = try encoder.encode(Self.manifest)
        let read = try decoder.decode(BackupManifest.self, from: written)
        #expect(
            read.seal != nil && read.check(found: found, supportedSchema: 40) == nil, "the JSON round trip keeps it")

        var object = try #require(try JSONSerialization.jsonObject(with: written) as? [String: Any])
        object["counts"] = ["incidents": 4, "users": 2]
        let edited = try decoder.decode(BackupManifest.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(edited.check(found: found, supportedSchema: 40) == .damagedPart("manifest.json"))

        // Its seal removed, it is refused; an archive written before manifests were sealed is read.
        object["counts"] = ["incidents": 3, "users": 2]
        object.removeValue(forKey: "seal")
        let unsealed = try decoder.decode(BackupManifest.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(unsealed.check(found: found, supportedSchema: 40) == .damagedPart("manifest.json"))
        object["format"] = "riposte-backup/1"
        let older = try decoder.decode(BackupManifest.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(older.seal == nil && older.check(found: found, supportedSchema: 40) == nil)

        // Fractional seconds: the seal is of what the JSON keeps.
        let precise = BackupManifest(
            schemaVersion: 40, engine: "sqlite", createdAt: Date(timeIntervalSince1970: 1_800_000_000.987),
            counts: ["incidents": 3], parts: [Self.database])
        let again = try decoder.decode(BackupManifest.self, from: try encoder.encode(precise))
        #expect(again.check(found: Self.found([Self.database]), supportedSchema: 40) == nil)
    }
}
