import Foundation
import NIOConcurrencyHelpers
import RiposteCore
import Vapor

/// The folder of uploaded files (`RIPOSTE_FILES`, else `riposte-files` in the working
/// directory). Files are written under random names chosen here, through a temporary file
/// written as the upload arrives, synced to disk and then renamed into place: a name sent by a
/// user never reaches the file system, a half-written file is never read, a file whose row is
/// committed is on disk, and no upload is ever held whole in memory.
struct FileStore: Sendable {
    let directory: URL

    static func fromEnvironment() -> FileStore {
        let path = Environment.get("RIPOSTE_FILES") ?? "riposte-files"
        return FileStore(directory: URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL)
    }

    /// A temporary file in the store's folder for an upload to be written to as it arrives.
    func incoming(limit: Int) throws -> IncomingFile {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(UUID.random().lowercaseText).part")
        // Not `Data.write(options: .atomic)`: it left an empty folder in /tmp behind each file.
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw Abort(.internalServerError, reason: "The file store cannot write in \(directory.path).")
        }
        return IncomingFile(temporary: temporary, handle: try FileHandle(forWritingTo: temporary), limit: limit)
    }

    /// Syncs a complete upload to disk and renames it into place; returns the name it is kept under.
    func keep(_ file: IncomingFile) throws -> String {
        let name = UUID.random().lowercaseText
        do {
            try file.finish()
            try FileManager.default.moveItem(at: file.temporary, to: directory.appendingPathComponent(name))
        } catch {
            discard(file)
            throw error
        }
        return name
    }

    func discard(_ file: IncomingFile) {
        try? file.finish()
        try? FileManager.default.removeItem(at: file.temporary)
    }

    func path(of name: String) throws -> String {
        try url(name).path
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

/// An upload being written to its temporary file, chunk by chunk, and recognised on the way.
/// Chunks come one at a time (each waits for the previous write); the lock says so to the compiler.
final class IncomingFile: @unchecked Sendable {
    struct TooLarge: Error {}

    let temporary: URL
    let limit: Int
    private let handle: FileHandle
    private let lock = NIOLock()
    private var sniffer = FileSniffer()
    private var finished = false

    fileprivate init(temporary: URL, handle: FileHandle, limit: Int) {
        self.temporary = temporary
        self.handle = handle
        self.limit = limit
    }

    /// What has arrived so far: its size and what it is.
    var sniffed: FileSniffer { lock.withLock { sniffer } }

    /// Blocks on the disk: call it from the thread pool, not from an event loop.
    func write(_ chunk: ByteBuffer) throws {
        try lock.withLock {
            guard sniffer.size + chunk.readableBytes <= limit else { throw TooLarge() }
            // Through a raw buffer: Foundation copies a contiguous buffer at once, any other
            // collection byte by byte.
            try chunk.withUnsafeReadableBytes { bytes in
                sniffer.feed(bytes)
                try handle.write(contentsOf: bytes)
            }
        }
    }

    fileprivate func finish() throws {
        try lock.withLock {
            guard !finished else { return }
            finished = true
            defer { try? handle.close() }
            try handle.synchronize()
        }
    }

    deinit { if !finished { try? handle.close() } }
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
