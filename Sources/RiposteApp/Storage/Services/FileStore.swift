import Foundation
import RiposteCore
import Vapor

/// The folder of uploaded files (`RIPOSTE_FILES`, else `riposte-files` in the working
/// directory). Files are written under random names chosen here, through a temporary file
/// synced to disk and then renamed into place, so a name sent by a user never reaches the file
/// system, a half-written file is never read, and a file whose row is committed is on disk.
struct FileStore: Sendable {
    let directory: URL

    static func fromEnvironment() -> FileStore {
        let path = Environment.get("RIPOSTE_FILES") ?? "riposte-files"
        return FileStore(directory: URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL)
    }

    /// Stores the bytes and returns the name they are kept under.
    func save(_ bytes: [UInt8]) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let name = UUID.random().lowercaseText
        let temporary = directory.appendingPathComponent(".\(name).part")
        // Not `Data.write(options: .atomic)`: it left an empty folder in /tmp behind each file.
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw Abort(.internalServerError, reason: "The file store cannot write in \(directory.path).")
        }
        let handle = try FileHandle(forWritingTo: temporary)
        do {
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        try FileManager.default.moveItem(at: temporary, to: directory.appendingPathComponent(name))
        return name
    }

    func read(_ name: String) throws -> Data {
        try Data(contentsOf: try url(name))
    }

    func delete(_ name: String) {
        if let url = try? url(name) { try? FileManager.default.removeItem(at: url) }
    }

    /// Only names this store made: a UUID, nothing else.
    private func url(_ name: String) throws -> URL {
        guard UUID(uuidString: name) != nil else { throw Abort(.notFound) }
        return directory.appendingPathComponent(name)
    }
}

extension Application {
    private struct FileStoreKey: StorageKey {
        typealias Value = FileStore
    }

    var files: FileStore {
        get { storage[FileStoreKey.self] ?? .fromEnvironment() }
        set { storage[FileStoreKey.self] = newValue }
    }
}
