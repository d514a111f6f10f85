import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import RiposteCore

/// The folder of uploaded files (`RIPOSTE_FILES`, else `riposte-files` in the working
/// directory). Files are written under random names chosen here, through a temporary file
/// written as the upload arrives, synced to disk and then renamed into place: a name sent by a
/// user never reaches the file system, a half-written file is never read, a file whose row is
/// committed is on disk, and no upload is ever held whole in memory.
package struct FileStore: Sendable {
    package let directory: URL

    package init(directory: URL) {
        self.directory = directory
    }

    package init(path: String) {
        self.init(directory: URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL)
    }

    /// A temporary file in the store's folder for an upload to be written to as it arrives.
    package func incoming(limit: Int) throws -> IncomingFile {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(UUID.random().lowercaseText).part")
        // Not `Data.write(options: .atomic)`: it left an empty folder in /tmp behind each file.
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw StorageFault.directoryNotWritable(path: directory.path)
        }
        do {
            return IncomingFile(temporary: temporary, handle: try FileHandle(forWritingTo: temporary), limit: limit)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Syncs a complete upload to disk and renames it into place, on the thread pool (the sync
    /// waits for the disk); returns the name it is kept under.
    package func keep(_ file: IncomingFile, on pool: NIOThreadPool) async throws -> String {
        let (name, directory) = (UUID.random().lowercaseText, directory)
        do {
            try await pool.runIfActive {
                try file.finish()
                try FileManager.default.moveItem(at: file.temporary, to: directory.appendingPathComponent(name))
            }
        } catch {
            discard(file)
            throw error
        }
        return name
    }

    /// Drops an upload that will not be kept: closed without waiting for the disk, removed.
    package func discard(_ file: IncomingFile) {
        file.abandon()
        try? FileManager.default.removeItem(at: file.temporary)
    }

    /// Removes the temporary files a stopped process left behind (a crash mid-upload): those
    /// older than an hour, so that an upload in progress in another instance is left alone.
    package func removeAbandonedUploads(olderThan age: TimeInterval = 3600, now: Date) {
        let folder = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in folder where name.hasPrefix(".") && name.hasSuffix(".part") {
            let url = directory.appendingPathComponent(name)
            let modified = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
            if let modified, now.timeIntervalSince(modified) > age { try? FileManager.default.removeItem(at: url) }
        }
    }

    package func path(of name: String) throws -> String {
        try url(name).path
    }

    package func delete(_ name: String) {
        if let url = try? url(name) { try? FileManager.default.removeItem(at: url) }
    }

    /// Only names this store made: a UUID, nothing else.
    private func url(_ name: String) throws -> URL {
        guard UUID(uuidString: name) != nil else { throw Refusal.notFound(.documentFile) }
        return directory.appendingPathComponent(name)
    }
}

/// An upload being written to its temporary file, chunk by chunk, and recognised on the way.
/// Chunks come one at a time (each waits for the previous write); the lock says so to the compiler.
/// Writes are gathered into blocks: a multipart parser hands over many small pieces.
package final class IncomingFile: @unchecked Sendable {
    package struct TooLarge: Error {}

    package static let blockSize = 256 * 1024

    package let temporary: URL
    package let limit: Int
    private let handle: FileHandle
    private let lock = NIOLock()
    private var sniffer = FileSniffer()
    private var pending: [UInt8] = []
    private var finished = false

    fileprivate init(temporary: URL, handle: FileHandle, limit: Int) {
        self.temporary = temporary
        self.handle = handle
        self.limit = limit
    }

    /// What has arrived so far: its size and what it is.
    package var sniffed: FileSniffer { lock.withLock { sniffer } }

    /// Blocks on the disk: call it from the thread pool, not from an event loop.
    package func write(_ chunk: ByteBuffer) throws {
        try lock.withLock {
            guard sniffer.size + chunk.readableBytes <= limit else { throw TooLarge() }
            // Through a raw buffer: Foundation copies a contiguous buffer at once, any other
            // collection byte by byte.
            try chunk.withUnsafeReadableBytes { bytes in
                sniffer.feed(bytes)
                pending.append(contentsOf: bytes)
            }
            if pending.count >= Self.blockSize { try flush() }
        }
    }

    /// Writes what is gathered; under the lock.
    private func flush() throws {
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { try handle.write(contentsOf: $0) }
        pending.removeAll(keepingCapacity: true)
    }

    fileprivate func finish() throws {
        try lock.withLock {
            guard !finished else { return }
            finished = true
            defer { try? handle.close() }
            try flush()
            try handle.synchronize()
        }
    }

    /// Closes the file without writing what is gathered or waiting for the disk.
    fileprivate func abandon() {
        lock.withLock {
            guard !finished else { return }
            finished = true
            pending = []
            try? handle.close()
        }
    }

    deinit { if !finished { try? handle.close() } }
}
